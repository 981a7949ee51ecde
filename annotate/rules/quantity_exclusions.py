"""Why a candidate quantity is not one: dates, times, codes, names, idioms. Pure.

Each check is a small function named for what it finds ("15 Januari 2024" is a date,
"Pasal 2" a legal reference, "G20" a number glued to a word, "salah satu" an idiom);
`rejection` runs them in order and returns the first that holds, and
`skip_after_exclusion` says where the scan resumes after a rejected candidate (past
"/PUU-XXII/2024", "dan 4", a phone number's other digit groups). See the module
docstring of `annotate.rules.quantity` for the full list of what is not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from annotate.rules.months import HIJRI_MONTHS, MONTH_NUMBERS
from annotate.rules.quantity_context import Candidate, after_opening, opens_sentence, qualifier
from annotate.rules.quantity_patterns import DASHES, SP, SP1, SPELLED_NUMBER, alternation
from annotate.rules.quantity_reading import is_year
from annotate.rules.quantity_words import (
    LEGAL_CONNECTORS,
    LEGAL_KEYWORDS,
    NOT_NAME_WORDS,
    PHONE_WORDS,
    POSITION_WORDS,
    SCORE_WORDS,
)

# Month names as written in a date ("15 Januari", "Mei 2023", "1 Syawal 1445 H").
_MONTHS = [name.capitalize() for name in MONTH_NUMBERS] + list(HIJRI_MONTHS)
_MONTH_AFTER = re.compile(rf"{SP1}(?:{alternation(_MONTHS)})(?!\w)")
_ERA_AFTER = re.compile(rf"{SP1}(?:H|M|SM|Hijriah|Hijriyah|Masehi)(?!\w)")
_TIME_NUMERAL = re.compile(r"(?:[01]?[0-9]|2[0-4])[.:][0-5][0-9]")
_TIME_ZONE_AFTER = re.compile(rf"{SP1}(?:WIB|WITA|WIT|GMT|UTC|waktu{SP1}setempat)(?!\w)")
_AREA_CODE = re.compile(r"\(0[0-9]{1,4}\)")
_PHONE_GROUP = re.compile(r"(?:\+|0)[0-9]{2,}")  # "+62", "0812" before another digit group
_PHONE_TAIL = re.compile(r"(?:[ \t\u00a0-]?[0-9]{2,})*")  # the rest: " 3456 7890"
_LEGAL_CHAIN = re.compile(
    rf"[A-Za-z]?\)?(?:(?:{SP}(?:{LEGAL_CONNECTORS}))+{SP}\(?[0-9]+[A-Za-z]?\)?)+"
)
_CONTINUATION = re.compile(rf"(?:[{DASHES}/.:=][0-9A-Za-z]+)*")
_RATIO_AFTER = re.compile(rf"{SP1}banding{SP1}(?:[0-9]|{SPELLED_NUMBER})")
_COORDINATE_AFTER = re.compile(rf"{SP}°?{SP}(?:LS|LU|BT|BB)(?!\w)")

_MONTH_NAMES = frozenset(_MONTHS)
_LEGAL_WORDS = frozenset(LEGAL_KEYWORDS)
_DAY_WORDS = frozenset(["tanggal", "Tanggal", "tgl", "tgl.", "Tgl", "Tgl."])
_YEAR_WORDS = frozenset(["tahun", "Tahun", "TA", "TA."])
_TIME_WORDS = frozenset(["pukul", "pkl", "pkl.", "jam"])
_ORDINAL_PREFIXES = frozenset(f"ke{d}" for d in DASHES)


def _is_handle_or_hashtag(c: Candidate) -> bool:
    """Part of an @handle or a #hashtag: "@user2024", "#2019GantiPresiden"."""
    return c.before.glued.startswith(("@", "#"))


