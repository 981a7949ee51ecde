"""The silver config: a crawl's machine-annotated articles beside the gold, never in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotate.preannotate import preannotate
from corpus.errors import InputError, SchemaError
from corpus.features import decode_spans_row, view
from corpus.manifest import sha256_file, verify_release
from corpus.records_io import read_json
from corpus.release import publish
from corpus.silver import canonical_documents
from tests.conftest import CrawlRow, write_crawl

RELEASED = "2025-01-15"

TEXTS = [
    "Pasar Murah Digelar di Lima Kecamatan\n\nPemerintah kabupaten menggelar pasar murah di "
    "lima kecamatan mulai Senin. Kepala Dinas Perdagangan, Rudi Hartono, mengatakan 4.000 "
    "paket sembako disiapkan dengan harga separuh dari harga pasar.",
    "Jembatan Gantung Desa Sukamulya Akhirnya Diperbaiki\n\nWarga Desa Sukamulya kini bisa "
    "menyeberang dengan aman setelah jembatan gantung sepanjang 60 meter diperbaiki oleh "
    "Dinas Pekerjaan Umum. Perbaikan menelan biaya Rp 1,2 miliar.",
    "Sekolah Dasar di Pesisir Kekurangan Guru\n\nSebanyak 12 sekolah dasar di wilayah pesisir "
    "kekurangan guru kelas. Ketua PGRI setempat, Maria Tanoto, meminta pemerintah daerah segera "
    "membuka formasi baru tahun ini.",
    "Harga Cabai Turun Menjelang Panen Raya\n\nHarga cabai rawit di pasar induk turun menjadi "
    "Rp 38.000 per kilogram menjelang panen raya, kata pedagang pada Kamis.",
]


def crawled(i: int) -> dict[str, Any]:
    doc: dict[str, Any] = preannotate(TEXTS[i]).to_dict()
    doc["url"] = f"https://kabar.id/berita/{i}"
    return doc


@pytest.fixture
def crawl(tmp_path: Path, fixture_gold: Path) -> Path:
    gold_doc = read_json(sorted(fixture_gold.glob("*.json"))[0])
    # The gold article as the crawl saw it before review: same id, rules' annotations.
    gold_doc["meta"] = {"source": "rules@0.1.0+0000abcd", "guidelines_version": "0.2"}
    rows: list[CrawlRow] = [
        (crawled(0), None, None),
        (crawled(1), "not-article", None),
        (crawled(2), None, str(crawled(0)["id"])),
        (gold_doc, None, None),
        (crawled(3), None, None),
    ]
    return write_crawl(tmp_path / "crawl", rows)


def test_canonical_documents_skip_dropped_pages_and_copies(crawl: Path) -> None:
    ids = [json.loads(str(doc))["id"] for _, doc in canonical_documents(crawl)]
    assert len(ids) == 3
    assert crawled(0)["id"] in ids and crawled(3)["id"] in ids


def test_silver_is_its_own_config_without_gold_articles(
    fixture_gold: Path, crawl: Path, tmp_path: Path, offline: Path
) -> None:
    from datasets import load_dataset

    plain = publish(fixture_gold, "1.0.0", tmp_path / "plain", released=RELEASED)
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED, silver=crawl)
    # The gold data files are byte for byte those of a release without silver.
    for path in (plain.path / "data").rglob("*.parquet"):
        assert sha256_file(report.path / path.relative_to(plain.path)) == sha256_file(path)
    assert sorted(p.name for p in (report.path / "data").iterdir()) == ["silver", "spans", "tokens"]
    silver = load_dataset(str(report.path), "silver", cache_dir=str(offline))
    assert list(silver) == ["train"]
    rows = list(silver["train"])
    assert [r["id"] for r in rows] == [crawled(0)["id"], crawled(3)["id"]]
    assert decode_spans_row(rows[0]) == view(crawled(0))
    assert rows[0]["source"] == crawled(0)["meta"]["source"]
    manifest = read_json(report.path / "manifest.json")
    assert manifest["silver"] == {
        "documents": 2,
        "sources": {crawled(0)["meta"]["source"]: 2},
        "gold_left_out": 1,
    }
    assert verify_release(report.path) == []


def test_the_card_says_silver_is_machine_annotated(
    fixture_gold: Path, crawl: Path, tmp_path: Path
) -> None:
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED, silver=crawl)
    card = (report.path / "README.md").read_text(encoding="utf-8")
    assert "## Silver config: machine-annotated, not gold" in card
    assert "**Machine-annotated: no person reviewed these annotations.**" in card
    assert f"| `{crawled(0)['meta']['source']}` | 2 |" in card
    assert "config_name: silver" in card
    assert "- `data/silver/train.parquet`: `silver` config" in card
    plain = publish(fixture_gold, "1.0.0", tmp_path / "plain", released=RELEASED)
    assert "silver" not in (plain.path / "README.md").read_text(encoding="utf-8")


def test_a_broken_silver_record_refuses_the_release(fixture_gold: Path, tmp_path: Path) -> None:
    broken = crawled(0)
    broken["entities"] = [{"id": "e0-4", "start": 0, "end": 4, "text": "xxxx", "label": "PER"}]
    crawl = write_crawl(tmp_path / "crawl", [(broken, None, None)])
    dist = tmp_path / "dist"
    with pytest.raises(SchemaError, match=r"shard-00000\.parquet#1"):
        publish(fixture_gold, "1.0.0", dist, released=RELEASED, silver=crawl)
    assert not (dist / "newsgold" / "1.0.0").exists()


def test_silver_needs_crawl_shards_with_articles(fixture_gold: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no crawl shards"):
        publish(fixture_gold, "1.0.0", tmp_path / "d1", silver=tmp_path)
    only_gold = write_crawl(tmp_path / "crawl", [(crawled(1), "not-article", None)])
    with pytest.raises(InputError, match="no canonical articles"):
        publish(fixture_gold, "1.0.0", tmp_path / "d2", silver=only_gold)


def test_publish_cli_takes_silver(fixture_gold: Path, crawl: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corpus.cli import app

    result = CliRunner().invoke(app, [
        "publish", "--version", "1.0.0", "--gold", str(fixture_gold), "--out",
        str(tmp_path / "dist"), "--silver", str(crawl), "--workers", "1",
    ])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "dist" / "newsgold" / "1.0.0" / "data" / "silver" / "train.parquet").exists()
