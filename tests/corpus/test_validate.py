"""Validation: jsonschema-rs and jsonschema agree on what is valid, every schema message is
jsonschema's, and the cross-field invariants name the span and field at fault."""

from __future__ import annotations

import copy
import math
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from annotate.parse import parse_bytes
from corpus.build import build_rows
from corpus.features import features
from corpus.records import Document, Entity, Meta, Quantity, Stance
from corpus.schemas import SCHEMA_NAMES, label_set, load_schema
from corpus.validate import (
    LARGEST_WHOLE_NUMBER,
    Problem,
    fast_validator,
    invariant_problems,
    problems,
    schema_problems,
    schema_valid,
    span_problems,
    text_problems,
    validator,
)
from tests.corpus.gold_fixtures import document

LABELS = label_set()
DOCUMENT = document("sample-kazakhstan.txt").to_dict()
# A smaller record (3 paragraphs, 2 spans of each kind) keeps jsonschema's share fast.
SMALL = copy.deepcopy(DOCUMENT)
SMALL["paragraphs"] = SMALL["paragraphs"][:3]
for _key in ("entities", "quantities", "stances"):
    SMALL[_key] = SMALL[_key][:2]
ARTICLE = {k: v for k, v in SMALL.items() if k not in {"entities", "quantities", "stances", "meta"}}
BASES = {"document": SMALL, "article": ARTICLE}

# Values of the wrong type, out of range, outside an enum or not matching a pattern, and a few
# that are valid somewhere (null, a label, a polarity): mutations both break and keep records.
WEIRD: list[Any] = [
    None, True, False, 0, -1, -7, 1, 1.0, 2.5, -0.5, 2**70, "", " ", "x", "10",
    *LABELS.names, "LOC", "person", *LABELS.polarity_names, "pro", *LABELS.bound_names, "above",
    "Bad Id", "e79-100", "ann-0000aaaa", "rules@1.0", "2024-01-15", "15/01/2024",
    [], [{}], [1], {}, {"start": 0, "end": 1}, "a" * 81,
]  # fmt: skip
EXTRA_KEYS = ["extra", "label", "value", "holder", "id", "start", "meta", "annotators"]


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every value inside `node` (objects and arrays included)."""
    found: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _leaves(value, (*path, index))
    return found


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every JSON object inside `node`, `node` first."""
    found = [node] if isinstance(node, dict) else []
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found += _objects(child)
    return found


def _parent(record: Any, path: tuple[Any, ...]) -> Any:
    node = record
    for key in path[:-1]:
        node = node[key]
    return node


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """A record of `kind` after 0 to 3 mutations: a value replaced (wrong type, bad label,
    negative offset, ...), a field deleted, a property added, an item repeated, an integer
    shifted. Zero mutations, and mutations that happen to fit the schema, give valid ones."""
    record = copy.deepcopy(BASES[kind])
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["set", "delete", "add", "duplicate", "shift"]))
        if action == "add":
            target = draw(st.sampled_from(_objects(record)))
            target[draw(st.sampled_from(EXTRA_KEYS))] = copy.deepcopy(draw(st.sampled_from(WEIRD)))
            continue
        path = draw(st.sampled_from(_leaves(record)))
        parent, key = _parent(record, path), path[-1]
        if action == "set":
            parent[key] = copy.deepcopy(draw(st.sampled_from(WEIRD)))
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "shift" and type(parent[key]) is int:
            parent[key] += draw(st.integers(-4, 4))
    return record


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["document", "article"]).flatmap(lambda k: st.tuples(st.just(k), mutated(k)))
)
def test_jsonschema_rs_agrees_with_jsonschema(case: tuple[str, dict[str, Any]]) -> None:
    kind, record = case
    assert fast_validator(kind).is_valid(record) == validator(kind).is_valid(record)


# --- closed objects: the schema's form changed in #13, its meaning did not ----------------------

SPAN_FIELDS = ["id", "start", "end", "text"]


