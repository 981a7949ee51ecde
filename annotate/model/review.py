"""Review priorities of a batch about to be pushed, from the rules and a trained model.

Pure once the model is loaded (the rules run in-process): for each Document, the rules'
PER/ORG spans (as `preannotate` keeps them) and the model's scored spans on the same text go
to `annotate.priority.prioritise`, which ranks disagreement and uncertainty per character
and gives a fifth of the tasks a random priority (docs/model.md, "Learning curve and review
priority").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from annotate.model.examples import model_labels, rule_spans
from annotate.model.features import SpanLike
from annotate.model.spans import ScoredSpan
from annotate.priority import ReviewPriority, prioritise
from corpus.records import Document

SEED = 0
"""The random share's seed: fixed, so pushing the same batch again gives the same order."""


class ScoringModel(Protocol):
    def scored_spans(self, text: str, rule_spans: Sequence[SpanLike]) -> tuple[ScoredSpan, ...]:
        """The model's PER/ORG spans with their confidence (`CrfModel.scored_spans`)."""
        ...


def review_priorities(
    docs: Iterable[Document], model: ScoringModel, *, seed: int = SEED
) -> dict[str, ReviewPriority]:
    """Article id → review priority, for every Document in `docs`."""
    labels = model_labels()
    out: dict[str, ReviewPriority] = {}
    for doc in docs:
        rules = rule_spans(doc.text)
        scored = model.scored_spans(doc.text, rules)
        as_spans = [ScoredSpan(start, end, label, 1.0) for start, end, label in rules]
        out[doc.id] = prioritise(doc.id, as_spans, scored, len(doc.text), seed=seed, labels=labels)
    return out
