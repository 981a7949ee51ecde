"""scripts/_bootstrap.sh on a machine without uv: it installs uv into .tools/ and syncs .venv.

What this covers: the first lines of the README's `scripts/test` and `scripts/demo` on a
fresh machine: no `uv` on PATH, no $UV, nothing but a Python 3.11 with venv and pip, an
empty HOME (so no user configuration of pip or uv); the bootstrap must create .tools/,
pip-install uv there, export it as $UV and build a .venv from uv.lock (`--locked`, so a lock
that does not match pyproject.toml fails here too) in which both packages import.

What it does not cover: an empty package cache and an offline machine. uv reuses the
cache of the uv running this suite (UV_CACHE_DIR): the same locked files, only not
downloaded again, which keeps the test at seconds instead of minutes; pip fetches uv itself
through the machine's index settings (proxies and certificates are passed through). The rest
of scripts/test (ruff, mypy, this suite) runs after the bootstrap in CI anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, find_uv

# The project as a fresh clone has it, minus data and tests: enough to install and import.
PROJECT_FILES = ("pyproject.toml", "uv.lock", "README.md", "scripts/_bootstrap.sh")
PROJECT_DIRS = ("annotate", "corpus", "schema")
# The machine's network settings: pip and uv need them to reach an index, and they say
# nothing about uv being installed.
NETWORK_ENV = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "PIP_CERT",
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS",
)


def uv_cache_dir() -> str:
    """The package cache of the uv running this suite, to reuse (see the module docstring)."""
    result = subprocess.run([find_uv(), "cache", "dir"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def bare_path(bin_dir: Path) -> str:
    """A PATH holding only a `python3` (the interpreter behind this suite's venv) and the few
    tools the bootstrap calls: no uv, whatever the machine has installed."""
    bin_dir.mkdir()
    base_python = getattr(sys, "_base_executable", sys.executable)
    (bin_dir / "python3").symlink_to(Path(base_python).resolve())
    for tool in ("bash", "dirname"):
        found = shutil.which(tool)
        assert found, f"the bootstrap needs {tool} on PATH"
        (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


@pytest.mark.slow
def test_bootstrap_installs_uv_and_the_locked_venv_without_uv_on_path(tmp_path: Path) -> None:
    project = tmp_path / "newsgold"
    for name in PROJECT_DIRS:
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in PROJECT_FILES:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, project / name)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": bare_path(tmp_path / "bin"),
        "HOME": str(home),
        "UV_CACHE_DIR": uv_cache_dir(),
        **{name: os.environ[name] for name in NETWORK_ENV if name in os.environ},
    }
    script = (
        'source scripts/_bootstrap.sh && echo "UV=$UV" && '
        '"$UV" run --locked --quiet python -c '
        '"import annotate.rules, corpus.schemas; print(annotate.rules.rules_version())"'
    )
    result = subprocess.run(
        [shutil.which("bash") or "bash", "-c", script],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "installing uv into .tools/" in result.stderr
    uv_line, version_line = result.stdout.splitlines()[-2:]
    assert uv_line == f"UV={project / '.tools' / 'bin' / 'uv'}"
    assert version_line.startswith("0.1.0+")
    venv_python = project / ".venv" / "bin" / "python"
    assert venv_python.is_file()
    # The venv is the project's own (not the suite's): its newsgold is the copy, installed
    # (run from HOME, so the working directory does not put a checkout on sys.path).
    where = subprocess.run(
        [str(venv_python), "-c", "import corpus; print(corpus.__file__)"],
        cwd=home,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": env["PATH"], "HOME": str(home)},
    )
    assert where.stdout.strip().startswith(str(project))