def _written_with_unevaluated(kind: str) -> dict[str, Any]:
    """Schema `kind` in the form it had before #13: each span kind a `$ref` to one shared span
    object plus its own fields, and every closed object closed with `unevaluatedProperties`
    next to its `$ref` instead of listing each field. Derived from today's schema so that the
    comparison follows later edits of the fields."""
    schema = copy.deepcopy(load_schema(kind))
    del schema["$comment"], schema["additionalProperties"]
    schema["properties"] = {k: v for k, v in schema["properties"].items() if v is not True}
    schema["unevaluatedProperties"] = False
    if kind == "article":
        del schema["properties"]  # all of them are in article_fields
        return schema
    defs = schema["$defs"]
    entity = defs["entity"]["properties"]
    defs["span"] = {
        "type": "object",
        "required": SPAN_FIELDS,
        "properties": {field: entity[field] for field in SPAN_FIELDS},
    }
    for name in ("entity", "quantity", "stance"):
        definition = defs[name]
        del definition["additionalProperties"]
        definition["$ref"] = "#/$defs/span"
        definition["required"] = [f for f in definition["required"] if f not in SPAN_FIELDS]
        for field in SPAN_FIELDS:
            del definition["properties"][field]
        definition["unevaluatedProperties"] = False
    return schema


def _validator_before(kind: str) -> Draft202012Validator:
    before = {name: _written_with_unevaluated(name) for name in SCHEMA_NAMES}
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in before.values()
    )
    return Draft202012Validator(before[kind], registry=registry)


BEFORE = {kind: _validator_before(kind) for kind in SCHEMA_NAMES}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["document", "article"]).flatmap(lambda k: st.tuples(st.just(k), mutated(k)))
)
def test_closed_objects_accept_what_unevaluated_properties_accepted(
    case: tuple[str, dict[str, Any]],
) -> None:
    kind, record = case
    assert validator(kind).is_valid(record) == BEFORE[kind].is_valid(record)


@pytest.mark.parametrize("kind", ["document", "article"])
def test_a_field_added_to_any_object_is_judged_as_before(kind: str) -> None:
    # Every object of the record, with each extra key: a stranger, or the field of another
    # kind of object (`label` on a quantity, `value` on an entity, `holder` on the document).
    rejected = 0
    for index in range(len(_objects(BASES[kind]))):
        for key in EXTRA_KEYS:
            for value in (None, "x", 1):
                record = copy.deepcopy(BASES[kind])
                _objects(record)[index][key] = value
                valid = validator(kind).is_valid(record)
                assert BEFORE[kind].is_valid(record) == valid, (index, key, value)
                rejected += not valid
    assert rejected > 100


def test_the_old_form_is_derived_faithfully() -> None:
    # The derivation above must keep what it compares against honest: spans share one object.
    before = _written_with_unevaluated("document")
    assert before["$defs"]["quantity"]["$ref"] == "#/$defs/span"
    assert "id" not in before["$defs"]["stance"]["properties"]
    assert list(before["properties"]) == ["entities", "quantities", "stances", "meta"]
    assert BEFORE["document"].is_valid(SMALL) and BEFORE["article"].is_valid(ARTICLE)
    assert not BEFORE["document"].is_valid({**SMALL, "extra": 1})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated("document"))
def test_problems_are_jsonschema_problems_then_invariants(record: dict[str, Any]) -> None:
    # The fast path changes nothing: what jsonschema finds, else the invariants.
    expected = schema_problems(record) or invariant_problems(record)
    assert problems(record) == expected


def test_mutations_reach_both_verdicts() -> None:
    # The agreement test is only as good as its cases: the strategy makes changed records
    # that stay valid as well as broken ones.
    kept = find(mutated("document"), lambda r: r != SMALL and schema_valid(r))
    assert kept != SMALL and problems(kept) == invariant_problems(kept)
    broken = find(mutated("document"), lambda r: not schema_valid(r))
    assert schema_problems(broken)


@pytest.mark.parametrize("kind", ["document", "article"])
def test_every_single_field_break_is_judged_alike(kind: str) -> None:
    broken = 0
    for path in _leaves(BASES[kind]):
        for value in [KeyError, None, "x", -1, {"extra": 1}]:
            record = copy.deepcopy(BASES[kind])
            parent = _parent(record, path)
            if value is KeyError:
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
            valid = validator(kind).is_valid(record)
            assert fast_validator(kind).is_valid(record) == valid, (path, value)
            broken += not valid
    assert broken > 100


def test_nan_is_a_number_as_jsonschema_says() -> None:
    # JSON has no NaN; Python's json module reads one. jsonschema-rs rejects it, jsonschema (the
    # reference) takes it as a number, and so does schema_valid.
    record = copy.deepcopy(DOCUMENT)
    record["quantities"][0]["value"] = math.nan
    assert not fast_validator("document").is_valid(record)
    assert validator("document").is_valid(record) and schema_valid(record)
    assert schema_problems(record) == []


