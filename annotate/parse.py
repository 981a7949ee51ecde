"""Parse raw scraped news text or HTML into an `Article`. Pure.

Handles what Indonesian news scrapes look like:

    Terungkap, Ada Peran Asing dalam Kerusuhan di Kazakhstan      <- title (first line)
    Baca Juga                                                      <- related links: removed
    MATA INDONESIA, ALMATY – Presiden Kazakhstan, ...              <- dateline: into `dateline`
    ...
    TINGGALKAN KOMENTAR                                            <- from here on: boilerplate
    Silakan masukkan komentar anda!

Datelines of the common outlets, with any dash (-, –, —, --):
    "MATA INDONESIA, ALMATY – "   outlet, place
    "JAKARTA, KOMPAS.com - "      place, outlet
    "Jakarta (ANTARA) - "         place (outlet)
    "TEMPO.CO, Jakarta - "        outlet, place
    "Jakarta, CNN Indonesia -- "  place, outlet
    "Jakarta - "                  place only (detik)

The canonical text is NFC, LF line ends, with no zero-width characters, every run
of spaces (including non-breaking ones) one space, each non-empty source line one
paragraph, and title + blank line + paragraphs separated by blank lines. Parsing
the canonical text again gives the same text (a fixed point): every removal rule
looks at one block, or at the leading blocks until none matches.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from corpus.errors import InputError
from corpus.records import Article, Dateline, Offsets, Removal, Source

MAX_BYTES = 5_000_000
"""Largest raw input accepted: a long news page is well under 1 MB."""

# --- character-level cleanup -------------------------------------------------------------

# Zero-width characters that scrapers leave in text. U+200D (ZERO WIDTH JOINER) is kept:
# it glues combined emoji such as 👨‍👩‍👧, whose parts must stay together.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f"), None)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u0085\u2028\u2029\v\f]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but LF, NBSP and friends included
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def clean_characters(raw: str) -> str:
    """NFC, LF line ends, no zero-width or control characters, single spaces, trimmed lines."""
    text = _LINE_BREAKS.sub("\n", raw).translate(_ZERO_WIDTH)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def decode(raw: bytes, *, source: str = "<input>") -> str:
    """Decode UTF-8 bytes (BOM allowed), refusing empty, binary, oversized or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"file is {len(raw):,} bytes, larger than the {MAX_BYTES:,}-byte limit for one "
            "article; split it or check it is really an article",
            source=source,
        )
    if not raw.strip():
        raise InputError("file is empty", source=source)
    if b"\x00" in raw[:8192]:
        raise InputError(
            "file looks binary (NUL bytes); expected UTF-8 text or HTML", source=source
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid UTF-8 at byte {e.start} ({raw[e.start : e.start + 1]!r}); "
            "re-save the file as UTF-8",
            source=source,
        ) from None
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(
            f"file looks binary ({controls} control characters); expected UTF-8 text or HTML",
            source=source,
        )
    return text


# --- boilerplate -------------------------------------------------------------------------

# A line that is boilerplate wherever it appears: (reason, pattern on the whole line).
_BOILERPLATE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "related-links",
            r"(baca|lihat) (juga|pula)\b.*|baca( berita| artikel)? (selengkapnya|"
            r"lainnya|yang ini)\b.*|pilihan editor\s*:.*",
        ),
        (
            "related-links",
            r"(berita|artikel) terkait\s*:.*|((berita|artikel) (terkait|selanjutnya|"
            r"sebelumnya)|baca selanjutnya)\s*:?",
        ),
        ("advertisement", r"[-–—\s]*(advertisement|iklan|advertorial)[-–—\s]*"),
        ("advertisement", r"scroll to (continue|resume)( with content)?\.?"),
        ("advertisement", r"baca berita (dengan|tanpa) (sedikit )?iklan\b.*"),
        ("embed", r"\[gambas:[^\]]*\]"),
        ("share-follow", r"(bagikan|share)( (artikel|berita) ini)?\s*:?.{0,40}"),
        (
            "share-follow",
            r"(ikuti|follow)( kami| us)?\b.{0,60}(google news|whatsapp|telegram|"
            r"instagram|twitter|facebook|tiktok|youtube|channel)\b.{0,40}",
        ),
        (
            "share-follow",
            r"(simak|baca|dapatkan)\b.{0,120}\b(google news|whatsapp|telegram|"
            r"ponselmu|aplikasi|breaking news)\b.*",
        ),
        ("share-follow", r"simak video\b.*"),
        ("share-follow", r"(?=.{0,80}$).*\b(klik|click|tap) (di ?sini|here|link ini)\W*"),
        (
            "byline",
            r"(editor|penulis|pewarta|reporter|redaktur|penyunting|kontributor|rep|red)"
            r"\s*:.{0,80}",
        ),
        ("byline", r"\((?:[a-z]{2,6}/)+[a-z]{2,6}\)|\((ant|antara|rtr|afp|ap)\)"),
        ("copyright", r"(?=.{0,120}$).*(©|\bcopyright\b|\bhak cipta\b|all rights reserved).*"),
        ("copyright", r"dilarang (keras )?(mengambil|mengutip|menyalin) (konten|isi|berita)\b.*"),
        ("comment-form", r"silakan masukkan (komentar|nama|email|alamat)\b.*"),
        ("comment-form", r"(tinggalkan (komentar|balasan)|kirim komentar|komentar)\b.{0,20}"),
    )
)

