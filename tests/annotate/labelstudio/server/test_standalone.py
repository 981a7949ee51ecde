"""scripts/labelstudio runs the server package with the standard library only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_status_runs_without_site_packages(tmp_path: Path) -> None:
    # -S: no site-packages, so any import outside the standard library would fail here.
    done = subprocess.run(
        [
            sys.executable,
            "-S",
            str(REPO / "scripts" / "labelstudio"),
            "status",
            "--home",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 3, done.stderr  # 3: not running, as LSB `status`
    assert f"not running (home {tmp_path})" in done.stderr
