"""Datelines recognised from the markup: a bold run or a paragraph of its own. Pure.

The text splitter (`dateline.split_dateline`) needs a dash to know where a dateline ends.
On an HTML page the markup says it instead: "<b>Outlet.com, Kota</b> Kalimat..." or
"<p><strong>Kota, (Outlet.com)-</strong></p>" end where the element ends, so the words
only have to read as a dateline: a few capitalised words or outlet names, with a dash,
an outlet or capitals to tell them from a bold name opening a sentence.
"""

from __future__ import annotations

import re

from annotate.parse.dateline import KNOWN_OUTLETS
from corpus.records import Dateline

_DASH_END = re.compile(r"\s*(?:--|[-‐‑‒–—―])\s*$")
_DASH_START = re.compile(r"\s*(?:--|[-‐‑‒–—―])\s")
_DATELINE_WORD = re.compile(r"[A-Z0-9][\w.'’&-]*|[a-z][\w-]*\.[a-z.]{2,6}")
_WORD_PUNCTUATION = "(),-‐‑‒–—―"
_DOMAIN = re.compile(r"\.(com|co|id|net|tv|news|co\.id)\b", re.I)


def _is_outlet(part: str) -> bool:
    return bool(_DOMAIN.search(part)) or part.casefold() in KNOWN_OUTLETS


def _dateline_parts(lead: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,()]+", _DASH_END.sub("", lead)) if p.strip()]


def markup_dateline(lead: str, rest: str) -> Dateline | None:
    """`lead` (a bold run, or a paragraph of its own) as a dateline, if it reads as one."""
    words = lead.split()
    if not words or len(words) > 6 or len(lead) > 50:
        return None
    bare = [w.strip(_WORD_PUNCTUATION) for w in words]
    if not all(_DATELINE_WORD.fullmatch(w) for w in bare if w):
        return None
    parts = _dateline_parts(lead)
    letters = re.sub(r"[^A-Za-z]", "", lead)
    if not (
        _DASH_END.search(lead)
        or _DASH_START.match(rest)
        or any(_is_outlet(p) for p in parts)
        or (letters.isupper() and len(words) <= 3)
    ):
        return None
    rest = rest.lstrip(" -‐‑‒–—―")
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“'‘"):
        return None
    outlet = next((p for p in parts if _is_outlet(p)), None)
    place = next((p for p in parts if p != outlet), None)
    return Dateline(outlet, place, lead.strip())
