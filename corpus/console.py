"""Terminal output for the CLIs: errors, JSON Lines, progress. I/O: writes to stdout/stderr.

stdout carries data (JSON Lines); progress and errors go to stderr. Progress bars
only appear when stderr is a terminal, so piped and CI output stays quiet.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def error(message: str) -> None:
    """Print one error line to stderr."""
    print(f"error: {message}", file=sys.stderr)  # noqa: T201  # the CLI edge reports errors


def info(message: str) -> None:
    """Print one status line to stderr (never to stdout, which carries data)."""
    print(message, file=sys.stderr)  # noqa: T201  # the CLI edge reports status


def dumps(record: Any, *, pretty: bool = False) -> str:
    """A record as one JSON line, or indented JSON for a person with `pretty`."""
    return json.dumps(record, ensure_ascii=False, indent=2 if pretty else None)


def write_json(record: Any, *, pretty: bool = False) -> None:
    sys.stdout.write(dumps(record, pretty=pretty) + "\n")


def progress(items: Iterable[T], *, total: int | None, description: str) -> Iterator[T]:
    """Iterate `items` with a Rich progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress  # lazy: keeps `--help` fast

    with Progress(transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)
