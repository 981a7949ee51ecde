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
    explain_text,
    parse_bytes,
    parse_text,
    publication_date,
    split_dateline,
)
from corpus.errors import InputError
from corpus.records import Removal
from corpus.validate import problems


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
        ("MEDAN (Harian Sumut): Dinas", "Harian Sumut", "MEDAN", "Dinas"),
        ("beritakota.id,Bandung: Wali", "beritakota.id", "Bandung", "Wali"),
        ("Kabarsumbar.com, PADANG--Gubernur", "Kabarsumbar.com", "PADANG", "Gubernur"),
        ("Garut, Jabar, 12/3 (Antara) - Banjir", "Antara", "Garut", "Banjir"),
        ("Beritaku.com Kupang - Polisi", "Beritaku.com", "Kupang", "Polisi"),
        ("SEMARANG, WartaJateng – Hujan", "WartaJateng", "SEMARANG", "Hujan"),
        ("KUPANG-Warga", None, "KUPANG", "Warga"),
        ("Tempo.co, Jakarta Polisi", "Tempo.co", "Jakarta", "Polisi"),
        ("Medan -", None, "Medan", ""),
        ("MAKASSAR.", None, "MAKASSAR", ""),
        ("Denpasar, (Kabarbali.com)- Pemerintah", "Kabarbali.com", "Denpasar", "Pemerintah"),
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
        "Menurut Budi, Presiden: kami siap",
        "UPDATE: Polisi menangkap dua orang",
        "Kassym-Jomart Tokayev berbicara",
        "BREAKING NEWS",
        "Budi (45) - Warga Depok itu ditangkap",
        "KPK-Polri sepakat memperkuat kerja sama",
        "BPS.",
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
        ("Oleh: Rina Kartika", "byline"),
        ("Rina Kartika", "byline"),
        ("Budi Santoso - Kabarkota.com", "byline"),
        ("(abd)", "byline"),
        ("Laporan wartawan Harian Kota, Budi Santoso", "byline"),
        ("Editor | : | Budi Santoso |", "byline"),
        ("Artikel ini ditulis oleh:", "byline"),
        ("Sumber : Harian Kota", "caption"),
        ("Foto: Dok. BPBD Garut", "caption"),
        ("IST/Harian Kota", "caption"),
        ("Gabung di channel WhatsApp kami", "share-follow"),
        ("Cek berita lainnya di Google News", "share-follow"),
        ("copy-link-circle", "widget"),
        ("\u00d7", "widget"),  # a close button
        ("***", "widget"),
        ("Halaman:", "widget"),
        ("Tulis Komentar", "comment-form"),
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
        "Oleh karena itu, warga diminta tetap waspada.",
        "Wartawan menanyakan hal itu kepada presiden",
        "Video itu ditonton lebih dari dua juta kali di TikTok.",
        "Viral di TikTok, Kedai Kopi Rumahan Raup Omzet Besar",
        "Harga Cabai Naik Tajam Lagi - Kabarkota.com",
        "Kota Bandung",
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
        ("Senin, 01 Sep 2025 11:51 WIB", "2025-09-01"),
        ("21/08/2018, 13:45 WIB", "2018-08-21"),
        ("- 12 Februari 2023, 16:03 WIB", "2023-02-12"),
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


# --- text scrapes: title, body start, furniture ----------------------------------------

# A page as a scraper copies it: menu, section label, headline, byline, date stamp, share
# prompt, caption, dateline, body with a link, a related headline and a sign-off, then tags.
SCRAPE = """Beranda
Nasional
Ekonomi
Banjir Bandang
Banjir Bandang Terjang Tiga Desa, Ratusan Warga Mengungsi ke Balai Desa
Oleh: Rina Kartika
Senin, 01 Sep 2025 11:51 WIB
Bagikan:
Petugas mengevakuasi warga dari rumahnya yang terendam. (Foto: Dok. BPBD)
GARUT, Warta Priangan - Banjir bandang menerjang tiga desa di Kecamatan Cisompet, Minggu malam.
Kepala Pelaksana BPBD Kabupaten Garut mengatakan sebanyak 312 warga mengungsi ke balai desa.
Baca juga: Cuaca Ekstrem, Warga Diminta Waspada Longsor
"Air datang tiba-tiba. Kami langsung mengarahkan warga ke tempat yang tinggi," kata dia.
Gubernur Tinjau Lokasi Pengungsian Korban Gempa di Cianjur
Menurut dia, tidak ada korban jiwa. Namun, sedikitnya 40 rumah rusak berat. (rka/tir)
Tag
banjir
Garut
"""


