"""Organisation names found by what stands around them, not by their capitals alone. Pure.

"pemilik kedai ‘Kopi Bu Siti’"                 a business named in quotes
"saham Astra", "klub Arema"                    a name after a context noun
"Katadata.co.id", "dilansir Kyodo"             outlets by their domain, cited sources
"Badan Meteorologi, Klimatologi, dan Geofisika", "S&P"   listed names runs cannot hold
"Polda Metro Perluas ETLE" (headline)          a body's name shortened in the headline
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from annotate.rules import lexicon
from annotate.rules.capitals import (
    TRAILING_OK,
    Run,
    word_class,
)
from annotate.rules.gazetteer import gazetteers, odd_orgs
from annotate.rules.org_names import end_without_full_stop
from annotate.rules.spans import Span, mentions


@cache
def _odd_org_keys() -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """The names that runs cannot hold (`odd_orgs`), by what to scan the text for: a rare
    character ("&" of "S&P": a one-character scan is several times faster), or a first word
    several of them share ("Kementerian "), else the whole name; with its offset in each."""
    names = sorted(odd_orgs())
    first_words = Counter(name.split(" ")[0] for name in names if " " in name)
    keys: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        rare = [c for c in name if not (c.isalnum() or c.isspace() or c in ",.-'’")]
        first = name.split(" ")[0]
        key = rare[0] if rare else f"{first} " if first_words[first] > 1 else name
        keys.setdefault(key, []).append((name, name.index(key)))
    return tuple((key, tuple(group)) for key, group in keys.items())


def odd_org_mentions(text: str) -> list[Span]:
    """`mentions` of the `odd_orgs` names, one scan per key of `_odd_org_keys`. At every
    place the key is found, each name holding it is tested; as in `mentions`, an occurrence
    overlapping the last one found of the same name is passed over."""
    found: list[Span] = []
    for key, names in _odd_org_keys():
        i = text.find(key)
        if i < 0:
            continue
        if names == ((key, 0),):  # the whole name
            found += mentions(text, (key,), i, len(text))
            continue
        next_free = dict.fromkeys([name for name, _ in names], 0)
        while i >= 0:
            for name, offset in names:
                start = i - offset
                if start >= next_free[name] and text.startswith(name, start):
                    next_free[name] = start + len(name)
                    found += mentions(text, (name,), start, start + len(name))
            i = text.find(key, i + 1)
    return found


BUSINESS_RE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.BUSINESS_NOUNS, key=len, reverse=True)) + r")"
    r" [‘'](?P<name>[A-Z][\w&.-]*(?: (?:[A-Z][\w&.-]*|&|dan|di))*)[’']"
)

_BUSINESS_NOUN_LENGTHS = sorted({len(noun) for noun in lexicon.BUSINESS_NOUNS})


def business_names(text: str) -> list[Span]:
    # A named shop or business in single quotes: "pemilik kedai ‘Kopi Bu Siti’". Scanning
    # the whole text with BUSINESS_RE is slow; it is only tried where a business noun and a
    # space stand before a quote, in text order, as `finditer` would.
    starts = set()
    for quote in "‘'":
        q = text.find(quote)
        while q >= 0:
            if text[q - 1 : q] == " ":
                for length in _BUSINESS_NOUN_LENGTHS:
                    if q > length and text[q - 1 - length : q - 1] in lexicon.BUSINESS_NOUNS:
                        starts.add(q - 1 - length)
            q = text.find(quote, q + 1)
    found = []
    end = 0
    for start in sorted(starts):
        if start >= end and (m := BUSINESS_RE.match(text, start)):
            found.append(m.span("name"))
            end = m.end()
    return found


_DOMAIN = re.compile(r"[A-Z][A-Za-z0-9-]*\.(?:co\.id|com|id|net|tv)(?!\w|\.\w)")
_DOMAIN_BEFORE = re.compile(r"[A-Za-z0-9-]*(?:\.co)?\Z")


def domain_names(text: str) -> list[Span]:
    """Outlets named by their domain: "Katadata.co.id", "Detik.com" (not handles or
    paths: nothing glued before them). Only tried where a dot and a top-level domain stand:
    a scan for a capital letter would stop at every one."""
    starts = set()
    for tld in (".com", ".id", ".net", ".tv"):
        i = text.find(tld)
        while i > 0:
            word = _DOMAIN_BEFORE.search(text, max(0, i - 40), i)
            if word is not None and word.start() < i:
                starts.add(word.start())
            i = text.find(tld, i + 1)
    found = []
    for start in sorted(starts):
        m = _DOMAIN.match(text, start)
        if m and not (start and (text[start - 1].isalnum() or text[start - 1] in "@/.-_")):
            found.append(m.span())
    return found


_CITED = re.compile(r" (?:dari )?(?P<name>[A-Z][\w-]*)\b")


def cited_sources(text: str, body_start: int) -> list[Span]:
    """A single name right after a verb that cites a source: "data yang dihimpun Bisnis",
    "dilansir Kyodo", "dikutip dari Katadata"; not a person, a place, a day or a month, and
    not one word of a longer name ("dilansir Kantor Berita X" is left to the other rules)."""
    gaz = gazetteers()
    found = []
    matches = []
    for cue in lexicon.SOURCE_CITING:  # str.find per cue: in C, and cues are rare
        i = text.find(cue, body_start)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and (m := _CITED.match(text, i + len(cue))):
                matches.append(m)
            i = text.find(cue, i + len(cue))
    for m in sorted(matches, key=lambda m: m.start()):
        name = m.group("name")
        end = m.end("name")
        if (
            re.match(r" [A-Z]|\.\w", text[end : end + 2])  # a longer name, a domain
            or word_class(name) not in "NAC"
            or name.lower() in TRAILING_OK
            or name in gaz.given_names
            or name in gaz.surnames
            or name in gaz.places
        ):
            continue
        found.append(m.span("name"))
    return found


# Classes a name after a context noun may hold: names, acronyms, organisation words and
# heads ("perusahaan Samsung Electronics", "saham Bank Mandiri", "klub Persija Jakarta").
_CONTEXT_NAME_CLASSES = frozenset("NAOEHGIcX")


# Last three letters of the context nouns: a cheap first test, run for every run.
CONTEXT_TAILS = frozenset(noun[-3:] for noun in lexicon.ORG_CONTEXT_NOUNS)


def after_context_noun(text: str, run: Run) -> tuple[Span, str] | None:
    """The run as a company, club or outlet when a context noun stands right before it:
    "saham Astra", "klub Arema", "perusahaan Yamaha Motor"; not a place ("perusahaan
    Inggris"), a person's title or a sentence word. With the noun."""
    start = run.start
    if start < 4 or text[start - 1] != " " or not text[start - 2].islower():
        return None
    before = text[max(0, start - 16) : start - 1]
    noun = before[before.rfind(" ") + 1 :]
    if noun not in lexicon.ORG_CONTEXT_NOUNS:
        return None
    classes = run.classes
    n = 0
    # "saham BMRI dan TLKM": "dan" joins two names here, it is not inside one.
    # A place may go on a name ("klub Persija Jakarta", "maskapai Garuda Indonesia").
    while (
        n < len(classes)
        and run.words[n] != "dan"
        and (classes[n] in _CONTEXT_NAME_CLASSES or (n and classes[n] == "P"))
    ):
        n += 1
    while n and classes[n - 1] in "cX":
        n -= 1
    if n == 0 or classes[0] in "cHX" or (n == 1 and classes[0] == "O"):
        return None
    if noun in lexicon.PERSON_OR_CLUB_NOUNS and not _club_name(run.words[:n], classes[:n]):
        return None
    return (start, end_without_full_stop(text, run.tokens[n - 1][1])), noun


def _club_name(words: tuple[str, ...], classes: str) -> bool:
    # After "tim" or "pemain": a name that no list makes a person's, not a bare acronym.
    gaz = gazetteers()
    first = words[0]
    if classes == "A" or first in gaz.given_names or first in gaz.surnames:
        return False
    return not any(w in gaz.given_names for w in words[1:]) or first in gaz.orgs


def in_headline(text: str, body_start: int, spans: list[Span]) -> list[Span]:
    """A headline shortens names the article spells out ("Polda Metro" for "Polda Metro Jaya"):
    the body's names of two words or more, and their first two words or more, in the headline.
    Each such name starts with its first word and a space, so a name whose first word the
    headline lacks is passed over before it is cut into its shorter forms."""
    headline = text[:body_start]
    names: set[str] = set()
    for name in {text[s:e] for s, e in spans if s >= body_start}:
        space = name.find(" ")
        if space < 0 or name[: space + 1] not in headline:
            continue
        names.add(name)
        parts = name.split(" ")
        names.update(
            " ".join(parts[:k])
            for k in range(2, len(parts))
            if parts[k - 1].lower() not in lexicon.ORG_CONNECTORS
        )
    return mentions(text, names, 0, body_start)
