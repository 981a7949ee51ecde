"""The named checks that reject a candidate quantity: the first that holds is the reason."""

from __future__ import annotations

import pytest

from annotate.rules.quantity_context import Doc, candidate
from annotate.rules.quantity_exclusions import rejection
from annotate.rules.quantity_patterns import CANDIDATE
from annotate.rules.quantity_reading import read_match


def reason(text: str, at: str) -> str | None:
    m = CANDIDATE.match(text, text.index(at))
    assert m is not None
    reading, _ = read_match(m)
    assert reading is not None
    check = rejection(candidate(Doc(text), reading))
    return None if check is None else check.__name__


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Rapat digelar pada 15 Januari 2024 di gedung itu.", "15", "_is_date"),
        ("Sidang dimulai pukul 14.30 WIB di ruang utama.", "14.30", "_is_clock_time"),
        ("Ia dijerat Pasal 2 undang-undang itu.", "2", "_is_legal_reference"),
        ("Negara G20 bertemu di sana.", "20", "_is_glued_to_word"),
        ("Ia menjadi salah satu saksi.", "satu", "_is_number_word_idiom"),
        ("Harga naik 5 persen bulan ini.", "5", None),
    ],
)
def test_rejection_names_the_first_check_that_holds(
    text: str, at: str, expected: str | None
) -> None:
    assert reason(text, at) == expected
