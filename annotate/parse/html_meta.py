"""Headline and publication date from an HTML page's metadata and headings. Pure.

Pages state the headline several times: `og:title`, `twitter:title`, `<title>` (these
usually carry the site name: "Judul - Kompas.com", "Kompas.com | Judul") and the headline
heading itself, which is usually the `<h1>` but may be an `<h2>` when the `<h1>` is the
site's or the channel's name. The title is the heading that agrees with the metadata once
the site name is stripped from it, else the stripped metadata.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from annotate.parse.clean import clean_characters
from annotate.parse.dateline import KNOWN_OUTLETS
from annotate.parse.html_tree import Element, comparable, iter_headings

# Separators between a headline and the site name; a hyphen only with spaces around it.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|•|»|::?)\s+")
_DOMAIN = re.compile(
    r"[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|co|id|net|org|tv|news|info|web\.id)", re.I
)
# Host name labels that are no site name ("m.outlet.co.id" -> "outlet").
_TLD_LABELS = frozenset({"www", "m", "amp", "com", "co", "id", "net", "org", "tv", "news"})
KNOWN_OUTLETS_KEYS = frozenset(comparable(name) for name in KNOWN_OUTLETS)
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself, read from <head> and the headings."""

    titles: tuple[str, ...]  # og:title, twitter:title, <title>, as written
    headings: tuple[str, ...]  # visible <h1> then <h2> texts, in page order per tag
    site_names: tuple[str, ...]  # og:site_name, application-name, hostname labels
    url: str | None  # og:url or the canonical link
    published: str | None  # from date metadata (meta tags, itemprop, JSON-LD)
    published_in_page: str | None  # from a <time> or Blogger <abbr> in the page: weaker


def _meta(root: Element, *keys: str) -> list[str]:
    values = []
    for key in keys:
        for element in root.xpath(f"//meta[@property='{key}' or @name='{key}']"):
            content = " ".join(clean_characters(str(element.get("content") or "")).split())
            if content:
                values.append(content)
    return values


def _site_keys(site_names: Iterable[str]) -> set[str]:
    keys = set()
    for name in site_names:
        for variant in (name, name.split(":")[0]):  # "Outlet.com: Berita Terkini Kota"
            keys.add(comparable(variant))
            keys.add(comparable(_DOMAIN.sub(lambda m: m[0].split(".")[0], variant)))
    keys.discard("")
    return keys


def _is_site_name(segment: str, keys: set[str]) -> bool:
    """A site name, alone or with a channel or tagline after it ("Outlet News")."""
    if _DOMAIN.fullmatch(segment.strip()):
        return True
    words = segment.split()
    for candidate in (segment, *(words[:1] if len(words) <= 3 else [])):
        if comparable(candidate) in keys:
            return True
        if comparable(_DOMAIN.sub(lambda m: m[0].split(".")[0], candidate)) in keys:
            return True
    return False


def _segments(title: str) -> tuple[list[str], list[str]]:
    return _SEPARATOR.split(title), _SEPARATOR.findall(title)


def strip_site_name(title: str, site_names: Iterable[str]) -> str:
    """`title` without a site name at either end ("Judul | merdeka.com" -> "Judul").

    What follows a site name at the end goes with it ("Judul | Outlet - Berita Terkini").
    """
    keys = _site_keys(site_names) | KNOWN_OUTLETS_KEYS
    parts, seps = _segments(title)
    start, end = 0, len(parts)
    while end - start > 1 and _is_site_name(parts[start], keys):
        start += 1
    end = next((i for i in range(start + 1, end) if _is_site_name(parts[i], keys)), end)
    kept = parts[start]
    for i in range(start + 1, end):
        kept += seps[i - 1] + parts[i]
    return kept.strip()