def test_scrape_title_dateline_and_body() -> None:
    article = parse_text(SCRAPE)
    assert (
        article.title == "Banjir Bandang Terjang Tiga Desa, Ratusan Warga Mengungsi ke Balai Desa"
    )
    assert article.dateline is not None
    assert (article.dateline.outlet, article.dateline.place) == ("Warta Priangan", "GARUT")
    assert article.published == "2025-09-01"
    body = article.text.split("\n\n")[1:]
    assert body[0].startswith("Banjir bandang menerjang")
    assert body[-1] == "Menurut dia, tidak ada korban jiwa. Namun, sedikitnya 40 rumah rusak berat."
    assert len(body) == 4
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Beranda"] == "menu"
    assert reasons["Oleh: Rina Kartika"] == "byline"
    assert reasons["Senin, 01 Sep 2025 11:51 WIB"] == "date-line"
    assert reasons["Petugas mengevakuasi warga dari rumahnya yang terendam. (Foto: Dok. BPBD)"] == (
        "caption"
    )
    assert reasons["Gubernur Tinjau Lokasi Pengungsian Korban Gempa di Cianjur"] == "headline"
    assert reasons["(rka/tir)"] == "byline"
    assert reasons["banjir"] == reasons["Garut"] == "widget"


def test_page_starting_with_the_dateline_has_no_title() -> None:
    raw = (
        "Surabaya (Jatim Kini) - Dinas Kesehatan mencatat 1.250 kasus demam berdarah tahun ini.\n"
        "Kepala Dinas Kesehatan mengatakan jumlah itu naik dibandingkan tahun lalu.\n"
    )
    article = parse_text(raw)
    assert article.title is None
    assert article.text.startswith("Dinas Kesehatan mencatat")
    assert article.paragraphs[0].start == 0
    assert article.id.startswith("dinas-kesehatan-mencatat-")


def test_page_starting_mid_article_has_no_title() -> None:
    raw = (
        "Diketahui, kedua pelaku ditangkap di rumah kontrakan mereka pada Senin malam.\n"
        "Polisi masih memburu satu pelaku lain yang melarikan diri.\n"
    )
    assert parse_text(raw).title is None


def test_caption_above_the_dateline_is_not_a_title() -> None:
    raw = (
        "Warga menunggu bantuan di posko pengungsian. Mereka mengungsi sejak Senin malam.\n"
        "PALU, Kabar Sulteng - Sebanyak 200 warga masih mengungsi akibat banjir.\n"
    )
    article = parse_text(raw)
    assert article.title is None
    assert article.removed[0].reason == "before-body"


def test_dateline_of_a_teaser_below_the_lead_does_not_start_the_body() -> None:
    raw = (
        "Harga Beras Turun di Pasar Tradisional\n"
        "Harga beras medium di pasar tradisional turun menjadi Rp12.000 per kilogram.\n"
        "Pedagang menyebut pasokan dari daerah sentra produksi sudah kembali normal.\n"
        "Baca juga\n"
        "JAKARTA, Kabar Pangan - Pemerintah menyiapkan impor gula untuk menjaga harga.\n"
    )
    article = parse_text(raw)
    assert article.title == "Harga Beras Turun di Pasar Tradisional"
    assert article.dateline is None
    assert article.text.split("\n\n")[1].startswith("Harga beras medium")


def test_title_printed_twice_wins_over_a_standfirst_and_a_section_label() -> None:
    raw = (
        "Hukum\n"
        "KPK Periksa Lima Saksi Kasus Dana Desa\n"
        "Lima saksi diperiksa penyidik terkait dugaan korupsi dana desa di Kabupaten Bekasi\n"
        "KPK Periksa Lima Saksi Kasus Dana Desa\n"
        "21/08/2018, 13:45 WIB\n"
        "JAKARTA, suaraindo.id -- Komisi Pemberantasan Korupsi memeriksa lima saksi hari ini.\n"
    )
    article = parse_text(raw)
    assert article.title == "KPK Periksa Lima Saksi Kasus Dana Desa"
    assert article.published == "2018-08-21"
    assert [r.reason for r in article.removed] == ["menu", "before-body", "repeat", "date-line"]


