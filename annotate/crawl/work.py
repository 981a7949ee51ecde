"""The work of one shard, the same on every executor: parse, keep articles in Indonesian,
pre-annotate, and fingerprint for the duplicate stage. Pure (the language-ID model and the
gazetteers are read once per process, on first use).

A page goes through these stages, and leaves at the first that rejects it, with its reason:

    read        the reader's reason: not-html, http-status, too-large
    decode      unreadable: not text (binary, PDF, not UTF-8, empty)
    parse       no-body: the parser found no article text (annotate.parse's own refusal)
                too-short: fewer than MIN_BODY_WORDS words below the title
    language    not-indonesian: py3langid's best language is not "id"
    annotate    kept: the rules (and the model, when given) pre-annotate the article;
                its exact key and near-duplicate signature (annotate.crawl.dedup) go along

`process_shard` takes pages and returns rows; it never looks at files or at other shards,
so any process on any machine gives the same rows for the same shard.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from annotate.crawl.readers import Page
from annotate.rules import DEFAULT
from corpus.errors import InputError

if TYPE_CHECKING:
    from annotate.preannotate import EntityModel
    from corpus.records import Article

MIN_BODY_WORDS = 40
"""Fewer words than this below the title is a teaser, a photo page or an index entry, not an
article worth annotating (the shortest news briefs run to three sentences, some 50 words)."""

LANGUAGE_CHARS = 1000
"""Language ID reads this many characters of the text (the headline and the first
paragraphs): enough to tell Indonesian from Malay, and py3langid walks its model byte by byte
in Python, so reading a whole page would cost a fifth of the parse time."""

NOT_ARTICLE = ("not-html", "http-status", "too-large", "unreadable", "no-body", "too-short")
"""The reasons that say a page is not an article (the stats count them together)."""
NOT_INDONESIAN = "not-indonesian"


Seconds = defaultdict[str, float]
"""Seconds spent per stage, summed over pages."""
In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True, slots=True)
class Settings:
    """What every shard is processed with (it goes into the run's manifest)."""

    annotators: tuple[str, ...] = tuple(DEFAULT)
    model: str | None = None
    min_words: int = MIN_BODY_WORDS


@dataclass(frozen=True, slots=True)
class ShardTask:
    index: int
    first: int  # position of the shard's first page in the whole input
    pages: tuple[Page, ...]
    settings: Settings


@dataclass(frozen=True, slots=True)
class PageRow:
    """What became of one page: a Document (as JSON), or the reason it was dropped."""

    position: int
    source: str
    url: str | None
    reason: str | None = None
    detail: str | None = None
    id: str | None = None
    document: str | None = None
    exact: str | None = None
    duplicate_of: str | None = None  # set by the duplicate stage, in the driver
    signature: Any = None  # annotate.crawl.dedup.Signature; not written to the shard


@dataclass(slots=True)
class ShardResult:
    index: int
    rows: list[PageRow]
    bytes_read: int = 0
    seconds: Seconds = field(default_factory=lambda: defaultdict(float))  # per stage


def process_shard(task: ShardTask) -> ShardResult:
    """Run the shard's pages through the stages, one stage over all its pages at a time.

    Stage by stage rather than page by page: each stage's tables (the parser's, the
    language model's, the gazetteers') stay in the CPU's caches from one page to the next.
    Page by page, the parser evicted them each time, and language ID and the signature ran at
    half their speed (docs/scale.md, "Session 8: stage by stage"). A shard's articles are
    small (500 pages, a few MB), so holding them between stages costs nothing that grows."""
    from annotate.crawl import dedup
    from annotate.preannotate import preannotate

    settings = task.settings
    model = model_annotator(settings.model) if settings.model is not None else None
    result = ShardResult(task.index, [], bytes_read=sum(len(page.data) for page in task.pages))
    shard = _Stages(task.pages, result.seconds)
    articles = shard.run("parse", dict(enumerate(task.pages)), partial(_article, settings))
    articles = shard.run("language", articles, _in_indonesian)
    documents = shard.run(
        "preannotate",
        articles,
        partial(preannotate, annotators=settings.annotators, model=model),
    )
    prints = shard.run("signature", articles, lambda article: dedup.fingerprint(article.text))
    texts = shard.run(
        "serialize", documents, lambda doc: json.dumps(doc.to_dict(), ensure_ascii=False)
    )
    for offset, page in enumerate(task.pages):
        position = task.first + offset
        drop = shard.dropped.get(offset)
        if drop is not None:
            row = PageRow(position, page.source, page.url, drop.reason, drop.detail)
        else:
            exact, signature = prints[offset]
            row = PageRow(
                position,
                page.source,
                page.url,
                id=articles[offset].id,
                document=texts[offset],
                exact=exact,
                signature=signature,
            )
        result.rows.append(row)
    return result


@dataclass(frozen=True, slots=True)
class _Drop:
    """A stage's verdict that the page leaves here, and why."""

    reason: str
    detail: str | None


class _Stages:
    """Runs stages over a shard's pages (by offset), timing each and keeping who dropped out."""

    def __init__(self, pages: tuple[Page, ...], seconds: Seconds) -> None:
        self.pages = pages
        self.seconds = seconds
        self.dropped: dict[int, _Drop] = {}

    def run(
        self, stage: str, items: dict[int, In], step: Callable[[In], Out | _Drop]
    ) -> dict[int, Out]:
        """`step` on each item; the results of the items it kept, by offset."""
        started = time.perf_counter()
        kept: dict[int, Out] = {}
        for offset, item in items.items():
            try:
                outcome = step(item)
            except Exception as e:
                # A bug met on one page of millions: say which page, so it can be reproduced.
                source = self.pages[offset].source
                raise RuntimeError(f"{source}: crawl failed on this page: {e!r}") from e
            if isinstance(outcome, _Drop):
                self.dropped[offset] = outcome
            else:
                kept[offset] = outcome
        self.seconds[stage] += time.perf_counter() - started
        return kept


def _article(settings: Settings, page: Page) -> Article | _Drop:
    """The page's article, or why it has none worth annotating."""
    from annotate.parse import decode, parse_bytes

    if page.reason is not None:
        return _Drop(page.reason, page.detail)
    try:
        # Decoded apart from parsing only to tell "not text" from "no article in it".
        decode(page.data, source=page.source)
    except InputError as e:
        return _Drop("unreadable", _message(e))
    try:
        article = parse_bytes(page.data, source=page.source, url=page.url)
    except InputError as e:
        return _Drop("no-body", _message(e))
    words = body_words(article)
    if words < settings.min_words:
        return _Drop("too-short", f"{words} words below the title, fewer than {settings.min_words}")
    return article


def _in_indonesian(article: Article) -> Article | _Drop:
    language, probability = identify_language(article.text)
    if language != "id":
        return _Drop(NOT_INDONESIAN, f"identified as {language!r} ({probability:.2f})")
    return article


def _message(e: InputError) -> str:
    """The error without the source it names (the row carries the source already)."""
    text = str(e)
    prefix = f"{e.source}: " if e.source else ""
    return text.removeprefix(prefix)


def body_words(article: Article) -> int:
    """Words in the article below its title."""
    text = article.text
    if article.title is not None and text.startswith(article.title):
        text = text[len(article.title) :]
    return len(text.split())


@cache
def _identifier() -> Any:
    from py3langid.langid import (  # type: ignore[import-untyped]  # no stubs
        MODEL_FILE,
        LanguageIdentifier,
    )

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The model's weights ship as float16, which numpy multiplies slowly; as float32 the
    # same scores come out (numpy sums float16 in float32 anyway) a fifth faster.
    identifier.nb_ptc = identifier.nb_ptc.astype(np.float32)
    return identifier


def identify_language(text: str) -> tuple[str, float]:
    """The most likely language of `text` (ISO 639-1, as py3langid names it) and its
    probability. Malay ("ms") is told apart from Indonesian ("id") by the model."""
    language, probability = _identifier().classify(text[:LANGUAGE_CHARS])
    return str(language), float(probability)


@cache
def model_annotator(path: str) -> EntityModel:
    """The trained PER/ORG model in folder `path` (`annotate train`), loaded once per process;
    InputError with a one-line reason when the folder is not a usable model."""
    from pathlib import Path

    from annotate.preannotate import load_model

    return load_model(Path(path))
