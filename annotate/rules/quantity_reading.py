"""Reading a candidate match of the quantity regex: span, number tokens, value, unit. Pure.

    "Rp 1,5 triliun"     -> value 1.5e12, unit IDR
    "2-3 miliar USD"     -> low 2e9, high 3e9, unit USD     a range; a scale word serves both
    "dua tiga hari"      -> "dua", 2                        number words cut to one number
    "puluhan"            -> low 10, high 99                 a vague amount
    "5 persen hingga 2025" -> "5 persen"                    sides that disagree: no range

What a reading finds depends only on the match; the text around it is judged later
(`quantity_exclusions`), and so are the signs and qualifiers (`quantity_context`).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from annotate.rules.numbers import (
    has_ambiguous_comma,
    longest_number_words,
    numeral_digits,
    scale_factor,
    vague_range,
)
from annotate.rules.quantity_patterns import TIMES_SIGNS
from annotate.rules.quantity_words import (
    CURRENCIES,
    UNIT_BEFORE,
    UNIT_WORDS,
    UNIT_WRITTEN,
)

_TIMES_SIGN = re.compile(rf"\s*[{TIMES_SIGNS}]\s*")
_WORDS = re.compile(r"\S+")


def is_year(token: str) -> bool:
    """A year as the news writes one: four digits from 1900 to 2100 ("2024")."""
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


@lru_cache(maxsize=1024)
def unit_of(written: str | None) -> str | None:
    """The normalised unit of a unit as written ("Persen" → "%"); cached, the units are few."""
    if written is None:
        return None
    collapsed = " ".join(written.split())
    return UNIT_WRITTEN.get(collapsed) or UNIT_WORDS.get(collapsed.lower())


def _number_value(token: str, *, english: bool, factor: int = 1) -> float | None:
    """Value of a number token (digits or words) times `factor`; None if the token is not
    one well-formed number. Exact until the one rounding to float."""
    if token.isdigit():
        return float(int(token) * factor) if len(token) <= 24 else None
    if "x" in token or "X" in token or "\u00d7" in token:  # "1x24": "2x24 jam" is 48 hours
        product = 1
        for part in _TIMES_SIGN.split(token):
            product *= int(part)
        return float(product * factor)
    if token[0].isdigit():
        if len(token) > 24:  # longer than any amount in the news; also keeps floats finite
            return None
        try:
            digits, places = numeral_digits(token, english_thousands=english)
        except ValueError:
            return None
        divisor: int = 10**places
        return digits * factor / divisor  # int / int: correctly rounded
    found = _spelled_prefix(token)
    if found is None or found[0] != len(token):
        return None
    value = found[1]  # int / int is correctly rounded, as float(Fraction) is, and cheaper
    return value.numerator * factor / value.denominator


@lru_cache(maxsize=4096)
def _spelled_prefix(words: str) -> tuple[int, Fraction] | None:
    """(length, value) of the longest leading run of number words in `words` that reads as
    one number ("dua tiga" → length of "dua", 2), or None.

    Cached: news repeats a small set of spelled numbers ("dua", "tiga puluh", "setengah"),
    and reading one word by word is the slow part of a spelled candidate."""
    spans = [w.end() for w in _WORDS.finditer(words)]
    found = longest_number_words(words.split())
    return None if found is None else (spans[found[0] - 1], found[1])


def _words_prefix_end(text: str, start: int, end: int) -> int | None:
    """End of the longest run of number words from `start` that reads as one number."""
    found = _spelled_prefix(text[start:end])
    return None if found is None else start + found[0]


class Reading(NamedTuple):
    """A candidate match read on its own: span, number tokens (offsets and text), value."""

    start: int
    end: int
    numbers: tuple[tuple[int, int], ...]
    tokens: tuple[str, ...]
    bare: bool
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    vague: bool
    signed: bool  # one numeral without a currency: a minus sign right before it belongs to it


def _reading(
    m: re.Match[str],
    start: int,
    end: int,
    numbers: tuple[tuple[int, int], ...],
    *,
    bare: bool,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
    vague: bool = False,
    signed: bool = False,
) -> Reading:
    """A `Reading` of `m`, the number tokens' text taken from it."""
    text = m.string
    return Reading(
        start,
        end,
        numbers,
        tuple([text[s:e] for s, e in numbers]),
        bare,
        value,
        low,
        high,
        unit,
        vague,
        signed,
    )


