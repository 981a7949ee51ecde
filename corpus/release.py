"""Publish a gold set as an immutable, versioned release; read, verify and push releases.

I/O: reads gold files and git state, writes release folders, reads Parquet, talks to the
Hugging Face Hub (the only module that imports huggingface_hub).

A release is `<out>/newsgold/<X.Y.Z>/`:

    README.md              dataset card; its YAML header declares both configs
    data/spans/<split>.parquet, data/tokens/<split>.parquet   (splits with documents)
    schema/                article and document JSON Schemas, guidelines.md
    manifest.json          sha256 and size of every other file, gold provenance

`publish` streams the gold files once (validate, build rows, write Parquet in row groups
of BATCH documents, diff against the previous release), reads every Parquet file back and
checks it holds exactly the rows built from the gold files (row count and a digest of every
value), then writes the card, schemas and manifest, makes the files read-only and renames
the temporary folder into place. Anything wrong before the rename (a problem in the gold
set, a write error, a read-back mismatch) removes the temporary folder and leaves `<out>`
as it was.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.agreement import Agreement, agreement
from corpus.build import Figures, build_rows, figures
from corpus.card import NAME, CardData, render_card
from corpus.diff import Diff, diff
from corpus.errors import InputError, NewsgoldError, ReleaseExistsError, SchemaError
from corpus.features import CONFIGS, decode_spans_row, features, view
from corpus.provenance import Review
from corpus.records import JSON, Document
from corpus.records_io import gold_files, iter_annotation_records, read_json, read_json_bytes
from corpus.schemas import guidelines, schema_dir
from corpus.split import SPLITS
from corpus.validate import Problem, problems

if TYPE_CHECKING:
    import datasets

# Wraps the stream of chunks of gold documents (and their count), e.g. with a progress bar.
Progress = Callable[[Iterator[Any], int], Iterator[Any]]
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
# Documents per Parquet row group. Small batches keep memory flat: buffering 1,000 documents'
# tokens as Python strings fragmented the heap (+25 MiB per 1,000 documents published).
BATCH = 250
MANIFEST = "manifest.json"
SCHEMA_FILES = ("article.schema.json", "document.schema.json", "guidelines.md")


class HubError(NewsgoldError, RuntimeError):
    """The Hugging Face Hub refused a request or could not be reached."""


def parse_version(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of a release version 'X.Y.Z'."""
    match = SEMVER.match(version)
    if not match:
        raise InputError(f"version {version!r} is not of the form X.Y.Z (e.g. 1.0.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def releases(out_dir: Path) -> dict[str, Path]:
    """The published releases under `<out_dir>/newsgold/`, oldest version first."""
    root = out_dir / NAME
    if not root.is_dir():
        return {}
    found = [p for p in root.iterdir() if p.is_dir() and SEMVER.match(p.name)]
    return {p.name: p for p in sorted(found, key=lambda p: parse_version(p.name))}


def next_version(out_dir: Path, *, first: str = "0.1.0") -> str:
    """`first`, or the patch version after the latest release under `<out_dir>/newsgold/`."""
    existing = releases(out_dir)
    if not existing:
        return first
    major, minor, patch = parse_version(list(existing)[-1])
    return f"{major}.{minor}.{patch + 1}"


def data_path(config: str, split: str) -> str:
    return f"data/{config}/{split}.parquet"


# --- gold input -------------------------------------------------------------------------------


def gold_source(gold_dir: Path) -> str | None:
    """The git commit the gold set is published from, or None when it is not tracked in git.
    Uncommitted changes are refused: a release must be what was reviewed and committed."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(gold_dir), *args], capture_output=True, text=True, check=False
        )

    if git("rev-parse", "--is-inside-work-tree").returncode != 0:
        return None
    dirty = git("status", "--porcelain", "--untracked-files=all", "--", ".").stdout.splitlines()
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise InputError(
            f"the gold set has {len(dirty)} uncommitted change(s) ({shown}); "
            "commit them, then publish",
            source=str(gold_dir),
        )
    if not git("ls-files", "--", ".").stdout.strip():
        return None  # inside a repository but not tracked (e.g. an ignored demo folder)
    return git("rev-parse", "HEAD").stdout.strip() or None


def file_problems(path: Path, record: Any, *, named: bool = True) -> list[Problem]:
    """Problems of one gold file's record: schema and invariants, and (`named`) a file name
    that is not `<id>.json`, the name every gold file has in a gold folder."""
    found = problems(record)
    if not found and named and record["id"] != path.stem:
        found.append(
            Problem(
                "/id",
                f"{record['id']!r} does not match the file name; a gold file is named "
                f"<id>.json, rename it to {record['id']}.json",
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A problem of one gold file: where (file, JSON pointer) and what."""

    file: Path
    pointer: str | None  # None when the file is not JSON at all (the message says where)
    message: str

    def __str__(self) -> str:
        if self.pointer is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}: {self.pointer or '/'}: {self.message}"

    def to_dict(self) -> JSON:
        return {"file": str(self.file), "pointer": self.pointer, "message": self.message}


