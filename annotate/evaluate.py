"""Score predicted spans against gold spans: strict and partial P/R/F1, QTY values, stances. Pure.

What is counted, per label (from `label_set()`) and micro-averaged over the scored labels:

    strict    a predicted span is a true positive when a gold span has the same start, end
              and label ("Joko Widodo" [10:21] PER against "Joko Widodo" [10:21] PER).
    partial   a predicted span is a true positive when it overlaps a gold span of the same
              label by at least one character ("Komisi Pemberantasan Korupsi" against the
              gold "Komisi Pemberantasan Korupsi (KPK)"). Each gold span and each predicted
              span is used at most once: one prediction over two gold spans is one true
              positive and one miss, two predictions inside one gold span are one true
              positive and one false positive.

The partial matching, per document and label: exact (strict) pairs are fixed first, so
partial true positives are never fewer than strict ones; the remaining spans are paired by
a maximum bipartite matching on "overlaps" (Kuhn's augmenting paths, gold spans in text
order, candidates with the larger overlap tried first). It is a maximum matching, so the
order of spans never changes the counts.

On matched pairs, attributes are scored as accuracies:

    QTY value     on strictly matched quantities: `value`, `low` and `high` each equal within
                  a relative 1e-9 (None only equals None); `unit` is reported separately.
    STANCE        on partially matched stances: `polarity` equal; `holder` correct when both
                  are null, or when both name entities whose texts share a name token of at
                  least three letters, case-insensitively ("Tokayev" and "Kassym-Jomart
                  Tokayev" are one person; "Sri Mulyani" and "Sri Mulyani Indrawati" too).
                  A known leniency: "Dewan Eropa" and "Uni Eropa" also share a token.

Errors (spans without a strict match) are classified for whoever writes the rules:
`boundary` (overlaps a span of the same label), `label` (overlaps a span of another label,
including gold spans whose label is not scored, such as a CoNLL LOCATION under a predicted
ORG), and `spurious` / `missed` (overlaps nothing).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corpus.records import Document
from corpus.schemas import LabelSet, label_set

JSON = dict[str, Any]

NAME_TOKEN_MIN = 3
"""Shortest name token that identifies a stance holder (so "Sri", not "H" or "Dr")."""

CONTEXT_CHARS = 40
"""Characters of text shown on each side of an error span."""

_NAME_TOKEN = re.compile(r"[^\W\d_]+")  # maximal runs of letters


# --- spans and matching -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled half-open span; `ref` is its index in the record list it came from."""

    start: int
    end: int
    label: str
    ref: int = -1

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True, slots=True)
class Matching:
    """Pairs of (gold index, predicted index): strict pairs, and partial pairs (a superset)."""

    strict: tuple[tuple[int, int], ...]
    partial: tuple[tuple[int, int], ...]


