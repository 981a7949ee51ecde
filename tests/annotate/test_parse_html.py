"""HTML pages: title, lead, dateline, furniture and date, on small pages written for these tests.

The pages follow the templates Indonesian news sites commonly use (metadata in <head>, a
headline heading, a byline and date line, a photo with caption, the body in <p>s or in one
<div>/<span> split by <br><br>); every name and sentence in them is made up.
"""

from __future__ import annotations

import pytest

from annotate.parse import parse_bytes
from annotate.parse.html_dateline import markup_dateline
from annotate.parse.html_meta import strip_site_name
from corpus.errors import InputError
from corpus.records import Article

_BODY = """
<p>Kepala Dinas Sosial mengatakan petugas sudah menyalurkan makanan siap saji dan selimut
kepada para pengungsi di balai desa.</p>
<p>"Kami terus memantau ketinggian air di sungai," ujarnya kepada wartawan di lokasi.</p>
<p>Menurut dia, hujan diperkirakan masih turun hingga akhir pekan sehingga warga diminta
tetap waspada.</p>
"""


def _page(
    body: str, *, head: str = "", title: str = "Banjir Rendam Tiga Desa - Warta Kita"
) -> bytes:
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:site_name" content="Warta Kita">{head}</head><body>
<nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a> <a href="/daerah">Daerah</a></nav>
<div class="container">{body}</div>
<footer>Hak cipta 2024 Warta Kita. Seluruh hak dilindungi.</footer></body></html>""".encode()


def _parse(body: str, **kwargs: str) -> Article:
    return parse_bytes(_page(body, **kwargs), source="uji.html")


def _reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


# --- title ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Banjir Rendam Tiga Desa - Kabarkota.com", [], "Banjir Rendam Tiga Desa"),
        ("Kabarkota.com | Banjir Rendam Tiga Desa", [], "Banjir Rendam Tiga Desa"),
        ("Banjir Rendam Tiga Desa | kabarkota.com", [], "Banjir Rendam Tiga Desa"),
        ("Banjir Rendam Tiga Desa - Warta Kita", ["Warta Kita"], "Banjir Rendam Tiga Desa"),
        ("Banjir - Warta Kita: Berita Terkini", ["Warta Kita: Berita Terkini"], "Banjir"),
        ("Banjir Rendam Desa - Warta Kudus", ["kudus", "wartakudus"], "Banjir Rendam Desa"),
        ("Banjir | Warta Kita - Berita Terkini Kudus", ["Warta Kita"], "Banjir"),
        ("Warta Kita : Banjir Rendam Tiga Desa", ["Warta Kita"], "Banjir Rendam Tiga Desa"),
        ("Banjir Rendam Tiga Desa - ANTARA News", [], "Banjir Rendam Tiga Desa"),
        # A hyphen inside the headline is not a separator; a lone headline is kept whole.
        ("Tarif Tol Jakarta-Cikampek Naik", ["Warta Kita"], "Tarif Tol Jakarta-Cikampek Naik"),
        ("Warta Kita", ["Warta Kita"], "Warta Kita"),
    ],
)
def test_site_name_is_stripped_from_either_end(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


def test_title_is_the_heading_that_agrees_with_the_metadata() -> None:
    head = '<meta property="og:title" content="Banjir Rendam Tiga Desa | Warta Kita">'
    body = f"<h1>Banjir Rendam Tiga Desa</h1>{_BODY}"
    article = _parse(body, head=head, title="Warta Kita | Banjir Rendam Tiga Desa")
    assert article.title == "Banjir Rendam Tiga Desa"
    assert article.text.startswith("Banjir Rendam Tiga Desa\n\nKepala Dinas Sosial")
    assert "Warta Kita" not in article.text


def test_h2_headline_wins_over_a_channel_name_h1() -> None:
    body = f"""<h1 class="channel">Regional</h1><div class="read">
    <h2>Jembatan Gantung Putus, Warga Seberangi Sungai dengan Rakit</h2>{_BODY}</div>"""
    title = "Jembatan Gantung Putus, Warga Seberangi Sungai dengan Rakit - Warta Kita"
    article = _parse(body, title=title)
    assert article.title == "Jembatan Gantung Putus, Warga Seberangi Sungai dengan Rakit"


def test_heading_at_one_end_of_a_title_with_a_tagline() -> None:
    # The site name in <title> is not the one in og:site_name: the <h1> settles it.
    body = f"<h1>Banjir Rendam Tiga Desa</h1>{_BODY}"
    article = _parse(body, title="Banjir Rendam Tiga Desa | Kabar Pantura, Berita Terkini")
    assert article.title == "Banjir Rendam Tiga Desa"


def test_heading_wins_over_a_reworded_og_title() -> None:
    head = '<meta property="og:title" content="Banjir Kudus: Tiga Desa Terendam Sejak Minggu">'
    body = f"<h1>Banjir Rendam Tiga Desa di Kudus Sejak Minggu</h1>{_BODY}"
    article = _parse(body, head=head, title="Banjir Kudus: Tiga Desa Terendam Sejak Minggu")
    assert article.title == "Banjir Rendam Tiga Desa di Kudus Sejak Minggu"


def test_site_logo_heading_is_no_headline() -> None:
    body = f"<h1>Warta Kita</h1><div><h2>Berita Populer Pekan Ini</h2>{_BODY}</div>"
    assert _parse(body).title == "Banjir Rendam Tiga Desa"


def test_kicker_above_the_headline_is_removed() -> None:
    body = f"<article><p>Banjir Kudus</p><h1>Banjir Rendam Tiga Desa</h1>{_BODY}</article>"
    article = _parse(body)
    assert _reasons(article)["Banjir Kudus"] == "kicker"
    assert article.text.split("\n\n")[1].startswith("Kepala Dinas Sosial")


def test_headline_repeated_in_the_body_is_removed() -> None:
    body = f"<article><h1>Banjir Rendam Tiga Desa</h1>{_BODY}</article>"
    article = _parse(body)
    assert article.text.count("Banjir Rendam Tiga Desa") == 1
    assert article.text.split("\n\n")[1].startswith("Kepala Dinas Sosial")


# --- the lead and the dateline ---------------------------------------------------------------


def test_lead_before_the_first_paragraph_is_recovered() -> None:
    body = f"""<h1>Banjir Rendam Tiga Desa</h1>
    <div class="byline">Oleh Rina Susanti | Senin, 6 Mei 2024 10:15 WIB</div>
    <div class="detail-text"><strong>KUDUS, WartaKita.com</strong> - Banjir merendam tiga desa
    di Kecamatan Jati sejak Minggu malam setelah hujan deras mengguyur wilayah itu.<br><br>Air
    setinggi lutut orang dewasa masuk ke rumah warga dan memaksa sebagian mengungsi.{_BODY}</div>"""
    article = _parse(body)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1].startswith("Banjir merendam tiga desa")
    assert paragraphs[2].startswith("Air setinggi lutut")
    assert paragraphs[3].startswith("Kepala Dinas Sosial")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.outlet) == ("KUDUS", "WartaKita.com")
    assert _reasons(article)["Oleh Rina Susanti | Senin, 6 Mei 2024 10:15 WIB"] == "byline"


def test_teaser_cut_with_an_ellipsis_above_the_body_is_not_taken_as_the_lead() -> None:
    teaser = "Banjir merendam tiga desa di Kecamatan Jati sejak Minggu malam, warga mulai..."
    body = f"""<h1>Banjir Rendam Tiga Desa</h1><div class="intro">{teaser}</div>
    <div class="content">{_BODY}</div>"""
    article = _parse(body)
    assert _reasons(article)[teaser] == "before-body"
    assert article.text.split("\n\n")[1].startswith("Kepala Dinas Sosial")


def test_body_in_one_span_split_by_line_breaks() -> None:
    body = """<h2>Harga Cabai Rawit Naik Dua Kali Lipat</h2>
    <div class="grey">Selasa, 7 Mei 2024 | 08:00 WIB</div>
    <div class="text"><span class="isi"><br><strong>MEDAN, WartaKita.com</strong> - Harga cabai
    rawit di pasar tradisional naik dua kali lipat dalam sepekan terakhir.<br><br>Pedagang
    menyebut pasokan dari sentra produksi berkurang karena hujan terus turun.<br><br>"Pembeli
    sekarang hanya membeli seperempat kilogram," kata seorang pedagang, Sri Wahyuni.<br><br>Dinas
    Perdagangan berjanji menggelar operasi pasar mulai pekan depan.</span></div>"""
    article = _parse(body, title="Harga Cabai Rawit Naik Dua Kali Lipat - Warta Kita")
    assert article.dateline is not None and article.dateline.place == "MEDAN"
    assert article.text.split("\n\n")[1].startswith("Harga cabai rawit di pasar")
    assert "Dinas Perdagangan berjanji" in article.text
    assert "Selasa, 7 Mei 2024" not in article.text


def test_lead_in_a_div_with_a_bold_place_and_a_dash() -> None:
    body = f"""<article><h1>Banjir Rendam Tiga Desa</h1>
    <div class="detail__author">Rina Susanti - WartaKita</div>
    <div class="detail__date">Senin, 06 Mei 2024 10:15 WIB</div>
    <div class="detail__body-text"><strong>Kudus</strong> - Banjir merendam tiga desa di
    Kecamatan Jati sejak Minggu malam setelah hujan deras mengguyur wilayah itu.<br><br>
    {_BODY}</div></article>"""
    article = _parse(body)
    assert article.dateline is not None and article.dateline.place == "Kudus"
    assert article.text.split("\n\n")[1].startswith("Banjir merendam tiga desa")
    assert article.published == "2024-05-06"  # from the date line: the page has no metadata
    assert _reasons(article)["Senin, 06 Mei 2024 10:15 WIB"] == "date-line"


def test_lead_in_a_div_with_a_bold_dateline_and_no_dash() -> None:
    body = f"""<h1>Banjir Rendam Tiga Desa</h1><div class="content">
    <b>WartaKita.com, Kudus</b> Banjir merendam tiga desa di Kecamatan Jati sejak Minggu
    malam setelah hujan deras mengguyur wilayah itu.{_BODY}</div>"""
    article = _parse(body)
    assert article.dateline is not None and article.dateline.text == "WartaKita.com, Kudus"
    assert article.text.split("\n\n")[1].startswith("Banjir merendam tiga desa")


def test_visible_summary_above_the_body_is_removed() -> None:
    summary = "Pemerintah kabupaten membuka dapur umum untuk para pengungsi banjir di balai desa."
    body = f"""<h1>Banjir Rendam Tiga Desa</h1><div class="excerpt">{summary}</div>
    <div class="content"><p><b>WARTAKITA.COM, KUDUS</b> - Banjir merendam tiga desa di
    Kecamatan Jati sejak Minggu malam.</p>{_BODY}</div>"""
    article = _parse(body)
    assert _reasons(article)[summary] == "summary"
    assert "dapur umum" not in article.text


def test_bold_dateline_without_a_dash_is_recognised() -> None:
    body = f"""<h1>Banjir Rendam Tiga Desa</h1>
    <p><b>WartaKita.com, Kudus</b> Banjir merendam tiga desa di Kecamatan Jati sejak Minggu
    malam setelah hujan deras mengguyur wilayah itu.</p>{_BODY}"""
    article = _parse(body)
    assert article.dateline is not None
    assert (article.dateline.outlet, article.dateline.place) == ("WartaKita.com", "Kudus")
    assert article.text.split("\n\n")[1].startswith("Banjir merendam tiga desa")


def test_dateline_paragraph_is_joined_and_the_caption_above_it_removed() -> None:
    body = f"""<h1>Banjir Rendam Tiga Desa</h1><div class="entry-content">
    <p><em>Warga mengungsi ke balai desa, Minggu (5/5).</em></p>
    <p><strong>Kudus, (WartaKita.com)-</strong></p>
    <p>Banjir merendam tiga desa di Kecamatan Jati sejak Minggu malam setelah hujan deras
    mengguyur wilayah itu.</p>{_BODY}</div>"""
    article = _parse(body)
    assert article.dateline is not None and article.dateline.text == "Kudus, (WartaKita.com)-"
    assert article.dateline.place == "Kudus" and article.dateline.outlet == "WartaKita.com"
    assert article.text.split("\n\n")[1].startswith("Banjir merendam tiga desa")
    assert _reasons(article)["Warga mengungsi ke balai desa, Minggu (5/5)."] == "caption"


@pytest.mark.parametrize(
    ("lead", "rest", "outlet", "place"),
    [
        ("WartaKita.com, Kudus", "Banjir merendam", "WartaKita.com", "Kudus"),
        ("KUDUS", "- Banjir merendam", None, "KUDUS"),
        ("Kudus –", "Banjir merendam", None, "Kudus"),
    ],
)
def test_markup_dateline(lead: str, rest: str, outlet: str | None, place: str) -> None:
    dateline = markup_dateline(lead, rest)
    assert dateline is not None and (dateline.outlet, dateline.place) == (outlet, place)


@pytest.mark.parametrize(
    ("lead", "rest"),
    [
        ("Presiden Joko Santoso", "mengatakan pemerintah siap"),  # a bold name, not a dateline
        ("Kudus", "Banjir merendam"),  # a plain word with neither dash, outlet nor capitals
        ("WartaKita.com, Kudus", "banjir merendam"),  # the rest does not start a sentence
    ],
)
def test_markup_dateline_refuses_what_is_not_one(lead: str, rest: str) -> None:
    assert markup_dateline(lead, rest) is None


# --- furniture -------------------------------------------------------------------------------


def test_hidden_summary_and_captions_go_to_removed() -> None:
    summary = (
        "Warga tiga desa di Kudus mengungsi setelah banjir setinggi lutut merendam rumah mereka "
        "sejak Minggu malam."
    )
    body = f"""<h1>Banjir Rendam Tiga Desa</h1><h4 class="hide">{summary}</h4>
    <figure><img src="/a.jpg" alt=""><figcaption>Banjir di Desa Jati, Minggu (5/5).
    (WartaKita/Rina)</figcaption></figure>
    <div class="txt-article"><p><strong>KUDUS, WartaKita.com</strong> - Banjir merendam tiga desa
    di Kecamatan Jati sejak Minggu malam.</p>{_BODY}</div>"""
    article = _parse(body)
    reasons = _reasons(article)
    assert reasons[summary] == "hidden"
    assert reasons["Banjir di Desa Jati, Minggu (5/5). (WartaKita/Rina)"] == "caption"
    assert "mengungsi setelah banjir" not in article.text
    assert "WartaKita/Rina" not in article.text
    assert article.dateline is not None and article.dateline.outlet == "WartaKita.com"


def test_in_body_link_box_pagination_and_ad_placeholder_are_removed() -> None:
    body = """<h1>Banjir Rendam Tiga Desa</h1><div class="article-body">
    <p>KUDUS, WartaKita.com - Banjir merendam tiga desa di Kecamatan Jati sejak Minggu malam
    setelah hujan deras mengguyur wilayah itu selama enam jam.</p>
    <div class="baca-juga"><span>Baca Juga</span><a href="/x">Jalan Pantura Tergenang
    Setinggi Setengah Meter</a></div>
    <p>Air setinggi lutut orang dewasa masuk ke rumah warga dan memaksa sebagian dari mereka
    mengungsi ke balai desa terdekat.</p>
    <div class="ads-inline"><p>Loading...</p></div>
    <p>2 dari 3 halaman</p>
    <p>Kepala Dinas Sosial mengatakan petugas sudah menyalurkan makanan siap saji dan selimut
    kepada para pengungsi di balai desa.</p>
    <p>Menurut dia, hujan diperkirakan masih turun hingga akhir pekan sehingga warga diminta
    tetap waspada.</p></div>"""
    article = _parse(body)
    assert "Jalan Pantura" not in article.text
    assert "Loading" not in article.text
    assert "halaman" not in article.text
    assert "Kepala Dinas Sosial" in article.text and "tetap waspada" in article.text
    reasons = _reasons(article)
    assert reasons["2 dari 3 halaman"] == "pagination"


# --- publication date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body_extra", "expected"),
    [
        # The date as written, even when the offset is wrong for a WIB time.
        (
            '<meta property="article:published_time" content="2024-05-06T22:38:29-07:00">',
            "",
            "2024-05-06",
        ),
        ('<meta itemprop="datePublished" content="2024-05-07">', "", "2024-05-07"),
        ("", '<time datetime="2024-05-08T09:00:00+07:00">8 Mei 2024</time>', "2024-05-08"),
        (
            "",
            '<abbr class="published" title="2024-05-09T10:10:00+07:00">9 Mei</abbr>',
            "2024-05-09",
        ),
        # A date line above the body is better evidence than a <time> elsewhere on the page.
        (
            "",
            '<div class="date">Kamis, 9 Mei 2024 10:10 WIB</div>'
            '<aside><time datetime="2024-05-01">1 Mei</time></aside>',
            "2024-05-09",
        ),
    ],
)
def test_published_from_metadata(head: str, body_extra: str, expected: str) -> None:
    body = f"<h1>Banjir Rendam Tiga Desa</h1>{body_extra}{_BODY}"
    assert _parse(body, head=head).published == expected


def test_copyright_year_is_no_publication_date() -> None:
    # No date metadata and no date line: the footer's year must not become 1 January.
    assert _parse(f"<h1>Banjir Rendam Tiga Desa</h1>{_BODY}").published is None


def test_page_without_article_text_is_an_error() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Kosong</title></head>"
        b"<body><nav>Beranda</nav></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        parse_bytes(page, source="kosong.html")
