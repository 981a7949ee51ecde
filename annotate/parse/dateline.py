"""Datelines ("JAKARTA, KOMPAS.com - ") split off the first body paragraph. Pure."""

from __future__ import annotations

import re

from corpus.records import Dateline

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
