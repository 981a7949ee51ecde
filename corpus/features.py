"""The two dataset configs: their `datasets.Features`, and rows to and from Documents. Pure.

`spans`  one row per article: id, title, outlet, published, text, and the entities,
         quantities and stances with their offsets; labels, bounds and polarities are
         ClassLabels whose names come from schema/ (`label_set()`).
`tokens` one row per article: id, tokens (corpus/tokens.py), their start/end offsets,
         and `ner_tags`, BIO tags over the token labels (PER, ORG, QTY) as a ClassLabel.

One declaration (`features`) drives the Parquet schema, the YAML of the dataset card
and what `load_dataset` gives back. `datasets` is imported inside functions so the CLI's
`--help` stays instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from corpus.records import JSON, Document, Entity, Quantity, Stance
from corpus.schemas import label_set
from corpus.tokens import TokenSpan, bio_names, bio_tags, tokenize
from corpus.validate import Problem

if TYPE_CHECKING:
    import datasets

CONFIGS = ("spans", "tokens")
# The article fields of the `spans` config; the Document's other fields (paragraphs, removed
# boilerplate, source hashes, meta) stay in the gold files.
ARTICLE_FIELDS = ("id", "title", "outlet", "published", "text")
SPAN_KINDS = ("entities", "quantities", "stances")


@cache
def features(config: str) -> datasets.Features:
    """The Features of `config` ('spans' or 'tokens')."""
    from datasets import ClassLabel, Features, List, Value

    labels = label_set()
    offsets = {"id": Value("string"), "start": Value("int32"), "end": Value("int32")}
    if config == "spans":
        return Features(
            {
                **{name: Value("string") for name in ARTICLE_FIELDS},
                "entities": List(
                    {
                        **offsets,
                        "text": Value("string"),
                        "label": ClassLabel(names=list(labels.entity_labels)),
                    }
                ),
                "quantities": List(
                    {
                        **offsets,
                        "text": Value("string"),
                        "value": Value("float64"),
                        "low": Value("float64"),
                        "high": Value("float64"),
                        "unit": Value("string"),
                        "approximate": Value("bool"),
                        "bound": ClassLabel(names=list(labels.bound_names)),
                    }
                ),
                "stances": List(
                    {
                        **offsets,
                        "text": Value("string"),
                        "polarity": ClassLabel(names=list(labels.polarity_names)),
                        "holder": Value("string"),
                        "target": Value("string"),
                    }
                ),
            }
        )
    if config == "tokens":
        return Features(
            {
                "id": Value("string"),
                "tokens": List(Value("string")),
                "starts": List(Value("int32")),
                "ends": List(Value("int32")),
                "ner_tags": List(ClassLabel(names=list(bio_names()))),
            }
        )
    raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")


def spans_row(doc: Document) -> JSON:
    """The `spans` row of a Document: ClassLabel fields as their integer ids."""
    labels = label_set()
    entity_ids = {name: i for i, name in enumerate(labels.entity_labels)}
    bound_ids = {name: i for i, name in enumerate(labels.bound_names)}
    polarity_ids = {name: i for i, name in enumerate(labels.polarity_names)}
    article = doc.article
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "text": article.text,
        "entities": [
            {
                "id": e.id,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "label": entity_ids[e.label],
            }
            for e in doc.entities
        ],
        "quantities": [
            {
                "id": q.id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "unit": q.unit,
                "approximate": q.approximate,
                "bound": None if q.bound is None else bound_ids[q.bound],
            }
            for q in doc.quantities
        ],
        "stances": [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "polarity": polarity_ids[s.polarity],
                "holder": s.holder,
                "target": s.target,
            }
            for s in doc.stances
        ],
    }


def token_spans(doc: Document) -> list[TokenSpan]:
    """The spans that become BIO tags (entities and quantities), with their JSON pointers."""
    quantity = label_set().quantity_label
    return [
        TokenSpan(f"/entities/{i}", e.start, e.end, e.label) for i, e in enumerate(doc.entities)
    ] + [
        TokenSpan(f"/quantities/{i}", q.start, q.end, quantity)
        for i, q in enumerate(doc.quantities)
    ]


def tokens_row(doc: Document) -> tuple[JSON, list[Problem]]:
    """The `tokens` row of a Document, and a Problem for each span BIO tags cannot hold."""
    text = doc.text
    offsets = tokenize(text)
    tags, problems = bio_tags(text, offsets, token_spans(doc))
    row = {
        "id": doc.id,
        "tokens": [text[start:end] for start, end in offsets],
        "starts": [start for start, _ in offsets],
        "ends": [end for _, end in offsets],
        "ner_tags": tags,
    }
    return row, problems


def view(doc: Document) -> JSON:
    """What a release publishes of a Document: the article fields of the `spans` config and
    the span lists, exactly as `Document.to_dict()` writes them in the gold file."""
    record = doc.to_dict()
    return {name: record[name] for name in (*ARTICLE_FIELDS, *SPAN_KINDS)}


def decode_spans_row(row: Mapping[str, Any]) -> JSON:
    """A `spans` row (ClassLabels as ids, as Parquet or `load_dataset` give it) back in the
    shape of `view`: labels as names, numbers written as the gold files write them."""
    labels = label_set()
    out: JSON = {name: row[name] for name in ARTICLE_FIELDS}
    out["entities"] = [
        Entity(e["id"], e["start"], e["end"], e["text"], labels.entity_labels[e["label"]]).to_dict()
        for e in row["entities"]
    ]
    out["quantities"] = [
        Quantity(
            q["id"],
            q["start"],
            q["end"],
            q["text"],
            q["value"],
            q["low"],
            q["high"],
            q["unit"],
            q["approximate"],
            None if q["bound"] is None else labels.bound_names[q["bound"]],
        ).to_dict()
        for q in row["quantities"]
    ]
    out["stances"] = [
        Stance(
            s["id"],
            s["start"],
            s["end"],
            s["text"],
            labels.polarity_names[s["polarity"]],
            s["holder"],
            s["target"],
        ).to_dict()
        for s in row["stances"]
    ]
    return out
