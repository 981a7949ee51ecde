"""Assembling an Article from cleaned blocks: title, body, dateline, removals. Pure."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotate.parse.boilerplate import (
    _LINK_HEADER,
    _is_headline,
    _terminal_reason,
    boilerplate_reason,
    glued_tail,
)
from annotate.parse.clean import clean_characters
from annotate.parse.dateline import _is_place, split_dateline
from annotate.parse.dates import publication_date
from annotate.parse.lines import (
    ends_sentence,
    is_caption,
    is_credit,
    is_headline_like,
    is_prose,
    is_title_case,
    is_truncated,
    starts_with_quote,
    words,
)
from annotate.parse.title import TopLine, choose_title
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
    title: str | None
    body: list[str]
    removed: list[Removal]
    dateline: Dateline | None
    published: str | None


Line = tuple[int, str]  # (source line number, cleaned text)

# A list item of a teaser box: a question with its answer ("Apa dampak gempa? Gempa ...").
_QUESTION_LED = re.compile(
    r"(apa|apakah|siapa|mengapa|kenapa|bagaimana|dimana|di mana|kapan|berapa)\b[^?]{0,80}\?",
    re.IGNORECASE,
)
_BULLET = re.compile(r"[-–—•·*]")
_LIST_ITEM = re.compile(r"\d{1,2}[.)]\s")  # "1. Jalan Merdeka": an item of a numbered list
# At most this much prose (captions, a standfirst) may stand above a dateline that opens
# the body; more, and the dateline belongs to something else (a teaser further down).
_MAX_PROSE_LINES_ABOVE = 3
_MAX_PROSE_WORDS_ABOVE = 80


_ALL_FURNITURE = "no article text: every line is page furniture (menus, widgets, bylines, dates)"


@dataclass(slots=True)
class _Pass:
    title: Line | None
    body: list[Line]
    removed: list[tuple[int, Removal]]
    dateline: Dateline | None
    published: str | None


def _strong(dateline: Dateline) -> bool:
    """A dateline that names an outlet or a place in capitals or in the gazetteer."""
    place = dateline.place or ""
    return dateline.outlet is not None or place.isupper() or _is_place(place)


def _opens_body(lines: Sequence[Line], i: int, *, after_prose: bool) -> bool:
    """Line i starts the article with a dateline followed by text."""
    split = split_dateline(lines[i][1])
    if split is None or (after_prose and not _strong(split[0])):
        return False
    rest = split[1]
    if rest:
        return is_prose(rest) or len(words(rest)) >= 8
    return i + 1 < len(lines) and is_prose(lines[i + 1][1])


def _body_start(lines: Sequence[Line], reasons: Sequence[str | None]) -> int | None:
    """Where the article text starts: a dateline near the top, else the first paragraph."""
    first_prose: int | None = None
    prose_lines = prose_words = 0
    for i, (_, text) in enumerate(lines):
        if reasons[i] is not None:
            continue
        if _opens_body(lines, i, after_prose=first_prose is not None):
            return i
        if is_prose(text) and not is_caption(text):
            first_prose = i if first_prose is None else first_prose
            prose_lines += 1
            prose_words += len(words(text))
            if prose_lines > _MAX_PROSE_LINES_ABOVE or prose_words > _MAX_PROSE_WORDS_ABOVE:
                break
    return first_prose


def _top_reason(text: str, title: str | None) -> str:
    """Why a line above the body that is not the title was dropped."""
    if text == title:
        return "repeat"
    if is_caption(text) or is_credit(text):
        return "caption"
    if len(words(text)) <= 4 and not is_prose(text):
        return "menu"
    return "before-body"


def _body_reason(text: str) -> str | None:
    """Why a line inside the body is furniture, from its shape alone (None: article text)."""
    n = len(words(text))
    if starts_with_quote(text) or _LIST_ITEM.match(text):
        return None
    if is_truncated(text) and n <= 30:
        return "teaser"
    if is_prose(text):
        return None
    if is_title_case(text) and is_headline_like(text):
        return "headline" if n >= 4 else "widget"
    return None


def _strip_leading(
    body: list[Line], removed: list[tuple[int, Removal]]
) -> tuple[Dateline | None, str | None]:
    """Leading boilerplate, date lines and datelines of the body, stripped until none is
    left. The first dateline is returned; a second one is only recorded."""
    dateline: Dateline | None = None
    published: str | None = None
    while body:
        position, first = body[0]
        stated = publication_date(first)
        reason = None if stated else boilerplate_reason(first)
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
    return dateline, published


def _classify_body(body: list[Line], seen: set[str], removed: list[tuple[int, Removal]]) -> None:
    """Drop the furniture inside the body (in place): boilerplate lines, repeats, related
    headlines, teaser boxes, and everything after a terminal marker."""
    kept: list[Line] = []
    dropped: set[int] = set()  # indexes into `body` of the lines removed
    after_link_header = after_bullet = False
    for i, (position, line) in enumerate(body):
        reason = _terminal_reason(line) if i > 0 else None
        if reason is not None:
            for tail_position, tail in body[i:]:
                # Each marker names what follows it, up to the next one.
                reason = _terminal_reason(tail) or reason
                tail_reason = boilerplate_reason(tail) or reason
                removed.append((tail_position, Removal(tail, tail_reason)))
            dropped.update(range(i, len(body)))
            break
        glued = glued_tail(line)
        if glued is not None:
            line, tail, tail_reason = glued
            removed.append((position, Removal(tail, tail_reason)))
        stated = publication_date(line)
        reason = "date-line" if stated else boilerplate_reason(line)
        if reason is None and i > 0:
            if line in seen and len(words(line)) >= 4:
                reason = "repeat"
            elif after_bullet and (is_headline_like(line) or _QUESTION_LED.match(line)):
                reason = "teaser"
            elif after_link_header and _is_headline(line):
                reason = "related-links"
            else:
                reason = _body_reason(line)
        # Only a removed header opens a link box: what is kept never changes what follows.
        after_link_header = reason is not None and (
            reason == "related-links" and (_is_headline(line) or bool(_LINK_HEADER.fullmatch(line)))
        )
        after_bullet = bool(_BULLET.fullmatch(line))
        if reason is not None:
            removed.append((position, Removal(line, reason)))
            dropped.add(i)
            continue
        seen.add(line)
        kept.append((position, line))
    # A short line standing between removed lines is part of the same furniture (a widget
    # label in a run of widgets); between paragraphs it is a sub-heading and stays.
    stray = {
        position
        for i, (position, line) in enumerate(body)
        if i > 0
        and i not in dropped
        and _is_stray_label(line)
        and i - 1 in dropped
        and (i + 1 in dropped or i + 1 == len(body))
    }
    removed += [(position, Removal(line, "widget")) for position, line in kept if position in stray]
    body[:] = [(position, line) for position, line in kept if position not in stray]


def _is_stray_label(line: str) -> bool:
    return (
        len(words(line)) <= 3
        and not ends_sentence(line)
        and not starts_with_quote(line)
        and not _LIST_ITEM.match(line)
    )


def _one_pass(lines: list[Line], url: str | None, *, title_given: bool) -> _Pass:
    removed: list[tuple[int, Removal]] = []
    if title_given:  # the first line is the title metadata gave (HTML): the rest is the body
        body = list(lines[1:])
        dateline, stated = _strip_leading(body, removed)
        _classify_body(body, {lines[0][1]}, removed)
        return _Pass(lines[0], body, removed, dateline, stated)
    stamps = [publication_date(text) for _, text in lines]
    reasons = [
        "date-line" if stamp else boilerplate_reason(text)
        for stamp, (_, text) in zip(stamps, lines, strict=True)
    ]
    published = next((stamp for stamp in stamps if stamp), None)
    start = _body_start(lines, reasons)
    if start is None:
        # No paragraph reads as text: the first line is the title, the rest is the body.
        kept = [line for line, reason in zip(lines, reasons, strict=True) if reason is None]
        removed += [
            (position, Removal(text, reason))
            for (position, text), reason in zip(lines, reasons, strict=True)
            if reason is not None
        ]
        if not kept:
            raise InputError(_ALL_FURNITURE)
        body = kept[1:]
        dateline, stated = _strip_leading(body, removed)
        return _Pass(kept[0], body, removed, dateline, published or stated)

    top = [
        TopLine(
            text,
            # A long headline without a full stop may read as prose: it stays a candidate.
            furniture=reason is not None
            or is_credit(text)
            or is_caption(text)
            or (is_prose(text) and (ends_sentence(text) or not is_headline_like(text))),
            anchor=reason in ("byline", "date-line"),
        )
        for (_, text), reason in zip(lines[:start], reasons, strict=False)
    ]
    chosen = choose_title(top, url=url)
    title = lines[chosen] if chosen is not None else None
    for i, (position, text) in enumerate(lines[:start]):
        if i != chosen:
            reason = reasons[i] or _top_reason(text, title[1] if title else None)
            removed.append((position, Removal(text, reason)))
    body = list(lines[start:])
    dateline, stated = _strip_leading(body, removed)
    seen = {text for _, text in lines[:start]}
    _classify_body(body, seen, removed)
    return _Pass(title, body, removed, dateline, published or stated)


def _split_blocks(cleaned: str, url: str | None = None, *, title_given: bool = False) -> _Blocks:
    lines = [(n, line) for n, line in enumerate(cleaned.split("\n")) if line]
    if not lines:
        raise InputError("no text left after cleaning: nothing to parse")
    # Passes until nothing more is removed: the result is then a fixed point by
    # construction (parsing the canonical text runs the last pass again, on the same lines).
    removed: list[tuple[int, Removal]] = []
    dateline: Dateline | None = None
    published: str | None = None
    while True:
        result = _one_pass(lines, url, title_given=title_given)
        removed += result.removed
        dateline = dateline or result.dateline
        published = published or result.published
        again = ([result.title] if result.title else []) + result.body
        if again == lines or not again:
            break
        lines = again
    if not again:
        raise InputError(_ALL_FURNITURE)
    removed.sort(key=lambda item: item[0])
    title = result.title[1] if result.title else None
    return _Blocks(
        title, [line for _, line in result.body], [r for _, r in removed], dateline, published
    )


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
    """Parse raw article text into an `Article`; the title is found from evidence
    (`annotate.parse.title`), or is None.

    `source_bytes` are the bytes as read (for the id and `source.sha256`); they default
    to `raw` encoded as UTF-8. `outlet` and `published` are fallbacks from metadata (HTML).
    With `source_format="html"` the first line is the title the page's metadata gave.
    """
    source = source_bytes if source_bytes is not None else raw.encode("utf-8")
    blocks = _split_blocks(clean_characters(raw), url, title_given=source_format == "html")
    text, paragraphs = _assemble([blocks.title, *blocks.body] if blocks.title else blocks.body)
    dateline_outlet = blocks.dateline.outlet if blocks.dateline else None
    return Article(
        id=article_id(blocks.title or blocks.body[0], url.encode("utf-8") if url else source),
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
