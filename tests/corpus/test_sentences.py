"""Sentence rows: spaCy's sentence ends on Indonesian text, spans never cut, rows bounded."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import pytest

from corpus.features import token_spans, tokens_row
from corpus.records import Document
from corpus.records_io import iter_records
from corpus.schemas import label_set
from corpus.sentences import MAX_TOKENS, sentence_bounds, sentence_rows, sentence_starts
from corpus.tokens import TokenSpan, bio_names, bio_tags, tokenize
from tests.conftest import GOLD
from tests.corpus.gold_fixtures import gold_documents

PER, ORG = label_set().entity_labels
QTY = label_set().quantity_label


def sentences(text: str) -> list[str]:
    cuts = [0, *sentence_starts(text), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts)]


def bundled() -> list[Mapping[str, Any]]:
    """The bundled gold set and the fixture gold set (bundled articles, hand-placed spans)."""
    gold = [Document.from_dict(r).to_dict() for _, r in iter_records(GOLD)]
    return gold + [doc.to_dict() for doc in gold_documents()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harga beras naik 2,5 persen. Pedagang di pasar mengeluh.",
            ["Harga beras naik 2,5 persen.", "Pedagang di pasar mengeluh."],
        ),
        # spaCy's Indonesian exceptions: titles, "dll.", initials.
        (
            "Rapat dipimpin Dr. Hasan Basri dan Prof. Lina. Mereka membahas pupuk, benih, dll. "
            "untuk musim tanam. A. Rahman juga hadir.",
            [
                "Rapat dipimpin Dr. Hasan Basri dan Prof. Lina.",
                "Mereka membahas pupuk, benih, dll. untuk musim tanam.",
                "A. Rahman juga hadir.",
            ],
        ),
        # Ours (ABBREVIATIONS): addresses and company forms.
        (
            "Kantor PT. Sumber Tani berada di Jl. Kenanga No. 7, Kec. Cibadak. Kantor itu baru.",
            [
                "Kantor PT. Sumber Tani berada di Jl. Kenanga No. 7, Kec. Cibadak.",
                "Kantor itu baru.",
            ],
        ),
        # Numbers with dots and times end no sentence; "?" and "!" do.
        (
            "Rapat dimulai pukul 10.00 WIB. Siapa yang datang? Semua warga!",
            ["Rapat dimulai pukul 10.00 WIB.", "Siapa yang datang?", "Semua warga!"],
        ),
        # A line break always ends a sentence (a title has no period).
        (
            "Warga Desa Sukamaju Gelar Kerja Bakti\n\nWarga membersihkan saluran air.",
            ["Warga Desa Sukamaju Gelar Kerja Bakti", "Warga membersihkan saluran air."],
        ),
    ],
)
def test_sentence_starts_follow_indonesian_abbreviations_and_lines(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def rows_of(text: str, spans: list[TokenSpan] = ()) -> list[list[str]]:  # type: ignore[assignment]
    tokens = tokenize(text)
    tags, problems = bio_tags(text, tokens, spans)
    assert problems == []
    return [
        [text[s:e] for s, e in tokens[first:end]]
        for first, end in sentence_bounds(text, tokens, tags)
    ]


def test_an_opening_quote_goes_with_the_sentence_it_opens() -> None:
    curly = "Ia tersenyum. “Kami siap bekerja,” ujar Budi."
    assert rows_of(curly) == [
        ["Ia", "tersenyum", "."],
        ["“", "Kami", "siap", "bekerja", ",", "”", "ujar", "Budi", "."],
    ]
    straight = 'Ia tersenyum. "Kami siap," ujar Budi. (Foto: Humas)'
    assert rows_of(straight) == [
        ["Ia", "tersenyum", "."],
        ['"', "Kami", "siap", ",", '"', "ujar", "Budi", "."],
        ["(", "Foto", ":", "Humas", ")"],
    ]


def test_a_sentence_end_inside_a_span_is_ignored() -> None:
    # "Kol." (kolonel) is in no abbreviation list: spaCy ends a sentence after it ...
    text = "Pasien dirujuk ke Rumah Sakit Kol. Sutarno di Jambi. Kondisi pasien membaik."
    assert sentences(text)[:2] == ["Pasien dirujuk ke Rumah Sakit Kol.", "Sutarno di Jambi."]
    # ... but the organisation's name is one span, so its sentence stays one row.
    start = text.index("Rumah")
    org = TokenSpan("/entities/0", start, text.index(" di Jambi"), ORG)
    assert rows_of(text, [org]) == [
        ["Pasien", "dirujuk", "ke", "Rumah", "Sakit", "Kol", ".", "Sutarno", "di", "Jambi", "."],
        ["Kondisi", "pasien", "membaik", "."],
    ]


def test_a_long_sentence_is_cut_after_a_comma_and_never_inside_a_span() -> None:
    clause = "warga desa membawa cangkul dan karung untuk membersihkan saluran air"  # 10 tokens
    text = ", ".join([clause] * 30) + "."  # one sentence of 330 tokens
    tokens = tokenize(text)
    # A person's name across where a plain cut at MAX_TOKENS would fall.
    name = text.index("warga", tokens[MAX_TOKENS - 1][0])
    per = TokenSpan("/entities/0", name, name + len("warga desa membawa"), PER)
    tags, _ = bio_tags(text, tokens, [per])
    bounds = sentence_bounds(text, tokens, tags)
    assert bounds[0][0] == 0
    assert bounds[-1][1] == len(tokens)
    assert all(end == next_first for (_, end), (next_first, _) in itertools.pairwise(bounds))
    assert all(0 < end - first <= MAX_TOKENS for first, end in bounds)
    inside = {i for i, name in enumerate(bio_names()) if name.startswith("I-")}
    for _, end in bounds[:-1]:
        assert text[slice(*tokens[end - 1])] == ","  # cut after a clause mark
        assert tags[end] not in inside


def test_a_span_filling_the_window_is_kept_whole() -> None:
    text = " ".join(["Bank"] * (MAX_TOKENS + 10)) + " lalu selesai."
    tokens = tokenize(text)
    org = TokenSpan("/entities/0", 0, tokens[MAX_TOKENS + 9][1], ORG)
    tags, _ = bio_tags(text, tokens, [org])
    whole = MAX_TOKENS + 10
    assert sentence_bounds(text, tokens, tags) == [(0, whole), (whole, len(tokens))]


@pytest.mark.parametrize("record", bundled(), ids=lambda r: r["id"][:40])
def test_sentence_rows_of_a_bundled_article_give_back_its_tokens_row(
    record: Mapping[str, Any],
) -> None:
    row, problems = tokens_row(record)
    assert problems == []
    rows = sentence_rows(record["text"], row)
    assert [r["id"] for r in rows] == [f"{record['id']}#{i}" for i in range(len(rows))]
    assert {r["article_id"] for r in rows} == {record["id"]}
    assert [r["index"] for r in rows] == list(range(len(rows)))
    for field in ("tokens", "starts", "ends", "ner_tags"):
        assert [value for r in rows for value in r[field]] == row[field]
    assert all(0 < len(r["tokens"]) <= MAX_TOKENS for r in rows)
    # No sentence ends inside a span: every span lies within one row.
    bounds = [(r["starts"][0], r["ends"][-1]) for r in rows]
    for span in token_spans(record):
        assert any(a <= span.start and span.end <= b for a, b in bounds), span
    # Real sentences: more than one a paragraph on average, each ending at a line's end or
    # with sentence punctuation (or a quote or bracket closing it).
    assert len(rows) > record["text"].count("\n\n") + 1
    for a, b in bounds:
        after = record["text"][b : b + 1]
        assert after in ("", "\n") or record["text"][b - 1] in ".!?”\")'", record["text"][a:b]
