"""A synthetic news crawl as WARC.gz, with the truth of which page copies which.

Stories come from scripts/crawl_text.py (recombined and perturbed from the bundled articles),
pages from scripts/crawl_html.py (invented outlets' furniture). Each story is published as:

    original     the story on one outlet
    syndicated   the same text on another outlet (its furniture, its dateline)
    retitled     re-published with a changed headline (same or another outlet)
    extended     re-published with one paragraph added (an update at the end or in the middle)
    recrawled    the same page again under a tracking or AMP variant of its URL
and beside the stories:
    index        an index or tag page: a list of headlines (not an article)
    short        a 404 page, a login page, a video page with one caption (not an article)
    foreign      an article in English, Malay-ish or Javanese-ish (not Indonesian)

Pages are planned in blocks of BLOCK pages, each block shuffled (seeded), so copies of a story
lie far apart within their block, as syndication does within days, and memory stays bounded
at any --pages. They are written in order into --files WARC.gz files (the first pages into
crawl-000, and so on) of response records with fixed record ids and dates: the same seed
writes the same bytes. `truth.jsonl` lists every page in crawl order: url, kind, variant,
language, story, topic (the bundled article it mostly comes from), outlet host, published
date and `duplicate_of`, the URL of the story's first Indonesian article page in crawl order
(null for that page itself and for pages of no story).

Example: uv run python scripts/crawl_synth.py --pages 20000 --out /tmp/crawl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from crawl_html import OUTLETS, ArticlePage, article_html, index_html, page_url, short_html
from crawl_text import Source, Story, extend, foreign_text, load_sources, make_story, retitle

# warcio ships no type information.
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

WARC_DATE = "2025-01-01T00:00:00Z"
DAY_ONE = date(2023, 1, 1)
BLOCK = 4000
# Share of pages that are not Indonesian articles, and how many copies a story gets.
NON_ARTICLE = {"index": 0.04, "short": 0.03, "en": 0.03, "ms": 0.02, "jv": 0.015}
COPIES = [(1, 0.55), (2, 0.25), (3, 0.12), (4, 0.04), (5, 0.02), (6, 0.02)]
VARIANTS = [("syndicated", 0.4), ("retitled", 0.2), ("extended", 0.2), ("recrawled", 0.1),
            ("syndicated+retitled", 0.1)]  # fmt: skip


@dataclass(frozen=True)
class Planned:
    """One page to render: what it is, and the article page when it is one."""

    kind: str  # article | index | short | foreign
    variant: str
    story: str | None
    topic: str | None
    page: ArticlePage | None
    outlet_index: int
    n: int


def copy_of(
    first: ArticlePage, story: Story, variant: str, n: int, rng: random.Random
) -> ArticlePage:
    """Another page of the story: `variant` says what changed."""
    outlet = first.outlet
    if "syndicated" in variant:
        outlet = rng.choice([o for o in OUTLETS if o != first.outlet])
    title = retitle(story, rng) if "retitled" in variant else first.title
    paragraphs = extend(story, rng) if variant == "extended" else first.paragraphs
    published = first.published + timedelta(days=rng.randint(0, 3))
    if variant == "recrawled":
        suffix = rng.choice(["?utm_source=whatsapp", "?page=all", "/amp"])
        return replace(first, url=first.url + suffix)
    url = page_url(outlet, title, published, n)
    return ArticlePage(outlet, url, title, list(paragraphs), first.place, published)


def story_pages(story: Story, n: int, rng: random.Random) -> list[Planned]:
    """The story's original page and its copies, numbered from `n`."""
    outlet_index = rng.randrange(len(OUTLETS))
    outlet = OUTLETS[outlet_index]
    url = page_url(outlet, story.title, story.published, n)
    first = ArticlePage(outlet, url, story.title, story.paragraphs, story.place, story.published)
    planned = [Planned("article", "original", story.id, story.topic, first, outlet_index, n)]
    copies = rng.choices([c for c, _ in COPIES], weights=[w for _, w in COPIES])[0]
    for k in range(1, copies):
        variant = rng.choices([v for v, _ in VARIANTS], weights=[w for _, w in VARIANTS])[0]
        page = copy_of(first, story, variant, n + k, rng)
        index = OUTLETS.index(page.outlet)
        planned.append(Planned("article", variant, story.id, story.topic, page, index, n + k))
    return planned


def other_page(kind: str, n: int, rng: random.Random) -> Planned:
    """A page that is not an Indonesian article (index, short, or foreign filler)."""
    outlet_index = rng.randrange(len(OUTLETS))
    if kind in ("index", "short"):
        return Planned(kind, kind, None, None, None, outlet_index, n)
    title, paragraphs = foreign_text(kind, rng)
    outlet = OUTLETS[outlet_index]
    day = DAY_ONE + timedelta(days=rng.randint(0, 729))
    url = page_url(outlet, title, day, n)
    page = ArticlePage(outlet, url, title, paragraphs, "Kuala Lumpur", day, language=kind)
    return Planned("foreign", kind, None, None, page, outlet_index, n)


