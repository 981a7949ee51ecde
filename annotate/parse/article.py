"""Assembling an Article from the lines of a page: title, body, dateline, removals. Pure.

One pass over the non-empty lines:

1. every line gets the reason it is furniture by itself, if any (`boilerplate`), and date
   stamps give `published` (`dates`);
2. the body starts at a dateline near the top (a little prose above it, such as captions, is
   allowed) or else at the first line that reads as prose (`lines.is_prose`);
3. above the body, `title.choose_title` picks the headline from evidence, or none; every
   other line there is dropped (menu, caption, byline, repeat, ...);
4. in the body, the dateline is split off the first line, and furniture is dropped by its
   shape and neighbours: related headlines, teaser lists, truncated teasers, labels among
   other furniture, repeats, everything after a terminal marker; sign-offs glued to the end
   of a paragraph are cut off.

Passes repeat on what the last one kept until one removes nothing, which makes the
canonical text a fixed point of the parser by construction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotate.parse.boilerplate import (
    LINK_HEADER,
    boilerplate_reason,
    glued_tail,
    is_linked_headline,
    terminal_reason,
)
from annotate.parse.clean import bidi_removal, clean_characters
from annotate.parse.dateline import is_place, split_dateline
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
    """Stable id from the source: title slug + 12 hex digits of sha256(URL or raw bytes).

    An article without a title passes its first paragraph for the slug."""
    return f"{slugify(title)}-{hashlib.sha256(key).hexdigest()[:12]}"


Line = tuple[int, str]  # (source line index, cleaned text)
Removed = list[tuple[int, Removal]]  # (source line index, what was cut), in the order found


@dataclass(frozen=True, slots=True)
class _Blocks:
    """What one pass (or all of them) made of the lines: title, body and what was cut."""

    title: Line | None
    body: list[Line]
    removed: Removed
    dateline: tuple[int, Dateline] | None
    published: str | None


# A list item of a teaser box: a question with its answer ("Apa dampak gempa? Gempa ...").
_QUESTION_LED = re.compile(
    r"(apa|apakah|siapa|mengapa|kenapa|bagaimana|dimana|di mana|kapan|berapa)\b[^?]{0,80}\?",
    re.IGNORECASE,
)
_BULLET = re.compile(r"[-–—•·*]")
_LIST_ITEM = re.compile(r"\d{1,2}[.)]\s")  # "1. Jalan Merdeka": an item of a numbered list
# At most this much prose (captions, a standfirst) may stand above a dateline that opens
# the body; more, and the dateline belongs to something else (a teaser further down).
_MAX_PROSE_LINES_ABOVE = 2
_MAX_PROSE_WORDS_ABOVE = 60


_ALL_FURNITURE = "no article text: every line is page furniture (menus, widgets, bylines, dates)"


def _strong(dateline: Dateline) -> bool:
    """A dateline that names an outlet or a known place in capitals: one that can open an
    article below some prose (captions), and that inside a body opens another's teaser."""
    place = dateline.place or ""
    return dateline.outlet is not None or (place.isupper() and is_place(place))


def _is_teaser(line: str, *, after_bullet: bool) -> bool:
    """An item of a teaser list (right after a bare bullet line), or the lead of another
    article: an article has one dateline, so a second strong one inside it opens a teaser."""
    if after_bullet and (is_headline_like(line) or _QUESTION_LED.match(line)):
        return True
    split = split_dateline(line)
    return split is not None and bool(split[1]) and _strong(split[0])


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
        if reasons[i] in ("related-links", "teaser") and first_prose is not None:
            break  # a dateline after a link box belongs to a teaser, not to the article
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


def _own_reason(line: str) -> str | None:
    """Why a line is furniture by itself, wherever it stands (a date stamp: "date-line")."""
    return "date-line" if publication_date(line) else boilerplate_reason(line)


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
    if n >= 4 and is_title_case(text) and is_headline_like(text):
        return "headline"
    return None


