"""HTML pages of invented outlets for the synthetic crawl (scripts/crawl_synth.py).

Each outlet has its own URL layout, dateline form, menus, byline, in-body "Baca juga" box,
tags, share bar, related and most-read lists and footer, so that the same story under two
outlets differs in everything but its text, as syndicated copies do. Non-articles (index and
tag pages, 404, login and video pages) use the same furniture.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from html import escape

from crawl_text import DAYS, person

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip


@dataclass(frozen=True)
class Outlet:
    host: str
    name: str
    url: str  # format: {section} {y} {m} {d} {slug} {n}; {n} (the page number) keeps it unique
    dateline: str  # format: {PLACE} {Place}
    menu: tuple[str, ...]
    body_class: str
    related_label: str


OUTLETS = [
    Outlet("www.kabarnusa.id", "KabarNusa.id", "/{section}/{y}/{m}/{d}/{n}/{slug}",
           "{PLACE}, KabarNusa.id - ", ("Beranda", "Nasional", "Daerah", "Ekonomi", "Hukum"),
           "article-content", "Berita Terkait"),
    Outlet("wartaharian.com", "Warta Harian", "/read/{n}/{slug}",
           "{Place} (Warta Harian) - ", ("Home", "Politik", "Bisnis", "Megapolitan", "Sport"),
           "detail__body", "Baca Lainnya"),
    Outlet("www.suaratimur.co.id", "SuaraTimur.co.id", "/berita/{slug}-{n}",
           "SuaraTimur.co.id, {Place} -- ", ("Beranda", "Sulawesi", "Maluku", "Papua", "Opini"),
           "entry-content", "Artikel Terkait"),
    Outlet("lensaekonomi.id", "Lensa Ekonomi", "/{section}/{slug}/{n}",
           "{PLACE} - ", ("Makro", "Pasar", "Energi", "Properti", "Fintech"),
           "post-body", "Rekomendasi"),
    Outlet("www.pospagi.net", "Pos Pagi", "/{y}{m}{d}/{slug}-{n}",
           "{Place}, Pos Pagi - ", ("Berita", "Kota", "Kriminal", "Gaya Hidup", "Video"),
           "story", "Pilihan Redaksi"),
    Outlet("beritakita.co", "BeritaKita", "/news/{y}/{m}/{slug}-{n}.html",
           "{PLACE} (BeritaKita): ", ("Terkini", "Nasional", "Dunia", "Tekno", "Otomotif"),
           "content-text", "Terpopuler"),
]  # fmt: skip
SECTIONS = ["nasional", "daerah", "ekonomi", "hukum", "politik", "kesehatan"]


def slugify(title: str) -> str:
    words = "".join(c.lower() if c.isalnum() else " " for c in title).split()
    return "-".join(words[:10])


def page_url(outlet: Outlet, title: str, published: date, n: int) -> str:
    path = outlet.url.format(
        section=SECTIONS[n % len(SECTIONS)],
        y=published.year,
        m=f"{published.month:02d}",
        d=f"{published.day:02d}",
        slug=slugify(title),
        n=100000 + n,
    )
    return f"https://{outlet.host}{path}"


def long_date(day: date, rng: random.Random) -> str:
    weekday = DAYS[day.weekday()]
    return f"{weekday}, {day.day} {MONTHS[day.month - 1]} {day.year} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} WIB"  # noqa: E501


def _links(titles: list[str], outlet: Outlet) -> str:
    return "".join(
        f'<li><a href="https://{outlet.host}/r/{slugify(t)}">{escape(t)}</a></li>' for t in titles
    )


def _frame(outlet: Outlet, title: str, main: str, extra_head: str, others: list[str]) -> str:
    """The outlet's page around `main`: head, menu, most-read list and footer."""
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in outlet.menu)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{escape(title)} - {escape(outlet.name)}</title>
<meta property="og:site_name" content="{escape(outlet.name)}">{extra_head}
<script src="/assets/site.js" defer></script>
</head><body>
<header><a class="logo" href="/">{escape(outlet.name)}</a>
<nav class="menu"><ul>{menu}</ul></nav>
<form action="/cari"><input name="q" placeholder="Cari berita"><button>Cari</button></form>
</header>
<main>{main}</main>
<aside class="sidebar"><h3>Terpopuler</h3><ol>{_links(others[:5], outlet)}</ol>
<div class="ad">Advertisement</div></aside>
<footer><p>&copy; {2020 + len(outlet.name) % 5} {escape(outlet.name)}. Hak cipta dilindungi
undang-undang.</p><ul><li><a href="/tentang">Tentang Kami</a></li>
<li><a href="/redaksi">Redaksi</a></li><li><a href="/iklan">Pasang Iklan</a></li>
<li><a href="/kontak">Kontak</a></li></ul></footer>
</body></html>
"""


@dataclass(frozen=True)
class ArticlePage:
    outlet: Outlet
    url: str
    title: str
    paragraphs: list[str]
    place: str
    published: date
    language: str = "id"


def article_html(page: ArticlePage, others: list[str], rng: random.Random) -> str:
    """The article under its outlet's furniture; `others` are headlines for link lists."""
    o = page.outlet
    dateline = o.dateline.format(PLACE=page.place.upper(), Place=page.place)
    paragraphs = [dateline + page.paragraphs[0], *page.paragraphs[1:]]
    body = [f"<p>{escape(p)}</p>" for p in paragraphs]
    if len(body) > 3 and page.language == "id":
        box = f'<div class="baca-juga">Baca juga: <a href="/r/x">{escape(others[5])}</a></div>'
        body.insert(2, box)
    tags = " ".join(f'<a href="/tag/{t}">{t}</a>' for t in slugify(page.title).split("-")[:3])
    head = (
        f'\n<meta property="og:title" content="{escape(page.title)}">'
        f'\n<meta property="article:published_time" content="{page.published.isoformat()}T'
        f'{rng.randint(6, 22):02d}:00:00+07:00">\n<link rel="canonical" href="{escape(page.url)}">'
    )
    main = f"""<div class="breadcrumb"><a href="/">{o.menu[0]}</a> &rsaquo; {o.menu[1]}</div>
<article><h1>{escape(page.title)}</h1>
<div class="byline">Penulis: {person(rng)} | Editor: {person(rng)}</div>
<div class="date">{long_date(page.published, rng)}</div>
<figure><img src="/img/{rng.randint(1000, 9999)}.jpg" alt=""><figcaption>Ilustrasi. (Foto:
{escape(o.name)}/{person(rng)})</figcaption></figure>
<div class="{o.body_class}">{"".join(body)}</div>
<div class="tags">Tag: {tags}</div>
<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a>
<a href="#">Salin tautan</a></div>
<section class="related"><h3>{o.related_label}</h3><ul>{_links(others[6:11], o)}</ul></section>
</article>"""
    return _frame(o, page.title, main, head, others)