def match_spans(gold: Sequence[Span], pred: Sequence[Span]) -> Matching:
    """Pair gold and predicted spans strictly (same offsets and label) and partially (overlap).

    Example: gold [0:35] ORG and [37:40] ORG, predicted [0:40] ORG: no strict pair, one
    partial pair; the other gold span stays unmatched.
    """
    strict: list[tuple[int, int]] = []
    exact: dict[tuple[int, int, str], list[int]] = {}
    for gi, g in enumerate(gold):
        exact.setdefault((g.start, g.end, g.label), []).append(gi)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for pi, p in enumerate(pred):
        waiting = exact.get((p.start, p.end, p.label))
        if waiting:
            gi = waiting.pop(0)
            strict.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)

    # Candidates for each unmatched gold span: unmatched predictions of the same label that
    # overlap it, the larger overlap first (then text order, so ties break the same way).
    free_pred = [pi for pi in range(len(pred)) if pi not in used_pred]
    candidates: dict[int, list[int]] = {}
    for gi in sorted(
        (gi for gi in range(len(gold)) if gi not in used_gold),
        key=lambda i: (gold[i].start, gold[i].end),
    ):
        g = gold[gi]
        found = [pi for pi in free_pred if pred[pi].label == g.label and g.overlap(pred[pi]) > 0]
        if found:
            candidates[gi] = sorted(found, key=lambda pi: (-g.overlap(pred[pi]), pred[pi].start))
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in candidates[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in candidates:
        augment(gi, set())
    partial = sorted([*strict, *((gi, pi) for pi, gi in owner.items())])
    return Matching(tuple(sorted(strict)), tuple(partial))


def document_spans(doc: Document) -> list[Span]:
    """Every span of a Document, labelled: entities by their label, then quantities, stances."""
    labels = label_set()
    return [
        *(Span(e.start, e.end, e.label, i) for i, e in enumerate(doc.entities)),
        *(Span(q.start, q.end, labels.quantity_label, i) for i, q in enumerate(doc.quantities)),
        *(Span(s.start, s.end, labels.stance_label, i) for i, s in enumerate(doc.stances)),
    ]


def same_number(a: float | None, b: float | None) -> bool:
    """Equal within a relative 1e-9 (so 1.5e12 computed two ways still agrees); None == None."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def name_tokens(text: str) -> frozenset[str]:
    """Lower-cased runs of letters of at least NAME_TOKEN_MIN characters ("Al-Amin": "amin")."""
    return frozenset(t for t in _NAME_TOKEN.findall(text.casefold()) if len(t) >= NAME_TOKEN_MIN)


def same_holder(gold: str | None, pred: str | None) -> bool:
    """Holder texts (None for no holder) refer to the same person or organisation."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return bool(name_tokens(gold) & name_tokens(pred))


# --- report -------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and misses; the rates are None when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.pred)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.gold)

    @property
    def f1(self) -> float | None:
        # 2tp / (gold + pred): the harmonic mean of P and R, and 0 when nothing matched.
        return _ratio(2 * self.tp, self.gold + self.pred)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> JSON:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.gold,
            "pred": self.pred,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: str
    strict: Counts
    partial: Counts

    def to_dict(self) -> JSON:
        return {"strict": self.strict.to_dict(), "partial": self.partial.to_dict()}


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> JSON:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True, slots=True)
class ErrorCase:
    """One span without a strict match, with its class and the text around it."""

    side: str  # "fp" (predicted, not in gold) or "fn" (gold, not predicted)
    label: str
    kind: str  # boundary | label | spurious | missed
    text: str
    context: str
    where: str
    other: str | None = None  # the overlapping span, as 'LABEL "text"', for boundary/label

    def to_dict(self) -> JSON:
        return {
            "side": self.side,
            "label": self.label,
            "kind": self.kind,
            "text": self.text,
            "other": self.other,
            "context": self.context,
            "where": self.where,
        }


