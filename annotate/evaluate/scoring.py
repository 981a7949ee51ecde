"""Score items (documents or sentences) of gold and predicted spans into an Evaluation. Pure.

Errors (spans without a strict match) are classified for whoever writes the rules:
`boundary` (overlaps a span of the same label), `label` (overlaps a span of another label,
including gold spans whose label is not scored, such as a CoNLL LOCATION under a predicted
ORG), and `spurious` / `missed` (overlaps nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotate.evaluate.metrics import (
    Accuracy,
    Counts,
    ErrorCase,
    Evaluation,
    LabelScore,
    same_holder,
    same_number,
)
from annotate.evaluate.spans import LabelledSpan, Matching, match_spans, overlapping
from corpus.records import Document
from corpus.schemas import LabelSet, label_set

CONTEXT_CHARS = 40
"""Characters of text shown on each side of an error span."""


@dataclass(frozen=True, slots=True)
class Item:
    """One scored unit: a document or a sentence, its gold and predicted spans.

    `ignored` are gold spans whose label is not scored (a CoNLL LOCATION); they only serve to
    classify errors. `gold_doc` / `pred_doc` give QTY values and stance attributes.
    """

    id: str
    text: str
    gold: tuple[LabelledSpan, ...]
    pred: tuple[LabelledSpan, ...]
    ignored: tuple[LabelledSpan, ...] = ()
    gold_doc: Document | None = None
    pred_doc: Document | None = None


@dataclass(slots=True)
class _Tally:
    labels: tuple[str, ...]
    strict: dict[str, Counts] = field(default_factory=dict)
    partial: dict[str, Counts] = field(default_factory=dict)
    qty_value: Accuracy = field(default_factory=Accuracy)
    qty_unit: Accuracy = field(default_factory=Accuracy)
    polarity: Accuracy = field(default_factory=Accuracy)
    holder: Accuracy = field(default_factory=Accuracy)
    errors: list[ErrorCase] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    items: int = 0

    def add_counts(self, table: dict[str, Counts], label: str, counts: Counts) -> None:
        table[label] = table.get(label, Counts()) + counts

    def evaluation(self) -> Evaluation:
        return Evaluation(
            labels=tuple(
                LabelScore(lb, self.strict.get(lb, Counts()), self.partial.get(lb, Counts()))
                for lb in self.labels
            ),
            items=self.items,
            quantity_value=self.qty_value,
            quantity_unit=self.qty_unit,
            stance_polarity=self.polarity,
            stance_holder=self.holder,
            errors=tuple(self.errors),
            ignored_gold=tuple(sorted(self.ignored.items())),
        )


def _context(text: str, span: LabelledSpan) -> str:
    left = text[max(0, span.start - CONTEXT_CHARS) : span.start]
    right = text[span.end : span.end + CONTEXT_CHARS]
    marked = f"{left}[{text[span.start : span.end]}]{right}"
    return " ".join(marked.split())  # one line, whatever the paragraph breaks


def _shown(span: LabelledSpan, text: str) -> str:
    """'LABEL "text"' of a span, long ones (stances) cut in the middle."""
    shown = text[span.start : span.end]
    if len(shown) > 2 * CONTEXT_CHARS:
        shown = f"{shown[: CONTEXT_CHARS - 1]}…{shown[-CONTEXT_CHARS + 1 :]}"
    return f'{span.label} "{" ".join(shown.split())}"'


def _classify(
    span: LabelledSpan, others: Sequence[LabelledSpan], text: str, stance_label: str
) -> tuple[str, str | None]:
    """(kind, other span) for an unmatched span, given the spans on the other side.

    Stances are clauses that legitimately contain names and numbers, so a stance and an
    entity or quantity overlapping is not a label confusion: only like compares with like.
    """
    is_stance = span.label == stance_label
    found = [
        others[i]
        for i in overlapping(span, others, lambda o: (o.label == stance_label) == is_stance)
    ]
    for o in found:
        if o.label == span.label:
            return "boundary", _shown(o, text)
    if found:
        return "label", _shown(found[0], text)
    return "", None


def _score_item(tally: _Tally, item: Item) -> None:
    scored = set(tally.labels)
    gold = [s for s in item.gold if s.label in scored]
    pred = [s for s in item.pred if s.label in scored]
    tally.items += 1
    for s in item.ignored:
        tally.ignored[s.label] += 1
    matching = match_spans(gold, pred)
    gold_n = Counter(s.label for s in gold)
    pred_n = Counter(s.label for s in pred)
    for pairs, table in ((matching.strict, tally.strict), (matching.partial, tally.partial)):
        matched_gold = Counter(gold[gi].label for gi, _ in pairs)
        for label in scored:
            tp = matched_gold[label]
            tally.add_counts(table, label, Counts(tp, pred_n[label] - tp, gold_n[label] - tp))

    ls = label_set()
    if item.gold_doc is not None and item.pred_doc is not None:
        _score_attributes(tally, item.gold_doc, item.pred_doc, gold, pred, matching, ls)

    strict_gold = {gi for gi, _ in matching.strict}
    strict_pred = {pi for _, pi in matching.strict}
    # A false positive is classified against the gold spans (unscored ones too), a miss
    # against the predictions.
    for side, spans, matched, others, default in (
        ("fp", pred, strict_pred, [*gold, *item.ignored], "spurious"),
        ("fn", gold, strict_gold, pred, "missed"),
    ):
        for i, span in enumerate(spans):
            if i in matched:
                continue
            kind, other = _classify(span, others, item.text, ls.stance_label)
            tally.errors.append(
                ErrorCase(
                    side,
                    span.label,
                    kind or default,
                    item.text[span.start : span.end],
                    _context(item.text, span),
                    f"{item.id}:{span.start}-{span.end}",
                    other,
                )
            )


def _score_attributes(
    tally: _Tally,
    gold_doc: Document,
    pred_doc: Document,
    gold: Sequence[LabelledSpan],
    pred: Sequence[LabelledSpan],
    matching: Matching,
    ls: LabelSet,
) -> None:
    for gi, pi in matching.strict:
        if gold[gi].label == ls.quantity_label:
            g, p = gold_doc.quantities[gold[gi].ref], pred_doc.quantities[pred[pi].ref]
            value_ok = all(
                same_number(a, b) for a, b in ((g.value, p.value), (g.low, p.low), (g.high, p.high))
            )
            tally.qty_value += Accuracy(int(value_ok), 1)
            tally.qty_unit += Accuracy(int(g.unit == p.unit), 1)
    gold_names = {e.id: e.text for e in gold_doc.entities}
    pred_names = {e.id: e.text for e in pred_doc.entities}
    for gi, pi in matching.partial:
        if gold[gi].label == ls.stance_label:
            gs, ps = gold_doc.stances[gold[gi].ref], pred_doc.stances[pred[pi].ref]
            tally.polarity += Accuracy(int(gs.polarity == ps.polarity), 1)
            # A dangling holder id (no such entity) names nobody: it never matches a holder.
            g_name = None if gs.holder is None else gold_names.get(gs.holder, "")
            p_name = None if ps.holder is None else pred_names.get(ps.holder, "")
            tally.holder += Accuracy(int(same_holder(g_name, p_name)), 1)


def score_items(items: Iterable[Item], labels: Sequence[str] | None = None) -> Evaluation:
    """Score every item; `labels` are the scored labels (default: every label in the schema).

    Spans with other labels are left out of the counts, so a corpus without quantities
    does not count predicted quantities as false positives.
    """
    tally = _Tally(tuple(labels) if labels is not None else label_set().names)
    for item in items:
        _score_item(tally, item)
    return tally.evaluation()
