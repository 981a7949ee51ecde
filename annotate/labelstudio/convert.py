"""Document ⇄ Label Studio task, prediction and annotation result. Pure.

Push side, one task per Document:

    {"data": {"text", "article_id", "text_sha256", "title", "article",
              "priority", "priority_random"},     the last two when a review priority is given
     "predictions": [{"model_version": doc.meta.source, "result": [...]}]}

    with a review priority (`annotate push --model`), each PER/ORG labels item of the
    prediction also has "score": the model's confidence in that span, shown beside the
    region in Label Studio's region list.

Pull side, an annotation's `result` (the list the web UI stores) back into a Document:

    labels item   {"id", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start", "end", "text", "labels": ["PER"]}}      one region
    choices item  same "id" as its region, from_name "polarity" / "approximate" / "bound"
    textarea item same "id", from_name "target" / "value" / "unit", "value": {"text": ["..."]}
    relation item {"from_id": STANCE region, "to_id": PER/ORG region, "type": "relation",
                   "direction": "right", "labels": ["holder"]}

Offsets: Label Studio 1.23.2 stores `start`/`end` of text regions as Python code-point
offsets (emoji and combined emoji count as Python counts them; checked in Chromium).
`to_ls_offsets` / `from_ls_offsets` are the one place that knows this; the browser test
pins it. `value.text` is not trusted (line breaks come back as a literal backslash-n, runs
of spaces collapse): span text is rebuilt as `text[start:end]`, `value.text` is only
compared with it (loosely) to catch regions whose offsets drifted, e.g. after resizing
next to an emoji. Leading/trailing whitespace of a selection is trimmed.

Region ids are the span ids (`e79-100`, `q12-20`, `s5-90`): stable from the content, so the
same Document always gives the same prediction. A QTY region whose id names other offsets
than it now has was resized by the annotator; if its value fields still hold what the rules
read for the old span, they are stale and the new span is read again.

QTY values on pull: a region with no value field at all (drawn by the annotator, never
opened) is read from the text by the QTY rules. Once any field is set, the fields are what
the annotator saw: an empty `value` is still read from the text, `unit`, `approximate` and
`bound` are taken as shown (empty unit = a bare count).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeGuard

from annotate.labelstudio import config as c
from annotate.priority import ReviewPriority
from corpus.records import (
    Article,
    Document,
    Entity,
    Meta,
    Quantity,
    Stance,
    span_id,
)
from corpus.schemas import label_set
from corpus.validate import problems as validation_problems

JSON = dict[str, Any]
SpanScores = Mapping[tuple[int, int, str], float]
"""(start, end, label) of an entity → the model's confidence in it, a region's "score"."""
SCORE_DIGITS = 4

# (text, start, end) -> the rules' reading of text[start:end] as a QTY, or None.
QuantityReader = Callable[[str, int, int], Quantity | None]


# ------------------------------------------------------------------------------ offsets


def to_ls_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """Label Studio's `value.start`/`value.end` for the span text[start:end].

    Label Studio 1.23.2 counts Python code points (observed in Chromium, emoji included),
    so this is the identity; if a release changes that, this pair is the one place to fix.
    """
    del text  # the conversion would need it if Label Studio counted UTF-16 units
    return start, end


def from_ls_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """Python code-point offsets of a region Label Studio stored as `start`/`end`."""
    del text
    return start, end


# ------------------------------------------------------------------------- push side


def task_data(article: Article) -> JSON:
    """The `data` of a task: what the interface shows (`text`), what identifies it, and the
    rest of the Article (`article`, without its text), so a pull can rebuild the Document."""
    rest = {k: v for k, v in article.to_dict().items() if k != "text"}
    return {
        "text": article.text,
        "article_id": article.id,
        "text_sha256": article.text_sha256,
        "title": article.title,
        "article": rest,
    }


def task_article(data: Mapping[str, Any]) -> Article:
    """The Article a task was made from (`task_data` in reverse).

    Raises ValueError naming what is missing or inconsistent.
    """
    text, rest = data.get("text"), data.get("article")
    if not isinstance(data.get("article_id"), str):
        raise ValueError("task data has no article_id (was it imported by `annotate push`?)")
    if not isinstance(text, str) or not isinstance(rest, Mapping):
        raise ValueError("task data lacks the text or the article fields `annotate push` sends")
    try:
        article = Article.from_dict({**rest, "text": text})
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ValueError(
            f"task data has a broken article record ({type(e).__name__}: {e})"
        ) from None
    if article.id != data["article_id"]:
        raise ValueError(
            f"task data article_id {data['article_id']!r} != article id {article.id!r}"
        )
    if article.text_sha256 != data.get("text_sha256"):
        raise ValueError(
            "the task text was edited in Label Studio: its sha256 no longer matches text_sha256"
        )
    return article


def _number(x: float) -> str:
    """1300 not 1300.0, 1500000000000 not 1.5e+12: what an annotator would type."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def render_value(q: Quantity) -> str:
    """The value field of a QTY region: '1300', '2.5' or a range '2000000000-3000000000'."""
    if q.value is not None:
        return _number(q.value)
    if q.low is not None and q.high is not None:
        return f"{_number(q.low)}-{_number(q.high)}"
    return ""


