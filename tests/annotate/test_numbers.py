"""Indonesian numbers: numerals with separators, number words, scale words, vague amounts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.rules.numbers import (
    has_ambiguous_comma,
    longest_number_words,
    numeral_digits,
    numeral_fraction,
    parse_number_words,
    parse_numeral,
    scale_factor,
    vague_range,
)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("1.300", 1300),
        ("2,5", 2.5),
        ("1.234.567,89", 1234567.89),
        ("1.234.567", 1234567),
        ("1,300", 1.3),  # Indonesian unless the caller says otherwise
        ("1,234,567", 1234567),  # two comma groups can only be English thousands
        ("1,234.56", 1234.56),
        ("1.234,5", 1234.5),
        ("2.5", 2.5),  # one dot without three digits after it: an English decimal point
        ("104,28", 104.28),
        ("3,00", 3.0),
        ("0,5", 0.5),
        ("12", 12),
        ("1234,567", 1234.567),  # four digits before the comma: never thousands
    ],
)
def test_parse_numeral_indonesian_separators(numeral: str, value: float) -> None:
    assert parse_numeral(numeral) == value


def test_parse_numeral_english_thousands_only_when_asked() -> None:
    assert parse_numeral("1,300", english_thousands=True) == 1300
    assert parse_numeral("1,300") == 1.3
    # The flag only changes the ambiguous shape: "2,5" stays a decimal.
    assert parse_numeral("2,5", english_thousands=True) == 2.5
    assert parse_numeral("1,3000", english_thousands=True) == 1.3


@pytest.mark.parametrize("numeral", ["1.2.3", "12.34.567", "", "1,2.3,4", "1.234.56,7,8", "x1"])
def test_parse_numeral_rejects_malformed(numeral: str) -> None:
    with pytest.raises(ValueError, match=r"numeral|grouped|decimal"):
        parse_numeral(numeral)


def test_numeral_digits_keeps_decimal_places() -> None:
    assert numeral_digits("1.234,56") == (123456, 2)
    assert numeral_digits("1.300") == (1300, 0)
    assert numeral_digits("1,300", english_thousands=True) == (1300, 0)
    assert numeral_digits("3,00") == (300, 2)


def test_numeral_fraction_is_exact() -> None:
    assert numeral_fraction("95,2") * 10**6 == 95_200_000
    assert float(numeral_fraction("95,2") * 10**6) == 95_200_000.0


@pytest.mark.parametrize(
    ("numeral", "ambiguous"),
    [("1,300", True), ("12,500", True), ("2,5", False), ("1,3000", False), ("1.300,500", False)],
)
def test_has_ambiguous_comma_only_one_comma_and_three_digits(numeral: str, ambiguous: bool) -> None:
    assert has_ambiguous_comma(numeral) is ambiguous


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("nol", 0),
        ("enam", 6),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("dua belas", 12),
        ("sembilan belas", 19),
        ("dua puluh", 20),
        ("dua puluh dua", 22),
        ("seratus", 100),
        ("dua ratus lima puluh", 250),
        ("dua ratus sebelas", 211),
        ("seribu", 1000),
        ("seribu dua ratus", 1200),
        ("lima puluh lima ribu", 55_000),
        ("dua juta tiga ratus ribu lima", 2_300_005),
        ("setengah", 0.5),
        ("seperempat", 0.25),
        ("satu setengah", 1.5),
        ("satu setengah juta", 1_500_000),
        ("setengah juta", 500_000),
        ("Tiga", 3),
        ("DUA RATUS", 200),
    ],
)
def test_parse_number_words_values(words: str, value: float) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("satu koma lima", Fraction(3, 2)),
        ("dua koma tujuh lima", Fraction(275, 100)),  # digits after "koma" one word each
        ("nol koma nol lima", Fraction(5, 100)),
        ("tiga koma dua puluh lima", Fraction(325, 100)),  # or as one number below 100
        ("sepuluh koma sebelas", Fraction(1011, 100)),
        ("dua ratus koma lima", Fraction(401, 2)),
        ("satu koma lima juta", Fraction(1_500_000)),  # a scale word multiplies the whole
        ("Empat Koma Dua", Fraction(42, 10)),
    ],
)
def test_parse_number_words_decimals_after_koma(words: str, value: Fraction) -> None:
    assert longest_number_words(words.split()) == (len(words.split()), value)
    assert parse_number_words(words) == float(value)


@pytest.mark.parametrize(
    ("words", "prefix"),
    [
        ("dua koma", (1, Fraction(2))),  # no digits: "koma" is not part of the number
        ("dua koma orang", (1, Fraction(2))),
        ("dua juta koma lima", (2, Fraction(2_000_000))),  # decimals go before the scale word
        ("setengah koma lima", (1, Fraction(1, 2))),
        ("seribu koma lima", (1, Fraction(1000))),
        ("dua koma lima juta orang", (4, Fraction(2_500_000))),
    ],
)
def test_longest_number_words_koma_only_after_a_whole_number(
    words: str, prefix: tuple[int, Fraction]
) -> None:
    assert longest_number_words(words.split()) == prefix


def test_parse_number_words_koma_alone_is_not_a_number() -> None:
    assert parse_number_words("koma lima") is None
    assert parse_number_words("dua koma") is None


def test_parse_number_words_fractions() -> None:
    assert parse_number_words("sepertiga") == pytest.approx(1 / 3)
    assert parse_number_words(["dua", "pertiga"]) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    "words",
    ["dua tiga", "ribu", "puluh dua", "seratus ratus", "nol nol", "dua puluh belas", "", "orang"],
)
def test_parse_number_words_rejects_non_numbers(words: str) -> None:
    assert parse_number_words(words) is None


def test_longest_number_words_stops_at_the_first_misfit() -> None:
    assert longest_number_words(["dua", "tiga", "hari"]) == (1, Fraction(2))
    assert longest_number_words(["dua", "ratus", "orang"]) == (2, Fraction(200))
    assert longest_number_words(["ribu"]) is None


def test_scale_factor_words_and_abbreviations() -> None:
    assert scale_factor("juta") == 10**6
    assert scale_factor("Miliar") == 10**9
    assert scale_factor("milyar") == 10**9
    assert scale_factor("triliun") == 10**12
    assert scale_factor("rb") == 10**3
    assert scale_factor("jt") == 10**6
    # "M" is a year marker ("2025 M") or a network ("5G") unless money is being counted.
    assert scale_factor("M") is None
    assert scale_factor("M", currency=True) == 10**9
    assert scale_factor("T", currency=True) == 10**12
    assert scale_factor("orang") is None


@pytest.mark.parametrize(
    ("word", "scale", "bounds"),
    [
        ("puluhan", None, (10, 99)),
        ("belasan", None, (11, 19)),
        ("ratusan", None, (100, 999)),
        ("ribuan", None, (1000, 9999)),
        ("jutaan", None, (1e6, 9.99e6)),
        ("ratusan", "ribu", (1e5, 9.99e5)),
        ("puluhan", "juta", (1e7, 9.9e7)),
        ("Ratusan", None, (100, 999)),
    ],
)
def test_vague_range(word: str, scale: str | None, bounds: tuple[float, float]) -> None:
    assert vague_range(word, scale) == bounds


def test_vague_range_rejects_non_vague_words() -> None:
    assert vague_range("banyak") is None
    assert vague_range("puluhan", "orang") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_numeral_reads_indonesian_grouping(n: int) -> None:
    grouped = f"{n:,}".replace(",", ".")
    assert parse_numeral(grouped) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_parse_numeral_reads_decimal_comma(whole: int, cents: int) -> None:
    text = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_numeral(text) == pytest.approx(whole + cents / 100)
