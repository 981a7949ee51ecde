"""Pre-annotate quantities (QTY) in Indonesian news text. Pure.

Handled, span in [brackets]:

    [Rp 1,5 triliun]               value 1.5e12, unit IDR      currency before the number
    [Rp1.205], [USD 3 juta]        1205 IDR, 3e6 USD
    [US$2,5 miliar]                2.5e9 USD
    [2-3 miliar USD]               low 2e9, high 3e9, USD       currency after the number
    [2,5 miliar dolar AS]          2.5e9 USD; [250 ribu dolar Singapura] 250000 SGD
    [5,2 persen], [12%]            unit %; [15%-18%] one range; [1,42 persen poin] unit pp
    antara [10 hingga 15 persen]   low 10, high 15              "antara" stays outside
    [3.000 hingga 5.000] sampel    the counted noun stays outside
    sekitar [1,300] bisnis         1300, approximate            English thousands before a noun
    [enam] negara, [sebelas], [dua ratus lima puluh], [satu setengah tahun], [tiga kali lipat]
    [puluhan] kasus                low 10, high 99, approximate (vague amounts)
    [ratusan ribu]                 low 1e5, high 9.99e5, approximate
    lebih dari [1.000 MW]          bound gt; setidaknya [enam bulan] ge; maksimal [Rp 500 ribu] le
    [68 tahun], [4,3 hektare], [1,7-1,8 juta ton], [50-60 sentimeter] (unit cm), [33 kilometer]
    [2,5 plus minus 1 persen]      low 1.5, high 3.5
    [satu koma lima persen]        1.5 %; [dua koma tujuh lima] 2.75   decimals in words
    [minus 1.200.000 ton], [-0,5 persen], [+2,5 persen]                the sign is in the span
    [Rp 3000000], [Rp3000000]      3e6 IDR (a bare 7+ digit string is an ID)
    [20€], [10$], [20Rp], [sembilan pound], [5 dolar AS]               currency after the number
    [US$1,500], [Rp 5,000]         1500, 5000: money has no three decimals
    [magnitudo 5,6], [M 6,2], [5,8 SR], [35 poin], [1x24 jam]          24 (2x24 jam: 48)
    [Dua] Orang Tewas, [DUA] ORANG TEWAS, Polisi Tangkap [Tiga] Pelaku  headlines
    usia [65 tahun] ke atas        bound ge; [Rp 5 juta] lebih. gt (not "lebih murah")

Not quantities (each has a named check below):

    15 Januari 2024, (10/1), (18/11/2024), 10/1/2024, Mei 2023, tahun 2024, sejak 2012,
    2023, 2020-2022, RUPTL 2021-2030, 1446 H/2025 M             dates and years
    14.30 WIB, pukul 11.00, 06.30 hingga 08.00 WIB, 10:05         clock times
    Pasal 2 dan 4, ayat (1), Nomor 7 Tahun 2017, Perkara Nomor 118/PUU-XXII/2024, UUD 1945
    ke-3, ke-44, kedua, pertama, semester II/2026, lantai dua     ordinals and positions
    021-5551234, (021) 555-0199, 0812-5550-1234, Jakarta Siaga 112, nomor 1500-567
    G20, Covid-19, semester I-2024, RT 05/RW 02, Siaga 1, 2018=100, iPhone 15, 22E
    Bu Sumarni (54)                a bare age in parentheses after a name
    60 banding 40, 2,15 LS, 120,4 BT                             ratios and map coordinates
    @user2024, #2019GantiPresiden  handles and hashtags
    salah satu, satu-satunya, kaki lima, Tiga Serangkai           idioms and names

One compiled regex finds candidates in a single left-to-right scan (currency, number or
number words, scale word, range, unit); small named checks on the text around each
candidate then reject or trim it, and the qualifier just before (or after) it sets
`approximate` and `bound`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from annotate.rules.numbers import (
    CURRENCY_SCALE_ABBREVIATIONS,
    LEADING_NUMBER_WORDS,
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VAGUE_AMOUNTS,
    has_ambiguous_comma,
    longest_number_words,
    numeral_digits,
    scale_factor,
    vague_range,
)
from annotate.rules.quantity_words import (
    CURRENCIES,
    CURRENCY_AFTER,
    GE,
    GT,
    LE,
    LEGAL_CONNECTORS,
    LEGAL_KEYWORDS,
    LOWERCASE_TITLE_WORDS,
    MONTHS,
    NOT_NAME_WORDS,
    PHONE_WORDS,
    POSITION_WORDS,
    QUALIFIER_ENDS,
    QUALIFIERS,
    SCORE_WORDS,
    UNIT_BEFORE,
    UNIT_SYMBOLS,
    UNIT_WORDS,
    UNIT_WRITTEN,
)
from annotate.rules.regex_trie import trie_pattern
from corpus.records import Quantity, span_id

__all__ = ["annotate_quantities"]

# --- qualifiers after a span -------------------------------------------------------------

# Qualifiers just after a span: "65 tahun ke atas" (ge), "Rp 5 juta lebih" (gt).
_QUALIFIER_AFTER = re.compile(
    r"[^\S\r\n]+(?:(?P<up>ke[^\S\r\n]+atas)|(?P<down>ke[^\S\r\n]+bawah)|(?P<more>lebih))(?!\w)"
)
# After "lebih", these words leave it a bound ("10 tahun lebih di penjara"); any other word
# makes it a comparison ("5 persen lebih tinggi", "Rp 5.000 lebih murah dari").
_AFTER_LEBIH = frozenset(
    ["dan", "yang", "itu", "ini", "di", "sejak", "untuk", "telah", "sudah", "namun", "tetapi"]
)

# --- the candidate regex ---------------------------------------------------------------------

# Horizontal space only: a span never crosses a line. Possessive ("*+"): what follows a space
# in every pattern here starts with a non-space, so giving spaces back can never lead to a
# match, and the engine no longer retries each optional part with one space fewer (the
# candidate regex matches about a sixth faster).
_SP = r"[^\S\r\n]*+"
_SP1 = r"[^\S\r\n]++"
_DASHES = "-‐‑‒–—\u2212"  # hyphen, Unicode hyphens and dashes, minus sign


# What `(?i:x)` matches for a lower-case letter x, spelled out as a class: both cases, and
# for three letters a few more characters (Python's re folds case with the simple lower-case
# mapping and a table of equivalents: the Kelvin sign is a "k", the long s an "s", dotted
# and dotless I are "i"). Explicit classes match the same text, but let the engine skip a
# branch after one look at its first character, which it cannot do under re.IGNORECASE.
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_CASELESS = {c: f"[{c}{c.upper()}{_FOLDS.get(c, '')}]" for c in "abcdefghijklmnopqrstuvwxyz"}


def _alternation(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """Regex alternation of `words` where a longer word is tried before a word it starts with
    ("persen poin" before "persen"), a space in a word matching any horizontal space; with
    `ignore_case` the words (lower-case letters and spaces) match in any case, like `(?i:)`.

    A prefix tree (`trie_pattern`), not a flat list sorted longest first: two words can only
    both match at one place when one starts the other, and the tree tries those in the same
    order, so it matches what the list matches; but the engine looks at each letter once
    instead of trying every word ("m" has some twenty units under it)."""
    words = set(words)

    def char(ch: str) -> str:
        if ch == " ":
            return _SP1
        if ignore_case:
            if ch not in _CASELESS:
                raise ValueError(f"cannot match {ch!r} in any case; lower-case letters only")
            return _CASELESS[ch]
        return re.escape(ch)

    return trie_pattern(words, char)


def _both_cases(words: Iterable[str]) -> set[str]:
    """Each word in lower case, capitalised and in capitals ("dua", "Dua", "DUA"): sentence
    starts and headlines, title case or all capitals."""
    return {form for w in words for form in (w.lower(), w[:1].upper() + w[1:].lower(), w.upper())}


_NUMERAL = r"(?<![0-9])[0-9]+(?:[.,][0-9]+)*"
_WORD_END = r"(?:(?!\w)|(?=nya(?!\w)))"  # "setengahnya": "-nya" stays outside the span
_NUMBER_WORDS = (
    rf"(?<!\w)(?:{trie_pattern(_both_cases(LEADING_NUMBER_WORDS))}){_WORD_END}"
    rf"(?:{_SP1}(?:{trie_pattern(_both_cases(NUMBER_WORDS))}){_WORD_END})*"
)
_VAGUE = rf"(?<!\w)(?:{trie_pattern(_both_cases(VAGUE_AMOUNTS))})(?!\w)"
_SCALE_WORD = rf"(?:{_alternation(SCALE_WORDS, ignore_case=True)})(?!\w)"
_SCALE = (
    rf"{_SCALE_WORD}|(?:{_alternation(SCALE_ABBREVIATIONS, ignore_case=True)})(?!\w)"
    rf"|(?:{_alternation(CURRENCY_SCALE_ABBREVIATIONS)})(?!\w)"
)
_UNIT = (
    rf"(?:{_alternation(UNIT_WORDS, ignore_case=True)}|{_alternation(UNIT_SYMBOLS)})(?!\w)"
    rf"|(?:{_alternation(CURRENCY_AFTER)})(?!\w)(?!{_SP}[0-9])"
)
_CURRENCY = (
    rf"(?<![\w$])(?:{_alternation(set(UNIT_BEFORE) - {'M'})}"
    rf"|(?<![0-9][ ])M(?={_SP}[0-9]{{1,2}}[.,][0-9]{{1,2}}(?![0-9])))"  # not "2025 M" (a year)
)
_SEPARATOR_WORDS = _alternation(
    ["hingga", "sampai", "sampai dengan", "dan", "plus minus"], ignore_case=True
)
_RANGE_SEPARATOR = (
    rf"{_SP}[{_DASHES}]{_SP}"
    rf"|{_SP1}(?:{_SEPARATOR_WORDS}){_SP1}"
    rf"|{_SP1}(?:s\.d\.?|s/d){_SP1}"
    rf"|{_SP}(?:±|\+/-){_SP}"
)
# "1x24 jam", "2 x 24 jam": a multiple of a duration, the way a deadline is written; one
# number (their product). Only before a unit of time: "3x4 meter" is a size, not 12 metres.
_TIMES_SIGNS = "xX\u00d7"  # the letter x and the multiplication sign
_TIME_UNITS = ["jam", "hari", "menit", "detik", "minggu", "pekan", "bulan", "tahun"]
_TIMES = (
    rf"(?<![0-9])[0-9]+{_SP}[{_TIMES_SIGNS}]{_SP}[0-9]+"
    rf"(?={_SP}(?:{_alternation(_TIME_UNITS, ignore_case=True)})(?!\w))"
)
_NUMBER = rf"{_TIMES}|{_NUMERAL}|{_NUMBER_WORDS}"

# Optional parts are written "(?:X|)", not "(?:X)?": the same match (X if it can, else
# nothing), but Python's engine runs "?" on a group through its general repeat machinery,
# and the candidate regex with alternations matches about a fifth faster. (trie_pattern
# does the same.)
_CANDIDATE = re.compile(
    rf"""
    (?:(?P<cur>{_CURRENCY}){_SP}|)
    (?:
        (?P<vague>{_VAGUE})(?:{_SP1}(?P<vscale>{_SCALE_WORD})|)
      |
        (?P<a>{_NUMBER})(?:{_SP}(?P<ascale>{_SCALE})|)(?:{_SP}(?P<aunit>{_UNIT})|)
        (?:
            (?P<sep>{_RANGE_SEPARATOR})
            (?:(?P<cur2>{_CURRENCY}){_SP}|)
            (?P<b>{_NUMBER})(?:{_SP}(?P<bscale>{_SCALE})|)
          |
        )
    )
    (?:{_SP}(?P<unit>{_UNIT})|)
    """,
    re.VERBOSE,
)
"""A whole candidate, matched where `_START` found one may begin."""
_SEP_GROUP = _CANDIDATE.groupindex["sep"] - 1  # its index in `match.groups()`

# "M" opens a candidate only before a number ("M 6,2"): as a bare prefix it would stop the
# scan at every word that starts with one ("Menteri", "Mei").
_OPENERS = (
    trie_pattern(
        _both_cases(LEADING_NUMBER_WORDS) | _both_cases(VAGUE_AMOUNTS) | set(UNIT_BEFORE) - {"M"}
    )
    + rf"|M(?={_SP}[0-9])"
)
_START = re.compile(rf"[0-9]|(?<!\w)(?:{_OPENERS})")
"""Where a candidate may begin: a digit, or a number word or currency at the start of a word.
The one full scan of the text (done by `_Starts`); `_CANDIDATE` then runs only there."""
_DIGIT = re.compile(r"[0-9]")
_OPENER = re.compile(_OPENERS)
_OPENER_AFTER = re.compile(rf"[^0-9A-Za-z_](?:{_OPENERS})")


class _Starts:
    """Finds what `_START.search(text, pos)` finds, for `pos` that never decrease, faster.

    `_START` makes the engine try its look-behind and word list at every character. Here
    a digit is found by one character class, and a word by the character before it: a
    class of everything but ASCII letters, digits and "_" lets the engine skip through
    words, and the rare match after a non-ASCII letter or digit (a word character that
    the class lets through) is dropped after. The next digit and the next word found are
    kept until the scan passes them."""

    __slots__ = ("digit", "end", "text", "word", "word_end")

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = len(text)
        self.digit = self.word = self.word_end = -1

    def next(self, pos: int) -> tuple[int, int]:
        """(start, end) of the first place at or after `pos` where `_START` matches, or
        (len(text), len(text)) if there is none."""
        if self.digit < pos:
            found = _DIGIT.search(self.text, pos)
            self.digit = self.end if found is None else found.start()
        if self.word < pos:
            self.word, self.word_end = self._next_word(pos)
        if self.digit < self.word:
            return self.digit, self.digit + 1
        return self.word, self.word_end

    def _next_word(self, pos: int) -> tuple[int, int]:
        text = self.text
        if pos == 0:
            at_start = _OPENER.match(text)
            if at_start is not None:
                return at_start.span()
        else:
            pos -= 1  # the character before the word
        while (found := _OPENER_AFTER.search(text, pos)) is not None:
            before = text[found.start()]
            if not (before.isalnum() or before == "_"):  # what (?<!\w) says
                return found.start() + 1, found.end()
            pos = found.start() + 1
        return self.end, self.end


_MONTH_AFTER = re.compile(rf"{_SP1}(?:{_alternation(MONTHS)})(?!\w)")
_ERA_AFTER = re.compile(rf"{_SP1}(?:H|M|SM|Hijriah|Hijriyah|Masehi)(?!\w)")
_TIME_NUMERAL = re.compile(r"(?:[01]?[0-9]|2[0-4])[.:][0-5][0-9]")
_TIME_ZONE_AFTER = re.compile(rf"{_SP1}(?:WIB|WITA|WIT|GMT|UTC|waktu{_SP1}setempat)(?!\w)")
_AREA_CODE = re.compile(r"\(0[0-9]{1,4}\)")
_PHONE_GROUP = re.compile(r"(?:\+|0)[0-9]{2,}")  # "+62", "0812" before another digit group
_PHONE_TAIL = re.compile(r"(?:[ \t\u00a0-]?[0-9]{2,})*")  # the rest: " 3456 7890"
_LEGAL_CHAIN = re.compile(
    rf"[A-Za-z]?\)?(?:(?:{_SP}(?:{LEGAL_CONNECTORS}))+{_SP}\(?[0-9]+[A-Za-z]?\)?)+"
)
_CONTINUATION = re.compile(rf"(?:[{_DASHES}/.:=][0-9A-Za-z]+)*")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WORDS = re.compile(r"\S+")
_TIMES_SIGN = re.compile(rf"\s*[{_TIMES_SIGNS}]\s*")
_MINUS_WORD = "minus"
_RATIO_AFTER = re.compile(rf"{_SP1}banding{_SP1}(?:[0-9]|{_NUMBER_WORDS})")
_COORDINATE_AFTER = re.compile(rf"{_SP}°?{_SP}(?:LS|LU|BT|BB)(?!\w)")

_MONTH_NAMES = frozenset(MONTHS)
_LEGAL_WORDS = frozenset(LEGAL_KEYWORDS)
_DAY_WORDS = frozenset(["tanggal", "Tanggal", "tgl", "tgl.", "Tgl", "Tgl."])
_YEAR_WORDS = frozenset(["tahun", "Tahun", "TA", "TA."])
_TIME_WORDS = frozenset(["pukul", "pkl", "pkl.", "jam"])
_ORDINAL_PREFIXES = frozenset(f"ke{d}" for d in _DASHES)
_SENTENCE_END_CHARS = frozenset(".!?…:;")
_OPENING_CHARS = frozenset("\"“”'‘’([{•—–-")
_CONTEXT_WINDOW = 60  # characters looked at before a candidate: enough for three words


# --- candidates and their context ---------------------------------------------------------


@dataclass(slots=True)
class _Doc:
    """The text being annotated, with a per-call cache of title-case lines."""

    text: str
    title_lines: dict[int, bool] = field(default_factory=dict)

    def in_title_case_line(self, i: int) -> bool:
        """True if the line holding `i` is a headline in title case ("Banjir Rendam 43 RT")."""
        start = self.text.rfind("\n", 0, i) + 1
        if start not in self.title_lines:
            end = self.text.find("\n", i)
            line = self.text[start : len(self.text) if end < 0 else end]
            words = [w for w in _TITLE_WORD.findall(line) if w not in LOWERCASE_TITLE_WORDS]
            capitalised = sum(w[0].isupper() for w in words)
            # A headline is short, has no sentence punctuation and capitalises its words.
            self.title_lines[start] = (
                len(line) <= 250
                and not line.rstrip().endswith(".")
                and ". " not in line
                and len(words) >= 3
                and capitalised >= 0.8 * len(words)
            )
        return self.title_lines[start]


class _Before(NamedTuple):
    """What stands before a position on its line.

    `glued` is the part of the token that touches the position ("Rp" of "Rp5" is not
    glued: the currency is inside the span; "ke-" of "ke-3", "(" of "(54)", "Covid-" of
    "Covid-19"); `words()` are the whole tokens before that, nearest last, `word` the last
    of them; `line_start` says whether `words()` reach back to the start of the line."""

    glued: str
    word: str  # the token just before (spaces skipped), or "" if there is none
    line_start: bool
    window: str  # the line before the position, at most `_CONTEXT_WINDOW` characters of it

    def words(self) -> list[str]:
        """The whole tokens before `glued`, nearest last. Most checks need only `word`, so
        these are split out of the window only when asked for."""
        window = self.window
        tokens = window.split()
        if tokens and not window[-1].isspace():
            tokens.pop()  # glued
        if not self.line_start and tokens and not window[0].isspace():
            tokens.pop(0)  # cut in two by the window: not a whole word
        return tokens


def _before(text: str, i: int) -> _Before:
    """The context before position `i`, from at most `_CONTEXT_WINDOW` characters of its line."""
    low = i - _CONTEXT_WINDOW if i > _CONTEXT_WINDOW else 0
    newline = text.rfind("\n", low, i)
    start = newline + 1 if newline >= 0 else low
    window = text[start:i]
    line_start = newline >= 0 or low == 0
    # `glued` and `word` are the last two tokens at most: splitting off only those is cheaper
    # than splitting the window (as `words()` does). Three parts are the rest of the window
    # and two whole tokens; fewer are all the tokens, and the first may be cut in two.
    tokens = window.rsplit(None, 2)
    if len(tokens) == 3:
        del tokens[0]
        cut = False
    else:
        cut = not line_start and bool(tokens) and not window[0].isspace()
    glued = tokens.pop() if tokens and not window[-1].isspace() else ""
    if cut and tokens:
        tokens.pop(0)  # not a whole word
    return _Before(glued, tokens[-1] if tokens else "", line_start, window)


def _after_opening(word: str) -> str:
    """`word` without what opens it: a quote mark, a bracket or a dash glued before it
    ("“Sekitar" → "Sekitar", "JAKARTA--Sedikitnya" → "Sedikitnya"); `word` itself when
    nothing follows them. One hyphen joins a word ("kira-kira") and stays."""
    if word.isalnum():
        return word  # most words: one C call instead of a loop over the letters
    for i in range(len(word) - 1, -1, -1):
        ch = word[i]
        if ch in _OPENING_CHARS and (ch != "-" or (i > 0 and word[i - 1] == "-")):
            return word[i + 1 :] or word
    return word


def _opens_sentence(glued: str, word: str, line_start: bool) -> bool:
    """True if what follows `glued` after `word` (the context of `_Before`) starts a sentence,
    a line, a quote or a bracket."""
    if glued:
        return glued[-1] in _OPENING_CHARS
    if not word:
        return line_start
    return word[-1] in _SENTENCE_END_CHARS or word[-1] in _OPENING_CHARS


class _Candidate(NamedTuple):
    """One candidate quantity: its span, number tokens, normalised value and context.

    NamedTuples, not frozen dataclasses, for this and `_Before`: one of each is made per
    number in the text, and a tuple is several times cheaper to build."""

    doc: _Doc
    start: int  # span start (currency included)
    end: int  # span end (scale word and unit included)
    numbers: tuple[tuple[int, int], ...]  # offsets of the number tokens ("2", "3" in "2-3")
    tokens: tuple[str, ...]  # their text
    bare: bool  # no currency, scale word or unit: a plain count such as "43" or "enam"
    spelled: bool  # written in words ("enam", "puluhan")
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    vague: bool  # "puluhan", "ratusan ribu": approximate by definition
    before: _Before
    text: str  # the whole text (doc.text)
    num_start: int  # start of the first number token
    num_end: int  # end of the last number token


def _candidate(doc: _Doc, base: int, reading: _Reading) -> _Candidate:
    """The candidate a reading of the match at `base` makes, with its context; a minus sign
    right before a signed reading joins the span and negates the value."""
    text = doc.text
    start, end, value = base + reading.start, base + reading.end, reading.value
    relative = reading.numbers
    if len(relative) == 1:
        numbers: tuple[tuple[int, int], ...] = ((base + relative[0][0], base + relative[0][1]),)
    else:
        numbers = tuple([(base + s, base + e) for s, e in relative])
    num_start = numbers[0][0]
    if reading.signed and value is not None and _is_minus_sign(text, num_start):
        start, value = num_start - 1, -value  # "tumbuh -0,5 persen": the sign is in the span
    elif reading.signed and not reading.bare and _is_minus_sign(text, num_start, "+"):
        start = num_start - 1  # "naik +2,5 persen"; a bare "+62" is a phone prefix
    elif value is not None and not reading.vague:
        sign = _minus_word_start(text, start)
        if sign is not None:
            start, value = sign, -value  # "tumbuh minus 1,2 persen": the word is in the span
    tokens = reading.tokens
    return _Candidate(
        doc,
        start,
        end,
        numbers,
        tokens,
        reading.bare,
        not tokens[0][0].isdigit(),
        value,
        reading.low,
        reading.high,
        reading.unit,
        reading.vague,
        _before(text, start),
        text,
        num_start,
        numbers[-1][1],
    )


# --- exclusions: each says why a candidate is not a quantity -------------------------------


def _is_handle_or_hashtag(c: _Candidate) -> bool:
    """Part of an @handle or a #hashtag: "@user2024", "#2019GantiPresiden"."""
    return c.before.glued.startswith(("@", "#"))


