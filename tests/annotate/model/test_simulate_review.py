"""scripts/simulate_review.py's task priority and its ablation switch (`--priority`).

Trained on tests/annotate/model/train.conll (sentences written for these tests).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from annotate.model.crf import Crf, Hyper, train_weights
from annotate.model.examples import conll_examples
from annotate.priority import in_random_share
from tests.conftest import REPO

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def simulate() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "simulate_review", REPO / "scripts" / "simulate_review.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_term_alone_ranks_no_higher_than_both(simulate: ModuleType, tmp_path: Path) -> None:
    examples = conll_examples(HERE / "train.conll")
    train_weights(examples[:8], tmp_path / "w.crfsuite", Hyper(), seed=0)
    crf = Crf(tmp_path / "w.crfsuite")
    tasks = [t for t in simulate.make_tasks(examples, 2) if not in_random_share(t[0], seed=0)]
    assert tasks, "every task fell in the random share: pick another seed"
    lower = 0
    for task in tasks:
        both = simulate.task_priority(crf, task, 0, "both")
        alone = [simulate.task_priority(crf, task, 0, t) for t in ("uncertainty", "disagreements")]
        assert all(0.0 <= a <= both for a in alone)
        lower += any(a < both for a in alone)
    assert lower > 0, "switching a term off changed no task's priority"
