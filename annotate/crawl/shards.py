"""The crawl's output folder: Parquet shards, their done markers, the run manifest and the
stats. I/O: reads and writes files under the output folder.

    OUT/run.json                 inputs and settings of the run (a resume must match them)
    OUT/shard-00000.parquet      one row per page read, in input order (SHARD_SCHEMA)
    OUT/shard-00000.done.json    written after the shard: its counts; "this shard is finished"
    OUT/stats.json               the counts of the whole run (annotate.crawl.stats)
    OUT/.dedup-index.sqlite      the duplicate stage's index while a run lasts (scratch)

A shard is written to a temporary file and renamed, then its marker is written the same
way, so a killed run leaves finished shards (with marker) and at most one shard without a
marker, which the next run writes again. Shard rows:

    position      int64   the page's place in the whole input (0, 1, ...)
    source        string  file, file:LINE (JSON Lines), file#ROW (Parquet), file@OFFSET (WARC)
    url           string  the page's URL, when the input gives one
    reason        string  why the page was dropped (annotate.crawl.work); null when kept
    detail        string  the reason in words ("identified as 'ms' (0.87)")
    id            string  the Article id (kept pages and duplicates)
    exact         string  the exact-duplicate key of the text (annotate.crawl.dedup)
    duplicate_of  string  the id of the earlier page this one duplicates; null if canonical
    document      string  the Document as JSON, exactly as `annotate preannotate` writes it

The canonical articles are the rows with neither `reason` nor `duplicate_of`
(corpus.silver.canonical_documents reads them for `annotate select` and the silver config).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import InputError
from corpus.records_io import read_json, write_json_atomic

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs

    from annotate.crawl.work import PageRow

MANIFEST = "run.json"
STATS = "stats.json"
DEDUP_INDEX = ".dedup-index.sqlite"
COLUMNS = ("position", "source", "url", "reason", "detail", "id", "exact", "duplicate_of",
           "document")  # fmt: skip


def schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([("position", pa.int64())] + [(n, pa.string()) for n in COLUMNS[1:]])


def shard_path(out: Path, index: int) -> Path:
    return out / f"shard-{index:05d}.parquet"


def marker_path(out: Path, index: int) -> Path:
    return out / f"shard-{index:05d}.done.json"


def check_manifest(out: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest into a new output folder, or make sure the one there matches:
    resuming with other inputs or settings would mix two runs in one folder."""
    path = out / MANIFEST
    if not path.exists():
        write_json_atomic(path, manifest)
        return
    if read_json(path) != manifest:
        raise InputError(
            "holds a crawl run with other inputs or settings (see its run.json); give --out "
            "a new folder, or the same inputs and settings to resume that run",
            source=str(out),
        )


def done_shards(out: Path) -> set[int]:
    """The shards a previous run finished: shard file and marker both present."""
    done = set()
    for marker in out.glob("shard-*.done.json"):
        index = int(marker.name.split("-")[1].split(".")[0])
        if shard_path(out, index).exists():
            done.add(index)
    return done


def write_shard(out: Path, index: int, rows: Sequence[PageRow]) -> int:
    """Write the shard (temp file, rename); its size in bytes. Its marker comes after."""
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    columns = {name: [getattr(row, name) for row in rows] for name in COLUMNS}
    table = pa.Table.from_pydict(columns, schema=schema())
    path = shard_path(out, index)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    size = tmp.stat().st_size
    tmp.replace(path)
    return size


def write_marker(out: Path, index: int, counts: dict[str, Any]) -> None:
    """Mark the shard finished, with its counts (after the shard itself is in place)."""
    write_json_atomic(marker_path(out, index), counts)


def read_marker(out: Path, index: int) -> dict[str, Any]:
    counts: dict[str, Any] = read_json(marker_path(out, index))
    return counts


def shard_files(out: Path) -> list[Path]:
    """The finished shards of an output folder, in input order."""
    return sorted(shard_path(out, i) for i in done_shards(out))


def read_rows(path: Path, columns: Sequence[str] = COLUMNS) -> Iterator[dict[str, Any]]:
    """The rows of one shard as dicts, a batch at a time."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=list(columns)):
        yield from batch.to_pylist()
