"""Stream the pages of a crawl, one at a time, in a fixed order. I/O: reads the input files.

    pages.warc.gz, pages.warc    WARC response records (Common Crawl News layout): the HTTP
                                 payload, its URL from WARC-Target-URI; requests, metadata
                                 and warcinfo records are not pages and are passed over
    pages.jsonl(.gz), .ndjson    one JSON object a line: {"url": ..., "html": ...} or "text"
    pages.parquet                the same columns (url optional; html or text required)
    folder/, page.html, page.txt .html/.htm/.txt/.text files, folders read in sorted order

Nothing is read whole: WARC and JSON Lines files are read record by record and Parquet
files in small row batches, so memory does not grow with the input. A page's payload is
read up to the parser's size limit (annotate.parse.MAX_BYTES) and no further.

The order is the order of the inputs, then of records inside each file; the pipeline cuts
its shards from this order, so the same inputs always give the same shards. A page the
reader already knows is not an article (a redirect, an image, a page over the size limit)
still comes out, with its `reason`, so the counts add up to the pages read.

A file that cannot be read (no such file, corrupt gzip, missing columns, bad JSON line)
yields one InputError naming it (and the line or record); reading goes on with the next.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from annotate.parse import MAX_BYTES
from annotate.sources import INPUT_SUFFIXES
from corpus.errors import InputError
from corpus.records_io import files_under

PARQUET_BATCH_ROWS = 64  # rows per Parquet batch: a few MB of HTML at most in memory


@dataclass(frozen=True, slots=True)
class Page:
    """One crawled page: where it came from, its URL, and its raw bytes (text or HTML).

    `reason` is set when the reader already knows the page is not an article ("not-html",
    "http-status", "too-large"); `data` is then empty and `detail` says more."""

    source: str  # "file", "file:LINE" (JSON Lines), "file#ROW" (Parquet), "file@OFFSET" (WARC)
    url: str | None
    data: bytes
    reason: str | None = None
    detail: str | None = None


def input_kind(path: Path) -> str:
    """Which reader takes `path`: warc, jsonl, parquet, folder or file; InputError otherwise."""
    name = path.name.lower()
    if path.is_dir():
        return "folder"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if path.suffix.lower() in INPUT_SUFFIXES:
        return "file"
    raise InputError(
        "unknown input format: expected .warc(.gz), .jsonl(.gz), .parquet, a folder, or "
        f"{'/'.join(sorted(INPUT_SUFFIXES))} pages",
        source=str(path),
    )


def iter_pages(inputs: Iterable[str]) -> Iterator[Page | InputError]:
    """Every page of every input, in order; an InputError for each input that fails."""
    for arg in inputs:
        path = Path(arg)
        try:
            if not path.exists():
                raise InputError("no such file or folder", source=arg)
            kind = input_kind(path)
            if kind == "warc":
                yield from _warc_pages(path)
            elif kind == "jsonl":
                yield from _jsonl_pages(path)
            elif kind == "parquet":
                yield from _parquet_pages(path)
            else:
                yield from _file_pages(path)
        except InputError as e:
            yield e
        except (OSError, EOFError, zlib.error) as e:
            yield InputError(f"cannot read: {_why(e)}; is the file complete?", source=arg)


def _why(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return " ".join(str(e).split()) or type(e).__name__


def _limited(stream: IO[bytes], source: str, url: str | None) -> Page:
    """A page of at most MAX_BYTES read from `stream`; a larger one comes out empty."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return Page(source, url, b"", "too-large", f"more than {MAX_BYTES:,} bytes")
    return Page(source, url, data)


def _warc_pages(path: Path) -> Iterator[Page | InputError]:
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # no stubs
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    with path.open("rb") as f:
        # Digests checked: a truncated or damaged record fails its digest and is reported,
        # instead of coming out short (warcio would only print a warning).
        records = ArchiveIterator(f, check_digests="raise")
        try:
            for record in records:
                if record.format != "warc":  # warcio reads any other text as an old ARC file
                    where = f"{path}@{records.get_record_offset()}"
                    raise InputError("not a WARC record; is this a WARC file?", source=where)
                if record.rec_type != "response":
                    continue
                page = _warc_page(record, str(path))
                # Asked after the payload is read: warcio skips the rest of the record to
                # tell where it started.
                yield replace(page, source=f"{path}@{records.get_record_offset()}")
        except ArchiveLoadFailed as e:
            message = " ".join(str(e.msg).split())  # warcio's messages run over lines
            raise InputError(f"not a readable WARC file: {message}", source=str(path)) from None


def _warc_page(record: Any, where: str) -> Page:
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if status != "200":
            return Page(where, url, b"", "http-status", f"HTTP status {status}")
        kind = (http.get_header("Content-Type") or "").lower()
        if kind and "html" not in kind and not kind.startswith("text/plain"):
            return Page(where, url, b"", "not-html", f"content type {kind.split(';')[0]}")
    return _limited(record.content_stream(), where, url)


def _jsonl_pages(path: Path) -> Iterator[Page | InputError]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield InputError(f"invalid JSON at column {e.colno}: {e.msg}", source=where)
                continue
            yield _record_page(record, where)


def _record_page(record: Any, where: str) -> Page | InputError:
    """The page of a JSON Lines or Parquet record {url, html | text}."""
    if not isinstance(record, dict):
        return InputError("expected a JSON object {url, html | text}", source=where)
    body = record.get("html")
    if body is None:
        body = record.get("text")
    if not isinstance(body, str):
        return InputError(
            "record has no 'html' or 'text' string; give each page one of them", source=where
        )
    url = record.get("url")
    data = body.encode("utf-8")
    if len(data) > MAX_BYTES:
        return Page(where, url, b"", "too-large", f"more than {MAX_BYTES:,} bytes")
    return Page(where, url if isinstance(url, str) else None, data)


def _parquet_pages(path: Path) -> Iterator[Page | InputError]:
    import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        file = pq.ParquetFile(path)
    except pa.ArrowException as e:
        raise InputError(f"not a readable Parquet file: {e}", source=str(path)) from None
    names = set(file.schema_arrow.names)
    if not names & {"html", "text"}:
        raise InputError(
            f"has no 'html' or 'text' column (columns: {', '.join(sorted(names)) or 'none'}); "
            "a crawl Parquet file needs url and html or text",
            source=str(path),
        )
    columns = [c for c in ("url", "html", "text") if c in names]
    row = 0
    try:
        for batch in file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                yield _record_page(record, f"{path}#{row}")
                row += 1
    except pa.ArrowException as e:
        raise InputError(f"cannot read row group after row {row}: {e}", source=str(path)) from None


def _file_pages(path: Path) -> Iterator[Page | InputError]:
    if path.is_dir():
        files, unreadable = files_under(path, INPUT_SUFFIXES)
        yield from unreadable
        if not files and not unreadable:
            yield InputError(
                f"folder has no {'/'.join(sorted(INPUT_SUFFIXES))} pages", source=str(path)
            )
    else:
        files = [path]
    for file in files:
        try:
            with file.open("rb") as f:
                yield _limited(f, str(file), None)
        except OSError as e:
            yield InputError(f"cannot read: {_why(e)}", source=str(file))