@dataclass(frozen=True, slots=True)
class FileCheck:
    file: Path
    problems: tuple[FileProblem, ...]


def validate_files(
    files: Iterable[Path], *, named: bool = True, seen: dict[str, Path] | None = None
) -> Iterator[FileCheck]:
    """Check gold files one at a time, in the order given: schema and invariants, a file
    name that is not `<id>.json` (when `named`, as in a gold folder), and an id already used
    by another file (`seen` maps ids to files; pass one dict to check several folders)."""
    seen = {} if seen is None else seen
    for file in files:
        try:
            record = read_json(file)
        except InputError as e:
            # No pointer for a file that is not JSON: the message gives line and column.
            message = str(e).removeprefix(f"{file}: ")
            yield FileCheck(file, (FileProblem(file, None, message),))
            continue
        found = [
            FileProblem(file, p.pointer, p.message)
            for p in file_problems(file, record, named=named)
        ]
        if not found and record["id"] in seen:
            other = seen[record["id"]]
            found.append(FileProblem(file, "/id", f"{record['id']!r} is also the id of {other}"))
        if not found:
            seen[record["id"]] = file
        yield FileCheck(file, tuple(found))


def gold_records(gold_dir: Path, found: list[str]) -> Iterator[tuple[JSON, str]]:
    """The valid Document records of a gold folder in article-id order, each with the sha256
    of its file; every problem is appended to `found` as `file: /pointer: message` and its
    document skipped."""
    for path in sorted(gold_files(gold_dir), key=lambda p: p.stem):
        try:
            data, record = read_json_bytes(path)
        except InputError as e:
            found.append(str(e))
            continue
        located = file_problems(path, record)
        if located:
            found += [f"{path}: {p}" for p in located]
            continue
        yield record, hashlib.sha256(data).hexdigest()


# --- writing ----------------------------------------------------------------------------------


