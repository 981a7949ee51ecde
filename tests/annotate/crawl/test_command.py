"""`annotate crawl`: a JSON summary on stdout, one line per problem on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from tests.annotate.crawl.pages import page_list, write_jsonl
from tests.conftest import REPO, invoke_annotate


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


def test_a_folder_that_is_not_a_model_is_refused_before_any_work(tmp_path: Path) -> None:
    inputs = write_jsonl(tmp_path / "pages.jsonl", page_list()[:1])
    result = invoke_annotate(
        "crawl", str(inputs), "--out", str(tmp_path / "out"), "--model", str(tmp_path)
    )
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {tmp_path}") and "meta.json" in line
    assert not (tmp_path / "out").exists()


def test_with_a_model_the_documents_name_it(tmp_path: Path) -> None:
    from annotate.model.train import TrainData, train_model

    conll = REPO / "tests" / "annotate" / "model" / "train.conll"
    model = tmp_path / "ner"
    fingerprint = train_model(model, TrainData(conll=(conll,)), seed=0).meta["fingerprint"]
    inputs = write_jsonl(tmp_path / "pages.jsonl", page_list())
    out = tmp_path / "out"
    result = invoke_annotate("crawl", str(inputs), "--out", str(out), "--model", str(model))
    assert result.exit_code == 0, result.output
    documents = pq.read_table(out / "shard-00000.parquet").column("document").to_pylist()
    sources = {json.loads(d)["meta"]["source"] for d in documents if d is not None}
    assert sources and all(s.endswith(f"+ner.crf.v1@{fingerprint}") for s in sources)
