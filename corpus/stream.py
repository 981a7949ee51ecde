"""One pass over a gold set: validate every file, build its rows, write them, count them.

I/O: reads gold files (from a git commit when given one, else from the folder); worker
processes build the rows; a `ParquetSink` writes them.

The gold files are cut into tasks of BATCH files, in article-id order; each task is read,
checked and built into Arrow record batches in a worker process (or in this one), and the
results come back in task order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.build import Figures, build_rows
from corpus.diff import Diff, diff
from corpus.errors import InputError, SchemaError
from corpus.features import CONFIGS, features, view
from corpus.gold import committed_gold, file_problems, read_blobs
from corpus.parquet import BATCH, ParquetSink
from corpus.records import JSON
from corpus.records_io import gold_files, parse_json, read_json_bytes

# Wraps the stream of chunks of gold documents (and their count), e.g. with a progress bar.
Progress = Callable[[Iterator[Any], int], Iterator[Any]]


def quiet(items: Iterator[Any], total: int) -> Iterator[Any]:
    """No progress shown."""
    return items


def default_workers() -> int:
    """Worker processes for building rows: one per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(slots=True)
class Streamed:
    """What one pass over the gold set learned while writing its rows."""

    figures: Figures = field(default_factory=Figures)
    files: Any = field(default_factory=hashlib.sha256)  # over "<id>.json <sha256>" lines
    annotators: set[str] = field(default_factory=set)
    multi_annotated: int = 0
    changelog: Diff | None = None


@dataclass(slots=True)
class _Chunk:
    """What one worker made of up to BATCH gold files (in order)."""

    batches: dict[tuple[str, str], Any] = field(default_factory=dict)  # Arrow, per file
    problems: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # "<id>.json <sha256>" of valid files
    figures: Figures = field(default_factory=Figures)
    annotators: set[str] = field(default_factory=set)
    multi_annotated: int = 0
    views: list[JSON] = field(default_factory=list)  # for the changelog, when asked


@dataclass(frozen=True, slots=True)
class _Task:
    paths: tuple[str, ...]
    blobs: tuple[str, ...] | None  # git blobs of the paths, to read instead of the files
    write: bool  # build Arrow batches (not for a check-only build)
    views: bool  # keep the published views (for a changelog)


_SCHEMAS: dict[str, Any] = {}  # Arrow schema per config, set in each worker


def _init_worker(schemas: dict[str, Any]) -> None:
    _SCHEMAS.update(schemas)


def _work(task: _Task) -> _Chunk:
    """Read, validate and build the rows of some gold files; runs in a worker process."""
    import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs

    chunk = _Chunk()
    rows: dict[tuple[str, str], list[JSON]] = {}
    for read in _read(task):
        if isinstance(read, InputError):
            chunk.problems.append(str(read))
            continue
        path, data, record = read
        located = file_problems(path, record, boundaries=False)  # build_rows checks them
        if located:
            chunk.problems += [f"{path}: {p}" for p in located]
            continue
        built, misaligned = build_rows(record)
        if misaligned:
            chunk.problems += [f"{path}: {p}" for p in misaligned]
            continue
        if task.write:
            for config in CONFIGS:
                rows.setdefault((config, built.split), []).extend(built.rows[config])
        chunk.files.append(f"{path.name} {hashlib.sha256(data).hexdigest()}")
        tokens = len(built.rows["tokens"][0]["tokens"])
        chunk.figures.add(record, tokens=tokens, sentences=len(built.rows["sentences"]))
        annotators = record["meta"].get("annotators", ())
        chunk.annotators.update(annotators)
        chunk.multi_annotated += len(annotators) >= 2
        if task.views:
            chunk.views.append(view(record))
    for (config, split), config_rows in rows.items():
        schema = _SCHEMAS[config]
        # Column by column: about three times faster than RecordBatch.from_pylist on dicts.
        columns = [pa.array([r[f.name] for r in config_rows], type=f.type) for f in schema]
        chunk.batches[(config, split)] = pa.RecordBatch.from_arrays(columns, schema=schema)
    return chunk


def _read(task: _Task) -> Iterator[tuple[Path, bytes, Any] | InputError]:
    """Each file of a task: its path, bytes and JSON (or the InputError that stopped it),
    read from git when the task has the blobs, else from the folder."""
    paths = [Path(name) for name in task.paths]
    if task.blobs is None:
        for path in paths:
            try:
                yield path, *read_json_bytes(path)
            except InputError as e:
                yield e
        return
    # One `git cat-file` per task; the task's paths are all in one gold folder.
    for path, data in zip(paths, read_blobs(paths[0].parent, task.blobs), strict=True):
        try:
            yield path, data, parse_json(data, source=str(path))
        except InputError as e:
            yield e


def _chunks(tasks: list[_Task], workers: int) -> Iterator[_Chunk]:
    """The chunks in task order, from `workers` processes (in this one if 1)."""
    schemas = {config: features(config).arrow_schema for config in CONFIGS}
    if workers <= 1 or len(tasks) < 2:
        _init_worker(schemas)
        yield from map(_work, tasks)
        return
    import multiprocessing

    # spawn: a fresh interpreter per worker, no fork of a process running Arrow's threads.
    context = multiprocessing.get_context("spawn")
    with context.Pool(min(workers, len(tasks)), _init_worker, (schemas,)) as pool:
        yield from pool.imap(_work, tasks)


def stream_gold(
    gold_dir: Path,
    sink: ParquetSink | None,
    previous_views: Iterable[JSON] | None,
    *,
    progress: Progress,
    workers: int,
    commit: str | None = None,
) -> Streamed:
    """Validate, build and write (to `sink`, if any) every gold document once, in article-id
    order; with `previous_views` (those of the previous release), the changelog against
    them. With `commit`, the gold files are read as that commit of the git repository
    holding `gold_dir` has them (corpus.gold.committed_gold), not from the folder.
    SchemaError lists every problem."""
    found: list[str] = []
    state = Streamed()
    if commit is None:
        paths = sorted(gold_files(gold_dir), key=lambda p: p.stem)
        blobs: list[str] | None = None
    else:
        committed = committed_gold(gold_dir, commit)
        paths, blobs = [f.path for f in committed], [f.blob for f in committed]
    tasks = [
        _Task(
            tuple(str(p) for p in paths[i : i + BATCH]),
            None if blobs is None else tuple(blobs[i : i + BATCH]),
            sink is not None,
            previous_views is not None,
        )
        for i in range(0, len(paths), BATCH)
    ]

    def written_views() -> Iterator[JSON]:
        for chunk in progress(_chunks(tasks, workers), len(tasks)):
            found.extend(chunk.problems)
            if sink is not None:
                for (config, split), batch in chunk.batches.items():
                    sink.add(config, split, batch)
            for line in chunk.files:
                state.files.update(f"{line}\n".encode())
            state.figures.merge(chunk.figures)
            state.annotators.update(chunk.annotators)
            state.multi_annotated += chunk.multi_annotated
            yield from chunk.views

    try:
        if previous_views is not None:
            state.changelog = diff(previous_views, written_views(), spans=False)
        else:
            for _ in written_views():
                pass
    finally:
        if sink is not None:
            sink.close()
    if found:
        raise SchemaError(found, source=str(gold_dir))
    if not state.figures.total.documents:
        raise InputError("no gold documents to publish", source=str(gold_dir))
    return state
