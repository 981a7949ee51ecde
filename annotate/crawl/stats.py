"""The counts of a crawl run, per shard and for the whole run (stats.json). Pure.

    {"pages": {"read": 1000, "not_article": 180, "not_indonesian": 40, "duplicates": 150,
               "kept": 630},
     "not_article": {"no-body": 120, "too-short": 50, "http-status": 10},
     "stages": {"read": 1000, "article": 820, "indonesian": 780, "canonical": 630},
     "bytes": {"read": 84000000, "written": 9000000},
     "seconds": {"wall": 61.2, "parse": 80.1, "language": 1.2, ...},
     "shards": {"total": 2, "resumed": 1, "written": 1},
     "executor": "local", "workers": 2, "errors": ["pages.jsonl:12: invalid JSON ..."]}

`pages` adds up: read = not_article + not_indonesian + duplicates + kept. `stages` says how
many pages were still in after each stage. `seconds.wall` is this run's elapsed time; the
stage seconds are summed over all workers (CPU time spent per stage, finished shards of an
earlier run included), so they can exceed the wall time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotate.crawl.work import NOT_ARTICLE, NOT_INDONESIAN, ShardResult


def shard_counts(result: ShardResult, duplicates: int, written: int) -> dict[str, Any]:
    """The counts of one finished shard, as its done marker keeps them."""
    reasons = Counter(row.reason for row in result.rows if row.reason is not None)
    return {
        "pages": len(result.rows),
        "reasons": dict(sorted(reasons.items())),
        "duplicates": duplicates,
        "bytes_read": result.bytes_read,
        "bytes_written": written,
        "seconds": {stage: round(s, 3) for stage, s in sorted(result.seconds.items())},
    }


@dataclass(slots=True)
class CrawlStats:
    """The counts of a whole run, summed from its shards' counts."""

    executor: str
    workers: int
    read: int = 0
    duplicates: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    bytes_read: int = 0
    bytes_written: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    wall: float = 0.0
    shards: int = 0
    resumed: int = 0
    errors: list[str] = field(default_factory=list)

    def add_shard(self, counts: dict[str, Any], *, resumed: bool) -> None:
        self.read += counts["pages"]
        self.reasons.update(counts["reasons"])
        self.duplicates += counts["duplicates"]
        self.bytes_read += counts["bytes_read"]
        self.bytes_written += counts["bytes_written"]
        for stage, spent in counts["seconds"].items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent
        self.shards += 1
        self.resumed += resumed

    @property
    def not_article(self) -> int:
        return sum(self.reasons[r] for r in NOT_ARTICLE)

    @property
    def not_indonesian(self) -> int:
        return self.reasons[NOT_INDONESIAN]

    @property
    def kept(self) -> int:
        return self.read - sum(self.reasons.values()) - self.duplicates

    def to_dict(self) -> dict[str, Any]:
        article = self.read - self.not_article
        return {
            "pages": {
                "read": self.read,
                "not_article": self.not_article,
                "not_indonesian": self.not_indonesian,
                "duplicates": self.duplicates,
                "kept": self.kept,
            },
            "not_article": {r: self.reasons[r] for r in NOT_ARTICLE if self.reasons[r]},
            "stages": {
                "read": self.read,
                "article": article,
                "indonesian": article - self.not_indonesian,
                "canonical": self.kept,
            },
            "bytes": {"read": self.bytes_read, "written": self.bytes_written},
            "seconds": {
                "wall": round(self.wall, 3),
                **{stage: round(s, 3) for stage, s in sorted(self.seconds.items())},
            },
            "shards": {
                "total": self.shards,
                "resumed": self.resumed,
                "written": self.shards - self.resumed,
            },
            "executor": self.executor,
            "workers": self.workers,
            "errors": list(self.errors),
        }

    def summary(self) -> str:
        """One line for a person."""
        rate = self.read / self.wall if self.wall else 0.0
        return (
            f"{self.read:,} pages read: {self.kept:,} kept, {self.duplicates:,} duplicates, "
            f"{self.not_article:,} not articles, {self.not_indonesian:,} not Indonesian "
            f"({self.shards:,} shards, {self.resumed:,} resumed; {self.wall:.1f} s, "
            f"{rate:.1f} pages/s)"
        )
