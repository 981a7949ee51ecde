"""Agreement: pairwise span F1 per label and Krippendorff's alpha on token labels."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from typer.testing import CliRunner

from corpus.agreement import agreement, token_values
from corpus.cli import app
from corpus.errors import InputError
from corpus.records import Document, Meta
from corpus.schemas import guidelines, label_set
from corpus.tokens import OUTSIDE, tokenize
from tests.corpus.gold_fixtures import document

PER, ORG = label_set().entity_labels
QTY, STANCE = label_set().quantity_label, label_set().stance_label
A, B, C = "ann-0000000a", "ann-0000000b", "ann-0000000c"


def by(annotator: str, doc: Document) -> tuple[str, Document]:
    meta = Meta("gold", guidelines().version, annotators=(annotator,))
    return f"{annotator}/{doc.id}.json", replace(doc, meta=meta)


def test_identical_annotations_agree_fully() -> None:
    doc = document("sample-kazakhstan.txt")
    result = agreement([by(A, doc), by(B, doc)])
    assert result.documents == 1 and result.annotators == (A, B)
    assert all(f1.f1 == 1.0 for f1 in result.overall.values())
    assert result.alpha == 1.0
    assert result.pairs[0].polarity == 1.0


def test_a_missed_entity_lowers_f1_and_alpha_as_computed_by_hand() -> None:
    doc = document("sample-kazakhstan.txt")
    missed = doc.entities[3]  # "Charles Michel"
    fewer = doc.with_spans(entities=tuple(e for e in doc.entities if e != missed))
    result = agreement([by(A, doc), by(B, fewer)])
    persons = sum(e.label == PER for e in doc.entities)
    per = result.overall[PER]
    assert (per.matched, per.a, per.b) == (persons - 1, persons, persons - 1)
    assert per.f1 == pytest.approx(2 * (persons - 1) / (2 * persons - 1))
    assert result.overall[ORG].f1 == 1.0 and result.overall[QTY].f1 == 1.0
    # alpha as krippendorff computes it on the token label matrix
    tokens = tokenize(doc.text)
    codes = {OUTSIDE: 0, PER: 1, ORG: 2, QTY: 3}
    matrix = np.array([[codes[v] for v in token_values(d, tokens)] for d in (doc, fewer)])
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert result.alpha == pytest.approx(expected)
    assert result.alpha is not None and 0.9 < result.alpha < 1.0


def test_three_annotators_give_three_pairs_and_missing_articles_count_as_missing() -> None:
    kaz, kopi = document("sample-kazakhstan.txt"), document("suara-kopi-bu-siti-viral-emoji.txt")
    docs = [
        by(A, kaz),
        by(B, kaz),
        by(C, kaz),
        by(A, kopi),
        by(B, kopi),
        by(C, document("antara-inflasi-bps.txt")),
    ]
    result = agreement(docs)
    assert result.documents == 2  # the antara article has a single annotator
    assert [(p.a, p.b, p.documents) for p in result.pairs] == [(A, B, 2), (A, C, 1), (B, C, 1)]
    assert result.tokens == len(tokenize(kaz.text)) + len(tokenize(kopi.text))


def test_no_variation_gives_no_alpha() -> None:
    doc = document("cnn-asean-cadangan-beras.txt")  # no spans: every token is O
    result = agreement([by(A, doc), by(B, doc)])
    assert result.alpha is None and all(a is None for a in result.alpha_per_label.values())
    assert result.overall[PER].f1 is None  # nothing to match


def test_agreement_input_needs_one_annotator_per_document() -> None:
    doc = document("sample-kazakhstan.txt")
    both = replace(doc, meta=Meta("gold", "0.1", annotators=(A, B)))
    with pytest.raises(InputError, match="holds one annotator's annotation, found 2"):
        agreement([("x.json", both)])


def test_agreement_cli_reads_json_and_jsonl(tmp_path: Path) -> None:
    doc = document("sample-kazakhstan.txt")
    folder = tmp_path / "conflicts"
    (folder / A).mkdir(parents=True)
    _, first = by(A, doc)
    (folder / A / f"{doc.id}.json").write_text(json.dumps(first.to_dict()), "utf-8")
    _, second = by(B, doc.with_spans(entities=doc.entities[:-1]))
    (folder / "b.jsonl").write_text(json.dumps(second.to_dict()) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["agreement", str(folder), "--json"])
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 1 and figures["annotators"] == [A, B]
    assert figures["span_f1"][ORG]["matched"] == figures["span_f1"][ORG]["a"] - 1
    readable = CliRunner().invoke(app, ["agreement", str(folder)])
    assert readable.exit_code == 0
    assert (
        readable.stdout.splitlines()[0]
        == f"1 articles annotated by two annotators or more ({A}, {B}), {figures['tokens']} tokens"
    )
