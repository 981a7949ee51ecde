"""`crawl`: the whole pipeline, driven from one process. I/O: reads the inputs, runs shard
tasks on an engine, writes the output folder.

    read (this process) ──shards of N pages──▶ engine: work.process_shard (parse, language,
    pre-annotate, signature) ──results, in shard order──▶ duplicates (this process, Clusters
    fed in input order) ──▶ shard-NNNNN.parquet + marker ──▶ stats.json

The driver reads the inputs as a stream and cuts it into shards of `shard_pages` pages (or
fewer when they reach `shard_bytes`), numbered in input order; at most `window` shards are
in flight, so memory stays bounded whatever the input size. Results are taken in shard
order, whichever worker finished first: the duplicate stage must see every page in input
order (the first copy of an article is its canonical one), and rows are written in that
order. Its index is a scratch SQLite file in the output folder (dedup.Clusters), so the
driver's memory does not grow with the crawl either. The rows of a shard are a function of
its pages alone, so the shards are byte-identical on any engine and with any number of
workers.

Resume: a shard with its done marker is not sent to the engine again; when its turn comes,
its kept rows are read back and fed to the duplicate stage (the signature computed again
from the stored text), so later shards see the same clusters as in an uninterrupted run.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from annotate.crawl import dedup, shards
from annotate.crawl.engines import Engine, Pending, start_engine
from annotate.crawl.readers import Page, iter_pages
from annotate.crawl.stats import CrawlStats, shard_counts
from annotate.crawl.work import PageRow, Settings, ShardResult, ShardTask
from corpus.errors import InputError
from corpus.records_io import writable_folder, write_json_atomic

SHARD_PAGES = 500
SHARD_BYTES = 32 * 1024 * 1024  # raw page bytes: a shard of very large pages is cut earlier

Progress = Callable[[str, int], None]
"""Called with (stage, count): ("read", pages), ("processed", pages), ("written", shards)."""


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    first: int
    pages: tuple[Page, ...]


def cut_shards(
    items: Iterable[Page | InputError],
    errors: list[InputError],
    *,
    shard_pages: int = SHARD_PAGES,
    shard_bytes: int = SHARD_BYTES,
) -> Iterator[Shard]:
    """Consecutive shards of the pages in `items`; reading errors go to `errors`."""
    index = first = size = 0
    pages: list[Page] = []
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
            continue
        pages.append(item)
        size += len(item.data)
        if len(pages) >= shard_pages or size >= shard_bytes:
            yield Shard(index, first, tuple(pages))
            index, first, size, pages = index + 1, first + len(pages), 0, []
    if pages:
        yield Shard(index, first, tuple(pages))


def crawl(
    inputs: Sequence[str],
    out: Path,
    *,
    executor: str = "local",
    workers: int | None = None,
    settings: Settings = Settings(),  # noqa: B008  # frozen, so one shared default is safe
    shard_pages: int = SHARD_PAGES,
    shard_bytes: int = SHARD_BYTES,
    progress: Progress | None = None,
) -> CrawlStats:
    """Run the pipeline over `inputs` into `out` (resuming a run there); the run's counts,
    also written to OUT/stats.json. Input files that fail are listed in `errors`."""
    if not inputs:
        raise InputError("no inputs: give WARC, JSON Lines or Parquet files, or folders")
    if settings.model is not None:
        from annotate.crawl.work import model_annotator

        model_annotator(settings.model)  # refuse a missing model before any work starts
    writable_folder(out, option="--out")
    shards.check_manifest(out, _manifest(inputs, settings, shard_pages, shard_bytes))
    started = time.perf_counter()
    engine = start_engine(executor, workers)
    index = out / shards.DEDUP_INDEX
    index.unlink(missing_ok=True)  # a killed run's: the index is rebuilt from the shards
    try:
        stats = CrawlStats(executor, engine.workers)
        errors: list[InputError] = []
        pages = _counted(iter_pages(inputs), progress)
        parts = cut_shards(pages, errors, shard_pages=shard_pages, shard_bytes=shard_bytes)
        with dedup.Clusters(path=index) as clusters:
            _Driver(out, engine, settings, stats, progress, clusters).run(parts)
    finally:
        engine.close()
        index.unlink(missing_ok=True)
    stats.errors = [str(e) for e in errors]
    stats.wall = time.perf_counter() - started
    write_json_atomic(out / shards.STATS, stats.to_dict())
    return stats


def _manifest(
    inputs: Sequence[str], settings: Settings, shard_pages: int, shard_bytes: int
) -> dict[str, Any]:
    """Everything the rows depend on besides the pages: a resume must match it all (rules
    edited since the run was killed would annotate its two halves differently)."""
    from annotate.rules import rules_version

    return {
        "inputs": list(inputs),
        "settings": asdict(settings) | {"annotators": list(settings.annotators)},
        "rules": rules_version(tuple(sorted(settings.annotators))),
        "dedup": {
            "num_perm": dedup.NUM_PERM,
            "seed": dedup.SEED,
            "shingle": dedup.SHINGLE,
            "hashing": dedup.HASHING,
            "threshold": dedup.THRESHOLD,
        },
        "shard_pages": shard_pages,
        "shard_bytes": shard_bytes,
    }


def _counted(items: Iterator[Page | InputError], progress: Progress | None) -> Iterator[Any]:
    for item in items:
        if progress is not None and isinstance(item, Page):
            progress("read", 1)
        yield item


class _Driver:
    """Sends shards to the engine, takes results back in order, deduplicates and writes."""

    def __init__(
        self,
        out: Path,
        engine: Engine,
        settings: Settings,
        stats: CrawlStats,
        progress: Progress | None,
        clusters: dedup.Clusters,
    ) -> None:
        self.out, self.engine, self.settings = out, engine, settings
        self.stats, self.progress = stats, progress
        self.done = shards.done_shards(out)
        self.clusters = clusters
        # Two shards per worker in flight: each worker has its next shard ready, and memory
        # holds at most 2 x workers x shard_bytes of pages.
        self.window = 2 * engine.workers

    def run(self, parts: Iterable[Shard]) -> None:
        pending: deque[tuple[int, int, Pending | None]] = deque()
        for shard in parts:
            if shard.index in self.done:
                pending.append((shard.index, len(shard.pages), None))
            else:
                task = ShardTask(shard.index, shard.first, shard.pages, self.settings)
                pending.append((shard.index, len(shard.pages), self.engine.submit(task)))
            while len(pending) > self.window:
                self._finish(*pending.popleft())
        while pending:
            self._finish(*pending.popleft())

    def _finish(self, index: int, size: int, result: Pending | None) -> None:
        if result is None:
            self._replay(index)
        else:
            self._write(result())
        self._tell("processed", size)
        self._tell("written", 1)

    def _write(self, result: ShardResult) -> None:
        clock = time.perf_counter()
        rows = [self._deduplicated(row) for row in result.rows]
        duplicates = sum(row.duplicate_of is not None for row in rows)
        now = time.perf_counter()
        result.seconds["dedup"] += now - clock
        written = shards.write_shard(self.out, result.index, rows)
        result.seconds["write"] += time.perf_counter() - now
        counts = shard_counts(result, duplicates, written)
        shards.write_marker(self.out, result.index, counts)
        self.stats.add_shard(counts, resumed=False)

    def _deduplicated(self, row: PageRow) -> PageRow:
        if row.reason is not None or row.id is None or row.exact is None:
            return row
        return replace(row, duplicate_of=self._cluster(row.id, row.signature, row.exact))

    def _cluster(self, key: str, signature: Any, exact: str) -> str | None:
        """The id of the page this one duplicates, or None (it is canonical)."""
        if key in self.clusters:
            # Article ids come from the URL: the same URL crawled again is the same article,
            # a copy of the first page whatever changed in it since.
            return self.clusters.find(signature, exact) or key
        return self.clusters.add(key, signature, exact)

    def _replay(self, index: int) -> None:
        """Feed a finished shard's kept pages to the duplicate stage, as if it ran now."""
        wanted = ("reason", "id", "exact", "document")
        for row in shards.read_rows(shards.shard_path(self.out, index), wanted):
            if row["reason"] is None:
                text = json.loads(row["document"])["text"]
                self._cluster(row["id"], dedup.signature(text), row["exact"])
        self.stats.add_shard(shards.read_marker(self.out, index), resumed=True)

    def _tell(self, stage: str, count: int) -> None:
        if self.progress is not None:
            self.progress(stage, count)
