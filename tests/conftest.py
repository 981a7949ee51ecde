"""Shared fixtures and the YAML style of regression snapshots."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_regressions.data_regression import RegressionYamlDumper
from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
GOLD = REPO / "data" / "gold"


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Multi-line text as a literal block, so snapshot diffs read as text, line by line.
    # PyYAML falls back to a quoted string by itself where a block cannot hold the text
    # exactly (trailing spaces on a line, a carriage return), so the data loads back unchanged.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=style)


# PyYAML looks up a value's exact type first and consults multi-representers (what
# pytest-regressions' `add_custom_yaml_representer` registers) only for types without one; str
# has one in SafeDumper, so the str style needs `add_representer` (which copies the table to
# RegressionYamlDumper, leaving yaml.safe_dump alone). The multi-representer still serves str
# subclasses such as the `Polarity` StrEnum, written as their plain value.
RegressionYamlDumper.add_representer(str, _represent_str)
RegressionYamlDumper.add_custom_yaml_representer(str, _represent_str)


PUBLIC_EVAL_TABLE = pytest.StashKey[str]()
"""Where tests/annotate/test_public_eval.py leaves its table for the terminal summary."""


def pytest_terminal_summary(terminalreporter: Any) -> None:
    # The public evaluation's table goes into every run's output (CI logs included), not
    # only into a captured print that pytest shows on failure.
    table = terminalreporter.config.stash.get(PUBLIC_EVAL_TABLE, None)
    if table:
        terminalreporter.write_sep("=", "public NER evaluation (docs/quality.md explains it)")
        terminalreporter.write_line(table)


def article_paths() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in {".txt", ".html"})


@pytest.fixture(params=article_paths(), ids=lambda p: p.stem)
def article_path(request: pytest.FixtureRequest) -> Path:
    """Each bundled raw article in turn (test ids are the file stems)."""
    path: Path = request.param
    return path


def find_uv() -> str:
    """The uv running this suite: `uv run` exports its own binary as $UV (and scripts/test
    exports the one it found or installed into .tools/); a bare `pytest` falls back to PATH,
    then to the bootstrap's copy. Fails the test when there is none."""
    bootstrapped = REPO / ".tools" / "bin" / "uv"
    for candidate in (os.environ.get("UV"), shutil.which("uv"), str(bootstrapped)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        "no uv: not in $UV, not on PATH, not in .tools/bin/; "
        "run the suite with `uv run pytest` or scripts/test"
    )


def run_annotate(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m annotate ARGS` as a user would, warnings as errors, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "annotate", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def invoke_annotate(*args: str, stdin: bytes | None = None) -> Result:
    """Run the `annotate` CLI in this process (fast, and seen by coverage), output captured:
    `stdout` and `stderr` apart, `exit_code`."""
    from annotate.cli import app

    return CliRunner().invoke(app, list(args), input=stdin)


CrawlRow = tuple[dict[str, Any], str | None, str | None]
"""A page as `annotate crawl` records it: its Document, why it was dropped, what it copies."""


def write_crawl(folder: Path, rows: list[CrawlRow]) -> Path:
    """A crawl output folder of one shard, with the columns `annotate crawl` writes; a dropped
    page has no Document."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    columns: dict[str, list[Any]] = {
        "position": list(range(len(rows))),
        "source": [f"crawl.warc.gz@{i}" for i in range(len(rows))],
        "url": [d["url"] for d, _, _ in rows],
        "reason": [r for _, r, _ in rows],
        "detail": [r for _, r, _ in rows],
        "id": [d["id"] for d, _, _ in rows],
        "exact": ["" for _ in rows],
        "duplicate_of": [c for _, _, c in rows],
        "document": [None if r else json.dumps(d, ensure_ascii=False) for d, r, _ in rows],
    }
    pq.write_table(pa.table(columns), folder / "shard-00000.parquet")
    return folder