def _is_ordinal(c: Candidate) -> bool:
    """An ordinal or a position: "ke-3", "KTT ASEAN ke-44", "lantai dua", "kelas 6", "abad 21".

    Ordinal words ("kedua", "pertama") never match a number word, and Roman numerals
    ("semester II", "Komisi III") are not numbers here at all. A number with separators
    after a position word is a level, not a position: "ke posisi 7.021,45"."""
    if c.before.glued.lower() in _ORDINAL_PREFIXES:
        return True
    if not c.bare or c.before.glued or c.before.word.lower().rstrip(".") not in POSITION_WORDS:
        return False
    # A position is a plain whole number; "ke posisi 7.021,45" is a level (of an index).
    return not any(mark in c.tokens[0] for mark in ".,")


def _is_glued_to_word(c: Candidate) -> bool:
    """Part of a name or code written as one token: "G20", "Covid-19", "semester I-2024",
    "22E", "5G", "1990-an"; a currency glued to the number ("Rp1.205") is fine."""
    text = c.text
    glued = c.before.glued
    if glued:
        last = glued[-1]
        if last.isalnum() or last in "_@#":
            return True
        if (last in DASHES or last == ".") and len(glued) > 1 and glued[-2].isalnum():
            return True
    after = text[c.end] if c.end < len(text) else " "
    if after.isalnum() or after == "_":
        return not (c.spelled and text.startswith("nya", c.end))
    # "1990-an", "Covid-19-nya"
    return after in DASHES and c.end + 1 < len(text) and text[c.end + 1].isalpha()


def _is_code_or_date_chain(c: Candidate) -> bool:
    """Numbers chained by "/", ":", "=" or a further dash: "(10/1)", "10/1/2024",
    "118/PUU-XXII/2024", "RT 05/RW 02", "2018=100", "60:40", "10:05", "0812-5550-1234",
    "+62 812". A slash before a word in lower case is "per": "Rp 1.000/kg" stays."""
    text = c.text
    first_start, last_end = c.num_start, c.num_end
    before = text[first_start - 1] if first_start else " "
    if before in "/:=":
        return True
    if len(c.numbers) > 1 and any(
        text[end : end + 1] in ("/", ":", "=") for _, end in c.numbers[:-1]
    ):
        return True
    if last_end < len(text):
        after, ahead = text[last_end], text[last_end + 1 : last_end + 2]
        if after in ":=" or (
            after == "/" and ahead.isalnum() and not ahead.islower() and (c.bare or ahead.isdigit())
        ):
            return True  # "RT 05/RW 02"; but "Rp 16.250/USD" is a rate, per dollar
        if after in DASHES and ahead.isdigit():
            return True  # a third group: "0812-5550-1234", "10-1-2024"
    return False


def _is_phone_number(c: Candidate) -> bool:
    """A phone number or an ID: "021-5551234", "(021) 555-0199", "0812-5550-1234",
    bare long digit strings, and a bare number after a phone word ("hubungi 1500-567")."""
    for token in c.tokens:
        if len(token) > 1 and token[0] == "0" and token[1].isdigit():
            return True
        if len(token) >= 7 and token.isdigit() and c.bare:
            return True  # an ID; "Rp 3000000", "3000000 rupiah" are amounts
    if c.bare and c.before.glued == "+":
        return True  # "+62"
    word = c.before.word
    first = word[:1]  # both patterns need one of these first: a cheap test saves the call
    if (first == "(" and _AREA_CODE.fullmatch(word)) or (
        c.bare and first in ("+", "0") and _PHONE_GROUP.fullmatch(word)
    ):
        return True  # "(021) 555-0199", "+62 812 ...", "0812 5550 1234"
    return c.bare and word.lower().rstrip(".:") in PHONE_WORDS


def _is_date(c: Candidate) -> bool:
    """A date or a year: "15 Januari", "17-18 Agustus", "Mei 2023", "tanggal 17",
    "tahun 2024", "2023", "2020-2022", "1446 H", "2025 M"."""
    if _MONTH_AFTER.match(c.text, c.num_end):
        return True
    if not c.bare:
        return False
    word = c.before.word if not c.before.glued else ""
    if word in _MONTH_NAMES:
        return True
    tokens = c.tokens
    if word in _DAY_WORDS and all(t.isdigit() for t in tokens):
        return True
    if word in _YEAR_WORDS and all(t.isdigit() and len(t) >= 3 for t in tokens):
        return True  # "tahun 2024", "tahun 1446 Hijriah"; not "68 tahun 2 bulan"
    if all(map(is_year, tokens)):
        return True
    return _ERA_AFTER.match(c.text, c.end) is not None


