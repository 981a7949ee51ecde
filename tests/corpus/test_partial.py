"""Leftovers of killed publishes: removed by the next run unless a running one holds them."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

from corpus.partial import GRACE_SECONDS, partial_folder, remove_leftovers
from corpus.release import publish
from tests.corpus.conftest import write_gold
from tests.corpus.gold_fixtures import document


def leftover(parent: Path, name: str, *, age: float) -> Path:
    """A partial folder with a file in it, last changed `age` seconds ago."""
    folder = parent / name
    folder.mkdir(parents=True)
    (folder / "train.parquet").write_bytes(b"half a file")
    then = time.time() - age
    os.utime(folder, (then, then))
    return folder


def test_a_killed_publish_leaves_nothing_the_next_publish_does_not_remove(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [document("sample-kazakhstan.txt")])
    root = tmp_path / "dist" / "newsgold"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from corpus.partial import partial_folder\n"
        "with partial_folder(Path(sys.argv[1]), '1.0.0', leftovers='.*.partial') as tmp:\n"
        "    (tmp / 'data').mkdir()\n"
        "    os.kill(os.getpid(), 9)\n"  # killed while writing, as `kill -9` would
    )
    root.mkdir(parents=True)
    killed = subprocess.run([sys.executable, "-c", script, str(root)], check=False)
    assert killed.returncode == -9
    [stale] = root.glob(".1.0.0.*.partial")
    then = time.time() - GRACE_SECONDS - 1
    os.utime(stale, (then, then))
    report = publish(gold, "1.0.0", tmp_path / "dist", workers=1)
    assert sorted(p.name for p in root.iterdir()) == ["1.0.0"]
    assert report.path == root / "1.0.0"


def test_a_partial_folder_a_running_process_holds_is_left_alone(tmp_path: Path) -> None:
    running = leftover(tmp_path, ".1.0.1.abcd.partial", age=3600)
    stale = leftover(tmp_path, ".1.0.0.efgh.partial", age=3600)
    fd = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as the publish writing it holds it
        assert remove_leftovers(tmp_path, ".*.partial") == [stale]
    finally:
        os.close(fd)
    assert running.is_dir()
    assert not stale.exists()


def test_a_young_partial_folder_is_left_alone(tmp_path: Path) -> None:
    # Between creating its folder and locking it, a starting run holds no lock yet.
    young = leftover(tmp_path, ".1.0.0.abcd.partial", age=1)
    assert remove_leftovers(tmp_path, ".*.partial") == []
    assert young.is_dir()


def test_only_the_leftovers_of_the_same_target_are_removed_beside_a_build(tmp_path: Path) -> None:
    other = leftover(tmp_path, ".notes.abcd.partial", age=3600)
    mine = leftover(tmp_path, ".build.efgh.partial", age=3600)
    with partial_folder(tmp_path, "build", leftovers=".build.*.partial") as tmp:
        assert tmp.name.startswith(".build.") and tmp.name.endswith(".partial")
    assert other.is_dir()
    assert not mine.exists()