@dataclass(frozen=True, slots=True)
class FrequentError:
    """Errors with the same side, label and span text, counted; `example` is the first seen."""

    count: int
    kinds: tuple[tuple[str, int], ...]
    example: ErrorCase

    def to_dict(self) -> JSON:
        return {"count": self.count, "kinds": dict(self.kinds), **self.example.to_dict()}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores of one prediction run against one gold set (the `--json` output is `to_dict`)."""

    labels: tuple[LabelScore, ...]
    items: int
    quantity_value: Accuracy = Accuracy()
    quantity_unit: Accuracy = Accuracy()
    stance_polarity: Accuracy = Accuracy()
    stance_holder: Accuracy = Accuracy()
    errors: tuple[ErrorCase, ...] = ()
    ignored_gold: tuple[tuple[str, int], ...] = ()

    @property
    def overall(self) -> LabelScore:
        """Micro average: the counts of every scored label summed."""
        strict, partial = Counts(), Counts()
        for score in self.labels:
            strict, partial = strict + score.strict, partial + score.partial
        return LabelScore("micro", strict, partial)

    def label(self, name: str) -> LabelScore:
        for score in self.labels:
            if score.label == name:
                return score
        raise KeyError(f"label {name!r} was not scored; scored: {[s.label for s in self.labels]}")

    def error_classes(self) -> Counter[tuple[str, str, str]]:
        """How many errors of each (side, label, kind)."""
        return Counter((e.side, e.label, e.kind) for e in self.errors)

    def frequent_errors(self, side: str, n: int) -> list[FrequentError]:
        """The `n` most frequent errors on one side ("fp" or "fn"), grouped by label and text."""
        groups: dict[tuple[str, str], list[ErrorCase]] = {}
        for e in self.errors:
            if e.side == side:
                groups.setdefault((e.label, e.text), []).append(e)
        ranked = sorted(groups.values(), key=lambda g: (-len(g), g[0].label, g[0].text))
        return [
            FrequentError(len(g), tuple(Counter(e.kind for e in g).most_common()), g[0])
            for g in ranked[:n]
        ]

    def to_dict(self, *, errors: int = 0) -> JSON:
        ls = label_set()
        d: JSON = {
            "items": self.items,
            "labels": {s.label: s.to_dict() for s in self.labels},
            "micro": self.overall.to_dict(),
        }
        scored = {s.label for s in self.labels}
        if ls.quantity_label in scored:
            d["quantity"] = {
                "value": self.quantity_value.to_dict(),
                "unit": self.quantity_unit.to_dict(),
            }
        if ls.stance_label in scored:
            d["stance"] = {
                "polarity": self.stance_polarity.to_dict(),
                "holder": self.stance_holder.to_dict(),
            }
        if self.ignored_gold:
            d["ignored_gold"] = dict(self.ignored_gold)
        d["error_classes"] = [
            {"side": side, "label": label, "kind": kind, "count": count}
            for (side, label, kind), count in sorted(self.error_classes().items())
        ]
        if errors:
            d["frequent_errors"] = {
                side: [f.to_dict() for f in self.frequent_errors(side, errors)]
                for side in ("fp", "fn")
            }
        return d


# --- scoring ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One scored unit: a document or a sentence, its gold and predicted spans.

    `ignored` are gold spans whose label is not scored (a CoNLL LOCATION); they only serve to
    classify errors. `gold_doc` / `pred_doc` give QTY values and stance attributes.
    """

    id: str
    text: str
    gold: tuple[Span, ...]
    pred: tuple[Span, ...]
    ignored: tuple[Span, ...] = ()
    gold_doc: Document | None = None
    pred_doc: Document | None = None


@dataclass(slots=True)
class _Tally:
    labels: tuple[str, ...]
    strict: dict[str, Counts] = field(default_factory=dict)
    partial: dict[str, Counts] = field(default_factory=dict)
    qty_value: Accuracy = Accuracy()
    qty_unit: Accuracy = Accuracy()
    polarity: Accuracy = Accuracy()
    holder: Accuracy = Accuracy()
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


def _context(text: str, span: Span) -> str:
    left = text[max(0, span.start - CONTEXT_CHARS) : span.start]
    right = text[span.end : span.end + CONTEXT_CHARS]
    marked = f"{left}[{text[span.start : span.end]}]{right}"
    return " ".join(marked.split())  # one line, whatever the paragraph breaks


def _shown(span: Span, text: str) -> str:
    """'LABEL "text"' of a span, long ones (stances) cut in the middle."""
    shown = text[span.start : span.end]
    if len(shown) > 2 * CONTEXT_CHARS:
        shown = f"{shown[: CONTEXT_CHARS - 1]}…{shown[-CONTEXT_CHARS + 1 :]}"
    return f'{span.label} "{" ".join(shown.split())}"'


def _classify(
    span: Span, others: Sequence[Span], text: str, stance_label: str
) -> tuple[str, str | None]:
    """(kind, other span) for an unmatched span, given the spans on the other side.

    Stances are clauses that legitimately contain names and numbers, so a stance and an
    entity or quantity overlapping is not a label confusion: only like compares with like.
    """
    is_stance = span.label == stance_label
    overlapping = sorted(
        (o for o in others if span.overlap(o) > 0 and (o.label == stance_label) == is_stance),
        key=lambda o: (-span.overlap(o), o.start),
    )
    for o in overlapping:
        if o.label == span.label:
            return "boundary", _shown(o, text)
    if overlapping:
        return "label", _shown(overlapping[0], text)
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
    gold: Sequence[Span],
    pred: Sequence[Span],
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


