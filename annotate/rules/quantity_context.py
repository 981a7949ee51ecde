"""A candidate quantity in its text: what stands before it, its sign, its qualifier. Pure.

"tumbuh -0,5 persen", "minus 1.200.000 ton"     a sign joins the span, the value turns
"sekitar 500", "lebih dari 1.000 MW"            approximate, bound gt (left outside)
"65 tahun ke atas", "Rp 5 juta lebih."          bound ge, gt (after the span)
"Banjir Rendam 43 RT"                           a headline in title case (`Doc`)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from annotate.rules.quantity_reading import Reading
from annotate.rules.quantity_words import (
    GE,
    GT,
    LE,
    LOWERCASE_TITLE_WORDS,
    QUALIFIER_ENDS,
    QUALIFIERS,
)

# Qualifiers just after a span: "65 tahun ke atas" (ge), "Rp 5 juta lebih" (gt).
_QUALIFIER_AFTER = re.compile(
    r"[^\S\r\n]+(?:(?P<up>ke[^\S\r\n]+atas)|(?P<down>ke[^\S\r\n]+bawah)|(?P<more>lebih))(?!\w)"
)
# After "lebih", these words leave it a bound ("10 tahun lebih di penjara"); any other word
# makes it a comparison ("5 persen lebih tinggi", "Rp 5.000 lebih murah dari").
_AFTER_LEBIH = frozenset(
    ["dan", "yang", "itu", "ini", "di", "sejak", "untuk", "telah", "sudah", "namun", "tetapi"]
)

_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MINUS_WORD = "minus"
_SENTENCE_END_CHARS = frozenset(".!?…:;")
_OPENING_CHARS = frozenset("\"“”'‘’([{•—–-")
_CONTEXT_WINDOW = 60  # characters looked at before a candidate: enough for three words


@dataclass(slots=True)
class Doc:
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


class Before(NamedTuple):
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


def _before(text: str, i: int) -> Before:
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
    return Before(glued, tokens[-1] if tokens else "", line_start, window)


def after_opening(word: str) -> str:
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


def opens_sentence(glued: str, word: str, line_start: bool) -> bool:
    """True if what follows `glued` after `word` (the context of `Before`) starts a sentence,
    a line, a quote or a bracket."""
    if glued:
        return glued[-1] in _OPENING_CHARS
    if not word:
        return line_start
    return word[-1] in _SENTENCE_END_CHARS or word[-1] in _OPENING_CHARS


class Candidate(NamedTuple):
    """One candidate quantity: its span, number tokens, normalised value and context.

    NamedTuples, not frozen dataclasses, for this and `Before`: one of each is made per
    number in the text, and a tuple is several times cheaper to build."""

    doc: Doc
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
    before: Before
    text: str  # the whole text (doc.text)
    num_start: int  # start of the first number token
    num_end: int  # end of the last number token


def candidate(doc: Doc, reading: Reading) -> Candidate:
    """The candidate a reading makes, with its context; a minus sign
    right before a signed reading joins the span and negates the value."""
    text = doc.text
    start, end, value = reading.start, reading.end, reading.value
    numbers = reading.numbers
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
    return Candidate(
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


def qualifier_after(text: str, end: int) -> str | None:
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


def qualifier(before: Before) -> tuple[bool, str | None]:
    """(approximate, bound) from the qualifier just before a span ("sekitar", "lebih dari").

    Symbols between the qualifier and the number are skipped ("lebih dari 😀 12 juta")."""
    if before.glued in ("±", "+/-"):
        return QUALIFIERS[before.glued]
    if before.glued:
        return False, None
    word = before.word
    if not word or (_has_alnum(word) and after_opening(word).lower() not in QUALIFIER_ENDS):
        return False, None  # most numbers: no qualifier ends with the word before them
    words = [after_opening(w) for w in before.words()[-4:]]
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
