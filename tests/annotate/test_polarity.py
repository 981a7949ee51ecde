"""Polarity from clause structure: one hand-written quote per construction, with its score."""

from __future__ import annotations

import pytest

from annotate.rules.polarity import clause_polarity, quote_polarity, quote_polarity_choice
from corpus.schemas import Polarity


@pytest.mark.parametrize(
    ("quote", "polarity"),
    [
        # position words and the scope of a negation in front of them
        ("Kami mendukung penuh rencana pembangunan pasar itu.", Polarity.FAVOR),
        ("Warga tidak setuju jalan kampung dilebarkan.", Polarity.AGAINST),
        ("Kami belum mendukung usulan itu.", Polarity.AGAINST),
        ("Kami menolak tambang pasir di sungai ini.", Polarity.AGAINST),
        ("Saya tidak menolak rencana itu.", Polarity.NEUTRAL),
        # a concession, then what follows "tapi" decides
        ("Kami tidak menolak pelebaran jalan, tapi ganti ruginya harus dinaikkan.", Polarity.FAVOR),
        (
            "Kami tidak menolak aturan itu. Tapi jangan sampai pedagang kecil yang kena.",
            Polarity.AGAINST,
        ),
        # denials and rhetorical questions
        ("Tidak benar itu, saya tidak pernah menerima uang.", Polarity.AGAINST),
        ("Mana ada perintah seperti itu.", Polarity.AGAINST),
        ("Untuk apa saya mundur? Saya dipilih rakyat.", Polarity.AGAINST),
        ("Semua orang bilang gagal, gagal di mana gagalnya?", Polarity.AGAINST),
        # the speaker's own appeals, advice and proposals; someone else's, reported
        ("Kami ingatkan lagi supaya warga tidak membakar sampah.", Polarity.FAVOR),
        ("Sebaiknya orang tua mendampingi anak saat bermain gawai.", Polarity.FAVOR),
        ("Mohon warga tidak keluar rumah saat hujan deras.", Polarity.FAVOR),
        ("Tarif ini kami usulkan agar angkutan tetap berjalan.", Polarity.FAVOR),
        ("Dinas setempat mengimbau warga agar menjauhi sungai.", Polarity.NEUTRAL),
        # appeals for calm against prohibitions
        ("Warga tidak usah panik, petugas sudah di lokasi.", Polarity.FAVOR),
        ("Kita tidak boleh lengah menghadapi musim hujan.", Polarity.FAVOR),
        ("Jangan berlebihan menanggapi kabar itu.", Polarity.AGAINST),
        ("Lahan sawah tidak boleh dialihkan menjadi perumahan.", Polarity.AGAINST),
        # commitments, praise, complaints
        ("Program bedah rumah tetap kita lanjutkan tahun depan.", Polarity.FAVOR),
        ("Kami akan terus mengawal kasus ini sampai tuntas.", Polarity.FAVOR),
        ("Warga di sini rukun dan kompak.", Polarity.FAVOR),
        ("Pelayanannya sangat membantu kami.", Polarity.FAVOR),
        ("Sayangnya, bantuan datang terlalu lama.", Polarity.AGAINST),
        ("Capek, tiap musim hujan rumah kami terendam.", Polarity.AGAINST),
        # reports: figures, procedures, plans, anecdotes
        ("Sekitar 300 warga kini menumpang di gedung sekolah.", Polarity.NEUTRAL),
        ("Ada tiga pejabat yang layak diperiksa penyidik.", Polarity.NEUTRAL),
        ("Saya kaget sekali waktu mendengar kabar itu.", Polarity.NEUTRAL),
        ("Pendaftaran dibuka pukul 08.00 sampai 14.00 WIB.", Polarity.NEUTRAL),
    ],
)
def test_quote_polarity_follows_the_clause_structure(quote: str, polarity: str) -> None:
    assert quote_polarity(quote) == polarity


def test_a_report_without_any_cue_is_neutral_and_fairly_sure() -> None:
    choice = quote_polarity_choice("Hujan turun sejak pukul 15.00 WIB.")
    assert (choice.polarity, choice.rule) == (Polarity.NEUTRAL, "no position cue: report")
    assert choice.score == 0.7


def test_cues_that_cancel_out_give_neutral_with_a_low_score() -> None:
    choice = quote_polarity_choice("Kami mendukung program itu, tapi kami menolak caranya.")
    assert choice.polarity in (Polarity.AGAINST, Polarity.NEUTRAL)
    balanced = quote_polarity_choice("Gedungnya bagus, pedagangnya kecewa.")
    assert balanced.polarity == Polarity.NEUTRAL
    assert balanced.score < 0.5


def test_one_sided_cues_score_higher_than_mixed_ones() -> None:
    clear = quote_polarity_choice("Kami menolak keras rencana itu.")
    mixed = quote_polarity_choice("Kami menolak rencana itu, padahal idenya cukup bagus.")
    assert clear.polarity == Polarity.AGAINST
    assert clear.score > mixed.score


@pytest.mark.parametrize(
    ("verb", "negated", "polarity"),
    [
        ("mendukung", False, Polarity.FAVOR),
        ("meminta", False, Polarity.FAVOR),
        ("menolak", False, Polarity.AGAINST),
        ("mengkritik", False, Polarity.AGAINST),
        ("setuju", True, Polarity.AGAINST),
        ("menolak", True, Polarity.NEUTRAL),
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
    assert quote_polarity(quote) == Polarity.NEUTRAL