# A line after which the rest of the page is boilerplate (comment forms, teaser lists).
_TERMINAL_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("comment-form", r"tinggalkan (komentar|balasan)|komentar( anda)?|kirim komentar"),
        (
            "teaser",
            r"berita (terbaru|terkini|terpopuler|lainnya|pilihan|terkait)|"
            r"artikel (terkait|lainnya|pilihan)|terpopuler|rekomendasi( untuk anda)?|"
            r"baca berita yang ini|baca juga berita (ini|lainnya)|"
            r"simak (berita|artikel) lainnya\b.*|(berita|artikel|topik) lainnya\b.*",
        ),
    )
)


# A related-links header standing alone ("Baca Juga", "Lihat Juga :", "Artikel Selanjutnya");
# the headlines right under it belong to the same link box.
_LINK_HEADER = re.compile(
    r"((baca|lihat) (juga|pula)|(berita|artikel) (terkait|selanjutnya|sebelumnya)|"
    r"baca selanjutnya)\s*:?",
    re.IGNORECASE,
)


def _is_headline(line: str) -> bool:
    """A short line with no sentence end: how a linked headline looks in a scrape."""
    return len(line.split()) <= 16 and not line.rstrip("\"”’'").endswith((".", "!", "?", ":"))


def boilerplate_reason(line: str) -> str | None:
    """Why `line` (one cleaned block) is boilerplate, or None if it is content."""
    for reason, pattern in _BOILERPLATE_LINES:
        if pattern.fullmatch(line):
            return reason
    return None


def _terminal_reason(line: str) -> str | None:
    for reason, pattern in _TERMINAL_MARKERS:
        if pattern.fullmatch(line.strip(" :!.")):
            return reason
    return None


# --- publication date lines --------------------------------------------------------------

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_WEEKDAY = (
    r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)"
)
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = (
    r"(?:(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:wib|wita|wit|utc|gmt)?"
    r"(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)"
)
_DATE = (
    rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}})"
    r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
)
# A whole line that only states when the article was published, e.g.
# "Senin, 15 Januari 2024 | 14:30 WIB", "Kompas.com - 15/01/2024, 14:30 WIB",
# "Diterbitkan: 2024-01-15 08.00". Dates inside sentences are event dates: never taken.
_DATE_LINE = re.compile(
    rf"(?:[\w.]+\s*[-–—|]\s*)?(?:(?:diterbitkan|dipublikasikan|diperbarui|terbit|published|"
    rf"updated|tanggal)\s*:?\s*)?(?:{_WEEKDAY}\s*,?\s*)?(?:{_DATE})"
    rf"(?:\s*[,|/-]?\s*{_TIME})?\s*[|]?\s*",
    re.IGNORECASE,
)


def publication_date(line: str) -> str | None:
    """The ISO date stated by a standalone date line, or None if `line` is not one."""
    m = _DATE_LINE.fullmatch(line)
    if not m:
        return None
    g = m.groupdict()
    if g["d1"]:
        day, month, year = int(g["d1"]), _MONTHS[g["m1"].lower().rstrip(".")], int(g["y1"])
    elif g["d2"]:
        day, month, year = int(g["d2"]), int(g["m2"]), int(g["y2"])
    else:
        day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:  # "31 Februari"
        return None


# --- datelines ---------------------------------------------------------------------------

