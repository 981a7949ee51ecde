"""Run files and process checks of the local server (no Label Studio started)."""

from __future__ import annotations

import os
from pathlib import Path

from annotate.labelstudio.server.process import (
    clear_run_files,
    is_our_server,
    pid_alive,
    read_pid,
    read_state,
    write_run_files,
)


def test_run_files_round_trip_and_clear(tmp_path: Path) -> None:
    write_run_files(tmp_path, 4242, {"pid": 4242, "port": 8123, "database": "sqlite"})
    assert read_pid(tmp_path) == 4242
    assert read_state(tmp_path) == {"pid": 4242, "port": 8123, "database": "sqlite"}
    assert (tmp_path / "server.json").stat().st_mode & 0o777 == 0o600
    clear_run_files(tmp_path, only_pid=999)  # another server's files are left alone
    assert read_pid(tmp_path) == 4242
    clear_run_files(tmp_path, only_pid=4242)
    assert read_pid(tmp_path) is None and read_state(tmp_path) == {}


def test_a_broken_state_file_reads_as_no_state(tmp_path: Path) -> None:
    (tmp_path / "server.json").write_text('{"pid": 12,')
    assert read_state(tmp_path) == {}
    (tmp_path / "server.json").write_text("[1, 2]")
    assert read_state(tmp_path) == {}
    (tmp_path / "server.pid").write_text("not a pid\n")
    assert read_pid(tmp_path) is None


def test_this_process_is_alive_but_not_a_label_studio_server(tmp_path: Path) -> None:
    assert pid_alive(os.getpid())
    assert not pid_alive(0) and not pid_alive(-1)
    assert not is_our_server(os.getpid(), tmp_path / "data")
