"""Datelines ("JAKARTA, KOMPAS.com - ") split off the first body paragraph.

Pure, but for reading the place gazetteer once (to tell a place from an outlet).
"""

from __future__ import annotations

import re
from functools import cache

from corpus.records import Dateline

# A hyphen-minus separates a dateline only with spaces around it ("Jakarta - "), never inside
# a name ("Kassym-Jomart"); double hyphens and long dashes may touch the words. A dateline
# that is a line of its own ends with its dash ("Jakarta -").
_DASH = r"(?:\s+(?:--|[-‐‑‒–—―])(?:\s+|$)|\s*(?:--|[–—―])\s*)"
# A colon ends a dateline too ("JAKARTA (Waspada): ", "medcom.id,Jakarta: ").
_COLON = r"(?:\s*:\s*)"
_WORD = r"(?:[A-Z0-9][\w.'’&]*|[a-z][\w]*\.(?:com|co|id|net|tv|news|co\.id)\b|[a-z]+[A-Z][\w.]*)"
_PART = rf"{_WORD}(?:[ -]{_WORD}){{0,3}}"
_DATELINE_PATTERNS = (
    # "Sibolga, Sumut, 12/3 (Antara) - ": place, province, day/month, (agency)
    re.compile(
        rf"(?P<place>{_PART})(?:\s*,\s*{_PART})?\s*,\s*\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
        rf"\s*\((?P<outlet>(?=[A-Za-z]){_PART})\)(?:{_DASH}|{_COLON})"
    ),
    # "Jakarta (ANTARA) - ", "JAKARTA (Waspada): "
    # "Mangupura, (Metrobali.com)- ": after the bracket a hyphen may touch it
    re.compile(
        rf"(?P<place>{_PART})\s*,?\s*\((?P<outlet>(?=[A-Za-z]){_PART})\)(?:{_DASH}|{_COLON}|\s*-\s*)"
    ),
    # "JAKARTA, KOMPAS.com - ", "TEMPO.CO, Jakarta - ", "Jakarta, CNN Indonesia -- ",
    # "medcom.id,Jakarta: "
    re.compile(rf"(?P<a>{_PART})\s*,\s*(?P<b>{_PART})(?:{_DASH}|(?P<colon>{_COLON}))"),
    # "Jakarta - " (detik), "Suara.com - ", "GagasanRiau.com Pekanbaru - "
    re.compile(rf"(?P<a>{_PART}){_DASH}"),
    # "BALIKPAPAN-Hujan deras ...": a place in capitals glued to the sentence by a hyphen
    re.compile(r"(?P<a>[A-Z]{3,}(?: [A-Z]{3,}){0,2})-(?=[A-Z\"“])(?P<known>)"),
    # "Tempo.co, Jakarta Polisi menangkap ...": an outlet, a place, and no dash at all
    re.compile(rf"(?P<a>{_WORD})\s*,\s*(?P<b>[A-Z][\w.]*)\s+(?=[A-Z\"“])(?P<nodash>)"),
    # "JAKARTA." alone on a line
    re.compile(r"(?P<a>[A-Z]{3,}(?: [A-Z]{3,}){0,2})\s*[.:]$(?P<known>)"),
)
_DOMAIN = re.compile(r"\.(com|co|id|net|tv|news)\b|^detik", re.IGNORECASE)
_BRAND = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
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


@cache
def _places() -> frozenset[str]:
    from annotate.rules.gazetteer import GAZETTEER_DIR, read_entries

    return frozenset(
        entry.casefold()
        for name in ("places_cities.txt", "places_provinces.txt")
        for entry in read_entries(GAZETTEER_DIR / name)
    )


def _is_outlet(part: str) -> bool:
    return bool(_DOMAIN.search(part)) or part.casefold() in KNOWN_OUTLETS


def looks_like_outlet(part: str) -> bool:
    """A known outlet, a domain, or a brand spelled with inner capitals ("DDTCNews")."""
    return _is_outlet(part) or bool(_BRAND.search(part))


def is_place(part: str) -> bool:
    return part.casefold() in _places()


def _outlet_and_place(a: str, b: str) -> tuple[str, str]:
    """Which of two dateline parts is the outlet: the one that looks like an outlet, or the
    one that is not a known place; else the longer one (a place is usually one word)."""
    for outlet_test in (_is_outlet, looks_like_outlet):
        if outlet_test(a) != outlet_test(b):
            return (a, b) if outlet_test(a) else (b, a)
    if is_place(a) != is_place(b):
        return (b, a) if is_place(a) else (a, b)
    if len(a.split()) == 1 and len(b.split()) > 1:
        return b, a
    return a, b


def _single(part: str) -> tuple[str | None, str | None]:
    """(outlet, place) of a one-part dateline: "Suara.com", "Jakarta", "GagasanRiau.com
    Pekanbaru" (an outlet and a place without a comma)."""
    first, _, others = part.partition(" ")
    if others and _DOMAIN.search(first) and not _DOMAIN.search(others):
        return first, others
    return (part, None) if looks_like_outlet(part) else (None, part)


def split_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Split a leading dateline off `paragraph`: (dateline, rest), or None if there is none."""
    for pattern in _DATELINE_PATTERNS:
        m = pattern.match(paragraph)
        if not m:
            continue
        rest = paragraph[m.end() :].strip()
        # The rest must read as the start of a sentence, not the tail of a name or title.
        if rest and rest[0].islower():
            continue
        text = paragraph[: m.end()].rstrip()
        groups = m.groupdict()
        if "place" in groups:
            return Dateline(m["outlet"], m["place"], text), rest
        if "b" not in groups:
            a = m["a"]
            if "known" in groups and not is_place(a):
                continue  # "KPK-Polri ...", "BPS.": only a known place is glued or alone
            if len(a.split()) > 3 or (not rest and not a.isupper() and text[-1] not in "-‐‑‒–—―"):
                continue
            outlet, place = _single(a)
            return Dateline(outlet, place, text), rest
        a, b = m["a"], m["b"]
        if (groups.get("colon") is not None or groups.get("nodash") is not None) and not (
            looks_like_outlet(a) or looks_like_outlet(b)
        ):
            continue  # "Menurut Budi, Presiden: ..." is a sentence, not a dateline
        outlet, place = _outlet_and_place(a, b)
        return Dateline(outlet, place, text), rest
    return None
