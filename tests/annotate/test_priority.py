"""Review priority: rule–model disagreement and model uncertainty per character, a stable
random share, and the order of a batch."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.model.spans import ScoredSpan
from annotate.priority import (
    MIN_LENGTH,
    ReviewPriority,
    disagreements,
    in_random_share,
    prioritise,
    random_priority,
    review_order,
    review_priority,
)
from corpus.records import Entity
from corpus.schemas import label_set

PER, ORG = label_set().entity_labels
QTY = label_set().quantity_label

# Offsets into: "Direktur Bank Jaya, Siti Aminah, mengatakan laba naik 12 persen."
BANK = (9, 18)  # Bank Jaya
SITI = (20, 31)  # Siti Aminah
TWELVE = (53, 62)  # 12 persen


def rule(span: tuple[int, int], label: str) -> Entity:
    start, end = span
    return Entity(id=f"e{start}-{end}", start=start, end=end, text="x", label=label)


def model(span: tuple[int, int], label: str, confidence: float = 1.0) -> ScoredSpan:
    return ScoredSpan(span[0], span[1], label, confidence)


def test_agreeing_sure_spans_give_priority_zero() -> None:
    rules = [rule(BANK, ORG), rule(SITI, PER)]
    sure = [model(BANK, ORG), model(SITI, PER)]
    assert disagreements(rules, sure) == 0
    assert review_priority(rules, sure, 2000) == 0.0


def test_each_kind_of_disagreement_counts_once() -> None:
    rules = [rule(BANK, ORG)]
    assert disagreements(rules, [model(BANK, PER)]) == 1  # another label
    assert disagreements(rules, [model((9, 13), ORG)]) == 1  # other boundaries ("Bank")
    assert disagreements(rules, []) == 1  # the model lacks it
    assert disagreements([], [model(SITI, PER)]) == 1  # the rules lack it
    # Two model spans inside one rule span: one pairs with it, the other is extra.
    assert disagreements(rules, [model((9, 13), ORG), model((14, 18), ORG)]) == 2


def test_priority_of_the_documented_example() -> None:
    rules = [rule(BANK, ORG)]
    predicted = [model(BANK, PER, 0.6), model(SITI, PER, 0.9)]
    # 2 disagreements + 0.5 uncertainty = 1.25 per 1,000 characters; 1.25 / 2.25.
    assert review_priority(rules, predicted, 2000) == 0.5555


def test_uncertainty_raises_priority_even_where_rules_and_model_agree() -> None:
    rules = [rule(BANK, ORG)]
    sure = review_priority(rules, [model(BANK, ORG, 0.95)], 2000)
    unsure = review_priority(rules, [model(BANK, ORG, 0.55)], 2000)
    assert 0 < sure < unsure


def test_priority_is_per_character_so_a_long_text_does_not_win_by_length() -> None:
    # Three disagreements in 9,000 characters are fewer per character than one in 2,000.
    long_text = review_priority([], [model((i * 100, i * 100 + 5), PER) for i in range(3)], 9000)
    short_text = review_priority([], [model(SITI, PER)], 2000)
    assert long_text < short_text
    # A text shorter than MIN_LENGTH counts as MIN_LENGTH.
    assert review_priority([], [model(SITI, PER)], 60) == review_priority(
        [], [model(SITI, PER)], MIN_LENGTH
    )


def test_labels_limit_the_comparison_to_what_the_model_predicts() -> None:
    rules = [rule(BANK, ORG), rule(TWELVE, QTY)]
    predicted = [model(BANK, ORG)]
    assert review_priority(rules, predicted, 2000) > 0  # the QTY counts as missed
    assert review_priority(rules, predicted, 2000, labels=(PER, ORG)) == 0.0


def test_bad_text_length_is_refused() -> None:
    with pytest.raises(ValueError, match="text_length"):
        review_priority([], [], -1)


@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.integers(1, 30), st.sampled_from([PER, ORG])),
        max_size=12,
    ),
    st.lists(st.floats(0, 1), min_size=12, max_size=12),
    st.integers(0, 20_000),
)
def test_priority_is_in_0_1_and_sorts_as_text_and_as_number(
    spans: list[tuple[int, int, str]], confidences: list[float], length: int
) -> None:
    predicted = [
        ScoredSpan(s, s + n, label, c) for (s, n, label), c in zip(spans, confidences, strict=False)
    ]
    score = review_priority([], predicted, length)
    assert 0.0 <= score < 1.0
    # Label Studio sorts a data field as text unless told it is a number: no exponent
    # notation, and "0.xxxx" compares as text in the numbers' order.
    assert "e" not in json.dumps(score)


def test_random_share_is_stable_and_about_a_fifth() -> None:
    ids = [f"berita-{i:04d}" for i in range(2000)]
    chosen = [i for i in ids if in_random_share(i, seed=7)]
    assert 0.17 < len(chosen) / len(ids) < 0.23
    assert chosen == [i for i in ids if in_random_share(i, seed=7)]  # same ids every time
    assert chosen != [i for i in ids if in_random_share(i, seed=8)]  # another seed, others
    assert not any(in_random_share(i, seed=7, share=0.0) for i in ids)
    assert all(in_random_share(i, seed=7, share=1.0) for i in ids)
    with pytest.raises(ValueError, match="share"):
        in_random_share("berita-0001", seed=7, share=1.5)


def test_random_share_does_not_use_pythons_salted_hash() -> None:
    # Fixed values: a salted hash() would change them between runs.
    assert [in_random_share(f"berita-{i}", seed=1) for i in range(8)] == [
        in_random_share(f"berita-{i}", seed=1) for i in range(8)
    ]
    assert random_priority("berita-0001", seed=1) == random_priority("berita-0001", seed=1)
    assert 0.0 <= random_priority("berita-0001", seed=1) < 1.0


def test_prioritise_gives_the_random_share_a_random_priority() -> None:
    ids = [f"berita-{i:03d}" for i in range(200)]
    disagreeing = [model(SITI, PER, 0.5)]
    result = [prioritise(i, [], disagreeing, 2000, seed=3) for i in ids]
    computed = review_priority([], disagreeing, 2000)
    for p in result:
        assert p.random == in_random_share(p.article_id, seed=3)
        expected = random_priority(p.article_id, seed=3) if p.random else computed
        assert p.score == expected
    assert len({p.score for p in result if p.random}) > 10  # spread, not one value


def test_review_order_is_highest_first_then_by_id() -> None:
    batch = [
        ReviewPriority("b", 0.2, False),
        ReviewPriority("a", 0.7, True),
        ReviewPriority("c", 0.2, False),
        ReviewPriority("d", 0.0, False),
    ]
    assert [p.article_id for p in review_order(batch)] == ["a", "b", "c", "d"]
