"""The bundled gazetteers (annotate/gazetteers/*.txt) as sets and phrase tables.

I/O: reads the gazetteer files once per process, on first use (`functools.cache`).

A list file has one entry per line; `#` starts a comment line. In `org_*.txt` a leading
`~` marks a name that is also an ordinary word ("~Tempo"): it only counts mid-sentence.
Multi-word names are looked up word by word inside the capitalised runs that the rules
find anyway (`PhraseTable`: phrases by their first word), so a list costs no extra pass
over the text; the few names a run cannot hold ("Badan Meteorologi, Klimatologi, dan
Geofisika", "detikcom") are searched for directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from annotate.rules import lexicon

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "gazetteers"


def read_entries(path: Path) -> tuple[str, ...]:
    """Entries of one list file, in file order, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def _files(prefix: str, folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{prefix}*.txt"))


@dataclass(frozen=True, slots=True)
class Gazetteers:
    """Everything the rules read from the list files."""

    given_names: frozenset[str]
    surnames: frozenset[str]
    orgs: frozenset[str]
    ambiguous_orgs: frozenset[str]
    places: frozenset[str]
    common_words: frozenset[str]


def load(folder: Path = GAZETTEER_DIR) -> Gazetteers:
    """Read every list in `folder` (uncached; see `gazetteers()`)."""

    def entries(prefix: str) -> list[str]:
        return [e for path in _files(prefix, folder) for e in read_entries(path)]

    org_entries = entries("org_")
    return Gazetteers(
        given_names=frozenset(entries("person_given")),
        surnames=frozenset(entries("person_surnames")),
        orgs=frozenset(e for e in org_entries if not e.startswith("~")),
        ambiguous_orgs=frozenset(e[1:] for e in org_entries if e.startswith("~")),
        places=frozenset(entries("places_")),
        common_words=frozenset(w.lower() for w in entries("common_words")),
    )


@cache
def gazetteers() -> Gazetteers:
    """The bundled gazetteers, read once."""
    return load()


PhraseTable = dict[str, tuple[tuple[tuple[str, ...], bool], ...]]
"""Phrases by their first word: (words, flag) pairs, longest first."""

# What a gazetteer entry must look like to be matched word by word inside a capitalised run
# (see `annotate.rules.capitals`): a capitalised first word, then words, connectors,
# particles or a legal form in brackets.
_RUN_WORD = re.compile(
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de](?:\w|['’](?=\w))*(?:[-/.]\w+(?:['’]\w+)*)*"
)
_INNER = lexicon.CONNECTORS | {"(Persero)", "(Perseroda)"}


def _fits_runs(entry: str) -> bool:
    words = entry.split(" ")
    return bool(_RUN_WORD.fullmatch(words[0])) and all(
        _RUN_WORD.fullmatch(w) or w in _INNER or w in lexicon.NAME_PARTICLES for w in words[1:]
    )


def phrase_table(entries: Iterable[tuple[str, bool]]) -> PhraseTable:
    """A PhraseTable of (entry, flag) pairs."""
    by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for entry, flag in entries:
        words = tuple(entry.split(" "))
        by_first.setdefault(words[0], []).append((words, flag))
    return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in by_first.items()}


@cache
def org_table() -> PhraseTable:
    """Organisation names matched inside runs; the flag marks ordinary-word names ("~Tempo")."""
    gaz = gazetteers()
    entries = [(e, False) for e in gaz.orgs if _fits_runs(e)]
    entries += [(e, True) for e in gaz.ambiguous_orgs if _fits_runs(e)]
    return phrase_table(entries)


@cache
def odd_orgs() -> frozenset[str]:
    """Organisation names that runs cannot hold ("Badan Meteorologi, Klimatologi, dan
    Geofisika", "detikcom", "S&P"): looked up in the text directly."""
    gaz = gazetteers()
    return frozenset(e for e in gaz.orgs if not _fits_runs(e))


@cache
def place_table() -> PhraseTable:
    """Multi-word place names ("Uni Soviet", "Jakarta Timur")."""
    return phrase_table((p, False) for p in gazetteers().places if " " in p and _fits_runs(p))