def _is_clock_time(c: Candidate) -> bool:
    """A clock time: "14.30 WIB", "pukul 11.00", "06.30 hingga 08.00 WIB", "jam 8"."""
    if not c.bare:
        return False
    for t in c.tokens:
        if ("." in t or ":" in t) and _TIME_NUMERAL.fullmatch(t):
            return True  # HH.MM: Indonesian thousands always have three digits after the dot
    if not c.before.glued and c.before.word.lower() in _TIME_WORDS:
        return True
    return _TIME_ZONE_AFTER.match(c.text, c.end) is not None


def _is_legal_reference(c: Candidate) -> bool:
    """A law, article or case number: "Pasal 2", "ayat (1)", "Nomor 7 Tahun 2017",
    "UU 12/2011", "UUD 1945", "No. 5", "Nomor: 5"."""
    if c.before.glued not in ("", "("):
        return False
    return c.before.word.rstrip(".:") in _LEGAL_WORDS


def _is_in_name(c: Candidate) -> bool:
    """A bare number after a capitalised word inside a sentence is part of a name:
    "Siaga 1", "Jakarta Siaga 112", "RT 05", "iPhone 15", "Pemilu 2024", "Formula 1".
    Not in a title-case headline ("Banjir Rendam 43 RT") or after a sentence-opening word."""
    before = c.before
    if not c.bare or before.glued or not before.word:
        return False
    word = after_opening(before.word)  # "“Sekitar 500", "JAKARTA--Sedikitnya 20"
    if not word[-1].isalnum() or not any(ch.isupper() for ch in word) or word in NOT_NAME_WORDS:
        return False
    words = before.words()
    if opens_sentence("", words[-2] if len(words) > 1 else "", before.line_start):
        return False
    return not c.doc.in_title_case_line(c.start)


def _is_list_marker(c: Candidate) -> bool:
    """The number of an item in a list: "1. Harga beras ..." or "2) Stok ..." at a line start."""
    if not c.bare or c.before.word or c.before.glued not in ("", "(") or not c.before.line_start:
        return False
    after = c.text[c.end : c.end + 2]
    return after[:1] in (".", ")") and after[1:2] in (" ", "") and not c.spelled


def _is_score(c: Candidate) -> bool:
    """A match score: "menang 3-0", "skor 0-3", "imbang 1-1", "berakhir 0-2" (a range goes
    up, and "3-0" is already no range; after these words "0-3" is not one either)."""
    return (
        len(c.numbers) == 2
        and c.bare
        and not c.before.glued
        and c.before.word.lower().rstrip(":") in SCORE_WORDS
    )


def _is_age_after_name(c: Candidate) -> bool:
    """A bare number in parentheses right after a name: "Bu Sumarni (54)", "Darto (47)"."""
    if not c.bare or c.before.glued != "(" or c.text[c.end : c.end + 1] != ")":
        return False
    word = c.before.word
    return bool(word) and word[0].isupper()


def _is_ratio(c: Candidate) -> bool:
    """Either side of a ratio written "60 banding 40" (a proportion, not two amounts)."""
    if c.bare and not c.before.glued and c.before.word.lower() == "banding":
        return True
    # "banding" within the next few characters, or no ratio: a cheap test before the regex
    return "banding" in c.text[c.end : c.end + 12] and _RATIO_AFTER.match(c.text, c.end) is not None


def _is_coordinate(c: Candidate) -> bool:
    """A map coordinate: "2,15 LS", "120.4 BT", "2° LU" (a position, not an amount)."""
    ahead = c.text[c.num_end : c.num_end + 5]
    if "L" not in ahead and "B" not in ahead:
        return False  # every coordinate marker has one: a cheap test before the regex
    return _COORDINATE_AFTER.match(c.text, c.num_end) is not None


