"""Assembling an Article from cleaned blocks: title, body, dateline, removals. Pure."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from annotate.parse.boilerplate import (
    _LINK_HEADER,
    _is_headline,
    _terminal_reason,
    boilerplate_reason,
)
from annotate.parse.clean import clean_characters
from annotate.parse.dateline import split_dateline
from annotate.parse.dates import publication_date
from corpus.errors import InputError
from corpus.records import Article, Dateline, Offsets, Removal, Source

# --- assembling the article --------------------------------------------------------------

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(title: str, *, max_length: int = 48) -> str:
    """ASCII slug of a title, cut at a word boundary: 'terungkap-ada-peran-asing-...'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _SLUG_DROP.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "article"


def article_id(title: str, key: bytes) -> str:
    """Stable id from the source: title slug + 12 hex digits of sha256(URL or raw bytes)."""
    return f"{slugify(title)}-{hashlib.sha256(key).hexdigest()[:12]}"


@dataclass(frozen=True, slots=True)
class _Blocks:
    title: str
    body: list[str]
    removed: list[Removal]
    dateline: Dateline | None
    published: str | None


def _split_blocks(cleaned: str) -> _Blocks:
    # Blocks carry their source position so `removed` comes out in source order.
    removed: list[tuple[int, Removal]] = []
    kept: list[tuple[int, str]] = []
    after_link_header = False
    for position, line in enumerate(cleaned.split("\n")):
        if not line:
            continue
        reason = boilerplate_reason(line)
        linked_headline = reason is None and after_link_header and _is_headline(line)
        if linked_headline:
            reason = "related-links"
        if reason is not None and kept:  # the first line is the title, whatever it says
            removed.append((position, Removal(line, reason)))
            # Only a removed header opens a link box: what is kept never changes what follows,
            # which keeps parsing the canonical text a fixed point.
            after_link_header = linked_headline or bool(_LINK_HEADER.fullmatch(line))
        else:
            kept.append((position, line))
            after_link_header = False
    if not kept:
        raise InputError("no text left after cleaning: nothing to parse")
    title, body = kept[0][1], kept[1:]

    # Leading boilerplate, date lines and datelines, stripped until none is left, so that
    # parsing the result again finds nothing more to strip (fixed point).
    dateline: Dateline | None = None
    published: str | None = None
    while body:
        position, first = body[0]
        reason = boilerplate_reason(first)
        stated = publication_date(first) if reason is None else None
        split = split_dateline(first) if reason is None and stated is None else None
        if reason is not None:
            removed.append((position, Removal(first, reason)))
        elif stated is not None:
            published = published or stated
            removed.append((position, Removal(first, "date-line")))
        elif split is not None:
            found, rest = split
            if dateline is None:
                dateline = found
            else:  # a second dateline ("JAKARTA, KOMPAS.com - Jakarta - ..."): keep a record
                removed.append((position, Removal(found.text, "dateline")))
            if rest:
                body[0] = (position, rest)
                continue
        else:
            break
        del body[0]

    # From a terminal marker on (not the first paragraph), the rest is boilerplate.
    for i, (_, line) in enumerate(body):
        reason = _terminal_reason(line) if i > 0 else None
        if reason is not None:
            for position, tail in body[i:]:
                reason = _terminal_reason(tail) or boilerplate_reason(tail) or reason
                removed.append((position, Removal(tail, reason)))
            del body[i:]
            break
    removed.sort(key=lambda item: item[0])
    return _Blocks(title, [line for _, line in body], [r for _, r in removed], dateline, published)


def _assemble(blocks: Iterable[str]) -> tuple[str, tuple[Offsets, ...]]:
    parts: list[str] = []
    offsets: list[Offsets] = []
    position = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            position += 2
        parts.append(block)
        offsets.append(Offsets(position, position + len(block)))
        position += len(block)
    return "".join(parts), tuple(offsets)


def parse_text(
    raw: str,
    *,
    url: str | None = None,
    source_bytes: bytes | None = None,
    source_format: str = "text",
    outlet: str | None = None,
    published: str | None = None,
) -> Article:
    """Parse raw article text (title on the first line) into an `Article`.

    `source_bytes` are the bytes as read (for the id and `source.sha256`); they default
    to `raw` encoded as UTF-8. `outlet` and `published` are fallbacks from metadata (HTML).
    """
    source = source_bytes if source_bytes is not None else raw.encode("utf-8")
    blocks = _split_blocks(clean_characters(raw))
    text, paragraphs = _assemble([blocks.title, *blocks.body])
    dateline_outlet = blocks.dateline.outlet if blocks.dateline else None
    return Article(
        id=article_id(blocks.title, url.encode("utf-8") if url else source),
        text=text,
        title=blocks.title,
        outlet=dateline_outlet or outlet,
        dateline=blocks.dateline,
        published=blocks.published or published,
        url=url,
        paragraphs=paragraphs,
        removed=tuple(blocks.removed),
        source=Source(source_format, hashlib.sha256(source).hexdigest()),
    )