def _is_ordinal(c: _Candidate) -> bool:
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


def _is_glued_to_word(c: _Candidate) -> bool:
    """Part of a name or code written as one token: "G20", "Covid-19", "semester I-2024",
    "22E", "5G", "1990-an"; a currency glued to the number ("Rp1.205") is fine."""
    text = c.text
    glued = c.before.glued
    if glued:
        last = glued[-1]
        if last.isalnum() or last in "_@#":
            return True
        if (last in _DASHES or last == ".") and len(glued) > 1 and glued[-2].isalnum():
            return True
    after = text[c.end] if c.end < len(text) else " "
    if after.isalnum() or after == "_":
        return not (c.spelled and text.startswith("nya", c.end))
    # "1990-an", "Covid-19-nya"
    return after in _DASHES and c.end + 1 < len(text) and text[c.end + 1].isalpha()


def _is_code_or_date_chain(c: _Candidate) -> bool:
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
        if after in _DASHES and ahead.isdigit():
            return True  # a third group: "0812-5550-1234", "10-1-2024"
    return False


def _is_phone_number(c: _Candidate) -> bool:
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


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


def _is_date(c: _Candidate) -> bool:
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
    if all(map(_is_year, tokens)):
        return True
    return _ERA_AFTER.match(c.text, c.end) is not None


