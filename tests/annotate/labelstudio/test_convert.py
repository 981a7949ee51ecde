"""Document ⇄ Label Studio task / prediction / annotation result (pure, no server)."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.labelstudio import config as c
from annotate.labelstudio import convert
from annotate.model.spans import ScoredSpan
from annotate.priority import ReviewPriority
from corpus.records import Document, Entity, Meta, Quantity, span_id
from corpus.schemas import label_set
from tests.conftest import GOLD

KAZAKHSTAN = GOLD / "terungkap-ada-peran-asing-dalam-kerusuhan-di-32d0ce8fa71d.json"
META = Meta(source="gold", guidelines_version="0.1")


def gold(path: Path = KAZAKHSTAN) -> Document:
    return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))


def no_rules(text: str, start: int, end: int) -> Quantity | None:
    return None


def read(doc: Document, result: list[dict[str, Any]], **kw: Any) -> convert.Conversion:
    kw.setdefault("read_quantity", no_rules)
    return convert.annotation_to_document(doc.article, result, meta=META, **kw)


def region(result: list[dict[str, Any]], rid: str) -> dict[str, Any]:
    return next(i for i in result if i.get("id") == rid and i["type"] == "labels")


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:30])
def test_document_result_round_trips_every_gold_document(path: Path) -> None:
    doc = gold(path)
    back = convert.annotation_to_document(
        doc.article, convert.document_result(doc), meta=doc.meta, read_quantity=no_rules
    )
    assert back.problems == ()
    assert back.document.to_dict() == doc.to_dict()


def test_document_to_task_carries_identity_and_prediction() -> None:
    doc = gold()
    task = convert.document_to_task(doc, score=0.5)
    data = task["data"]
    assert {k: data[k] for k in ("text", "article_id", "text_sha256", "title")} == {
        "text": doc.text,
        "article_id": doc.id,
        "text_sha256": doc.article.text_sha256,
        "title": doc.article.title,
    }
    assert "text" not in data["article"]
    assert convert.task_article(data) == doc.article
    (pred,) = task["predictions"]
    assert pred["model_version"] == doc.meta.source
    assert pred["score"] == 0.5
    assert convert.document_to_task(doc) == convert.document_to_task(doc)  # stable
    assert "score" not in convert.prediction(doc)
    assert "priority" not in data  # no review priority given, none sent


def test_document_to_task_carries_the_review_priority_in_its_data() -> None:
    doc = gold()
    priority = ReviewPriority(doc.id, 0.4321, random=False)
    task = convert.document_to_task(doc, priority=priority)
    assert task["data"]["priority"] == 0.4321
    assert task["data"]["priority_random"] is False
    assert convert.task_article(task["data"]) == doc.article  # pull still reads it
    drawn = convert.document_to_task(doc, priority=ReviewPriority(doc.id, 0.05, random=True))
    assert drawn["data"]["priority_random"] is True
    assert json.loads(json.dumps(task)) == task  # what the import sends


def test_a_review_priority_puts_the_models_confidence_on_its_regions() -> None:
    doc = gold()
    first, second, *_ = (e for e in doc.entities if e.label in ("PER", "ORG"))
    spans = (
        ScoredSpan(first.start, first.end, first.label, 0.123456),
        ScoredSpan(second.start, second.end, "QTY" if second.label != "QTY" else "PER", 0.9),
    )
    task = convert.document_to_task(doc, priority=ReviewPriority(doc.id, 0.5, False, spans))
    result = task["predictions"][0]["result"]
    scored = {item["id"]: item["score"] for item in result if "score" in item}
    # Only the span with the same offsets and label is scored, rounded to four places.
    assert scored == {span_id("entities", first.start, first.end): 0.1235}
    assert "score" not in convert.prediction(doc)["result"][0]  # no priority, no scores
    # A reviewer who accepts the regions as they are gives the same Document back.
    back = read(doc, result)
    assert back.ok and back.document.entities == doc.entities


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"article_id": None}, "no article_id"),
        ({"article": None}, "lacks the text or the article fields"),
        ({"text": "edited"}, "text was edited in Label Studio"),
        ({"article_id": "other"}, "!= article id"),
    ],
)
def test_task_article_reports_what_is_missing(change: dict[str, Any], message: str) -> None:
    data = convert.task_data(gold().article) | change
    with pytest.raises(ValueError, match=message):
        convert.task_article(data)


def test_document_result_regions_use_span_ids_and_schema_names() -> None:
    doc = gold()
    result = convert.document_result(doc)
    regions = [i for i in result if i["type"] == "labels"]
    assert len(regions) == len(doc.entities) + len(doc.quantities) + len(doc.stances)
    entity = doc.entities[0]
    item = region(result, span_id("entities", entity.start, entity.end))
    assert item["value"] == {
        "start": entity.start,
        "end": entity.end,
        "text": entity.text,
        "labels": [entity.label],
    }
    assert (item["from_name"], item["to_name"]) == (c.LABELS, c.TEXT)
    relations = [i for i in result if i["type"] == "relation"]
    assert len(relations) == sum(s.holder is not None for s in doc.stances)
    assert all(r["labels"] == [c.HOLDER] for r in relations)


def test_quantity_fields_render_values_ranges_and_flags() -> None:
    doc = gold()
    by_text = {q.text: q for q in doc.quantities}
    fields = convert.quantity_fields("q1", doc.text, by_text["2-3 miliar USD"])
    assert {
        f["from_name"]: f["value"].get("text") or f["value"].get("choices") for f in fields
    } == {
        c.QTY_VALUE: ["2000000000-3000000000"],
        c.QTY_UNIT: ["USD"],
    }
    fields = convert.quantity_fields("q2", doc.text, by_text["1,300"])
    assert [f["from_name"] for f in fields] == [c.QTY_VALUE, c.QTY_APPROXIMATE]


@given(st.text(max_size=40), st.data())
def test_ls_offsets_round_trip_any_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert convert.from_ls_offsets(text, *convert.to_ls_offsets(text, start, end)) == (start, end)


def test_ls_offsets_are_code_points_with_emoji() -> None:
    text = "Kopi 👩‍👩‍👧 enak ☕ Bu Siti"
    start = text.index("Bu Siti")
    # Label Studio 1.23.2 stores Python code points (the browser test pins this).
    assert convert.to_ls_offsets(text, start, start + 7) == (start, start + 7)


def test_pull_trims_whitespace_of_a_selection() -> None:
    doc = gold()
    e = doc.entities[0]
    result = [i for i in convert.document_result(doc) if i["type"] == "labels"][:1]
    result[0]["value"].update(
        start=e.start - 1, end=e.end + 1, text=doc.text[e.start - 1 : e.end + 1]
    )
    got = read(doc, result)
    assert got.problems == ()
    (entity,) = got.document.entities
    assert (entity.start, entity.end, entity.text, entity.id) == (e.start, e.end, e.text, e.id)


def test_pull_rebuilds_text_and_accepts_label_studio_value_text_quirks() -> None:
    doc = gold()
    start = doc.text.index("\n\n") - 5
    end = start + 12
    item = convert.document_result(doc)[0]
    # Label Studio's value.text: line breaks as a literal backslash-n, spaces collapsed.
    shown = doc.text[start:end].replace("\n\n", "\\n\\n  ")
    item["value"].update(start=start, end=end, text=shown)
    got = read(doc, [item])
    assert got.problems == ()
    (entity,) = got.document.entities
    assert entity.text == doc.text[start:end]
    assert "\n\n" in entity.text


def test_pull_reports_a_region_whose_text_does_not_match() -> None:
    doc = gold()
    item = convert.document_result(doc)[0]
    item["value"]["start"] += 1  # drifted by one code point, as after an emoji fix-up miss
    got = read(doc, [item])
    (problem,) = got.problems
    assert "Label Studio shows 'Kassym-Jomart Tokayev'" in problem
    assert "re-select" in problem


def test_pull_reports_unknown_labels_and_offsets_outside_the_text() -> None:
    doc = gold()
    unknown = copy.deepcopy(convert.document_result(doc)[0])
    unknown["value"]["labels"] = ["LOC"]
    outside = copy.deepcopy(convert.document_result(doc)[1])
    outside["value"].update(start=len(doc.text) - 2, end=len(doc.text) + 5, text=None)
    got = read(doc, [unknown, outside])
    assert len(got.problems) == 2
    assert "unknown label 'LOC'" in got.problems[0]
    assert "outside the text" in got.problems[1]


def test_pull_reports_a_stance_without_polarity_or_target() -> None:
    doc = gold()
    result = [i for i in convert.document_result(doc) if i.get("from_name") != c.POLARITY]
    got = read(doc, result)
    assert len([p for p in got.problems if "choose one polarity" in p]) == len(doc.stances)
    result = [i for i in convert.document_result(doc) if i.get("from_name") != c.TARGET]
    got = read(doc, result)
    assert len([p for p in got.problems if "type the target" in p]) == len(doc.stances)


def test_pull_reads_a_holder_relation_drawn_backwards() -> None:
    doc = gold()
    result = convert.document_result(doc)
    for item in result:
        if item["type"] == "relation":
            item["from_id"], item["to_id"] = item["to_id"], item["from_id"]
            item["direction"] = "left"
    got = read(doc, result)
    assert got.problems == ()
    assert [s.holder for s in got.document.stances] == [s.holder for s in doc.stances]


def test_pull_reports_a_relation_between_wrong_kinds_and_two_holders() -> None:
    doc = gold()
    result = convert.document_result(doc)
    e1, e2 = (span_id("entities", e.start, e.end) for e in doc.entities[:2])
    s = span_id("stances", doc.stances[0].start, doc.stances[0].end)
    got = read(doc, [*result, convert.relation(e1, e2)])
    assert any("a holder relation goes from a STANCE region" in p for p in got.problems)
    got = read(doc, [*result, convert.relation(s, e1), convert.relation(s, e2)])
    assert any("two holder relations" in p for p in got.problems)


def test_pull_qty_value_field_overrides_the_text() -> None:
    doc = gold()
    q = next(q for q in doc.quantities if q.text == "68 tahun")
    rid = span_id("quantities", q.start, q.end)
    result = [region(convert.document_result(doc), rid)]
    result += convert.quantity_fields(rid, doc.text, replace(q, value=None, low=60, high=70))
    got = read(doc, result)
    assert got.problems == ()
    (back,) = got.document.quantities
    assert (back.value, back.low, back.high, back.unit) == (None, 60, 70, "tahun")


def test_pull_qty_without_fields_is_read_by_the_rules_or_reported() -> None:
    doc = gold()
    q = next(q for q in doc.quantities if q.text == "68 tahun")
    rid = span_id("quantities", q.start, q.end)
    result = [region(convert.document_result(doc), rid)]
    got = read(doc, result)
    assert "the QTY rules cannot read one" in got.problems[0]
    got = read(doc, result, read_quantity=lambda text, s, e: replace(q, id="x"))
    assert got.problems == ()
    assert got.document.quantities == (q,)


def test_pull_qty_resized_with_untouched_fields_is_read_again() -> None:
    doc = gold()
    q = next(q for q in doc.quantities if q.text == "68 tahun")
    rid = span_id("quantities", q.start, q.end)
    result = [region(convert.document_result(doc), rid), *convert.quantity_fields(rid, doc.text, q)]
    result[0]["value"].update(end=q.start + 2, text="68")  # the annotator cut off "tahun"

    def rules(text: str, start: int, end: int) -> Quantity | None:
        return replace(q, start=start, end=end, unit="tahun" if end == q.end else None)

    got = read(doc, result, read_quantity=rules)
    assert got.problems == ()
    (back,) = got.document.quantities
    assert (back.text, back.value, back.unit, back.id) == (
        "68",
        68,
        None,
        span_id("quantities", q.start, q.start + 2),
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1300", (1300, None, None)),
        (" 2.5 ", (2.5, None, None)),
        ("1.5e12", (1.5e12, None, None)),
        ("10-15", (None, 10, 15)),
        ("10 – 15", (None, 10, 15)),
    ],
)
def test_parse_value_reads_numbers_and_ranges(typed: str, expected: tuple[float, ...]) -> None:
    assert convert.parse_value(typed) == expected


@pytest.mark.parametrize("typed", ["1.300", "Rp 5", "sekitar 10", "10-", ""])
def test_parse_value_refuses_ambiguous_or_wordy_values(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        convert.parse_value(typed)


def test_span_lines_show_every_attribute_and_compare_holders_by_offsets() -> None:
    doc = gold()
    lines = convert.span_lines(doc)
    assert len(lines) == len(doc.entities) + len(doc.quantities) + len(doc.stances)
    assert (
        "QTY 1326:1340 '2-3 miliar USD' value=null low=2000000000 high=3000000000 unit=USD "
        "approximate=False bound=None"
    ) in lines
    assert any(
        line.startswith("STANCE 454:502") and "holder=PER 569:576 'Tokayev'" in line
        for line in lines
    )
    assert label_set().stance_label == "STANCE"


_CHARS = st.sampled_from(list("ab Z\n😀👍🏽🇮🇩\U0001d400q\u0307\u200d,."))  # U+1D400: astral


@given(st.lists(_CHARS, min_size=1, max_size=60).map("".join), st.data())
def test_entities_round_trip_through_a_result_on_any_text(text: str, data: st.DataObject) -> None:
    article = replace(gold().article, text=text, paragraphs=(), title=text)
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=8)))
    entities = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            label = data.draw(st.sampled_from(label_set().entity_labels))
            entities.append(
                Entity(span_id("entities", start, end), start, end, text[start:end], label)
            )
    doc = Document(article, entities=tuple(entities), meta=META)
    back = convert.annotation_to_document(
        article, convert.document_result(doc), meta=META, read_quantity=no_rules
    )
    assert back.document.entities == doc.entities
    assert [p for p in back.problems if "Label Studio shows" in p or "outside" in p] == []