def score_documents(
    pairs: Iterable[tuple[Document, Document]], labels: Sequence[str] | None = None
) -> Evaluation:
    """Score (gold, predicted) Document pairs; both must have the same text.

    Raises ValueError naming the document when the texts differ: offsets into different
    texts cannot be compared.
    """

    def items() -> Iterable[Item]:
        for gold, pred in pairs:
            if gold.text != pred.text:
                raise ValueError(
                    f"document {gold.id}: the predicted text differs from the gold text "
                    f"(sha256 {pred.article.text_sha256[:12]} vs {gold.article.text_sha256[:12]}); "
                    "predict on the gold document's article"
                )
            yield Item(
                gold.id,
                gold.text,
                tuple(document_spans(gold)),
                tuple(document_spans(pred)),
                gold_doc=gold,
                pred_doc=pred,
            )

    return score_items(items(), labels)


@dataclass(frozen=True, slots=True)
class Pairing:
    """Gold Documents paired with predictions by id, and what did not pair.

    A gold document without a usable prediction is paired with an empty one (everything in
    it counts as missed), so leaving documents out never raises the scores.
    """

    pairs: tuple[tuple[Document, Document], ...]
    missing: tuple[str, ...] = ()  # gold ids with no prediction
    unknown: tuple[str, ...] = ()  # predicted ids not in the gold set (not scored)
    duplicate: tuple[str, ...] = ()  # predicted ids seen more than once (the first is scored)
    mismatched: tuple[str, ...] = ()  # predicted on another text than the gold one

    @property
    def clean(self) -> bool:
        return not (self.missing or self.unknown or self.duplicate or self.mismatched)

    def problems(self) -> list[str]:
        """One line per kind of problem, naming the ids."""
        found = []
        for ids, what in (
            (self.missing, "gold documents have no prediction (scored as predicting nothing)"),
            (self.unknown, "predicted documents are not in the gold set (not scored)"),
            (self.duplicate, "document ids are predicted more than once (the first is scored)"),
            (
                self.mismatched,
                "predictions were made on a different text than the gold one "
                "(scored as predicting nothing; predict on the gold article)",
            ),
        ):
            if ids:
                found.append(f"{len(ids)} {what}: {', '.join(ids)}")
        return found


def pair_documents(gold: Iterable[Document], predictions: Iterable[Document]) -> Pairing:
    """Pair each gold Document with the prediction of the same id and the same text."""
    by_id: dict[str, Document] = {}
    duplicate: list[str] = []
    for doc in predictions:
        if doc.id in by_id:
            duplicate.append(doc.id)
        else:
            by_id[doc.id] = doc
    pairs, missing, mismatched, seen = [], [], [], set()
    for g in gold:
        seen.add(g.id)
        p = by_id.get(g.id)
        if p is None:
            missing.append(g.id)
        elif p.text != g.text:
            mismatched.append(g.id)
        pairs.append((g, p if p is not None and p.text == g.text else Document(g.article)))
    unknown = [i for i in by_id if i not in seen]
    return Pairing(
        tuple(pairs), tuple(missing), tuple(unknown), tuple(duplicate), tuple(mismatched)
    )


# --- rendering ----------------------------------------------------------------------------


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _acc(a: Accuracy) -> str:
    return f"{_num(a.accuracy)} ({a.correct}/{a.total})"


def _unit(evaluation: Evaluation) -> str:
    # Left out where units were not scored (gold whose unit convention differs from ours).
    return (
        f", unit accuracy {_acc(evaluation.quantity_unit)}"
        if evaluation.quantity_unit.total
        else ""
    )


