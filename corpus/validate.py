"""Validate Article and Document records: JSON Schema plus cross-field invariants. Pure.

Each problem is a `Problem(pointer, message)`: a JSON Pointer into the record and a
plain one-line message, e.g. `/entities/3: text[10:17] is 'Tokayev ', not 'Tokayev'`.

Two JSON Schema libraries, each doing what it is good at. `jsonschema` is the reference:
every schema message a user sees is its own. `jsonschema-rs` (Rust) answers valid/invalid
hundreds of times faster, so it checks every record first and `jsonschema` runs only for
the records it rejects, to word their problems. tests/corpus/test_validate.py checks with
Hypothesis that the two agree on generated valid and broken records. The cross-field
invariants (span text is the text at its offsets, ids are unique, a holder is an entity,
...) are plain Python below; they include what the release build needs, so that a valid
record always builds: PER/ORG/QTY spans that do not overlap (BIO tags) and numbers its
float64 columns can hold. Validators are built once per process (the schemas never change
while it runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from corpus.records import sha256_text
from corpus.schemas import SCHEMA_NAMES, label_set, load_schema

SPAN_LISTS = ("entities", "quantities", "stances")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


# --- JSON Schema ------------------------------------------------------------------------------


@cache
def _registry() -> Registry[Any]:
    resources = [
        (load_schema(n)["$id"], Resource.from_contents(load_schema(n))) for n in SCHEMA_NAMES
    ]
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator (jsonschema) for 'article' or 'document' (built once)."""
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


@cache
def fast_validator(kind: str) -> jsonschema_rs.Validator:
    """The jsonschema-rs validator for 'article' or 'document' (built once): offline (our
    schemas reference only each other) and, as jsonschema by default, not checking `format`."""
    registry = jsonschema_rs.Registry(
        [(load_schema(n)["$id"], load_schema(n)) for n in SCHEMA_NAMES]
    )
    return jsonschema_rs.Draft202012Validator(
        load_schema(kind), registry=registry, validate_formats=False, offline=True
    )


def _fast_valid(record: Any, kind: str) -> bool:
    try:
        return fast_validator(kind).is_valid(record)
    except ValueError:
        # Something JSON cannot hold (a set, a non-string key): jsonschema says what.
        return False


def schema_valid(record: Any, kind: str = "document") -> bool:
    """Whether `record` matches schema `kind`, as jsonschema answers it.

    jsonschema-rs answers first; only a record it rejects is asked of jsonschema, which
    decides. The two differ only on what JSON itself cannot hold: NaN and infinite numbers
    (jsonschema takes them as numbers, jsonschema-rs does not) and Python values that are not
    JSON (jsonschema-rs takes a tuple as an array).
    """
    return _fast_valid(record, kind) or validator(kind).is_valid(record)


def _pointer(path: Sequence[Any]) -> str:
    return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in path)


def _schema_message(error: ValidationError) -> str:
    # jsonschema's own messages repeat the whole instance for a oneOf failure and every name
    # for unexpected properties; keep them to one readable line.
    message = error.message
    if len(message) > 200:
        message = message[:197] + "..."
    return message


def schema_problems(record: Mapping[str, Any], kind: str = "document") -> list[Problem]:
    """JSON Schema problems of `record` in jsonschema's words, sorted by location."""
    found = []
    for error in validator(kind).iter_errors(record):
        # For a oneOf/anyOf failure, the most specific sub-error names the real problem.
        best = error
        while best.context:
            best = min(best.context, key=lambda e: len(e.schema_path))
        found.append(Problem(_pointer(best.absolute_path), _schema_message(best)))
    return sorted(set(found))


# --- cross-field invariants -------------------------------------------------------------------
#
# These run for every record that `corpus validate`, the release build and the pull read, and
# nearly every record is valid. So they come in two halves: quick checks (`_text_holds`,
# `_spans_hold`) that read each field once and build no message, and the functions that find
# and word each problem (`text_problems`, `span_problems`), run only when a quick check says no.

_PLACE = itemgetter("start", "end")


