"""Validate Article and Document records: JSON Schema plus cross-field invariants. Pure.

Each problem is a `Problem(pointer, message)`: a JSON Pointer into the record and a
plain one-line message, e.g. `/entities/3: text[10:17] is 'Tokayev ', not 'Tokayev'`.
Validators are compiled once per process (the schemas never change while it runs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from corpus.records import sha256_text
from corpus.schemas import SCHEMA_NAMES, load_schema


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


@cache
def _registry() -> Registry[Any]:
    resources = [
        (load_schema(n)["$id"], Resource.from_contents(load_schema(n))) for n in SCHEMA_NAMES
    ]
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    """The compiled validator for 'article' or 'document' (built once)."""
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


def _pointer(path: Sequence[Any]) -> str:
    return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in path)


def _schema_message(error: ValidationError) -> str:
    # jsonschema's own messages repeat the whole instance for oneOf/unevaluated failures;
    # keep them to one readable line.
    message = error.message
    if len(message) > 200:
        message = message[:197] + "..."
    return message


def schema_problems(record: Mapping[str, Any], kind: str = "document") -> list[Problem]:
    """JSON Schema problems of `record`, sorted by location."""
    found = []
    for error in validator(kind).iter_errors(record):
        # For a oneOf/anyOf failure, the most specific sub-error names the real problem.
        best = error
        while best.context:
            best = min(best.context, key=lambda e: len(e.schema_path))
        found.append(Problem(_pointer(best.absolute_path), _schema_message(best)))
    return sorted(set(found))


def _span_problems(text: str, pointer: str, span: Mapping[str, Any]) -> Iterator[Problem]:
    start, end, span_text = span["start"], span["end"], span["text"]
    if not 0 <= start < end <= len(text):
        yield Problem(pointer, f"offsets [{start}:{end}] are outside the text (length {len(text)})")
        return
    actual = text[start:end]
    if actual != span_text:
        yield Problem(pointer, f"text[{start}:{end}] is {actual!r}, not {span_text!r}")
    if actual != actual.strip():
        yield Problem(pointer, f"span [{start}:{end}] {actual!r} starts or ends with whitespace")


def invariant_problems(record: Mapping[str, Any]) -> list[Problem]:
    """Cross-field problems of a schema-valid Article or Document record."""
    problems: list[Problem] = []
    text: str = record["text"]
    if record["text_sha256"] != sha256_text(text):
        problems.append(Problem("/text_sha256", "does not match sha256 of text; recompute it"))

    previous_end = 0
    for i, para in enumerate(record["paragraphs"]):
        start, end = para["start"], para["end"]
        if not previous_end <= start < end <= len(text):
            problems.append(
                Problem(f"/paragraphs/{i}", f"[{start}:{end}] is out of order or outside the text")
            )
        elif text[start:end] != text[start:end].strip() or "\n\n" in text[start:end]:
            problems.append(
                Problem(f"/paragraphs/{i}", f"[{start}:{end}] is not one trimmed block")
            )
        previous_end = max(previous_end, end)
    paragraphs = record["paragraphs"]
    if paragraphs and text[paragraphs[0]["start"] : paragraphs[0]["end"]] != record["title"]:
        problems.append(Problem("/title", "is not the text of the first paragraph"))

    if "entities" not in record:
        return problems

    ids: dict[str, str] = {}
    seen_spans: dict[tuple[str, int, int], str] = {}
    for kind in ("entities", "quantities", "stances"):
        for i, span in enumerate(record[kind]):
            pointer = f"/{kind}/{i}"
            problems.extend(_span_problems(text, pointer, span))
            if span["id"] in ids:
                problems.append(
                    Problem(f"{pointer}/id", f"{span['id']!r} is also used at {ids[span['id']]}")
                )
            ids.setdefault(span["id"], pointer)
            key = (span.get("label", kind), span["start"], span["end"])
            if key in seen_spans:
                problems.append(Problem(pointer, f"same span as {seen_spans[key]}"))
            seen_spans.setdefault(key, pointer)

    for i, q in enumerate(record["quantities"]):
        pointer = f"/quantities/{i}"
        has_value = q["value"] is not None
        has_range = q["low"] is not None or q["high"] is not None
        if has_value == has_range:
            problems.append(Problem(pointer, "needs either value or low/high, not both or neither"))
        elif has_range and (q["low"] is None or q["high"] is None):
            problems.append(Problem(pointer, "a range needs both low and high"))
        elif has_range and q["low"] > q["high"]:
            problems.append(Problem(pointer, f"low {q['low']} is greater than high {q['high']}"))

    entity_ids = {e["id"] for e in record["entities"]}
    for i, s in enumerate(record["stances"]):
        if s["holder"] is not None and s["holder"] not in entity_ids:
            problems.append(
                Problem(f"/stances/{i}/holder", f"{s['holder']!r} is not the id of an entity")
            )
    return sorted(problems)


def problems(record: Any, kind: str = "document") -> list[Problem]:
    """All problems of `record`: schema first; invariants only once the shape is right."""
    if not isinstance(record, Mapping):
        return [Problem("", f"expected a JSON object, got {type(record).__name__}")]
    found = schema_problems(record, kind)
    if found:
        return found
    return invariant_problems(record)
