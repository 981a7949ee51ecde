"""A model trained once on tests/annotate/model/train.conll (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.model.train import TrainData, train_model

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The model folder of `annotate train --conll train.conll` (seed 0, no dev split)."""
    out = tmp_path_factory.mktemp("model") / "ner"
    train_model(out, TrainData(conll=(HERE / "train.conll",)), seed=0)
    return out
