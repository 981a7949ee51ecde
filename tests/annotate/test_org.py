"""ORG rules: head words, acronym definitions and reuse, legal forms, what is not an ORG."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.rules.lexicon import words
from annotate.rules.org import annotate_orgs
from corpus.records import span_id
from corpus.schemas import label_set


def orgs(text: str) -> list[str]:
    return [e.text for e in annotate_orgs(text)]


def test_annotate_orgs_long_name_and_acronym_are_two_spans_and_the_acronym_is_reused() -> None:
    text = (
        "Permohonan diajukan oleh Lembaga Kajian Demokrasi Nusantara (LKDN) bersama warga. "
        "Menurut LKDN, aturan itu tidak adil. Survei LKDN menunjukkan hal yang sama."
    )
    assert orgs(text) == ["Lembaga Kajian Demokrasi Nusantara", "LKDN", "LKDN", "LKDN"]


def test_annotate_orgs_long_name_atau_acronym_gives_two_spans() -> None:
    text = "Perkumpulan Tani Maju Bersama atau PTMB menolak rencana itu. PTMB juga mengkritik."
    assert orgs(text) == ["Perkumpulan Tani Maju Bersama", "PTMB", "PTMB"]


def test_annotate_orgs_reads_tokenised_brackets() -> None:
    text = "diajukan Lembaga Kajian Demokrasi Nusantara ( LKDN ) . Menurut LKDN , aturan itu"
    assert orgs(text) == ["Lembaga Kajian Demokrasi Nusantara", "LKDN", "LKDN"]


def test_annotate_orgs_one_bracket_can_define_two_acronyms() -> None:
    text = "melalui Tim Pengendalian Inflasi Pusat dan Daerah (TPIP dan TPID), termasuk"
    assert orgs(text) == ["Tim Pengendalian Inflasi Pusat dan Daerah", "TPIP", "TPID"]


def test_annotate_orgs_keeps_legal_forms_as_written_and_reuses_the_company_name() -> None:
    text = (
        "Emiten PT Maju Sentosa Abadi Tbk. (MSAB) mengantongi pinjaman dari PT Bank Mandiri "
        "(Persero) Tbk. Direktur Utama Maju Sentosa Abadi Ir. Budi Santoso mengatakan hal itu."
    )
    assert orgs(text) == [
        "PT Maju Sentosa Abadi Tbk.",
        "MSAB",
        "PT Bank Mandiri (Persero) Tbk",
        "Maju Sentosa Abadi",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Badan Meteorologi, Klimatologi, dan Geofisika memperingatkan",
            ["Badan Meteorologi, Klimatologi, dan Geofisika"],
        ),
        (
            "Wakil Ketua Komisi III DPR dari Fraksi Partai Golkar menyatakan",
            ["Komisi III DPR", "Fraksi Partai Golkar"],
        ),
        # A lone letter after the head is the commission's code, not a person's initial.
        ("Anggota Komisi B DPRD Jawa Tengah menyatakan", ["Komisi B DPRD Jawa Tengah"]),
        ("Ketua Asosiasi Pengemudi Daring mengkritik", ["Asosiasi Pengemudi Daring"]),
        ("Sementara itu, Koalisi Pejalan Kaki justru mendukung", ["Koalisi Pejalan Kaki"]),
        ("Kepala Departemen Komunikasi BI Ardiansyah Nugroho", ["Departemen Komunikasi BI"]),
        (
            "Peneliti Indonesia Corruption Watch (ICW) menilai",
            ["Indonesia Corruption Watch", "ICW"],
        ),
        ("Hal itu diungkapkan kepada Presiden Dewan Eropa, Charles Michel.", ["Dewan Eropa"]),
        ("melansir kantor berita Rusia, Tass, Selasa.", ["Tass"]),
        ("Pemimpin Cabang BRI Cibinong, Ibu Ratna, mengatakan", ["BRI Cibinong"]),
        ("pemilik kedai ‘Kopi Bu Siti’ di Kecamatan Cibinong", ["Kopi Bu Siti"]),
        ("saat dihubungi Tempo, Jumat.", ["Tempo"]),
        ("isu pangan akan diangkat dalam forum G20 mendatang.", ["G20"]),
        ("Pasien dirujuk ke RSUD Dr. Soetomo di Surabaya.", ["RSUD Dr. Soetomo"]),
        (
            "Kantor Imigrasi Kelas I Jakarta Selatan mendeportasi",
            ["Kantor Imigrasi Kelas I Jakarta Selatan"],
        ),
    ],
)
def test_annotate_orgs_finds_named_organisations(sentence: str, expected: list[str]) -> None:
    assert orgs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Filipina dan Kazakhstan menolak usulan itu, seperti dahulu Uni Soviet.",
        "Sementara itu, Menteri Keuangan menyatakan pemerintah akan membantu.",
        "Darmawan menargetkan ETLE tersedia di seluruh 34 Polda pada akhir 2024.",
        "Badan Pusat Statistik mencatat Indeks Harga Konsumen (IHK) naik.",
        "Kepala Divisi Pengadaan berinisial RS ikut ditahan.",
        "Kesepakatan dibawa ke Konferensi Tingkat Tinggi (KTT) pekan depan.",
        "Tempo dulu harga beras lebih murah.",
        "Antara lain karena harga naik, kata bank sentral.",
        "Video itu diunggah akun TikTok @kopibusiti.",
        "Festival itu digelar di Jakarta Convention Center.",
    ],
)
def test_annotate_orgs_leaves_places_titles_and_things_alone(sentence: str) -> None:
    found = orgs(sentence)
    assert not set(found) & {
        "Filipina",
        "Kazakhstan",
        "Uni Soviet",
        "Menteri Keuangan",
        "Polda",
        "Indeks Harga Konsumen",
        "IHK",
        "Kepala Divisi Pengadaan",
        "Divisi Pengadaan",
        "Konferensi Tingkat Tinggi",
        "KTT",
        "Tempo",
        "Antara",
        "TikTok",
        "Jakarta Convention Center",
    }, found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Harga saham Sarana Kencana naik 3 persen .", ["Sarana Kencana"]),
        ("pemain yang kini membela klub Rajawali Utama musim ini", ["Rajawali Utama"]),
        ("Produksi perusahaan Kertamulya terus turun .", ["Kertamulya"]),
        ("maskapai Langit Biru membatalkan penerbangan", ["Langit Biru"]),
        ("Kemarin Nusakarya Electronics mengatakan telah membuat panel", ["Nusakarya Electronics"]),
        ("Ia baru bergabung dengan partai Nusa Raya tahun lalu .", ["Nusa Raya"]),
        ("Hal itu dilaporkan kantor berita KBN pada Senin .", ["KBN"]),
        ("Menurut surat kabar Wartanusa , rapat itu batal .", ["Wartanusa"]),
    ],
)
def test_annotate_orgs_finds_companies_and_clubs_from_context(
    sentence: str, expected: list[str]
) -> None:
    assert orgs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Ia bekerja di perusahaan Inggris sejak 2010 .",
        "Harga saham Senin pagi turun tipis .",
        "Tim itu tersingkir di Liga Champions musim ini .",
    ],
)
def test_annotate_orgs_context_nouns_and_leagues_name_no_organisation(sentence: str) -> None:
    assert orgs(sentence) == []


def test_annotate_orgs_headline_shortens_a_name_the_body_spells_out() -> None:
    text = "Polda Metro Perluas ETLE Mobile\n\nPolda Metro Jaya memperluas tilang elektronik."
    assert orgs(text) == ["Polda Metro", "Polda Metro Jaya"]


def test_annotate_orgs_ids_and_labels_come_from_the_shared_contracts() -> None:
    text = "Judul\n\nKomisi Pemberantasan Korupsi menahan tersangka."
    (entity,) = annotate_orgs(text)
    assert entity.label == label_set().entity_labels[1]
    assert entity.id == span_id("entities", entity.start, entity.end)


WORDS = st.sampled_from(
    sorted(
        words(
            "Badan Pusat Statistik (BPS) , . dan PT Bank Mandiri (Persero) Tbk. Komisi VIII DPR "
            "RI atau KPK Kementerian Kesehatan Jakarta Institute for Economics Walhi menolak"
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_annotate_orgs_spans_index_the_text_and_never_overlap(words: list[str]) -> None:
    text = "Judul\n\n" + " ".join(words)
    previous_end = 0
    for e in annotate_orgs(text):
        assert text[e.start : e.end] == e.text == e.text.strip()
        assert e.start >= previous_end
        previous_end = e.end


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Units every branch has stay outside: the span is the parent.
        (
            "Direktorat Reserse Narkoba Polda Jawa Timur menyita lima kilogram sabu.",
            ["Polda Jawa Timur"],
        ),
        ("Unit Laka Lantas Polresta Malang menyelidiki kecelakaan itu.", ["Polresta Malang"]),
        (
            "Kepala Biro Hukum Kementerian Dalam Negeri mengatakan aturan itu segera terbit.",
            ["Kementerian Dalam Negeri"],
        ),
        (
            "Anggota Dewan Komisioner Otoritas Jasa Keuangan (OJK) hadir dalam rapat.",
            ["Otoritas Jasa Keuangan", "OJK"],
        ),
        ("Anggota Satreskrim Polrestabes Medan menangkap dua pria.", ["Polrestabes Medan"]),
        ("Petugas Polrestro Depok Barat berjaga di lokasi.", ["Polrestro Depok Barat"]),
        # A unit with a name of its own keeps it (guidelines: "Departemen Komunikasi BI").
        ("Kepala Departemen Komunikasi BI mengatakan", ["Departemen Komunikasi BI"]),
    ],
)
def test_annotate_orgs_generic_units_give_their_parent(sentence: str, expected: list[str]) -> None:
    assert orgs(sentence) == expected


def test_annotate_orgs_search_and_rescue_office_keeps_kantor_in_its_name() -> None:
    text = "Kepala Kantor Pencarian dan Pertolongan Kota Tarakan, Budi Santoso, mengatakan"
    assert orgs(text) == ["Kantor Pencarian dan Pertolongan Kota Tarakan"]


def test_annotate_orgs_tbk_ends_a_name_and_its_dot_stays_out_before_a_lowercase_word() -> None:
    text = (
        "Saham PT Sinar Laut Tbk. PT Bumi Cahaya (Persero), dan PT Mega Kaca Tbk. naik tipis, "
        "sedangkan PT Ombak Biru Tbk turun."
    )
    assert orgs(text) == [
        "PT Sinar Laut Tbk",
        "PT Bumi Cahaya (Persero)",
        "PT Mega Kaca Tbk",
        "PT Ombak Biru Tbk",
    ]


def test_annotate_orgs_a_club_after_tim_or_pemain_is_found_wherever_it_stands() -> None:
    text = (
        "Sore itu tim Elang Hitam menang 2-1. Bek Elang Hitam mencetak gol pertama. "
        "Pemain Elang Hitam, Yusuf Ramli, mendapat kartu kuning."
    )
    assert orgs(text) == ["Elang Hitam", "Elang Hitam", "Elang Hitam"]


def test_annotate_orgs_tim_or_pemain_before_a_person_or_an_acronym_is_no_club() -> None:
    assert orgs("Pelatih memuji pemain Budi Santoso yang tampil baik.") == []
    assert orgs("Sejak pagi tim SAR menyisir sungai.") == []


def test_annotate_orgs_a_club_short_name_from_the_list() -> None:
    assert orgs("Gol itu membawa Persija unggul atas Persita di babak pertama.") == [
        "Persija",
        "Persita",
    ]


def test_annotate_orgs_context_noun_names_stop_at_dan() -> None:
    # Not one name "ABCD dan EFGH"; the second ticker has no context noun of its own.
    assert orgs("Kemudian disusul saham ABCD dan EFGH yang juga melemah.") == ["ABCD"]


def test_annotate_orgs_outlets_named_by_domain_or_after_a_citing_verb() -> None:
    text = (
        "Foto: Kabarkota.com/Andi. Data yang dihimpun Warta, kemarin, menunjukkan kenaikan. "
        "Hal itu dikatakannya saat dihubungi Lensaberita.co.id."
    )
    assert orgs(text) == ["Kabarkota.com", "Warta", "Lensaberita.co.id"]


def test_annotate_orgs_citing_verb_before_a_person_or_a_day_is_no_outlet() -> None:
    assert orgs("Data yang dihimpun Senin menunjukkan kenaikan.") == []
    assert orgs("Pernyataan itu dikutip dari Budi di kantornya.") == []


def test_annotate_orgs_listed_outlet_with_indonesia_is_its_indonesian_service() -> None:
    assert orgs("Ia mengatakan kepada BBC Indonesia bahwa blokir itu sementara.") == [
        "BBC Indonesia"
    ]


def test_annotate_orgs_english_company_word_makes_a_name_a_company() -> None:
    assert orgs("Presiden meresmikan pabrik Nusa Petro Chemical di Cilegon.") == [
        "Nusa Petro Chemical"
    ]


def test_annotate_orgs_dan_before_an_english_name_joins_two_organisations() -> None:
    text = "perwakilan Bank Dunia dan Asian Development Bank (ADB) hadir."
    assert orgs(text) == ["Bank Dunia", "Asian Development Bank", "ADB"]


def test_annotate_orgs_outlet_after_dikonfirmasi() -> None:
    assert orgs("kata Hendra saat dikonfirmasi Kabarpagi, Rabu.") == ["Kabarpagi"]


def test_annotate_orgs_regional_office_short_form_with_its_place() -> None:
    assert orgs("Dinkes Kota Bekasi mencatat 300 kasus, kata petugas Disdik setempat.") == [
        "Dinkes Kota Bekasi",
        "Disdik",
    ]
