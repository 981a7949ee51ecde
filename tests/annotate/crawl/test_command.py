"""`annotate crawl`: a JSON summary on stdout, one line per problem on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from tests.annotate.crawl.pages import page_list, write_jsonl
from tests.conftest import invoke_annotate


def test_crawl_prints_the_counts_and_writes_the_folder(tmp_path: Path) -> None:
    inputs = write_jsonl(tmp_path / "pages.jsonl", page_list())
    result = invoke_annotate("crawl", str(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["pages"]["read"] == 7 and stats["pages"]["kept"] == 4
    assert stats == json.loads((tmp_path / "out" / "stats.json").read_text(encoding="utf-8"))
    assert "7 pages read: 4 kept, 1 duplicates" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "run.json",
        "shard-00000.done.json",
        "shard-00000.parquet",
        "stats.json",
    ]


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "pages.parquet"
    bad.write_bytes(b"not parquet at all")
    good = write_jsonl(tmp_path / "pages.jsonl", page_list()[:1])
    result = invoke_annotate("crawl", str(bad), str(good), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: not a readable Parquet")
    assert json.loads(result.stdout)["pages"]["read"] == 1


def test_model_without_a_model_package_is_refused(tmp_path: Path) -> None:
    inputs = write_jsonl(tmp_path / "pages.jsonl", page_list()[:1])
    result = invoke_annotate(
        "crawl", str(inputs), "--out", str(tmp_path / "out"), "--model", str(tmp_path)
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {tmp_path}: --model needs the trained pre-annotator (annotate.model with "
        "load_preannotator, issue #14), which this installation does not have; run without "
        "--model"
    )
    assert not (tmp_path / "out").exists()
