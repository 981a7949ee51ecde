"""Polarity from clause structure: one hand-written quote per construction, with its score."""

from __future__ import annotations

import pytest

from annotate.rules.polarity import clause_polarity, quote_polarity, quote_polarity_choice


@pytest.mark.parametrize(
    ("quote", "polarity"),
    [
        # position words and the scope of a negation in front of them
        ("Kami mendukung penuh rencana pembangunan pasar itu.", "favor"),
        ("Warga tidak setuju jalan kampung dilebarkan.", "against"),
        ("Kami belum mendukung usulan itu.", "against"),
        ("Kami menolak tambang pasir di sungai ini.", "against"),
        ("Saya tidak menolak rencana itu.", "neutral"),
        # a concession, then what follows "tapi" decides
        ("Kami tidak menolak pelebaran jalan, tapi ganti ruginya harus dinaikkan.", "favor"),
        ("Kami tidak menolak aturan itu. Tapi jangan sampai pedagang kecil yang kena.", "against"),
        # denials and rhetorical questions
        ("Tidak benar itu, saya tidak pernah menerima uang.", "against"),
        ("Mana ada perintah seperti itu.", "against"),
        ("Untuk apa saya mundur? Saya dipilih rakyat.", "against"),
        ("Semua orang bilang gagal, gagal di mana gagalnya?", "against"),
        # the speaker's own appeals, advice and proposals; someone else's, reported
        ("Kami ingatkan lagi supaya warga tidak membakar sampah.", "favor"),
        ("Sebaiknya orang tua mendampingi anak saat bermain gawai.", "favor"),
        ("Mohon warga tidak keluar rumah saat hujan deras.", "favor"),
        ("Tarif ini kami usulkan agar angkutan tetap berjalan.", "favor"),
        ("Dinas setempat mengimbau warga agar menjauhi sungai.", "neutral"),
        # appeals for calm against prohibitions
        ("Warga tidak usah panik, petugas sudah di lokasi.", "favor"),
        ("Kita tidak boleh lengah menghadapi musim hujan.", "favor"),
        ("Jangan berlebihan menanggapi kabar itu.", "against"),
        ("Lahan sawah tidak boleh dialihkan menjadi perumahan.", "against"),
        # commitments, praise, complaints
        ("Program bedah rumah tetap kita lanjutkan tahun depan.", "favor"),
        ("Kami akan terus mengawal kasus ini sampai tuntas.", "favor"),
        ("Warga di sini rukun dan kompak.", "favor"),
        ("Pelayanannya sangat membantu kami.", "favor"),
        ("Sayangnya, bantuan datang terlalu lama.", "against"),
        ("Capek, tiap musim hujan rumah kami terendam.", "against"),
        # reports: figures, procedures, plans, anecdotes
        ("Sekitar 300 warga kini menumpang di gedung sekolah.", "neutral"),
        ("Ada tiga pejabat yang layak diperiksa penyidik.", "neutral"),
        ("Saya kaget sekali waktu mendengar kabar itu.", "neutral"),
        ("Pendaftaran dibuka pukul 08.00 sampai 14.00 WIB.", "neutral"),
    ],
)
def test_quote_polarity_follows_the_clause_structure(quote: str, polarity: str) -> None:
    assert quote_polarity(quote) == polarity


def test_a_report_without_any_cue_is_neutral_and_fairly_sure() -> None:
    choice = quote_polarity_choice("Hujan turun sejak pukul 15.00 WIB.")
    assert (choice.polarity, choice.rule) == ("neutral", "no position cue: report")
    assert choice.score == 0.7


def test_cues_that_cancel_out_give_neutral_with_a_low_score() -> None:
    choice = quote_polarity_choice("Kami mendukung program itu, tapi kami menolak caranya.")
    assert choice.polarity in ("against", "neutral")
    balanced = quote_polarity_choice("Gedungnya bagus, pedagangnya kecewa.")
    assert balanced.polarity == "neutral"
    assert balanced.score < 0.5


def test_one_sided_cues_score_higher_than_mixed_ones() -> None:
    clear = quote_polarity_choice("Kami menolak keras rencana itu.")
    mixed = quote_polarity_choice("Kami menolak rencana itu, padahal idenya cukup bagus.")
    assert clear.polarity == "against"
    assert clear.score > mixed.score


@pytest.mark.parametrize(
    ("verb", "negated", "polarity"),
    [
        ("mendukung", False, "favor"),
        ("meminta", False, "favor"),
        ("menolak", False, "against"),
        ("mengkritik", False, "against"),
        ("setuju", True, "against"),
        ("menolak", True, "neutral"),
    ],
)
def test_clause_polarity_is_the_verb_with_its_negation(
    verb: str, negated: bool, polarity: str
) -> None:
    assert clause_polarity(verb, negated=negated).polarity == polarity


@pytest.mark.parametrize(
    "quote",
    [
        "Saya minta maaf atas keterlambatan ini.",
        "Petugas segera mengevakuasi korban ke rumah sakit.",
        "Apakah masa kampanye akan diperpanjang?",
        "Kami tetap di lokasi sampai malam.",
    ],
)
def test_look_alikes_of_appeals_questions_and_commitments_are_reports(quote: str) -> None:
    assert quote_polarity(quote) == "neutral"