def test_values_json_cannot_hold_are_reported_by_jsonschema() -> None:
    record = copy.deepcopy(DOCUMENT)
    record["entities"][0]["label"] = {"PER"}  # a set
    assert [str(p) for p in problems(record)] == [
        "/entities/0/label: {'PER'} is not one of ['PER', 'ORG']"
    ]


def test_schema_messages_are_jsonschemas_own() -> None:
    record = copy.deepcopy(DOCUMENT)
    record["entities"][1]["start"] = -3
    record["stances"][0]["polarity"] = "pro"
    reference = [error.message for error in validator("document").iter_errors(record)]
    found = problems(record)
    assert [p.pointer for p in found] == ["/entities/1/start", "/stances/0/polarity"]
    assert found[0].message == "-3 is less than the minimum of 0" and found[0].message in reference


def test_a_long_schema_message_is_cut_to_one_line() -> None:
    record = copy.deepcopy(DOCUMENT)
    record["entities"][0]["x" * 300] = 1
    (problem,) = problems(record)
    assert problem.pointer == "/entities/0" and len(problem.message) == 200
    assert problem.message.endswith("...")


def test_not_an_object_is_one_problem() -> None:
    assert problems([DOCUMENT]) == [Problem("", "expected a JSON object, got list")]


# --- invariants -------------------------------------------------------------------------------


def test_the_fixture_document_and_article_are_valid() -> None:
    assert problems(DOCUMENT) == []
    assert problems(ARTICLE, "article") == []


def test_same_span_twice_is_reported_at_the_copy() -> None:
    record = copy.deepcopy(DOCUMENT)
    twin = {**record["entities"][0], "id": "twin"}
    record["entities"].append(twin)
    last = len(record["entities"]) - 1
    assert problems(record) == [Problem(f"/entities/{last}", "same span as /entities/0")]


def test_a_range_needs_low_below_high() -> None:
    record = copy.deepcopy(DOCUMENT)
    quantity = record["quantities"][0]
    quantity.update(value=None, low=5.0, high=2.0)
    assert problems(record) == [Problem("/quantities/0", "low 5.0 is greater than high 2.0")]
    quantity.update(high=None)
    assert problems(record) == [Problem("/quantities/0", "a range needs both low and high")]


def test_paragraphs_must_follow_each_other() -> None:
    record = copy.deepcopy(ARTICLE)
    record["paragraphs"][1], record["paragraphs"][2] = (
        record["paragraphs"][2],
        record["paragraphs"][1],
    )
    first = record["paragraphs"][2]
    assert problems(record, "article") == [
        Problem(
            "/paragraphs/2",
            f"[{first['start']}:{first['end']}] is out of order or outside the text",
        )
    ]


def test_an_offset_written_as_a_float_is_named() -> None:
    record = copy.deepcopy(DOCUMENT)
    record["entities"][0]["start"] = float(record["entities"][0]["start"])
    start = record["entities"][0]["start"]
    assert problems(record) == [
        Problem("/entities/0/start", f"{start!r} must be written as a whole number ({int(start)})")
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["entities", "quantities", "stances"]),
    st.integers(0, 50),
    st.integers(-3, 3).filter(bool),
)
def test_a_moved_span_is_named(kind: str, index: int, delta: int) -> None:
    # Schema-valid, inconsistent: the span's offsets no longer point at its text.
    record = copy.deepcopy(DOCUMENT)
    span = record[kind][index % len(record[kind])]
    span["start"] = max(0, span["start"] + delta)
    span["end"] = span["start"] + len(span["text"])
    assert schema_valid(record)
    pointers = {p.pointer for p in problems(record)}
    assert f"/{kind}/{index % len(record[kind])}" in pointers