# A hyphen-minus separates a dateline only with spaces around it ("Jakarta - "), never inside
# a name ("Kassym-Jomart"); double hyphens and long dashes may touch the words.
_DASH = r"(?:\s+(?:--|[-‐‑‒–—―])\s+|\s*(?:--|[–—―])\s*)"
_WORD = r"(?:[A-Z0-9][\w.'’&]*|[a-z][\w]*\.(?:com|co|id|net|tv|news|co\.id)\b)"
_PART = rf"{_WORD}(?:[ -]{_WORD}){{0,3}}"
_DATELINE_PATTERNS = (
    # "JAKARTA, KOMPAS.com - ", "TEMPO.CO, Jakarta - ", "Jakarta, CNN Indonesia -- "
    re.compile(rf"(?P<a>{_PART})\s*,\s*(?P<b>{_PART}){_DASH}"),
    # "Jakarta (ANTARA) - "
    re.compile(rf"(?P<place>{_PART})\s*\((?P<outlet>{_PART})\){_DASH}"),
    # "Jakarta - " (detik), "Suara.com - "
    re.compile(rf"(?P<a>{_PART})\s+(?:--|[-‐‑‒–—―])\s+"),
)
_DOMAIN = re.compile(r"\.(com|co|id|net|tv|news)\b|^detik", re.IGNORECASE)
# Outlets whose dateline name carries no domain; compared case-insensitively.
KNOWN_OUTLETS = frozenset(
    name.casefold()
    for name in (
        "Mata Indonesia",
        "ANTARA",
        "Antaranews",
        "CNN Indonesia",
        "CNBC Indonesia",
        "Kompas",
        "Tempo",
        "Republika",
        "Bisnis",
        "Kontan",
        "Katadata",
        "Kumparan",
        "IDN Times",
        "Media Indonesia",
        "Jawa Pos",
        "JawaPos",
        "Beritasatu",
        "BeritaSatu",
        "iNews",
        "Sindonews",
        "Okezone",
        "Tirto",
        "Suara",
        "Liputan6",
        "Merdeka",
        "Viva",
        "VOA Indonesia",
        "BBC News Indonesia",
        "BBC Indonesia",
        "Tribunnews",
        "Detik",
        "detikcom",
        "detikNews",
        "detikFinance",
        "Metro TV",
        "Metrotvnews",
        "RRI",
        "TVRI",
        "Investor Daily",
        "Gatra",
        "Jakarta Post",
        "The Jakarta Post",
        "Koran Tempo",
        "Harian Kompas",
        "Pikiran Rakyat",
    )
)


def _is_outlet(part: str) -> bool:
    return bool(_DOMAIN.search(part)) or part.casefold() in KNOWN_OUTLETS


def split_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Split a leading dateline off `paragraph`: (dateline, rest), or None if there is none."""
    for i, pattern in enumerate(_DATELINE_PATTERNS):
        m = pattern.match(paragraph)
        if not m:
            continue
        rest = paragraph[m.end() :]
        # The rest must read as the start of a sentence, not the tail of a name or title.
        if rest and rest[0].islower():
            continue
        text = paragraph[: m.end()].rstrip()
        if i == 1:
            return Dateline(m["outlet"], m["place"], text), rest
        if i == 2:
            a = m["a"]
            if len(a.split()) > 3:
                continue
            return (Dateline(a, None, text) if _is_outlet(a) else Dateline(None, a, text)), rest
        a, b = m["a"], m["b"]
        if _is_outlet(a) and not _is_outlet(b):
            return Dateline(a, b, text), rest
        if _is_outlet(b) and not _is_outlet(a):
            return Dateline(b, a, text), rest
        # Neither (or both) known: a place is usually one word ("ALMATY", "Jakarta").
        if len(a.split()) == 1 and len(b.split()) > 1:
            return Dateline(b, a, text), rest
        return Dateline(a, b, text), rest
    return None


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


_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_START.match(raw[:4096]))


def parse_html(html: str, *, source_bytes: bytes | None = None, url: str | None = None) -> Article:
    """Parse an HTML news page: trafilatura finds the article body and metadata."""
    import trafilatura  # lazy: lxml and friends take a while to import

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if isinstance(extracted, dict):  # only with as_dict=True, which we never pass
        raise TypeError("trafilatura returned a dict; expected a Document")
    if extracted is None or not (extracted.text or "").strip():
        raise InputError("HTML page has no article text that could be extracted")
    title = clean_characters(extracted.title or "").strip()
    body = clean_characters(extracted.text or "")
    body_lines = [line for line in body.split("\n") if line]
    if not title:
        title, body_lines = body_lines[0], body_lines[1:]
    elif body_lines and body_lines[0] == title:
        body_lines = body_lines[1:]
    published = (
        extracted.date
        if extracted.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", extracted.date)
        else None
    )
    return parse_text(
        "\n".join([title, *body_lines]),
        url=url or extracted.url,
        source_bytes=source_bytes if source_bytes is not None else html.encode("utf-8"),
        source_format="html",
        outlet=extracted.sitename,
        published=published,
    )


def parse_bytes(raw: bytes, *, source: str = "<input>", url: str | None = None) -> Article:
    """Decode and parse one input, text or HTML; errors name `source`."""
    text = decode(raw, source=source)
    try:
        if looks_like_html(text):
            return parse_html(text, source_bytes=raw, url=url)
        return parse_text(text, source_bytes=raw, url=url)
    except InputError as e:
        if e.source is None:
            raise InputError(str(e), source=source) from None
        raise