def test_repeated_widget_letters_are_not_a_title() -> None:
    raw = (
        "A\nA\nA\nKamis, 13 Juni 2024 - 10:15 WIB\n"
        "Kejaksaan Periksa Tiga Saksi Kasus Timah\nRina Kartika\n"
        "JAKARTA - Kejaksaan memeriksa tiga saksi dalam kasus dugaan korupsi timah.\n"
    )
    article = parse_text(raw)
    assert article.title == "Kejaksaan Periksa Tiga Saksi Kasus Timah"
    assert article.published == "2024-06-13"
    assert [r.reason for r in article.removed][-1] == "byline"


def test_title_agrees_with_the_url_slug() -> None:
    raw = (
        "Harga Cabai Rawit Naik Tajam\n"
        "Pasar Induk Ramai Pembeli Jelang Lebaran\n"
        "Harga cabai rawit di pasar tradisional naik menjadi Rp90 ribu per kilogram.\n"
    )
    url = "https://contoh.id/ekonomi/2024/03/01/harga-cabai-rawit-naik-tajam"
    assert parse_text(raw).title == "Pasar Induk Ramai Pembeli Jelang Lebaran"
    assert parse_text(raw, url=url).title == "Harga Cabai Rawit Naik Tajam"


def test_dateline_alone_on_its_line() -> None:
    article = parse_text(
        "Harga Cabai Rawit Naik Tajam\nMedan -\nHarga cabai rawit di pasar naik lagi.\n"
    )
    assert article.title == "Harga Cabai Rawit Naik Tajam"
    assert article.dateline is not None and article.dateline.place == "Medan"
    assert article.text == "Harga Cabai Rawit Naik Tajam\n\nHarga cabai rawit di pasar naik lagi."


def test_teaser_list_between_bullets_is_dropped() -> None:
    raw = (
        "Jakarta - Gempa mengguncang Kabupaten Garut pada Senin pagi.\n"
        "-\n"
        "Apa penyebab gempa Garut? Gempa dipicu aktivitas sesar di selatan Jawa.\n"
        "-\n"
        "Di mana pusat gempa? Pusat gempa berada di laut pada kedalaman 10 km.\n"
        "Warga sempat keluar rumah, tetapi tidak ada kerusakan berarti.\n"
    )
    article = parse_text(raw)
    assert article.text == (
        "Gempa mengguncang Kabupaten Garut pada Senin pagi.\n\n"
        "Warga sempat keluar rumah, tetapi tidak ada kerusakan berarti."
    )
    assert [r.reason for r in article.removed] == ["widget", "teaser", "widget", "teaser"]


def test_subheadings_and_numbered_lists_stay_but_widget_runs_go() -> None:
    raw = (
        "Jakarta - Pemerintah menutup sejumlah ruas jalan selama akhir pekan.\n"
        "Ruas yang ditutup\n"
        "1. Jalan Merdeka Barat\n"
        "2. Jalan Thamrin\n"
        "Penutupan berlaku mulai pukul 18.00 WIB. ***\n"
        "Share\n"
        "Editor Pilihan\n"
        "Topik\n"
        "Follow Us\n"
    )
    article = parse_text(raw)
    assert article.text.split("\n\n") == [
        "Pemerintah menutup sejumlah ruas jalan selama akhir pekan.",
        "Ruas yang ditutup",
        "1. Jalan Merdeka Barat",
        "2. Jalan Thamrin",
        "Penutupan berlaku mulai pukul 18.00 WIB.",
    ]
    assert {r.text for r in article.removed} == {
        "***",
        "Share",
        "Editor Pilihan",
        "Topik",
        "Follow Us",
    }


