"""Validation fast path: the compiled predicate answers exactly what jsonschema answers,
and `problems` reports exactly what the plain jsonschema + invariants path reports."""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from corpus.records import sha256_text
from corpus.validate import (
    Problem,
    _fractional_offsets,
    _span_problems,
    compile_predicate,
    invariant_problems,
    problems,
    schema_check,
    schema_problems,
    validator,
)
from tests.corpus.gold_fixtures import document

BASE = document("sample-kazakhstan.txt").to_dict()
# A smaller record (3 paragraphs, 2 spans of each kind) keeps jsonschema's share fast.
SMALL = copy.deepcopy(BASE)
SMALL["paragraphs"] = SMALL["paragraphs"][:3]
for _key in ("entities", "quantities", "stances"):
    SMALL[_key] = SMALL[_key][:2]
WEIRD: list[Any] = [
    None, True, False, 0, -1, 1, 1.0, 2.5, math.nan, 2**70, "", " ", "x", "10",
    "PER", "LOC", "favor", "gt", "Bad Id", "e79-100", "ann-0000aaaa", "2024-01-15",
    [], [{}], {}, {"start": 0, "end": 1}, "a" * 81,
]  # fmt: skip


def reference_invariants(record: Mapping[str, Any]) -> list[Problem]:
    """The invariant checks as first written (one generator per span), kept as the oracle
    for the optimised loop in corpus.validate."""
    found: list[Problem] = []
    text: str = record["text"]
    if record["text_sha256"] != sha256_text(text):
        found.append(Problem("/text_sha256", "does not match sha256 of text; recompute it"))
    previous_end = 0
    for i, para in enumerate(record["paragraphs"]):
        start, end = para["start"], para["end"]
        if not previous_end <= start < end <= len(text):
            found.append(
                Problem(f"/paragraphs/{i}", f"[{start}:{end}] is out of order or outside the text")
            )
        elif text[start:end] != text[start:end].strip() or "\n\n" in text[start:end]:
            found.append(Problem(f"/paragraphs/{i}", f"[{start}:{end}] is not one trimmed block"))
        previous_end = max(previous_end, end)
    paragraphs = record["paragraphs"]
    title = record["title"]
    if (
        title is not None
        and paragraphs
        and text[paragraphs[0]["start"] : paragraphs[0]["end"]] != title
    ):
        found.append(Problem("/title", "is not the text of the first paragraph"))
    if "entities" not in record:
        return found
    ids: dict[str, str] = {}
    seen_spans: dict[tuple[str, int, int], str] = {}
    for kind in ("entities", "quantities", "stances"):
        for i, span in enumerate(record[kind]):
            pointer = f"/{kind}/{i}"
            found.extend(_span_problems(text, pointer, span))
            if span["id"] in ids:
                found.append(
                    Problem(f"{pointer}/id", f"{span['id']!r} is also used at {ids[span['id']]}")
                )
            ids.setdefault(span["id"], pointer)
            key = (span.get("label", kind), span["start"], span["end"])
            if key in seen_spans:
                found.append(Problem(pointer, f"same span as {seen_spans[key]}"))
            seen_spans.setdefault(key, pointer)
    for i, q in enumerate(record["quantities"]):
        pointer = f"/quantities/{i}"
        has_value = q["value"] is not None
        has_range = q["low"] is not None or q["high"] is not None
        if has_value == has_range:
            found.append(Problem(pointer, "needs either value or low/high, not both or neither"))
        elif has_range and (q["low"] is None or q["high"] is None):
            found.append(Problem(pointer, "a range needs both low and high"))
        elif has_range and q["low"] > q["high"]:
            found.append(Problem(pointer, f"low {q['low']} is greater than high {q['high']}"))
    entity_ids = {e["id"] for e in record["entities"]}
    for i, s in enumerate(record["stances"]):
        if s["holder"] is not None and s["holder"] not in entity_ids:
            found.append(
                Problem(f"/stances/{i}/holder", f"{s['holder']!r} is not the id of an entity")
            )
    return sorted(found)


def reference_problems(record: Any, kind: str = "document") -> list[Problem]:
    """What `problems` reported before the fast path: jsonschema, then the invariants
    (which could not slice the text with an offset written as 1.0, a JSON Schema integer)."""
    found = schema_problems(record, kind)
    try:
        return found or reference_invariants(record)
    except TypeError:
        return _fractional_offsets(record)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            children += _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            children += _leaves(value, (*path, index))
    return children


def _parent(record: Any, path: tuple[Any, ...]) -> Any:
    node = record
    for key in path[:-1]:
        node = node[key]
    return node


def test_schemas_compile_to_predicates() -> None:
    # If a schema change uses a keyword the compiler does not know, validation silently
    # falls back to jsonschema (~70 documents/s): this test makes that visible.
    assert schema_check("document") is not None
    assert schema_check("article") is not None


def test_schema_check_accepts_the_fixture_documents() -> None:
    check = schema_check("document")
    assert check is not None and check(BASE)


