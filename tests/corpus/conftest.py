"""Fixtures of the corpus tests: gold folders on disk, and `datasets` kept off the network."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus.records import Document
from tests.corpus.gold_fixtures import gold_documents


def write_gold(folder: Path, documents: list[Document]) -> Path:
    """Write Documents as a gold folder (`<id>.json` each, as the gold set is written)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        path = folder / f"{doc.id}.json"
        path.write_text(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return folder


@pytest.fixture
def fixture_gold(tmp_path: Path) -> Path:
    """The fixture gold set (bundled articles, hand-placed spans) as a folder."""
    return write_gold(tmp_path / "gold", gold_documents())


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`datasets` and the Hub client offline, with a private cache; any attempt to open a
    network connection fails the test. Yields the cache folder to pass as `cache_dir`."""
    import datasets.config
    import huggingface_hub.constants  # noqa: TID251  # only to switch the Hub client offline

    cache = tmp_path / "hf-cache"
    for name in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE"):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(cache))
    # Both libraries read these when first imported, so set the values they already hold.
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", cache)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)

    def refuse(self: socket.socket, address: Any) -> None:
        raise AssertionError(f"a test tried to open a network connection to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield cache
