"""Review priorities of a batch about to be pushed, from the rules and a trained model.

Pure once the model is loaded (the rules run in-process): for each Document, the rules'
PER/ORG spans (as `preannotate` keeps them) and the model's scored spans on the same text go
to `annotate.priority.prioritise`, which ranks disagreement and uncertainty per character
and gives a fifth of the tasks a random priority (docs/model.md, "Learning curve and review
priority"). Each PER/ORG span the task will show also gets the model's confidence in it,
which Label Studio shows as the region's score.
"""

from __future__ import annotations

import dataclasses
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

    def span_confidence(
        self, text: str, rule_spans: Sequence[SpanLike], spans: Sequence[SpanLike]
    ) -> list[float]:
        """How sure the model is of each given span (`CrfModel.span_confidence`)."""
        ...


def review_priorities(
    docs: Iterable[Document], model: ScoringModel, *, seed: int = SEED
) -> dict[str, ReviewPriority]:
    """Article id → review priority, for every Document in `docs`, with the model's
    confidence in each of the Document's PER/ORG spans (whoever drew them)."""
    labels = model_labels()
    out: dict[str, ReviewPriority] = {}
    for doc in docs:
        rules = rule_spans(doc.text)
        scored = model.scored_spans(doc.text, rules)
        as_spans = [ScoredSpan(start, end, label, 1.0) for start, end, label in rules]
        priority = prioritise(doc.id, as_spans, scored, len(doc.text), seed=seed, labels=labels)
        shown = [(e.start, e.end, e.label) for e in doc.entities if e.label in labels]
        sure = model.span_confidence(doc.text, rules, shown)
        spans = tuple(ScoredSpan(*span, c) for span, c in zip(shown, sure, strict=True))
        out[doc.id] = dataclasses.replace(priority, spans=spans)
    return out
