"""Reading one candidate match: value, range, unit, and where the scan resumes."""

from __future__ import annotations

from annotate.rules.quantity_patterns import CANDIDATE
from annotate.rules.quantity_reading import Reading, ascending, is_year, read_match


def read(text: str) -> tuple[Reading | None, int]:
    m = CANDIDATE.match(text)
    assert m is not None, text
    return read_match(m)


def test_read_match_one_scale_word_serves_both_sides_of_a_range() -> None:
    reading, resume = read("1,7-1,8 juta ton beras")
    assert reading is not None
    assert (reading.low, reading.high, reading.unit) == (1.7e6, 1.8e6, "ton")
    assert resume == reading.end == len("1,7-1,8 juta ton")


def test_read_match_cuts_number_words_to_one_number() -> None:
    reading, resume = read("dua tiga hari lalu")
    assert reading is not None
    assert (reading.tokens, reading.value, reading.bare) == (("dua",), 2.0, True)
    assert resume == len("dua")


def test_read_match_a_range_whose_units_disagree_keeps_its_first_side() -> None:
    reading, _ = read("5 persen hingga 2025")
    assert reading is not None
    assert (reading.value, reading.unit, reading.end) == (5.0, "%", len("5 persen"))


def test_read_match_currency_before_the_number_is_in_the_span() -> None:
    reading, _ = read("Rp 1,5 triliun untuk jalan")
    assert reading is not None
    assert (reading.start, reading.end) == (0, len("Rp 1,5 triliun"))
    assert (reading.value, reading.unit) == (1.5e12, "IDR")


def test_ascending_and_is_year() -> None:
    assert ascending(2.0, 3.0) and not ascending(3.0, 2.0) and ascending(None, None)
    assert is_year("2024") and not is_year("1500") and not is_year("20245")