def _text_holds(record: Mapping[str, Any]) -> bool:
    """Whether the text matches its hash, its paragraphs and its title (`text_problems`)."""
    text: str = record["text"]
    if record["text_sha256"] != sha256_text(text):
        return False
    length = len(text)
    previous_end = 0
    for start, end in map(_PLACE, record["paragraphs"]):
        if not previous_end <= start < end <= length:
            return False
        block = text[start:end]
        if block != block.strip() or "\n\n" in block:
            return False
        previous_end = end
    title: str | None = record["title"]
    paragraphs = record["paragraphs"]
    if title is None or not paragraphs:
        return True
    first = paragraphs[0]
    return text[first["start"] : first["end"]] == title


def _paragraph_problems(text: str, paragraphs: Sequence[Mapping[str, Any]]) -> Iterator[Problem]:
    """Paragraphs follow each other inside the text, each one trimmed block."""
    previous_end = 0
    for i, para in enumerate(paragraphs):
        start, end = para["start"], para["end"]
        if not previous_end <= start < end <= len(text):
            yield Problem(
                f"/paragraphs/{i}", f"[{start}:{end}] is out of order or outside the text"
            )
        else:
            block = text[start:end]
            if block[0].isspace() or block[-1].isspace() or "\n\n" in block:
                yield Problem(f"/paragraphs/{i}", f"[{start}:{end}] is not one trimmed block")
        previous_end = max(previous_end, end)


def text_problems(record: Mapping[str, Any]) -> Iterator[Problem]:
    """The text against its hash, its paragraphs and its title: what `invariant_problems` runs
    when the quick check (`_text_holds`) says no."""
    text: str = record["text"]
    if record["text_sha256"] != sha256_text(text):
        yield Problem("/text_sha256", "does not match sha256 of text; recompute it")
    paragraphs, title = record["paragraphs"], record["title"]
    yield from _paragraph_problems(text, paragraphs)
    if title is not None and paragraphs:
        first = paragraphs[0]
        if text[first["start"] : first["end"]] != title:
            yield Problem("/title", "is not the text of the first paragraph")


def _spans_hold(record: Mapping[str, Any]) -> bool:
    """Whether every span invariant (`span_problems`) holds: each span is the text at its
    offsets, trimmed, in one pass over each span list; ids and places are unique; entities
    and quantities do not overlap; quantities have a value or a range the dataset can hold;
    holders are entities."""
    text: str = record["text"]
    length = len(text)
    for kind in SPAN_LISTS:
        previous_start = previous_end = -1
        for span in record[kind]:
            start, end, span_text = span["start"], span["end"], span["text"]
            # Inside the text, its characters, and trimmed.
            if not (
                0 <= start < end <= length and text[start:end] == span_text == span_text.strip()
            ):
                return False
            # Each list sorted by (start, end), as every writer of records sorts it, shows
            # that no place is there twice without building a set of places. An unsorted
            # list is not wrong: it is only left to the detailed checks.
            if start < previous_start or (start == previous_start and end <= previous_end):
                return False
            previous_start, previous_end = start, end
    ids = [span["id"] for kind in SPAN_LISTS for span in record[kind]]
    if len(set(ids)) < len(ids):
        return False
    return _spans_apart(record) and _amounts_hold(record["quantities"]) and _holders_hold(record)


def _one_span_problems(text: str, pointer: str, span: Mapping[str, Any]) -> Iterator[Problem]:
    """One span against the text: inside it, the same characters, no space at either end."""
    start, end, span_text = span["start"], span["end"], span["text"]
    if not 0 <= start < end <= len(text):
        yield Problem(pointer, f"offsets [{start}:{end}] are outside the text (length {len(text)})")
        return
    actual = text[start:end]
    if actual != span_text:
        yield Problem(pointer, f"text[{start}:{end}] is {actual!r}, not {span_text!r}")
    if actual != actual.strip():
        yield Problem(pointer, f"span [{start}:{end}] {actual!r} starts or ends with whitespace")


def _span_text_problems(record: Mapping[str, Any]) -> Iterator[Problem]:
    """Every span against the text."""
    text: str = record["text"]
    for kind in SPAN_LISTS:
        for i, span in enumerate(record[kind]):
            yield from _one_span_problems(text, f"/{kind}/{i}", span)