def _is_clock_time(c: _Candidate) -> bool:
    """A clock time: "14.30 WIB", "pukul 11.00", "06.30 hingga 08.00 WIB", "jam 8"."""
    if not c.bare:
        return False
    for t in c.tokens:
        if ("." in t or ":" in t) and _TIME_NUMERAL.fullmatch(t):
            return True  # HH.MM: Indonesian thousands always have three digits after the dot
    if not c.before.glued and c.before.word.lower() in _TIME_WORDS:
        return True
    return _TIME_ZONE_AFTER.match(c.text, c.end) is not None


def _is_legal_reference(c: _Candidate) -> bool:
    """A law, article or case number: "Pasal 2", "ayat (1)", "Nomor 7 Tahun 2017",
    "UU 12/2011", "UUD 1945", "No. 5", "Nomor: 5"."""
    if c.before.glued not in ("", "("):
        return False
    return c.before.word.rstrip(".:") in _LEGAL_WORDS


def _is_in_name(c: _Candidate) -> bool:
    """A bare number after a capitalised word inside a sentence is part of a name:
    "Siaga 1", "Jakarta Siaga 112", "RT 05", "iPhone 15", "Pemilu 2024", "Formula 1".
    Not in a title-case headline ("Banjir Rendam 43 RT") or after a sentence-opening word."""
    before = c.before
    if not c.bare or before.glued or not before.word:
        return False
    word = _after_opening(before.word)  # "“Sekitar 500", "JAKARTA--Sedikitnya 20"
    if not word[-1].isalnum() or not any(ch.isupper() for ch in word) or word in NOT_NAME_WORDS:
        return False
    words = before.words()
    if _opens_sentence("", words[-2] if len(words) > 1 else "", before.line_start):
        return False
    return not c.doc.in_title_case_line(c.start)