def _item(rid: str, text: str, start: int, end: int, name: str, kind: str, value: JSON) -> JSON:
    """One result item on text[start:end]: `value` holds what its kind adds to the offsets."""
    ls_start, ls_end = to_ls_offsets(text, start, end)
    return {
        "id": rid,
        "from_name": name,
        "to_name": c.TEXT,
        "type": kind,
        "value": {"start": ls_start, "end": ls_end, **value},
    }


def _region(rid: str, text: str, start: int, end: int, label: str) -> JSON:
    return _item(
        rid, text, start, end, c.LABELS, "labels", {"text": text[start:end], "labels": [label]}
    )


def _choices(rid: str, text: str, start: int, end: int, name: str, values: list[str]) -> JSON:
    return _item(
        rid, text, start, end, name, "choices", {"text": text[start:end], "choices": values}
    )


def _textarea(rid: str, text: str, start: int, end: int, name: str, value: str) -> JSON:
    # For a per-region TextArea, value.text is the typed text (a list), not the span text.
    return _item(rid, text, start, end, name, "textarea", {"text": [value]})


def relation(from_id: str, to_id: str) -> JSON:
    """A holder relation from a STANCE region to a PER/ORG region."""
    return {
        "from_id": from_id,
        "to_id": to_id,
        "type": "relation",
        "direction": "right",
        "labels": [c.HOLDER],
    }


def quantity_fields(rid: str, text: str, q: Quantity) -> list[JSON]:
    """The per-region QTY value fields (value, unit, approximate, bound) of `q`."""
    items = []
    if value := render_value(q):
        items.append(_textarea(rid, text, q.start, q.end, c.QTY_VALUE, value))
    if q.unit:
        items.append(_textarea(rid, text, q.start, q.end, c.QTY_UNIT, q.unit))
    if q.approximate:
        items.append(_choices(rid, text, q.start, q.end, c.QTY_APPROXIMATE, [c.APPROXIMATE_CHOICE]))
    if q.bound:
        items.append(_choices(rid, text, q.start, q.end, c.QTY_BOUND, [q.bound]))
    return items


def document_result(doc: Document, span_scores: SpanScores | None = None) -> list[JSON]:
    """The Label Studio `result` list of `doc`'s spans, as the web UI would store it; an
    entity region with a score in `span_scores` carries it (Label Studio shows a region's
    score beside it in the region list)."""
    text = doc.text
    labels = label_set()
    scores = span_scores or {}
    result: list[JSON] = []
    entity_region = {}
    for e in doc.entities:
        rid = span_id("entities", e.start, e.end)
        entity_region[e.id] = rid
        region = _region(rid, text, e.start, e.end, e.label)
        if (sure := scores.get((e.start, e.end, e.label))) is not None:
            region["score"] = round(sure, SCORE_DIGITS)
        result.append(region)
    for q in doc.quantities:
        rid = span_id("quantities", q.start, q.end)
        result.append(_region(rid, text, q.start, q.end, labels.quantity_label))
        result.extend(quantity_fields(rid, text, q))
    for s in doc.stances:
        rid = span_id("stances", s.start, s.end)
        result.append(_region(rid, text, s.start, s.end, labels.stance_label))
        result.append(_choices(rid, text, s.start, s.end, c.POLARITY, [s.polarity]))
        result.append(_textarea(rid, text, s.start, s.end, c.TARGET, s.target))
        if s.holder is not None and s.holder in entity_region:
            result.append(relation(rid, entity_region[s.holder]))
    return result