def _strip_leading(
    body: list[Line], removed: Removed
) -> tuple[tuple[int, Dateline] | None, str | None]:
    """Leading boilerplate, date lines and datelines of the body, stripped until none is
    left. The first dateline is returned with its line; a second one is only recorded."""
    dateline: tuple[int, Dateline] | None = None
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
                dateline = (position, found)
            else:  # a second dateline ("JAKARTA, KOMPAS.com - Jakarta - ..."): keep a record
                removed.append((position, Removal(found.text, "dateline")))
            if rest:
                body[0] = (position, rest)
                continue
        else:
            break
        del body[0]
    return dateline, published


# --- furniture inside the body -------------------------------------------------------------


def _classify_body(body: list[Line], seen: set[str], removed: Removed) -> None:
    """Drop the furniture inside the body (in place): boilerplate lines, repeats, related
    headlines, teaser boxes, everything after a terminal marker, and the stray labels
    left standing among them."""
    kept, dropped = _drop_furniture_lines(body, seen, removed)
    strays = {body[i][0] for i in _stray_labels(body, dropped)}
    removed.extend(
        (position, Removal(line, "widget")) for position, line in kept if position in strays
    )
    body[:] = [(position, line) for position, line in kept if position not in strays]


@dataclass(frozen=True, slots=True)
class _Above:
    """What the line right above says about the next line of the body."""

    link_header: bool = False  # a removed link-box header or headline: more headlines follow
    bullet: bool = False  # a bare bullet: a teaser list follows
    open_sentence: bool = False  # a kept line cut mid-sentence: the next one continues it


def _drop_furniture_lines(
    body: Sequence[Line], seen: set[str], removed: Removed
) -> tuple[list[Line], set[int]]:
    """The body lines kept (glued tails cut off) and the indexes into `body` of those
    dropped, judging each line by itself and by what stands right above it."""
    kept: list[Line] = []
    dropped: set[int] = set()
    above = _Above()
    for i, (position, line) in enumerate(body):
        marker = terminal_reason(line) if i > 0 else None
        if marker is not None:
            removed.extend(_rest_of_page(body[i:], marker))
            dropped.update(range(i, len(body)))
            break
        glued = glued_tail(line)
        if glued is not None:
            line, tail, tail_reason = glued
            removed.append((position, Removal(tail, tail_reason)))
        reason = _own_reason(line) if i == 0 else _in_body_reason(line, seen, above)
        above = _Above(
            # Only a removed header opens a link box: what is kept never changes what follows.
            link_header=reason == "related-links"
            and (is_linked_headline(line) or bool(LINK_HEADER.fullmatch(line))),
            bullet=bool(_BULLET.fullmatch(line)),
            # A long line cut mid-sentence continues on the next line (a wrapped paragraph).
            open_sentence=reason is None and not ends_sentence(line) and len(words(line)) >= 8,
        )
        if reason is not None:
            removed.append((position, Removal(line, reason)))
            dropped.add(i)
            continue
        seen.add(line)
        kept.append((position, line))
    return kept, dropped


def _rest_of_page(tail: Sequence[Line], marker: str) -> Removed:
    """Everything from a terminal marker on, each line with its own reason if it has one,
    else that of the last marker above it: each marker names what follows it."""
    removed: Removed = []
    for position, line in tail:
        marker = terminal_reason(line) or marker
        removed.append((position, Removal(line, boilerplate_reason(line) or marker)))
    return removed


def _in_body_reason(line: str, seen: set[str], above: _Above) -> str | None:
    """Why a body line below the first is furniture, or None: by itself, as a repeat of a
    line already seen, or by what stands above it. A line that continues an open sentence
    is not judged by its shape."""
    reason = _own_reason(line)
    if reason is not None:
        return reason
    if line in seen and len(words(line)) >= 4:
        return "repeat"
    if _is_teaser(line, after_bullet=above.bullet):
        return "teaser"
    if above.link_header and is_linked_headline(line):
        return "related-links"
    if above.open_sentence:
        return None
    return _body_reason(line)