def _repeat_problems(record: Mapping[str, Any]) -> Iterator[Problem]:
    """Ids unique over the three span lists; no span (label and offsets) twice."""
    first_id: dict[str, str] = {}
    first_span: dict[tuple[str, int, int], str] = {}
    for kind in SPAN_LISTS:
        for i, span in enumerate(record[kind]):
            pointer = f"/{kind}/{i}"
            first = first_id.setdefault(span["id"], pointer)
            if first != pointer:
                yield Problem(f"{pointer}/id", f"{span['id']!r} is also used at {first}")
            key = (span.get("label", kind), span["start"], span["end"])
            first = first_span.setdefault(key, pointer)
            if first != pointer:
                yield Problem(pointer, f"same span as {first}")


_START = itemgetter("start")


def _spans_apart(record: Mapping[str, Any]) -> bool:
    """Whether no two entities or quantities overlap (`_overlap_problems`)."""
    spans = [*record["entities"], *record["quantities"]]
    spans.sort(key=_START)
    previous_end = 0
    for span in spans:
        if span["start"] < previous_end:
            return False
        previous_end = span["end"]
    return True


def _overlap_problems(record: Mapping[str, Any]) -> Iterator[Problem]:
    """PER, ORG and QTY spans never overlap or nest (guidelines, section 2): the release's BIO
    tags cannot hold two of them on one token. Found and worded as the release build does
    (corpus/tokens.py `bio_tags`): entities, then quantities, each against the spans kept
    before it; a span that overlaps one is reported, naming the first, and not kept. Stances
    contain such spans by design; a span outside the text or repeated exactly is reported as
    that instead."""
    text: str = record["text"]
    quantity_label = label_set().quantity_label
    tagged: list[tuple[int, int, str]] = []  # start, end and pointer of the spans kept
    seen: set[tuple[str, int, int]] = set()
    for kind in ("entities", "quantities"):
        for i, span in enumerate(record[kind]):
            label, start, end = span.get("label", quantity_label), span["start"], span["end"]
            if not 0 <= start < end <= len(text) or (label, start, end) in seen:
                continue
            seen.add((label, start, end))
            overlapped = [kept for kept in tagged if kept[0] < end and start < kept[1]]
            if not overlapped:
                tagged.append((start, end, f"/{kind}/{i}"))
                continue
            first = min(overlapped)[2]
            yield Problem(f"/{kind}/{i}", overlap_message(text, label, start, end, first))


def overlap_message(text: str, label: str, start: int, end: int, taken: str) -> str:
    """How an overlap is worded, here and by the release build (corpus/tokens.py `bio_tags`):
    the span, and `taken`, the pointer of the span it overlaps."""
    return (
        f"{label} [{start}:{end}] {text[start:end]!r} overlaps {taken}; "
        "BIO tags cannot hold both, keep one of them"
    )


_AMOUNTS = itemgetter("value", "low", "high")
# The dataset stores value, low and high as float64 (corpus/features.py). Arrow turns a whole
# number into a float64 only within 2**53 either side, where each one is exact, and the build
# fails beyond; the same number written as a decimal (1e16) it takes as it is.
LARGEST_WHOLE_NUMBER = 2**53


def _amounts_hold(quantities: Sequence[Mapping[str, Any]]) -> bool:
    """Whether every quantity has a value or a whole range, not both, in numbers the dataset
    can hold (`_quantity_problems`, `_column_problems`)."""
    # A float beyond LARGEST_WHOLE_NUMBER (1e16) is fine, but rare enough to be left to the
    # detailed checks with the whole numbers that are not.
    largest = LARGEST_WHOLE_NUMBER
    for value, low, high in map(_AMOUNTS, quantities):
        if value is None:
            if low is None or high is None or not -largest <= low <= high <= largest:
                return False
        elif low is not None or high is not None or not -largest <= value <= largest:
            return False
    return True


def _quantity_problems(quantities: Sequence[Mapping[str, Any]]) -> Iterator[Problem]:
    """A quantity has a value or a whole range (low <= high), not both."""
    for i, q in enumerate(quantities):
        pointer = f"/quantities/{i}"
        has_value = q["value"] is not None
        has_range = q["low"] is not None or q["high"] is not None
        if has_value == has_range:
            yield Problem(pointer, "needs either value or low/high, not both or neither")
        elif has_range and (q["low"] is None or q["high"] is None):
            yield Problem(pointer, "a range needs both low and high")
        elif has_range and q["low"] > q["high"]:
            yield Problem(pointer, f"low {q['low']} is greater than high {q['high']}")