def _is_list_marker(c: _Candidate) -> bool:
    """The number of an item in a list: "1. Harga beras ..." or "2) Stok ..." at a line start."""
    if not c.bare or c.before.word or c.before.glued not in ("", "(") or not c.before.line_start:
        return False
    after = c.text[c.end : c.end + 2]
    return after[:1] in (".", ")") and after[1:2] in (" ", "") and not c.spelled


def _is_score(c: _Candidate) -> bool:
    """A match score: "menang 3-0", "skor 0-3", "imbang 1-1", "berakhir 0-2" (a range goes
    up, and "3-0" is already no range; after these words "0-3" is not one either)."""
    return (
        len(c.numbers) == 2
        and c.bare
        and not c.before.glued
        and c.before.word.lower().rstrip(":") in SCORE_WORDS
    )


def _is_age_after_name(c: _Candidate) -> bool:
    """A bare number in parentheses right after a name: "Bu Sumarni (54)", "Darto (47)"."""
    if not c.bare or c.before.glued != "(" or c.text[c.end : c.end + 1] != ")":
        return False
    word = c.before.word
    return bool(word) and word[0].isupper()


def _is_ratio(c: _Candidate) -> bool:
    """Either side of a ratio written "60 banding 40" (a proportion, not two amounts)."""
    if c.bare and not c.before.glued and c.before.word.lower() == "banding":
        return True
    # "banding" within the next few characters, or no ratio: a cheap test before the regex
    return "banding" in c.text[c.end : c.end + 12] and _RATIO_AFTER.match(c.text, c.end) is not None


