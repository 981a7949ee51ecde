"""The plain single-process loop over a crawl: read, parse, pre-annotate, nothing else. I/O:
reads the inputs.

It is what the pipeline is measured against (scripts/bench_crawl.py): the same readers and
the same parser and rules, without shards, language ID, duplicate signatures, engines or
output, so the difference in pages/s is the pipeline's own cost.

    from annotate.crawl.baseline import plain_loop
    from annotate.crawl.pipeline import crawl

    base = plain_loop(["crawl.warc.gz"])                       # LoopStats
    run = crawl(["crawl.warc.gz"], Path("out"), workers=2)    # CrawlStats
    speed = (run.read / run.wall) / (base.pages / base.seconds)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from annotate.crawl.readers import Page, iter_pages
from corpus.errors import InputError


@dataclass(frozen=True, slots=True)
class LoopStats:
    pages: int  # pages read
    articles: int  # pages the parser made an Article of (and the rules pre-annotated)
    bytes: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def plain_loop(inputs: Sequence[str]) -> LoopStats:
    """Read every page of `inputs`, parse it and pre-annotate it with the rules, in order."""
    from annotate.parse import parse_bytes
    from annotate.preannotate import preannotate

    started = time.perf_counter()
    pages = articles = size = 0
    for page in iter_pages(inputs):
        if not isinstance(page, Page):
            continue
        pages += 1
        size += len(page.data)
        if page.reason is not None:
            continue
        try:
            article = parse_bytes(page.data, source=page.source, url=page.url)
        except InputError:
            continue
        preannotate(article)
        articles += 1
    return LoopStats(pages, articles, size, time.perf_counter() - started)
