"""Token features for the CRF, and BIO tags projected from character spans. Pure.

A token's features are strings ("w=presiden", "sh=Xx", "r=B-PER"): what the word is
(lower case, shape, prefixes and suffixes, capitalisation, gazetteer lists), what its
neighbours are (window ±2), and the tag the rules gave it (`r=`), so the CRF learns where
the rules are right and where they are not. The features of a word do not depend on its
place, so they are computed once per distinct word (`word_features` is cached): a news
text repeats most of its words, which keeps tagging fast.

Example (tokens "Menurut Joko Widodo", rules: PER on "Joko Widodo"): the token "Joko"
gets "w=joko", "sh=Xx", "init", "gz:given", "r=B-PER", "-1:w=menurut", "+1:w=widodo",
"+1:r=I-PER", ...
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from annotate.rules.gazetteer import gazetteers

OUTSIDE = "O"

Token = tuple[int, int]
"""A token as half-open code-point offsets into its text (`corpus.tokens.tokenize`)."""

SpanLike = tuple[int, int, str]
"""(start, end, label) of a character span."""

_REPEATS = re.compile(r"(.)\1+")
_WINDOW = (-2, -1, 1, 2)
_EDGES = tuple(f"{d:+d}:edge" for d in _WINDOW)


def shape(word: str) -> str:
    """The word's shape with repeated classes collapsed: "Jakarta" → "Xx", "KPK" → "X",
    "Covid-19" → "Xx-d", "2,5" → "d,d"; letters outside ASCII count as X or x."""
    out = "".join(
        "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word
    )
    return _REPEATS.sub(r"\1", out)


@cache
def _gazetteer_words() -> tuple[frozenset[str], ...]:
    """given names, surnames, one-word organisations, words of longer organisation names,
    places, common words (lower case): the word-level view of the bundled lists."""
    gaz = gazetteers()
    orgs = gaz.orgs | gaz.ambiguous_orgs
    return (
        gaz.given_names,
        gaz.surnames,
        frozenset(o for o in orgs if " " not in o),
        frozenset(w for o in orgs if " " in o for w in o.split(" ") if w[:1].isupper()),
        frozenset(w for p in gaz.places for w in p.split(" ")),
        gaz.common_words,
    )


_GAZ_NAMES = ("gz:given", "gz:surname", "gz:org", "gz:orgpart", "gz:place")


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    """The features of a word on its own (see the module docstring)."""
    lower = word.lower()
    features = [f"w={lower}", f"sh={shape(word)}", f"p2={lower[:2]}", f"p3={lower[:3]}"]
    features += [f"s2={lower[-2:]}", f"s3={lower[-3:]}", f"len={min(len(word), 8)}"]
    if word[:1].isupper():
        features.append("upper" if word.isupper() and len(word) > 1 else "init")
    if any(c.isdigit() for c in word):
        features.append("digit")
    if "-" in word:
        features.append("hyphen")
    if not any(c.isalnum() for c in word):
        features.append("punct")
    lists = _gazetteer_words()
    features += [name for name, words in zip(_GAZ_NAMES, lists, strict=False) if word in words]
    if lower in lists[-1]:
        features.append("gz:common")
    return tuple(features)


@lru_cache(maxsize=200_000)
def _neighbour_features(word: str) -> tuple[tuple[str, str], ...]:
    """What a token shows of itself to its neighbours, for each place in the window
    (_WINDOW order): its lower case form and shape ("-1:w=menurut", "-1:sh=Xx")."""
    lower, form = word.lower(), shape(word)
    return tuple((f"{d:+d}:w={lower}", f"{d:+d}:sh={form}") for d in _WINDOW)


def project_tags(tokens: Sequence[Token], spans: Iterable[SpanLike]) -> list[str]:
    """BIO tags of `tokens` for character spans: a token is inside a span when it starts in
    it; the first such token is B-. Tokens a span only partly covers from the left are O."""
    tags = [OUTSIDE] * len(tokens)
    starts = [s for s, _ in tokens]
    for start, end, label in sorted(spans):
        i = bisect_left(starts, start)
        inside = False
        while i < len(tokens) and tokens[i][0] < end:
            tags[i] = f"{'I' if inside else 'B'}-{label}"
            inside = True
            i += 1
    return tags


def sentence_features(words: Sequence[str], rule_tags: Sequence[str]) -> list[list[str]]:
    """Each token's features: its own, its neighbours' (±2) and the rules' tags (±1)."""
    n = len(words)
    own = [word_features(w) for w in words]
    near = [_neighbour_features(w) for w in words]
    out = []
    for i in range(n):
        # own[i][1] is "sh=<shape>": the rules' tag is also paired with the word's shape.
        features = [*own[i], f"r={rule_tags[i]}", f"r|sh={rule_tags[i]}|{own[i][1][3:]}"]
        for k, d in enumerate(_WINDOW):
            j = i + d
            if 0 <= j < n:
                features += near[j][k]
            else:
                features.append(_EDGES[k])
        features.append(f"-1:r={rule_tags[i - 1]}" if i > 0 else "-1:r=edge")
        features.append(f"+1:r={rule_tags[i + 1]}" if i + 1 < n else "+1:r=edge")
        out.append(features)
    return out


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token (exclusive), label) for each span of BIO `tags`; an I- that
    does not continue a span of its label starts one (the CRF rarely emits one)."""
    spans: list[tuple[int, int, str]] = []
    open_at, open_label = -1, ""
    for i, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, label = tag.partition("-")
        if open_at >= 0 and (tag == OUTSIDE or prefix == "B" or label != open_label):
            spans.append((open_at, i, open_label))
            open_at = -1
        if tag != OUTSIDE and open_at < 0:
            open_at, open_label = i, label
    return spans
