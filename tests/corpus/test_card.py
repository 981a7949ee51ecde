"""The dataset card: its YAML header is what `header()` says, whatever the strings hold."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from corpus.build import figures_of
from corpus.card import CardData, _yaml, header, render_card
from corpus.features import CONFIGS
from corpus.split import SPLITS
from tests.corpus.gold_fixtures import gold_documents


def card_data() -> CardData:
    figures = figures_of(gold_documents())
    splits = figures.non_empty()
    return CardData(
        version="1.0.0",
        released="2025-01-15",
        guidelines_version="0.1",
        figures=figures,
        data_files={c: {s: f"data/{c}/{s}.parquet" for s in splits} for c in CONFIGS},
        num_bytes={c: dict.fromkeys(splits, 1234) for c in CONFIGS},
        annotators=1,
        multi_annotated=0,
        agreement=None,
        previous=None,
        changelog=None,
    )


def test_card_yaml_header_parses_back_to_the_header() -> None:
    data = card_data()
    card = render_card(data)
    assert card.startswith("---\n")
    front = card.split("---\n")[1]
    assert yaml.safe_load(front) == header(data)


def test_card_declares_only_splits_with_documents() -> None:
    data = card_data()
    configs = header(data)["configs"]
    declared = [[f["split"] for f in c["data_files"]] for c in configs]
    assert declared == [["train", "test"], ["train", "test"]]
    assert set(SPLITS) - {"train", "test"} == {"validation"}
    assert "Empty in this version" in render_card(data)


@pytest.mark.parametrize(
    "value",
    [
        {"a": "plain", "b": "two words", "c": "yes", "d": "n<1K", "e": "x: y", "f": "'q'"},
        {"0": "O", "1": "B-PER", "true": "null", "list": [], "dict": {}},
        {"nested": [{"k": ["a", 1, 2.5, None, True]}, [1, [2, 3]]]},
        {"unicode": "Rp 1,5 triliun – “kutipan” 👩\u200d🍳", "newline": "a\nb", "hash": "#tag"},
    ],
)
def test_yaml_writer_round_trips(value: Any) -> None:
    assert yaml.safe_load("\n".join(_yaml(value))) == value