def _is_coordinate(c: _Candidate) -> bool:
    """A map coordinate: "2,15 LS", "120.4 BT", "2° LU" (a position, not an amount)."""
    ahead = c.text[c.num_end : c.num_end + 5]
    if "L" not in ahead and "B" not in ahead:
        return False  # every coordinate marker has one: a cheap test before the regex
    return _COORDINATE_AFTER.match(c.text, c.num_end) is not None


def _is_number_word_idiom(c: _Candidate) -> bool:
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
    return after[:1] in _DASHES and after[1:2].isalpha()  # "satu-satunya", "dua-duanya"


# Nouns after which "satu" counts ("satu orang tewas", "satu ekor", "satu dari tiga"):
# classifiers of counted things, and "dari" of a part of a whole.
_SATU_COUNTS = frozenset({"orang", "ekor", "buah", "unit", "kali", "jiwa", "dari"})


def _is_indefinite_satu(c: _Candidate) -> bool:
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
    approximate, bound = _qualifier(c.before)
    return not approximate and bound is None


def _is_capitalised_number_word(c: _Candidate) -> bool:
    """A capitalised number word inside a sentence names something: "Tiga Serangkai",
    "Satu Data Indonesia", "di Lima" (the city). At a sentence start or in a headline it
    counts ("Tiga tahun itu", "Dua Tahun Banjir")."""
    if not c.spelled or not c.text[c.num_start].isupper():
        return False
    before = c.before
    if _opens_sentence(before.glued, before.word, before.line_start):
        return False
    return not c.doc.in_title_case_line(c.start)


