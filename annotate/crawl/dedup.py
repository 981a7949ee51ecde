"""Exact and near-duplicate pages of a crawl: text hash, MinHash over word shingles, LSH
clusters. Pure, but for the clusters' index, which may live in a scratch SQLite file
(datasketch does the MinHash and chooses the banding).

A crawl holds the same story many times: syndicated by several outlets (each under its own
menus and footers, which the parser mostly strips), re-published with a changed headline, or
with one paragraph added. Each such page gets the key of the first page of its cluster (the
canonical one); callers add pages in input order, so the result does not depend on timing.

    exact_key(text)      sha256 of the text's words, case-folded: catches copies that differ
                         only in spacing, punctuation or case
    signature(text)      a MinHash (NUM_PERM permutations, fixed SEED) of the SHINGLE-word
                         shingles' hashes; picklable, so workers compute it and one process
                         clusters (fingerprint(text) gives both, reading the words once)
    Clusters.add(...)    the canonical key the page duplicates (exact match first, then an
                         LSH candidate whose estimated Jaccard similarity is >= THRESHOLD),
                         or None when the page starts a cluster of its own

THRESHOLD and SHINGLE were measured on parsed pages of a generated crawl (docs/scale.md,
"Near-duplicates"): copies under other outlets' furniture, with a changed headline or with a
paragraph added sit at an estimated Jaccard of 0.75 or more on 5-word shingles, distinct
articles on one topic at 0.3 or less; 0.5 keeps a wide margin on both sides.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
import zlib
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

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
THRESHOLD = 0.5

# Letters and digits runs: "1.300" gives "1" and "300", which is fine for shingles (both
# numbers still differ from another article's) and keeps the word split language-neutral.
_WORD = regex.compile(r"[\p{L}\p{N}]+")
# The permutations depend only on NUM_PERM and SEED: draw them once per process, not per page.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)
_LOW32 = np.uint64(0xFFFFFFFF)
HASHING = "crc32-words-affine32"
"""How shingles are hashed (shingle_hashes); a crawl's manifest records it, so a run is not
resumed with signatures made another way."""


def words(text: str) -> list[str]:
    """The text's words, NFKC-normalised and case-folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def exact_key(text: str) -> str:
    """Hex sha256 of the text's words joined by one space (spacing, punctuation, case ignored)."""
    return _exact(words(text))


def _exact(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def shingle_hashes(tokens: list[str], size: int = SHINGLE) -> npt.NDArray[np.uint64]:
    """A 32-bit hash of every run of `size` consecutive words (one hash of all the words when
    there are fewer): each word's CRC-32, combined by position with fixed odd multipliers.
    The same words in the same order give the same hash in any process.

    Hashing each word once and combining in numpy costs a third of joining and SHA-1-hashing
    every shingle in Python; a weak hash is fine here, since datasketch's permutations mix
    each value (its "affine32" scheme) before taking minimums."""
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    # map, not a generator expression: the loop stays in C (a third faster on a long page).
    crc = map(zlib.crc32, map(str.encode, tokens))  # str.encode: UTF-8
    word = np.fromiter(crc, dtype=np.uint64, count=len(tokens))
    count = max(len(tokens) - size + 1, 1)
    total: npt.NDArray[np.uint64] = np.zeros(count, dtype=np.uint64)
    for position, multiplier in enumerate(_multipliers(size)[: len(tokens)]):
        # Products stay below 2**64; the sum wraps mod 2**64, which keeps it right mod 2**32.
        total = np.bitwise_and(total + word[position : position + count] * multiplier, _LOW32)
    return total


def signature(text: str, *, size: int = SHINGLE) -> Signature:
    """The MinHash of the text's word shingles (same text, same signature, in any process)."""
    return _minhash(shingle_hashes(words(text), size))


def fingerprint(text: str) -> tuple[str, Signature]:
    """`exact_key(text)` and `signature(text)`, splitting the text into words once."""
    tokens = words(text)
    return _exact(tokens), _minhash(shingle_hashes(tokens))


def _minhash(hashes: npt.NDArray[np.uint64]) -> Signature:
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        permutations=_TEMPLATE.permutations,
        scheme=_TEMPLATE.scheme,
        hashfunc=int,  # the values are hashes already
    )
    minhash.update_batch(hashes.tolist())
    lean: Signature = LeanMinHash(minhash)
    return lean


@cache
def _multipliers(size: int) -> tuple[np.uint64, ...]:
    """`size` odd 32-bit multipliers, drawn from SEED: one per position in a shingle."""
    drawn = np.random.default_rng(SEED).integers(1, 2**32, size=size, dtype=np.uint64)
    return tuple(np.uint64(value | 1) for value in drawn)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return _agreement(a.hashvalues, b.hashvalues)


