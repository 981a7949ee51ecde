"""Hidden work folders that become a release or a build once complete, and the cleanup of
those a killed run left behind. I/O: creates, locks, renames and removes folders.

A run writes into `.<name>.<random>.partial` beside its target and renames it into place at
the end; any error removes it. A run killed outright (`kill -9`, a power cut) cannot remove
it, so each run first removes the leftovers of earlier runs. A leftover is a partial folder
that no process holds: every run holds an exclusive `flock` on its own folder while it
writes, and the kernel releases that lock when the process dies, however it dies. A run
started at the same moment (another maintainer's publish into the same folder) is never
touched: its folder is locked, and one younger than GRACE_SECONDS is left alone as well,
which covers the instant between creating a folder and locking it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GRACE_SECONDS = 60.0
"""A partial folder younger than this is never removed, locked or not."""


@contextmanager
def partial_folder(parent: Path, name: str, *, leftovers: str) -> Iterator[Path]:
    """A new hidden folder in `parent` to write `name` in, locked while the block runs and
    removed if it fails; the caller renames it into place once it is complete. First removes
    the leftovers of killed runs among the folders in `parent` matching the glob `leftovers`."""
    remove_leftovers(parent, leftovers)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=parent))
    fd = os.open(tmp, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        os.close(fd)  # releases the lock


def remove_leftovers(parent: Path, pattern: str) -> list[Path]:
    """Remove the partial folders in `parent` matching `pattern` that no running process
    holds and that are older than GRACE_SECONDS; the folders removed."""
    removed = []
    for folder in sorted(parent.glob(pattern)):
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    try:
        if time.time() - folder.stat().st_mtime < GRACE_SECONDS:
            return False
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False  # gone already, or not ours to open: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a running publish or build holds it
    finally:
        os.close(fd)
    return True
