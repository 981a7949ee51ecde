"""HTML pages: trafilatura finds the article, the page's markup settles its edges. Pure.

1. Hidden elements, captions and in-body link boxes are marked on the parsed page
   (`html_tree`) and left out of what trafilatura sees.
2. The headline and the publication date come from the metadata and the headings
   (`html_meta`): site names stripped, the date as written.
3. trafilatura's paragraphs are the body; its start is settled against the page's visible
   text (`html_body`): a lead left out is taken back, furniture above the body and the
   headline repeated go to `removed`, a dateline in its own element is recognised.
4. `parse_text` assembles the Article as for a text scrape; `removed` lists what this
   module cut before it, then what `parse_text` cut, then in-body furniture.
"""

from __future__ import annotations

import dataclasses
import re

from annotate.parse.article import parse_text
from annotate.parse.clean import bidi_removal
from annotate.parse.html_body import (
    extracted_paragraphs,
    in_body_furniture,
    settle_lead,
)
from annotate.parse.html_meta import choose_title, read_meta, strip_site_name
from annotate.parse.html_tree import comparable, mark_furniture, visible_blocks, without_marked
from corpus.errors import InputError
from corpus.records import Article

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_START.match(raw[:4096]))


def parse_html(html: str, *, source_bytes: bytes | None = None, url: str | None = None) -> Article:
    """Parse an HTML news page into an `Article` (see the module docstring for how)."""
    import trafilatura  # lazy: lxml and friends take a while to import
    from trafilatura.utils import load_html

    root = load_html(html)
    if root is None:
        raise InputError("HTML page could not be parsed")
    mark_furniture(root)
    meta = read_meta(root, url=url)
    extracted = trafilatura.bare_extraction(
        without_marked(root),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_formatting=True,
        favor_precision=True,
    )
    if isinstance(extracted, dict):  # only with as_dict=True, which we never pass
        raise TypeError("trafilatura returned a dict; expected a Document")
    body_tree = extracted.body if extracted is not None else None
    paras = extracted_paragraphs(body_tree) if body_tree is not None else []
    if extracted is None or not paras:
        raise InputError("HTML page has no article text that could be extracted")

    site_names = (*meta.site_names, *([extracted.sitename] if extracted.sitename else []))
    meta = dataclasses.replace(meta, site_names=site_names)
    title = choose_title(meta, extracted.title)
    if not title:
        title = paras.pop(0).text
    title_keys = {comparable(t) for t in (title, *meta.titles, extracted.title or "")}
    title_keys |= {comparable(strip_site_name(t, site_names)) for t in meta.titles}
    title_keys.discard("")

    lead = settle_lead(paras, visible_blocks(root), title_keys)
    body, in_body_removed = in_body_furniture(lead.paragraphs)
    if not body:
        raise InputError("HTML page has no article text left after removing page furniture")
    article = parse_text(
        "\n".join([title, *body]),
        url=url or extracted.url,
        source_bytes=source_bytes if source_bytes is not None else html.encode("utf-8"),
        source_format="html",
        outlet=_outlet_name(extracted.sitename),
        published=(
            meta.published or lead.published or meta.published_in_page or _iso_day(extracted.date)
        ),
    )
    dateline, outlet = article.dateline, article.outlet
    if dateline is None and lead.dateline is not None:
        dateline, outlet = lead.dateline, lead.dateline.outlet or outlet
    return dataclasses.replace(
        article,
        dateline=dateline,
        outlet=outlet,
        removed=(*bidi_removal(html), *lead.removed, *article.removed, *in_body_removed),
    )


def _iso_day(value: str | None) -> str | None:
    """trafilatura's date guess; a bare year (a copyright line) comes back as 1 January."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and not value.endswith("-01-01"):
        return value
    return None


def _outlet_name(site_name: str | None) -> str | None:
    """The outlet's name from a site name with a tagline ("Outlet.com: Berita Terkini")."""
    if not site_name:
        return None
    return re.split(r"\s*:\s+|\s+[-–—|]\s+", site_name)[0].strip() or None
