"""One shard's work: every page is kept as a Document or dropped with its reason."""

from __future__ import annotations

import json

import pytest

from annotate.crawl.readers import Page
from annotate.crawl.work import (
    PageRow,
    Settings,
    ShardTask,
    body_words,
    identify_language,
    process_shard,
)
from annotate.parse import parse_bytes
from annotate.preannotate import preannotate
from tests.annotate.crawl.pages import ARTICLES, ENGLISH, HTML, SHORT


def _rows(*pages: Page, first: int = 0) -> list[PageRow]:
    return process_shard(ShardTask(3, first, pages, Settings())).rows


def _page(body: str | bytes, url: str | None = "https://berita.example/x") -> Page:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Page("crawl.jsonl:1", url, data)


def test_an_indonesian_article_is_kept_as_a_document() -> None:
    url, text = next(iter(ARTICLES.items()))
    [row] = _rows(_page(text, url), first=40)
    assert (row.position, row.source, row.url, row.reason) == (40, "crawl.jsonl:1", url, None)
    doc = json.loads(row.document or "")
    assert doc["id"] == row.id
    assert doc["url"] == url  # the URL is passed on to the parser
    assert doc["title"] == "Pemkot Bangun Tiga Jembatan Baru untuk Urai Kemacetan"
    # Exactly what `annotate preannotate` makes of the page.
    assert doc == preannotate(parse_bytes(text.encode(), source="x", url=url)).to_dict()
    assert doc["entities"] and doc["meta"]["source"].startswith("rules@")
    assert row.exact and row.signature is not None and row.duplicate_of is None


def test_an_html_page_is_parsed_like_annotate_parse() -> None:
    [row] = _rows(_page(HTML, "https://berita.example/kota/pasar-malam"))
    expected = parse_bytes(HTML.encode(), source="x", url="https://berita.example/kota/pasar-malam")
    assert json.loads(row.document or "")["text"] == expected.text


def test_pages_that_are_not_articles_or_not_indonesian_are_dropped_with_a_reason() -> None:
    rows = _rows(
        _page(ENGLISH),
        _page(SHORT),
        _page(b"%PDF-1.7 ..."),
        _page("<html><body><nav><a href='/'>Beranda</a></nav></body></html>"),
        Page("crawl.warc.gz@0", "https://berita.example/lama", b"", "http-status", "HTTP 301"),
    )
    assert [(r.reason, r.document) for r in rows] == [
        ("not-indonesian", None),
        ("too-short", None),
        ("unreadable", None),
        ("no-body", None),
        ("http-status", None),
    ]
    assert rows[0].detail == "identified as 'en' (1.00)"
    assert rows[1].detail == "6 words below the title, fewer than 40"
    assert rows[2].detail is not None and rows[2].detail.startswith("file is a PDF document")
    assert rows[4].detail == "HTTP 301"


def test_malay_is_not_indonesian() -> None:
    malay = (
        "Kerajaan negeri akan membina tiga jambatan baharu tahun hadapan bagi mengurangkan "
        "kesesakan lalu lintas di pusat bandar, kata Datuk Bandar kepada pemberita."
    )
    indonesian = (
        "Pemerintah provinsi akan membangun tiga jembatan baru tahun depan untuk mengurangi "
        "kemacetan lalu lintas di pusat kota, kata gubernur kepada wartawan."
    )
    assert identify_language(malay)[0] == "ms"
    assert identify_language(indonesian)[0] == "id"


def test_body_words_leave_the_title_out() -> None:
    article = parse_bytes(SHORT.encode(), source="x")
    assert body_words(article) == len(["Kereta", "pertama", "berangkat", "pukul", "lima", "pagi."])


def test_the_same_shard_gives_the_same_rows() -> None:
    pages = tuple(_page(t, u) for u, t in ARTICLES.items())
    first, again = _rows(*pages), _rows(*pages)
    assert [(r.id, r.document, r.exact) for r in first] == [
        (r.id, r.document, r.exact) for r in again
    ]


def test_an_unexpected_failure_names_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import annotate.preannotate

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(annotate.preannotate, "preannotate", broken)
    url, text = next(iter(ARTICLES.items()))
    with pytest.raises(RuntimeError, match=r"^crawl.jsonl:1: crawl failed on this page: KeyError"):
        _rows(_page(text, url))


def test_rows_keep_the_pages_order_whichever_stage_drops_them() -> None:
    # The stages run over the whole shard one after the other; the rows still come back one
    # per page, in the pages' order, each with its own position and verdict.
    (url_a, text_a), (url_b, text_b) = list(ARTICLES.items())[:2]
    pages = (
        Page("a", url_a, text_a.encode()),
        Page("b", None, ENGLISH.encode()),
        Page("c", None, b"", "http-status", "HTTP 404"),
        Page("d", url_b, text_b.encode()),
        Page("e", None, SHORT.encode()),
    )
    rows = _rows(*pages, first=10)
    assert [(r.position, r.source, r.reason) for r in rows] == [
        (10, "a", None),
        (11, "b", "not-indonesian"),
        (12, "c", "http-status"),
        (13, "d", None),
        (14, "e", "too-short"),
    ]
    alone = [_rows(page)[0] for page in pages]
    assert [(r.id, r.document, r.exact, r.detail) for r in rows] == [
        (r.id, r.document, r.exact, r.detail) for r in alone
    ]
