"""Spans as (start, end) pairs and the overlap tools the entity rules share. Pure.

A `Span` is a half-open pair of offsets into the canonical text. `select_longest` keeps
non-overlapping spans, longest first; `SortedSpans` (made by `merged`) answers "does this
overlap anything?" by bisection; `mentions` finds whole-word occurrences of a few names.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

Span = tuple[int, int]
"""Half-open offsets [start, end) into a text."""


def mentions(text: str, names: Iterable[str], start: int, end: int) -> list[Span]:
    """Whole-word occurrences of a few names in text[start:end].

    str.find scans in C, and a handful of names per article is cheaper to look up one by
    one than to compile into a pattern per article."""
    found: list[Span] = []
    for name in names:
        i = text.find(name, start, end)
        while i >= 0:
            j = i + len(name)
            before = text[i - 1] if i else " "
            after = text[j] if j < len(text) else " "
            if not (before.isalnum() or before in "@#/.-_") and not (
                after.isalnum() or after in "-_" or (after == "." and text[j + 1 : j + 2].isalnum())
            ):
                found.append((i, j))
            i = text.find(name, j, end)
    return found


def overlaps(spans: SortedSpans, start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, disjoint)."""
    starts = spans.starts
    i = bisect_left(starts, start)
    return (i < len(starts) and starts[i] < end) or (i > 0 and spans.ends[i - 1] > start)


class SortedSpans:
    """Disjoint spans kept sorted, for overlap tests by bisection."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def merged(spans: Iterable[Span]) -> SortedSpans:
    """The union of possibly overlapping spans, as sorted disjoint spans."""
    out = SortedSpans()
    for start, end in sorted(spans):
        if out.ends and start < out.ends[-1]:
            out.ends[-1] = max(out.ends[-1], end)
        else:
            out.starts.append(start)
            out.ends.append(end)
    return out


def select_longest(spans: list[Span] | tuple[Span, ...]) -> list[Span]:
    """Non-overlapping spans, longest first, then earliest: deterministic."""
    # Whether a span is kept depends only on the spans it overlaps, so the choice is made
    # group by group (spans chained by overlaps, found in one sweep in text order): most
    # spans overlap nothing and are kept without a test.
    kept: list[Span] = []
    group: list[Span] = []
    group_end = 0
    for span in sorted(set(spans)):
        start, end = span
        if group and start < group_end:
            group.append(span)
            if end > group_end:
                group_end = end
            continue
        if len(group) == 1:
            kept.append(group[0])
        elif group:
            _choose(group, kept)
        group = [span]
        group_end = end
    if len(group) == 1:
        kept.append(group[0])
    elif group:
        _choose(group, kept)
    return kept


def _choose(group: list[Span], kept: list[Span]) -> None:
    # The spans of one overlap group (two or more) to keep, by `select_longest`'s rule.
    if len(group) == 2:
        # Two overlapping spans, the first starting first: it stays unless the second is longer.
        first, second = group
        kept.append(second if second[1] - second[0] > first[1] - first[0] else first)
    else:
        kept += _longest_first(group)


def _longest_first(spans: list[Span] | tuple[Span, ...]) -> list[Span]:
    # `select_longest` by its definition: each span, longest first, kept unless it overlaps
    # one kept before.
    chosen = SortedSpans()
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if not overlaps(chosen, start, end):
            chosen.add(start, end)
    return list(zip(chosen.starts, chosen.ends, strict=True))