_EXCLUSIONS = (
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

# When each check can hold at all, from its first lines, as (bare, spelled, glued) -> bool;
# checks not listed can hold for any candidate. Most candidates are not bare (a unit or a
# scale word follows) or not spelled, and skipping the checks that cannot hold for them
# saves most of the calls without changing which check rejects a candidate first. A check
# whose conditions change must change its entry here too (or drop it: always safe).
_CAN_HOLD: dict[Callable[[_Candidate], bool], Callable[[bool, bool, bool], bool]] = {
    _is_handle_or_hashtag: lambda bare, spelled, glued: glued,
    _is_ordinal: lambda bare, spelled, glued: glued or bare,
    _is_clock_time: lambda bare, spelled, glued: bare,
    _is_in_name: lambda bare, spelled, glued: bare and not glued,
    _is_list_marker: lambda bare, spelled, glued: bare and not spelled,
    _is_score: lambda bare, spelled, glued: bare and not glued,
    _is_age_after_name: lambda bare, spelled, glued: bare and glued,
    _is_number_word_idiom: lambda bare, spelled, glued: spelled,
    _is_indefinite_satu: lambda bare, spelled, glued: bare and spelled,
    _is_capitalised_number_word: lambda bare, spelled, glued: spelled,
}
_CHECKS: dict[tuple[bool, bool, bool], tuple[Callable[[_Candidate], bool], ...]] = {
    (bare, spelled, glued): tuple(
        check
        for check in _EXCLUSIONS
        if check not in _CAN_HOLD or _CAN_HOLD[check](bare, spelled, glued)
    )
    for bare in (False, True)
    for spelled in (False, True)
    for glued in (False, True)
}
"""`_EXCLUSIONS` by (bare, spelled, glued), in the same order, without the checks that
cannot hold for such a candidate."""


def _rejection(c: _Candidate) -> Callable[[_Candidate], bool] | None:
    """The first check in `_EXCLUSIONS` that holds for `c`, or None."""
    for check in _CHECKS[c.bare, c.spelled, c.before.glued != ""]:
        if check(c):
            return check
    return None


# --- building a quantity --------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _unit_of(written: str | None) -> str | None:
    """The normalised unit of a unit as written ("Persen" → "%"); cached, the units are few."""
    if written is None:
        return None
    collapsed = " ".join(written.split())
    return UNIT_WRITTEN.get(collapsed) or UNIT_WORDS.get(collapsed.lower())


def _qualifier_after(text: str, end: int) -> str | None:
    """The bound a qualifier right after a span sets: "17 tahun ke atas" ge, "5 tahun ke
    bawah" le, "Rp 5 juta lebih." gt ("lebih" before an adjective compares: none)."""
    if text[end : end + 1] == " " and text[end + 1 : end + 3] not in ("ke", "le"):
        return None  # one space and another word: the usual case, without the regex
    m = _QUALIFIER_AFTER.match(text, end)
    if m is None:
        return None
    if m.group("up"):
        return GE
    if m.group("down"):
        return LE
    rest = text[m.end() : m.end() + 12].split(maxsplit=1)
    if not rest or not rest[0][0].isalnum() or rest[0].lower() in _AFTER_LEBIH:
        return GT
    return None


def _has_alnum(word: str) -> bool:
    # Most words end in a letter: one test instead of a generator over every character.
    return word[-1].isalnum() or any(ch.isalnum() for ch in word)


def _qualifier(before: _Before) -> tuple[bool, str | None]:
    """(approximate, bound) from the qualifier just before a span ("sekitar", "lebih dari").

    Symbols between the qualifier and the number are skipped ("lebih dari 😀 12 juta")."""
    if before.glued in ("±", "+/-"):
        return QUALIFIERS[before.glued]
    if before.glued:
        return False, None
    word = before.word
    if not word or (_has_alnum(word) and _after_opening(word).lower() not in QUALIFIER_ENDS):
        return False, None  # most numbers: no qualifier ends with the word before them
    words = [_after_opening(w) for w in before.words()[-4:]]
    while words and not _has_alnum(words[-1]) and words[-1] not in QUALIFIERS:
        words.pop()
    if not words or words[-1].lower() not in QUALIFIER_ENDS:
        return False, None  # symbols after a word that ends no qualifier
    for n in (3, 2, 1):
        if len(words) >= n:
            found = QUALIFIERS.get(" ".join(words[-n:]).lower())
            if found is not None:
                if found[1] is not None and len(words) > n:
                    # "sekitar lebih dari Rp1 miliar": approximate and a bound at once
                    return QUALIFIERS.get(words[-n - 1].lower(), (False, None))[0], found[1]
                return found
    return False, None


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


def _is_minus_sign(text: str, i: int, signs: str = "-\u2212") -> bool:
    """True if a minus sign (or another of `signs`) stands alone right before `i`:
    " -0,5 persen", "(-2%)"."""
    return (
        i > 0 and text[i - 1] in signs and (i == 1 or text[i - 2].isspace() or text[i - 2] in "([")
    )


def _minus_word_start(text: str, i: int) -> int | None:
    """Start of the word "minus" (any case) standing right before `i` as a sign:
    "minus 1.200.000 ton", "Minus 2 derajat". Not the "minus" of a tolerance written "plus
    minus 1 persen" (approximate, see `QUALIFIERS`)."""
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    k = j - len(_MINUS_WORD)
    if j == i or k < 0 or text[k:j].lower() != _MINUS_WORD:
        return None
    if k > 0 and (text[k - 1].isalnum() or text[k - 1] == "_"):
        return None  # the end of a longer word
    if text[max(0, k - 6) : k].rstrip().lower().endswith("plus"):
        return None
    return k


class _Reading(NamedTuple):
    """A candidate match read on its own: span, number tokens and value, with offsets
    relative to the start of the match. What `_read` finds depends only on the match (its
    text and groups) and `after_antara`, so readings are cached by those (`_READINGS`)."""

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
) -> _Reading:
    """A `_Reading` of `m` from offsets in the text."""
    base = m.start()
    text = m.string
    return _Reading(
        start - base,
        end - base,
        tuple([(s - base, e - base) for s, e in numbers]),
        tuple([text[s:e] for s, e in numbers]),
        bare,
        value,
        low,
        high,
        unit,
        vague,
        signed,
    )


