"""What the last `annotate pull` of a project found, so the next one fetches only what changed.
I/O: reads and writes the state file, hashes the files a pull wrote.

The state of pulling project P into `<dir>/<out>` is `<dir>/.<out>-pull-<P>.state` (JSON; a
name that does not end in `.json`, so nothing that reads the gold folder's JSON files picks
it up). It holds, per task: Label Studio's `updated_at`, the submitted annotation ids, what
the task gave on its own (accepted, a conflict, problems, not annotated) and the sha256 of
each file that came out of it; plus the `watermark` (the newest `updated_at` Label Studio
had when that pull began) and a fingerprint of everything else the output depends on (the
project's salt and guidelines version, the conflicts folder, and the source of `annotate`,
`corpus` and `schema/`: new code means a full pull).

A state that cannot be read, or that belongs to another project or fingerprint, is not used:
the pull is then a full pull, which is always right, and it rewrites the state. A corrupt
state is named in a warning. It is written via a temp file and a rename, at the end of a
pull, so a pull that dies midway leaves the old state, whose file hashes then no longer
match what was rewritten: those tasks are fetched again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.records_io import write_bytes_atomic

STATE_VERSION = 1
OUT = "out"  # file keys: "out:<name>" in the gold folder, "conflicts:<path>" in the conflicts one
CONFLICTS = "conflicts"
_REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """What one task gave on its own, and the files it wrote (None: it wrote none, e.g. it
    was a second task of one article)."""

    task: int
    updated_at: str
    annotations: tuple[int, ...] = ()  # submitted, non-cancelled annotation ids
    article_id: str | None = None
    annotated: bool = False
    claims: bool = False  # its article reads: it claims the article (a second claim is a problem)
    problems: tuple[str, ...] = ()
    conflict: Mapping[str, Any] | None = None  # Conflict.to_dict()
    accepted: bool = False
    per_annotator: int = 0
    files: Mapping[str, str] | None = None  # "out:<name>" / "conflicts:<path>" -> sha256

    def to_dict(self) -> dict[str, Any]:
        return {
            "updated_at": self.updated_at,
            "annotations": list(self.annotations),
            "article_id": self.article_id,
            "annotated": self.annotated,
            "claims": self.claims,
            "problems": list(self.problems),
            "conflict": dict(self.conflict) if self.conflict is not None else None,
            "accepted": self.accepted,
            "per_annotator": self.per_annotator,
            "files": dict(self.files) if self.files is not None else None,
        }

    @classmethod
    def from_dict(cls, task: int, d: Mapping[str, Any]) -> TaskRecord:
        files = d["files"]
        return cls(
            task=task,
            updated_at=str(d["updated_at"]),
            annotations=tuple(int(a) for a in d["annotations"]),
            article_id=d["article_id"] if isinstance(d["article_id"], str) else None,
            annotated=bool(d["annotated"]),
            claims=bool(d["claims"]),
            problems=tuple(str(p) for p in d["problems"]),
            conflict=dict(d["conflict"]) if d["conflict"] is not None else None,
            accepted=bool(d["accepted"]),
            per_annotator=int(d["per_annotator"]),
            files={str(k): str(v) for k, v in files.items()} if files is not None else None,
        )


@dataclass(frozen=True, slots=True)
class PullState:
    project_id: int
    fingerprint: str
    watermark: str  # the newest task `updated_at` when the pull began ("" for an empty project)
    pulled_at: str  # when, UTC ISO 8601 (for people; never compared)
    tasks: Mapping[int, TaskRecord] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "project_id": self.project_id,
            "fingerprint": self.fingerprint,
            "watermark": self.watermark,
            "pulled_at": self.pulled_at,
            "tasks": {str(i): r.to_dict() for i, r in sorted(self.tasks.items())},
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PullState:
        if d.get("version") != STATE_VERSION:
            raise ValueError(f"state version {d.get('version')!r}, not {STATE_VERSION}")
        return cls(
            project_id=int(d["project_id"]),
            fingerprint=str(d["fingerprint"]),
            watermark=str(d["watermark"]),
            pulled_at=str(d["pulled_at"]),
            tasks={int(k): TaskRecord.from_dict(int(k), v) for k, v in d["tasks"].items()},
        )


def state_path(out_dir: Path, project_id: int) -> Path:
    """Where the state of pulling `project_id` into `out_dir` lives (next to `out_dir`)."""
    return out_dir.parent / f".{out_dir.name}-pull-{project_id}.state"


def load_state(path: Path, *, project_id: int, fingerprint: str) -> tuple[PullState | None, str]:
    """The state at `path` if it is usable for this pull, else None; and a warning when the
    file exists but cannot be read (a missing or outdated state needs no warning)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, ""
    except OSError as e:
        return None, f"{path}: cannot read the pull state ({e.strerror or e}); pulling everything"
    try:
        state = PullState.from_dict(json.loads(data.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        return None, (
            f"{path}: the pull state is unreadable ({type(e).__name__}: {e}); pulling "
            "everything, which writes a new one"
        )
    if state.project_id != project_id or state.fingerprint != fingerprint:
        return None, ""
    return state, ""


def save_state(path: Path, state: PullState) -> None:
    """Write the state via a temp file and a rename (compact JSON: it can be large)."""
    data = json.dumps(state.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
    write_bytes_atomic(path, data.encode("utf-8"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str | None:
    """The sha256 of the file's bytes; None when it cannot be read."""
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over the source of `annotate`, `corpus` and `schema/`: what turns an annotation
    into a Document (the QTY rules included). A state from other code is not reused."""
    digest = hashlib.sha256()
    for folder, pattern in (("annotate", "*.py"), ("corpus", "*.py"), ("schema", "*")):
        for path in sorted((_REPO / folder).rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_REPO).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts: object) -> str:
    """A fingerprint of this pull's fixed inputs (`parts`) and of the code."""
    text = json.dumps([STATE_VERSION, code_fingerprint(), *map(str, parts)])
    return sha256(text.encode("utf-8"))
