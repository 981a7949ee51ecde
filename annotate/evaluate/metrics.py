"""What scoring counts: P/R/F1 counts, accuracies, error cases, and one run's Evaluation. Pure.

Also the two attribute comparisons: numbers equal within a relative tolerance, and stance
holders that share a name token of at least three letters, case-insensitively ("Tokayev" and
"Kassym-Jomart Tokayev" are one person; "Sri Mulyani" and "Sri Mulyani Indrawati" too). A
known leniency: "Dewan Eropa" and "Uni Eropa" also share a token.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from corpus.schemas import label_set

JSON = dict[str, Any]

NAME_TOKEN_MIN = 3
"""Shortest name token that identifies a stance holder (so "Sri", not "H" or "Dr")."""


_NAME_TOKEN = re.compile(r"[^\W\d_]+")  # maximal runs of letters


def same_number(a: float | None, b: float | None, *, rel_tol: float = 1e-9) -> bool:
    """Equal within a relative `rel_tol` (so 1.5e12 computed two ways still agrees);
    None only equals None."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=0.0)


def name_tokens(text: str) -> frozenset[str]:
    """Lower-cased runs of letters of at least NAME_TOKEN_MIN characters ("Al-Amin": "amin")."""
    return frozenset(t for t in _NAME_TOKEN.findall(text.casefold()) if len(t) >= NAME_TOKEN_MIN)


def same_holder(gold: str | None, pred: str | None) -> bool:
    """Holder texts (None for no holder) refer to the same person or organisation."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return bool(name_tokens(gold) & name_tokens(pred))


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
