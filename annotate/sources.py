"""Read raw inputs from files, folders and stdin. I/O: reads files and standard input.

Folders are read recursively, in sorted order, keeping files whose suffix is one of
INPUT_SUFFIXES (other files, a PDF say, are skipped without a word: a folder of scrapes
often holds notes and downloads beside the pages); a subfolder that cannot be listed is
reported by name, never skipped silently. An explicit file path is always read, and one in
a format that is not text (PDF, Word, images, archives: annotate.parse.clean) is refused
when decoded. Every problem is reported for its own input and does not stop the others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError, NewsgoldError, SchemaError
from corpus.records import Article
from corpus.records_io import files_under
from corpus.validate import problems

INPUT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm"})


@dataclass(frozen=True, slots=True)
class RawInput:
    name: str
    data: bytes


def _read(path: Path, limit: int) -> RawInput | InputError:
    """The file's bytes, or why they cannot be read (too large, unreadable)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            # Refuse before reading: a 50 MB file is not an article and must not eat memory.
            return InputError(
                f"file is {size:,} bytes, larger than the {limit:,}-byte limit for one article; "
                "split it or check it is really an article",
                source=name,
            )
        return RawInput(name, path.read_bytes())
    except OSError as e:
        return InputError(f"cannot read: {e.strerror or e}", source=name)


def iter_inputs(paths: Iterable[str], *, limit: int) -> Iterator[RawInput | InputError]:
    """Yield each input's bytes, or the InputError that stopped it, in order."""
    for arg in paths:
        if arg == "-":
            data = sys.stdin.buffer.read(limit + 1)
            if len(data) > limit:
                yield InputError(f"standard input is larger than {limit:,} bytes", source="-")
            else:
                yield RawInput("-", data)
            continue
        path = Path(arg)
        if path.is_dir():
            files, unreadable = files_under(path, INPUT_SUFFIXES)
            yield from unreadable
            if not files and not unreadable:
                yield InputError(
                    f"folder has no {'/'.join(sorted(INPUT_SUFFIXES))} files", source=arg
                )
            for file in files:
                yield _read(file, limit)
        elif path.exists():
            yield _read(path, limit)
        else:
            yield InputError("no such file or folder", source=arg)


def parse_paths(
    paths: Iterable[str], *, limit: int | None = None
) -> Iterator[Article | NewsgoldError]:
    """Parse every input into a schema-valid Article, or the error that stopped it."""
    from annotate.parse import MAX_BYTES, parse_bytes

    for item in iter_inputs(paths, limit=MAX_BYTES if limit is None else limit):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            article = parse_bytes(item.data, source=item.name)
        except NewsgoldError as e:
            yield e
            continue
        found = problems(article.to_dict(), "article")
        yield SchemaError([str(p) for p in found], source=item.name) if found else article
