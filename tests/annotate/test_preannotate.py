"""The pre-annotation pipeline: snapshots per article, schema validity, overlaps, versions, CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.parse import parse_bytes
from annotate.preannotate import article_from_text, preannotate, resolve_overlaps
from annotate.rules import (
    DEFAULT,
    GAZETTEER_DIR,
    REGISTRY,
    RULES_DIR,
    RULES_VERSION,
    fingerprint,
    rules_version,
    source_files,
)
from corpus.records import Document, Entity, Quantity, span_id
from corpus.schemas import guidelines, label_set
from corpus.validate import problems
from tests.conftest import ARTICLES, REPO, run_annotate

LABELS = label_set()
PER, ORG = LABELS.entity_labels


def span_view(doc: Document) -> list[str]:
    """One line per span, in text order: what a reviewer reads in a snapshot diff."""
    by_id = {e.id: e.text for e in doc.entities}
    rows = [(e.start, e.end, f"{e.label} {e.start}:{e.end} {e.text}") for e in doc.entities]
    rows += [
        (q.start, q.end, f"{LABELS.quantity_label} {q.start}:{q.end} {q.text}")
        for q in doc.quantities
    ]
    rows += [
        (
            s.start,
            s.end,
            f"{LABELS.stance_label} {s.start}:{s.end} {s.polarity} "
            f"holder={by_id.get(s.holder or '')!r} target={s.target!r} :: {s.text}",
        )
        for s in doc.stances
    ]
    return [row for _, _, row in sorted(rows)]


def test_preannotate_snapshot(article_path: Path, data_regression) -> None:  # type: ignore[no-untyped-def]
    doc = preannotate(parse_bytes(article_path.read_bytes(), source=article_path.name))
    record = doc.to_dict()
    assert problems(record) == []
    assert re.fullmatch(rf"rules@{re.escape(RULES_VERSION)}\+[0-9a-f]{{8}}", doc.meta.source)
    # The fingerprint changes with every edit of a rule or a list; the snapshot shows the
    # spans, so it keeps only the release part of the version.
    record["meta"]["source"] = f"rules@{RULES_VERSION}+<fingerprint>"
    data_regression.check({"spans": span_view(doc), "document": record})


def test_preannotate_plain_text_is_normalised_only_as_canonical_text_requires() -> None:
    doc = preannotate("Judul Berita\r\n\r\nPresiden  Joko Widodo\u200b hadir.\r\nBaris kedua.")
    assert doc.text == "Judul Berita\n\nPresiden Joko Widodo hadir.\nBaris kedua."
    assert doc.article.title == "Judul Berita"
    assert [doc.text[p.start : p.end] for p in doc.article.paragraphs] == [
        "Judul Berita",
        "Presiden Joko Widodo hadir.",
        "Baris kedua.",
    ]
    assert [e.text for e in doc.entities] == ["Joko Widodo"]
    assert problems(doc.to_dict()) == []
    assert doc.meta.guidelines_version == guidelines().version
    assert preannotate(doc.text).id == doc.id  # ids from content


def test_preannotate_does_not_parse_plain_text_as_an_article() -> None:
    # No dateline split, no boilerplate removal: the text stays as given.
    text = "Judul\n\nJakarta - Baca Juga\n\nIsi berita."
    assert article_from_text(text).text == text


def test_preannotate_rejects_empty_text_and_unknown_annotators() -> None:
    with pytest.raises(ValueError, match="empty"):
        preannotate(" \n ")
    with pytest.raises(ValueError, match=r"unknown annotator 'per\.rules\.v9'"):
        preannotate("Judul", annotators=("per.rules.v9",))


def test_preannotate_runs_only_the_annotators_asked_for() -> None:
    text = "Judul\n\nKata Presiden Joko Widodo, KPK menyita Rp 5 miliar."
    doc = preannotate(text, annotators=("per.rules.v1",))
    assert [e.label for e in doc.entities] == [PER]
    assert doc.quantities == () and doc.stances == ()
    assert doc.meta.source != preannotate(text).meta.source  # the selection is part of it


def test_registry_names_are_versioned_and_default_runs_every_family() -> None:
    assert all(re.fullmatch(r"(per|org|qty|stance)\.rules\.v\d+", name) for name in REGISTRY)
    assert {name.split(".")[0] for name in DEFAULT} == {"per", "org", "qty", "stance"}


def test_resolve_overlaps_cuts_an_org_before_the_person_it_ran_into() -> None:
    text = "Anggota KPU Dimas Aryo Wicaksono mengatakan"
    org = Entity(span_id("entities", 8, 32), 8, 32, text[8:32], ORG)
    person = Entity(span_id("entities", 12, 32), 12, 32, text[12:32], PER)
    entities, _ = resolve_overlaps(text, [org, person], [])
    assert [(e.text, e.label) for e in entities] == [("KPU", ORG), ("Dimas Aryo Wicaksono", PER)]
    assert entities[0].id == span_id("entities", 8, 11)


def test_resolve_overlaps_leaves_no_connector_at_the_end_of_a_cut_org() -> None:
    text = "Kepala Dinas Pangan dan Rudi Hartono , mengatakan"
    org = Entity(span_id("entities", 7, 36), 7, 36, text[7:36], ORG)
    person = Entity(span_id("entities", 24, 36), 24, 36, text[24:36], PER)
    entities, _ = resolve_overlaps(text, [org, person], [])
    assert [(e.text, e.label) for e in entities] == [("Dinas Pangan", ORG), ("Rudi Hartono", PER)]


def test_preannotate_reads_a_field_noun_after_dan_as_part_of_the_office() -> None:
    doc = preannotate("Kepala Dinas Pertanian dan Peternakan Sri Wahyuni mengatakan hal itu.")
    assert [(e.label, e.text) for e in doc.entities] == [
        (ORG, "Dinas Pertanian dan Peternakan"),
        (PER, "Sri Wahyuni"),
    ]


def test_preannotate_cuts_an_organisation_run_before_the_official_named_after_it() -> None:
    doc = preannotate("Kepala Dinas Kesehatan Kota Surabaya Nanik Sukristina mengatakan")
    assert [(e.label, e.text) for e in doc.entities] == [
        (ORG, "Dinas Kesehatan Kota Surabaya"),
        (PER, "Nanik Sukristina"),
    ]


def test_resolve_overlaps_keeps_the_longer_span_and_numbers_inside_names() -> None:
    text = "Densus 88 menangkap 5 orang"
    org = Entity(span_id("entities", 0, 9), 0, 9, "Densus 88", ORG)
    inside = Quantity(span_id("quantities", 7, 9), 7, 9, "88", value=88)
    count = Quantity(span_id("quantities", 20, 21), 20, 21, "5", value=5)
    entities, quantities = resolve_overlaps(text, [org], [inside, count])
    assert [e.text for e in entities] == ["Densus 88"]
    assert [q.text for q in quantities] == ["5"]


def test_rules_version_changes_when_a_gazetteer_changes(tmp_path: Path) -> None:
    copy = tmp_path / "gazetteers"
    shutil.copytree(GAZETTEER_DIR, copy)
    before = fingerprint(source_files(RULES_DIR, copy))
    assert before == fingerprint(source_files(RULES_DIR, GAZETTEER_DIR))
    with (copy / "org_media.txt").open("a", encoding="utf-8") as f:
        f.write("Kantor Berita Contoh\n")
    assert fingerprint(source_files(RULES_DIR, copy)) != before
    assert rules_version().startswith(f"{RULES_VERSION}+")


def test_cli_preannotate_writes_valid_documents_and_reports_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes((ARTICLES / "sample-kazakhstan.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    result = run_annotate("preannotate", str(tmp_path))
    assert result.returncode == 1
    (line,) = result.stdout.decode().splitlines()
    record = json.loads(line)
    assert problems(record) == []
    assert any(e["text"] == "Kassym-Jomart Tokayev" for e in record["entities"])
    assert result.stderr.decode().startswith(f"error: {tmp_path / 'b.txt'}: ")


def test_cli_preannotate_reads_json_lines_of_articles_from_stdin() -> None:
    article = parse_bytes((ARTICLES / "sample-kazakhstan.txt").read_bytes())
    lines = json.dumps(article.to_dict()) + "\n{not json}\n"
    result = run_annotate("preannotate", "--articles", "-", stdin=lines.encode())
    assert result.returncode == 1
    assert json.loads(result.stdout)["id"] == article.id
    assert result.stderr.decode().startswith("error: -:2: invalid JSON")


def test_import_annotate_stays_light() -> None:
    code = "import sys, annotate; print(sorted(m for m in sys.modules if m.startswith('annotate')))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=REPO, check=True, timeout=60
    )
    assert result.stdout.decode().strip() == "['annotate']"


NEWS_ALPHABET = st.sampled_from(
    [
        *"aAbBdDiIkKmMnNpPrRsStTuU  ,.()“”\"‘’'-:/0123456789\n",
        *("Presiden ", "Jokowi", " kata ", "PT ", "Tbk.", " (KPK)", "Badan ", " dan "),
        *("ujarnya", "menolak ", "tidak ", "Rp ", " miliar", "Dr. ", "👩\u200d🍳", "\u00a0"),
        *("\t", "Jakarta"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(NEWS_ALPHABET, min_size=1, max_size=60).map("".join))
def test_preannotate_any_text_gives_a_schema_valid_document(raw: str) -> None:
    if not raw.strip():
        return
    doc = preannotate(raw)
    assert problems(doc.to_dict()) == []
    again = preannotate(doc.text)  # the canonical text is a fixed point
    assert (again.id, again.text, again.entities, again.quantities, again.stances) == (
        doc.id,
        doc.text,
        doc.entities,
        doc.quantities,
        doc.stances,
    )
