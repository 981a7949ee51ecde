"""Install Label Studio into ``<home>/venv`` with uv. I/O: runs uv and the venv's Python."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from annotate.labelstudio.server.home import (
    LOG_TAIL_LINES,
    VENV,
    LabelStudioServerError,
    executable,
    make_private_dir,
    venv_python,
)
from annotate.labelstudio.server.settings import scrubbed

DEFAULT_VERSION = "1.23.2"
# The PostgreSQL driver Django uses: label-studio (>= 1.20) requires psycopg[binary] 3 itself,
# so it is not pinned here; a venv without it is caught before a PostgreSQL start.
POSTGRES_DRIVER = "psycopg"


def uv_command() -> list[str]:
    """How to run uv: $UV (may hold arguments), then uv on PATH, then ``python -m uv``."""
    configured = os.environ.get("UV")
    if configured:
        # A path (as scripts/_bootstrap.sh exports it), else a command line like "python3 -m uv".
        return [configured] if Path(configured).is_file() else shlex.split(configured)
    found = shutil.which("uv")
    if found:
        return [found]
    probe = subprocess.run(
        [sys.executable, "-m", "uv", "--version"], capture_output=True, text=True, check=False
    )
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    raise LabelStudioServerError(
        "uv was not found (checked $UV, PATH and `python -m uv`). "
        "Fix: `python3 -m pip install uv`, or point $UV at a uv executable."
    )


def _installed_version(python: Path) -> str | None:
    if not python.exists():
        return None
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print(m.version('label-studio'))",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if probe.returncode != 0:
        return None
    return probe.stdout.strip() or None


def _venv_works(python: Path) -> bool:
    if not python.exists():
        return False
    probe = subprocess.run(
        [str(python), "-c", "import sys"], capture_output=True, check=False, timeout=60
    )
    return probe.returncode == 0


def _run_uv(args: list[str], what: str) -> None:
    env = scrubbed(os.environ)
    # Trust the platform's certificate store, as pip does (and as scripts/_bootstrap.sh
    # does): behind a proxy with its own root CA, uv's bundled roots are rejected.
    env.setdefault("UV_SYSTEM_CERTS", "1")
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-LOG_TAIL_LINES:])
        raise LabelStudioServerError(
            f"{what} failed (exit {done.returncode}): {shlex.join(args)}\n{tail}\n"
            "Fix: check that PyPI is reachable and that uv works; "
            "deleting the venv folder and retrying starts the install from scratch."
        )


def installed_version(home: Path) -> str | None:
    """Version of label-studio in ``home/venv``, or None when it is not (usably) installed."""
    home = home.expanduser().absolute()
    if not executable(home).exists():
        return None
    return _installed_version(venv_python(home))


def ensure_installed(home: Path, *, version: str = DEFAULT_VERSION) -> Path:
    """Install ``label-studio==version`` into ``home/venv`` with uv, unless already there.

    Returns the path of the venv's ``label-studio`` executable.
    """
    home = home.expanduser().absolute()
    make_private_dir(home)
    venv = home / VENV
    python = venv_python(home)
    exe = executable(home)
    if exe.exists() and _installed_version(python) == version:
        return exe
    uv = uv_command()
    if not _venv_works(python):
        _run_uv(
            [*uv, "venv", "--quiet", "--clear", "--python", sys.executable, str(venv)],
            f"creating the Label Studio venv in {venv}",
        )
    _run_uv(
        [*uv, "pip", "install", "--quiet", "--python", str(python), f"label-studio=={version}"],
        f"installing label-studio=={version} into {venv}",
    )
    installed = _installed_version(python)
    if installed != version or not exe.exists():
        raise LabelStudioServerError(
            f"label-studio=={version} is not usable in {venv} after install "
            f"(found version {installed!r}, executable present: {exe.exists()}). "
            f"Fix: delete {venv} and run again."
        )
    return exe


def require_postgres_driver(home: Path) -> None:
    """Raise unless the PostgreSQL driver imports in the venv of `home`."""
    python = venv_python(home.expanduser().absolute())
    probe = subprocess.run(
        [str(python), "-c", f"import {POSTGRES_DRIVER}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=scrubbed(os.environ),
    )
    if probe.returncode != 0:
        raise LabelStudioServerError(
            f"the PostgreSQL driver ({POSTGRES_DRIVER}) does not import in {python.parent.parent}, "
            "so Label Studio cannot use PostgreSQL. Fix: `uv pip install --python "
            f"{python} 'psycopg[binary]>=3.2'`, or delete the venv and start again."
        )
