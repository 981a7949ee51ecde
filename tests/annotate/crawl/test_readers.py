"""Each reader streams the pages of its format in order; bad files give one-line errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from annotate.crawl.readers import Page, iter_pages
from corpus.errors import InputError
from tests.annotate.crawl.pages import (
    ARTICLES,
    HTML,
    page_list,
    write_jsonl,
    write_parquet,
    write_warc,
)


def _pages(*inputs: Path | str) -> list[Page | InputError]:
    return list(iter_pages([str(i) for i in inputs]))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_yields_responses_in_order_with_their_urls(tmp_path: Path, name: str) -> None:
    pages = page_list()
    items = _pages(write_warc(tmp_path / name, pages))
    assert all(isinstance(i, Page) for i in items)
    got = [i for i in items if isinstance(i, Page)]
    # The request record is not a page; the redirect and the image are pages with a reason.
    assert [p.url for p in got] == [
        pages[0][0],
        "https://berita.example/lama",
        "https://berita.example/foto.png",
        *[u for u, _ in pages[1:]],
    ]
    assert [(p.reason, p.detail) for p in got[1:3]] == [
        ("http-status", "HTTP status 301"),
        ("not-html", "content type image/png"),
    ]
    assert got[0].data == pages[0][1].encode("utf-8")
    assert got[0].source.startswith(f"{tmp_path / name}@")
    assert len({p.source for p in got}) == len(got)


def test_corrupt_gzip_warc_is_one_error_naming_the_file(tmp_path: Path) -> None:
    good = write_warc(tmp_path / "good.warc.gz", page_list()).read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(good[: len(good) // 2] + b"\x00garbage" * 50)
    items = _pages(broken, tmp_path / "good.warc.gz")
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{broken}: ")
    assert "\n" not in str(errors[0])
    # The pages before the damage were read, and the next input was read whole.
    assert sum(isinstance(i, Page) for i in items) > len(page_list()) + 2


def test_not_a_warc_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes, not a WARC file\n", encoding="utf-8")
    [item] = _pages(path)
    assert str(item) == f"{path}@0: not a WARC record; is this a WARC file?"


def test_jsonl_reads_html_or_text_and_names_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pages.jsonl", page_list()[:2])
    with path.open("a", encoding="utf-8") as f:
        f.write('{"url": "https://berita.example/x"}\n\n{not json\n')
    items = _pages(path)
    assert [p.url for p in items if isinstance(p, Page)] == [u for u, _ in page_list()[:2]]
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert errors == [
        f"{path}:3: record has no 'html' or 'text' string; give each page one of them",
        f"{path}:5: invalid JSON at column 2: Expecting property name enclosed in double quotes",
    ]


def test_gzipped_jsonl_and_html_key(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write('{"url": "https://berita.example/pasar", "html": ' + _json(HTML) + "}\n")
    [page] = _pages(path)
    assert isinstance(page, Page)
    assert page.data == HTML.encode("utf-8")
    assert page.source == f"{path}:1"


def _json(text: str) -> str:
    import json

    return json.dumps(text)


def test_parquet_streams_rows(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "pages.parquet", page_list())
    items = _pages(path)
    assert [(p.source, p.url) for p in items if isinstance(p, Page)] == [
        (f"{path}#{i}", u) for i, (u, _) in enumerate(page_list())
    ]


def test_parquet_without_a_text_column_is_one_error(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "pages.parquet", page_list(), column="body")
    [item] = _pages(path)
    assert str(item) == (
        f"{path}: has no 'html' or 'text' column (columns: body, url); a crawl Parquet file "
        "needs url and html or text"
    )


def test_broken_parquet_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "pages.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    [item] = _pages(path)
    assert isinstance(item, InputError)
    assert str(item).startswith(f"{path}: not a readable Parquet file")


def test_folder_pages_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(next(iter(ARTICLES.values())), encoding="utf-8")
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = _pages(tmp_path)
    assert [p.source for p in items if isinstance(p, Page)] == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b.txt"),
    ]
    assert all(p.url is None for p in items if isinstance(p, Page))


def test_missing_and_unknown_inputs(tmp_path: Path) -> None:
    (tmp_path / "crawl.zip").write_bytes(b"PK")
    items = _pages(tmp_path / "nope.warc.gz", tmp_path / "crawl.zip")
    assert [str(e) for e in items] == [
        f"{tmp_path / 'nope.warc.gz'}: no such file or folder",
        f"{tmp_path / 'crawl.zip'}: unknown input format: expected .warc(.gz), .jsonl(.gz), "
        ".parquet, a folder, or .htm/.html/.text/.txt pages",
    ]


def test_oversized_page_is_not_kept_in_memory(tmp_path: Path) -> None:
    from annotate.parse import MAX_BYTES

    path = write_jsonl(tmp_path / "big.jsonl", [("https://berita.example/big", "a " * MAX_BYTES)])
    [page] = _pages(path)
    assert isinstance(page, Page)
    assert (page.reason, page.data) == ("too-large", b"")
