"""The server process: launching it detached, telling whether a pid is alive and ours,
signalling it, and the pid/state files that remember it. I/O: processes, /proc, home files.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from annotate.labelstudio.server.home import (
    LOOPBACK,
    PID_FILE,
    STATE_FILE,
    write_private_json,
)
from corpus.errors import InputError
from corpus.records_io import read_json

# Run by the caller's interpreter (python -I -c): starts argv[1:] in a new
# session with stdout/stderr on the launcher's stderr (the log), prints the
# pid and exits without waiting, so the server is re-parented away from us.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=2, stderr=2,"
    " start_new_session=True, close_fds=True)\n"
    "sys.stdout.write(f'{p.pid}\\n')\n"
    "sys.stdout.flush()\n"
    "os._exit(0)\n"
)


def launch_detached(
    command: list[str], *, cwd: Path, env: Mapping[str, str], log: IO[bytes]
) -> subprocess.CompletedProcess[bytes]:
    """Run the launcher for `command`; its stdout is the server's pid.

    Raises OSError or subprocess.TimeoutExpired when the launcher itself cannot run.
    """
    return subprocess.run(
        [sys.executable, "-I", "-c", _LAUNCHER, *command],
        cwd=str(cwd),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=log,
        check=False,
        timeout=60,
    )


def pid_alive(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """An exited process nobody has reaped yet (e.g. when pid 1 does not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # Format: "pid (comm) state ..."; comm may contain spaces and parentheses.
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _cmdline(pid: int) -> str:
    proc = Path(f"/proc/{pid}/cmdline")
    try:
        return proc.read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except FileNotFoundError:
        if Path("/proc/self").exists():
            return ""
    except OSError:
        return ""
    done = subprocess.run(
        ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def is_our_server(pid: int, data_dir: Path) -> bool:
    """True when pid is alive and runs label-studio on our data dir."""
    if not pid_alive(pid):
        return False
    cmd = _cmdline(pid)
    return "label-studio" in cmd and str(data_dir) in cmd


def process_group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def send_signal(pid: int, group: int | None, sig: signal.Signals) -> None:
    """Signal the process group when there is one, else the process."""
    with contextlib.suppress(ProcessLookupError):
        if group is not None:
            os.killpg(group, sig)
        else:
            os.kill(pid, sig)


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((LOOPBACK, port)) == 0


# ------------------------------------------------------------------------ run files


def read_pid(home: Path) -> int | None:
    try:
        return int((home / PID_FILE).read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None


def read_state(home: Path) -> dict[str, object]:
    """The state file of the running server; {} when there is none or it is unreadable."""
    try:
        raw = read_json(home / STATE_FILE)
    except InputError:
        return {}
    return raw if isinstance(raw, dict) else {}


def write_run_files(home: Path, pid: int, state: Mapping[str, object]) -> None:
    (home / PID_FILE).write_text(f"{pid}\n", encoding="utf-8")
    write_private_json(home / STATE_FILE, state)


def clear_run_files(home: Path, *, only_pid: int | None = None) -> None:
    """Remove pid and state files (only if they still name ``only_pid``, when given)."""
    if only_pid is not None and read_pid(home) != only_pid:
        return
    for name in (PID_FILE, STATE_FILE):
        with contextlib.suppress(FileNotFoundError):
            (home / name).unlink()