def _agreement(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> float:
    """The share of permutations whose minimum hash is the same in both."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


class Clusters:
    """Canonical pages seen so far, found again by exact key or by MinHash LSH.

    Only canonical pages enter the LSH index: a copy of a copy is matched against the
    original, so clusters do not drift page by page into unrelated text.

    The index lives in SQLite: in memory by default, or in the file `path` (the crawl's
    driver), so its memory stays bounded however many pages a crawl holds; SQLite keeps a
    page cache of CACHE_KIB and the rest on disk. datasketch chooses the banding (b bands of
    r rows for the threshold); a page's bucket in band i is i and those r minimum hashes, as
    bytes, so two pages share a bucket exactly when datasketch's own index would pair them.
    A file is scratch, rebuilt by every run: nothing is synced and the caller removes it."""

    def __init__(self, threshold: float = THRESHOLD, *, path: Path | None = None) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        # Weights favour recall: every LSH candidate is checked against the threshold below,
        # so a false candidate costs one comparison while a missed one is a missed duplicate.
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.2, 0.8))
        self._bands: list[tuple[int, int]] = list(lsh.hashranges)
        self._db = sqlite3.connect(":memory:" if path is None else path)
        self._db.executescript(_INDEX_SQL)
        self._canonical = 0  # how many canonical pages; their ids are 0, 1, ...
        self._pending = 0  # statements since the last commit

    def __len__(self) -> int:
        """How many canonical pages (clusters) there are."""
        return self._canonical

    def __contains__(self, key: object) -> bool:
        """Whether a page of this key was added (canonical or not)."""
        return self._db.execute("SELECT 1 FROM page WHERE key = ?", (key,)).fetchone() is not None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Clusters:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def find(self, signature: Signature, exact: str) -> str | None:
        """The canonical key this page duplicates, or None; nothing is added."""
        found = self._exact_canonical(exact)
        if found is not None:
            return self._key(found)
        best = self._most_similar(_hashes(signature))
        return None if best is None else self._key(best)

    def add(self, key: str, signature: Signature, exact: str) -> str | None:
        """Record a page: the canonical key it duplicates, or None when it is canonical itself.

        A key added again (one URL crawled twice) is matched like any page: an unchanged
        copy names its first occurrence, whose key is its own."""
        db = self._db
        db.execute("INSERT OR IGNORE INTO page (key) VALUES (?)", (key,))
        hashes = _hashes(signature)
        found = self._exact_canonical(exact)
        if found is None:
            found = self._most_similar(hashes)
            if found is not None:  # a later exact copy of this near-copy joins the same cluster
                db.execute("INSERT OR IGNORE INTO exact VALUES (?, ?)", (_digest(exact), found))
        self._tick()
        if found is not None:
            return self._key(found)
        index, self._canonical = self._canonical, self._canonical + 1
        db.execute("INSERT INTO canonical VALUES (?, ?, ?)", (index, key, hashes.tobytes()))
        db.execute("INSERT OR IGNORE INTO exact VALUES (?, ?)", (_digest(exact), index))
        buckets = [(bucket, index) for bucket in self._buckets(hashes)]
        db.executemany("INSERT INTO band VALUES (?, ?)", buckets)
        return None

    def _exact_canonical(self, exact: str) -> int | None:
        row = self._db.execute(
            "SELECT canonical FROM exact WHERE digest = ?", (_digest(exact),)
        ).fetchone()
        return None if row is None else int(row[0])

    def _most_similar(self, hashes: npt.NDArray[np.uint32]) -> int | None:
        """The canonical page sharing a bucket whose estimated similarity is the highest and
        at least the threshold; among equals the earliest, so the answer is stable."""
        buckets = self._buckets(hashes)
        marks = ",".join("?" * len(buckets))
        rows = self._db.execute(
            f"SELECT id, hashes FROM canonical WHERE id IN "  # only "?" marks are formatted in
            f"(SELECT canonical FROM band WHERE bucket IN ({marks}))",
            buckets,
        )
        best: tuple[float, int] | None = None
        for index, stored in rows:
            score = _agreement(np.frombuffer(stored, dtype=np.uint32), hashes)
            if score >= self.threshold and (best is None or (-score, index) < (-best[0], best[1])):
                best = (score, index)
        return None if best is None else best[1]

    def _buckets(self, hashes: npt.NDArray[np.uint32]) -> list[bytes]:
        return [bytes((i,)) + hashes[a:b].tobytes() for i, (a, b) in enumerate(self._bands)]

    def _key(self, index: int) -> str:
        row = self._db.execute("SELECT key FROM canonical WHERE id = ?", (index,)).fetchone()
        return str(row[0])

    def _tick(self) -> None:
        """Commit now and then: a long transaction would hold its pages in memory."""
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self._db.commit()
            self._pending = 0


CACHE_KIB = 64 * 1024
COMMIT_EVERY = 1_000
_INDEX_SQL = f"""
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -{CACHE_KIB};
CREATE TABLE page (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE exact (digest BLOB PRIMARY KEY, canonical INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE canonical (id INTEGER PRIMARY KEY, key TEXT NOT NULL, hashes BLOB NOT NULL);
CREATE TABLE band (bucket BLOB NOT NULL, canonical INTEGER NOT NULL);
CREATE INDEX band_bucket ON band (bucket);
"""


def _hashes(signature: Signature) -> npt.NDArray[np.uint32]:
    """The signature's minimum hashes as 32-bit numbers (datasketch's hash values are 32-bit)."""
    return np.asarray(signature.hashvalues, dtype=np.uint32)


def _digest(exact: str) -> bytes:
    """An exact key (hex sha256) as its 32 bytes."""
    return bytes.fromhex(exact)
