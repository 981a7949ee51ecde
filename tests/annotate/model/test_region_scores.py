"""scripts/region_scores.py: precision of the spans a push shows, by the model's score.

Trained on tests/annotate/model/train.conll and measured on dev.conll (sentences written
for these tests).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from functools import partial
from pathlib import Path
from types import ModuleType

import pytest

from annotate.conll import default_label_map, evaluate_corpus, read_corpus
from annotate.model.ner import CrfModel
from annotate.preannotate import preannotate
from tests.conftest import REPO

HERE = Path(__file__).resolve().parent
SCRIPT = REPO / "scripts" / "region_scores.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("region_scores", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_spans_scored_match_what_evaluate_counts(
    script: ModuleType, folder: Path
) -> None:
    model = CrfModel.load(folder)
    dev = HERE / "dev.conll"
    spans = [s for rows in script.conll_rows(model, dev, None) for s in rows]
    report = evaluate_corpus(read_corpus(dev), partial(preannotate), default_label_map())
    entities = [s for s in report.evaluation.labels if s.label in ("PER", "ORG")]
    assert len(spans) == sum(s.strict.pred for s in entities) > 0
    assert sum(right for _, right in spans) == sum(s.strict.tp for s in entities)
    assert all(0.0 <= score <= 1.0 for score, _ in spans)


def test_a_row_puts_every_span_in_one_band(script: ModuleType) -> None:
    spans = [(0.0, False), (0.49, True), (0.5, True), (0.95, False), (1.0, True), (1.0, True)]
    assert script.row("set", "rules", spans) == (
        "| rules | set | 0.500 (2) | 1.000 (1) | – (0) | 0.667 (3) | 0.667 (6) |"
    )


def test_the_script_prints_one_row_per_source_and_set(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--model", str(folder), str(HERE / "dev.conll")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    rows = done.stdout.splitlines()
    assert len(rows) == 4 and rows[2].startswith("| rules + model") and "dev" in rows[2]
    assert rows[3].startswith("| rules alone |")
