"""The benchmark's plain loop reads, parses and pre-annotates every page."""

from __future__ import annotations

from pathlib import Path

from annotate.crawl.baseline import plain_loop
from tests.annotate.crawl.pages import page_list, write_warc


def test_plain_loop_counts_pages_and_articles(tmp_path: Path) -> None:
    stats = plain_loop([str(write_warc(tmp_path / "a.warc.gz", page_list()))])
    # 7 pages + a redirect and an image; the parser makes an Article of all 7 pages (the
    # English page and the short one included: the loop has no language or length filter).
    assert (stats.pages, stats.articles) == (9, 7)
    # The redirect and the image are not read: their bytes are not counted.
    assert stats.bytes == sum(len(body.encode()) for _, body in page_list())
    assert stats.seconds > 0 and stats.pages_per_second > 0
