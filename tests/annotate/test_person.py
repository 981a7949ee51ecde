"""PER rules: titles outside, attribution and speech verbs, propagation, what is not a name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.rules.capitals import word_class
from annotate.rules.lexicon import words
from annotate.rules.person import annotate_persons
from corpus.records import span_id
from corpus.schemas import label_set


def names(text: str) -> list[str]:
    return [e.text for e in annotate_persons(text)]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Presiden Joko Widodo membuka pertemuan itu.", "Joko Widodo"),
        ("Menteri Keuangan Sri Mulyani Indrawati menyatakan", "Sri Mulyani Indrawati"),
        ("Namun, ekonom itu, Dr. Rina Oktaviani Siregar, mengingatkan", "Rina Oktaviani Siregar"),
        ("Dirjen PHU Kemenag Prof. Dr. H. Saifullah Harun menjelaskan", "Saifullah Harun"),
        ("Direktur itu, dr. Hendrawan Saputra-Lim, M.Kes, menyambut baik", "Hendrawan Saputra-Lim"),
        ("arahan Kapolri Jenderal Pol. Darmawan Hadi Saputra yang", "Darmawan Hadi Saputra"),
        ("Di lapangan, Pak Darto (47), pengemudi ojek", "Darto"),
        ("Menteri Pertanian Filipina Ramon dela Cruz, seperti dikutip", "Ramon dela Cruz"),
        ("Ketua Asosiasi Pengemudi Daring (APDI) Raden Bagus Prakoso", "Raden Bagus Prakoso"),
        ("Presiden Kazakhstan, Kassym-Jomart Tokayev mengungkapkan", "Kassym-Jomart Tokayev"),
        ("Wakil Menteri Pertanian Vietnam Tran Van Hoa mengatakan", "Tran Van Hoa"),
        ("Anggota KPU Dimas Aryo Wicaksono mengatakan lembaganya netral.", "Dimas Aryo Wicaksono"),
        ("Atas keberatan itu , Menhub Darmawan Sukarya bertanya kembali .", "Darmawan Sukarya"),
        ("rapat dengan Menko Polhukam Suryo Pranoto dan Panglima TNI", "Suryo Pranoto"),
        ("dihadiri Menko Kemaritiman Wiratmo Hadi , kemarin", "Wiratmo Hadi"),
        ("Kemudian , Mensesneg Prasojo Wibisono menyebut izin itu", "Prasojo Wibisono"),
        ('tidak ada penyimpangan , " kata Jaksa Agung Wiratmo .', "Wiratmo"),
    ],
)
def test_annotate_persons_keeps_titles_ranks_and_degrees_outside(sentence: str, name: str) -> None:
    assert names(sentence) == [name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("“Kami setuju,” kata Andreas kepada wartawan.", "Andreas"),
        ("“Itu wajar,” ujar Yohanes di posko.", "Yohanes"),
        ("Menurut Hendra, kenaikan itu berbahaya.", "Hendra"),
        ("Senada, peneliti INDEF Hendra Wibisana menilai ...", "Hendra Wibisana"),
        ("Kuasa hukum pemohon, Yosua Pangaribuan, mengatakan ...", "Yosua Pangaribuan"),
        ("Itulah yang dialami 👩‍🍳 Siti Rahmawati (38), pemilik kedai.", "Siti Rahmawati"),
        ("Dua tersangka, yakni pejabat berinisial RS.", "RS"),
        ("Sukarya mengatakan sistem itu belum siap .", "Sukarya"),
        ("Wiratmo juga menegaskan hal yang sama.", "Wiratmo"),
        ("Penalti setelah eksekusi Antonio Moretti ditepis kiper .", "Antonio Moretti"),
        ("Yuddy mengaku partainya siap .", "Yuddy"),
        ("Menteri Pemuda dan Olahraga Darmanto Wiyono hadir .", "Darmanto Wiyono"),
        ("Menag Arif Hakim Wibowo yang juga hadir", "Arif Hakim Wibowo"),
        ("Menteri Koperasi dan UKM Sulastri Rahayu membuka pameran", "Sulastri Rahayu"),
        ('" Kami sudah siap , " kata HW .', "HW"),
        ("Angin segar datang setelah Dario Velloni membalikkan keadaan .", "Dario Velloni"),
        ("Saat itu Hartaka berencana melapor ke polisi .", "Hartaka"),
        ("Sukarya merupakan kader partai itu .", "Sukarya"),
    ],
)
def test_annotate_persons_finds_names_from_attribution_and_context(
    sentence: str, name: str
) -> None:
    assert names(sentence) == [name]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Anies Baswedan dan Sandiaga Uno menghadiri acara itu.",
            ["Anies Baswedan", "Sandiaga Uno"],
        ),
        ("Para tersangka berinisial AS, MR, dan DW ditangkap.", ["AS", "MR", "DW"]),
        ("Anggota Komisi IV, Sonny T Danaparamita, mengkritik", ["Sonny T Danaparamita"]),
        ("Kepala Desa Sukamaju Slamet Riyadi mengajak warga.", ["Slamet Riyadi"]),
        (
            "Mantan Presiden Susilo Bambang Yudhoyono (SBY) hadir. SBY menyapa.",
            ["Susilo Bambang Yudhoyono", "SBY", "SBY"],
        ),
        ("Sementara itu , Ketua KPK Firli Bahuri mengatakan , pihaknya", ["Firli Bahuri"]),
        ("Kepala Dinas Kesehatan Kota Surabaya Nanik Sukristina mengatakan", ["Nanik Sukristina"]),
        (
            "Direktur Eksekutif Indonesia Political Opinion Dedi Kurnia Syah menilai",
            ["Dedi Kurnia Syah"],
        ),
        # An initial without its dot, a noble prefix written short and a glued Arabic
        # article are part of the name; a form of address and an office are not.
        ("Direktur PT Maju Jaya, D Rudi Hartono, mengatakan", ["D Rudi Hartono"]),
        ("Anggota Fraksi PDI Perjuangan TB Suryana mengingatkan", ["TB Suryana"]),
        ("Presiden Suriah Bashar al-Hakim tiba di Jakarta.", ["Bashar al-Hakim"]),
        (
            "Ia bertemu Omar el-Fahmi dan Yusuf asy-Syafii di Kairo.",
            ["Omar el-Fahmi", "Yusuf asy-Syafii"],
        ),
        ("Ibu Negara Ny Ratna Sari hadir dalam acara itu.", ["Ratna Sari"]),
        ("Sekretaris Kabinet Arya Pradipta menolak tuduhan itu.", ["Arya Pradipta"]),
        # A place in brackets after a name is where the person is from, not a short name.
        (
            "Terpidana itu adalah Rudi Hartanto (Ghana) dan Simon Okafor (Nigeria).",
            ["Rudi Hartanto", "Simon Okafor"],
        ),
    ],
)
def test_annotate_persons_handles_lists_initials_nicknames_and_tokenised_text(
    sentence: str, expected: list[str]
) -> None:
    assert names(sentence) == expected


def test_annotate_persons_finds_later_short_mentions_of_a_name() -> None:
    text = (
        "Judul\n\nPresiden Kazakhstan, Kassym-Jomart Tokayev mengungkapkan hal itu. "
        "Hal ini diungkapkan oleh Presiden Tokayev. Dalam perkiraan Tokayev, kerusakan besar."
    )
    assert names(text) == ["Kassym-Jomart Tokayev", "Tokayev", "Tokayev"]


def test_annotate_persons_finds_a_name_in_the_title_from_the_body() -> None:
    text = "Kedai Kopi Bu Siti Raup Omzet\n\nPemiliknya, Siti Rahmawati (38), senang."
    assert names(text) == ["Siti", "Siti Rahmawati"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Presiden Kazakhstan mengatakan hal itu kepada wartawan.",
        "Hujan deras mengguyur Jakarta sejak Minggu malam.",
        "Perseroan menargetkan PLTP pertama beroperasi pada 2026.",
        "Pedagang di Jalan Daan Mogot mengaku kaget.",
        "Kemacetan terjadi di Jalan TB Simatupang pagi ini.",
        "Pasien dirujuk ke RSUD Dr. Soetomo di Surabaya.",
        "Tulis akun @ranidwi_ dalam kolom komentar.",
        "Dua mahasiswa Universitas Gadjah Mada mengajukan permohonan.",
        "Sementara itu, Koalisi Pejalan Kaki justru mendukung perluasan ETLE.",
        "“Saya setuju, Mas, biar kapok,” katanya.",
        "Thailand dan Vietnam tidak menolak penambahan cadangan.",
        "Kepolisian menyatakan kasus itu ditutup.",
        "Pihaknya menegaskan tidak ada pungutan.",
        "Perusahaan mengatakan produksi naik.",
        "Ia ditemui di Gedung Sekretariat Negara , Jl Veteran , Jakarta .",
        "Pertemuan itu digelar di Jl Daan Mogot , Jakarta Barat .",
        "Keputusan itu dibacakan di depan Jaksa Agung .",
        "Saya sebagai Menko Polhukam mengimbau warga .",
        "Juara bertahan itu tersingkir di Liga Champions musim ini .",
        "Pandangan berbeda disampaikan anggota dewan .",
        '" Kami sudah siap , " kata KPK .',
        "Disusul melawan arus sebanyak 405 kasus .",
    ],
)
def test_annotate_persons_leaves_titles_places_and_organisations_alone(sentence: str) -> None:
    assert names(sentence) == []


def test_annotate_persons_ids_and_labels_come_from_the_shared_contracts() -> None:
    text = "Judul\n\nPresiden Joko Widodo membuka pertemuan."
    (entity,) = annotate_persons(text)
    assert entity.label == label_set().entity_labels[0]
    assert entity.id == span_id("entities", entity.start, entity.end)
    assert text[entity.start : entity.end] == entity.text


WORDS = st.sampled_from(
    sorted(
        words(
            "Presiden Joko Widodo kata Menurut Bu Siti , . Jakarta mengatakan Dr. dr. (38) “ ” "
            "Komisi Pemberantasan Korupsi KPK Tokayev -nya berinisial RS di dan Ratna M.Kes"
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_annotate_persons_spans_index_the_text_and_never_overlap(words: list[str]) -> None:
    text = "Judul\n\n" + " ".join(words)
    entities = annotate_persons(text)
    previous_end = 0
    for e in entities:
        assert text[e.start : e.end] == e.text == e.text.strip()
        assert e.start >= previous_end
        previous_end = e.end


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The agent of a passive speech verb, a nickname, more attribution verbs.
        ("Hal itu disampaikan Dalvaro di Jakarta, Senin.", ["Dalvaro"]),
        ("Pria yang akrab disapa Kesto itu ingin pulang.", ["Kesto"]),
        ('"Kami siap," tandas Dalvaro.', ["Dalvaro"]),
        # An unknown name mid-sentence before a modal and a verb, a passive verb or a
        # predicate of people.
        ("Sejauh ini, Dalvaro kini memimpin klasemen.", ["Dalvaro"]),
        ("Tahun lalu, Dalvaro dilantik menjadi ketua.", ["Dalvaro"]),
        ("Pagi ini, Dalvaro tiba di bandara.", ["Dalvaro"]),
        # A name listed next to a person is a person; the team before an appositive is not.
        ("kata Dalvaro dan Kesterin kepada wartawan", ["Dalvaro", "Kesterin"]),
        ('"Kami kalah," ujar bek Kestervil, Dalvaro, kepada wartawan.', ["Dalvaro"]),
        # Initials after a title only a person holds.
        ("Sementara itu, Wapres JK tiba di Istana.", ["JK"]),
        # Foreign given names from the census list open a name, also at a sentence start.
        ("kemenangan atas Roger Federer di final", ["Roger Federer"]),
        ("Kevin bertanding di final besok.", ["Kevin"]),
    ],
)
def test_person_context_evidence(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Laga di Dalvaro berlangsung sengit.", []),  # after "di" capitals name a place
        ("Pekan lalu, Wolfsburg mengalahkan tim tamu.", []),  # a listed world city
        ("Presiden RI hadir dalam acara itu.", []),  # a country after the title
        ("Ketua DPC hadir dalam acara itu.", []),  # initials after a title of any body
        ("kata Dalvaro dan Jakarta", ["Dalvaro"]),  # only name-like pieces join a list
    ],
)
def test_person_context_counter_evidence(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


def test_long_dotted_word_is_read_in_linear_time() -> None:
    # A degree-shaped head glued to a long word once made the degree regex backtrack
    # exponentially (minutes for this sentence) before it failed to match.
    word = "Sp.PD" + "menurutmengatakan" * 4 + "-x"
    assert names(f"Kemarin {word} hadir, kata Dalvaro.") == ["Dalvaro"]
    assert word_class("M.Kes") == "D"


@pytest.mark.parametrize(
    "sentence",
    [
        # Places: after a word of residence, a place noun, or "di" anywhere in the article.
        "Sebanyak 200 warga Sukamulya mengungsi. Menurut Sukamulya, banjir datang malam.",
        "Warga Cibeureum mengungsi ke balai desa.",
        "Ia berdomisili Cibening, Kota Bekasi.",
        "Banjir melanda Kecamatan Ranuyoso Timur. Ranuyoso mengalami kerusakan parah.",
        # Counted nouns and units written with a capital after a number.
        "Sebanyak 120 Jiwa kini tinggal di tenda darurat.",
        "Gempa berkekuatan 5,2 Skala Richter mengguncang wilayah itu.",
        # A field of work in a title, and a street named after a ranked person.
        "kata Deputi Bidang Pencegahan KPK kepada wartawan.",
        "Air menggenangi Jalan Mayor Pol Hasan Basri dan sekitarnya.",
        "Air menggenangi Jalan Jenderal Ahmad Yani sejak pagi.",
        # Places listed from the smallest up, and a pronoun opening a sentence.
        "Ia tinggal di Desa Sukamaju, Kapanewon Pandak, Bantul.",
        "Beliau memimpin rapat itu selama dua jam.",
        # A title-case line: the title far back is no evidence for the last words.
        "Walikota Bambang Kaget Warga Sebelah Jadi Terduga Teroris\n\nIsi berita.",
    ],
)
def test_annotate_persons_finds_no_person_in(sentence: str) -> None:
    assert names(sentence) == []


def test_annotate_persons_name_cut_by_the_end_of_the_text_is_left_out() -> None:
    text = "Rudi Hartono mengatakan warga sudah dievakuasi, tutur Ru"
    assert names(text) == ["Rudi Hartono"]


def test_annotate_persons_abbreviated_given_name_with_a_dot_is_part_of_the_name() -> None:
    text = "kata Deputi Bidang Distribusi BPS Moh. Arif Santoso dalam konferensi pers."
    assert names(text) == ["Moh. Arif Santoso"]


def test_annotate_persons_name_before_a_comma_and_a_role_is_a_person() -> None:
    text = "Banjir datang tengah malam.\n\nTarno, warga Kelurahan Sumber, mengaku kaget."
    assert names(text) == ["Tarno"]


def test_annotate_persons_a_sentence_word_before_a_comma_and_a_role_is_no_person() -> None:
    assert names("Pasalnya, warga tidak diberi tahu lebih dulu.") == []


def test_annotate_persons_a_club_is_no_person() -> None:
    text = "Sore itu tim Elang Hitam menang. Pemain Elang Hitam, Yusuf Ramli, mencetak gol."
    assert names(text) == ["Yusuf Ramli"]


def test_annotate_persons_person_after_a_platform_name() -> None:
    text = "Pemilik kanal YouTube Agus Riyanto membagikan video itu."
    assert names(text) == ["Agus Riyanto"]


def test_annotate_persons_a_place_after_a_title_before_a_comma_and_a_name_is_no_person() -> None:
    assert names('"Kami siap," ujar Camat Sukaresmi, Asep Sunandar.') == ["Asep Sunandar"]


def test_annotate_persons_name_after_a_unit_number_and_its_place() -> None:
    text = "Dandim 0712/Sukamaju Letkol Inf Bayu Prasetyo memimpin apel."
    assert names(text) == ["Bayu Prasetyo"]


def test_annotate_persons_prison_named_by_its_place_is_no_person() -> None:
    assert names("Lapas Kelas IIA Sukamiskin menampung 900 warga binaan.") == []