def _is_number_word_idiom(c: Candidate) -> bool:
    """Number words that do not count: "salah satu", "satu-satunya", "satu per satu",
    "satu sama lain", "kaki lima", "empat mata", "setengah hati"."""
    if not c.spelled:
        return False
    text = c.text
    first = text[c.num_start : c.num_end].split()[0].lower()
    word = c.before.word.lower()
    after = text[c.end : c.end + 12].lower()
    if first == "satu" and (word == "salah" or after.startswith((" per satu", " sama lain"))):
        return True
    if first == "lima" and word == "kaki":
        return True
    if first == "empat" and after.startswith(" mata"):
        return True
    if first == "setengah" and after.startswith((" hati", " mati")):
        return True
    return after[:1] in DASHES and after[1:2].isalpha()  # "satu-satunya", "dua-duanya"


# Nouns after which "satu" counts ("satu orang tewas", "satu ekor", "satu dari tiga"):
# classifiers of counted things, and "dari" of a part of a whole.
_SATU_COUNTS = frozenset({"orang", "ekor", "buah", "unit", "kali", "jiwa", "dari"})


def _is_indefinite_satu(c: Candidate) -> bool:
    """A bare "satu" before a noun is the article "a", not a count: "satu partai Islamis",
    "dalam satu wawancara", "satu caleg DPR bisa menghabiskan". It counts with a unit
    ("satu tahun", "satu persen": not bare), a qualifier ("lebih dari satu", "sekitar
    satu"), a classifier ("satu orang", "satu ekor"), in "satu dari ..." and with no noun
    after it ("hanya satu."). Only this
    word: "dua partai" counts."""
    if not c.bare or c.tokens not in (("satu",), ("Satu",)):
        return False
    after = c.text[c.end : c.end + 8].split(maxsplit=1)
    if not after or not after[0][0].isalpha() or after[0].lower() in _SATU_COUNTS:
        return False  # "hanya satu." counts: no noun follows
    approximate, bound = qualifier(c.before)
    return not approximate and bound is None


def _is_capitalised_number_word(c: Candidate) -> bool:
    """A capitalised number word inside a sentence names something: "Tiga Serangkai",
    "Satu Data Indonesia", "di Lima" (the city). At a sentence start or in a headline it
    counts ("Tiga tahun itu", "Dua Tahun Banjir")."""
    if not c.spelled or not c.text[c.num_start].isupper():
        return False
    before = c.before
    if opens_sentence(before.glued, before.word, before.line_start):
        return False
    return not c.doc.in_title_case_line(c.start)


EXCLUSIONS = (
    _is_handle_or_hashtag,
    _is_ordinal,
    _is_glued_to_word,
    _is_code_or_date_chain,
    _is_phone_number,
    _is_date,
    _is_clock_time,
    _is_legal_reference,
    _is_in_name,
    _is_list_marker,
    _is_score,
    _is_age_after_name,
    _is_ratio,
    _is_coordinate,
    _is_number_word_idiom,
    _is_indefinite_satu,
    _is_capitalised_number_word,
)
"""Checks run on every candidate, in order; the first that holds rejects it."""


def rejection(c: Candidate) -> Callable[[Candidate], bool] | None:
    """The first check in `EXCLUSIONS` that holds for `c`, or None."""
    for check in EXCLUSIONS:
        if check(c):
            return check
    return None


_FOLLOWERS: dict[object, re.Pattern[str]] = {
    _is_legal_reference: _LEGAL_CHAIN,
    _is_phone_number: _PHONE_TAIL,
}


def skip_after_exclusion(text: str, c: Candidate, reason: object) -> int:
    """Where to resume after a rejected candidate: past the numbers glued to it
    ("/PUU-XXII/2024", "-1234"); for a legal reference past "dan 4", "ayat 1"; for a
    phone number past its other digit groups (" 3456 7890")."""
    pos = c.num_end
    follow = _FOLLOWERS.get(reason)
    more = follow.match(text, pos) if follow is not None else None
    if more is not None:
        pos = more.end()
    glued = _CONTINUATION.match(text, pos)
    return glued.end() if glued else pos
