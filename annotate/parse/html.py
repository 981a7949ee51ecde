"""HTML pages: trafilatura finds the article body and metadata. Pure."""

from __future__ import annotations

import re

from annotate.parse.article import parse_text
from annotate.parse.clean import clean_characters
from corpus.errors import InputError
from corpus.records import Article

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
