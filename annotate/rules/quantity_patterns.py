"""The quantity rules' candidate regex and the scan that finds where to try it. Pure.

`CANDIDATE` matches a whole candidate quantity in one go: an optional currency, a number
(digits, number words or "1x24"), or a vague amount ("puluhan"), then an optional scale
word, a range ("2-3", "10 hingga 15") and a unit. `Starts` finds the places where a
candidate may begin (a digit, a number word, a currency) faster than a regex search would.
The word lists come from `quantity_words` and `numbers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotate.rules.numbers import (
    CURRENCY_SCALE_ABBREVIATIONS,
    LEADING_NUMBER_WORDS,
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VAGUE_AMOUNTS,
)
from annotate.rules.quantity_words import (
    CURRENCY_AFTER,
    UNIT_BEFORE,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)
from annotate.rules.regex_trie import trie_pattern

# --- the candidate regex ---------------------------------------------------------------------

# Horizontal space only: a span never crosses a line. Possessive ("*+"): what follows a space
# in every pattern here starts with a non-space, so giving spaces back can never lead to a
# match, and the engine no longer retries each optional part with one space fewer (the
# candidate regex matches about a sixth faster).
SP = r"[^\S\r\n]*+"
SP1 = r"[^\S\r\n]++"
DASHES = "-‐‑‒–—\u2212"  # hyphen, Unicode hyphens and dashes, minus sign


# What `(?i:x)` matches for a lower-case letter x, spelled out as a class: both cases, and
# for three letters a few more characters (Python's re folds case with the simple lower-case
# mapping and a table of equivalents: the Kelvin sign is a "k", the long s an "s", dotted
# and dotless I are "i"). Explicit classes match the same text, but let the engine skip a
# branch after one look at its first character, which it cannot do under re.IGNORECASE.
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_CASELESS = {c: f"[{c}{c.upper()}{_FOLDS.get(c, '')}]" for c in "abcdefghijklmnopqrstuvwxyz"}


def alternation(words: Iterable[str], *, ignore_case: bool = False) -> str:
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
            return SP1
        if ignore_case:
            if ch not in _CASELESS:
                raise ValueError(f"cannot match {ch!r} in any case; lower-case letters only")
            return _CASELESS[ch]
        return re.escape(ch)

    return trie_pattern(words, char)


def both_cases(words: Iterable[str]) -> set[str]:
    """Each word in lower case, capitalised and in capitals ("dua", "Dua", "DUA"): sentence
    starts and headlines, title case or all capitals."""
    return {form for w in words for form in (w.lower(), w[:1].upper() + w[1:].lower(), w.upper())}


_NUMERAL = r"(?<![0-9])[0-9]+(?:[.,][0-9]+)*"
_WORD_END = r"(?:(?!\w)|(?=nya(?!\w)))"  # "setengahnya": "-nya" stays outside the span
SPELLED_NUMBER = (
    rf"(?<!\w)(?:{trie_pattern(both_cases(LEADING_NUMBER_WORDS))}){_WORD_END}"
    rf"(?:{SP1}(?:{trie_pattern(both_cases(NUMBER_WORDS))}){_WORD_END})*"
)
_VAGUE = rf"(?<!\w)(?:{trie_pattern(both_cases(VAGUE_AMOUNTS))})(?!\w)"
_SCALE_WORD = rf"(?:{alternation(SCALE_WORDS, ignore_case=True)})(?!\w)"
_SCALE = (
    rf"{_SCALE_WORD}|(?:{alternation(SCALE_ABBREVIATIONS, ignore_case=True)})(?!\w)"
    rf"|(?:{alternation(CURRENCY_SCALE_ABBREVIATIONS)})(?!\w)"
)
_UNIT = (
    rf"(?:{alternation(UNIT_WORDS, ignore_case=True)}|{alternation(UNIT_SYMBOLS)})(?!\w)"
    rf"|(?:{alternation(CURRENCY_AFTER)})(?!\w)(?!{SP}[0-9])"
)
_CURRENCY = (
    rf"(?<![\w$])(?:{alternation(set(UNIT_BEFORE) - {'M'})}"
    rf"|(?<![0-9][ ])M(?={SP}[0-9]{{1,2}}[.,][0-9]{{1,2}}(?![0-9])))"  # not "2025 M" (a year)
)
_SEPARATOR_WORDS = alternation(
    ["hingga", "sampai", "sampai dengan", "dan", "plus minus"], ignore_case=True
)
_RANGE_SEPARATOR = (
    rf"{SP}[{DASHES}]{SP}"
    rf"|{SP1}(?:{_SEPARATOR_WORDS}){SP1}"
    rf"|{SP1}(?:s\.d\.?|s/d){SP1}"
    rf"|{SP}(?:±|\+/-){SP}"
)
# "1x24 jam", "2 x 24 jam": a multiple of a duration, the way a deadline is written; one
# number (their product). Only before a unit of time: "3x4 meter" is a size, not 12 metres.
TIMES_SIGNS = "xX\u00d7"  # the letter x and the multiplication sign
_TIME_UNITS = ["jam", "hari", "menit", "detik", "minggu", "pekan", "bulan", "tahun"]
_TIMES = (
    rf"(?<![0-9])[0-9]+{SP}[{TIMES_SIGNS}]{SP}[0-9]+"
    rf"(?={SP}(?:{alternation(_TIME_UNITS, ignore_case=True)})(?!\w))"
)
_NUMBER = rf"{_TIMES}|{_NUMERAL}|{SPELLED_NUMBER}"

# Optional parts are written "(?:X|)", not "(?:X)?": the same match (X if it can, else
# nothing), but Python's engine runs "?" on a group through its general repeat machinery,
# and the candidate regex with alternations matches about a fifth faster. (trie_pattern
# does the same.)
CANDIDATE = re.compile(
    rf"""
    (?:(?P<cur>{_CURRENCY}){SP}|)
    (?:
        (?P<vague>{_VAGUE})(?:{SP1}(?P<vscale>{_SCALE_WORD})|)
      |
        (?P<a>{_NUMBER})(?:{SP}(?P<ascale>{_SCALE})|)(?:{SP}(?P<aunit>{_UNIT})|)
        (?:
            (?P<sep>{_RANGE_SEPARATOR})
            (?:(?P<cur2>{_CURRENCY}){SP}|)
            (?P<b>{_NUMBER})(?:{SP}(?P<bscale>{_SCALE})|)
          |
        )
    )
    (?:{SP}(?P<unit>{_UNIT})|)
    """,
    re.VERBOSE,
)
"""A whole candidate, matched where `_START` found one may begin."""

# "M" opens a candidate only before a number ("M 6,2"): as a bare prefix it would stop the
# scan at every word that starts with one ("Menteri", "Mei").
_OPENERS = (
    trie_pattern(
        both_cases(LEADING_NUMBER_WORDS) | both_cases(VAGUE_AMOUNTS) | set(UNIT_BEFORE) - {"M"}
    )
    + rf"|M(?={SP}[0-9])"
)
_START = re.compile(rf"[0-9]|(?<!\w)(?:{_OPENERS})")
"""Where a candidate may begin: a digit, or a number word or currency at the start of a word.
The one full scan of the text (done by `Starts`); `CANDIDATE` then runs only there."""
_DIGIT = re.compile(r"[0-9]")
_OPENER = re.compile(_OPENERS)
_OPENER_AFTER = re.compile(rf"[^0-9A-Za-z_](?:{_OPENERS})")


class Starts:
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
