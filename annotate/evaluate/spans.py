"""Labelled spans and how gold and predicted spans pair up, strictly and by overlap. Pure.

The partial matching, per document and label: exact (strict) pairs are fixed first, so
partial true positives are never fewer than strict ones; the remaining spans are paired by
a maximum bipartite matching on "overlaps" (Kuhn's augmenting paths, gold spans in text
order, candidates with the larger overlap tried first). It is a maximum matching, so the
order of spans never changes the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """A labelled half-open span; `ref` is its index in the record list it came from."""

    start: int
    end: int
    label: str
    ref: int = -1

    def overlap(self, other: LabelledSpan) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def same_label(self, other: LabelledSpan) -> bool:
        return self.label == other.label


def overlapping(
    span: LabelledSpan, others: Sequence[LabelledSpan], keep: Callable[[LabelledSpan], bool]
) -> list[int]:
    """Indices of the spans in `others` that overlap `span` and pass `keep`: the larger
    overlap first, then text order (then list order), so ties always break the same way."""
    found = [i for i, o in enumerate(others) if span.overlap(o) > 0 and keep(o)]
    return sorted(found, key=lambda i: (-span.overlap(others[i]), others[i].start))


@dataclass(frozen=True, slots=True)
class Matching:
    """Pairs of (gold index, predicted index): strict pairs, and partial pairs (a superset)."""

    strict: tuple[tuple[int, int], ...]
    partial: tuple[tuple[int, int], ...]


def match_spans(gold: Sequence[LabelledSpan], pred: Sequence[LabelledSpan]) -> Matching:
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
    candidates: dict[int, list[int]] = {}
    for gi in sorted(
        (gi for gi in range(len(gold)) if gi not in used_gold),
        key=lambda i: (gold[i].start, gold[i].end),
    ):
        found = [
            pi for pi in overlapping(gold[gi], pred, gold[gi].same_label) if pi not in used_pred
        ]
        if found:
            candidates[gi] = found
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