def prediction(
    doc: Document, *, score: float | None = None, span_scores: SpanScores | None = None
) -> JSON:
    """`doc`'s spans as a Label Studio prediction; `model_version` is `doc.meta.source`."""
    pred: JSON = {"model_version": doc.meta.source, "result": document_result(doc, span_scores)}
    if score is not None:
        pred["score"] = score
    return pred


def document_to_task(
    doc: Document, *, score: float | None = None, priority: ReviewPriority | None = None
) -> JSON:
    """One Label Studio task (data + one prediction) for `doc`. With a `priority`
    (annotate.priority), the data also carries `priority` (higher: review first; sort the
    Data Manager by that column, descending) and `priority_random` (true for the random
    share, the tasks on which measured quality is unbiased), and the prediction's PER/ORG
    regions carry the model's confidence in them as their score."""
    data = task_data(doc.article)
    span_scores = None
    if priority is not None:
        data["priority"] = priority.score
        data["priority_random"] = priority.random
        span_scores = {(s.start, s.end, s.label): s.confidence for s in priority.spans}
    return {"data": data, "predictions": [prediction(doc, score=score, span_scores=span_scores)]}


# ------------------------------------------------------------------------- pull side


@dataclass(frozen=True, slots=True)
class Conversion:
    """The Document read from one annotation, and what is wrong with it (empty when usable)."""

    document: Document
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class _Region:
    rid: str
    label: str
    start: int
    end: int
    fields: dict[str, JSON]


_NUMBER = r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_VALUE = re.compile(rf"\s*({_NUMBER})\s*(?:(?:-|–|\.\.)\s*({_NUMBER})\s*)?")
_REGION_ID = re.compile(r"[eqs]([0-9]+)-([0-9]+)")