def _heading_in(candidate: str, heading: str) -> bool:
    """`heading` is the whole of `candidate` or a run of its segments at either end."""
    key = comparable(heading)
    if not key:
        return False
    if comparable(candidate) == key:
        return True
    if len(heading.split()) < 3:  # a channel name ("Megapolitan") is no headline
        return False
    parts, _ = _segments(candidate)
    return any(
        comparable(" ".join(parts[:i])) == key or comparable(" ".join(parts[i:])) == key
        for i in range(1, len(parts))
    )


def _host_labels(url: str | None) -> list[str]:
    host = urlsplit(url or "").hostname or ""
    labels = [label for label in host.split(".") if label and label not in _TLD_LABELS]
    return [*labels, ".".join(labels)] if labels else []


def read_meta(root: Element, *, url: str | None) -> PageMeta:
    """Title candidates, headings, site names and the publication date of a page."""
    titles = _meta(root, "og:title", "twitter:title")
    title_tag = root.find(".//title")
    if title_tag is not None:
        text = " ".join(clean_characters(str(title_tag.text_content())).split())
        if text:
            titles.append(text)
    canonical = [str(e.get("href")) for e in root.xpath("//link[@rel='canonical'][@href]")]
    page_url = url or next(iter(_meta(root, "og:url") + canonical), None)
    site_names = _meta(root, "og:site_name", "application-name", "twitter:site")
    site_names = [name.lstrip("@") for name in site_names] + _host_labels(page_url)
    h1s = [text for tag, text in iter_headings(root) if tag == "h1"]
    h2s = [text for tag, text in iter_headings(root) if tag == "h2"]
    return PageMeta(
        tuple(titles),
        tuple(h1s + h2s),
        tuple(site_names),
        page_url,
        _first_date([str(v) for xpath in _DATE_XPATHS for v in root.xpath(xpath)])
        or _first_date(_json_ld_dates(root)),
        _first_date([str(v) for xpath in _IN_PAGE_XPATHS for v in root.xpath(xpath)]),
    )


def choose_title(meta: PageMeta, fallback: str | None) -> str | None:
    """The headline: a heading that agrees with the stripped metadata, else the metadata.

    `fallback` (trafilatura's guess) counts only when the page has no title metadata.
    """
    candidates = [strip_site_name(t, meta.site_names) for t in meta.titles]
    if not any(candidates) and fallback:
        candidates = [strip_site_name(fallback, meta.site_names)]
    for candidate in candidates:
        for heading in meta.headings:
            if comparable(heading) == comparable(candidate) != "":
                return heading
    for candidate in meta.titles:  # the headline is one end of a title with a tagline
        for heading in meta.headings:
            if _heading_in(candidate, heading):
                return heading
    for candidate in candidates:  # reworded for search engines: the heading shown wins
        for heading in meta.headings:
            if _shared_words(heading, candidate) >= _SAME_HEADLINE:
                return heading
    for candidate in candidates:
        if candidate:
            return candidate
    return meta.headings[0] if meta.headings else None


_SAME_HEADLINE = 0.5  # share of words two wordings of one headline have in common


def _shared_words(heading: str, candidate: str) -> float:
    a, b = (
        set(re.findall(r"\w+", heading.casefold())),
        set(re.findall(r"\w+", candidate.casefold())),
    )
    if len(a) < 3 or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


# Where pages state their publication time, most specific first. The date is taken as
# written: offsets are often wrong ("11:38-07:00" for a WIB time), the written date is not.
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//*[@itemprop='datePublished']/@content",
    "//meta[@name='publishdate' or @name='pubdate' or @name='publish-date']/@content",
    "//time[@datetime][contains(@class, 'publish') or @pubdate]/@datetime",
)
_IN_PAGE_XPATHS = (
    "//body//time[@datetime]/@datetime",
    "//abbr[contains(@class, 'published') or contains(@class, 'updated')]/@title",
)


def _iso_date(value: str) -> str | None:
    m = _ISO_DATE.match(value)
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def _json_ld_dates(root: Element) -> list[str]:
    found = []
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str):
                    found.append(value)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(reversed(item))
    return found


def _first_date(values: list[str]) -> str | None:
    return next((day for day in map(_iso_date, values) if day is not None), None)
