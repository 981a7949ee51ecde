"""The README's main command, scripts/demo, run end to end against the suite's real server:
push, annotate (the stand-in), pull, validate and publish, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from tests.annotate.labelstudio.conftest import Backend, on_both_databases
from tests.conftest import GOLD, REPO


@on_both_databases
def test_demo_runs_the_whole_flow(ls_database: Backend, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    env = {
        **os.environ,
        # Reuse the running test server, do not start another.
        "NEWSGOLD_LS_HOME": str(ls_database.home),
        "NEWSGOLD_LS_PORT": str(ls_database.server.port),
        "PYTHONWARNINGS": "error",
    }
    command = [
        sys.executable,
        "scripts/demo.py",
        "--out",
        str(out),
        "--project",
        f"t demo {uuid.uuid4().hex[:8]}",
    ]

    def run() -> dict[str, object]:
        result = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, timeout=600, check=False
        )
        assert result.returncode == 0, result.stderr.decode()[-3000:]
        assert "DEMO STAND-IN FOR HUMAN REVIEW" in result.stderr.decode()
        summary: dict[str, object] = json.loads(result.stdout)  # one JSON line: not a TTY
        return summary

    first = run()
    gold_ids = {p.stem for p in GOLD.glob("*.json")}
    assert {p.stem for p in (out / "gold").glob("*.json")} == gold_ids
    release = first["release"]
    assert isinstance(release, dict) and release["version"] == "0.1.0"
    assert (out / "dist" / "newsgold" / "0.1.0" / "README.md").is_file()
    assert sum(s["documents"] for s in release["splits"].values()) == len(gold_ids)
    # One turn of the model loop: a model trained on the pulled gold ranks the next batch.
    turn = first["next_batch"]
    assert isinstance(turn, dict) and (out / "model" / "meta.json").is_file()
    assert len(turn["push"]["created"]) == len(gold_ids)
    assert set(turn["priorities"]) == gold_ids
    assert all(0.0 <= p < 1.0 for p in turn["priorities"].values())

    # Running it again pushes and annotates nothing twice and publishes the next patch version.
    second = run()
    push, stand_in = second["push"], second["stand_in_review"]
    assert isinstance(push, dict) and isinstance(stand_in, dict)
    assert push["created"] == [] and len(push["skipped"]) == len(gold_ids)
    assert stand_in["submitted"] == 0
    again = second["next_batch"]
    assert isinstance(again, dict) and again["push"]["created"] == []
    assert again["fingerprint"] == turn["fingerprint"]  # same gold, same seed: same model
    release = second["release"]
    assert isinstance(release, dict) and release["version"] == "0.1.1"
