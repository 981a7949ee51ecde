"""Build the dataset from gold Documents: rows per config and split, and their figures. Pure.

`build_rows` turns one Document into its `spans` and `tokens` rows, its `sentences` rows
and its split; `Figures` counts documents, tokens, sentences, labels and polarities per split,
from Documents while
publishing (for the card) and from loaded datasets (`figures`) to check what a user gets.
The release writer (corpus/stream.py) streams these rows into Parquet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.features import spans_row, tokens_row
from corpus.records import JSON, Document
from corpus.schemas import label_set
from corpus.sentences import sentence_rows
from corpus.split import SPLITS, split_of
from corpus.validate import Problem

if TYPE_CHECKING:
    import datasets


@dataclass(frozen=True, slots=True)
class Rows:
    """One Document as dataset rows: its split and its rows in each config."""

    id: str
    split: str
    rows: dict[str, list[JSON]]  # config name → rows (one, or one per sentence)


def build_rows(record: Mapping[str, Any]) -> tuple[Rows, list[Problem]]:
    """The rows of a Document record (`Document.to_dict()`, a gold file), and the spans its
    BIO tags cannot hold (misaligned, overlapping)."""
    tokens, problems = tokens_row(record)
    rows = {
        "spans": [spans_row(record)],
        "tokens": [tokens],
        "sentences": sentence_rows(record["text"], tokens),
    }
    return Rows(record["id"], split_of(record["id"]), rows), problems


@dataclass(slots=True)
class SplitFigures:
    """What one split holds: documents, tokens, sentences (rows of the `sentences` config),
    spans per label, stances per polarity."""

    documents: int = 0
    tokens: int = 0
    sentences: int = 0
    labels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(label_set().names, 0))
    polarities: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(label_set().polarity_names, 0)
    )

    def count(self, record: Mapping[str, Any], *, tokens: int, sentences: int = 0) -> None:
        """Count one Document record (`Document.to_dict()`) with `tokens` tokens in
        `sentences` sentence rows."""
        labels = label_set()
        self.documents += 1
        self.tokens += tokens
        self.sentences += sentences
        for entity in record["entities"]:
            self.labels[entity["label"]] += 1
        self.labels[labels.quantity_label] += len(record["quantities"])
        self.labels[labels.stance_label] += len(record["stances"])
        for stance in record["stances"]:
            self.polarities[stance["polarity"]] += 1

    def add(self, other: SplitFigures) -> None:
        """Add the counts of `other` to these."""
        self.documents += other.documents
        self.tokens += other.tokens
        self.sentences += other.sentences
        for label, count in other.labels.items():
            self.labels[label] += count
        for polarity, count in other.polarities.items():
            self.polarities[polarity] += count

    def to_dict(self) -> JSON:
        return {
            "documents": self.documents,
            "tokens": self.tokens,
            "sentences": self.sentences,
            "labels": dict(self.labels),
            "polarities": dict(self.polarities),
        }


@dataclass(slots=True)
class Figures:
    """Figures per split (every split in SPLITS, empty ones included)."""

    splits: dict[str, SplitFigures] = field(
        default_factory=lambda: {split: SplitFigures() for split in SPLITS}
    )

    def add(self, record: Mapping[str, Any], *, tokens: int, sentences: int) -> None:
        """Count one Document record (`Document.to_dict()`) with `tokens` tokens in
        `sentences` sentence rows."""
        self.splits[split_of(record["id"])].count(record, tokens=tokens, sentences=sentences)

    def merge(self, other: Figures) -> None:
        """Add the counts of `other` (figures of other documents) to these."""
        for name, split in other.splits.items():
            self.splits[name].add(split)

    @property
    def total(self) -> SplitFigures:
        total = SplitFigures()
        for split in self.splits.values():
            total.add(split)
        return total

    def non_empty(self) -> list[str]:
        """The splits with at least one document, in SPLITS order."""
        return [name for name in SPLITS if self.splits[name].documents]

    def to_dict(self) -> JSON:
        return {name: split.to_dict() for name, split in self.splits.items()}


def figures_of(documents: Iterable[Document]) -> Figures:
    """Figures of a gold set (tokenizing and splitting each text to count tokens and
    sentences)."""
    result = Figures()
    for doc in documents:
        record = doc.to_dict()
        row, _ = tokens_row(record)
        sentences = len(sentence_rows(record["text"], row))
        result.add(record, tokens=len(row["tokens"]), sentences=sentences)
    return result


def figures(dataset: Mapping[str, datasets.DatasetDict]) -> Figures:
    """Figures of a loaded release ({'spans': DatasetDict, 'tokens': DatasetDict,
    'sentences': DatasetDict}, as `corpus.release.load_release` or a `load_dataset` call per
    config gives it): what a user gets."""
    import pyarrow.compute as pc  # type: ignore[import-untyped]  # pyarrow ships no stubs

    labels = label_set()
    result = Figures()
    for split, spans in dataset["spans"].items():
        counts = result.splits[split]
        table = spans.with_format("arrow")[:]
        counts.documents = table.num_rows
        entity_labels = pc.struct_field(pc.list_flatten(table["entities"]), "label")
        for index, name in enumerate(labels.entity_labels):
            counts.labels[name] = pc.sum(pc.equal(entity_labels, index)).as_py() or 0
        counts.labels[labels.quantity_label] = (
            pc.sum(pc.list_value_length(table["quantities"])).as_py() or 0
        )
        counts.labels[labels.stance_label] = (
            pc.sum(pc.list_value_length(table["stances"])).as_py() or 0
        )
        polarities = pc.struct_field(pc.list_flatten(table["stances"]), "polarity")
        for index, name in enumerate(labels.polarity_names):
            counts.polarities[name] = pc.sum(pc.equal(polarities, index)).as_py() or 0
    for split, tokens in dataset["tokens"].items():
        table = tokens.with_format("arrow")[:]
        result.splits[split].tokens = pc.sum(pc.list_value_length(table["tokens"])).as_py() or 0
    for split, sentences in dataset["sentences"].items():
        result.splits[split].sentences = sentences.num_rows
    return result