def render_table(evaluation: Evaluation, *, title: str = "", errors: int = 0) -> str:
    """A plain-text table for a person: per label strict and partial P/R/F1 with counts."""
    ls = label_set()
    head = (
        f"{'label':<8} {'gold':>6} {'pred':>6} │ {'strict tp':>9} {'P':>6} {'R':>6} {'F1':>6}"
        f" │ {'partial tp':>10} {'P':>6} {'R':>6} {'F1':>6}"
    )
    lines = [title] if title else []
    lines += [head, "─" * len(head)]
    for score in (*evaluation.labels, evaluation.overall):
        s, p = score.strict, score.partial
        lines.append(
            f"{score.label:<8} {s.gold:>6} {s.pred:>6} │ {s.tp:>9} {_num(s.precision):>6}"
            f" {_num(s.recall):>6} {_num(s.f1):>6} │ {p.tp:>10} {_num(p.precision):>6}"
            f" {_num(p.recall):>6} {_num(p.f1):>6}"
        )
    scored = {s.label for s in evaluation.labels}
    if ls.quantity_label in scored and evaluation.items and evaluation.quantity_value.total:
        lines.append(
            f"{ls.quantity_label} value accuracy {_acc(evaluation.quantity_value)}"
            f"{_unit(evaluation)} (on strict matches)"
        )
    if ls.stance_label in scored and evaluation.stance_polarity.total:
        lines.append(
            f"{ls.stance_label} polarity accuracy {_acc(evaluation.stance_polarity)}, "
            f"holder accuracy {_acc(evaluation.stance_holder)} (on partial matches)"
        )
    if evaluation.ignored_gold:
        ignored = ", ".join(f"{tag} {n}" for tag, n in evaluation.ignored_gold)
        lines.append(
            f"gold spans not scored (a prediction over them is a false positive): {ignored}"
        )
    if errors:
        lines += ["", "error classes (spans without a strict match):"]
        for (side, label, kind), n in sorted(
            evaluation.error_classes().items(), key=lambda kv: (-kv[1], kv[0])
        ):
            lines.append(f"  {n:>6}  {_SIDE[side]:<15} {label:<8} {kind}")
        for side in ("fp", "fn"):
            lines += ["", f"most frequent {_SIDES[side]}:"]
            for f in evaluation.frequent_errors(side, errors):
                kinds = ", ".join(f"{k} {n}" for k, n in f.kinds)
                other = f" vs {f.example.other}" if f.example.other else ""
                lines.append(
                    f'  {f.count:>4} x {f.example.label} "{f.example.text}" ({kinds}){other}'
                )
                lines.append(f"        {f.example.context}")
    return "\n".join(lines)


_SIDE = {"fp": "false positive", "fn": "miss"}
_SIDES = {"fp": "false positives", "fn": "misses"}


def render_markdown(evaluations: Sequence[tuple[str, Evaluation]]) -> str:
    """A Markdown table (one row per corpus and scored label, then micro) for docs/quality.md,
    followed by the QTY value and stance accuracies where they were scored."""
    ls = label_set()
    lines = [
        "| corpus | label | gold | pred | strict P | strict R | strict F1 "
        "| partial P | partial R | partial F1 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    notes = []
    for name, evaluation in evaluations:
        for score in (*evaluation.labels, evaluation.overall):
            s, p = score.strict, score.partial
            lines.append(
                f"| {name} | {score.label} | {s.gold} | {s.pred} | {_num(s.precision)} "
                f"| {_num(s.recall)} | **{_num(s.f1)}** | {_num(p.precision)} "
                f"| {_num(p.recall)} | {_num(p.f1)} |"
            )
        scored = {s.label for s in evaluation.labels}
        if ls.quantity_label in scored and evaluation.quantity_value.total:
            notes.append(
                f"- {name}: {ls.quantity_label} value accuracy {_acc(evaluation.quantity_value)}"
                f"{_unit(evaluation)}, on strictly matched spans."
            )
        if ls.stance_label in scored and evaluation.stance_polarity.total:
            notes.append(
                f"- {name}: {ls.stance_label} polarity accuracy "
                f"{_acc(evaluation.stance_polarity)}, holder accuracy "
                f"{_acc(evaluation.stance_holder)}, on partially matched spans."
            )
    return "\n".join([*lines, *(["", *notes] if notes else [])])
