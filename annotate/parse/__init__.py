"""Parse raw scraped news text or HTML into an `Article`. Pure (the gazetteers that tell
places and given names are read once, on first use).

`parse_bytes` takes either; the modules, one step each:

    clean          decoding (UTF-8, UTF-16 with a BOM; empty, binary, oversized, PDF refused),
                   NFC, spaces, zero-width and bidi characters removed
    lines          features of one line: words, stop words, sentence end, title case, credit
    boilerplate    lines that are furniture wherever they stand, with the reason why
    dates          the publication date stated by a standalone date line
    dateline       "JAKARTA, KOMPAS.com - ": split off the body, place and outlet named
    title          the headline, chosen from evidence above the body (or none)
    article        `parse_text`: passes over the lines to a fixed point; the Article and its id
    html           `parse_html`: trafilatura's body with its edges settled, then `parse_text`
    html_tree      the page as shown: hidden furniture marked, visible text cut into blocks
    html_meta      headline and date from the page's metadata and headings
    html_body      where an HTML body starts, a lead trafilatura left out, in-body furniture
    html_dateline  datelines recognised from markup: a bold run or a paragraph of its own

A text scrape is whatever a browser or an index copied from a news page: menus, a section
label, the headline, a byline, a date stamp, a photo caption, the article, "Baca juga" links,
related headlines, share prompts and teaser lists. Each line is judged by general features
(`lines`: length, Indonesian stop words, sentence punctuation, title case, credits) and by
where it stands:

    Beranda / Nasional / Ekonomi                        <- menu: above the body, dropped
    Banjir Rendam Tiga Desa, Ratusan Warga Mengungsi     <- title: last headline-like line
    Oleh: Nama Penulis                                      above a byline / date stamp /
    Senin, 01 Sep 2025 11:51 WIB                            dateline (`title`); or None
    GARUT, Warta Kota - Banjir menerjang ...             <- the body starts at the dateline
    Baca juga: ...                                          (or the first paragraph); the
    Gubernur Tinjau Lokasi Banjir di Cianjur             <- dateline goes to `dateline`
    ... kata dia. (abc/def)                              <- related headline, sign-off: dropped
    Berita Terkait                                       <- from here on: boilerplate

Datelines of the common forms, with any dash (-, –, —, --) or a colon (`dateline`):
    "MATA INDONESIA, ALMATY – "   outlet, place
    "JAKARTA, KOMPAS.com - "      place, outlet
    "Jakarta (ANTARA) - "         place (outlet); "JAKARTA (Waspada): "
    "TEMPO.CO, Jakarta - "        outlet, place; "medcom.id,Jakarta: "
    "Jakarta - "                  place only (detik), also alone on its line; "KOTA." alone
    "BALIKPAPAN-"                 a place in capitals glued to the sentence
    "Suara.com - "                outlet only; "Outlet.com Kota - " without a comma
    "Kota, Prov, 31/7 (Antara) -" place, province, date, (agency)

Every dropped line is listed in `removed` with its reason; `explain_text` (and `annotate
parse --explain`) shows the verdict on each source line.

The canonical text is NFC, LF line ends, with no zero-width characters (a joiner between
two emoji excepted) and no bidi controls, every run
of spaces (including non-breaking ones) one space, each non-empty source line one
paragraph, and title (when there is one) + paragraphs separated by blank lines. Parsing
the canonical text again gives the same text (a fixed point): the parser repeats its pass
over the lines it kept until a pass removes nothing, so the canonical text is exactly what
a last pass left unchanged.
"""

from __future__ import annotations

from annotate.parse.article import LineVerdict, article_id, explain_text, parse_text, slugify
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
    "LineVerdict",
    "article_id",
    "boilerplate_reason",
    "clean_characters",
    "decode",
    "explain_text",
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