def _stray_labels(body: Sequence[Line], dropped: set[int]) -> set[int]:
    """Indexes of short lines with no sentence in them standing among removed lines: part
    of the same furniture (widget labels, a name under a byline, the end of a menu).
    Between paragraphs such lines are sub-headings and stay."""
    return _labels_at_the_end(body, dropped) | _labels_between_removed(body, dropped)


def _labels_at_the_end(body: Sequence[Line], dropped: set[int]) -> set[int]:
    """From the end back, past removed lines: labels, once something was removed."""
    labels: set[int] = set()
    for i in range(len(body) - 1, 0, -1):
        if i in dropped:
            continue
        last = i + 1 == len(body)
        if not (_is_stray_label(body[i][1]) and (not last or i - 1 in dropped)):
            break
        labels.add(i)
    return labels


def _labels_between_removed(body: Sequence[Line], dropped: set[int]) -> set[int]:
    """Runs of labels with a removed line right above and a removed line (or the end)
    right below."""
    labels: set[int] = set()
    run: list[int] = []
    for i in range(1, len(body) + 1):
        if i < len(body) and i not in dropped and _is_stray_label(body[i][1]):
            run.append(i)
            continue
        if run and run[0] - 1 in dropped and (i == len(body) or i in dropped):
            labels.update(run)
        run = []
    return labels


def _is_stray_label(line: str) -> bool:
    return (
        len(words(line)) <= 3
        and not ends_sentence(line)
        and not starts_with_quote(line)
        and not _LIST_ITEM.match(line)
    )


# --- one pass over the lines ---------------------------------------------------------------


def _one_pass(lines: list[Line], url: str | None, *, title_given: bool) -> _Blocks:
    """Title, body and removals of one pass over `lines` (see the module docstring)."""
    if title_given:
        return _pass_under_given_title(lines)
    reasons = [_own_reason(text) for _, text in lines]
    published = next(filter(None, (publication_date(text) for _, text in lines)), None)
    start = _body_start(lines, reasons)
    if start is None:
        return _pass_without_paragraph(lines, reasons, published)
    removed: Removed = []
    title = _title_above(lines[:start], reasons, url, removed)
    body = list(lines[start:])
    dateline, stated = _strip_leading(body, removed)
    _classify_body(body, {text for _, text in lines[:start]}, removed)
    return _Blocks(title, body, removed, dateline, published or stated)


def _pass_under_given_title(lines: list[Line]) -> _Blocks:
    """A pass where the first line is the title metadata gave (HTML). The body starts where
    a text scrape's would; what stands above it (a kicker, a date line, a caption, the
    headline again) is dropped."""
    title, rest = lines[0], lines[1:]
    reasons = [_own_reason(text) for _, text in rest]
    first = _body_start(rest, reasons) or 0
    removed: Removed = [
        (position, Removal(text, reason or _top_reason(text, title[1])))
        for (position, text), reason in zip(rest[:first], reasons, strict=False)
    ]
    body = list(rest[first:])
    dateline, stated = _strip_leading(body, removed)
    _classify_body(body, {title[1]}, removed)
    return _Blocks(title, body, removed, dateline, stated)


def _pass_without_paragraph(
    lines: list[Line], reasons: Sequence[str | None], published: str | None
) -> _Blocks:
    """A pass where no line reads as a paragraph: the first line not furniture by itself
    is the title, the others are the body."""
    kept = [line for line, reason in zip(lines, reasons, strict=True) if reason is None]
    removed: Removed = [
        (position, Removal(text, reason))
        for (position, text), reason in zip(lines, reasons, strict=True)
        if reason is not None
    ]
    if not kept:
        raise InputError(_ALL_FURNITURE)
    body = kept[1:]
    dateline, stated = _strip_leading(body, removed)
    return _Blocks(kept[0], body, removed, dateline, published or stated)