def test_truncated_teasers_with_datelines_are_dropped() -> None:
    raw = (
        "Jakarta - Bank sentral menahan suku bunga acuan pada rapat bulan ini.\n"
        "Keputusan itu sesuai perkiraan para ekonom.\n"
        "Berita Lain Hari Ini Seputar Pasar\n"
        "Kabarpasar.id - Indeks harga saham dibuka menguat pada perdagangan...\n"
    )
    article = parse_text(raw)
    assert article.text.endswith("Keputusan itu sesuai perkiraan para ekonom.")
    assert [r.reason for r in article.removed] == ["headline", "teaser"]


def test_body_line_starting_with_acronyms_and_a_dash_is_kept() -> None:
    raw = (
        "Jakarta - Dua lembaga penegak hukum menandatangani nota kesepahaman pada Senin.\n"
        "KPK - Polri sepakat memperkuat kerja sama dalam penanganan perkara korupsi.\n"
    )
    assert parse_text(raw).removed == ()


def test_wrapped_line_after_an_unfinished_sentence_is_kept() -> None:
    raw = (
        "Jakarta - Pemerintah menggelar rapat terbatas soal harga pangan pada Senin.\n"
        "Rapat itu dihadiri para menteri, termasuk Menteri Keuangan dan\n"
        "Menteri Perdagangan Republik Indonesia Bersama Gubernur Bank Indonesia\n"
        "yang membahas harga pangan menjelang Lebaran.\n"
    )
    assert parse_text(raw).removed == ()


def test_comments_tags_and_pagination_end_the_body() -> None:
    raw = (
        "Jakarta - Pemerintah menaikkan harga gas elpiji nonsubsidi mulai pekan depan.\n"
        "Halaman 1 dari 2\n"
        "Selanjutnya\n"
        "Tag: elpiji, harga gas\n"
        "3 Komentar\n"
        "Saya tidak setuju dengan kenaikan ini karena memberatkan warga.\n"
    )
    article = parse_text(raw)
    assert article.text == "Pemerintah menaikkan harga gas elpiji nonsubsidi mulai pekan depan."
    assert [r.reason for r in article.removed] == ["widget"] * 3 + ["comment-form"] * 2


def test_article_without_title_is_schema_valid() -> None:
    from corpus.validate import problems

    article = parse_text("Medan - Harga cabai rawit di pasar tradisional naik lagi pekan ini.")
    assert article.title is None
    assert problems(article.to_dict(), "article") == []


def test_only_furniture_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="every line is page furniture"):
        parse_text("Baca Juga\nBagikan artikel ini\n- Advertisement -\n")


def test_explain_text_gives_each_line_its_verdict() -> None:
    verdicts, about = explain_text(SCRAPE)
    assert about == "title: line 5"
    by_text = {v.text: v for v in verdicts}
    assert by_text["Beranda"].verdict == "dropped" and by_text["Beranda"].notes == ("menu",)
    first = by_text[SCRAPE.splitlines()[9]]
    assert first.verdict == "kept"
    assert first.notes == ("dateline: 'GARUT, Warta Priangan -'",)
    signed = next(v for v in verdicts if v.text.endswith("(rka/tir)"))
    assert signed.verdict == "kept" and signed.notes == ("byline: '(rka/tir)'",)
    assert verdicts[-1].verdict == "blank"
    assert [v.number for v in verdicts] == list(range(1, len(verdicts) + 1))


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


def test_html_caption_above_the_dateline_is_removed() -> None:
    html = """<!DOCTYPE html><html><head><title>Jembatan Baru Dibuka</title>
    <meta property="og:title" content="Jembatan Baru Dibuka"></head><body><article>
    <h1>Jembatan Baru Dibuka</h1>
    <p>Wali Kota meninjau jembatan baru di Kecamatan Medan Timur. Foto: Dok. Humas Pemkot</p>
    <p>MEDAN, SitusUji.com – Pemerintah Kota Medan membuka jembatan baru yang menghubungkan
    dua kecamatan di utara kota setelah dibangun selama delapan bulan.</p>
    <p>“Jembatan ini memangkas waktu tempuh warga hingga setengah jam,” kata Wali Kota.</p>
    <p>Dinas Pekerjaan Umum mencatat biaya pembangunan mencapai Rp 12 miliar dari anggaran kota.</p>
    </article></body></html>"""
    article = parse_bytes(html.encode(), source="uji.html")
    assert article.dateline is not None and article.dateline.outlet == "SitusUji.com"
    assert article.text.split("\n\n")[1].startswith("Pemerintah Kota Medan membuka")
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Jembatan Baru Dibuka"] == "headline"  # the <h1> copy of the title
    assert [r for t, r in reasons.items() if t.startswith("Wali Kota meninjau")] == ["caption"]


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


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded_and_parses_as_its_utf8(encoding: str) -> None:
    # Notepad's "Unicode" saves as UTF-16 LE with a BOM; its NUL bytes once read as "binary".
    text = "Harga Cabai Naik\n\nBANDUNG - Harga cabai rawit di Pasar Kosambi naik 20 persen."
    raw = "\ufeff".encode(encoding) + text.encode(encoding)
    assert decode(raw, source="unicode.txt") == text
    assert parse_bytes(raw, source="unicode.txt").text == parse_text(text).text


