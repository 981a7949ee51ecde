"""Exact and near-duplicate pages of a crawl: text hash, MinHash over word shingles, LSH
clusters. Pure (datasketch does the hashing and the banding; nothing is read or written).

A crawl holds the same story many times: syndicated by several outlets (each under its own
menus and footers, which the parser mostly strips), re-published with a changed headline, or
with one paragraph added. Each such page gets the key of the first page of its cluster (the
canonical one); callers add pages in input order, so the result does not depend on timing.

    exact_key(text)      sha256 of the text's words, case-folded: catches copies that differ
                         only in spacing, punctuation or case
    signature(text)      a MinHash (NUM_PERM permutations, fixed SEED) of the SHINGLE-word
                         shingles; picklable, so workers compute it and one process clusters
    Clusters.add(...)    the canonical key the page duplicates (exact match first, then an
                         LSH candidate whose estimated Jaccard similarity is >= THRESHOLD),
                         or None when the page starts a cluster of its own

THRESHOLD and SHINGLE were measured on generated pairs (docs/scale.md, "Near-duplicates"):
copies under other furniture, changed headlines and an added paragraph sit at an estimated
Jaccard >= 0.75 on 5-word shingles, while distinct articles on the same topic stay below 0.2.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import regex

# datasketch ships no type information (no py.typed); its classes are Any to mypy.
from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped]

Signature: TypeAlias = LeanMinHash
"""What `signature` returns: a frozen MinHash (picklable, about 600 bytes pickled)."""

NUM_PERM = 128
SEED = 1
SHINGLE = 5
THRESHOLD = 0.6

# Letters and digits runs: "1.300" gives "1" and "300", which is fine for shingles (both
# numbers still differ from another article's) and keeps the word split language-neutral.
_WORD = regex.compile(r"[\p{L}\p{N}]+")
# The permutations depend only on NUM_PERM and SEED: draw them once per process, not per page.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)


def words(text: str) -> list[str]:
    """The text's words, NFKC-normalised and case-folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def exact_key(text: str) -> str:
    """Hex sha256 of the text's words joined by one space (spacing, punctuation, case ignored)."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(tokens: list[str], size: int = SHINGLE) -> list[bytes]:
    """Every run of `size` consecutive words (one shingle of all words when there are fewer)."""
    if len(tokens) <= size:
        return [" ".join(tokens).encode("utf-8")] if tokens else []
    return [" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)]


def signature(text: str, *, size: int = SHINGLE) -> Signature:
    """The MinHash of the text's word shingles (same text, same signature, in any process)."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme
    )
    minhash.update_batch(shingles(words(text), size))
    lean: Signature = LeanMinHash(minhash)
    return lean


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


@dataclass
class Clusters:
    """Canonical pages seen so far, found again by exact key or by MinHash LSH.

    Only canonical pages enter the LSH index: a copy of a copy is matched against the
    original, so clusters do not drift page by page into unrelated text."""

    threshold: float = THRESHOLD
    _lsh: MinHashLSH = field(init=False, repr=False)
    _exact: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _keys: list[str] = field(default_factory=list, init=False, repr=False)
    _signatures: list[npt.NDArray[np.uint64]] = field(default_factory=list, init=False, repr=False)
    _seen: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        # Weights favour recall: every LSH candidate is checked against the threshold below,
        # so a false candidate costs one comparison while a missed one is a missed duplicate.
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM, weights=(0.2, 0.8))

    def __len__(self) -> int:
        """How many canonical pages (clusters) there are."""
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        """Whether a page of this key was added (canonical or not)."""
        return key in self._seen

    def find(self, signature: Signature, exact: str) -> str | None:
        """The canonical key this page duplicates, or None; nothing is added."""
        if (canonical := self._exact.get(exact)) is not None:
            return canonical
        best: tuple[float, int] | None = None
        for index in self._lsh.query(signature):
            score = float(np.count_nonzero(self._signatures[index] == signature.hashvalues))
            score /= NUM_PERM
            # Most similar cluster first; among equals the earliest, so the answer is stable.
            if score >= self.threshold and (best is None or (-score, index) < (-best[0], best[1])):
                best = (score, index)
        return None if best is None else self._keys[best[1]]

    def add(self, key: str, signature: Signature, exact: str) -> str | None:
        """Record a page: the canonical key it duplicates, or None when it is canonical itself.

        Keys must be unique (a second `add` of one key is a ValueError: two pages cannot
        share an identity)."""
        if key in self._seen:
            raise ValueError(f"page {key!r} was already added; keys must be unique")
        self._seen.add(key)
        canonical = self.find(signature, exact)
        if canonical is not None:
            # A later exact copy of this near-copy goes to the same canonical page.
            self._exact.setdefault(exact, canonical)
            return canonical
        index = len(self._keys)
        self._keys.append(key)
        self._signatures.append(np.asarray(signature.hashvalues))
        self._exact[exact] = key
        self._lsh.insert(index, signature, check_duplication=False)
        return None