class _Digest:
    """A digest of the logical content of Arrow record batches: one hash per stream (the null
    mask of a column, the lengths of a list, the values of a leaf), so it does not depend on
    how the rows are cut into batches, nor on buffers, offsets or slicing. What was written
    and what is read back from Parquet give the same digest."""

    def __init__(self) -> None:
        self.streams: dict[str, Any] = {}

    def _update(self, stream: str, data: Any) -> None:
        if stream not in self.streams:
            self.streams[stream] = hashlib.sha256()
        self.streams[stream].update(data)

    def add(self, batch: Any) -> None:
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            self._feed(name, column)

    def _feed(self, path: str, array: Any) -> None:
        import numpy as np
        import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        self._update(f"{path}/nulls", pc.is_null(array).to_numpy(zero_copy_only=False).tobytes())
        kind = array.type
        if pa.types.is_list(kind):
            lengths = pc.list_value_length(array).fill_null(0).to_numpy(zero_copy_only=False)
            self._update(f"{path}/lengths", lengths.astype(np.int64).tobytes())
            self._feed(f"{path}/[]", pc.list_flatten(array))
        elif pa.types.is_struct(kind):
            for field, child in zip(kind, array.flatten(), strict=True):
                self._feed(f"{path}/{field.name}", child)
        elif pa.types.is_string(kind):
            lengths = pc.binary_length(array).fill_null(0).to_numpy(zero_copy_only=False)
            self._update(f"{path}/lengths", lengths.astype(np.int64).tobytes())
            offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)
            first, last = offsets[array.offset], offsets[array.offset + len(array)]
            if last > first:
                self._update(f"{path}/values", memoryview(array.buffers()[2])[first:last])
        elif pa.types.is_boolean(kind):
            values = array.fill_null(False).to_numpy(zero_copy_only=False)
            self._update(f"{path}/values", values.tobytes())
        elif pa.types.is_integer(kind) or pa.types.is_floating(kind):
            values = array.fill_null(0).to_numpy(zero_copy_only=False)
            wide = np.float64 if pa.types.is_floating(kind) else np.int64
            self._update(f"{path}/values", values.astype(wide).tobytes())
        else:
            raise TypeError(f"no digest for Arrow type {kind}")

    def hexdigest(self) -> str:
        total = hashlib.sha256()
        for stream in sorted(self.streams):
            total.update(f"{stream} {self.streams[stream].hexdigest()}\n".encode())
        return total.hexdigest()


