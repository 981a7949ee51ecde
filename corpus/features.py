"""The two dataset configs: their `datasets.Features`, and rows to and from Documents. Pure.

`spans`  one row per article: id, title, outlet, published, text, and the entities,
         quantities and stances with their offsets; labels, bounds and polarities are
         ClassLabels whose names come from schema/ (`label_set()`).
`tokens` one row per article: id, tokens (corpus/tokens.py), their start/end offsets,
         and `ner_tags`, BIO tags over the token labels (PER, ORG, QTY) as a ClassLabel.
`sentences` one row per sentence (corpus/sentences.py): the `tokens` row of an article cut
         at sentence ends, with the sentence id, the article id and the sentence's index.

One declaration (`features`) drives the Parquet schema, the YAML of the dataset card
and what `load_dataset` gives back. `datasets` is imported inside functions so the CLI's
`--help` stays instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from corpus.records import JSON, Entity, Quantity, Stance
from corpus.schemas import label_set
from corpus.tokens import TokenSpan, bio_names, bio_tags, tokenize
from corpus.validate import Problem

if TYPE_CHECKING:
    import datasets

CONFIGS = ("spans", "tokens", "sentences")
# The article fields of the `spans` config; the Document's other fields (paragraphs, removed
# boilerplate, source hashes, meta) stay in the gold files.
ARTICLE_FIELDS = ("id", "title", "outlet", "published", "text")
SPAN_KINDS = ("entities", "quantities", "stances")


@cache
def features(config: str) -> datasets.Features:
    """The Features of `config` ('spans', 'tokens' or 'sentences')."""
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
    tagged = {
        "tokens": List(Value("string")),
        "starts": List(Value("int32")),
        "ends": List(Value("int32")),
        "ner_tags": List(ClassLabel(names=list(bio_names()))),
    }
    if config == "tokens":
        return Features({"id": Value("string"), **tagged})
    if config == "sentences":
        return Features(
            {
                "id": Value("string"),
                "article_id": Value("string"),
                "index": Value("int32"),
                **tagged,
            }
        )
    raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")


# The ClassLabel field of each span list, and where its names come from.
_CLASS_FIELDS = {"entities": "label", "quantities": "bound", "stances": "polarity"}


@cache
def _class_names() -> dict[str, tuple[str, ...]]:
    labels = label_set()
    return {
        "entities": labels.entity_labels,
        "quantities": labels.bound_names,
        "stances": labels.polarity_names,
    }


def spans_row(record: Mapping[str, Any]) -> JSON:
    """The `spans` row of a Document record (`Document.to_dict()`, a gold file): the
    ClassLabel fields as their integer ids."""
    row: JSON = {name: record[name] for name in ARTICLE_FIELDS}
    for kind in SPAN_KINDS:
        field = _CLASS_FIELDS[kind]
        ids = {name: i for i, name in enumerate(_class_names()[kind])}
        spans = []
        for span in record[kind]:
            encoded = dict(span)
            value = span[field]
            encoded[field] = None if value is None else ids[value]
            spans.append(encoded)
        row[kind] = spans
    return row


def token_spans(record: Mapping[str, Any]) -> list[TokenSpan]:
    """The spans that become BIO tags (entities and quantities), with their JSON pointers."""
    quantity = label_set().quantity_label
    entities = record["entities"]
    return [
        TokenSpan(f"/entities/{i}", e["start"], e["end"], e["label"])
        for i, e in enumerate(entities)
    ] + [
        TokenSpan(f"/quantities/{i}", q["start"], q["end"], quantity)
        for i, q in enumerate(record["quantities"])
    ]


def tokens_row(record: Mapping[str, Any]) -> tuple[JSON, list[Problem]]:
    """The `tokens` row of a Document record, and a Problem for each span BIO tags cannot
    hold (not on token boundaries, or overlapping another)."""
    text = record["text"]
    offsets = tokenize(text)
    tags, problems = bio_tags(text, offsets, token_spans(record))
    starts = list(map(itemgetter(0), offsets))
    ends = list(map(itemgetter(1), offsets))
    row = {
        "id": record["id"],
        "tokens": list(map(text.__getitem__, map(slice, starts, ends))),
        "starts": starts,
        "ends": ends,
        "ner_tags": tags,
    }
    return row, problems


def view(record: Mapping[str, Any]) -> JSON:
    """What a release publishes of a Document record (`Document.to_dict()`, a gold file):
    the article fields of the `spans` config and the span lists."""
    return {name: record[name] for name in (*ARTICLE_FIELDS, *SPAN_KINDS)}


def decode_spans_row(row: Mapping[str, Any]) -> JSON:
    """A `spans` row (ClassLabels as ids, as Parquet or `load_dataset` give it) back in the
    shape of `view`: labels as names, numbers written as the gold files write them."""
    labels = label_set()
    out: JSON = {name: row[name] for name in ARTICLE_FIELDS}
    out["entities"] = [
        Entity.from_dict({**e, "label": labels.entity_labels[e["label"]]}).to_dict()
        for e in row["entities"]
    ]
    out["quantities"] = [
        Quantity.from_dict(
            {**q, "bound": None if q["bound"] is None else labels.bound_names[q["bound"]]}
        ).to_dict()
        for q in row["quantities"]
    ]
    out["stances"] = [
        Stance.from_dict({**s, "polarity": labels.polarity_names[s["polarity"]]}).to_dict()
        for s in row["stances"]
    ]
    return out
