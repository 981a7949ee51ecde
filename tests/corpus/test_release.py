"""Releases: round trip through load_dataset, split stability, immutability, refusals, card."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytest_regressions.file_regression import FileRegressionFixture

from corpus.build import figures
from corpus.errors import InputError, ReleaseExistsError, SchemaError
from corpus.features import decode_spans_row, token_spans, view
from corpus.manifest import sha256_file, verify_release
from corpus.parquet import data_path
from corpus.records import Document, Entity
from corpus.records_io import read_json
from corpus.release import load_release, publish, read_views
from corpus.schemas import label_set
from corpus.split import SPLITS, split_of
from corpus.tokens import bio_names, spans_from_tags
from corpus.versions import next_version, releases
from tests.conftest import GOLD
from tests.corpus.conftest import write_gold
from tests.corpus.gold_fixtures import article_names, document

RELEASED = "2025-01-15"


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime of every file under `folder`."""
    return {
        p.relative_to(folder).as_posix(): (sha256_file(p), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def gold_views(folder: Path) -> dict[str, dict[str, object]]:
    return {p.stem: view(read_json(p)) for p in sorted(folder.glob("*.json"))}


def test_publish_round_trips_through_load_dataset(
    fixture_gold: Path, tmp_path: Path, offline: Path
) -> None:
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    loaded = load_release(report.path, cache_dir=str(offline))
    expected = gold_views(fixture_gold)

    labels = label_set()
    spans_features = loaded["spans"]["train"].features
    assert spans_features["entities"].feature["label"].names == list(labels.entity_labels)
    assert spans_features["stances"].feature["polarity"].names == list(labels.polarity_names)
    assert spans_features["quantities"].feature["bound"].names == list(labels.bound_names)
    assert loaded["tokens"]["train"].features["ner_tags"].feature.names == list(bio_names())

    seen = {}
    for split, dataset in loaded["spans"].items():
        for row in dataset:
            assert split_of(row["id"]) == split
            seen[row["id"]] = decode_spans_row(row)
    assert seen == expected  # every record, every field, every span

    for dataset in loaded["tokens"].values():
        for row in dataset:
            doc = Document.from_dict(read_json(fixture_gold / f"{row['id']}.json"))
            offsets = list(zip(row["starts"], row["ends"], strict=True))
            assert row["tokens"] == [doc.text[s:e] for s, e in offsets]
            tagged = [(s.start, s.end, s.label) for s in spans_from_tags(offsets, row["ner_tags"])]
            assert tagged == sorted((s.start, s.end, s.label) for s in token_spans(doc.to_dict()))

    # The sentence rows of each article, in order, are its tokens row again.
    sentences_features = loaded["sentences"]["train"].features
    assert sentences_features["ner_tags"].feature.names == list(bio_names())
    for split, dataset in loaded["sentences"].items():
        by_article: dict[str, list[dict[str, Any]]] = {}
        for row in dataset:
            assert row["id"] == f"{row['article_id']}#{row['index']}"
            by_article.setdefault(row["article_id"], []).append(row)
        tokens = {row["id"]: row for row in loaded["tokens"][split]}
        assert sorted(by_article) == sorted(tokens)
        for article_id, rows in by_article.items():
            assert [r["index"] for r in rows] == list(range(len(rows)))
            for field in ("tokens", "starts", "ends", "ner_tags"):
                assert [v for r in rows for v in r[field]] == tokens[article_id][field]
    assert figures(loaded).to_dict() == report.figures.to_dict()
    assert verify_release(report.path) == []


def test_publish_leaves_an_empty_split_out_and_load_dataset_still_works(
    fixture_gold: Path, tmp_path: Path, offline: Path
) -> None:
    # The 11 bundled articles hash to 9 train, 0 validation, 2 test.
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    assert report.figures.splits["validation"].documents == 0
    assert not (report.path / data_path("spans", "validation")).exists()
    loaded = load_release(report.path, cache_dir=str(offline))
    assert sorted(loaded["spans"]) == sorted(loaded["tokens"]) == ["test", "train"]


def test_publish_never_moves_an_article_to_another_split(tmp_path: Path) -> None:
    names = article_names()
    first = write_gold(tmp_path / "gold", [document(n) for n in names[:6]])
    dist = tmp_path / "dist"
    publish(first, "1.0.0", dist, released=RELEASED)
    write_gold(first, [document(n) for n in names[6:]])  # five more articles
    report = publish(first, "1.1.0", dist, released=RELEASED)
    assert report.changelog is not None and len(report.changelog.added) == 5

    def splits_of(release: Path) -> dict[str, str]:
        found = {}
        for split in SPLITS:
            path = release / data_path("spans", split)
            if path.exists():
                import pyarrow.parquet as pq

                found.update(
                    dict.fromkeys(pq.read_table(path, columns=["id"])["id"].to_pylist(), split)
                )
        return found

    old, new = splits_of(dist / "newsgold" / "1.0.0"), splits_of(dist / "newsgold" / "1.1.0")
    assert len(old) == 6 and len(new) == 11
    assert {i: new[i] for i in old} == old


def test_publishing_an_existing_version_is_refused_and_changes_nothing(
    fixture_gold: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    report = publish(fixture_gold, "1.0.0", dist, released=RELEASED)
    before = snapshot(dist)
    # Even with a different gold set, the existing version stays as it was.
    sorted(fixture_gold.iterdir())[0].unlink()
    with pytest.raises(ReleaseExistsError, match=r"release 1\.0\.0 already exists"):
        publish(fixture_gold, "1.0.0", dist, released="2030-01-01")
    with pytest.raises(InputError, match=r"not higher than the latest release 1\.0\.0"):
        publish(fixture_gold, "0.9.9", dist, released=RELEASED)
    assert snapshot(dist) == before
    assert list(releases(dist)) == ["1.0.0"]
    assert verify_release(report.path) == []
    # Read-only files (mode bits: the tests may run as root, who may write anyway).
    assert all(p.stat().st_mode & 0o222 == 0 for p in report.path.rglob("*") if p.is_file())


def test_publish_refuses_a_bad_version(fixture_gold: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not of the form X\.Y\.Z"):
        publish(fixture_gold, "v1.0", tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_publish_refuses_a_gold_set_with_problems_and_writes_nothing(
    fixture_gold: Path, tmp_path: Path
) -> None:
    kazakhstan = document("sample-kazakhstan.txt")
    path = fixture_gold / f"{kazakhstan.id}.json"
    record = read_json(path)
    record["entities"][0]["text"] = "Tokayev"
    path.write_text(json.dumps(record), "utf-8")
    # A span that BIO tags cannot hold: "jaman" inside the token "pinjaman" (and apart from
    # the other spans: an overlap is found earlier, by validation).
    bisnis = document("bisnis-pinjaman-hijau-panas-bumi-crlf.txt")
    start = bisnis.text.index("pinjaman") + len("pin")
    entities = (
        *bisnis.entities,
        Entity(f"e{start}-{start + 5}", start, start + 5, "jaman", bisnis.entities[0].label),
    )
    write_gold(fixture_gold, [bisnis.with_spans(entities=entities)])
    dist = tmp_path / "dist"
    with pytest.raises(SchemaError) as raised:
        publish(fixture_gold, "1.0.0", dist)
    pointer = len(bisnis.entities)
    assert raised.value.errors == [
        f"{fixture_gold / bisnis.id}.json: /entities/{pointer}: {label_set().entity_labels[1]} "
        f"[{start}:{start + 5}] 'jaman' starts inside the token 'pinjaman' "
        f"[{start - 3}:{start + 5}]; fix the span, or the tokenizer (corpus/tokens.py) if the "
        "token is wrong",
        f"{path}: /entities/0: text[79:100] is 'Kassym-Jomart Tokayev', not 'Tokayev'",
    ]
    assert list((dist / "newsgold").iterdir()) == []  # no release, no temporary folder


def test_verify_release_finds_a_changed_file(fixture_gold: Path, tmp_path: Path) -> None:
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    card = report.path / "README.md"
    card.chmod(0o644)
    card.write_text(card.read_text("utf-8") + "\nedited\n", "utf-8")
    assert verify_release(report.path) == [f"{card}: sha256 differs from the manifest"]


def test_read_views_of_a_release_equal_the_gold_views(fixture_gold: Path, tmp_path: Path) -> None:
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    assert list(read_views(report.path)) == list(read_views(fixture_gold))


def _second_version(gold: Path) -> None:
    """Edits between the two fixture versions: one article removed, one entity relabelled,
    one value corrected, one stance made neutral without a holder."""
    removed = document("cnn-asean-cadangan-beras.txt")
    (gold / f"{removed.id}.json").unlink()
    doc = document("sample-kazakhstan.txt")
    per = label_set().entity_labels[0]
    entities = tuple(replace(e, label=per) if e.text == "Tass" else e for e in doc.entities)
    quantities = tuple(replace(q, value=69) if q.text == "68 tahun" else q for q in doc.quantities)
    neutral = label_set().polarity_names[2]
    stances = (doc.stances[0], replace(doc.stances[1], polarity=neutral, holder=None))
    write_gold(gold, [doc.with_spans(entities=entities, quantities=quantities, stances=stances)])


def test_card_of_the_fixture_gold_set(
    fixture_gold: Path, tmp_path: Path, file_regression: FileRegressionFixture
) -> None:
    dist = tmp_path / "dist"
    publish(fixture_gold, "1.0.0", dist, released=RELEASED)
    _second_version(fixture_gold)
    # Two annotators' versions of one article, for the agreement figures.
    doc = document(
        "suara-kopi-bu-siti-viral-emoji.txt", annotators=("ann-0000000a", "ann-0000000b")
    )
    write_gold(fixture_gold, [doc])
    for annotator, entities in (
        ("ann-0000000a", doc.entities),
        ("ann-0000000b", doc.entities[:-2]),
    ):
        meta = replace(doc.meta, annotators=(annotator,))
        write_gold(
            tmp_path / "agreement" / annotator,
            [replace(doc.with_spans(entities=entities), meta=meta)],
        )
    report = publish(
        fixture_gold,
        "1.1.0",
        dist,
        released="2025-02-01",
        hub_repo="newsgold/newsgold",
        agreement_dir=tmp_path / "agreement",
    )
    file_regression.check((report.path / "README.md").read_text("utf-8"), extension=".md")


def test_card_of_the_bundled_gold_set(
    tmp_path: Path, file_regression: FileRegressionFixture
) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    report = publish(gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    file_regression.check((report.path / "README.md").read_text("utf-8"), extension=".md")


def test_publish_with_worker_processes_writes_the_same_release(
    fixture_gold: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks of 3 files, so 11 documents go to two worker processes in 4 chunks (and row
    # groups of 3 rows).
    monkeypatch.setattr("corpus.stream.BATCH", 3)
    monkeypatch.setattr("corpus.parquet.BATCH", 3)
    alone = publish(fixture_gold, "1.0.0", tmp_path / "a", released=RELEASED, workers=1)
    pooled = publish(fixture_gold, "1.0.0", tmp_path / "b", released=RELEASED, workers=2)
    assert pooled.manifest == alone.manifest  # every file, byte for byte
    assert pooled.figures.to_dict() == alone.figures.to_dict()


def test_parquet_check_digest_ignores_batching_and_sees_one_changed_token(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus.features import features, tokens_row
    from corpus.parquet import _Digest

    schema = features("tokens").arrow_schema
    rows = [tokens_row(doc.to_dict())[0] for doc in [document(n) for n in article_names()[:5]]]

    def batch(part: list[dict[str, object]]) -> pa.RecordBatch:
        columns = [pa.array([r[f.name] for r in part], type=f.type) for f in schema]
        return pa.RecordBatch.from_arrays(columns, schema=schema)

    written = _Digest()
    for i in range(0, 5, 2):
        written.add(batch(rows[i : i + 2]))
    path = tmp_path / "tokens.parquet"
    pq.write_table(pa.Table.from_batches([batch(rows)]), path)
    for size in (1, 3, 10):
        read = _Digest()
        for part in pq.ParquetFile(path).iter_batches(batch_size=size):
            read.add(part)
        assert read.hexdigest() == written.hexdigest()
    rows[3]["tokens"][7] += "x"
    changed = _Digest()
    changed.add(batch(rows))
    assert changed.hexdigest() != written.hexdigest()


def test_next_version_is_the_patch_after_the_latest_release(tmp_path: Path) -> None:
    assert next_version(tmp_path) == "0.1.0"
    for version in ("0.1.0", "0.2.3", "0.10.0"):
        (tmp_path / "newsgold" / version).mkdir(parents=True)
    (tmp_path / "newsgold" / "not-a-version").mkdir()
    assert next_version(tmp_path) == "0.10.1"  # numeric order, not string order