class _ParquetSink:
    """Writes record batches per (config, split), gathering them into row groups of about
    BATCH rows; a file is only created once its split has a document (an empty split has no
    file). Keeps, per file, the row count and a digest of what was written, to check the
    file against once it is closed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending: dict[tuple[str, str], list[Any]] = {}
        self.writers: dict[tuple[str, str], Any] = {}
        self.num_bytes: dict[tuple[str, str], int] = {}
        self.rows: dict[tuple[str, str], int] = {}
        self.digests: dict[tuple[str, str], Any] = {}

    def add(self, config: str, split: str, batch: Any) -> None:
        pending = self.pending.setdefault((config, split), [])
        pending.append(batch)
        if sum(b.num_rows for b in pending) >= BATCH:
            self._flush(config, split)

    def _flush(self, config: str, split: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        key = (config, split)
        pending = self.pending.get(key)
        if not pending:
            return
        table = pa.Table.from_batches(pending)
        if key not in self.writers:
            path = self.root / data_path(config, split)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.writers[key] = pq.ParquetWriter(path, table.schema)
            self.digests[key] = _Digest()
        self.writers[key].write_table(table, row_group_size=table.num_rows)
        for batch in pending:
            self.digests[key].add(batch)
        self.num_bytes[key] = self.num_bytes.get(key, 0) + table.nbytes
        self.rows[key] = self.rows.get(key, 0) + table.num_rows
        pending.clear()

    def close(self) -> None:
        for config, split in list(self.pending):
            self._flush(config, split)
        for writer in self.writers.values():
            writer.close()

    def check(self) -> list[str]:
        """Read every written file back: its rows and digest must be what was written."""
        import pyarrow.parquet as pq

        mismatches = []
        for (config, split), expected in self.digests.items():
            path = self.root / data_path(config, split)
            digest, rows = _Digest(), 0
            with path.open("rb") as f:
                for batch in pq.ParquetFile(f).iter_batches(batch_size=BATCH):
                    digest.add(batch)
                    rows += batch.num_rows
            if rows != self.rows[(config, split)] or digest.hexdigest() != expected.hexdigest():
                mismatches.append(f"{path} does not read back as written")
        return mismatches


def _iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[JSON]:
    import pyarrow.parquet as pq

    with path.open("rb") as f:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=BATCH, columns=columns):
            yield from batch.to_pylist()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest_files(root: Path) -> dict[str, JSON]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST)
    return {
        p.relative_to(root).as_posix(): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
        for p in files
    }


# --- publish ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReleaseReport:
    version: str
    path: Path
    figures: Figures
    previous: str | None
    changelog: Diff | None
    agreement: Agreement | None
    manifest: JSON = field(default_factory=dict)

    def to_dict(self) -> JSON:
        return {
            "version": self.version,
            "path": str(self.path),
            "previous": self.previous,
            "figures": self.figures.to_dict(),
            "changes": None
            if self.changelog is None
            else {
                "added": len(self.changelog.added),
                "removed": len(self.changelog.removed),
                "changed": len(self.changelog.changed),
                "unchanged": self.changelog.unchanged,
                "labels": self.changelog.labels,
            },
            "agreement": None if self.agreement is None else self.agreement.to_dict(),
            "files": self.manifest.get("files", {}),
        }


def _previous_release(out_dir: Path, version: str, previous: Path | None) -> Path | None:
    """Check `version` is new and higher than every release in `out_dir`; the release the
    changelog compares with (`previous`, else the latest one)."""
    existing = releases(out_dir)
    target = out_dir / NAME / version
    if target.exists():
        raise ReleaseExistsError(version, str(target))
    if existing:
        latest = list(existing)[-1]
        if parse_version(latest) >= parse_version(version):
            raise InputError(
                f"version {version} is not higher than the latest release {latest} in "
                f"{out_dir / NAME}; versions must increase"
            )
    if previous is not None:
        return previous
    return list(existing.values())[-1] if existing else None


def publish(
    gold_dir: Path,
    version: str,
    out_dir: Path,
    *,
    previous: Path | None = None,
    agreement_dir: Path | None = None,
    released: str | None = None,
    hub_repo: str | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    review: Review | None = None,
) -> ReleaseReport:
    """Publish the gold set in `gold_dir` as `<out_dir>/newsgold/<version>/`.

    Refuses (and writes nothing) when the version exists (ReleaseExistsError) or is not
    higher than the latest release, when the gold set has uncommitted changes, or when any
    gold file has a problem or a span that BIO tags cannot hold (SchemaError listing every
    problem). `previous` is the release folder the changelog compares with (default: the
    latest release in `out_dir`); `agreement_dir` holds per-annotator Documents
    (corpus.agreement); `released` is the ISO date on the card (default: today, UTC);
    `hub_repo` ('org/name') is shown in the card's loading and citation instructions;
    `review` (corpus.provenance.review_of) is what people changed of the pre-annotation;
    `workers` processes build the rows (default: one per CPU; 1 builds in this process).
    Workers are spawned: a script calling this with more than one worker must guard its
    entry point with `if __name__ == "__main__":`. A gold set of at most BATCH documents is
    built in this process.
    """
    parse_version(version)
    previous_dir = _previous_release(out_dir, version, previous)
    if previous_dir is not None:
        broken = verify_release(previous_dir)
        if broken:
            raise InputError(
                f"the previous release does not match its manifest ({broken[0]}); "
                "pass --previous with an intact copy",
                source=str(previous_dir),
            )
    commit = gold_source(gold_dir)
    agreement_report = read_agreement(agreement_dir) if agreement_dir is not None else None
    released = released or datetime.now(UTC).date().isoformat()

    root = out_dir / NAME
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{version}.", suffix=".partial", dir=root))
    try:
        report = _write(
            tmp,
            gold_dir,
            version,
            previous_dir,
            commit,
            agreement_report,
            released,
            hub_repo,
            progress or _quiet,
            workers or default_workers(),
            review,
        )
        for path in tmp.rglob("*"):
            if path.is_file():
                path.chmod(0o444)  # a release never changes
        tmp.chmod(0o755)  # mkdtemp makes it private
        target = root / version
        try:
            tmp.rename(target)  # atomic on one filesystem; fails if the target appeared
        except OSError:
            raise ReleaseExistsError(version, str(target)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ReleaseReport(
        version,
        target,
        report.figures,
        report.previous,
        report.changelog,
        report.agreement,
        report.manifest,
    )


def read_agreement(agreement_dir: Path) -> Agreement:
    """Agreement figures of the per-annotator Documents under `agreement_dir` (a folder of
    `*.json` and `*.jsonl` files, see corpus.agreement); every record must be valid."""
    docs: list[tuple[str, Document]] = []
    for source, record in iter_annotation_records(agreement_dir):
        if isinstance(record, InputError):
            raise record
        found = problems(record)
        if found:
            raise SchemaError([str(p) for p in found], source=source)
        docs.append((source, Document.from_dict(record)))
    return agreement(docs)


@dataclass(slots=True)
class _Streamed:
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
    write: bool  # build Arrow batches (not for a check-only build)
    views: bool  # keep the published views (for a changelog)


_SCHEMAS: dict[str, Any] = {}  # Arrow schema per config, set in each worker


def _init_worker(schemas: dict[str, Any]) -> None:
    _SCHEMAS.update(schemas)


def _work(task: _Task) -> _Chunk:
    """Read, validate and build the rows of some gold files; runs in a worker process."""
    import pyarrow as pa

    chunk = _Chunk()
    rows: dict[tuple[str, str], list[JSON]] = {}
    for name in task.paths:
        path = Path(name)
        try:
            data, record = read_json_bytes(path)
        except InputError as e:
            chunk.problems.append(str(e))
            continue
        located = file_problems(path, record)
        if located:
            chunk.problems += [f"{path}: {p}" for p in located]
            continue
        built, misaligned = build_rows(record)
        if misaligned:
            chunk.problems += [f"{path}: {p}" for p in misaligned]
            continue
        if task.write:
            for config in CONFIGS:
                rows.setdefault((config, built.split), []).append(built.rows[config])
        chunk.files.append(f"{path.name} {hashlib.sha256(data).hexdigest()}")
        chunk.figures.add(record, tokens=len(built.rows["tokens"]["tokens"]))
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


def _stream(
    gold_dir: Path,
    sink: _ParquetSink | None,
    previous_dir: Path | None,
    *,
    progress: Progress,
    workers: int,
) -> _Streamed:
    """Validate, build and write every gold document once, in article-id order;
    SchemaError lists every problem."""
    found: list[str] = []
    state = _Streamed()
    files = sorted(gold_files(gold_dir), key=lambda p: p.stem)
    tasks = [
        _Task(
            tuple(str(p) for p in files[i : i + BATCH]), sink is not None, previous_dir is not None
        )
        for i in range(0, len(files), BATCH)
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
        if previous_dir is not None:
            state.changelog = diff(read_views(previous_dir), written_views(), spans=False)
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


def default_workers() -> int:
    """Worker processes for building rows: one per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build(
    gold_dir: Path,
    out_dir: Path | None = None,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Figures:
    """Validate and build both configs of the gold set; with `out_dir`, write their Parquet
    files there (`data/<config>/<split>.parquet`, replacing an earlier build; not a release:
    no card, no manifest). The figures are those the card of a release would show."""
    workers = workers or default_workers()
    if out_dir is None:
        return _stream(gold_dir, None, None, progress=progress or _quiet, workers=workers).figures
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".partial", dir=out_dir.parent))
    try:
        sink = _ParquetSink(tmp)
        result = _stream(gold_dir, sink, None, progress=progress or _quiet, workers=workers)
        mismatches = sink.check()
        if mismatches:
            raise NewsgoldError(f"{mismatches[0]}; nothing was built")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result.figures