def _read_single(m: re.Match[str], *, cut: bool) -> Reading | None:
    """The first side of a match alone: currency, number, scale word, unit.

    `cut` keeps the unit after a range out ("5 persen" of "5 persen hingga 2025")."""
    a_start, a_end = m.span("a")
    cur = m.group("cur")
    currency_unit = UNIT_BEFORE[cur] if cur else None
    unit_group = "aunit" if cut or m.group("aunit") is not None else "unit"
    unit_text = m.group(unit_group)
    if currency_unit is not None and unit_of(unit_text) != currency_unit:
        unit_text = None  # "Rp 5 miliar tahun lalu": the money is measured already
    unit = currency_unit or unit_of(unit_text)
    has_currency = unit in CURRENCIES
    end, factor = a_end, 1
    scale = m.group("ascale")
    if scale is not None:
        found = scale_factor(scale, currency=has_currency)
        if found is None:
            # "2025 M" is a year, not 2025 billion: the abbreviation and anything after it
            # stay outside.
            unit, unit_text = currency_unit, None
        else:
            factor, end = found, m.end("ascale")
    if unit_text is not None:
        end = m.end(unit_group)
    token = m.string[a_start:a_end]
    # "1,300" is English thousands before a counted noun or nothing, and before or after a
    # currency with no scale word: money has no three decimals ("US$1,500", "Rp 5,000").
    english = (
        (unit is None or has_currency)
        and factor == 1
        and "," in token
        and has_ambiguous_comma(token)
    )
    value = _number_value(token, english=english, factor=factor)
    if value is None:
        return None
    return _reading(
        m,
        m.start("cur") if cur else a_start,
        end,
        ((a_start, a_end),),
        bare=factor == 1 and unit is None,
        value=value,
        unit=unit,
        signed=not cur and token[0].isdigit(),  # "tumbuh -0,5 persen"
    )


def _read_words_prefix(m: re.Match[str], words_end: int) -> Reading | None:
    """Number words cut short ("dua" of "dua tiga hari"): a bare count."""
    a_start = m.start("a")
    value = _number_value(m.string[a_start:words_end], english=False)
    if value is None:
        return None
    return _reading(m, a_start, words_end, ((a_start, words_end),), bare=True, value=value)


def _read_vague(m: re.Match[str]) -> Reading:
    """ "puluhan", "ratusan ribu", "ribuan ton": a range, approximate."""
    v_start, v_end = m.span("vague")
    cur = m.group("cur")
    currency_unit = UNIT_BEFORE[cur] if cur else None
    unit_text = m.group("unit") if currency_unit is None else None
    unit = currency_unit or unit_of(unit_text)
    low, high = vague_range(m.string[v_start:v_end], m.group("vscale")) or (None, None)
    return _reading(
        m,
        m.start("cur") if cur else v_start,
        max(v_end, m.end("vscale"), m.end("unit") if unit_text else -1),
        ((v_start, v_end),),
        bare=False,
        low=low,
        high=high,
        unit=unit,
        vague=True,
    )


def _after_antara(text: str, i: int) -> bool:
    """True if "antara" ends the text just before `i` ("antara 10 dan 15 persen")."""
    return text[max(0, i - 8) : i].rstrip().lower().endswith("antara")


def _range_is_cut(m: re.Match[str]) -> bool:
    """True if the two numbers around the separator do not make one range."""
    sep = " ".join(m.group("sep").split()).lower()
    if sep == "dan" and not _after_antara(m.string, m.start()):
        return True  # "antara 10 dan 15 persen" is a range; "Pasal 2 dan 4" is not
    a_unit, b_unit = unit_of(m.group("aunit")), unit_of(m.group("unit"))
    if a_unit is not None and a_unit != b_unit:
        return True  # "5 persen hingga 2025", "2 tahun - 3 persen"
    cur, cur2 = m.group("cur"), m.group("cur2")
    if cur2 is not None and (cur is None or UNIT_BEFORE[cur] != UNIT_BEFORE[cur2]):
        return True
    a, b = m.group("a"), m.group("b")
    return is_year(b) and not is_year(a) and a_unit is None and b_unit is None


