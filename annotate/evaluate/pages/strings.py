"""Match gold strings with predicted strings: the most pairs, then the closest. Pure.

`identical`, `contained` (one inside the other at word boundaries) and `overlapping` (the
longest common substring covers half the shorter string) say how close two strings are.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from annotate.evaluate.metrics import Counts

Closeness = Callable[[str, str], float | None]
"""How closely a gold and a predicted string match, in (0, 1]; None when they do not match."""


def _assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Column of each row in a minimum-cost assignment (Hungarian method, rows <= columns)."""
    rows, cols = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: the row (1-based) holding column j; 0 is free
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0], j0 = row, 0
        slack, used = [inf] * (cols + 1), [False] * (cols + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, j0
                    if slack[j] < delta:
                        delta, j1 = slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
        while j0:
            owner[j0] = owner[way[j0]]
            j0 = way[j0]
    column = [0] * rows
    for j in range(1, cols + 1):
        if owner[j]:
            column[owner[j] - 1] = j - 1
    return column


def best_pairs(
    gold: Sequence[str], pred: Sequence[str], closeness: Closeness
) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: the most matching pairs, then the closest ones.

    Exact, not greedy: every pair is worth more than any sum of closeness values (which
    are at most 1 each), so a minimum-cost assignment first maximises the number of pairs.
    """
    if not gold or not pred:
        return []
    worth = [[closeness(g, p) for p in pred] for g in gold]
    big = min(len(gold), len(pred)) + 1.0
    flip = len(gold) > len(pred)  # the assignment wants no more rows than columns
    rows = [list(r) for r in zip(*worth, strict=True)] if flip else worth
    cost = [[0.0 if w is None else -(big + w) for w in r] for r in rows]
    pairs = []
    for i, j in enumerate(_assignment(cost)):
        gi, pi = (j, i) if flip else (i, j)
        if worth[gi][pi] is not None:
            pairs.append((gi, pi))
    return sorted(pairs)


def identical(gold: str, pred: str) -> float | None:
    return 1.0 if gold == pred else None


def contained(gold: str, pred: str) -> float | None:
    """One string inside the other at word boundaries; closeness = shorter / longer length."""
    short, long = sorted((gold, pred), key=len)
    if not short or not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long):
        return None
    return len(short) / len(long)


def overlapping(gold: str, pred: str) -> float | None:
    """The longest common substring covers half the shorter string; closeness = it / longer."""
    if not gold or not pred:
        return None
    matcher = difflib.SequenceMatcher(None, gold, pred, autojunk=False)
    common = matcher.find_longest_match(0, len(gold), 0, len(pred)).size
    if 2 * common < min(len(gold), len(pred)):
        return None
    return common / max(len(gold), len(pred))


@dataclass(frozen=True, slots=True)
class StringMatch:
    """Gold and predicted strings matched: the pairs, the misses and the false positives."""

    pairs: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]  # gold indices
    spurious: tuple[int, ...]  # predicted indices: unmatched, and not excused by an optional item

    @property
    def counts(self) -> Counts:
        return Counts(len(self.pairs), len(self.spurious), len(self.missed))


def match_strings(
    gold: Sequence[str],
    pred: Sequence[str],
    closeness: Closeness,
    optional: Sequence[str] = (),
    *,
    optional_once: bool = True,
) -> StringMatch:
    """Match gold and predicted strings; unmatched predictions that match an optional item
    are excused (each optional item excuses one with `optional_once`, else any number)."""
    pairs = best_pairs(gold, pred, closeness)
    matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    left = [pi for pi in range(len(pred)) if pi not in matched_pred]
    if optional_once:
        excused = {left[li] for _, li in best_pairs(optional, [pred[pi] for pi in left], closeness)}
    else:
        excused = {pi for pi in left if any(closeness(o, pred[pi]) is not None for o in optional)}
    return StringMatch(
        tuple(pairs),
        tuple(gi for gi in range(len(gold)) if gi not in matched_gold),
        tuple(pi for pi in left if pi not in excused),
    )
