"""Schemas: articles validate, broken records are rejected naming the field, wheel ships them."""

from __future__ import annotations

import copy
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotate.parse import parse_bytes
from corpus.records import Document, Entity, Meta, Quantity, Stance
from corpus.schemas import Polarity, label_set, load_schema
from corpus.validate import problems
from tests.conftest import REPO, find_uv


def test_every_bundled_article_validates(article_path: Path) -> None:
    article = parse_bytes(article_path.read_bytes(), source=article_path.name)
    assert problems(article.to_dict(), "article") == []
    assert problems(Document(article, meta=Meta("rules@test")).to_dict(), "document") == []


def test_label_set_comes_from_the_schema() -> None:
    labels = label_set()
    defs = load_schema("document")["$defs"]
    assert labels.names == tuple(item["const"] for item in defs["label"]["oneOf"])
    assert labels.entity_labels == tuple(defs["entity_label"]["enum"])
    assert labels.polarity_names == ("favor", "against", "neutral")
    assert labels.quantity_label == "QTY" and labels.stance_label == "STANCE"
    assert (labels.person_label, labels.org_label) == ("PER", "ORG")
    assert [str(p) for p in Polarity] == list(labels.polarity_names)


def test_labels_are_taken_by_name_whatever_the_schema_order() -> None:
    labels = label_set()
    swapped = replace(labels, labels=(labels.labels[1], labels.labels[0], *labels.labels[2:]))
    assert (swapped.person_label, swapped.org_label) == ("PER", "ORG")
    renamed = replace(labels, labels=tuple(c for c in labels.labels if c.value != "PER"))
    with pytest.raises(ValueError, match="no label 'PER'"):
        _ = renamed.person_label


@pytest.fixture
def document() -> dict[str, Any]:
    article = parse_bytes((REPO / "data/articles/sample-kazakhstan.txt").read_bytes())
    text = article.text
    start = text.index("Kassym-Jomart Tokayev")
    qty = text.index("2-3 miliar USD")
    quote = text.index("Saya tidak ragu")
    doc = Document(
        article,
        entities=(Entity("e1", start, start + 21, "Kassym-Jomart Tokayev", "PER"),),
        quantities=(Quantity("q1", qty, qty + 14, "2-3 miliar USD", None, 2e9, 3e9, "USD"),),
        stances=(
            Stance(
                "s1", quote, quote + 40, text[quote : quote + 40], "against", "e1", "serangan teror"
            ),
        ),
        meta=Meta("gold", "0.1"),
    )
    return doc.to_dict()


def test_valid_document_has_no_problems(document: dict[str, Any]) -> None:
    assert problems(document) == []


def _break(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    *parents, last = path.split(".")
    node: Any = broken
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    if value is KeyError:
        del node[last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return broken


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("title", KeyError, "/: 'title' is a required property"),
        ("entities.0.label", "LOC", "/entities/0/label: 'LOC' is not one of ['PER', 'ORG']"),
        ("entities.0.start", "10", "/entities/0/start: '10' is not of type 'integer'"),
        ("stances.0.polarity", "pro", "/stances/0/polarity"),
        ("language", "en", "/language: 'id' was expected"),
        ("id", "Bad Id", "/id: 'Bad Id' does not match"),
        ("meta.source", "me", "/meta/source: 'me' does not match"),
        ("quantities.0.bound", "above", "/quantities/0/bound"),
        ("entities.0.extra", 1, "/entities/0: Additional properties are not allowed ('extra'"),
    ],
)
def test_schema_rejects_with_field_named(
    document: dict[str, Any], path: str, value: Any, expected: str
) -> None:
    found = [str(p) for p in problems(_break(document, path, value))]
    assert found, "the broken record was accepted"
    assert any(message.startswith(expected) for message in found), found


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("entities.0.end", 10**6, "/entities/0: offsets [79:1000000] are outside the text"),
        (
            "entities.0.text",
            "Tokayev",
            "/entities/0: text[79:100] is 'Kassym-Jomart Tokayev', not 'Tokayev'",
        ),
        ("stances.0.holder", "e9", "/stances/0/holder: 'e9' is not the id of an entity"),
        ("quantities.0.value", 5, "/quantities/0: needs either value or low/high"),
        ("quantities.0.id", "e1", "/quantities/0/id: 'e1' is also used at /entities/0"),
        ("text_sha256", "0" * 64, "/text_sha256: does not match"),
        ("title", "Judul lain", "/title: is not the text of the first paragraph"),
    ],
)
def test_invariants_reject_with_location(
    document: dict[str, Any], path: str, value: Any, expected: str
) -> None:
    found = [str(p) for p in problems(_break(document, path, value))]
    assert any(message.startswith(expected) for message in found), found


def test_span_with_trailing_space_is_rejected(document: dict[str, Any]) -> None:
    entity = document["entities"][0]
    entity["end"] += 1
    entity["text"] = document["text"][entity["start"] : entity["end"]]
    assert [str(p) for p in problems(document)] == [
        "/entities/0: span [79:101] 'Kassym-Jomart Tokayev ' starts or ends with whitespace"
    ]


def test_document_round_trips(document: dict[str, Any]) -> None:
    assert Document.from_dict(document).to_dict() == document


@pytest.mark.slow
def test_wheel_ships_the_schemas(tmp_path: Path) -> None:
    subprocess.run(
        [find_uv(), "build", "--wheel", "--out-dir", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("newsgold-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "corpus/schema/article.schema.json" in names
    assert "corpus/schema/document.schema.json" in names
    # The packaged copy is what an installed newsgold reads: it must equal the source of truth.
    packaged = zipfile.ZipFile(wheel).read("corpus/schema/document.schema.json")
    assert packaged == (REPO / "schema/document.schema.json").read_bytes()
