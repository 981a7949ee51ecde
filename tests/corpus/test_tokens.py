"""Tokenizer (Indonesian clitics, hyphens, numbers, currency, emoji) and BIO tagging."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.records import Document
from corpus.records_io import iter_records
from corpus.schemas import label_set
from corpus.tokens import (
    TokenSpan,
    bio_names,
    bio_ranges,
    bio_tags,
    spans_from_tags,
    token_texts,
    tokenize,
)
from corpus.validate import Problem
from tests.conftest import GOLD

PER, ORG = label_set().entity_labels
QTY = label_set().quantity_label


def words(text: str) -> list[str]:
    return token_texts(text, tokenize(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden Kassym-Jomart Tokayev", ["Presiden", "Kassym-Jomart", "Tokayev"]),
        (
            "dr. Hendrawan Saputra-Lim, M.Kes",
            ["dr", ".", "Hendrawan", "Saputra-Lim", ",", "M", ".", "Kes"],
        ),
        ("anak-anak Covid-19 ke-3", ["anak-anak", "Covid-19", "ke-3"]),
        ("setengahnya ungkapnya", ["setengah", "nya", "ungkap", "nya"]),
        ("KPK-nya rahmat-Nya", ["KPK", "-", "nya", "rahmat", "-", "Nya"]),
        ("anak-anaknya", ["anak-anak", "nya"]),
        ("hanya punya bertanya Kenya", ["hanya", "punya", "bertanya", "Kenya"]),
        ("menanyakan", ["menanyakan"]),
        ("Rp1.205 per saham", ["Rp", "1.205", "per", "saham"]),
        ("Rp 1,5 triliun", ["Rp", "1,5", "triliun"]),
        ("US$2,5 miliar", ["US", "$", "2,5", "miliar"]),
        ("2,5 1.300 1.300.000 1,300 14.30", ["2,5", "1.300", "1.300.000", "1,300", "14.30"]),
        ("2-3 miliar USD", ["2", "-", "3", "miliar", "USD"]),
        ("1,7-1,8 juta ton", ["1,7", "-", "1,8", "juta", "ton"]),
        ("15%-18%", ["15", "%", "-", "18", "%"]),
        ("5,2 persen, 12%.", ["5,2", "persen", ",", "12", "%", "."]),
        ("Jum'at Qur’an", ["Jum'at", "Qur’an"]),
        ("kedai ‘Kopi Bu Siti’", ["kedai", "‘", "Kopi", "Bu", "Siti", "’"]),
        ("“Saya ragu,” kata", ["“", "Saya", "ragu", ",", "”", "kata"]),
        ("(PHK) pada 2023.", ["(", "PHK", ")", "pada", "2023", "."]),
        ("dialami 👩\u200d🍳 Siti", ["dialami", "👩\u200d🍳", "Siti"]),
        ("🇮🇩 Kementerian", ["🇮🇩", "Kementerian"]),
        ("👍🏽 ☕️ 1️⃣ 😀12", ["👍🏽", "☕️", "1️⃣", "😀", "12"]),
        ("👨\u200d👩\u200d👧 keluarga", ["👨\u200d👩\u200d👧", "keluarga"]),
        ("@ranidwi_ #viral", ["@", "ranidwi", "_", "#", "viral"]),
        ("ALMATY – Presiden", ["ALMATY", "–", "Presiden"]),
    ],
)
def test_tokenize_indonesian_examples(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60))
def test_tokenize_covers_every_non_space_character_once(text: str) -> None:
    tokens = tokenize(text)
    covered = [False] * len(text)
    previous_end = 0
    for start, end in tokens:
        assert previous_end <= start < end <= len(text)
        assert not any(c.isspace() for c in text[start:end])
        for i in range(start, end):
            covered[i] = True
        previous_end = end
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


def test_bio_names_come_from_the_label_set() -> None:
    assert bio_names() == (
        "O",
        *[f"{p}-{label}" for label in label_set().token_labels for p in "BI"],
    )


def _span(text: str, surface: str, label: str, pointer: str = "/entities/0") -> TokenSpan:
    start = text.index(surface)
    return TokenSpan(pointer, start, start + len(surface), label)


def test_bio_tags_mark_spans_and_round_trip() -> None:
    text = "Presiden Kassym-Jomart Tokayev menyebut kerugian 2-3 miliar USD."
    tokens = tokenize(text)
    spans = [_span(text, "Kassym-Jomart Tokayev", PER), _span(text, "2-3 miliar USD", QTY)]
    tags, problems = bio_tags(text, tokens, spans)
    assert problems == []
    names = [bio_names()[t] for t in tags]
    assert list(zip(words(text), names, strict=True)) == [
        ("Presiden", "O"),
        ("Kassym-Jomart", f"B-{PER}"),
        ("Tokayev", f"I-{PER}"),
        ("menyebut", "O"),
        ("kerugian", "O"),
        ("2", f"B-{QTY}"),
        ("-", f"I-{QTY}"),
        ("3", f"I-{QTY}"),
        ("miliar", f"I-{QTY}"),
        ("USD", f"I-{QTY}"),
        (".", "O"),
    ]
    assert [(s.start, s.end, s.label) for s in spans_from_tags(tokens, tags)] == [
        (s.start, s.end, s.label) for s in spans
    ]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        # IOB2: "Presiden Joko Widodo ke KPK"
        ("O B-PER I-PER O B-ORG", [(1, 3, "PER"), (4, 5, "ORG")]),
        # IOB1: I- opens a span; B- only between two adjacent spans of one type
        ("I-PER I-PER B-PER O I-ORG", [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "ORG")]),
        # an I- of another type opens a new span
        ("B-PER I-ORG I-ORG", [(0, 1, "PER"), (1, 3, "ORG")]),
        # BIOES and BILOU: E-/L- close, S-/U- stand alone
        (
            "B-ORG I-ORG E-ORG S-PER U-QTY B-PER L-PER",
            [(0, 3, "ORG"), (3, 4, "PER"), (4, 5, "QTY"), (5, 7, "PER")],
        ),
        # a span open at the end of the tags is closed there
        ("O O B-QTY I-QTY", [(2, 4, "QTY")]),
        ("", []),
    ],
)
def test_bio_ranges_read_iob2_iob1_and_bioes(
    tags: str, expected: list[tuple[int, int, str]]
) -> None:
    split = [None if tag == "O" else (tag[0], tag[2:]) for tag in tags.split()]
    assert bio_ranges(split) == expected


def test_bio_tags_report_a_span_inside_a_token_and_never_shift_it() -> None:
    text = "Presiden Kassym-Jomart Tokayev tiba."
    tokens = tokenize(text)
    spans = [
        _span(text, "Kassym", PER, "/entities/0"),
        _span(text, "Jomart Tokayev", PER, "/entities/1"),
    ]
    tags, problems = bio_tags(text, tokens, spans)
    assert tags == [0] * len(tokens)
    assert problems == [
        Problem(
            "/entities/0",
            f"{PER} [9:15] 'Kassym' ends inside the token 'Kassym-Jomart' [9:22]; fix the span, "
            "or the tokenizer (corpus/tokens.py) if the token is wrong",
        ),
        Problem(
            "/entities/1",
            f"{PER} [16:30] 'Jomart Tokayev' starts inside the token 'Kassym-Jomart' [9:22]; "
            "fix the span, or the tokenizer (corpus/tokens.py) if the token is wrong",
        ),
    ]


def test_bio_tags_report_overlapping_spans() -> None:
    text = "Bank Mandiri menyalurkan US$600 juta."
    tokens = tokenize(text)
    spans = [
        _span(text, "Bank Mandiri", ORG, "/entities/0"),
        _span(text, "Mandiri", PER, "/entities/1"),
    ]
    tags, problems = bio_tags(text, tokens, spans)
    assert [bio_names()[t] for t in tags[:2]] == [f"B-{ORG}", f"I-{ORG}"]
    assert problems == [
        Problem(
            "/entities/1",
            f"{PER} [5:12] 'Mandiri' overlaps /entities/0; "
            "BIO tags cannot hold both, keep one of them",
        )
    ]


def test_every_bundled_gold_span_falls_on_token_boundaries() -> None:
    checked = 0
    for path, record in iter_records(GOLD):
        assert isinstance(record, dict), record
        doc = Document.from_dict(record)
        spans = [
            TokenSpan(f"/entities/{i}", e.start, e.end, e.label) for i, e in enumerate(doc.entities)
        ] + [
            TokenSpan(f"/quantities/{i}", q.start, q.end, QTY) for i, q in enumerate(doc.quantities)
        ]
        _, problems = bio_tags(doc.text, tokenize(doc.text), spans)
        assert problems == [], path
        checked += len(spans)
    assert checked > 300
