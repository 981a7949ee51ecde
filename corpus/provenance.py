"""How much people changed the pre-annotation: the provenance a release's card states. Pure.

Reviewers start from the pre-annotation (`annotate preannotate`: the rules' predictions,
pushed to Label Studio with each task) and submit the gold Document. Comparing the two
article by article with `corpus.diff` (a span is its label and offsets; the same label and
offsets with another value, unit, polarity, holder or target is a changed span) counts
the spans a person changed, added and deleted. When there are none, the annotations are the
predictions submitted unchanged, and the card says that nobody reviewed them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from corpus.diff import diff_documents
from corpus.features import view
from corpus.schemas import label_set

# corpus.diff's word for a span that is gone is "removed"; a reviewer deletes it.
CHANGES = {"changed": "changed", "added": "added", "removed": "deleted"}


def _no_spans() -> dict[str, dict[str, int]]:
    return {label: dict.fromkeys(CHANGES.values(), 0) for label in label_set().names}


@dataclass(frozen=True, slots=True)
class Review:
    """What people did to the pre-annotation of one release's documents."""

    documents: int = 0  # gold documents compared with their pre-annotation
    edited: int = 0  # of these, documents with at least one span changed, added or deleted
    unmatched: int = 0  # gold documents with no pre-annotation of the same text
    spans: dict[str, dict[str, int]] = field(default_factory=_no_spans)  # label → change → n

    def total(self, change: str) -> int:
        """Spans `change`d ('changed', 'added' or 'deleted') over every label."""
        return sum(counts[change] for counts in self.spans.values())

    @property
    def reviewed(self) -> bool:
        """Whether a person changed anything at all."""
        return self.edited > 0


def review_of(
    preannotated: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]
) -> Review:
    """Compare each gold Document (record or published view) with the pre-annotated
    Document of the same article id. Pre-annotated articles that are not in the gold set
    are ignored; a gold article without one, or whose text differs from it (offsets would
    not compare), is counted as unmatched."""
    before = {record["id"]: view(record) for record in preannotated}
    spans = _no_spans()
    documents = edited = unmatched = 0
    for record in gold:
        predicted = before.get(record["id"])
        if predicted is None or predicted["text"] != record["text"]:
            unmatched += 1
            continue
        documents += 1
        change = diff_documents(predicted, view(record))
        if change is None or not change.spans:
            continue
        edited += 1
        for span in change.spans:
            spans[span.label][CHANGES[span.change]] += 1
    return Review(documents, edited, unmatched, spans)
