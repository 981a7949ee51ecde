"""Check the gold set before it is published: its files one by one, and its git state.

I/O: reads gold files (and per-annotator Documents), runs `git` in the gold folder and reads
the gold files a commit holds.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.agreement import Agreement, agreement
from corpus.errors import InputError, SchemaError
from corpus.records import JSON, Document
from corpus.records_io import gold_files, iter_annotation_records, read_json
from corpus.token_boundaries import misaligned_spans
from corpus.validate import Problem, problems


def _git(gold_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(gold_dir), *args], capture_output=True, text=True, check=False
    )


def gold_source(gold_dir: Path) -> str | None:
    """The git commit the gold set is published from, or None when it is not tracked in git
    (then publish reads the folder itself). Uncommitted changes, and gold files git ignores,
    are refused: a release must be exactly what was reviewed and committed, and publish reads
    it from that commit (`committed_gold`), never from the working tree."""
    if _git(gold_dir, "rev-parse", "--is-inside-work-tree").returncode != 0:
        return None
    status = _git(gold_dir, "status", "--porcelain", "--untracked-files=all", "--", ".")
    dirty = status.stdout.splitlines()
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise InputError(
            f"the gold set has {len(dirty)} uncommitted change(s) ({shown}); "
            "commit them, then publish",
            source=str(gold_dir),
        )
    tracked = set(_git(gold_dir, "ls-files", "--", ".").stdout.splitlines())
    if not tracked:
        return None  # inside a repository but not tracked (e.g. an ignored demo folder)
    # `status` does not list ignored files. The release holds only what the commit has, so
    # one that git ignores would be left out without a word: name it instead.
    outside = sorted(p.name for p in gold_files(gold_dir) if p.name not in tracked)
    if outside:
        shown = ", ".join(outside[:5]) + (" ..." if len(outside) > 5 else "")
        raise InputError(
            f"{len(outside)} gold file(s) that git does not track (ignored?): {shown}; "
            "commit them (git add -f), or move them out of the gold folder, then publish",
            source=str(gold_dir),
        )
    return _git(gold_dir, "rev-parse", "HEAD").stdout.strip() or None


@dataclass(frozen=True, slots=True)
class CommittedFile:
    """A gold file as a commit holds it: where it is in the gold folder, and its git blob."""

    path: Path
    blob: str


_FILE_MODES = frozenset({"100644", "100755"})
_LINK_MODE = "120000"


def committed_gold(gold_dir: Path, commit: str) -> list[CommittedFile]:
    """The `*.json` files directly in `gold_dir` as `commit` holds them: what publish reads
    (corpus.stream), whatever the working tree holds now. InputError when git cannot list
    them, or for a file committed as a symbolic link (git holds the link, not the record)."""
    listed = subprocess.run(
        ["git", "-C", str(gold_dir), "ls-tree", "-z", commit, "--", "."],
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        detail = listed.stderr.decode(errors="replace").strip()
        raise InputError(f"git cannot list commit {commit}: {detail}", source=str(gold_dir))
    files: list[CommittedFile] = []
    links: list[str] = []
    for entry in listed.stdout.split(b"\0"):
        info, _, name = os.fsdecode(entry).partition("\t")
        if not name.endswith(".json"):
            continue
        mode, _, blob = info.split(" ")
        if mode == _LINK_MODE:
            links.append(name)
        elif mode in _FILE_MODES:
            files.append(CommittedFile(gold_dir / name, blob))
    if links:
        raise InputError(
            f"gold file(s) committed as symbolic links: {', '.join(sorted(links))}; "
            "commit the files themselves, then publish",
            source=str(gold_dir),
        )
    return sorted(files, key=lambda f: f.path.stem)


def read_blobs(gold_dir: Path, blobs: Sequence[str]) -> list[bytes]:
    """The contents of git `blobs` of the repository holding `gold_dir`, in order, through one
    `git cat-file --batch`: the committed bytes, as they are in the repository."""
    if not blobs:
        return []
    run = subprocess.run(
        ["git", "-C", str(gold_dir), "cat-file", "--batch"],
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
        check=False,
    )
    out, at, contents = run.stdout, 0, []
    for blob in blobs:
        # Each answer is "<blob> blob <size>\n<content>\n", or "<blob> missing\n".
        header_end = out.find(b"\n", at)
        header = out[at:header_end].split(b" ") if header_end >= 0 else []
        if run.returncode != 0 or len(header) != 3 or header[1] != b"blob":
            detail = run.stderr.decode(errors="replace").strip() or "not in the repository"
            raise InputError(f"git cannot read blob {blob}: {detail}", source=str(gold_dir))
        at = header_end + 1
        size = int(header[2])
        contents.append(out[at : at + size])
        at += size + 1
    return contents


def file_problems(
    path: Path, record: Any, *, named: bool = True, boundaries: bool = True
) -> list[Problem]:
    """Problems of one gold file's record: schema and invariants, spans off the tokens the
    build tags (`boundaries`; corpus.token_boundaries), and (`named`) a file name that is not
    `<id>.json`, the name every gold file has in a gold folder. The release build passes
    `boundaries=False`: it tokenizes every record anyway, and reports those spans itself."""
    found = problems(record)
    if not found and boundaries:
        found = misaligned_spans(record)
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
