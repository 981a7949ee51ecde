"""Review priorities of a batch from the rules and a model (annotate/model/review.py)."""

from __future__ import annotations

from collections.abc import Sequence

from annotate.model.examples import rule_spans
from annotate.model.features import SpanLike
from annotate.model.review import review_priorities
from annotate.model.spans import ScoredSpan
from annotate.preannotate import preannotate
from annotate.priority import in_random_share

TEXTS = [
    "Menteri Keuangan Sri Wahyuni mengatakan Bank Indonesia akan menahan suku bunga.\n\n"
    "Ketua DPRD Jawa Barat Budi Santoso mendukung rencana itu.",
    "Gubernur Andi Pratama meresmikan jembatan baru di Kabupaten Sleman pada Senin.\n\n"
    "PT Kereta Api Indonesia menambah 12 perjalanan selama libur sekolah.",
]


class Agrees:
    """A model that proposes exactly the rules' spans, sure of each."""

    def scored_spans(self, text: str, rule_spans: Sequence[SpanLike]) -> tuple[ScoredSpan, ...]:
        return tuple(ScoredSpan(s, e, label, 1.0) for s, e, label in rule_spans)

    def span_confidence(
        self, text: str, rule_spans: Sequence[SpanLike], spans: Sequence[SpanLike]
    ) -> list[float]:
        return [1.0 if span in rule_spans else 0.0 for span in spans]


class Doubts:
    """A model that proposes the rules' spans with the other label, unsure of each."""

    def scored_spans(self, text: str, rule_spans: Sequence[SpanLike]) -> tuple[ScoredSpan, ...]:
        swap = {"PER": "ORG", "ORG": "PER"}
        return tuple(ScoredSpan(s, e, swap[label], 0.4) for s, e, label in rule_spans)

    def span_confidence(
        self, text: str, rule_spans: Sequence[SpanLike], spans: Sequence[SpanLike]
    ) -> list[float]:
        return [0.1 for _ in spans]


def test_disagreement_and_doubt_rank_above_agreement() -> None:
    docs = [preannotate(text) for text in TEXTS]
    assert all(rule_spans(doc.text) for doc in docs)
    assert not all(in_random_share(doc.id, seed=7) for doc in docs)  # something is ranked
    calm = review_priorities(docs, Agrees(), seed=7)
    busy = review_priorities(docs, Doubts(), seed=7)
    assert set(calm) == set(busy) == {doc.id for doc in docs}
    for doc in docs:
        if in_random_share(doc.id, seed=7):  # random draw: the same whatever the model says
            assert (calm[doc.id].score, calm[doc.id].random) == (busy[doc.id].score, True)
        else:
            assert calm[doc.id].score == 0.0 < busy[doc.id].score


def test_the_same_batch_gets_the_same_priorities() -> None:
    docs = [preannotate(text) for text in TEXTS]
    assert review_priorities(docs, Doubts()) == review_priorities(list(reversed(docs)), Doubts())


def test_each_per_org_span_of_a_task_gets_the_models_confidence_in_it() -> None:
    docs = [preannotate(text) for text in TEXTS]
    calm, busy = review_priorities(docs, Agrees()), review_priorities(docs, Doubts())
    for doc in docs:
        shown = [(e.start, e.end, e.label) for e in doc.entities if e.label in ("PER", "ORG")]
        assert shown
        assert [(s.start, s.end, s.label) for s in calm[doc.id].spans] == shown
        assert [s.confidence for s in calm[doc.id].spans] == [1.0] * len(shown)
        assert [s.confidence for s in busy[doc.id].spans] == [0.1] * len(shown)
