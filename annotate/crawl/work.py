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
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

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
    """Run every page of the shard through the stages, in order."""
    result = ShardResult(task.index, [])
    for offset, page in enumerate(task.pages):
        result.bytes_read += len(page.data)
        try:
            row = _process_page(task.first + offset, page, task.settings, result.seconds)
        except Exception as e:
            # A bug met on one page of millions: say which page, so it can be reproduced.
            raise RuntimeError(f"{page.source}: crawl failed on this page: {e!r}") from e
        result.rows.append(row)
    return result


def _process_page(position: int, page: Page, settings: Settings, seconds: Seconds) -> PageRow:
    from annotate.crawl import dedup
    from annotate.parse import decode, parse_bytes
    from annotate.preannotate import preannotate

    def dropped(reason: str, detail: str | None) -> PageRow:
        return PageRow(position, page.source, page.url, reason, detail)

    if page.reason is not None:
        return dropped(page.reason, page.detail)
    clock = time.perf_counter()
    try:
        # Decoded apart from parsing only to tell "not text" from "no article in it".
        decode(page.data, source=page.source)
    except InputError as e:
        _lap(seconds, "parse", clock)
        return dropped("unreadable", _message(e))
    try:
        article = parse_bytes(page.data, source=page.source, url=page.url)
    except InputError as e:
        _lap(seconds, "parse", clock)
        return dropped("no-body", _message(e))
    clock = _lap(seconds, "parse", clock)
    words = body_words(article)
    if words < settings.min_words:
        return dropped(
            "too-short", f"{words} words below the title, fewer than {settings.min_words}"
        )
    language, probability = identify_language(article.text)
    clock = _lap(seconds, "language", clock)
    if language != "id":
        return dropped(NOT_INDONESIAN, f"identified as {language!r} ({probability:.2f})")
    model = model_annotator(settings.model) if settings.model is not None else None
    doc = preannotate(article, annotators=settings.annotators, model=model)
    clock = _lap(seconds, "preannotate", clock)
    exact, signature = dedup.fingerprint(article.text)
    clock = _lap(seconds, "signature", clock)
    document = json.dumps(doc.to_dict(), ensure_ascii=False)
    _lap(seconds, "serialize", clock)
    return PageRow(
        position,
        page.source,
        page.url,
        id=article.id,
        document=document,
        exact=exact,
        signature=signature,
    )


def _lap(seconds: Seconds, stage: str, since: float) -> float:
    now = time.perf_counter()
    seconds[stage] += now - since
    return now


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
