"""Train / validation / test assignment from the article id. Pure.

An article's split depends on its id and nothing else: a salted sha256 of the id, read as
a number in [0, 1000), falls in train below 800, validation below 900, test otherwise
(80/10/10). Adding or removing other articles never moves an article, so a document keeps
its split in every release, and results on `test` stay comparable across versions.

The salt names the scheme; changing it (or the ratios) would reshuffle every release, so
it never changes within the `newsgold` dataset.

A small corpus can leave a split empty (the 11 bundled articles give 9 train, 0 validation
and 2 test); docs/publishing.md says what a release does then.
"""

from __future__ import annotations

import hashlib

SPLITS = ("train", "validation", "test")
# Per mille of the hash range each split takes, in SPLITS order.
PER_MILLE = {"train": 800, "validation": 100, "test": 100}
_SALT = b"newsgold-split-v1:"


def bucket(article_id: str) -> int:
    """The article's place in [0, 1000): the first 8 bytes of sha256(salt + id), mod 1000."""
    digest = hashlib.sha256(_SALT + article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 1000


def split_of(article_id: str) -> str:
    """'train', 'validation' or 'test' for this article, the same in every release."""
    place = bucket(article_id)
    limit = 0
    for split in SPLITS:
        limit += PER_MILLE[split]
        if place < limit:
            return split
    raise AssertionError("PER_MILLE must add up to 1000")  # pragma: no cover


def ratios() -> dict[str, float]:
    """The documented split ratios (0.8 / 0.1 / 0.1)."""
    return {split: PER_MILLE[split] / 1000 for split in SPLITS}
