"""Choose the next batch to annotate from a crawl's canonical articles. Pure.

    candidates ──offer──▶ Selector (per stratum: the best `n + slack` by rank) ──choose──▶ batch

A stratum is (outlet, month): the URL's host without "www.", and the Document's published
month ("2024-05"; "undated" without a date). The batch takes one article from each stratum in
turn (strata in a seeded order), so every outlet and month is represented as evenly as its
articles allow; a stratum that runs out leaves its turns to the others.

Within a stratum, articles are taken in rank order: a seeded uniform draw per article id,
u ** (1 / priority) (weighted sampling without replacement, Efraimidis and Spirakis), so a
higher review priority comes earlier while low-priority articles keep a chance, and the
same seed, candidates and priorities give the same batch whatever the order they came in.

Articles that are near-duplicates (annotate.crawl.dedup) of one already known (gold,
already pushed) or already chosen for this batch are skipped and reported.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from annotate.crawl.dedup import Clusters, fingerprint

UNDATED = "undated"
NO_OUTLET = "unknown"

Stratum = tuple[str, str]


def outlet_of(url: str | None) -> str:
    """The outlet a URL belongs to: its host, lower-case, without a leading "www."."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.") or NO_OUTLET


def month_of(published: str | None) -> str:
    """ "2024-05" from an ISO date ("2024-05-17"), or UNDATED."""
    if published and len(published) >= 7 and published[4] == "-":
        return published[:7]
    return UNDATED


def rank(seed: int, article_id: str, priority: float) -> float:
    """The article's rank key (higher is taken first): u ** (1 / priority), u a uniform draw
    in (0, 1) from the seed and the id; priority 0 ranks last."""
    digest = hashlib.sha256(f"{seed}\0{article_id}".encode()).digest()
    u = (int.from_bytes(digest[:8], "big") + 1) / (2**64 + 2)
    return u ** (1 / priority) if priority > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A canonical crawl article: its id, text, stratum, and the record to write out."""

    id: str
    text: str
    stratum: Stratum
    record: str  # the Document as JSON, written to the batch unchanged
    priority: float = 1.0


@dataclass(frozen=True, slots=True)
class Selection:
    chosen: list[Candidate]
    skipped: list[tuple[str, str]]  # (candidate id, id of the known or chosen article it copies)
    offered: int
    strata: dict[Stratum, int]  # articles chosen per stratum

    def summary(self) -> dict[str, object]:
        """The batch in numbers, for a JSON line: per outlet and per month too."""
        outlets: dict[str, int] = defaultdict(int)
        months: dict[str, int] = defaultdict(int)
        for (outlet, month), count in self.strata.items():
            outlets[outlet] += count
            months[month] += count
        return {
            "chosen": len(self.chosen),
            "offered": self.offered,
            "skipped": [{"id": a, "copies": b} for a, b in self.skipped],
            "outlets": dict(sorted(outlets.items())),
            "months": dict(sorted(months.items())),
        }


@dataclass
class Selector:
    """Keeps, per stratum, the best `n + slack` candidates by rank: a stratum never gives more
    than n articles, and `slack` more cover the ones skipped as near-duplicates, so memory
    holds at most (strata x (n + slack)) articles however large the crawl."""

    n: int
    seed: int
    slack: int | None = None
    offered: int = 0
    _heaps: dict[Stratum, list[tuple[float, str, int, Candidate]]] = field(
        default_factory=lambda: defaultdict(list), init=False, repr=False
    )

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"the batch size must be at least 1, not {self.n}")
        if self.slack is None:
            self.slack = self.n

    def offer(self, candidate: Candidate) -> None:
        if candidate.priority < 0:
            raise ValueError(f"{candidate.id}: priority must be >= 0, not {candidate.priority}")
        # The id breaks ties of rank (the offer count only those of one id offered twice),
        # so the order never depends on the order candidates came in.
        item = (rank(self.seed, candidate.id, candidate.priority), candidate.id, self.offered)
        self.offered += 1
        heap = self._heaps[candidate.stratum]
        if len(heap) < self.n + (self.slack or 0):
            heapq.heappush(heap, (*item, candidate))
        elif item > heap[0][:3]:
            heapq.heapreplace(heap, (*item, candidate))

    def choose(self, known: Clusters) -> Selection:
        """Up to n articles, a stratum at a time, none a near-duplicate of `known` or of each
        other (`known` gets the chosen articles added)."""
        queues = {s: [c for *_, c in sorted(h, reverse=True)] for s, h in self._heaps.items()}
        order = sorted(queues, key=lambda s: (rank(self.seed, "\0".join(s), 1.0), s), reverse=True)
        chosen: list[Candidate] = []
        skipped: list[tuple[str, str]] = []
        strata: dict[Stratum, int] = defaultdict(int)
        positions = dict.fromkeys(order, 0)
        while len(chosen) < self.n and order:
            for stratum in list(order):
                picked = self._next(queues[stratum], positions, stratum, known, skipped)
                if picked is None:
                    order.remove(stratum)
                    continue
                chosen.append(picked)
                strata[stratum] += 1
                if len(chosen) == self.n:
                    break
        return Selection(chosen, skipped, self.offered, dict(strata))

    @staticmethod
    def _next(
        queue: list[Candidate],
        positions: dict[Stratum, int],
        stratum: Stratum,
        known: Clusters,
        skipped: list[tuple[str, str]],
    ) -> Candidate | None:
        """The stratum's next candidate that copies nothing known (and now is known)."""
        while positions[stratum] < len(queue):
            candidate = queue[positions[stratum]]
            positions[stratum] += 1
            if candidate.id in known:
                copied: str | None = candidate.id  # the same article is gold or pushed already
            else:
                exact, sig = fingerprint(candidate.text)
                copied = known.add(candidate.id, sig, exact)
            if copied is None:
                return candidate
            skipped.append((candidate.id, copied))
        return None


def known_clusters(texts: Iterable[tuple[str, str]]) -> Clusters:
    """Clusters holding the already annotated or pushed articles, (id, text) in order; an id
    seen twice (a pushed article that is gold by now) is added once."""
    clusters = Clusters()
    seen: set[str] = set()
    for article_id, text in texts:
        if article_id not in seen:
            seen.add(article_id)
            exact, sig = fingerprint(text)
            clusters.add(article_id, sig, exact)
    return clusters
