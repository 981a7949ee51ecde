"""The hand-annotated gold set in data/gold: one valid Document per bundled article.

The gold files index the parser's canonical text, so these tests also catch a parser change
that would move offsets (the gold text must equal today's parse of its article).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from annotate.sources import parse_paths
from corpus.records import Article, span_id
from corpus.records_io import read_json
from corpus.schemas import guidelines, label_set
from corpus.validate import problems
from tests.conftest import ARTICLES, GOLD

GOLD_FILES = sorted(GOLD.glob("*.json"))


@cache
def parsed_articles() -> dict[str, Article]:
    """Today's parse of every bundled article by id, as `annotate parse data/articles` prints it."""
    articles: dict[str, Article] = {}
    for item in parse_paths([str(ARTICLES)]):
        assert isinstance(item, Article), f"a bundled article does not parse: {item}"
        articles[item.id] = item
    return articles


@cache
def gold_record(path: Path) -> dict[str, Any]:
    record: dict[str, Any] = read_json(path)
    return record


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.stem[:40])
def gold(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Each gold record in turn."""
    return gold_record(request.param)


def test_gold_files_match_bundled_articles_one_to_one() -> None:
    article_ids = set(parsed_articles())
    gold_ids = {path.stem for path in GOLD_FILES}
    assert gold_ids == article_ids
    assert all(gold_record(path)["id"] == path.stem for path in GOLD_FILES)


def test_gold_document_validates(gold: dict[str, Any]) -> None:
    assert [str(p) for p in problems(gold, "document")] == []


def test_gold_text_equals_current_parse(gold: dict[str, Any]) -> None:
    article = parsed_articles()[gold["id"]]
    assert gold["text"] == article.text
    assert gold["text_sha256"] == article.text_sha256


def test_gold_meta_is_gold_with_current_guidelines(gold: dict[str, Any]) -> None:
    meta = gold["meta"]
    assert meta["source"] == "gold"
    assert meta["guidelines_version"] == guidelines().version
    assert meta["annotators"], "gold needs at least one pseudonymous annotator id"


def test_gold_stance_holders_are_person_or_org_mentions(gold: dict[str, Any]) -> None:
    labels = {e["id"]: e["label"] for e in gold["entities"]}
    holders = [s["holder"] for s in gold["stances"] if s["holder"] is not None]
    assert holders, "every bundled article has at least one stance with a named holder"
    assert all(labels.get(h) in label_set().entity_labels for h in holders)


def test_gold_has_every_token_label(gold: dict[str, Any]) -> None:
    present = {e["label"] for e in gold["entities"]}
    assert present == set(label_set().entity_labels)
    assert gold["quantities"], "every bundled article mentions at least one quantity"
    assert gold["stances"], "every bundled article has at least one stance"


def test_gold_span_ids_come_from_offsets(gold: dict[str, Any]) -> None:
    for kind in ("entities", "quantities", "stances"):
        for span in gold[kind]:
            assert span["id"] == span_id(kind, span["start"], span["end"]), span


def test_gold_entity_and_quantity_spans_never_overlap(gold: dict[str, Any]) -> None:
    # The guidelines allow no nesting among PER, ORG and QTY (stances do contain them).
    spans = sorted((s["start"], s["end"], s["text"]) for s in gold["entities"] + gold["quantities"])
    overlapping = [(a, b) for a, b in pairwise(spans) if b[0] < a[1]]
    assert overlapping == []