def _read_single(m: re.Match[str], *, cut: bool) -> _Reading | None:
    """The first side of a match alone: currency, number, scale word, unit.

    `cut` keeps the unit after a range out ("5 persen" of "5 persen hingga 2025")."""
    a_start, a_end = m.span("a")
    cur = m.group("cur")
    currency_unit = UNIT_BEFORE[cur] if cur else None
    unit_group = "aunit" if cut or m.group("aunit") is not None else "unit"
    unit_text = m.group(unit_group)
    if currency_unit is not None and _unit_of(unit_text) != currency_unit:
        unit_text = None  # "Rp 5 miliar tahun lalu": the money is measured already
    unit = currency_unit or _unit_of(unit_text)
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


def _read_words_prefix(m: re.Match[str], words_end: int) -> _Reading | None:
    """Number words cut short ("dua" of "dua tiga hari"): a bare count."""
    a_start = m.start("a")
    value = _number_value(m.string[a_start:words_end], english=False)
    if value is None:
        return None
    return _reading(m, a_start, words_end, ((a_start, words_end),), bare=True, value=value)


def _read_vague(m: re.Match[str]) -> _Reading:
    """ "puluhan", "ratusan ribu", "ribuan ton": a range, approximate."""
    v_start, v_end = m.span("vague")
    cur = m.group("cur")
    currency_unit = UNIT_BEFORE[cur] if cur else None
    unit_text = m.group("unit") if currency_unit is None else None
    unit = currency_unit or _unit_of(unit_text)
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


def _range_is_cut(m: re.Match[str], *, after_antara: bool) -> bool:
    """True if the two numbers around the separator do not make one range."""
    sep = " ".join(m.group("sep").split()).lower()
    if sep == "dan" and not after_antara:
        return True  # "antara 10 dan 15 persen" is a range; "Pasal 2 dan 4" is not
    a_unit, b_unit = _unit_of(m.group("aunit")), _unit_of(m.group("unit"))
    if a_unit is not None and a_unit != b_unit:
        return True  # "5 persen hingga 2025", "2 tahun - 3 persen"
    cur, cur2 = m.group("cur"), m.group("cur2")
    if cur2 is not None and (cur is None or UNIT_BEFORE[cur] != UNIT_BEFORE[cur2]):
        return True
    a, b = m.group("a"), m.group("b")
    return _is_year(b) and not _is_year(a) and a_unit is None and b_unit is None


