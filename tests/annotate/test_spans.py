"""Spans: the longest-first selection of non-overlapping spans, and overlap tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.rules.spans import merged, overlaps, select_longest


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=15))
def test_select_longest_keeps_the_longest_then_the_earliest(raw: list[tuple[int, int]]) -> None:
    # The rule spelled out, span by span, against the grouped sweep; empty spans included
    # (one that starts inside a kept span overlaps it, one at its start does not).
    spans = [(start, start + length) for start, length in raw]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if not any(start <= s < end or s < start < e for s, e in kept):
            kept.append((start, end))
    assert select_longest(spans) == sorted(kept)


def test_merged_joins_overlapping_spans_and_overlaps_tests_against_them() -> None:
    area = merged([(10, 20), (15, 25), (30, 35)])
    assert list(zip(area.starts, area.ends, strict=True)) == [(10, 25), (30, 35)]
    assert overlaps(area, 24, 26)
    assert overlaps(area, 5, 11)
    assert not overlaps(area, 25, 30)
    assert not overlaps(area, 0, 10)