def _column_problems(quantities: Sequence[Mapping[str, Any]]) -> Iterator[Problem]:
    """A value, low or high the dataset's float64 column cannot take (LARGEST_WHOLE_NUMBER)."""
    for i, q in enumerate(quantities):
        for field in ("value", "low", "high"):
            number = q[field]
            if type(number) is int and abs(number) > LARGEST_WHOLE_NUMBER:
                yield Problem(f"/quantities/{i}/{field}", _too_large(number))


def _too_large(number: int) -> str:
    digits = len(str(abs(number)))
    shown = str(number) if digits <= 30 else f"a whole number of {digits} digits"
    try:
        decimal = f"write it as a decimal number ({float(number)!r})"
    except OverflowError:
        decimal = "no float64 is that large (about 1.8e308 at most)"
    return (
        f"{shown} is too large a whole number for the dataset's float64 column "
        f"(exact up to 2**53 = {LARGEST_WHOLE_NUMBER}); {decimal}"
    )


def _holders_hold(record: Mapping[str, Any]) -> bool:
    """Whether every stance holder is an entity (`_holder_problems`)."""
    holders = {s["holder"] for s in record["stances"]} - {None}
    return holders <= {e["id"] for e in record["entities"]}


def _holder_problems(record: Mapping[str, Any]) -> Iterator[Problem]:
    """A stance holder is the id of an entity of the same document."""
    entity_ids = {e["id"] for e in record["entities"]}
    for i, s in enumerate(record["stances"]):
        if s["holder"] is not None and s["holder"] not in entity_ids:
            yield Problem(f"/stances/{i}/holder", f"{s['holder']!r} is not the id of an entity")


def span_problems(record: Mapping[str, Any]) -> Iterator[Problem]:
    """Every problem of a Document record's spans, found and worded: what `invariant_problems`
    runs when the quick check (`_spans_hold`) says no."""
    yield from _span_text_problems(record)
    yield from _repeat_problems(record)
    yield from _overlap_problems(record)
    yield from _quantity_problems(record["quantities"])
    yield from _column_problems(record["quantities"])
    yield from _holder_problems(record)


def _fractional_offsets(record: Mapping[str, Any]) -> list[Problem]:
    """Offsets written as 1.0: JSON Schema counts them as integers, but they cannot index text."""
    found = []
    for kind in ("paragraphs", *SPAN_LISTS):
        for i, item in enumerate(record.get(kind, ())):
            for key in ("start", "end"):
                if isinstance(item[key], float):
                    message = f"{item[key]!r} must be written as a whole number ({int(item[key])})"
                    found.append(Problem(f"/{kind}/{i}/{key}", message))
    return found


def _holds(check: Callable[[Mapping[str, Any]], bool], record: Mapping[str, Any]) -> bool:
    try:
        return check(record)
    except TypeError:
        return False  # a fractional offset (`text[1.0:5]`): the detailed checks say which


def _invariants(record: Mapping[str, Any]) -> list[Problem]:
    found = [] if _holds(_text_holds, record) else list(text_problems(record))
    if "entities" not in record:
        return found  # an Article: its problems in text order
    if not _holds(_spans_hold, record):
        found += span_problems(record)
    return sorted(found)


def invariant_problems(record: Mapping[str, Any]) -> list[Problem]:
    """Cross-field problems of a schema-valid Article or Document record."""
    try:
        return _invariants(record)
    except TypeError:
        # Only a fractional offset gets a schema-valid record this far (`text[1.0:5]`).
        fractional = _fractional_offsets(record)
        if not fractional:
            raise
        return fractional


def problems(record: Any, kind: str = "document") -> list[Problem]:
    """All problems of `record` (JSON data, as `json.loads` gives it): schema first, in
    jsonschema's words; the invariants only once the shape is right."""
    if not isinstance(record, Mapping):
        return [Problem("", f"expected a JSON object, got {type(record).__name__}")]
    if not _fast_valid(record, kind):
        found = schema_problems(record, kind)
        if found:
            return found
    return invariant_problems(record)