def _read_range(m: re.Match[str]) -> _Reading | None:
    """A range "2-3 miliar USD", "10 hingga 15 persen", "15%-18%", "2,5 plus minus 1 persen"."""
    text = m.string
    (a_start, a_end), (b_start, b_end) = m.span("a"), m.span("b")
    cur = m.group("cur")
    currency_unit = UNIT_BEFORE[cur] if cur else None
    unit_text = m.group("unit")
    if currency_unit is not None and _unit_of(unit_text) != currency_unit:
        unit_text = None
    unit = currency_unit or _unit_of(unit_text)
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


def _read_match(m: re.Match[str], *, after_antara: bool) -> tuple[_Reading | None, int]:
    """Read a candidate match: (reading or None, where the scan resumes), both relative to
    the start of the match.

    Number words that do not all make one number are cut to the longest run that does
    ("dua tiga hari" → "dua"), and a range whose sides do not agree is cut to its first side;
    the scan resumes right after what was kept."""
    base = m.start()
    text = m.string
    if m.group("vague") is not None:
        return _read_vague(m), m.end() - base
    a_start, a_end = m.span("a")
    if not text[a_start].isdigit():
        words_end = _words_prefix_end(text, a_start, a_end)
        if words_end is None:
            return None, a_end - base
        if words_end != a_end:
            return _read_words_prefix(m, words_end), words_end - base
    reading: _Reading | None
    if m.group("b") is None:
        reading = _read_single(m, cut=False)
        return reading, (reading.end if reading else a_end - base)
    b_start, b_end = m.span("b")
    b_whole = text[b_start].isdigit() or _words_prefix_end(text, b_start, b_end) == b_end
    if not b_whole or _range_is_cut(m, after_antara=after_antara):
        reading = _read_single(m, cut=True)
        return reading, (reading.end if reading else a_end - base)
    reading = _read_range(m)
    if reading is not None and m.group("aunit") and not _ascending(reading):
        # "50,1%-49,9%": two results side by side, not a range; keep the first here.
        reading = _read_single(m, cut=True)
        return reading, (reading.end if reading else a_end - base)
    return reading, (reading.end if reading else b_end - base)


_READINGS: dict[tuple[str, tuple[str | None, ...], bool], tuple[_Reading | None, int]] = {}
"""`_read_match` by (matched text, groups, after_antara): news repeats its amounts ("5
persen", "2024", "Rp 1 triliun"), and reading one is most of the work on a candidate. The
text and the groups fix where each group is (only spaces stand between them), so they fix
the reading; nothing outside the match but "antara" before it matters."""
_READINGS_SIZE = 4096


def _read(doc: _Doc, m: re.Match[str]) -> tuple[_Candidate | None, int]:
    """Read a candidate match: (candidate or None, where the scan resumes); see `_read_match`."""
    base = m.start()
    groups = m.groups()
    after_antara = groups[_SEP_GROUP] is not None and _after_antara(m.string, base)
    key = (m.group(), groups, after_antara)
    found = _READINGS.get(key)
    if found is None:
        if len(_READINGS) >= _READINGS_SIZE:
            _READINGS.clear()  # simpler than LRU, and the common amounts come back at once
        found = _READINGS[key] = _read_match(m, after_antara=after_antara)
    reading, resume = found
    if reading is None:
        return None, base + resume
    return _candidate(doc, base, reading), base + resume


def _ascending(c: _Candidate | _Reading) -> bool:
    """A range goes up: "2-3" is one, "2-1" (a score) and "1500-567" (a code) are not."""
    return c.low is None or c.high is None or c.low < c.high


_FOLLOWERS: dict[object, re.Pattern[str]] = {
    _is_legal_reference: _LEGAL_CHAIN,
    _is_phone_number: _PHONE_TAIL,
}


def _skip_after_exclusion(text: str, c: _Candidate, reason: object) -> int:
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


def annotate_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in `text`, sorted by start, without overlaps (the QTY pre-annotator).

    Spans follow the conventions: currency before, number(s), scale word and unit inside;
    qualifiers ("sekitar", "lebih dari") and counted nouns ("1,300 bisnis") outside.
    """
    doc = _Doc(text)
    found: list[Quantity] = []
    starts = _Starts(text)
    pos = 0
    while True:
        hit, hit_end = starts.next(pos)
        if hit == starts.end:
            break
        m = _CANDIDATE.match(text, hit)
        if m is None:
            pos = hit_end
            continue
        c, resume = _read(doc, m)
        pos = max(resume, hit_end)
        if c is None:
            continue
        rejected = _rejection(c)
        if rejected is not None:
            pos = max(pos, _skip_after_exclusion(text, c, rejected))
            continue
        if not _ascending(c):
            pos = max(pos, _skip_after_exclusion(text, c, None))
            continue
        approximate, bound = _qualifier(c.before)
        if bound is None:
            bound = _qualifier_after(text, c.end)
        start, end = c.start, c.end
        found.append(
            Quantity(  # id, start, end, text, value, low, high, unit, approximate, bound
                span_id("quantities", start, end),
                start,
                end,
                text[start:end],
                c.value,
                c.low,
                c.high,
                c.unit,
                approximate or c.vague,
                bound,
            )
        )
    return tuple(found)
