"""The pipeline: the same shards on every executor, duplicates in input order, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.crawl import shards
from annotate.crawl.pipeline import crawl
from corpus.errors import InputError
from corpus.silver import canonical_documents
from tests.annotate.crawl.pages import ARTICLES, page_list, write_jsonl, write_warc


def _inputs(tmp_path: Path) -> list[str]:
    pages = page_list()
    return [
        str(write_warc(tmp_path / "a.warc.gz", pages[:4])),
        str(write_jsonl(tmp_path / "b.jsonl", pages[4:])),
    ]


def _shard_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("shard-*.parquet"))}


def _rows(out: Path) -> list[dict[str, object]]:
    return [row for path in shards.shard_files(out) for row in shards.read_rows(path)]


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    tmp = tmp_path_factory.mktemp("crawl")
    inputs = _inputs(tmp)
    crawl(inputs, tmp / "out-1", shard_pages=2)
    return inputs, tmp / "out-1"


def test_rows_and_counts(one_worker: tuple[list[str], Path]) -> None:
    _, out = one_worker
    rows = _rows(out)
    assert [r["position"] for r in rows] == list(range(9))
    assert [r["reason"] for r in rows] == [
        None,  # first article
        "http-status",  # the redirect the WARC holds
        "not-html",  # and its image
        None,
        "not-indonesian",
        None,  # the first article again, under another URL
        "too-short",
        None,
        None,
    ]
    # The copy points at the first page, which it follows in input order.
    assert rows[5]["duplicate_of"] == rows[0]["id"]
    assert [r["duplicate_of"] for i, r in enumerate(rows) if i != 5] == [None] * 8
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert stats["pages"] == {
        "read": 9,
        "not_article": 3,
        "not_indonesian": 1,
        "duplicates": 1,
        "kept": 4,
    }
    assert stats["not_article"] == {"not-html": 1, "http-status": 1, "too-short": 1}
    assert stats["stages"] == {"read": 9, "article": 6, "indonesian": 5, "canonical": 4}
    assert stats["shards"] == {"total": 5, "resumed": 0, "written": 5}
    assert not (out / shards.DEDUP_INDEX).exists()  # scratch, removed at the end
    assert stats["bytes"]["read"] > 0 and stats["bytes"]["written"] > 0
    assert stats["seconds"]["parse"] > 0 and stats["seconds"]["wall"] > 0
    # What `annotate select` and the silver config read: the canonical articles.
    ids = [json.loads(str(doc))["id"] for _, doc in canonical_documents(out)]
    assert ids == [rows[i]["id"] for i in (0, 3, 7, 8)]


def test_two_local_workers_write_the_same_bytes(
    one_worker: tuple[list[str], Path], tmp_path: Path
) -> None:
    inputs, out = one_worker
    stats = crawl(inputs, tmp_path / "out-2", workers=2, shard_pages=2)
    assert (stats.executor, stats.workers) == ("local", 2)
    assert _shard_bytes(tmp_path / "out-2") == _shard_bytes(out)


@pytest.mark.slow
def test_ray_writes_the_same_bytes(one_worker: tuple[list[str], Path], tmp_path: Path) -> None:
    inputs, out = one_worker
    stats = crawl(inputs, tmp_path / "out-ray", executor="ray", workers=2, shard_pages=2)
    assert (stats.executor, stats.workers) == ("ray", 2)
    assert _shard_bytes(tmp_path / "out-ray") == _shard_bytes(out)


def test_a_killed_run_resumes_without_redoing_or_repeating(
    one_worker: tuple[list[str], Path], tmp_path: Path
) -> None:
    import shutil

    inputs, done = one_worker
    out = tmp_path / "out"
    shutil.copytree(done, out)
    # As a kill leaves it: shard 1 never written, shard 3 renamed into place but not marked,
    # a temporary file of shard 4 half written.
    shards.shard_path(out, 1).unlink()
    shards.marker_path(out, 1).unlink()
    shards.marker_path(out, 3).unlink()
    shards.marker_path(out, 4).unlink()
    shards.shard_path(out, 4).rename(out / ".shard-00004.parquet.tmp")
    (out / "stats.json").unlink()
    # The duplicate stage's index as the kill left it: stale, and rebuilt from the shards.
    (out / shards.DEDUP_INDEX).write_bytes(b"half an index")
    before = {i: shards.marker_path(out, i).stat().st_mtime_ns for i in (0, 2)}

    stats = crawl(inputs, out, shard_pages=2)

    assert stats.to_dict()["shards"] == {"total": 5, "resumed": 2, "written": 3}
    assert {i: shards.marker_path(out, i).stat().st_mtime_ns for i in (0, 2)} == before
    assert _shard_bytes(out) == _shard_bytes(done)
    assert stats.to_dict()["pages"] == json.loads((done / "stats.json").read_text())["pages"]
    # The copy in shard 2 was matched against the first page, read back from shard 0.
    assert [r["duplicate_of"] is not None for r in _rows(out)].count(True) == 1
    assert not (out / shards.DEDUP_INDEX).exists()


def test_resuming_with_other_settings_is_refused(
    one_worker: tuple[list[str], Path], tmp_path: Path
) -> None:
    inputs, _ = one_worker
    crawl(inputs[:1], tmp_path / "out", shard_pages=2)
    with pytest.raises(InputError, match=r"holds a crawl run with other inputs or settings"):
        crawl(inputs[:1], tmp_path / "out", shard_pages=3)


def test_bad_inputs_are_reported_and_the_rest_is_crawled(tmp_path: Path) -> None:
    pages = page_list()
    good = write_jsonl(tmp_path / "good.jsonl", pages[:2])
    stats = crawl([str(tmp_path / "missing.warc.gz"), str(good)], tmp_path / "out")
    assert stats.errors == [f"{tmp_path / 'missing.warc.gz'}: no such file or folder"]
    assert stats.read == 2


def test_unknown_executor_and_no_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown executor 'spark'; choose one of local, ray"):
        crawl([str(write_jsonl(tmp_path / "a.jsonl", page_list()[:1]))], tmp_path / "o",
              executor="spark")  # fmt: skip
    with pytest.raises(InputError, match="no inputs"):
        crawl([], tmp_path / "out")


def test_near_copies_and_recrawls_point_at_the_first_page(tmp_path: Path) -> None:
    (url, text), (other_url, other) = list(ARTICLES.items())[:2]
    body = text.split("\n\n", 1)[1]
    retitled = "Tiga Jembatan Baru Akan Dibangun Tahun Depan\n\n" + body
    longer = text + "\n\nProyek ini juga akan menambah jalur sepeda di kedua sisi jembatan."
    updated = (
        other.split("\n\n")[0] + "\n\n" + ARTICLES[next(reversed(ARTICLES))].split("\n\n", 1)[1]
    )
    pages = [
        (url, text),
        (other_url, other),
        ("https://lain.example/jembatan", retitled),  # another outlet, another headline
        ("https://ketiga.example/jembatan", longer),  # one paragraph added
        (url, text),  # the first URL crawled again
        (other_url, updated),  # the second URL again, its body rewritten since
    ]
    crawl([str(write_jsonl(tmp_path / "a.jsonl", pages))], tmp_path / "out", shard_pages=2)
    rows = _rows(tmp_path / "out")
    first, second = rows[0]["id"], rows[1]["id"]
    assert [r["duplicate_of"] for r in rows] == [None, None, first, first, first, second]
    assert [r["id"] for r in rows][4:] == [first, second]