def _read_range(m: re.Match[str]) -> Reading | None:
    """A range "2-3 miliar USD", "10 hingga 15 persen", "15%-18%", "2,5 plus minus 1 persen"."""
    text = m.string
    (a_start, a_end), (b_start, b_end) = m.span("a"), m.span("b")
    cur = m.group("cur")
    currency_unit = UNIT_BEFORE[cur] if cur else None
    unit_text = m.group("unit")
    if currency_unit is not None and unit_of(unit_text) != currency_unit:
        unit_text = None
    unit = currency_unit or unit_of(unit_text)
    has_currency = unit in CURRENCIES
    a_scale_text, b_scale_text = m.group("ascale"), m.group("bscale")
    a_scale = scale_factor(a_scale_text, currency=has_currency) if a_scale_text else None
    b_scale = scale_factor(b_scale_text, currency=has_currency) if b_scale_text else None
    if a_scale_text and a_scale is None:
        return None  # "5 M-10 M" without a currency: not a reading we trust
    end = b_end
    if b_scale_text:
        if b_scale is None:
            unit = currency_unit  # the unusable abbreviation and what follows stay outside
        else:
            end = m.end("bscale")
    if unit_text and (not b_scale_text or b_scale is not None):
        end = m.end("unit")
    a_factor = a_scale or b_scale or 1  # "1,7-1,8 juta": the scale word serves both numbers
    b_factor = b_scale or 1
    a_token, b_token = text[a_start:a_end], text[b_start:b_end]
    english = (unit is None or has_currency) and a_scale is None and b_scale is None
    a_value = _number_value(
        a_token, english=english and has_ambiguous_comma(a_token), factor=a_factor
    )
    b_value = _number_value(
        b_token, english=english and has_ambiguous_comma(b_token), factor=b_factor
    )
    if a_value is None or b_value is None:
        return None
    if " ".join(m.group("sep").split()).lower() in ("plus minus", "±", "+/-"):
        low, high = a_value - b_value, a_value + b_value  # "2,5 plus minus 1 persen"
    else:
        low, high = a_value, b_value
    return _reading(
        m,
        m.start("cur") if cur else a_start,
        end,
        ((a_start, a_end), (b_start, b_end)),
        bare=a_factor == 1 and b_factor == 1 and unit is None,
        low=low,
        high=high,
        unit=unit,
    )


def read_match(m: re.Match[str]) -> tuple[Reading | None, int]:
    """Read a candidate match: (reading or None, where the scan resumes).

    Number words that do not all make one number are cut to the longest run that does
    ("dua tiga hari" → "dua"), and a range whose sides do not agree is cut to its first side;
    the scan resumes right after what was kept."""
    text = m.string
    if m.group("vague") is not None:
        return _read_vague(m), m.end()
    a_start, a_end = m.span("a")
    if not text[a_start].isdigit():
        words_end = _words_prefix_end(text, a_start, a_end)
        if words_end is None:
            return None, a_end
        if words_end != a_end:
            return _read_words_prefix(m, words_end), words_end
    reading: Reading | None
    if m.group("b") is None:
        reading = _read_single(m, cut=False)
        return reading, (reading.end if reading else a_end)
    b_start, b_end = m.span("b")
    b_whole = text[b_start].isdigit() or _words_prefix_end(text, b_start, b_end) == b_end
    if not b_whole or _range_is_cut(m):
        reading = _read_single(m, cut=True)
        return reading, (reading.end if reading else a_end)
    reading = _read_range(m)
    if reading is not None and m.group("aunit") and not ascending(reading.low, reading.high):
        # "50,1%-49,9%": two results side by side, not a range; keep the first here.
        reading = _read_single(m, cut=True)
        return reading, (reading.end if reading else a_end)
    return reading, (reading.end if reading else b_end)


def ascending(low: float | None, high: float | None) -> bool:
    """A range goes up: "2-3" is one, "2-1" (a score) and "1500-567" (a code) are not; a
    single number (no `low` and `high`) passes."""
    return low is None or high is None or low < high