def test_utf16_that_does_not_decode_is_refused_with_its_byte() -> None:
    raw = "\ufeffJudul".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(InputError, match="not valid UTF-16 at byte 12"):
        decode(raw, source="rusak.txt")


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"%PDF-1.7\nBerita hari ini tentang banjir di Bekasi.\n", "a PDF document"),
        (b"PK\x03\x04word/document.xml", "a ZIP archive"),
        (b"{\\rtf1\\ansi Berita hari ini}", "an RTF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    ],
)
def test_known_non_text_formats_are_refused_by_name(raw: bytes, what: str) -> None:
    with pytest.raises(InputError, match=f"^berita: file is {what}"):
        decode(raw, source="berita")


def test_zero_width_joiner_is_removed_inside_a_name_and_kept_inside_emoji() -> None:
    family, burning_heart = "👨\u200d👩\u200d👧", "❤️\u200d🔥"
    waving = "👋🏽\u200d"  # a joiner after a skin tone with nothing to join: removed
    raw = f"Ru\u200dsdi dan Si\u200dti {family} pergi {burning_heart} ke pasar {waving}."
    assert clean_characters(raw) == f"Rusdi dan Siti {family} pergi {burning_heart} ke pasar 👋🏽."


@pytest.mark.parametrize(
    "sequence",
    ["🏃\u200d♀️", "👁️\u200d🗨️", "👨🏻\u200d💻", "🧑\u200d🤝\u200d🧑", "🐻\u200d❄️"],
)
def test_emoji_zwj_sequences_are_kept_whole(sequence: str) -> None:
    assert clean_characters(f"Warga {sequence} bersorak") == f"Warga {sequence} bersorak"


def test_bidi_controls_are_removed() -> None:
    # U+202E shows "harga" as "agrah"; isolates and marks are as invisible.
    raw = "Kata \u202eharga\u202c naik, \u2067Dewi\u2069 dan \u200fAgus\u200e \u061cpulang."
    article = parse_text(f"Judul Berita\n\nJAKARTA - {raw}")
    assert article.text == "Judul Berita\n\nKata harga naik, Dewi dan Agus pulang."
    # Noted first in `removed`, by code point: the record itself shows no reordered text.
    assert article.removed[0] == Removal(
        "U+202E U+202C U+2067 U+2069 U+200F U+200E U+061C", "bidi-control"
    )
    assert problems(article.to_dict(), "article") == []


def test_bidi_controls_in_an_html_page_are_noted_too() -> None:
    page = (
        "<html><head><title>Harga Cabai Naik Lagi</title></head><body><article>"
        "<h1>Harga Cabai Naik Lagi</h1>"
        "<p>Harga cabai di pasar induk naik \u202etajam\u202c pekan ini, kata para pedagang "
        "yang ditemui pada Senin pagi.</p>"
        "<p>Pedagang berharap pasokan dari daerah penghasil kembali lancar dalam waktu dekat "
        "agar harga turun.</p></article></body></html>"
    )
    article = parse_bytes(page.encode("utf-8"))
    assert "\u202e" not in article.text and "tajam" in article.text
    assert article.removed[0] == Removal("U+202E U+202C", "bidi-control")


def test_text_without_bidi_controls_notes_none() -> None:
    article = parse_text("Judul Berita\n\nHarga beras turun pekan ini di pasar induk.")
    assert all(r.reason != "bidi-control" for r in article.removed)


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
        "\u202e",
        "\u2066",
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
