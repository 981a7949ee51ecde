"""Contexts that make capitals a place or a thing (annotate/rules/place_context.py)."""

from __future__ import annotations

import pytest

from annotate.rules.place_context import names_a_place, names_a_place_or_thing


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Macet di Jalan MT Suryadi pagi ini", "MT Suryadi", True),
        ("Jalan Mayor Pol Darto Wijaya (Jalan Kenari) ditutup", "Darto Wijaya", True),
        ("pelaku berdomisili Pondok Kelapa, Kota Bekasi", "Pondok Kelapa", True),
        ("warga Sukamaju, Pondok Kelapa, Bekasi", "Pondok Kelapa", True),
        ("makan di Restoran Laut 99 Sari Rasa, Kelapa Gading", "Sari Rasa", True),
        ("banjir di Sleman meluas", "Sleman", True),
        ("Kepala Desa Sukamaju Slamet Riyadi mengajak warga", "Slamet Riyadi", False),
        ("Kepala Dinas Kesehatan Kota Surabaya Nanik Sukma mengatakan", "Nanik Sukma", False),
        ("Di Jakarta, Budi Santoso mengatakan hal itu", "Budi Santoso", False),
        ("kata Budi, Andi Wijaya menambahkan", "Andi Wijaya", False),
        ("Presiden Joko Widodo membuka rapat", "Joko Widodo", False),
        ("Menurut Mayor Budi Hartono, situasi aman", "Budi Hartono", False),
    ],
)
def test_names_a_place_reads_the_words_before(text: str, name: str, place: bool) -> None:
    assert names_a_place(text, text.index(name)) is place


@pytest.mark.parametrize(
    ("text", "name", "thing"),
    [
        ("warga Desa Tuamaju mengungsi", "Desa Tuamaju", True),
        ("Indeks Nusa Tiga Puluh naik 0,5 persen", "Nusa Tiga Puluh", True),
        ("Indeks Nusa Tiga Puluh naik 0,5 persen", "Indeks Nusa Tiga Puluh", True),
        ("Ia meneliti Vaksin Nusantara sejak 2020", "Vaksin Nusantara", True),
        ("tim juara Piala Presiden tahun lalu", "Piala Presiden", True),
        ("saham Bank Mandiri naik", "Bank Mandiri", False),
        ("vaksin buatan Biovana tiba", "Biovana", False),
    ],
)
def test_names_a_place_or_thing_reads_the_first_word_and_the_word_before(
    text: str, name: str, thing: bool
) -> None:
    start = text.index(name)
    assert names_a_place_or_thing(text, start, start + len(name)) is thing
