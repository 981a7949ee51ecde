"""Which tasks a pull fetches from Label Studio's export, and fetching them ahead.
I/O: HTTP to Label Studio (through `Client`), in one background thread.

A full pull exports the project in blocks of task ids (`id_blocks`): every id from the
lowest to the highest task id of the project, `BLOCK` at a time (ids of other projects in
the range are ignored by the server). Small requests keep memory flat and each request
far from a timeout (one export of a large project can take minutes), and the next block is
exported while this one is converted (`prefetched`): Label Studio works on one core, the
conversion on the other. A project whose ids are spread thinly over a wide range (other
projects imported in between) is exported in one request instead.

An incremental pull exports only the tasks `stale` names (see `annotate.labelstudio.pull`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from annotate.labelstudio.client import TaskBounds
from annotate.labelstudio.pull_state import CONFLICTS, OUT, TaskRecord, file_sha

BLOCK = 200  # ids per export request: a URL of about 4 KB, under common proxy limits
SPARSE = 4  # export in one request when the id range is this many times the task count

B = TypeVar("B")
R = TypeVar("R")


def id_blocks(bounds: TaskBounds) -> list[range | None]:
    """The id ranges to export, in order; `[None]` means everything in one request."""
    if bounds.total == 0:
        return []
    span = bounds.highest - bounds.lowest + 1
    if span > SPARSE * bounds.total + BLOCK:
        return [None]
    return [
        range(i, min(i + BLOCK, bounds.highest + 1))
        for i in range(bounds.lowest, bounds.highest + 1, BLOCK)
    ]


def chunks(ids: Iterable[int]) -> list[list[int]]:
    """`ids` sorted, `BLOCK` at a time."""
    ordered = sorted(ids)
    return [ordered[i : i + BLOCK] for i in range(0, len(ordered), BLOCK)]


def prefetched(fetch: Callable[[B], R], blocks: Sequence[B]) -> Iterator[R]:
    """`fetch(block)` for each block in order, the next one fetched in a background thread
    while the caller works on this one (at most two in memory). Errors surface in order."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-export") as pool:
        pending: Future[R] | None = None
        try:
            for block in blocks:
                following = pool.submit(fetch, block)
                if pending is not None:
                    yield pending.result()
                pending = following
            if pending is not None:
                yield pending.result()
        finally:
            if pending is not None:
                pending.cancel()


def files_match(record: TaskRecord, out_shas: Mapping[str, str], conflicts_dir: Path) -> bool:
    """Whether every file the task wrote last time is still there, byte for byte."""
    for key, sha in (record.files or {}).items():
        root, _, name = key.partition(":")
        if root == OUT:
            found = out_shas.get(name)
        elif root == CONFLICTS:
            found = file_sha(conflicts_dir / name)
        else:
            return False
        if found != sha:
            return False
    return True


def stale(
    records: Mapping[int, TaskRecord],
    changed: Mapping[int, str],
    out_shas: Mapping[str, str],
    conflicts_dir: Path,
) -> set[int]:
    """The tasks to export again: new or changed in Label Studio (`changed`: id ->
    updated_at), or whose files were edited, removed or rewritten since."""
    moved = {i for i, when in changed.items() if i not in records or records[i].updated_at != when}
    edited = {i for i, r in records.items() if not files_match(r, out_shas, conflicts_dir)}
    return moved | edited


def unwritten_claims(
    order: Iterable[int], records: Mapping[int, TaskRecord], fresh: set[int]
) -> set[int]:
    """Kept tasks (not in `fresh`) that claim their article in this pull but wrote no files
    last time (they were a second task of one article, whose first task is gone now): their
    Documents must be made again, so they are exported too."""
    seen: dict[str, int] = {}
    needed = set()
    for i in order:
        r = records[i]
        if r.article_id is None or not r.annotated:
            if r.article_id is not None:
                seen.setdefault(r.article_id, i)
            continue
        if not r.claims or seen.get(r.article_id, i) != i:
            continue
        seen[r.article_id] = i
        if i not in fresh and r.files is None:
            needed.add(i)
    return needed
