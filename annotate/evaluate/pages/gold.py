"""The hand gold of real pages: the formats of `.gold.json`, `.stance.json` and
`.expected.json`, checked with JSON Schema and read into frozen records. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotate.evaluate.metrics import JSON
from corpus.errors import InputError
from corpus.schemas import label_set

OutletPlace = tuple[str | None, str | None]
"""A dateline's outlet and place, either None when the dateline does not name it."""


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    text: str
    value: float | None
    low: float | None
    high: float | None
    scored: bool  # False where the gold says "value_scored": false


@dataclass(frozen=True, slots=True)
class GoldStance:
    text: str
    polarity: str
    holder: str | None


@dataclass(frozen=True, slots=True)
class TextGold:
    """The gold of one text page (`NN-outlet.gold.json`, with its `.stance.json` if any).

    `entities` and `quantities` are None on a page without PER/ORG/QTY gold, `stances` on a
    page without a stance file. Entities are (label, text) pairs.
    """

    page: str
    title: str | None
    dateline: OutletPlace | None
    keep: tuple[str, ...]
    drop: tuple[str, ...]
    entities: tuple[tuple[str, str], ...] | None = None
    entities_optional: tuple[tuple[str, str], ...] = ()
    quantities: tuple[GoldQuantity, ...] | None = None
    quantities_optional: tuple[str, ...] = ()
    stances: tuple[GoldStance, ...] | None = None
    stances_optional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HtmlGold:
    """The expectations of one HTML page (`html/NN-outlet.expected.json`)."""

    page: str
    title: str
    dateline: str | None
    body_first: str
    body_last: str
    published: str | None
    furniture: tuple[str, ...]


def _nullable(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


_TEXT = {"type": "string", "minLength": 1}
_STR_OR_NULL = {"type": ["string", "null"]}
_NUM_OR_NULL = {"type": ["number", "null"]}
_STRINGS = {"type": "array", "items": _TEXT}


def _gold_schema() -> JSON:
    ls = label_set()
    entity = {
        "type": "object",
        "required": ["label", "text"],
        "properties": {"label": {"enum": list(ls.entity_labels)}, "text": _TEXT},
    }
    quantity = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": _TEXT,
            "value": _NUM_OR_NULL,
            "low": _NUM_OR_NULL,
            "high": _NUM_OR_NULL,
            "unit": _STR_OR_NULL,
            "value_scored": {"type": "boolean"},
        },
    }
    return {
        "type": "object",
        "required": ["file", "title", "dateline", "body_must_keep", "boilerplate_must_drop"],
        "properties": {
            "file": _TEXT,
            "title": _STR_OR_NULL,
            "dateline": _nullable(
                {
                    "type": "object",
                    "required": ["outlet", "place"],
                    "properties": {"outlet": _STR_OR_NULL, "place": _STR_OR_NULL},
                }
            ),
            "body_must_keep": _STRINGS,
            "boilerplate_must_drop": _STRINGS,
            "entities": _nullable({"type": "array", "items": entity}),
            "entities_optional": _nullable({"type": "array", "items": entity}),
            "quantities": _nullable({"type": "array", "items": quantity}),
            "quantities_optional": _nullable({"type": "array", "items": quantity}),
        },
    }


def _stance_schema() -> JSON:
    stance = {
        "type": "object",
        "required": ["text", "polarity", "holder"],
        "properties": {
            "text": _TEXT,
            "polarity": {"enum": list(label_set().polarity_names)},
            "holder": _STR_OR_NULL,
        },
    }
    optional = {"type": "object", "required": ["text"], "properties": {"text": _TEXT}}
    return {
        "type": "object",
        "required": ["stances"],
        "properties": {
            "stances": {"type": "array", "items": stance},
            "optional": {"type": "array", "items": optional},
        },
    }


def _expected_schema() -> JSON:
    return {
        "type": "object",
        "required": [
            "file",
            "title",
            "dateline",
            "body_first",
            "body_last",
            "published",
            "must_not_contain",
        ],
        "properties": {
            "file": _TEXT,
            "title": _TEXT,
            "dateline": _STR_OR_NULL,
            "body_first": _TEXT,
            "body_last": _TEXT,
            "published": _STR_OR_NULL,
            "must_not_contain": _STRINGS,
        },
    }


def _check(record: Any, schema: JSON, source: str) -> JSON:
    """`record` if it fits `schema`; else InputError naming the file and the JSON path."""
    from jsonschema import Draft202012Validator  # lazy: keeps `--help` fast

    found = sorted(Draft202012Validator(schema).iter_errors(record), key=lambda e: e.json_path)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise InputError(
            f"{first.json_path}: {first.message}{more}; see the page set's README for the format",
            source=source,
        )
    assert isinstance(record, dict)  # the schemas' top level is an object
    return record


def text_gold(
    gold: Any,
    stance: Any | None = None,
    *,
    source: str = "<gold>",
    stance_source: str = "<stance>",
) -> TextGold:
    """A text page's gold from its decoded `.gold.json` (and `.stance.json`, if any).

    Raises InputError naming the file and the JSON path when one does not fit the format.
    """
    g = _check(gold, _gold_schema(), source)
    s = None if stance is None else _check(stance, _stance_schema(), stance_source)
    dateline = g["dateline"]
    entities = g.get("entities")
    quantities = g.get("quantities")
    return TextGold(
        page=g["file"],
        title=g["title"],
        dateline=None if dateline is None else (dateline["outlet"], dateline["place"]),
        keep=tuple(g["body_must_keep"]),
        drop=tuple(g["boilerplate_must_drop"]),
        entities=None if entities is None else tuple((e["label"], e["text"]) for e in entities),
        entities_optional=tuple((e["label"], e["text"]) for e in g.get("entities_optional") or ()),
        quantities=None
        if quantities is None
        else tuple(
            GoldQuantity(
                q["text"],
                q.get("value"),
                q.get("low"),
                q.get("high"),
                q.get("value_scored", True),
            )
            for q in quantities
        ),
        quantities_optional=tuple(q["text"] for q in g.get("quantities_optional") or ()),
        stances=None
        if s is None
        else tuple(GoldStance(x["text"], x["polarity"], x["holder"]) for x in s["stances"]),
        stances_optional=() if s is None else tuple(x["text"] for x in s.get("optional", ())),
    )


def html_gold(expected: Any, *, source: str = "<expected>") -> HtmlGold:
    """An HTML page's expectations from its decoded `.expected.json`; InputError when malformed."""
    e = _check(expected, _expected_schema(), source)
    return HtmlGold(
        page=e["file"],
        title=e["title"],
        dateline=e["dateline"],
        body_first=e["body_first"],
        body_last=e["body_last"],
        published=e["published"],
        furniture=tuple(e["must_not_contain"]),
    )
