"""Choosing the title of a scraped page from evidence, not from its position. Pure.

A scrape starts with whatever the page showed above the article: menus, a section label,
an app prompt, the headline, a standfirst, a byline, a date stamp, a photo and its credit.
The headline is the headline-like line (see `lines.is_headline_like`) that

* comes last before an anchor: a byline, a date stamp, the dateline or the first body
  paragraph (furniture, credits and captions in between do not count);
* is printed twice near the top (pages repeat the headline over the photo);
* agrees with the URL slug, when the URL is known;

and is long enough to be a headline rather than a menu item. A page whose lines before the
body have none of this evidence has no title (`None`): a banner is never taken for one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from annotate.parse.lines import is_headline_like, is_title_case, words

_SLUG_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class TopLine:
    """A line above the body, as the title chooser sees it."""

    text: str
    furniture: bool  # boilerplate, a credit, a caption or prose: never the title
    anchor: bool  # a byline or date stamp: the headline stands right above it


def _ascii_words(text: str) -> set[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return set(_SLUG_WORD.findall(ascii_text))


def url_slug_words(url: str | None) -> set[str]:
    """Words of the URL's slug ("/read/2024/01/15/banjir-rendam-43-rt" -> banjir, rendam, ...)."""
    if not url:
        return set()
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    segments = [s for s in path.split("/")[3:] if "-" in s]
    if not segments:
        return set()
    slug = max(segments, key=len).rsplit(".", 1)[0]
    return {w for w in _ascii_words(slug) if not w.isdigit()}


def title_score(line: TopLine, *, repeated: bool, last_before_anchor: bool, slug: set[str]) -> int:
    """Evidence that `line` is the headline; 0 or less is none."""
    n = len(words(line.text))
    score = 3 * (repeated and n >= 3) + 3 * last_before_anchor
    if slug and len(slug & _ascii_words(line.text)) >= 0.6 * len(slug):
        score += 5  # the strongest evidence there is
    score += 1 if 4 <= n <= 20 else -3 if n <= 2 else -2 if n > 25 else 0
    score += is_title_case(line.text)
    return score


def choose_title(top: Sequence[TopLine], *, url: str | None = None) -> int | None:
    """Index of the headline among the lines above the body (the body follows the last one),
    or None when none of them has the evidence of a headline."""
    candidates = [
        i for i, line in enumerate(top) if not line.furniture and is_headline_like(line.text)
    ]
    if not candidates:
        return None
    counts = Counter(top[i].text for i in candidates)
    slug = url_slug_words(url)
    # The candidate standing last before each anchor (and before the body, the last anchor).
    anchored: set[int] = set()
    last: int | None = None
    for i, line in enumerate(top):
        if line.anchor and last is not None:
            anchored.add(last)
        if i in candidates:
            last = i
    if last is not None:
        anchored.add(last)
    best: tuple[int, int] | None = None
    for i in candidates:
        score = title_score(
            top[i], repeated=counts[top[i].text] > 1, last_before_anchor=i in anchored, slug=slug
        )
        if score > 0 and (best is None or score >= best[0]):
            best = (score, i)
    if best is None:
        return None
    # A headline printed twice is reported where it first stands.
    chosen = top[best[1]].text
    return next(i for i in candidates if top[i].text == chosen)