@st.composite
def edited(draw: st.DrawFn) -> dict[str, Any]:
    """DOCUMENT after 0 to 4 edits that keep it schema-valid but may break an invariant: a
    span or paragraph moved, a span copied (with its id or another), a span's text changed,
    a list reversed, a label swapped, a quantity's amounts or a holder changed, the title or
    the hash replaced."""
    record = copy.deepcopy(DOCUMENT)
    for _ in range(draw(st.integers(0, 4))):
        spans = record[draw(st.sampled_from(["entities", "quantities", "stances"]))]
        span = draw(st.sampled_from(spans))
        action = draw(st.sampled_from(["move", "copy", "text", "reverse", "label", "amounts"]))
        if action == "move":
            key = draw(st.sampled_from(["start", "end"]))
            span[key] = max(1, span[key] + draw(st.integers(-30, 30)))
            if draw(st.booleans()):  # moved with its text: only the neighbours can object
                span["text"] = record["text"][span["start"] : span["end"]] or "x"
        elif action == "copy":
            twin = {**span, "id": draw(st.sampled_from([span["id"], "twin"]))}
            spans.insert(draw(st.integers(0, len(spans))), twin)
        elif action == "text":
            span["text"] = draw(st.sampled_from(["x", span["text"] + " ", span["text"].upper()]))
        elif action == "reverse":
            spans.reverse()
        elif action == "label" and "label" in span:
            span["label"] = draw(st.sampled_from(LABELS.entity_labels))
        elif action == "amounts" and "value" in span:
            for key in ("value", "low", "high"):
                span[key] = draw(st.sampled_from([None, 3, 2.5, -1, 2**60]))
        elif "holder" in span:
            span["holder"] = draw(st.sampled_from([None, "nobody", DOCUMENT["entities"][0]["id"]]))
    if draw(st.booleans()):
        paragraph = draw(st.sampled_from(record["paragraphs"]))
        paragraph["end"] = max(0, paragraph["end"] + draw(st.integers(-2, 2)))
    record["title"] = draw(st.sampled_from([record["title"], None, "Judul lain"]))
    if draw(st.integers(0, 9)) == 0:
        record["text_sha256"] = "0" * 64
    return record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_the_quick_checks_miss_no_problem(record: dict[str, Any]) -> None:
    # invariant_problems runs the detailed checks only when a quick check says no; running
    # them always must find exactly the same.
    assert schema_valid(record)
    everything = sorted([*text_problems(record), *span_problems(record)])
    assert invariant_problems(record) == everything


@pytest.mark.parametrize(
    "message",
    [
        "overlaps",
        "same span as",
        "is also used at",
        "starts or ends with whitespace",
        "too large a whole number",
        "is not the id of an entity",
        "is not one trimmed block",
        "is not the text of the first paragraph",
    ],
)
def test_edits_reach_every_kind_of_problem(message: str) -> None:
    # The comparison above is only as good as its cases (found, not shrunk: it is quicker).
    quick = settings(phases=[Phase.generate], max_examples=1000, database=None)
    find(
        edited(), lambda r: any(message in p.message for p in invariant_problems(r)), settings=quick
    )


def test_edits_keep_some_records_valid() -> None:
    assert find(edited(), lambda r: r != DOCUMENT and not invariant_problems(r)) != DOCUMENT


def test_span_lists_in_any_order_are_valid() -> None:
    # Writers sort spans by offsets and the quick check counts on it; any order is valid.
    record = copy.deepcopy(DOCUMENT)
    for kind in ("entities", "quantities", "stances"):
        record[kind].reverse()
    assert problems(record) == []


# --- what the release build would reject --------------------------------------------------------
#
# `corpus validate` must refuse what `corpus build` / `publish` would: numbers a Parquet float64
# column cannot take, and PER/ORG/QTY spans that overlap (BIO tags cannot hold them).

NEWS = (
    "Menteri Keuangan Sri Wahyuni mengatakan Bank Nusantara menyalurkan kredit Rp 5 triliun "
    "kepada 1.200 anggota Koperasi Nelayan Sejahtera."
)


