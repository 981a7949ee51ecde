"""A server home folder: what lives where, the types shared by the server modules, private
files and the start/stop lock. I/O: creates folders, writes files readable by the owner only.
"""

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from corpus.errors import InputError
from corpus.records_io import read_json

LOOPBACK = "127.0.0.1"

Database = Literal["sqlite", "postgresql"]

VENV = "venv"
DATA = "data"
PID_FILE = "server.pid"
STATE_FILE = "server.json"
LOG_FILE = "server.log"
CREDENTIALS_FILE = "credentials.json"
LOCK_FILE = ".lock"
LOG_TAIL_LINES = 20


class LabelStudioServerError(RuntimeError):
    """The local Label Studio server could not be installed, started, checked or stopped.

    The message says what failed, where the server log is and how to fix it.
    It never contains the admin password or the API token.
    """


@dataclass(frozen=True)
class ServerInfo:
    """A running Label Studio server started by this package (no secrets in here)."""

    url: str
    pid: int
    port: int
    data_dir: Path
    database: Database


def venv_python(home: Path) -> Path:
    return home / VENV / "bin" / "python"


def executable(home: Path) -> Path:
    return home / VENV / "bin" / "label-studio"


def log_path(home: Path) -> Path:
    return home / LOG_FILE


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def write_private_json(path: Path, payload: Mapping[str, object]) -> None:
    """Write JSON atomically, readable by the owner only (mode 0600)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=2)
            fh.write("\n")
        tmp.chmod(0o600)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def read_private_json(path: Path, keys: tuple[str, ...], *, data: Path) -> dict[str, Any] | None:
    """The JSON object in `path` (None when there is no file), which must hold `keys`; its mode
    is tightened to 0600. Errors name the file and the line, never the content (secrets)."""
    if not path.exists():
        return None
    fix = (
        f"Fix: restore it from a backup; if the server data in {data} is disposable, "
        "delete both and start again."
    )
    try:
        raw = read_json(path)
    except InputError as exc:
        raise LabelStudioServerError(f"{exc}. {fix}") from None
    if not isinstance(raw, dict) or not all(key in raw for key in keys):
        raise LabelStudioServerError(f"{path} lacks {'/'.join(keys)}. {fix}")
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return raw


@contextlib.contextmanager
def locked(home: Path) -> Iterator[None]:
    """Serialize start/stop for one home folder across processes."""
    make_private_dir(home)
    with (home / LOCK_FILE).open("a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
