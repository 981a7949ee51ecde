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

from annotate.parse.article import article_id, parse_text, slugify
from annotate.parse.boilerplate import boilerplate_reason
from annotate.parse.clean import MAX_BYTES, clean_characters, decode
from annotate.parse.dateline import KNOWN_OUTLETS, split_dateline
from annotate.parse.dates import publication_date
from annotate.parse.html import looks_like_html, parse_html
from corpus.errors import InputError
from corpus.records import Article

__all__ = [
    "KNOWN_OUTLETS",
    "MAX_BYTES",
    "article_id",
    "boilerplate_reason",
    "clean_characters",
    "decode",
    "looks_like_html",
    "parse_bytes",
    "parse_html",
    "parse_text",
    "publication_date",
    "slugify",
    "split_dateline",
]


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