def _quiet(items: Iterator[Any], total: int) -> Iterator[Any]:
    return items


def _write(
    root: Path,
    gold_dir: Path,
    version: str,
    previous_dir: Path | None,
    commit: str | None,
    agreement_report: Agreement | None,
    released: str,
    hub_repo: str | None,
    progress: Progress,
    workers: int,
    review: Review | None = None,
) -> ReleaseReport:
    sink = _ParquetSink(root)
    state = _stream(gold_dir, sink, previous_dir, progress=progress, workers=workers)
    counts, changelog = state.figures, state.changelog
    mismatches = sink.check()
    if mismatches:
        raise NewsgoldError(
            f"the written release does not read back as the gold set ({mismatches[0]}, "
            f"{len(mismatches)} in all); nothing was published"
        )

    (root / "schema").mkdir()
    for name in SCHEMA_FILES:
        shutil.copyfile(schema_dir() / name, root / "schema" / name)
    data_files = {
        config: {s: data_path(config, s) for s in SPLITS if (config, s) in sink.writers}
        for config in CONFIGS
    }
    num_bytes = {
        config: {s: sink.num_bytes[(config, s)] for s in data_files[config]} for config in CONFIGS
    }
    previous_version = None
    if previous_dir is not None:
        previous_version = json.loads((previous_dir / MANIFEST).read_text(encoding="utf-8"))[
            "version"
        ]
    card = CardData(
        version=version,
        released=released,
        guidelines_version=guidelines().version,
        figures=counts,
        data_files=data_files,
        num_bytes=num_bytes,
        annotators=len(state.annotators),
        multi_annotated=state.multi_annotated,
        agreement=agreement_report,
        previous=previous_version,
        changelog=changelog,
        hub_repo=hub_repo,
        gold_commit=commit,
        review=review,
    )
    (root / "README.md").write_text(render_card(card), encoding="utf-8")
    manifest: JSON = {
        "name": NAME,
        "version": version,
        "released": released,
        "previous": previous_version,
        "guidelines_version": guidelines().version,
        "gold": {
            "commit": commit,
            "documents": counts.total.documents,
            "files_sha256": state.files.hexdigest(),
        },
        "files": _manifest_files(root),
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return ReleaseReport(
        version, root, counts, previous_version, changelog, agreement_report, manifest
    )


# --- reading ----------------------------------------------------------------------------------


def is_release(path: Path) -> bool:
    return (path / MANIFEST).is_file() or (path / "data" / "spans").is_dir()


def read_views(path: Path) -> Iterator[JSON]:
    """Published views (corpus.features.view) of a release folder or a gold folder, in
    article-id order, one at a time."""
    if is_release(path):
        streams = [
            (decode_spans_row(row) for row in _iter_rows(path / data_path("spans", split)))
            for split in SPLITS
            if (path / data_path("spans", split)).exists()
        ]
        # Each split file is in id order, and the split of an id never changes.
        yield from heapq.merge(*streams, key=lambda v: v["id"])
        return
    for file in sorted(gold_files(path), key=lambda p: p.stem):
        record = read_json(file)
        try:
            yield view(Document.from_dict(record).to_dict())
        except (KeyError, TypeError, AttributeError):
            raise InputError(
                "not a Document; run `corpus validate` on it", source=str(file)
            ) from None


def verify_release(path: Path) -> list[str]:
    """Every difference between a release folder and its manifest (empty: intact)."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        return [f"{path}: no {MANIFEST}; not a release folder"]
    listed: dict[str, JSON] = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
    actual = {
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    found = [f"{path / name}: not in the manifest" for name in sorted(actual - listed.keys())]
    for name, entry in sorted(listed.items()):
        file = path / name
        if not file.is_file():
            found.append(f"{file}: missing")
        elif sha256_file(file) != entry["sha256"]:
            found.append(f"{file}: sha256 differs from the manifest")
    return found


def load_release(path: Path | str, **kwargs: Any) -> dict[str, datasets.DatasetDict]:
    """Both configs of a release with `datasets.load_dataset`, as a user loads them: a
    release folder, or a Hub repo id with `revision="vX.Y.Z"` in kwargs."""
    from datasets import load_dataset

    return {config: load_dataset(str(path), config, **kwargs) for config in CONFIGS}


def figures_of_release(path: Path | str, **kwargs: Any) -> Figures:
    """Split sizes and label counts of a release, computed from what `load_dataset` returns."""
    return figures(load_release(path, **kwargs))


# --- the Hub ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PushPlan:
    """What a push uploads: the release folder, as one commit, tagged vX.Y.Z."""

    repo_id: str
    version: str
    tag: str
    files: tuple[str, ...]
    commit_message: str


@dataclass(frozen=True, slots=True)
class PushReport:
    repo_id: str
    tag: str
    commit: str
    url: str

    def to_dict(self) -> JSON:
        return {"repo_id": self.repo_id, "tag": self.tag, "commit": self.commit, "url": self.url}


REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


def push_plan(release_dir: Path, repo_id: str) -> PushPlan:
    """Check a release can be pushed (intact, a valid repo id) and say what will be sent."""
    if not REPO_ID.match(repo_id):
        raise InputError(f"{repo_id!r} is not a Hub repository id of the form ORG/NAME")
    broken = verify_release(release_dir)
    if broken:
        raise InputError(f"the release does not match its manifest: {broken[0]}")
    manifest = json.loads((release_dir / MANIFEST).read_text(encoding="utf-8"))
    version = manifest["version"]
    files = (*manifest["files"], MANIFEST)
    return PushPlan(repo_id, version, f"v{version}", tuple(sorted(files)), f"{NAME} {version}")


def push_release(
    release_dir: Path, repo_id: str, *, token: str, endpoint: str | None = None
) -> PushReport:
    """Upload a release folder to the dataset repo `repo_id` as one commit and tag it
    `vX.Y.Z`, so `load_dataset(repo_id, config, revision="vX.Y.Z")` gets exactly this
    release. Refuses a tag that exists (ReleaseExistsError). `endpoint` overrides the Hub
    URL (HF_ENDPOINT). Errors never contain the token."""
    import httpx2

    # This is the one module allowed to talk to the Hub (ruff bans the import elsewhere).
    from huggingface_hub import HfApi  # noqa: TID251
    from huggingface_hub.errors import HfHubHTTPError  # noqa: TID251

    plan = push_plan(release_dir, repo_id)
    api = HfApi(endpoint=endpoint, token=token)
    where = endpoint or "https://huggingface.co"
    try:
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
        refs = api.list_repo_refs(repo_id, repo_type="dataset")
        if any(ref.name == plan.tag for ref in refs.tags):
            raise ReleaseExistsError(plan.version, f"{repo_id}@{plan.tag}")
        commit = api.upload_folder(
            repo_id=repo_id,
            repo_type="dataset",
            folder_path=release_dir,
            commit_message=plan.commit_message,
            # The repo's main branch shows the latest release: files of an older release
            # that this one does not have are removed (older tags keep them).
            delete_patterns=["*"],
        )
        api.create_tag(
            repo_id,
            tag=plan.tag,
            revision=commit.oid,
            repo_type="dataset",
            tag_message=plan.commit_message,
        )
    except (HfHubHTTPError, httpx2.HTTPError, OSError) as e:
        detail = str(e).replace(token, "***") if token else str(e)
        raise HubError(
            f"pushing {release_dir} to {repo_id} at {where} failed: {type(e).__name__}: "
            f"{detail}; the local release is complete, retry with "
            f"`corpus push {release_dir} {repo_id}`"
        ) from None
    url = f"{where.rstrip('/')}/datasets/{repo_id}/tree/{plan.tag}"
    return PushReport(repo_id, plan.tag, commit.oid, url)


def hub_token(environ: Mapping[str, str]) -> str:
    """The Hub token, from HF_TOKEN only (never from a file or the command line)."""
    token = environ.get("HF_TOKEN", "").strip()
    if not token:
        raise InputError("set HF_TOKEN to a Hugging Face token with write access to push")
    return token
