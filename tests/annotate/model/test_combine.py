"""Rules/model combination policies (annotate/model/combine.py)."""

from __future__ import annotations

import pytest

from annotate.model.combine import combine

RULES = [(0, 10, "PER"), (20, 30, "ORG"), (40, 45, "ORG")]
MODEL = [(0, 10, "PER"), (22, 30, "ORG"), (50, 55, "PER")]


def test_model_mode_keeps_only_the_models_spans() -> None:
    assert combine(RULES, MODEL, {"PER": "model", "ORG": "model"}) == MODEL


def test_rules_mode_keeps_only_the_rules_spans() -> None:
    assert combine(RULES, MODEL, {"PER": "rules", "ORG": "rules"}) == RULES


def test_model_first_adds_rule_spans_the_model_does_not_overlap() -> None:
    kept = combine(RULES, MODEL, {"PER": "model-first", "ORG": "model-first"})
    assert kept == [(0, 10, "PER"), (22, 30, "ORG"), (40, 45, "ORG"), (50, 55, "PER")]


def test_rules_first_adds_model_spans_the_rules_do_not_overlap() -> None:
    kept = combine(RULES, MODEL, {"PER": "rules-first", "ORG": "rules-first"})
    assert kept == [(0, 10, "PER"), (20, 30, "ORG"), (40, 45, "ORG"), (50, 55, "PER")]


def test_modes_are_per_label_and_unknown_labels_keep_the_rules() -> None:
    kept = combine([*RULES, (60, 62, "QTY")], MODEL, {"PER": "rules", "ORG": "model"})
    assert kept == [(0, 10, "PER"), (22, 30, "ORG"), (60, 62, "QTY")]


def test_an_unknown_mode_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'both' is not one of"):
        combine(RULES, MODEL, {"PER": "both"})