@pytest.mark.parametrize("kind", ["document", "article"])
def test_schema_check_matches_jsonschema_on_every_single_field_break(kind: str) -> None:
    base = copy.deepcopy(SMALL)
    if kind == "article":
        for key in ("entities", "quantities", "stances", "meta"):
            del base[key]
    check = schema_check(kind)
    assert check is not None
    broken_records = 0
    for path in _leaves(base):
        for value in [KeyError, None, "x", 1.0, {"extra": 1}]:
            record = copy.deepcopy(base)
            parent = _parent(record, path)
            if value is KeyError:
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
            valid = validator(kind).is_valid(record)
            broken_records += not valid
            assert check(record) == valid, (path, value)
            assert problems(record, kind) == reference_problems(record, kind), (path, value)
    for path in [(), *_leaves(base)]:
        record = copy.deepcopy(base)
        node = _parent(record, (*path, None))
        if isinstance(node, dict):
            node["extra"] = 1  # an unknown key in every object
            assert not validator(kind).is_valid(record)
            assert check(record) is False, path
            assert problems(record, kind) == reference_problems(record, kind), path
    assert broken_records > 150


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, Any]:
    record = copy.deepcopy(SMALL)
    for _ in range(draw(st.integers(1, 3))):
        leaves = _leaves(record)
        if not leaves:
            break
        path = draw(st.sampled_from(leaves))
        parent = _parent(record, path)
        action = draw(st.sampled_from(["set", "delete", "add", "duplicate", "shift"]))
        if action == "set":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(WEIRD)))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "label", "value", "holder"]))] = draw(
                st.sampled_from(WEIRD)
            )
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif action == "shift" and isinstance(parent[path[-1]], int):
            parent[path[-1]] += draw(st.integers(-3, 3))
    return record


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_documents())
def test_problems_match_the_plain_path_on_generated_broken_records(record: dict[str, Any]) -> None:
    check = schema_check("document")
    assert check is not None
    assert check(record) == validator("document").is_valid(record)
    assert problems(record) == reference_problems(record)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["entities", "quantities", "stances"]), st.integers(0, 3)),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.integers(-5, 5), min_size=4, max_size=4),
)
def test_invariants_match_the_reference_on_moved_spans(
    moves: list[tuple[str, int]], deltas: list[int]
) -> None:
    # Schema-valid but inconsistent spans: shifted offsets, copied ids, duplicates.
    record = copy.deepcopy(BASE)
    for (kind, index), delta in zip(moves, deltas, strict=False):
        spans = record[kind]
        span = spans[index % len(spans)]
        span["start"] = max(0, span["start"] + delta)
        span["end"] = max(1, span["end"] + delta // 2)
        spans.append(copy.deepcopy(span))
        record["entities"][0]["id"] = span["id"]
    assert validator("document").is_valid(record)
    assert invariant_problems(record) == reference_invariants(record)


TOY_SCHEMA: dict[str, Any] = {
    "$id": "urn:test:toy",
    "$ref": "#/$defs/base",
    "required": ["n"],
    "properties": {
        "n": {"type": "integer", "minimum": 0},
        "x": {"type": ["number", "null"], "maximum": 10},
        "s": {"type": ["string", "null"], "pattern": "^[a-c]+$", "minLength": 1, "maxLength": 3},
        "k": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/kind"}]},
        "e": {"enum": ["p", "q"]},
        "c": {"const": None},
        "l": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"$ref": "#/$defs/item"}},
        "a": {"anyOf": [{"type": "boolean"}, {"type": "string"}]},
        "z": {"not": {"type": "object"}, "allOf": [{"minLength": 2}]},
    },
    "unevaluatedProperties": False,
    "$defs": {
        "base": {"type": "object", "properties": {"b": {"type": "boolean"}}},
        "kind": {"oneOf": [{"const": "u"}, {"const": "v"}]},
        "item": {
            "type": "object",
            "required": ["i"],
            "properties": {"i": {"type": "integer"}},
            "additionalProperties": False,
        },
    },
}
_TOY_KEYS = [*TOY_SCHEMA["properties"], "b", "i", "other"]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0.0, 1.0, 3.0, 11.0, -1.0])
    | st.text(alphabet="abcdz", max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(_TOY_KEYS), children, max_size=4)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_TOY_KEYS), JSON_VALUES, max_size=5))
def test_compiled_predicate_matches_jsonschema_on_a_toy_schema(instance: dict[str, Any]) -> None:
    # Every keyword the compiler knows, with the corner cases that differ between Python and
    # JSON Schema: True is not an integer, 1.0 is, NaN compares false, null in a oneOf.
    registry: Registry[Any] = Registry().with_resource(
        TOY_SCHEMA["$id"], DRAFT202012.create_resource(TOY_SCHEMA)
    )
    check = compile_predicate(TOY_SCHEMA, registry)
    assert check is not None
    expected = Draft202012Validator(TOY_SCHEMA, registry=registry).is_valid(instance)
    assert check(instance) == expected


def test_compile_predicate_refuses_unknown_keywords() -> None:
    schema = {"$id": "urn:test:contains", "type": "array", "contains": {"const": "x"}}
    registry: Registry[Any] = Registry().with_resource(
        schema["$id"], DRAFT202012.create_resource(schema)
    )
    assert compile_predicate(schema, registry) is None
