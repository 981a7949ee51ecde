"""`corpus diff`: documents and spans added, removed and changed between two gold sets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytest_regressions.data_regression import DataRegressionFixture
from typer.testing import CliRunner

from corpus.cli import app
from corpus.diff import diff, format_diff
from corpus.features import view
from corpus.records import Document, Entity, span_id
from corpus.schemas import label_set
from tests.corpus.conftest import write_gold
from tests.corpus.gold_fixtures import article_names, document, find

PER, ORG = label_set().entity_labels
QTY = label_set().quantity_label
FAVOR, AGAINST, NEUTRAL = label_set().polarity_names


def old_gold() -> list[Document]:
    """Version A: the first ten fixture articles."""
    return [document(name) for name in article_names()[:10]]


def new_gold() -> list[Document]:
    """Version B: one article removed, one added, and in two articles: an entity added,
    one relabelled, one removed, a value and a unit corrected, a stance's polarity changed,
    the outlet corrected."""
    docs = {doc.id: doc for doc in old_gold()}
    removed = document("cnn-asean-cadangan-beras.txt")
    del docs[removed.id]
    added = document(article_names()[10])
    docs[added.id] = added

    kazakhstan = document("sample-kazakhstan.txt")
    entities = [e for e in kazakhstan.entities if e.text != "Charles Michel"]
    entities = [replace(e, label=PER) if e.text == "Tass" else e for e in entities]
    start, end = find(kazakhstan.text, "Tokayev", 2)
    entities.append(Entity(span_id("entities", start, end), start, end, "Tokayev", PER))
    quantities = tuple(
        replace(q, value=69) if q.text == "68 tahun" else q for q in kazakhstan.quantities
    )
    stances = (replace(kazakhstan.stances[0], polarity=NEUTRAL), *kazakhstan.stances[1:])
    docs[kazakhstan.id] = kazakhstan.with_spans(
        entities=tuple(entities), quantities=quantities, stances=stances
    )

    bisnis = document("bisnis-pinjaman-hijau-panas-bumi-crlf.txt")
    quantities = tuple(
        replace(q, unit="USD") if q.text == "Rp1.205" else q for q in bisnis.quantities
    )
    article = replace(bisnis.article, outlet="Bisnis Indonesia")
    docs[bisnis.id] = replace(bisnis.with_spans(quantities=quantities), article=article)
    return [docs[i] for i in sorted(docs)]


def views(docs: list[Document]) -> list[dict[str, Any]]:
    return [view(doc.to_dict()) for doc in sorted(docs, key=lambda d: d.id)]


def test_diff_between_two_fixed_gold_sets(data_regression: DataRegressionFixture) -> None:
    result = diff(views(old_gold()), views(new_gold()))
    data_regression.check(result.to_dict())


def test_diff_of_a_gold_set_with_itself_is_empty() -> None:
    result = diff(views(old_gold()), views(old_gold()))
    assert result.is_empty and result.unchanged == 10
    assert all(count == 0 for counts in result.labels.values() for count in counts.values())


def test_diff_refuses_unsorted_input() -> None:
    with pytest.raises(ValueError, match="sorted by id"):
        diff(list(reversed(views(old_gold()))), [])


def test_diff_cli_reads_folders_and_releases(tmp_path: Path) -> None:
    old = write_gold(tmp_path / "a", old_gold())
    new = write_gold(tmp_path / "b", new_gold())
    runner = CliRunner()
    as_json = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert as_json.exit_code == 0, as_json.output
    expected = diff(views(old_gold()), views(new_gold()))
    assert json.loads(as_json.stdout) == json.loads(json.dumps(expected.to_dict()))

    readable = runner.invoke(app, ["diff", str(old), str(new)])
    assert readable.exit_code == 0
    assert readable.stdout == format_diff(expected, str(old), str(new))
    kazakhstan = document("sample-kazakhstan.txt")
    lines = readable.stdout.splitlines()
    assert "documents: 1 added, 1 removed, 2 changed, 7 unchanged" in lines
    assert f"  {kazakhstan.id}" in lines
    assert f"    - {ORG} 659:663 'Tass'" in lines
    assert f"    + {PER} 659:663 'Tass'" in lines
    assert f"    ~ {QTY} 1215:1223 '68 tahun' (value 68 → 69)" in lines
