"""Read and write gold records on disk. I/O: reads JSON files, writes them atomically.

A gold set is a folder of `<article_id>.json` files, one Document each. Writes go to a
temporary file in the same folder, then rename, so a crash never leaves half a record.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corpus.errors import InputError


def gold_files(path: Path) -> list[Path]:
    """The `*.json` record files in `path` (a folder), or `path` itself (a file); InputError
    when it does not exist or cannot be read."""
    if path.is_dir():
        try:
            # Not Path.glob: it answers an unreadable folder with no files, silently.
            return sorted(p for p in path.iterdir() if p.name.endswith(".json"))
        except OSError as e:
            raise _unreadable_folder(e) from None
    if path.is_file():
        return [path]
    raise InputError("no such file or folder", source=str(path))


def files_under(folder: Path, suffixes: Iterable[str]) -> tuple[list[Path], list[InputError]]:
    """The files under `folder` (searched recursively, linked folders followed) whose suffix,
    in lower case, is one of `suffixes`, in sorted order; and an InputError per subfolder that
    could not be listed (Path.rglob would skip it silently)."""
    wanted = frozenset(suffixes)
    files: list[Path] = []
    unreadable: list[InputError] = []
    for top, _, names in os.walk(
        folder, onerror=lambda e: unreadable.append(_unreadable_folder(e)), followlinks=True
    ):
        files += (Path(top, n) for n in names if Path(n).suffix.lower() in wanted)
    return sorted(p for p in files if p.is_file()), unreadable


def _unreadable_folder(e: OSError) -> InputError:
    return InputError(
        f"cannot read this folder ({e.strerror or e}); its files were not read: "
        "fix its permissions or leave it out",
        source=str(e.filename),
    )


def read_json(path: Path) -> Any:
    """Parse one JSON file; errors name the file, line and column."""
    return read_json_bytes(path)[1]


def read_json_bytes(path: Path) -> tuple[bytes, Any]:
    """The bytes of one JSON file and their parse (to hash what was read); errors as read_json."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=str(path)) from None
    return data, parse_json(data, source=str(path))


def parse_json(data: bytes, *, source: str) -> Any:
    """Parse the bytes of one JSON file (read from disk or from git); errors name `source`,
    line and column, or the JSON pointer of a string that is not Unicode text."""
    try:
        value = json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(
            f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}", source=source
        ) from None
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 at byte {e.start}", source=source) from None
    # Only a \uD800-\uDFFF escape makes a lone surrogate (UTF-8 bytes cannot): look for one
    # only where such an escape is written.
    if _SURROGATE_ESCAPE.search(data):
        found = _lone_surrogate(value)
        if found is not None:
            pointer, char = found
            raise InputError(
                f"{pointer or '/'}: the escape {char!r} is half of a UTF-16 pair, not a "
                "character (a build could not write it); write the character itself",
                source=source,
            )
    return value


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any, pointer: str = "") -> tuple[str, str] | None:
    """The JSON pointer of the first string in `value` holding a lone surrogate, and the
    surrogate; None when there is none."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return None if found is None else (pointer, found[0])
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        place = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
        found_in = _lone_surrogate(item, place)
        if found_in is not None:
            return found_in
    return None


def iter_records(path: Path) -> Iterator[tuple[Path, Any | InputError]]:
    """Each gold file with its parsed JSON, or the InputError that stopped it."""
    for file in gold_files(path):
        try:
            yield file, read_json(file)
        except InputError as e:
            yield file, e


def iter_annotation_records(path: Path) -> Iterator[tuple[str, Any | InputError]]:
    """Records under `path` (a file or a folder searched recursively): each `*.json` file is
    one record, each line of a `*.jsonl` file is one. Yields (source, record or InputError),
    the source naming the file, and the line for JSON Lines (`file:3`)."""
    if path.is_dir():
        files, unreadable = files_under(path, {".json", ".jsonl"})
        yield from ((str(e.source), e) for e in unreadable)
    elif path.is_file():
        files = [path]
    else:
        raise InputError("no such file or folder", source=str(path))
    for file in files:
        if file.suffix.lower() == ".json":
            try:
                yield str(file), read_json(file)
            except InputError as e:
                yield str(file), e
            continue
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            yield str(file), InputError(f"cannot read: {e}", source=str(file))
            continue
        yield from json_lines(lines, source=str(file))


def json_lines(lines: Iterable[str], *, source: str) -> Iterator[tuple[str, Any | InputError]]:
    """Each non-blank line of a JSON Lines text, parsed: (`source:line`, value or the
    InputError naming that line), so one bad line never stops the others."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as e:
            yield where, InputError(f"invalid JSON at column {e.colno}: {e.msg}", source=where)


def writable_folder(path: Path, *, option: str) -> None:
    """Make sure `path` is a folder this process can write into, creating it (and its
    parents) if needed; InputError naming it and the command-line `option` otherwise."""
    if path.exists() and not path.is_dir():
        raise InputError(
            f"is a file, not a folder; give {option} a folder (new or existing)", source=str(path)
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(
            f"cannot create this folder ({e.strerror or e}); give {option} a folder you can "
            "write to",
            source=str(path),
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InputError(
            f"folder is not writable; give {option} a folder you can write to", source=str(path)
        )


def json_bytes(record: Any) -> bytes:
    """`record` as the pretty JSON `write_json_atomic` writes (UTF-8, indent 2, final newline)."""
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json_atomic(path: Path, record: Any) -> None:
    """Write `record` as pretty JSON to `path` via a temp file and rename."""
    write_bytes_atomic(path, json_bytes(record))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temp file and rename (readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
