"""Reading Indonesian numbers: numerals, number words, scale words, vague amounts. Pure.

Examples (text → value):

    "1.300"          1300       the dot groups thousands in Indonesian
    "2,5"            2.5        the comma is the decimal mark
    "1.234.567,89"   1234567.89
    "1,300"          1300       only with english_thousands=True (the caller decides from context:
                                a comma followed by exactly three digits, then a counted noun or
                                nothing); otherwise 1.3
    "1,234,567"      1234567    two or more comma groups can only be English thousands
    "2.5", "14.30"   2.5, 14.3  one dot not followed by exactly three digits: an English decimal
                                point (the caller rules out clock times first)
    "1.2.3"          error      version numbers and codes are not numbers
    "enam"           6          number words: "sebelas" 11, "dua belas" 12, "dua puluh" 20,
    "dua ratus lima puluh"  250 "seratus" 100, "seribu" 1000, "dua juta tiga ratus ribu" 2300000
    "setengah"       0.5        fractions: "sepertiga" 1/3, "seperempat" 1/4, "dua pertiga" 2/3,
    "satu setengah"  1.5        "setengah juta" 500000
    "satu koma lima" 1.5        decimals: "koma" is the decimal mark, the digits after it are
    "dua koma tujuh lima" 2.75  read one word each ("nol koma nol lima" 0.05) or as one number
                                below a hundred ("tiga koma dua puluh lima" 3.25); a scale word
                                may follow ("satu koma lima juta" 1500000)
    "juta"           1e6        scale words: ribu, juta, miliar/milyar, triliun; the abbreviations
                                "rb", "jt" always, and "M", "T", "K" only after a currency
                                (`scale_factor(w, currency=True)`: "Rp 5 M", but not "2025 M")
    "ratusan ribu"   1e5..9.99e5  vague amounts give a range: puluhan 10–99, belasan 11–19,
                                ratusan 100–999, ribuan 1000–9999, jutaan 1e6–9.99e6

Arithmetic is exact (`fractions.Fraction`) until the final float, so "95,2 juta" is
95200000.0 and not 95200000.00000001.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

__all__ = [
    "CURRENCY_SCALE_ABBREVIATIONS",
    "LEADING_NUMBER_WORDS",
    "NUMBER_WORDS",
    "SCALE_ABBREVIATIONS",
    "SCALE_WORDS",
    "UNITS",
    "VAGUE_AMOUNTS",
    "has_ambiguous_comma",
    "longest_number_words",
    "number_words_fraction",
    "numeral_digits",
    "numeral_fraction",
    "parse_number_words",
    "parse_numeral",
    "scale_factor",
    "vague_range",
]

_THOUSANDS_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")


def has_ambiguous_comma(numeral: str) -> bool:
    """True for "1,300": one comma, exactly three digits after it, no dot.

    Indonesian reads it as 1.3, English as 1300; only the words after it can tell
    (the conventions: English when a counted noun or nothing follows)."""
    if numeral.count(",") != 1 or "." in numeral:
        return False
    head, tail = numeral.split(",")
    return 1 <= len(head) <= 3 and len(tail) == 3


def _integer_part(part: str, sep: str) -> int:
    """An integer written with `sep` as thousands separator ('1.234.567' with '.')."""
    if sep not in part:
        if not _DIGITS.fullmatch(part):
            raise ValueError(f"not a numeral: {part!r}")
        return int(part)
    if not _THOUSANDS_GROUPS.fullmatch(part) or (sep == "." and "," in part):
        raise ValueError(f"badly grouped thousands: {part!r}")
    return int(part.replace(sep, ""))


def _with_decimals(integer: str, decimals: str, thousands_sep: str) -> tuple[int, int]:
    if not _DIGITS.fullmatch(decimals):
        raise ValueError(f"not a decimal part: {decimals!r}")
    whole = _integer_part(integer, thousands_sep)
    return whole * 10 ** len(decimals) + int(decimals), len(decimals)


def numeral_digits(numeral: str, *, english_thousands: bool = False) -> tuple[int, int]:
    """A digit numeral as (digits, decimal places): "1.234,56" → (123456, 2), "1.300" →
    (1300, 0). The value is digits / 10**places; see `parse_numeral` for the reading rules.

    Integers keep the arithmetic exact and cheap: "95,2 juta" is 952 * 10**6 / 10."""
    if not numeral or not numeral[0].isascii() or not numeral[0].isdigit():
        raise ValueError(f"not a numeral: {numeral!r}")
    dots, commas = numeral.count("."), numeral.count(",")
    if dots and commas:
        # Both marks: the last one is the decimal mark, the other groups thousands
        # ("1.234,5" Indonesian, "1,234.5" English).
        decimal_mark = "," if numeral.rfind(",") > numeral.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        integer, _, decimals = numeral.rpartition(decimal_mark)
        if decimal_mark in integer:
            raise ValueError(f"two decimal marks: {numeral!r}")
        return _with_decimals(integer, decimals, thousands)
    if commas > 1:
        return _integer_part(numeral, ","), 0
    if commas == 1:
        if english_thousands and has_ambiguous_comma(numeral):
            return _integer_part(numeral, ","), 0
        integer, _, decimals = numeral.partition(",")
        return _with_decimals(integer, decimals, ".")
    if dots > 1:
        return _integer_part(numeral, "."), 0
    if dots == 1:
        integer, _, decimals = numeral.partition(".")
        if len(decimals) == 3 and len(integer) <= 3:
            # Indonesian thousands: "1.300" is one thousand three hundred, never 1.3.
            return _integer_part(numeral, "."), 0
        # "2.5": an English decimal point, common enough in wire copy to read as such.
        return _with_decimals(integer, decimals, ",")
    return _integer_part(numeral, "."), 0


def numeral_fraction(numeral: str, *, english_thousands: bool = False) -> Fraction:
    """The exact value of a digit numeral; see `parse_numeral` for the reading rules."""
    digits, places = numeral_digits(numeral, english_thousands=english_thousands)
    return Fraction(digits, 10**places)


def parse_numeral(numeral: str, *, english_thousands: bool = False) -> float:
    """Value of a digit numeral with Indonesian separators: "1.300" 1300, "2,5" 2.5.

    `english_thousands` makes "1,300" (one comma, exactly three digits after it) read as
    1300; without it that is 1.3. Raises ValueError for anything that is not one
    well-formed numeral ("1.2.3", "12.34.567", "", "1,2.3,4").
    """
    return float(numeral_fraction(numeral, english_thousands=english_thousands))


# --- number words ---------------------------------------------------------------------------

UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
SCALE_WORDS = {
    "ribu": 10**3,
    "juta": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "triliun": 10**12,
}
"""Scale words that multiply the number before them ("1,5 triliun")."""

SCALE_ABBREVIATIONS = {"rb": 10**3, "jt": 10**6}
# Only after a currency: "Rp 5 M" is five billion rupiah, but "1446 H/2025 M" is a year and
# "5G" a network.
CURRENCY_SCALE_ABBREVIATIONS = {"K": 10**3, "k": 10**3, "M": 10**9, "T": 10**12}

# "sepuluh" is one ten, "seratus" one hundred: the prefix se- means "one".
_SE_WORDS = {
    "sepuluh": (10, 10),
    "sebelas": (11, 10),
    "seratus": (100, 100),
}
_SE_SCALES = {"seribu": 10**3, "sejuta": 10**6, "semiliar": 10**9, "semilyar": 10**9}
# Denominators of "sepertiga", "dua pertiga", "seperseratus": the units from two up, and 10, 100.
_DENOMINATORS = {
    **{word: n for word, n in UNITS.items() if n >= 2},
    "sepuluh": 10,
    "seratus": 100,
}
_FRACTIONS = {"se" + "per" + d: Fraction(1, n) for d, n in _DENOMINATORS.items()}
_FRACTIONS["setengah"] = Fraction(1, 2)
_PER_WORDS = {"per" + d: n for d, n in _DENOMINATORS.items()}  # "dua pertiga" = 2/3

LEADING_NUMBER_WORDS: frozenset[str] = frozenset([*UNITS, *_SE_WORDS, *_SE_SCALES, *_FRACTIONS])
"""Number words that can start a number ("dua", "seratus", "setengah"; not "ribu" or "puluh")."""

NUMBER_WORDS: frozenset[str] = frozenset(
    [
        *UNITS,
        *_SE_WORDS,
        *_SE_SCALES,
        *_FRACTIONS,
        *_PER_WORDS,
        *SCALE_WORDS,
        "belas",
        "puluh",
        "ratus",
        "koma",
    ]
)
"""Every word `parse_number_words` understands (lower case)."""

_DECIMAL_MARK = "koma"
_TENS_WORDS = frozenset(["belas", "puluh"])

VAGUE_AMOUNTS: dict[str, tuple[int, int]] = {
    "belasan": (11, 19),
    "puluhan": (10, 99),
    "ratusan": (100, 999),
    "ribuan": (1_000, 9_999),
    "jutaan": (1_000_000, 9_990_000),
    "miliaran": (10**9, 9_990_000_000),
    "milyaran": (10**9, 9_990_000_000),
    "triliunan": (10**12, 9_990_000_000_000),
}
"""Vague amounts and the ranges the conventions give them ("jutaan" 1e6–9.99e6)."""


class _Reader:
    """State while reading number words left to right.

    A number is groups below one thousand, each closed by a scale word, scales strictly
    decreasing ("dua juta tiga ratus ribu lima"). Inside a group the parts come in
    decreasing order: hundreds ("dua ratus", "seratus"), tens or teens ("lima puluh",
    "sepuluh", "sebelas", "dua belas"), units ("lima"). A fraction ("setengah",
    "sepertiga", "dua pertiga") ends a group; only a scale word may follow it.
    """

    def __init__(self) -> None:
        self.total = Fraction(0)
        self.group = Fraction(0)
        self.started = False  # anything read in the current group
        self.level = 1000  # order of the last part read in the group; 1000 = none yet
        self.level_before_unit = 1000
        self.unit_value: int | None = None  # the unit word 'belas/puluh/ratus/per..' applies to
        self.closed = False  # a fraction or "nol" was read: only a scale word may follow
        self.last_scale = 10**15
        self.read_any = False

    def unit(self, n: int) -> bool:
        if self.closed or self.level <= 1:
            return False
        if n == 0 and (self.started or self.read_any):
            return False  # "nol" is a number on its own, never a part
        self.level_before_unit = self.level
        self.unit_value = n
        self.group += n
        self.level = 1
        self.started = True
        self.closed = n == 0
        return True

    def multiply(self, word: str) -> bool:
        """Apply 'belas' (10 + unit), 'puluh' (unit times 10), 'ratus' (times 100) to the unit."""
        n = self.unit_value
        new_level = 100 if word == "ratus" else 10
        if n is None or n == 0 or self.level != 1 or self.level_before_unit <= new_level:
            return False
        part = {"belas": 10 + n, "puluh": 10 * n, "ratus": 100 * n}[word]
        self.group += part - n
        self.level = new_level
        self.unit_value = None
        return True

    def se_word(self, value: int, level: int) -> bool:
        """'sepuluh', 'sebelas' (level 10) and 'seratus' (level 100)."""
        if self.closed or self.level <= level:
            return False
        self.group += value
        self.level = level
        self.unit_value = None
        self.started = True
        return True

    def scale(self, factor: int, *, one: bool = False) -> bool:
        """'ribu', 'juta', ... after a group; 'seribu', 'sejuta' stand for 'satu ribu' ..."""
        if factor >= self.last_scale or self.started == one:
            return False
        self.total += (Fraction(1) if one else self.group) * factor
        self.group = Fraction(0)
        self.started = self.closed = False
        self.level = 1000
        self.unit_value = None
        self.last_scale = factor
        return True

    def fraction(self, value: Fraction) -> bool:
        """'setengah' alone (0.5), after a unit ('satu setengah' 1.5); 'sepertiga' alone."""
        if self.closed:
            return False
        after_unit = self.level == 1 and value == Fraction(1, 2) and bool(self.unit_value)
        if self.started and not after_unit:
            return False
        self.group += value
        self.started = self.closed = True
        self.unit_value = None
        return True

    def per(self, denominator: int) -> bool:
        """'dua pertiga' = 2/3: divides the unit just read, when it is the whole group."""
        n = self.unit_value
        if self.closed or not n or self.level != 1 or self.group != n:
            return False
        self.group = Fraction(n, denominator)
        self.closed = True
        self.unit_value = None
        return True

    def read(self, word: str) -> bool:
        ok = self._read(word)
        self.read_any = self.read_any or ok
        return ok

    def _read(self, word: str) -> bool:
        if word in UNITS:
            return self.unit(UNITS[word])
        if word in ("belas", "puluh", "ratus"):
            return self.multiply(word)
        if word in _SE_WORDS:
            value, level = _SE_WORDS[word]
            return self.se_word(value, level)
        if word in SCALE_WORDS:
            return self.scale(SCALE_WORDS[word])
        if word in _SE_SCALES:
            return self.scale(_SE_SCALES[word], one=True)
        if word in _FRACTIONS:
            return self.fraction(_FRACTIONS[word])
        if word in _PER_WORDS:
            return self.per(_PER_WORDS[word])
        return False

    def value(self) -> Fraction | None:
        return self.total + self.group if self.read_any else None


def _decimal_digits(words: Sequence[str]) -> tuple[int, str] | None:
    """The digits written after "koma": (word count, digits), or None if none follow.

    Spoken Indonesian reads them one word each ("koma tujuh lima" .75, "koma nol lima" .05)
    or, for two digits, as one number ("koma dua puluh lima" .25, "koma sebelas" .11)."""
    lowered = [w.lower() for w in words[:3]]
    if not lowered:
        return None
    first = lowered[0]
    compound = first in ("sepuluh", "sebelas") or (
        first in UNITS and len(lowered) > 1 and lowered[1] in _TENS_WORDS
    )
    if compound:
        reader = _Reader()
        read: tuple[int, Fraction] | None = None
        for i, word in enumerate(lowered):
            if word in SCALE_WORDS or word == "ratus" or not reader.read(word):
                break
            value = reader.value()
            if value is not None:
                read = (i + 1, value)
        if read is None or read[1] >= 100 or read[1].denominator != 1:
            return None
        return read[0], str(read[1].numerator)
    digits = ""
    for word in words:
        lowered_word = word.lower()
        if lowered_word not in UNITS:
            break
        digits += str(UNITS[lowered_word])
    return (len(digits), digits) if digits else None


def _with_decimal_words(
    words: Sequence[str], integer: Fraction, count: int
) -> tuple[int, Fraction] | None:
    """`integer` "koma" digits [scale word]: the reading of `words[count:]` that starts with
    "koma", as (word count from the start, value), or None if no digits follow it."""
    found = _decimal_digits(words[count + 1 :])
    if found is None:
        return None
    n, digits = found
    value = integer + Fraction(int(digits), 10 ** len(digits))
    end = count + 1 + n
    if end < len(words) and words[end].lower() in SCALE_WORDS:
        return end + 1, value * SCALE_WORDS[words[end].lower()]
    return end, value


def longest_number_words(words: Sequence[str]) -> tuple[int, Fraction] | None:
    """The longest leading run of `words` that reads as one number: (word count, value).

    "dua tiga" is not one number, so `["dua", "tiga"]` gives (1, 2); `["ribu"]` gives
    None (a scale word needs a number before it). "koma" after a whole number below a
    thousand starts its decimals: `["satu", "koma", "lima", "persen"]` gives (3, 3/2).
    """
    reader = _Reader()
    best: tuple[int, Fraction] | None = None
    for i, word in enumerate(words):
        lowered = word.lower()
        if lowered == _DECIMAL_MARK:
            # Decimals only after a plain whole number read to here ("dua puluh koma lima");
            # "dua juta koma ..." or "setengah koma ..." is not how anyone writes a number.
            whole = best is not None and best[0] == i and best[1].denominator == 1
            if best is not None and whole and reader.last_scale > 10**12 and best[1] < 1000:
                return _with_decimal_words(words, best[1], i) or best
            break
        if not reader.read(lowered):
            break
        value = reader.value()
        if value is not None:
            best = (i + 1, value)
    return best


def number_words_fraction(words: Sequence[str]) -> Fraction | None:
    """Exact value of a whole sequence of number words, or None if it is not one number."""
    found = longest_number_words(words)
    if found is None or found[0] != len(words):
        return None
    return found[1]


def parse_number_words(words: str | Sequence[str]) -> float | None:
    """Value of Indonesian number words: "dua ratus lima puluh" 250, "satu setengah" 1.5.

    Accepts a string (split on whitespace) or a word list; case does not matter.
    Returns None unless the words, all of them, make one number ("dua tiga", "ribu",
    "puluh dua" are None).
    """
    seq = words.split() if isinstance(words, str) else words
    if not seq:
        return None
    value = number_words_fraction(seq)
    return None if value is None else float(value)


def scale_factor(word: str, *, currency: bool = False) -> int | None:
    """Factor of a scale word: "juta" 1e6, "Miliar" 1e9, "rb" 1e3; "M"/"T"/"K" only with currency.

    None when `word` is not a scale word in this context."""
    lowered = word.lower()
    if lowered in SCALE_WORDS:
        return SCALE_WORDS[lowered]
    if lowered in SCALE_ABBREVIATIONS:
        return SCALE_ABBREVIATIONS[lowered]
    if currency and word in CURRENCY_SCALE_ABBREVIATIONS:
        return CURRENCY_SCALE_ABBREVIATIONS[word]
    return None


def vague_range(word: str, scale: str | None = None) -> tuple[float, float] | None:
    """Range of a vague amount: "puluhan" (10, 99); with a scale word, "ratusan", "ribu"
    → (1e5, 9.99e5). None when `word` is not a vague amount or `scale` not a scale word."""
    bounds = VAGUE_AMOUNTS.get(word.lower())
    if bounds is None:
        return None
    factor = 1
    if scale is not None:
        found = scale_factor(scale)
        if found is None:
            return None
        factor = found
    return float(bounds[0] * factor), float(bounds[1] * factor)
