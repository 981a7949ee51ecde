"""Check the gold set before it is published: its files one by one, and its git state.

I/O: reads gold files (and per-annotator Documents), runs `git` in the gold folder.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.agreement import Agreement, agreement
from corpus.errors import InputError, SchemaError
from corpus.records import JSON, Document
from corpus.records_io import gold_files, iter_annotation_records, read_json
from corpus.validate import Problem, problems


def gold_source(gold_dir: Path) -> str | None:
    """The git commit the gold set is published from, or None when it is not tracked in git.
    Uncommitted changes, and gold files git ignores, are refused: a release must be exactly
    what was reviewed and committed."""

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
    tracked = set(git("ls-files", "--", ".").stdout.splitlines())
    if not tracked:
        return None  # inside a repository but not tracked (e.g. an ignored demo folder)
    # `status` does not list ignored files, and the release reads every *.json here: one
    # that git ignores would be published under a commit that lacks it.
    outside = sorted(p.name for p in gold_files(gold_dir) if p.name not in tracked)
    if outside:
        shown = ", ".join(outside[:5]) + (" ..." if len(outside) > 5 else "")
        raise InputError(
            f"{len(outside)} gold file(s) that git does not track (ignored?): {shown}; "
            "commit them (git add -f), or move them out of the gold folder, then publish",
            source=str(gold_dir),
        )
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