def parse_value(field: str) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) of a typed value field: '1300' or a range '10-15'.

    Plain machine numbers only ('1500000000000', '2.5', '1.5e12'): Indonesian '1.300'
    would be ambiguous here, so it is refused rather than read as 1.3.
    """
    m = _VALUE.fullmatch(field)
    if not m or re.fullmatch(r"\s*[0-9]{1,3}(?:\.[0-9]{3})+\s*", field):
        raise ValueError(f"value field {field!r} is not a number (1300, 2.5) or a range (10-15)")
    if m.group(2) is None:
        return float(m.group(1)), None, None
    return None, float(m.group(1)), float(m.group(2))


def _surface(s: str) -> str:
    # What Label Studio's value.text keeps of a span: literal '\n' for line breaks,
    # runs of whitespace collapsed.
    return " ".join(s.replace("\\n", "\n").split())


def _field_text(item: JSON) -> str:
    texts = item.get("value", {}).get("text")
    if isinstance(texts, str):
        texts = [texts]
    if not isinstance(texts, list):
        return ""
    typed = [t.strip() for t in texts if isinstance(t, str) and t.strip()]
    return typed[-1] if typed else ""


def _field_choices(item: JSON) -> list[str]:
    chosen = item.get("value", {}).get("choices")
    return [x for x in chosen if isinstance(x, str)] if isinstance(chosen, list) else []


def _describe(text: str, region: _Region) -> str:
    return f"{region.label} [{region.start}:{region.end}] {text[region.start : region.end]!r}"


_PER_REGION_NAMES = {c.POLARITY, c.TARGET, c.QTY_VALUE, c.QTY_UNIT, c.QTY_APPROXIMATE, c.QTY_BOUND}


def _regions(
    text: str, result: Sequence[Any], found: list[str]
) -> tuple[list[_Region], list[JSON]]:
    """Regions (trimmed, checked against the text) and relation items of a result list."""
    names = set(label_set().names)
    regions: dict[str, _Region] = {}
    per_region: list[JSON] = []
    relations: list[JSON] = []
    for n, item in enumerate(result):
        if not isinstance(item, Mapping):
            found.append(f"result[{n}] is not an object")
            continue
        item = dict(item)
        kind, name, rid = item.get("type"), item.get("from_name"), item.get("id")
        if kind == "relation":
            relations.append(item)
        elif kind == "labels" and name == c.LABELS:
            region = _read_region(text, item, names, found)
            if region is not None:
                if region.rid in regions:
                    found.append(f"region id {region.rid!r} is used twice")
                regions[region.rid] = region
        elif name in _PER_REGION_NAMES and kind in ("choices", "textarea") and rid is not None:
            per_region.append(item)
        else:
            found.append(
                f"result[{n}]: unknown item (type {kind!r}, from_name {name!r}); the project's "
                "labelling config is not the one `annotate ls-config` generates"
            )
    for item in per_region:
        region = regions.get(str(item["id"]))
        if region is not None:
            region.fields[str(item["from_name"])] = item
        # else: the value of a region that failed to read (already reported) or was deleted.
    return list(regions.values()), relations


def _is_offset(x: object) -> TypeGuard[int]:
    return isinstance(x, int) and not isinstance(x, bool)


def _read_region(text: str, item: JSON, names: set[str], found: list[str]) -> _Region | None:
    rid = str(item.get("id", ""))
    value = item.get("value")
    if not isinstance(value, Mapping):
        found.append(f"region {rid!r} has no value")
        return None
    labels = value.get("labels")
    if not isinstance(labels, list) or len(labels) != 1:
        found.append(f"region {rid!r} has labels {labels!r}; exactly one label is expected")
        return None
    label = labels[0]
    if label not in names:
        found.append(
            f"region {rid!r} has unknown label {label!r}; known: {', '.join(sorted(names))}"
        )
        return None
    raw_start, raw_end = value.get("start"), value.get("end")
    if not (_is_offset(raw_start) and _is_offset(raw_end)):
        found.append(
            f"{label} region {rid!r} has offsets {raw_start!r}:{raw_end!r}, not code-point "
            "offsets into the text (was it drawn on another object tag?)"
        )
        return None
    start, end = from_ls_offsets(text, raw_start, raw_end)
    if not 0 <= start < end <= len(text):
        found.append(
            f"{label} region {rid!r} [{start}:{end}] is outside the text (length {len(text)})"
        )
        return None
    shown = value.get("text")
    actual = text[start:end]
    if isinstance(shown, str) and _surface(shown) != _surface(actual):
        found.append(
            f"{label} region {rid!r} [{start}:{end}]: Label Studio shows {shown!r} but the task "
            f"text there is {actual!r}; re-select the span (offsets drifted, e.g. after "
            "resizing next to an emoji)"
        )
        return None
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        found.append(f"{label} region {rid!r} [{raw_start}:{raw_end}] selects only whitespace")
        return None
    return _Region(rid, label, start, end, {})


def _qty(
    text: str, region: _Region, read: QuantityReader | None, found: list[str]
) -> Quantity | None:
    start, end = region.start, region.end
    qid = span_id("quantities", start, end)
    fields = region.fields
    moved = _REGION_ID.fullmatch(region.rid)
    if moved and (int(moved.group(1)), int(moved.group(2))) != (start, end) and read:
        old = read(text, int(moved.group(1)), int(moved.group(2)))
        rid = region.rid
        if old is not None and _field_map(quantity_fields(rid, text, old)) == _field_map(
            list(fields.values())
        ):
            fields = {}  # resized, fields untouched: they describe the old span
    if not fields:
        reading = read(text, start, end) if read else None
        if reading is None:
            found.append(
                f"{_describe(text, region)}: no value, and the QTY rules cannot read one from "
                "the text; type it in the region's value field"
            )
            return None
        return replace(reading, id=qid, start=start, end=end, text=text[start:end])
    value_field = _field_text(fields[c.QTY_VALUE]) if c.QTY_VALUE in fields else ""
    if value_field:
        try:
            value, low, high = parse_value(value_field)
        except ValueError as e:
            found.append(f"{_describe(text, region)}: {e}")
            return None
    elif read is not None and (reading := read(text, start, end)) is not None:
        value, low, high = reading.value, reading.low, reading.high
    else:
        found.append(
            f"{_describe(text, region)}: empty value field, and the QTY rules cannot read a "
            "value from the text; type it in the region's value field"
        )
        return None
    unit = _field_text(fields[c.QTY_UNIT]) if c.QTY_UNIT in fields else ""
    approximate = c.APPROXIMATE_CHOICE in _field_choices(fields.get(c.QTY_APPROXIMATE, {}))
    bounds = _field_choices(fields.get(c.QTY_BOUND, {}))
    known_bounds = label_set().bound_names
    if len(bounds) > 1 or any(b not in known_bounds for b in bounds):
        found.append(f"{_describe(text, region)}: bound {bounds!r} is not one of {known_bounds}")
        return None
    return Quantity(
        qid,
        start,
        end,
        text[start:end],
        value=value,
        low=low,
        high=high,
        unit=unit or None,
        approximate=approximate,
        bound=bounds[0] if bounds else None,
    )


def _field_map(items: Sequence[JSON]) -> dict[str, Any]:
    return {
        str(i["from_name"]): _field_text(i) if i.get("type") == "textarea" else _field_choices(i)
        for i in items
        if i.get("from_name") in (c.QTY_VALUE, c.QTY_UNIT, c.QTY_APPROXIMATE, c.QTY_BOUND)
    }


def _holders(
    text: str, regions: dict[str, _Region], relations: list[JSON], found: list[str]
) -> dict[str, str]:
    """STANCE region id -> holder region id, from the holder relations."""
    labels = label_set()
    holders: dict[str, str] = {}
    for item in relations:
        first, second = regions.get(str(item.get("from_id"))), regions.get(str(item.get("to_id")))
        given = item.get("labels") or []
        if given and c.HOLDER not in given:
            found.append(f"relation {given!r}: the only relation is {c.HOLDER!r}")
            continue
        if first is None or second is None:
            found.append(
                f"relation {item.get('from_id')!r} -> {item.get('to_id')!r} points at a "
                "region that is missing or could not be read"
            )
            continue
        if first.label == labels.stance_label and second.label in labels.entity_labels:
            stance, holder = first, second
        elif second.label == labels.stance_label and first.label in labels.entity_labels:
            stance, holder = second, first  # drawn backwards; still unambiguous
        else:
            found.append(
                f"relation from {_describe(text, first)} to {_describe(text, second)}: a "
                f"holder relation goes from a {labels.stance_label} region to a "
                f"{'/'.join(labels.entity_labels)} region"
            )
            continue
        previous = holders.setdefault(stance.rid, holder.rid)
        if previous != holder.rid and (
            (regions[previous].start, regions[previous].end) != (holder.start, holder.end)
        ):
            found.append(
                f"{_describe(text, stance)} has two holder relations "
                f"({_describe(text, regions[previous])} and {_describe(text, holder)}); "
                "keep exactly one"
            )
    return holders


def annotation_to_document(
    article: Article,
    result: Sequence[Any],
    *,
    meta: Meta,
    read_quantity: QuantityReader | None = None,
) -> Conversion:
    """The Document an annotation's `result` describes, with every problem found.

    `read_quantity` reads a QTY value from the text (default: the QTY rules when they are
    installed, see `rules_quantity_reader`). The Document is complete only when `problems`
    is empty; it is then also valid against the schema and the invariants.
    """
    if read_quantity is None:
        read_quantity = rules_quantity_reader()
    text = article.text
    found: list[str] = []
    regions, relations = _regions(text, result, found)
    holders = _holders(text, {r.rid: r for r in regions}, relations, found)
    entities, entity_id = _entities(text, regions)
    quantities = _quantities(text, regions, read_quantity, found)
    stances = _stances(text, regions, holders, entity_id, found)
    doc = Document(
        article=article,
        entities=tuple(sorted(entities, key=lambda e: (e.start, e.end, e.label))),
        quantities=tuple(sorted(quantities, key=lambda q: (q.start, q.end))),
        stances=tuple(sorted(stances, key=lambda s: (s.start, s.end))),
        meta=meta,
    )
    if not found:
        found.extend(str(p) for p in validation_problems(doc.to_dict()))
    return Conversion(doc, tuple(found))


def _entities(text: str, regions: Sequence[_Region]) -> tuple[list[Entity], dict[str, str]]:
    """The PER/ORG entities (one per label and offsets), and region id -> entity id."""
    entity_labels = label_set().entity_labels
    entities: dict[tuple[str, int, int], Entity] = {}
    entity_id: dict[str, str] = {}
    for region in regions:
        if region.label in entity_labels:
            start, end = region.start, region.end
            entity = Entity(
                span_id("entities", start, end), start, end, text[start:end], region.label
            )
            entities.setdefault((region.label, start, end), entity)
            entity_id[region.rid] = entity.id
    return list(entities.values()), entity_id


def _quantities(
    text: str, regions: Sequence[_Region], read: QuantityReader | None, found: list[str]
) -> list[Quantity]:
    """The QTY spans (one per offsets; two regions there must agree on the value)."""
    quantity_label = label_set().quantity_label
    quantities: dict[tuple[int, int], Quantity] = {}
    for region in regions:
        if region.label != quantity_label:
            continue
        q = _qty(text, region, read, found)
        if q is None:
            continue
        if quantities.setdefault((region.start, region.end), q) != q:
            found.append(f"{_describe(text, region)}: two QTY regions with different values")
    return list(quantities.values())


def _stances(
    text: str,
    regions: Sequence[_Region],
    holders: Mapping[str, str],
    entity_id: Mapping[str, str],
    found: list[str],
) -> list[Stance]:
    """The STANCE spans with their polarity, target and holder entity."""
    labels = label_set()
    stances: dict[tuple[int, int], Stance] = {}
    for region in regions:
        if region.label != labels.stance_label:
            continue
        start, end = region.start, region.end
        polarity = _field_choices(region.fields.get(c.POLARITY, {}))
        target = _field_text(region.fields[c.TARGET]) if c.TARGET in region.fields else ""
        if len(polarity) != 1 or polarity[0] not in labels.polarity_names:
            found.append(
                f"{_describe(text, region)}: choose one polarity "
                f"({' / '.join(labels.polarity_names)}), got {polarity!r}"
            )
            continue
        if not target:
            found.append(f"{_describe(text, region)}: type the target (what the position is about)")
            continue
        holder_region = holders.get(region.rid)
        stance = Stance(
            span_id("stances", start, end),
            start,
            end,
            text[start:end],
            polarity[0],
            entity_id.get(holder_region) if holder_region else None,
            target,
        )
        if stances.setdefault((start, end), stance) != stance:
            found.append(f"{_describe(text, region)}: two STANCE regions with different values")
    return list(stances.values())


# ----------------------------------------------------------------------- comparing


def _fmt(x: float | None) -> str:
    return "null" if x is None else _number(x)


def span_lines(doc: Document) -> list[str]:
    """One line per span with all its attributes, sorted: for diffs and conflict reports.

    Holders are shown by the holder's offsets, so two annotators' Documents compare equal
    exactly when they agree on every span and attribute.
    """
    labels = label_set()
    by_id = {e.id: e for e in doc.entities}
    lines = [f"{e.label} {e.start}:{e.end} {e.text!r}" for e in doc.entities]
    lines += [
        f"{labels.quantity_label} {q.start}:{q.end} {q.text!r} value={_fmt(q.value)} "
        f"low={_fmt(q.low)} high={_fmt(q.high)} unit={q.unit} approximate={q.approximate} "
        f"bound={q.bound}"
        for q in doc.quantities
    ]
    for s in doc.stances:
        h = by_id.get(s.holder) if s.holder else None
        holder = f"{h.label} {h.start}:{h.end} {h.text!r}" if h else "null"
        lines.append(
            f"{labels.stance_label} {s.start}:{s.end} {s.text!r} polarity={s.polarity} "
            f"holder={holder} target={s.target!r}"
        )
    return sorted(lines)


# ------------------------------------------------------------------- QTY normaliser


@lru_cache(maxsize=16)
def _rules_quantities(text: str) -> dict[tuple[int, int], Quantity]:
    module = importlib.import_module("annotate.rules.quantity")
    return {(q.start, q.end): q for q in module.annotate_quantities(text)}


def _read_with_rules(text: str, start: int, end: int) -> Quantity | None:
    found = _rules_quantities(text).get((start, end))
    if found is not None:
        return found
    # The span alone: the annotator's boundaries may differ from the rules' (and the
    # qualifiers before it are then not seen: approximate/bound stay off).
    alone = [
        q
        for q in _rules_quantities(text[start:end]).values()
        if (q.start, q.end) == (0, end - start)
    ]
    return alone[0] if alone else None


def rules_quantity_reader() -> QuantityReader | None:
    """The QTY rules as a value reader, or None when `annotate.rules.quantity` is missing."""
    try:
        importlib.import_module("annotate.rules.quantity")
    except ModuleNotFoundError as e:
        if e.name not in ("annotate.rules.quantity", "annotate.rules"):
            raise
        return None
    return _read_with_rules
