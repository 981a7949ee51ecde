"""Strings as the page scorer compares and shows them. Pure.

`normalise`: NFC, invisible characters out, curly quotes straight, whitespace runs to one
space; datelines also compared ignoring case and the kind of dash.
"""

from __future__ import annotations

import re
import unicodedata

SHOWN_CHARS = 80
"""Longest string shown in an error line (longer ones are cut in the middle)."""


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
_STRAIGHT = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f", '"'),
    }
)
# Any dash between the parts of a dateline ("Medan, Outlet -", "Medan, Outlet –", "Medan--").
_DATELINE_DASH = re.compile(r"\s*(?:--|[-\u2010-\u2015])\s*")


def normalise(text: str | None) -> str:
    """NFC, invisible characters removed, curly quotes straight, whitespace runs to one space.

    Scrapes and parsers differ in exactly these (a zero-width space, a non-breaking space, a
    typographic quote), none of which a reader sees.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_STRAIGHT)
    return " ".join(text.split())


def dateline_key(text: str | None) -> str:
    """A dateline normalised, every dash as " - ", case folded: what two datelines compare on."""
    return _DATELINE_DASH.sub(" - ", normalise(text)).strip(" -").casefold()


def fold(text: str | None) -> str | None:
    """`text` normalised and case folded (None stays None)."""
    return None if text is None else normalise(text).casefold()


def shown(text: str) -> str:
    """`text` normalised, cut in the middle when longer than SHOWN_CHARS."""
    text = normalise(text)
    if len(text) <= SHOWN_CHARS:
        return text
    half = SHOWN_CHARS // 2
    return f"{text[: half - 1]}…{text[-half + 1 :]}"


def quoted(text: str | None) -> str:
    """`text` shown in double quotes, or `none`."""
    return f'"{shown(text)}"' if text else "none"
