"""Parser: snapshots of every bundled article, outlet datelines, boilerplate, properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.parse import (
    MAX_BYTES,
    boilerplate_reason,
    clean_characters,
    decode,
    parse_bytes,
    parse_text,
    publication_date,
    split_dateline,
)
from corpus.errors import InputError


def test_parse_snapshot(article_path: Path, data_regression) -> None:  # type: ignore[no-untyped-def]
    article = parse_bytes(article_path.read_bytes(), source=article_path.name)
    data_regression.check(article.to_dict())


def test_parse_sample_article() -> None:
    raw = (Path(__file__).parents[2] / "data/articles/sample-kazakhstan.txt").read_bytes()
    article = parse_bytes(raw)
    assert article.title == "Terungkap, Ada Peran Asing dalam Kerusuhan di Kazakhstan"
    assert article.dateline is not None
    assert (article.dateline.outlet, article.dateline.place) == ("MATA INDONESIA", "ALMATY")
    body_start = article.paragraphs[1].start
    assert article.text[body_start:].startswith("Presiden Kazakhstan, Kassym-Jomart Tokayev")
    assert article.text.endswith("kantor pers kepresidenan Kazakhstan menginformasikan.")
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Baca Juga"] == "related-links"
    assert reasons["TINGGALKAN KOMENTAR"] == "comment-form"
    assert reasons["- Advertisement -"] == "advertisement"
    assert reasons["Berita Terbaru"] == "teaser"
    assert "Baca berita yang ini" in reasons
    assert "TINGGALKAN" not in article.text and "Advertisement" not in article.text


@pytest.mark.parametrize(
    ("paragraph", "outlet", "place", "rest"),
    [
        ("MATA INDONESIA, ALMATY – Presiden", "MATA INDONESIA", "ALMATY", "Presiden"),
        ("JAKARTA, KOMPAS.com - Banjir", "KOMPAS.com", "JAKARTA", "Banjir"),
        ("Jakarta (ANTARA) - Badan Pusat", "ANTARA", "Jakarta", "Badan Pusat"),
        ("TEMPO.CO, Jakarta - KPK", "TEMPO.CO", "Jakarta", "KPK"),
        ("Jakarta, CNN Indonesia -- Negara", "CNN Indonesia", "Jakarta", "Negara"),
        ("Jakarta - Polda Metro", None, "Jakarta", "Polda Metro"),
        ("Liputan6.com, Jakarta — Mahkamah", "Liputan6.com", "Jakarta", "Mahkamah"),
        ("REPUBLIKA.CO.ID, JAKARTA -- Kementerian", "REPUBLIKA.CO.ID", "JAKARTA", "Kementerian"),
        ("Suara.com - Siapa", "Suara.com", None, "Siapa"),
        ("SURABAYA, KOMPAS.com – “Kami", "KOMPAS.com", "SURABAYA", "“Kami"),
        ("Bandung (ANTARA) ― Pemerintah", "ANTARA", "Bandung", "Pemerintah"),
    ],
)
def test_split_dateline_outlets(
    paragraph: str, outlet: str | None, place: str | None, rest: str
) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    dateline, remainder = found
    assert (dateline.outlet, dateline.place) == (outlet, place)
    assert remainder == rest
    assert paragraph.startswith(dateline.text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Presiden Kazakhstan, Kassym-Jomart Tokayev mengungkapkan bahwa",
        "Menurut dia, kerugian - kata dia - besar",
        "Hal ini diungkapkan oleh Presiden Tokayev.",
        "Kota Jakarta - yang padat - kembali banjir",
        "2-3 miliar USD hilang",
    ],
)
def test_split_dateline_ignores_sentences(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Baca Juga", "related-links"),
        ("Baca juga: Hujan Deras Sejak Dini Hari", "related-links"),
        ("Pilihan Editor: KPK Periksa 11 Saksi", "related-links"),
        ("- Advertisement -", "advertisement"),
        ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
        ("Silakan masukkan komentar anda!", "comment-form"),
        ("TINGGALKAN KOMENTAR", "comment-form"),
        ("Ikuti kami di Google News", "share-follow"),
        ("Bagikan artikel ini", "share-follow"),
        ("Editor : Sandra Oktaviani", "byline"),
        ("(tim/ain)", "byline"),
        ("COPYRIGHT © ANTARA 2024", "copyright"),
        ("[Gambas:Video CNN]", "embed"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Presiden menyebut bahwa kerusuhan itu adalah serangan teror.",
        "Komentar Presiden itu menuai kritik dari banyak pihak di parlemen dan masyarakat.",
        "Baca selama ini dianggap sulit oleh para siswa di daerah terpencil.",
    ],
)
def test_boilerplate_keeps_content(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Senin, 15 Januari 2024 | 14:30 WIB", "2024-01-15"),
        ("Kompas.com - 15/01/2024, 14:30 WIB", "2024-01-15"),
        ("Selasa, 20 Agustus 2024 | 16.45 WIB", "2024-08-20"),
        ("Diterbitkan: 2024-03-05 08.00 WIB", "2024-03-05"),
        ("7 Feb 2024", "2024-02-07"),
        ("Rabu, 31 Februari 2024", None),  # not a date: left in the text
        ("Pada Senin, 15 Januari 2024, banjir melanda.", None),  # an event date in a sentence
    ],
)
def test_publication_date_lines(line: str, date: str | None) -> None:
    assert publication_date(line) == date


def test_published_date_taken_from_line_after_title() -> None:
    article = parse_text("Judul\nSenin, 15 Januari 2024 | 14:30 WIB\nJakarta - Isi berita.")
    assert article.published == "2024-01-15"
    assert article.text == "Judul\n\nIsi berita."


def test_published_date_is_not_taken_from_prose() -> None:
    article = parse_text("Judul\nJakarta - Pada Senin, 15 Januari 2024, banjir melanda.")
    assert article.published is None


def test_clean_characters_normalises() -> None:
    raw = "\ufeffJudul\r\nA\u00a0\u00a0b\u200bc\r\rCafe\u0301  \t x \u2028y"
    assert clean_characters(raw) == "Judul\nA bc\n\nCafé x\ny"


def test_clean_characters_keeps_emoji_sequences() -> None:
    family = "👨\u200d👩\u200d👧"
    assert clean_characters(f"a {family} 🇮🇩 b") == f"a {family} 🇮🇩 b"


def test_crlf_and_lf_give_the_same_text() -> None:
    lf = "Judul\n\nJAKARTA, KOMPAS.com - Isi satu.\n\nIsi dua.\n"
    assert parse_text(lf.replace("\n", "\r\n")).text == parse_text(lf).text


def test_emoji_article_offsets_are_code_points() -> None:
    article = parse_text("Judul 😀\n\nSuara.com - 👨\u200d👩\u200d👧 Bu Siti berjualan.")
    start = article.paragraphs[1].start
    assert article.text[start:] == "👨\u200d👩\u200d👧 Bu Siti berjualan."
    assert article.text.index("Bu Siti") == start + 6


def test_second_dateline_is_recorded() -> None:
    article = parse_text("Judul\nJAKARTA, KOMPAS.com - Jakarta - Isi berita.")
    assert article.dateline is not None and article.dateline.outlet == "KOMPAS.com"
    assert article.text == "Judul\n\nIsi berita."
    assert [(r.text, r.reason) for r in article.removed] == [("Jakarta -", "dateline")]


def test_html_page_is_extracted(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><title>Situs | Judul Berita Uji</title>
    <meta property="og:title" content="Judul Berita Uji">
    <meta property="article:published_time" content="2024-05-02T10:00:00+07:00">
    <meta property="og:site_name" content="Situs Uji"></head><body>
    <nav><a href="/">Beranda</a><a href="/a">Politik</a></nav>
    <article><h1>Judul Berita Uji</h1>
    <p>MEDAN, SitusUji.com – Pemerintah Kota Medan menyiapkan anggaran Rp 2 miliar untuk
    perbaikan 14 jembatan yang rusak akibat banjir pekan lalu di berbagai kecamatan.</p>
    <p>“Kami mulai pekan depan,” kata Wali Kota Medan Budi Santoso kepada wartawan di kantornya.</p>
    <p>Dinas Pekerjaan Umum mencatat kerusakan terberat berada di tiga kecamatan di utara kota.</p>
    </article><footer>Hak cipta 2024 Situs Uji</footer></body></html>"""
    article = parse_bytes(html.encode(), source="uji.html")
    assert article.source.format == "html"
    assert article.title == "Judul Berita Uji"
    assert article.published == "2024-05-02"
    assert article.dateline is not None and article.dateline.place == "MEDAN"
    assert "Beranda" not in article.text and "Hak cipta" not in article.text
    assert "kata Wali Kota Medan Budi Santoso" in article.text


