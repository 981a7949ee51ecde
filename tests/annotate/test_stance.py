"""STANCE rules: quotes and position clauses, holders, negation, polarity, targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotate.preannotate import preannotate
from annotate.rules.stance import (
    _word_starts,
    annotate_stances,
    explain_stances,
    quote_polarity,
    quote_target,
)
from corpus.records import Document, Stance
from corpus.schemas import Polarity
from tests.conftest import run_annotate


def stances(text: str) -> tuple[Document, list[Stance]]:
    doc = preannotate(text)
    return doc, list(doc.stances)


def holder_text(doc: Document, stance: Stance) -> str | None:
    by_id = {e.id: e for e in doc.entities}
    return by_id[stance.holder].text if stance.holder is not None else None


def test_quote_span_is_inside_the_marks_and_the_holder_follows_the_verb() -> None:
    text = "Judul\n\n“Saya tidak ragu bahwa ini adalah serangan teror,” kata Presiden Tokayev."
    doc, (stance,) = stances(text)
    assert stance.text == "Saya tidak ragu bahwa ini adalah serangan teror,"
    assert holder_text(doc, stance) == "Tokayev"
    holder = next(e for e in doc.entities if e.id == stance.holder)
    assert holder.start > stance.end  # the mention in the attribution, not an earlier one


def test_nya_attribution_is_held_by_the_last_person_mentioned() -> None:
    text = (
        "Judul\n\nKuasa hukum Abdul Rahman, Hendrik Marpaung, membantah sangkaan itu. "
        "“Klien kami menolak seluruh tuduhan,” ungkapnya."
    )
    doc, found = stances(text)
    quote = next(s for s in found if s.text.startswith("Klien"))
    assert holder_text(doc, quote) == "Hendrik Marpaung"


def test_a_description_of_a_person_refers_back_to_the_last_person() -> None:
    text = (
        "Judul\n\nPresiden Kazakhstan, Kassym-Jomart Tokayev mengungkapkan hal itu.\n\n"
        "“Itulah sebabnya, operasi kontra-teror diluncurkan,” "
        "sambung presiden berusia 68 tahun itu."
    )
    doc, (stance,) = stances(text)
    assert holder_text(doc, stance) == "Kassym-Jomart Tokayev"


def test_the_person_in_the_attribution_beats_the_organisation_in_their_title() -> None:
    text = (
        'Judul\n\n"Kami tidak setuju proyek dilanjutkan," kata Manajer Kampanye Energi Walhi, '
        "Yuliana Sembiring."
    )
    doc, (stance,) = stances(text)
    assert holder_text(doc, stance) == "Yuliana Sembiring"
    assert stance.polarity == Polarity.AGAINST


@pytest.mark.parametrize(
    "attribution",
    ["demikian bunyi siaran pers.", "tulis akun @ranidwi_ dalam kolom komentar."],
)
def test_unnamed_sources_give_a_null_holder(attribution: str) -> None:
    text = f"Judul\n\nPresiden Tokayev hadir. “Ini tindakan agresi,” {attribution}"
    _, (stance,) = stances(text)
    assert stance.holder is None


def test_a_quote_without_attribution_is_not_a_stance() -> None:
    _, found = stances('Judul\n\nPemilik kedai ‘Kopi Bu Siti’ menjual "es kopi susu" murah.')
    assert found == []


def test_reported_position_spans_the_verb_and_its_object() -> None:
    text = (
        "Judul\n\nWahana Lingkungan Hidup Indonesia (Walhi) menolak pembangunan salah satu PLTP "
        "yang berada di dekat kawasan hutan lindung. Menurut Walhi, konsultasi belum tuntas."
    )
    doc, (stance,) = stances(text)
    assert stance.text == (
        "menolak pembangunan salah satu PLTP yang berada di dekat kawasan hutan lindung"
    )
    assert stance.polarity == Polarity.AGAINST
    assert holder_text(doc, stance) == "Walhi"
    assert stance.target == "pembangunan salah satu PLTP"


def test_menyatakan_dukungannya_is_a_position_and_its_span_starts_at_menyatakan() -> None:
    text = (
        "Judul\n\nPresiden Dewan Eropa, Charles Michel, hadir. Sementara itu, presiden Dewan "
        "Eropa menyatakan dukungannya untuk kedaulatan dan integritas wilayah Kazakhstan."
    )
    doc, (stance,) = stances(text)
    assert stance.text.startswith("menyatakan dukungannya untuk kedaulatan")
    assert stance.polarity == Polarity.FAVOR
    assert holder_text(doc, stance) == "Charles Michel"  # the person described, named earlier
    assert stance.target == "kedaulatan dan integritas wilayah Kazakhstan"


def test_negation_flips_the_position_and_tetapi_opens_a_second_one() -> None:
    text = (
        "Judul\n\nAnggota DPR Bonifasius Tarigan bicara. Ia tidak menolak usulan komposisi "
        "itu, tetapi meminta rincian biaya dibuka kepada publik. Nurul menyatakan tidak setuju "
        "apabila kenaikan biaya dibebankan kepada jemaah."
    )
    doc, found = stances(text)
    by_text = {s.text: s for s in found}
    concede = by_text["tidak menolak usulan komposisi itu"]
    request = by_text["meminta rincian biaya dibuka kepada publik"]
    refuse = by_text["menyatakan tidak setuju apabila kenaikan biaya dibebankan kepada jemaah"]
    assert (concede.polarity, request.polarity, refuse.polarity) == (
        Polarity.NEUTRAL,
        Polarity.FAVOR,
        Polarity.AGAINST,
    )
    assert holder_text(doc, concede) == holder_text(doc, request) == "Bonifasius Tarigan"


def test_purpose_clauses_after_the_object_stay_outside() -> None:
    text = (
        "Judul\n\nKapolri Darmawan Hadi meminta jajaran lalu lintas mengurangi tilang manual "
        "untuk menekan praktik pungutan liar."
    )
    _, (stance,) = stances(text)
    assert stance.text == "meminta jajaran lalu lintas mengurangi tilang manual"


@pytest.mark.parametrize(
    "sentence",
    [
        "Tak semua pihak menyambut baik.",
        "Rina mendorong pemerintah mempercepat penyaluran beras.",
        "BI menilai capaian tersebut masih dalam sasaran.",
    ],
)
def test_framing_and_non_position_verbs_are_not_stances(sentence: str) -> None:
    assert stances(f"Judul\n\n{sentence}")[1] == []


def test_a_position_verb_inside_a_quote_makes_no_second_stance() -> None:
    text = "Judul\n\n“Kami mendukung penuh UMKM seperti ini,” ujar Deputi UKM, Yudha Siregar."
    _, (stance,) = stances(text)
    assert stance.text == "Kami mendukung penuh UMKM seperti ini,"
    assert stance.polarity == Polarity.FAVOR


def test_headline_position_without_prefix_is_a_stance() -> None:
    text = "Kemenag Usulkan BPIH 2025, DPR Minta Beban Jemaah Tak Naik\n\nIsi berita."
    doc, (stance,) = stances(text)
    assert stance.text == "Minta Beban Jemaah Tak Naik"
    assert holder_text(doc, stance) == "DPR"


@pytest.mark.parametrize(
    ("quote", "polarity"),
    [
        ("Kami mendukung inovasi dalam negeri seperti ini.", Polarity.FAVOR),
        ("Kami tidak setuju beban jemaah naik lagi.", Polarity.AGAINST),
        ("Saya tidak menolak strategi viral.", Polarity.NEUTRAL),
        (
            "Berdasarkan perhitungan sementara, kerugian negara sekitar Rp 312 miliar.",
            Polarity.NEUTRAL,
        ),
        (
            "Energi hijau tidak boleh dibangun dengan mengorbankan ruang hidup warga.",
            Polarity.AGAINST,
        ),
    ],
)
def test_quote_polarity_reads_position_words_with_negation(quote: str, polarity: str) -> None:
    assert quote_polarity(quote) == polarity


def test_quote_target_is_a_short_phrase_from_the_quote() -> None:
    assert quote_target("Kami mendukung inovasi dalam negeri seperti ini.") == (
        "inovasi dalam negeri seperti ini"
    )
    target = quote_target("Tekanan harga beras mulai mereda seiring panen raya.")
    assert 2 <= len(target.split()) <= 8
    assert target in "Tekanan harga beras mulai mereda seiring panen raya."


def test_a_request_keeps_its_untuk_clause_and_stops_before_karena() -> None:
    text = (
        "Judul\n\nBupati Hendra Saputra meminta warganya untuk menjauhi bantaran sungai, "
        "karena debit air terus naik."
    )
    _, (stance,) = stances(text)
    assert stance.text == "meminta warganya untuk menjauhi bantaran sungai"
    assert stance.polarity == Polarity.FAVOR


def test_a_request_with_agar_stops_before_sehingga() -> None:
    text = (
        "Judul\n\nGubernur Dodi Pratama meminta agar penyaluran bantuan diawasi bersama "
        "sehingga tidak ada yang terlewat."
    )
    _, (stance,) = stances(text)
    assert stance.text == "meminta agar penyaluran bantuan diawasi bersama"


def test_baik_maupun_after_a_comma_stays_in_the_object() -> None:
    text = (
        "Judul\n\nKetua DPRD Sari Wulandari meminta kepada Gubernur untuk memprioritaskan "
        "jalan desa, baik dari sisi anggaran maupun dari sisi pengawasan."
    )
    _, (stance,) = stances(text)
    assert stance.text == (
        "meminta kepada Gubernur untuk memprioritaskan jalan desa, baik dari sisi anggaran "
        "maupun dari sisi pengawasan"
    )


def test_a_credit_with_an_unlisted_verb_is_still_a_stance() -> None:
    text = "Judul\n\nBudi Santoso mengeluhkan antrean. “Sudah tiga jam belum dilayani,” cuitnya."
    doc, found = stances(text)
    quote = next(s for s in found if s.text.startswith("Sudah"))
    assert holder_text(doc, quote) == "Budi Santoso"


def test_explain_preannotate_prints_each_stance_decision_on_stderr(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Judul\n\nBupati Hendra Saputra mengatakan jalan ditutup. “Tidak benar itu,” ujarnya.\n",
        encoding="utf-8",
    )
    result = run_annotate("preannotate", "--explain", str(article))
    assert result.returncode == 0, result.stderr.decode()
    (line,) = result.stderr.decode().splitlines()
    decision = json.loads(line)
    assert decision["holder"] == "Hendra Saputra"
    assert decision["holder_rule"] == "nya->speaker"
    assert (decision["polarity"], decision["polarity_rule"]) == (Polarity.AGAINST, "denial")
    assert json.loads(result.stdout)["stances"][0]["text"] == "Tidak benar itu,"


def test_a_request_to_a_long_addressee_keeps_the_action_after_the_comma() -> None:
    text = (
        "Judul\n\nKapolres Hendra Saputra meminta kepada teman-teman pelaku yang ikut "
        "merusak pos ronda, untuk menyerahkan diri."
    )
    _, (stance,) = stances(text)
    assert stance.text == (
        "meminta kepada teman-teman pelaku yang ikut merusak pos ronda, untuk menyerahkan diri"
    )


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"kata(?:kan)?\b", "Ia berkata: kata orang, katakan saja, mengatakan, kata."),
        (r"menurut\s+(?=[A-Z])", "Tidak menurut Budi; semenurut Rudi, menurut Sari."),
        (r"tak menolak", "retak menolak, tak menolak"),
    ],
)
def test_word_starts_finds_what_a_leading_word_boundary_would(pattern: str, text: str) -> None:
    # The speech patterns leave out the leading \b for speed; `_word_starts` puts it back.
    found = [(m.start(), m.group()) for m in _word_starts(re.compile(pattern), text, 0)]
    expected = [(m.start(), m.group()) for m in re.finditer(rf"\b(?:{pattern})", text)]
    assert found == expected
    assert found  # each text has a match at a word start


def test_annotate_stances_keeps_the_stances_that_explain_stances_explains() -> None:
    text = (
        "Judul\n\nKetua RW Budi Santoso menolak rencana pelebaran jalan kampung. "
        "“Kami tidak setuju, warga belum diajak bicara,” katanya."
    )
    doc = preannotate(text, annotators=("per.rules.v1", "org.rules.v1"))
    explained = explain_stances(text, doc.entities)
    assert annotate_stances(text, doc.entities) == tuple(e.stance for e in explained)
    assert [(e.holder, e.stance.polarity) for e in explained] == [
        ("Budi Santoso", Polarity.AGAINST),
        ("Budi Santoso", Polarity.AGAINST),
    ]
    assert explained[1].to_dict()["polarity_rule"] == "negated 'setuju'"