def _title_above(
    top: Sequence[Line], reasons: Sequence[str | None], url: str | None, removed: Removed
) -> Line | None:
    """The headline among the lines above the body (`title.choose_title`), or None; every
    other line there goes to `removed` with its reason."""
    candidates = [
        TopLine(
            text,
            # A long headline without a full stop may read as prose: it stays a candidate.
            furniture=reason is not None
            or is_credit(text)
            or is_caption(text)
            or (is_prose(text) and (ends_sentence(text) or not is_headline_like(text))),
            anchor=reason in ("byline", "date-line"),
        )
        for (_, text), reason in zip(top, reasons, strict=False)
    ]
    chosen = choose_title(candidates, url=url)
    title = top[chosen] if chosen is not None else None
    for i, (position, text) in enumerate(top):
        if i != chosen:
            reason = reasons[i] or _top_reason(text, title[1] if title else None)
            removed.append((position, Removal(text, reason)))
    return title


def _split_blocks(cleaned: str, url: str | None = None, *, title_given: bool = False) -> _Blocks:
    """Passes over the non-empty lines of `cleaned` until one removes nothing."""
    lines = [(n, line) for n, line in enumerate(cleaned.split("\n")) if line]
    if not lines:
        raise InputError("no text left after cleaning: nothing to parse")
    # Passes until nothing more is removed: the result is then a fixed point by
    # construction (parsing the canonical text runs the last pass again, on the same lines).
    removed: Removed = []
    dateline: tuple[int, Dateline] | None = None
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
    return _Blocks(result.title, result.body, removed, dateline, published)


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """What the parser made of one source line (for `annotate parse --explain`)."""

    number: int  # 1-based line number in the cleaned source
    text: str
    verdict: str  # "title", "kept", "dropped" or "blank"
    notes: tuple[str, ...]  # the reason a line was dropped, or what was cut off a kept line


def explain_text(raw: str, *, url: str | None = None) -> tuple[tuple[LineVerdict, ...], str]:
    """Each source line of a text scrape with its verdict, and a sentence on the title."""
    cleaned = clean_characters(raw)
    blocks = _split_blocks(cleaned, url)
    notes: dict[int, list[str]] = {}
    if blocks.dateline:
        position, dateline = blocks.dateline
        notes[position] = [f"dateline: {dateline.text!r}"]
    for position, removal in blocks.removed:
        notes.setdefault(position, []).append(f"{removal.reason}: {removal.text!r}")
    kept = {position for position, _ in blocks.body}
    title_at = blocks.title[0] if blocks.title else None
    verdicts = []
    for position, line in enumerate(cleaned.split("\n")):
        here = notes.get(position, [])
        if not line:
            verdict, here = "blank", []
        elif position == title_at:
            verdict = "title"
        elif position in kept:
            verdict = "kept"
        else:
            verdict = "dropped"
            here = [note.split(":", 1)[0] for note in here[-1:]] or ["?"]
        verdicts.append(LineVerdict(position + 1, line, verdict, tuple(here)))
    about = (
        f"title: line {title_at + 1}"
        if title_at is not None
        else "title: none (no line above the body reads as a headline: repeated, right above "
        "a byline, date stamp or dateline, or matching the URL)"
    )
    return tuple(verdicts), about


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
    title = blocks.title[1] if blocks.title else None
    body = [line for _, line in blocks.body]
    text, paragraphs = _assemble([title, *body] if title else body)
    dateline = blocks.dateline[1] if blocks.dateline else None
    dateline_outlet = dateline.outlet if dateline else None
    # Without a title the id takes its slug from the first paragraph.
    slug_source = title or body[0]
    return Article(
        id=article_id(slug_source, url.encode("utf-8") if url else source),
        text=text,
        title=title,
        outlet=dateline_outlet or outlet,
        dateline=dateline,
        published=blocks.published or published,
        url=url,
        paragraphs=paragraphs,
        removed=(*bidi_removal(raw), *(removal for _, removal in blocks.removed)),
        source=Source(source_format, hashlib.sha256(source).hexdigest()),
    )