def test_id_is_stable_and_from_the_source() -> None:
    raw = "Judul Sama\nIsi."
    assert parse_text(raw).id == parse_text(raw).id
    assert parse_text(raw).id.startswith("judul-sama-")
    assert parse_text(raw).id != parse_text(raw + " Lain.").id
    by_url = parse_text(raw, url="https://contoh.id/a")
    assert by_url.id == parse_text(raw + " Diperbarui.", url="https://contoh.id/a").id


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "file is empty"),
        (b"\x00\x01\x02PK\x03\x04", "binary"),
        (b"Judul\n\xc3\x28 rusak", "not valid UTF-8 at byte 6"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 10, "binary"),
    ],
)
def test_decode_rejects_bad_input(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        decode(raw, source="bad.txt")
    assert str(info.value).startswith("bad.txt: ")


def test_decode_rejects_oversized_input() -> None:
    with pytest.raises(InputError, match="larger than"):
        decode(b"a" * (MAX_BYTES + 1), source="big.txt")


def test_decode_accepts_bom() -> None:
    assert decode("\ufeffJudul".encode()) == "Judul"


# --- properties ----------------------------------------------------------------------------

# Text with the characters scrapes really contain: letters, digits, punctuation, dashes,
# every kind of space and line break, zero-width characters, emoji and combining marks.
_alphabet = st.sampled_from(
    [
        *"aAbBkKzZ019 .,:;!?()-–—“”\"'/|©",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\u00a0",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u0301",
        "😀",
        "🇮🇩",
        "Baca Juga",
        "\nBaca Juga\n",
        "JAKARTA, KOMPAS.com - ",
        "Jakarta - ",
        "TINGGALKAN KOMENTAR",
        "\n- Advertisement -\n",
        "15 Januari 2024",
        "Lihat Juga :\n",
    ]
)
raw_texts = st.lists(_alphabet, max_size=80).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_texts | st.text(max_size=300))
def test_property_parser_never_crashes(raw: str) -> None:
    try:
        article = parse_text(raw)
    except InputError as e:
        assert not clean_characters(raw).strip() or "page furniture" in str(e)
        return
    assert article.text == article.text.strip()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_texts | st.text(max_size=300))
def test_property_paragraph_offsets_index_the_text(raw: str) -> None:
    try:
        article = parse_text(raw)
    except InputError:
        return
    pieces = [article.text[p.start : p.end] for p in article.paragraphs]
    assert "\n\n".join(pieces) == article.text
    assert article.title is None or pieces[0] == article.title
    assert all(piece and piece == piece.strip() and "\n" not in piece for piece in pieces)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_texts | st.text(max_size=300))
def test_property_parsing_canonical_text_is_a_fixed_point(raw: str) -> None:
    try:
        article = parse_text(raw)
    except InputError:
        return
    again = parse_text(article.text)
    assert again.text == article.text
    assert again.paragraphs == article.paragraphs
    assert again.removed == ()
