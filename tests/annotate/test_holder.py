"""Holder resolution: the attribution grammar, one hand-written sentence per credit pattern.

The PER/ORG mentions are given by hand (`mark`), so each test checks the holder rules and not
the entity rules; `explain_stances` shows which rule chose the holder.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from annotate.rules.holder import Mentions
from annotate.rules.stance import Explanation, explain_stances
from corpus.records import Entity, span_id
from corpus.schemas import Polarity


def mark(text: str, persons: Sequence[str], orgs: Sequence[str] = ()) -> tuple[Entity, ...]:
    """Entities for every occurrence of each name (PER first, ORG second)."""
    out = []
    for label, names in (("PER", persons), ("ORG", orgs)):
        for name in names:
            start = text.find(name)
            assert start >= 0, name
            while start >= 0:
                end = start + len(name)
                out.append(Entity(span_id("entities", start, end), start, end, name, label))
                start = text.find(name, end)
    return tuple(sorted(out, key=lambda e: e.start))


def explain(text: str, persons: Sequence[str], orgs: Sequence[str] = ()) -> list[Explanation]:
    return list(explain_stances(text, mark(text, persons, orgs)))


def only(text: str, persons: Sequence[str], orgs: Sequence[str] = ()) -> Explanation:
    (found,) = explain(text, persons, orgs)
    return found


def test_the_credit_runs_through_a_long_title_to_the_name() -> None:
    text = (
        "Judul\n\n“Produksi padi naik tipis,” kata Deputi Bidang Statistik Produksi dan "
        "Distribusi BPS Andi Kurniawan dalam konferensi pers di Jakarta."
    )
    found = only(text, ["Andi Kurniawan"], ["BPS"])
    assert (found.holder, found.holder_rule) == ("Andi Kurniawan", "credit-name")


def test_a_description_then_a_name_after_a_comma_is_an_apposition() -> None:
    text = (
        "Judul\n\n“Antreannya panjang sekali sejak subuh,” kata salah seorang pedagang, "
        "Rudi Hartono."
    )
    found = only(text, ["Rudi Hartono"])
    assert (found.holder, found.holder_rule) == ("Rudi Hartono", "credit-apposition")


@pytest.mark.parametrize("credit", ["ujarnya.", "jelas dia.", "kata beliau.", "cuitnya."])
def test_nya_and_pronoun_credits_go_to_the_speaker_not_the_last_name(credit: str) -> None:
    text = (
        "Judul\n\nKepala BPBD Jawa Tengah Sri Wahyuni mengatakan, banjir merendam 30 rumah di "
        f"dekat kediaman Bupati Agus Salim. “Kami sudah mengirim perahu karet,” {credit}"
    )
    found = only(text, ["Sri Wahyuni", "Agus Salim"], ["BPBD"])
    assert found.holder == "Sri Wahyuni"
    assert found.holder_rule.endswith("->speaker")


def test_a_pronoun_credit_without_any_speaker_falls_back_to_the_last_person() -> None:
    text = "Judul\n\nRapat dipimpin Ketua RT Joko Susilo. “Iuran naik bulan depan,” katanya."
    found = only(text, ["Joko Susilo"])
    assert (found.holder, found.holder_rule) == ("Joko Susilo", "nya->last person")


def test_a_title_credit_goes_to_the_last_person_named_with_that_title() -> None:
    text = (
        "Judul\n\nMenteri Kesehatan Rina Kartika hadir bersama Gubernur Dodi Pratama. "
        "“Stok vaksin cukup sampai akhir tahun,” ujar Menkes."
    )
    found = only(text, ["Rina Kartika", "Dodi Pratama"])
    assert (found.holder, found.holder_rule) == ("Rina Kartika", "description->role")


def test_a_description_with_a_demonstrative_points_back_to_the_speaker() -> None:
    text = (
        "Judul\n\nPolitikus senior Hasan Basri menilai koalisi itu rapuh, berbeda dengan "
        "sikap Wahyu Adi. “Koalisi ini tidak akan bertahan lama,” ujar politikus berusia 70 "
        "tahun itu."
    )
    found = only(text, ["Hasan Basri", "Wahyu Adi"])
    assert found.holder == "Hasan Basri"


@pytest.mark.parametrize(
    "credit",
    [
        "demikian bunyi siaran pers.",
        "tulis akun @warga_kota di media sosial.",
        "sambung siaran pers tersebut.",
        "kata seorang sumber.",
    ],
)
def test_media_accounts_and_unnamed_sources_have_no_holder(credit: str) -> None:
    text = f"Judul\n\nWali Kota Andi Pratama hadir. “Jalan ditutup sampai Minggu,” {credit}"
    found = only(text, ["Andi Pratama"])
    assert found.holder is None


def test_a_quote_read_on_a_website_is_held_by_the_speaker_not_the_website() -> None:
    text = (
        "Judul\n\nMenteri Kesehatan Rina Kartika meninjau gudang vaksin. “Stok cukup,” ujar "
        "Menkes dikutip dari laman Kemenkes."
    )
    found = only(text, ["Rina Kartika"], ["Kemenkes"])
    assert found.holder == "Rina Kartika"


def test_an_official_account_is_held_by_its_owner() -> None:
    text = "Judul\n\n“Hindari ruas tol arah Cikampek,” tulis akun resmi Polda Metro Jaya."
    found = only(text, [], ["Polda Metro Jaya"])
    assert (found.holder, found.holder_rule) == ("Polda Metro Jaya", "media credit->owner")


def test_a_name_cut_by_the_end_of_the_excerpt_is_the_earlier_full_mention() -> None:
    text = (
        "Judul\n\nKepala Pusdatin Bambang Wijaya mengatakan gempa tidak berpotensi tsunami. "
        "“Warga sudah kembali ke rumah,” tutur Ba"
    )
    found = only(text, ["Bambang Wijaya", "Ba"])
    assert (found.holder, found.holder_rule) == ("Bambang Wijaya", "cut name->earlier mention")


def test_a_speaker_the_entity_rules_missed_gives_no_holder_rather_than_a_stale_one() -> None:
    text = (
        "Judul\n\nBanjir juga merendam rumah Bupati Agus Salim. Ujang, warga Desa Sukamaju, "
        "mengaku rumahnya terendam. “Air masuk jam lima pagi,” kata dia."
    )
    found = only(text, ["Agus Salim"])  # "Ujang" is not an entity here
    assert found.holder is None


def test_a_parenthetical_credit_moves_the_speaker() -> None:
    text = (
        "Judul\n\nKepala BPS Maya Sari menjelaskan inflasi melandai. Pada bulan lalu, lanjut "
        "Rudi Hartono, harga cabai turun. “Pasokan dari sentra sudah pulih,” jelasnya."
    )
    found = only(text, ["Maya Sari", "Rudi Hartono"], ["BPS"])
    assert found.holder == "Rudi Hartono"


def test_a_passive_speech_verb_names_the_speaker() -> None:
    text = (
        "Judul\n\nPernyataan itu disampaikan Menteri Perhubungan Budi Raharjo usai rapat "
        "dengan Presiden Hadi Susanto. “Tarif tidak naik,” katanya."
    )
    found = only(text, ["Budi Raharjo", "Hadi Susanto"])
    assert found.holder == "Budi Raharjo"


def test_a_subject_in_a_lowercase_description_without_a_name_has_no_holder() -> None:
    text = (
        "Judul\n\nDalam laman resmi Kementerian Luar Negeri Jepang, Senin lalu, pemerintah "
        "Jepang meminta warganya menjauhi lokasi unjuk rasa."
    )
    found = only(text, [], ["Kementerian Luar Negeri Jepang"])
    assert found.holder is None
    assert found.stance.text == "meminta warganya menjauhi lokasi unjuk rasa"


def test_a_coordinated_position_verb_shares_the_subject_that_opens_the_clause() -> None:
    text = (
        "Judul\n\nMenteri itu menuturkan bahwa Presiden Hadi Susanto menyetujui anggaran itu "
        "dan meminta agar penyalurannya diawasi bersama."
    )
    found = only(text, ["Hadi Susanto"])
    assert found.holder == "Hadi Susanto"
    assert found.stance.text == "meminta agar penyalurannya diawasi bersama"


def test_a_name_with_age_and_a_lowercase_apposition_is_the_subject() -> None:
    text = (
        "Judul\n\nPak Darman (52), sopir angkot di Terminal Kampung Rambutan, mengaku setuju "
        "asal tarifnya jelas."
    )
    found = only(text, ["Darman"])
    assert (found.holder, found.holder_rule) == ("Darman", "subject-apposition")


def test_a_pronoun_subject_refers_to_the_subject_of_the_sentence_before() -> None:
    text = (
        "Judul\n\nKetua koperasi Hendra Gunawan menolak usulan itu. Kini, Bu Ratna berencana "
        "membuka cabang baru. Ia meminta pemerintah daerah mempermudah izin usaha."
    )
    found = explain(text, ["Hendra Gunawan", "Ratna"])
    request = next(x for x in found if x.stance.text.startswith("meminta"))
    assert (request.holder, request.holder_rule) == (
        "Ratna",
        "pronoun->previous sentence's subject",
    )


def test_the_speech_verb_of_the_sentence_before_attributes_an_uncredited_quote() -> None:
    text = (
        "Judul\n\nWali Kota Andi Pratama mengimbau warga untuk tetap tenang.\n\n"
        "“Jangan terpancing kabar yang belum jelas sumbernya.”"
    )
    found = only(text, ["Andi Pratama"])
    assert found.holder == "Andi Pratama"
    assert found.holder_rule.startswith("speech verb in the previous sentence")
    assert found.stance.polarity == Polarity.FAVOR


def test_a_quote_with_no_credit_and_no_speech_verb_before_is_not_a_stance() -> None:
    text = "Judul\n\nWarung itu ramai. “Kopi susu gula aren” jadi menu andalan."
    assert explain(text, []) == []


def test_a_quote_over_two_paragraphs_is_one_span() -> None:
    text = (
        "Judul\n\nKetua panitia Lina Marlina menjelaskan persiapan acara.\n\n"
        "“Semua tenda sudah berdiri. Listrik juga sudah siap.\n\n"
        "“Tinggal menunggu tamu datang,” katanya."
    )
    found = only(text, ["Lina Marlina"])
    assert found.stance.text == (
        "Semua tenda sudah berdiri. Listrik juga sudah siap.\n\n“Tinggal menunggu tamu datang,"
    )
    assert found.holder == "Lina Marlina"


def test_an_unlisted_credit_verb_before_a_name_is_a_credit() -> None:
    text = "Judul\n\n“Terima kasih untuk semua relawan,” sapa Rina Kartika di akun pribadinya."
    found = only(text, ["Rina Kartika"])
    assert found.holder == "Rina Kartika"
    assert found.holder_rule.endswith("(unlisted verb)")


def test_a_group_noun_subject_is_no_particular_holder() -> None:
    text = (
        "Judul\n\nKepala Dinas Pertanian Yusuf Hamdani mengatakan panen mundur. Petani "
        "menolak harga gabah yang ditetapkan pabrik."
    )
    found = only(text, ["Yusuf Hamdani"])
    assert (found.holder, found.holder_rule) == (None, "group description->null")


def test_a_short_title_credit_matches_a_longer_title_chain() -> None:
    text = (
        "Judul\n\nKapolsek Menteng Kompol Budi Raharjo datang bersama Lurah Siti Aminah. "
        "“Pelaku sudah kami amankan,” ucap Kapolsek."
    )
    found = only(text, ["Budi Raharjo", "Siti Aminah"])
    assert (found.holder, found.holder_rule) == ("Budi Raharjo", "description->role")


def test_an_organisation_with_a_lowercase_word_opening_the_clause_holds_it() -> None:
    # The capitalised phrase stops at "dan" inside the name; the name is still the subject.
    text = (
        "Judul\n\nKementerian Kelautan dan Perikanan melalui siaran pers mengatakan, "
        "“Stok garam nasional cukup sampai akhir tahun.”"
    )
    (found,) = explain(text, [], ["Kementerian Kelautan dan Perikanan"])
    assert found.holder == "Kementerian Kelautan dan Perikanan"


def test_a_position_is_in_a_quote_up_to_the_end_of_the_quote_around_another() -> None:
    # A straight-quoted title inside a curly quote over two paragraphs: after the inner
    # quote ends, the outer one still holds the position.
    mentions = Mentions("x" * 40, (), [(2, 30), (5, 10)])
    inside = [mentions.in_quote(p) for p in (1, 2, 7, 12, 29, 30)]
    assert inside == [False, True, True, True, True, False]