def index_html(outlet: Outlet, day: date, others: list[str], rng: random.Random) -> str:
    """An index or tag page: a list of headlines with times, and pagination."""
    heading = rng.choice([f"Indeks Berita {day.isoformat()}", f"Tag: {slugify(others[0])[:12]}"])
    items = "".join(
        f'<li><a href="https://{outlet.host}/r/{slugify(t)}">{escape(t)}</a>'
        f"<span>{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d} WIB</span></li>"
        for t in others[:20]
    )
    main = f"""<h1>{escape(heading)}</h1><ul class="index">{items}</ul>
<div class="pagination"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a>
<a href="?page=2">Selanjutnya</a></div>"""
    return _frame(outlet, heading, main, "", others)


def short_html(outlet: Outlet, others: list[str], rng: random.Random) -> str:
    """A page with almost no text: not found, a login form, or a video with one caption."""
    kind = rng.randrange(3)
    if kind == 0:
        title, main = (
            "Halaman Tidak Ditemukan",
            (
                "<h1>404</h1><p>Maaf, halaman yang Anda cari tidak ditemukan.</p>"
                '<p><a href="/">Kembali ke beranda</a></p>'
            ),
        )
    elif kind == 1:
        title, main = (
            "Masuk",
            (
                '<h1>Masuk ke akun Anda</h1><form><input name="email" placeholder="Email">'
                '<input name="sandi" type="password"><button>Masuk</button></form>'
                '<p>Belum punya akun? <a href="/daftar">Daftar</a></p>'
            ),
        )
    else:
        title = f"VIDEO: {others[0]}"
        main = (
            f'<h1>{escape(title)}</h1><div class="video">'
            f'<iframe src="/embed/{rng.randint(1, 9**6)}"></iframe></div>'
            "<p>Simak videonya di sini.</p>"
        )
    return _frame(outlet, title, main, "", others)
