"""Choosing the next batch from a crawl: strata, ranks, near-duplicates, the CLI."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from annotate.crawl.dedup import Clusters
from annotate.crawl.select import (
    UNDATED,
    Candidate,
    Selector,
    known_clusters,
    month_of,
    outlet_of,
    rank,
)
from annotate.labelstudio.push import load_documents
from annotate.preannotate import preannotate
from corpus.records import Document
from tests.conftest import invoke_annotate, write_crawl

# Slots of a hand-written report; article i fills every slot with its own word, and no
# five-word run lacks a slot, so two articles share no shingle.
VILLAGES = ["Sukamaju", "Karangrejo", "Tanjungsari", "Mekarwangi", "Sidomulyo", "Bojongsari",
            "Cibening", "Tegalrejo", "Wonosari", "Sukadana", "Pasirjaya", "Rawamerta"]  # fmt: skip
GOODS = ["beras", "minyak goreng", "gula pasir", "tepung terigu", "telur ayam", "susu bubuk",
         "kacang hijau", "ikan kaleng", "mi instan", "garam dapur", "kopi", "teh"]  # fmt: skip
GIVERS = ["Palang Merah", "Baznas", "Karang Taruna", "Dompet Dhuafa", "Rumah Zakat", "Bulog",
          "PKK", "Koperasi Tani", "Pramuka", "Bank Desa", "Kodim", "Polsek"]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"] * 2


def report(i: int) -> str:
    v, g, o, d, n = VILLAGES[i], GOODS[i], GIVERS[i], DAYS[i], 100 + 37 * i
    return (
        f"Warga {v} Terima {n} Paket {g}\n\n"
        f"Sebanyak {n} keluarga di Desa {v} menerima paket {g} dari {o} pada {d} pagi. "
        f"Kepala Desa {v} mengatakan paket {g} itu dibagikan {o} di balai desa {v}. "
        f"Menurut {o}, pembagian {g} di {v} berlanjut {d} depan."
    )


def candidate(
    i: int, outlet: str = "kabar.id", month: str = "2024-01", p: float = 1.0
) -> Candidate:
    return Candidate(f"a{i:02d}", report(i), (outlet, month), f'{{"id": "a{i:02d}"}}', p)


def test_outlet_is_the_host_without_www() -> None:
    assert outlet_of("https://www.Kabar.ID/berita/1") == "kabar.id"
    assert outlet_of("https://m.kabar.id/x") == "m.kabar.id"
    assert outlet_of(None) == "unknown"


def test_month_is_the_published_month_or_undated() -> None:
    assert month_of("2024-05-17") == "2024-05"
    assert month_of(None) == UNDATED
    assert month_of("17 Mei") == UNDATED


def test_rank_is_seeded_and_priority_weighs() -> None:
    assert rank(1, "a", 1.0) == rank(1, "a", 1.0) != rank(2, "a", 1.0)
    assert 0 < rank(1, "a", 1.0) < 1
    assert rank(1, "a", 0.0) == 0.0
    # u ** (1/p) grows with p: the same draw ranks higher with more priority.
    assert rank(1, "a", 5.0) > rank(1, "a", 1.0)


def choose(
    cands: list[Candidate], n: int, seed: int = 0, known: Clusters | None = None
) -> list[str]:
    selector = Selector(n, seed)
    for c in cands:
        selector.offer(c)
    return [c.id for c in selector.choose(known or Clusters()).chosen]


def test_every_stratum_gets_a_turn() -> None:
    cands = [candidate(i, "kabar.id", "2024-01") for i in range(6)]
    cands += [candidate(6, "warta.com", "2024-01"), candidate(7, "kabar.id", "2024-02")]
    chosen = choose(cands, 3)
    # One from each of the three outlet-months, before a second from the big one.
    assert {"a06", "a07"} <= set(chosen)
    assert len(chosen) == 3


def test_a_small_stratum_leaves_its_turns_to_the_others() -> None:
    cands = [candidate(i, "kabar.id") for i in range(5)] + [candidate(5, "warta.com")]
    assert sorted(choose(cands, 6)) == [f"a{i:02d}" for i in range(6)]
    assert len(choose(cands, 10)) == 6


def test_the_batch_does_not_depend_on_input_order_but_on_the_seed() -> None:
    cands = [candidate(i, ["a.id", "b.id"][i % 2], f"2024-0{1 + i % 3}") for i in range(12)]
    first = choose(cands, 5, seed=3)
    assert choose(list(reversed(cands)), 5, seed=3) == first
    assert any(choose(cands, 5, seed=s) != first for s in range(4, 8))


def test_high_priority_comes_first_within_a_stratum() -> None:
    cands = [candidate(i) for i in range(10)] + [candidate(10, p=1e6)]
    assert choose(cands, 1) == ["a10"]
    zero = [candidate(i, p=0.0) for i in range(3)] + [candidate(3)]
    assert choose(zero, 1) == ["a03"]


def test_near_duplicates_of_known_or_chosen_articles_are_skipped() -> None:
    known = known_clusters([("gold-1", report(0)), ("gold-1", report(0))])
    retitled = report(1).replace("Warga Karangrejo Terima", "Karangrejo Dapat")
    cands = [candidate(0), candidate(1), Candidate("a99", retitled, ("x.id", "2024-01"), "{}")]
    selector = Selector(5, 0)
    for c in cands:
        selector.offer(c)
    selection = selector.choose(known)
    assert [c.id for c in selection.chosen] in (["a01"], ["a99"])
    skipped = dict(selection.skipped)
    assert skipped["a00"] == "gold-1"
    assert len(skipped) == 2
    assert selection.summary()["chosen"] == 1


def test_an_article_already_known_by_id_is_skipped() -> None:
    known = known_clusters([("a03", "teks lama yang sudah diubah oleh anotator")])
    assert choose([candidate(3)], 1, known=known) == []


def test_selector_refuses_bad_sizes_and_priorities() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Selector(0, 0)
    with pytest.raises(ValueError, match="priority"):
        Selector(1, 0).offer(candidate(0, p=-1.0))


# --- the command, on a crawl folder as `annotate crawl` writes it ---------------------------


OUTLETS = ["https://kabar.id/", "https://www.warta.com/", "https://suara.co.id/"]


@functools.cache
def _preannotated(i: int) -> str:
    return json.dumps(preannotate(report(i)).to_dict())


def document(i: int, *, month: int = 1) -> dict[str, object]:
    """A pre-annotated Document of report(i), as the crawl writes it: URL and date set."""
    doc: dict[str, object] = json.loads(_preannotated(i))
    doc["url"] = f"{OUTLETS[i % 3]}berita/{i}"
    doc["published"] = f"2024-{month:02d}-1{i % 10}"
    return doc


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    rows: list[tuple[dict[str, object], str | None, str | None]] = [
        (document(i, month=1 + i % 2), None, None) for i in range(9)
    ]
    rows.append((document(9), "not-indonesian", None))
    rows.append((document(10), None, str(rows[0][0]["id"])))
    return write_crawl(tmp_path / "crawl", rows)


def select(crawl: Path, out: Path, *args: str) -> list[dict[str, object]]:
    empty = out.parent / "no-gold"
    empty.mkdir(exist_ok=True)
    result = invoke_annotate("select", str(crawl), "--out", str(out), "--gold", str(empty), *args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_select_writes_a_batch_push_reads(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "batch.jsonl"
    batch = select(crawl, out, "--n", "6", "--seed", "7")
    assert len(batch) == 6
    # Dropped pages and copies are never chosen; outlets are all represented.
    ids = {d["id"] for d in batch}
    assert not ids & {document(9)["id"], document(10)["id"]}
    assert {str(d["url"]).split("/")[2] for d in batch} == {
        "kabar.id",
        "www.warta.com",
        "suara.co.id",
    }
    pushed = list(load_documents([str(out)]))
    assert all(isinstance(d, Document) for d in pushed)
    assert [d.id for d in pushed if isinstance(d, Document)] == [d["id"] for d in batch]


def test_select_is_the_same_for_the_same_seed(crawl: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    select(crawl, one, "--n", "4", "--seed", "1")
    select(crawl, two, "--n", "4", "--seed", "1")
    assert one.read_bytes() == two.read_bytes()


def test_select_keeps_clear_of_gold_and_pushed(crawl: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    retitled = preannotate(report(1).replace("Warga Karangrejo Terima", "Karangrejo Dapat"))
    (gold / "g.json").write_text(json.dumps(retitled.to_dict()), encoding="utf-8")
    first = tmp_path / "first.jsonl"
    select(crawl, first, "--n", "3", "--gold", str(gold))
    second = tmp_path / "second.jsonl"
    batch = select(crawl, second, "--n", "9", "--gold", str(gold), "--pushed", str(first))
    taken = {d["id"] for d in batch} | {json.loads(x)["id"] for x in first.read_text().splitlines()}
    assert len(taken) == 3 + len(batch)
    assert document(1)["id"] not in taken
    assert len(batch) == 9 - 1 - 3


def test_select_weighs_by_priority(tmp_path: Path) -> None:
    # One outlet-month: the draw alone decides, unless a priority outweighs it.
    crawl = write_crawl(tmp_path / "one", [(document(i * 3), None, None) for i in range(4)])
    plain = select(crawl, tmp_path / "plain.jsonl", "--n", "1")
    target = next(
        document(i * 3)["id"] for i in range(4) if document(i * 3)["id"] != plain[0]["id"]
    )
    priority = tmp_path / "priority.jsonl"
    priority.write_text(json.dumps({"id": target, "priority": 1e9}) + "\n", encoding="utf-8")
    weighed = select(crawl, tmp_path / "weighed.jsonl", "--n", "1", "--priority", str(priority))
    assert weighed[0]["id"] == target


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "batch.json"], "must end in .jsonl"),
        (["--out", "batch.jsonl", "--gold", "missing-gold"], "no such file or folder"),
    ],
)
def test_select_refuses_bad_options(
    crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke_annotate("select", str(crawl), "--n", "2", *args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_select_names_a_folder_without_shards(tmp_path: Path) -> None:
    result = invoke_annotate(
        "select", str(tmp_path), "--n", "2", "--out", str(tmp_path / "b.jsonl")
    )
    assert result.exit_code == 1
    assert "no crawl shards" in result.stderr


def test_select_refuses_a_bad_priority_file(crawl: Path, tmp_path: Path) -> None:
    priority = tmp_path / "p.jsonl"
    priority.write_text('{"id": "x", "priority": "tinggi"}\n', encoding="utf-8")
    result = invoke_annotate(
        "select",
        str(crawl),
        "--n",
        "2",
        "--out",
        str(tmp_path / "b.jsonl"),
        "--priority",
        str(priority),
    )
    assert result.exit_code == 1
    assert "p.jsonl:1" in result.stderr