def _news(
    entities: list[tuple[str, str]],
    quantities: list[str],
    stances: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A Document of NEWS with spans at the first occurrence of each surface text, in the
    order given (ids e0, e1, ..., q0, ...)."""
    article = parse_bytes(NEWS.encode(), source="berita.txt")

    def place(surface: str) -> tuple[int, int]:
        start = article.text.index(surface)
        return start, start + len(surface)

    return Document(
        article,
        entities=tuple(
            Entity(f"e{i}", *place(s), s, label) for i, (s, label) in enumerate(entities)
        ),
        quantities=tuple(
            Quantity(f"q{i}", *place(s), s, value=1.0) for i, s in enumerate(quantities)
        ),
        stances=tuple(
            Stance(f"s{i}", *place(s), s, "favor", None, "kredit") for i, s in enumerate(stances)
        ),
        meta=Meta("gold", "0.1"),
    ).to_dict()


def _build_problems(record: dict[str, Any]) -> list[Problem]:
    return build_rows(record)[1]


def test_spans_apart_and_stances_around_them_are_valid() -> None:
    record = _news(
        [("Sri Wahyuni", "PER"), ("Bank Nusantara", "ORG")],
        ["Rp 5 triliun", "1.200 anggota"],
        stances=("Bank Nusantara menyalurkan kredit Rp 5 triliun",),
    )
    assert problems(record) == [] == _build_problems(record)


@pytest.mark.parametrize(
    ("entities", "quantities", "expected"),
    [
        # One name under two labels.
        (
            [("Sri Wahyuni", "PER"), ("Sri Wahyuni", "ORG")],
            [],
            ["/entities/1: ORG [17:28] 'Sri Wahyuni' overlaps /entities/0"],
        ),
        # A name inside a name, and the build's order: the later span is the one reported.
        (
            [("Bank Nusantara", "ORG"), ("Nusantara", "PER")],
            [],
            ["/entities/1: PER [45:54] 'Nusantara' overlaps /entities/0"],
        ),
        # An entity inside a quantity: entities are tagged first, so the quantity is reported.
        (
            [("Koperasi Nelayan Sejahtera", "ORG")],
            ["1.200 anggota Koperasi Nelayan Sejahtera"],
            [
                "/quantities/0: QTY [94:134] '1.200 anggota Koperasi Nelayan Sejahtera' "
                "overlaps /entities/0"
            ],
        ),
        # Two quantities, one inside the other.
        (
            [],
            ["Rp 5 triliun", "5 triliun"],
            ["/quantities/1: QTY [77:86] '5 triliun' overlaps /quantities/0"],
        ),
        # A chain: the middle span overlaps both, the other two are apart and both kept.
        (
            [("Bank Nusantara", "ORG"), ("Nusantara menyalurkan kredit", "PER")],
            ["kredit Rp 5 triliun"],
            ["/entities/1: PER [45:73] 'Nusantara menyalurkan kredit' overlaps /entities/0"],
        ),
    ],
)
def test_overlapping_spans_are_reported_as_the_build_reports_them(
    entities: list[tuple[str, str]], quantities: list[str], expected: list[str]
) -> None:
    record = _news(entities, quantities)
    found = problems(record)
    assert [str(p).split("; ")[0] for p in found] == expected
    assert all(p.message.endswith("BIO tags cannot hold both, keep one of them") for p in found)
    assert found == _build_problems(record)


def test_a_span_twice_is_one_problem_not_an_overlap_too() -> None:
    record = _news([("Sri Wahyuni", "PER")], [])
    record["entities"].append({**record["entities"][0], "id": "copy"})
    assert problems(record) == [Problem("/entities/1", "same span as /entities/0")]


@pytest.mark.parametrize("field", ["value", "low", "high"])
@pytest.mark.parametrize("number", [2**53 + 1, -(2**53) - 1, 2**63, 10**400])
def test_a_whole_number_a_float64_column_cannot_take_is_named(field: str, number: int) -> None:
    record = _news([], ["Rp 5 triliun"])
    quantity = record["quantities"][0]
    quantity.update(value=None, low=-(2**60), high=2**60)  # a range, so every field can be set
    quantity.update({field: number} if field == "value" else {"low": None, "high": None})
    quantity[field] = number
    found = [p for p in problems(record) if p.pointer == f"/quantities/0/{field}"]
    assert len(found) == 1 and "too large a whole number for the dataset's float64" in str(found)
    if number < 10**300:
        assert found[0].message.endswith(f"write it as a decimal number ({float(number)!r})")
    with pytest.raises(pa.ArrowInvalid):  # what the build would have met
        pa.array([number], type=pa.float64())


@pytest.mark.parametrize("number", [2**53, -(2**53), 1e300, float(2**60), 5])
def test_numbers_a_float64_column_takes_are_valid(number: float) -> None:
    record = _news([], ["Rp 5 triliun"])
    record["quantities"][0]["value"] = number
    assert problems(record) == []
    assert pa.array([number], type=pa.float64())[0].as_py() == number


def test_the_dataset_stores_amounts_as_float64() -> None:
    # LARGEST_WHOLE_NUMBER is Arrow's limit for a float64 column: it must be the column's type.
    quantity = features("spans")["quantities"].feature
    assert {quantity[f].dtype for f in ("value", "low", "high")} == {"float64"}
    assert LARGEST_WHOLE_NUMBER == 2**53
