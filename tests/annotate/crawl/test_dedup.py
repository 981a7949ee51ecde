"""Exact keys, signatures and clusters on hand-written articles."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from annotate.crawl.dedup import (
    NUM_PERM,
    THRESHOLD,
    Clusters,
    exact_key,
    fingerprint,
    shingle_hashes,
    signature,
    similarity,
    words,
)

PARAGRAPHS = [
    "SEMARANG - Pemerintah Kota Semarang menyiapkan 24 pompa air tambahan untuk menghadapi "
    "puncak musim hujan yang diperkirakan jatuh pada pekan kedua bulan depan.",
    "Kepala Dinas Pekerjaan Umum Kota Semarang, Hendra Wijaya, mengatakan pompa itu akan "
    "ditempatkan di enam kecamatan yang paling sering tergenang saat air laut pasang.",
    '"Kami tidak mau warga menunggu berhari-hari sampai genangan surut. Pompa harus sudah '
    'menyala sebelum air masuk ke rumah," kata Hendra di Balai Kota, Selasa.',
    "Anggaran pengadaan pompa tersebut mencapai Rp 18 miliar dan diambil dari dana cadangan "
    "bencana tahun ini, setelah disetujui oleh Dewan Perwakilan Rakyat Daerah.",
    "Selain pompa, pemerintah kota juga mengeruk tiga saluran utama yang dangkal karena "
    "sedimentasi dan sampah rumah tangga yang menumpuk sejak tahun lalu.",
    "Warga di Kelurahan Tambak Rejo menyambut baik rencana itu. Menurut mereka, banjir rob "
    "tahun lalu merendam rumah hingga setinggi lutut orang dewasa selama empat hari.",
]
TITLE = "Semarang Siapkan 24 Pompa Air Hadapi Puncak Musim Hujan"

OTHER_PARAGRAPHS = [
    "MEDAN - Pemerintah Provinsi Sumatera Utara meminta warga di bantaran sungai waspada "
    "karena curah hujan diperkirakan meningkat dalam sepuluh hari ke depan.",
    "Badan Penanggulangan Bencana Daerah setempat telah memetakan 31 desa rawan longsor dan "
    "menyiapkan tenda darurat di setiap kantor kecamatan.",
    "Gubernur meminta bupati dan wali kota memastikan jalur evakuasi tidak tertutup "
    "bangunan liar, serta menggelar latihan bersama relawan sebelum akhir bulan.",
    "Sebagian warga mengaku sudah memindahkan barang berharga ke rumah kerabat yang berada "
    "di dataran lebih tinggi sejak hujan deras turun pekan lalu.",
]
OTHER_TITLE = "Sumut Minta Warga Bantaran Sungai Waspada Banjir dan Longsor"


def article(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([title, *paragraphs])


ORIGINAL = article(TITLE, PARAGRAPHS)


def test_words_are_casefolded_letter_and_digit_runs() -> None:
    assert words("Rp 18,5 MILIAR—kata Hendra.") == ["rp", "18", "5", "miliar", "kata", "hendra"]


def test_shingle_hashes_are_one_per_run_of_words_in_order() -> None:
    assert len(shingle_hashes(["dua", "kata"], 5)) == 1  # fewer words than a shingle: one
    assert len(shingle_hashes([], 5)) == 0
    a_b, b_c = shingle_hashes(["a", "b", "c"], 2).tolist()
    assert a_b != b_c
    assert shingle_hashes(["x", "a", "b"], 2).tolist()[1] == a_b  # the same run, elsewhere
    assert shingle_hashes(["b", "a"], 2).tolist() != [a_b]  # order matters
    assert shingle_hashes(["ab", "c"], 2).tolist() != shingle_hashes(["a", "bc"], 2).tolist()
    assert all(value < 2**32 for value in shingle_hashes(words(ORIGINAL)).tolist())


def test_fingerprint_is_the_exact_key_and_the_signature() -> None:
    exact, sig = fingerprint(ORIGINAL)
    assert exact == exact_key(ORIGINAL)
    assert similarity(sig, signature(ORIGINAL)) == 1.0


def test_exact_key_ignores_spacing_punctuation_and_case() -> None:
    assert exact_key(ORIGINAL) == exact_key(ORIGINAL.upper().replace("\n\n", "  \n"))
    assert exact_key(ORIGINAL) != exact_key(ORIGINAL.replace("24 pompa", "25 pompa"))


def test_signature_is_deterministic_and_picklable() -> None:
    sig = signature(ORIGINAL)
    again = pickle.loads(pickle.dumps(sig))
    assert similarity(sig, again) == 1.0
    assert similarity(sig, signature(ORIGINAL)) == 1.0


def test_changed_headline_and_added_paragraph_stay_similar() -> None:
    sig = signature(ORIGINAL)
    retitled = article("Hadapi Musim Hujan, Pemkot Semarang Tambah Pompa", PARAGRAPHS)
    extended = article(
        TITLE,
        [*PARAGRAPHS, "Pemerintah kota juga membuka posko pengaduan banjir selama 24 jam."],
    )
    assert similarity(sig, signature(retitled)) >= THRESHOLD
    assert similarity(sig, signature(extended)) >= THRESHOLD


def test_another_article_on_the_same_topic_is_not_similar() -> None:
    other = article(OTHER_TITLE, OTHER_PARAGRAPHS)
    assert similarity(signature(ORIGINAL), signature(other)) < 0.2


def _add(clusters: Clusters, key: str, text: str) -> str | None:
    return clusters.add(key, signature(text), exact_key(text))


def test_clusters_point_copies_at_the_first_page() -> None:
    clusters = Clusters()
    assert _add(clusters, "asli", ORIGINAL) is None
    assert _add(clusters, "lain", article(OTHER_TITLE, OTHER_PARAGRAPHS)) is None
    assert _add(clusters, "salinan", ORIGINAL.lower()) == "asli"
    retitled = article("Pemkot Semarang Tambah Pompa Air", PARAGRAPHS)
    assert _add(clusters, "judul-baru", retitled) == "asli"
    # An exact copy of a near-copy joins the same cluster, not the near-copy.
    assert _add(clusters, "judul-baru-lagi", retitled) == "asli"
    assert len(clusters) == 2


def test_clusters_find_does_not_add() -> None:
    clusters = Clusters()
    assert clusters.find(signature(ORIGINAL), exact_key(ORIGINAL)) is None
    assert len(clusters) == 0
    _add(clusters, "asli", ORIGINAL)
    assert clusters.find(signature(ORIGINAL), exact_key(ORIGINAL)) == "asli"


def test_a_page_crawled_twice_duplicates_its_first_occurrence() -> None:
    clusters = Clusters()
    _add(clusters, "asli", ORIGINAL)
    assert "asli" in clusters and "lain" not in clusters
    assert _add(clusters, "asli", ORIGINAL) == "asli"
    assert len(clusters) == 1


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_clusters_refuse_a_threshold_outside_zero_one(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        Clusters(threshold=threshold)


def test_clusters_are_the_same_whatever_the_process_order_of_signatures() -> None:
    texts = {
        "a": ORIGINAL,
        "b": article(OTHER_TITLE, OTHER_PARAGRAPHS),
        "c": article("Pompa Air Disiapkan di Semarang", PARAGRAPHS),
        "d": article(OTHER_TITLE, OTHER_PARAGRAPHS[:3]),
    }
    # Signatures computed in another order (as workers would) give the same clusters.
    signatures = {key: signature(texts[key]) for key in reversed(list(texts))}
    clusters = Clusters()
    result = {k: clusters.add(k, signatures[k], exact_key(texts[k])) for k in texts}
    assert result == {"a": None, "b": None, "c": "a", "d": "b"}


def test_clusters_in_a_file_answer_as_in_memory(tmp_path: Path) -> None:
    texts = [
        ("a", ORIGINAL),
        ("b", article(OTHER_TITLE, OTHER_PARAGRAPHS)),
        ("c", article("Pompa Air Disiapkan di Semarang", PARAGRAPHS)),
        ("c", article("Pompa Air Disiapkan di Semarang", PARAGRAPHS)),  # crawled twice
        ("d", ORIGINAL.upper()),
        ("e", article(OTHER_TITLE, OTHER_PARAGRAPHS[:3])),
    ]
    in_memory = Clusters()
    index = tmp_path / "index.sqlite"
    with Clusters(path=index) as on_disk:
        answers = [(_add(in_memory, k, t), _add(on_disk, k, t)) for k, t in texts]
        assert index.stat().st_size > 0  # the index is in the file, not in this process
        assert len(on_disk) == len(in_memory) == 2
        assert "c" in on_disk and "z" not in on_disk
    assert [memory for memory, _ in answers] == [disk for _, disk in answers]
    assert [memory for memory, _ in answers] == [None, None, "a", "a", "a", "b"]


def test_signature_hash_values_fit_the_index_32_bit_column() -> None:
    # Clusters stores hash values as uint32 (datasketch's largest hash is 2**32 - 1); a
    # datasketch that hashed wider would be truncated silently there, so say it here.
    values = signature(ORIGINAL).hashvalues
    assert len(values) == NUM_PERM and int(values.max()) < 2**32
