"""Provenance: spans people changed, added and deleted against the pre-annotation."""

from __future__ import annotations

from dataclasses import replace

from corpus.provenance import review_of
from corpus.records import Document
from corpus.schemas import Polarity, label_set
from tests.corpus.gold_fixtures import document

LABELS = label_set()


def predicted() -> Document:
    doc = document("sample-kazakhstan.txt")
    assert doc.entities and doc.quantities and doc.stances
    return doc


def test_predictions_submitted_unchanged_are_not_reviewed() -> None:
    doc = predicted()
    review = review_of([doc.to_dict()], [doc.to_dict()])
    assert (review.documents, review.edited, review.unmatched) == (1, 0, 0)
    assert not review.reviewed
    assert all(review.total(change) == 0 for change in ("changed", "added", "deleted"))


def test_each_kind_of_edit_is_counted_per_label() -> None:
    doc = predicted()
    first, *rest = doc.entities
    relabelled = replace(first, label=LABELS.org_label if first.label == "PER" else "PER")
    stance = doc.stances[0]
    other = next(p for p in Polarity if p != stance.polarity)
    gold = doc.with_spans(
        entities=(relabelled, *rest),  # a label changed: one deleted, one added
        quantities=doc.quantities[1:],  # one deleted
        stances=(replace(stance, polarity=str(other)), *doc.stances[1:]),  # one changed
    )
    review = review_of([doc.to_dict()], [gold.to_dict()])
    assert review.reviewed and review.edited == 1
    assert review.spans[first.label] == {"changed": 0, "added": 0, "deleted": 1}
    assert review.spans[relabelled.label]["added"] == 1
    assert review.spans[LABELS.quantity_label] == {"changed": 0, "added": 0, "deleted": 1}
    assert review.spans[LABELS.stance_label] == {"changed": 1, "added": 0, "deleted": 0}
    assert (review.total("changed"), review.total("added"), review.total("deleted")) == (1, 1, 2)


def test_a_span_a_person_added_is_counted() -> None:
    doc = predicted()
    before = doc.with_spans(entities=doc.entities[:-1])
    review = review_of([before.to_dict()], [doc.to_dict()])
    assert review.spans[doc.entities[-1].label]["added"] == 1 and review.edited == 1


def test_gold_without_a_matching_pre_annotation_is_unmatched() -> None:
    doc, other = predicted(), document("suara-kopi-bu-siti-viral-emoji.txt")
    edited_text = doc.to_dict()
    edited_text["text"] += " "
    review = review_of([edited_text, other.to_dict()], [doc.to_dict()])
    # The other pre-annotated article is not in the gold set: ignored, not counted.
    assert (review.documents, review.unmatched, review.reviewed) == (0, 1, False)