def plan_block(
    start: int, size: int, sources: list[Source], rng: random.Random
) -> tuple[list[Planned], list[str]]:
    """`size` pages numbered from `start`, shuffled; and headlines for their link lists."""
    planned: list[Planned] = []
    kinds = list(NON_ARTICLE)
    shares = [*NON_ARTICLE.values(), 1 - sum(NON_ARTICLE.values())]
    while len(planned) < size:
        n = start + len(planned)
        kind = rng.choices([*kinds, "story"], weights=shares)[0]
        if kind == "story":
            planned.extend(story_pages(make_story(n, sources, rng), n, rng))
        else:
            planned.append(other_page(kind, n, rng))
    planned = planned[:size]
    rng.shuffle(planned)
    headlines = [p.page.title for p in planned if p.page is not None and p.kind == "article"]
    return planned, headlines


def truth_rows(planned: list[Planned]) -> list[dict[str, object]]:
    """The truth for pages in crawl order: each copy points at its story's first page."""
    first: dict[str, str] = {}
    rows: list[dict[str, object]] = []
    for p in planned:
        url = (
            p.page.url
            if p.page is not None
            else page_url(OUTLETS[p.outlet_index], p.kind, DAY_ONE, p.n)
        )
        duplicate_of = None
        if p.story is not None:
            duplicate_of = first.setdefault(p.story, url)
            duplicate_of = None if duplicate_of == url else duplicate_of
        rows.append({
            "url": url,
            "kind": p.kind,
            "variant": p.variant,
            "language": p.page.language if p.page is not None else None,
            "story": p.story,
            "topic": p.topic,
            "outlet": OUTLETS[p.outlet_index].host,
            "published": p.page.published.isoformat() if p.page is not None else None,
            "duplicate_of": duplicate_of,
        })  # fmt: skip
    return rows


def render(p: Planned, headlines: list[str], rng: random.Random) -> bytes:
    """The page's HTML, with other headlines of its block in its link lists."""
    others = rng.sample(headlines, min(len(headlines), 25)) if headlines else ["Berita"] * 25
    outlet = OUTLETS[p.outlet_index]
    if p.page is not None:
        page = article_html(p.page, others, rng)
    elif p.kind == "index":
        page = index_html(outlet, DAY_ONE + timedelta(days=p.n % 730), others, rng)
    else:
        page = short_html(outlet, others, rng)
    return page.encode("utf-8")


def generate(pages: int, seed: int) -> Iterator[tuple[dict[str, object], bytes]]:
    """(truth row, HTML) for every page in crawl order, block by block."""
    rng = random.Random(seed)
    sources = load_sources()
    for start in range(0, pages, BLOCK):
        planned, headlines = plan_block(start, min(BLOCK, pages - start), sources, rng)
        for row, p in zip(truth_rows(planned), planned, strict=True):
            yield row, render(p, headlines, rng)


def record_id(url: str, n: int) -> str:
    """A fixed WARC-Record-ID for the page (a uuid from its URL and position)."""
    digest = hashlib.sha256(f"{n}:{url}".encode()).hexdigest()[:32]
    return f"<urn:uuid:{uuid.UUID(digest)}>"


def write_crawl(pages: int, seed: int, out: Path, files: int) -> int:
    """Write the crawl into `files` WARC.gz files and truth.jsonl under `out`; bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"crawl-{i:03d}.warc.gz" for i in range(files)]
    streams = [path.open("wb") for path in paths]
    writers = [WARCWriter(s, gzip=True) for s in streams]
    try:
        with (out / "truth.jsonl").open("w", encoding="utf-8") as truth:
            for n, (row, body) in enumerate(generate(pages, seed)):
                truth.write(json.dumps(row, ensure_ascii=False) + "\n")
                headers = StatusAndHeaders(
                    "200 OK",
                    [
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                    ],
                    protocol="HTTP/1.1",
                )
                # Contiguous runs of pages per file: files in name order are the crawl order.
                writer = writers[n * files // pages]
                warc_headers = {
                    "WARC-Date": WARC_DATE,
                    "WARC-Record-ID": record_id(str(row["url"]), n),
                }
                record = writer.create_warc_record(
                    str(row["url"]), "response", payload=BytesIO(body), http_headers=headers,
                    warc_headers_dict=warc_headers,
                )  # fmt: skip
                writer.write_record(record)
    finally:
        for s in streams:
            s.close()
    return sum(path.stat().st_size for path in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=4, help="WARC.gz files to spread pages over")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    size = write_crawl(args.pages, args.seed, args.out, args.files)
    print(f"{args.pages} pages, {size / 1e6:.1f} MB in {args.files} WARC.gz files in {args.out}")


if __name__ == "__main__":
    main()
