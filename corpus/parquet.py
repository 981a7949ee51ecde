"""Parquet files of a release: written in row groups, checked by reading them back.

I/O: writes and reads `data/<config>/<split>.parquet` under a folder.

`ParquetSink` gathers Arrow record batches per (config, split) into row groups of about
BATCH rows and keeps a digest of what it wrote; `check` reads every file back and compares.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.errors import InputError
from corpus.records import JSON

# Documents per Parquet row group. Small batches keep memory flat: buffering 1,000 documents'
# tokens as Python strings fragmented the heap (+25 MiB per 1,000 documents published).
BATCH = 250


def data_path(config: str, split: str) -> str:
    return f"data/{config}/{split}.parquet"


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


class ParquetSink:
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


def iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[JSON]:
    """The rows of one Parquet file as dicts, a row group's worth at a time; InputError
    naming the file when it cannot be read (truncated, corrupt, not Parquet)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        with path.open("rb") as f:
            for batch in pq.ParquetFile(f).iter_batches(batch_size=BATCH, columns=columns):
                yield from batch.to_pylist()
    except (pa.ArrowException, OSError) as e:
        raise InputError(
            f"not a readable Parquet file ({' '.join(str(e).split())}); the file is damaged: "
            "take it again from an intact copy of the release",
            source=str(path),
        ) from None
