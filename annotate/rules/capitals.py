"""Capitalised runs and their word classes: the shared first pass of the PER and ORG rules.

Pure (reads the gazetteers once through `annotate.rules.gazetteer`).

A *run* is a maximal sequence of capitalised words separated by single spaces, with name
particles, organisation connectors and bracketed parts allowed between them:

    "Menteri Pertanian Filipina Ramon dela Cruz"    classes T O P N p N
    "Kapolri Jenderal Pol. Darmawan Hadi Saputra"   T T T N N N
    "Institute for Development of Economics and Finance (INDEF) Hendra Wibisana"
                                                    E c N c N c N X N N
    "Dr. dr. Maria Theresia Hutapea"                a lowercase academic prefix inside a run,
    ", dr. Hendrawan Saputra-Lim"                   or opening it

Each word gets one class letter, so rules can read a run's shape as a string:

    T title, rank, honorific, academic prefix    H organisation head word ("Badan", "PT")
    O organisation / portfolio word ("Keuangan")  E English head word ("Institute", "Watch")
    P place ("Jakarta", "Uni Soviet")             C common word ("Namun", "Senin")
    A acronym or code ("KPK", "G20", "VIII")      N name-like word
    I initial ("M.")                              D degree ("M.Kes", "Sp.PD")
    p name particle ("dela", "bin")               c connector ("dan", "untuk", "of")
    X bracketed part ("(APDI)", "(Persero)")

The runs of a text are found by one regular expression and kept for the last few texts
(`runs()`), so PER and ORG share one pass over the capitals; everything else either reads
the runs or looks at a few characters around them. Whole-text scans are what cost time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from annotate.rules import lexicon
from annotate.rules.gazetteer import PhraseTable, gazetteers, org_table, place_table
from annotate.rules.lexicon import words
from annotate.rules.months import MONTHS

UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
# A capitalised word: letters, digits, inner apostrophes, inner hyphens/slashes/dots
# ("Saputra-Lim", "ATR/BPN", "M.Kes", "Kompas.com"); a final dot only before another
# capitalised word or a bracket ("Pol. Darmawan", "Tbk. (BMRI)"), so "kata Yohanes." does
# not swallow the full stop (a sentence end glued on that way is split off again below).
# Written as runs of \w with apostrophe groups, not a per-character alternation, and the
# optional dot as "(?:...|)": the same matches, with far less backtracking bookkeeping.
WORD = rf"[{UPPER}]\w*(?:['’]\w+)*(?:[-/.]\w+(?:['’]\w+)*)*(?:\.(?= [{UPPER}(])|)"
LOWER_PREFIX = r"(?:dr|drg|drh)\."
# "(BPS)", "(TPIP dan TPID)", and tokenised text's "( BPS )".
PAREN = rf"\( ?[{UPPER}][\w'’./&-]*(?: (?:dan )?[{UPPER}&][\w'’./&-]*){{0,4}} ?\)"
_JOINERS = "|".join(sorted(lexicon.NAME_PARTICLES | lexicon.CONNECTORS, key=len, reverse=True))
# No look-behind at the start: a leading literal class lets the regex engine skip ahead
# fast; a match that starts inside a word ("eKTP", "#2019Ganti") is dropped in Python.
# Arabic article particles glued to the next name word, inside a run: "Bashar al-Hakim",
# "Omar el-Fahmi", "Abdullah asy-Syafii".
GLUED_PARTICLE = rf"(?:al|el|ad|an|ar|as|asy|at|az|ath|ash)-[{UPPER}]\w*"
RUN_RE = re.compile(
    rf"{WORD}(?: (?:(?:{_JOINERS}) (?=[{UPPER}])|)"
    rf"(?:{WORD}|{PAREN}|{GLUED_PARTICLE}|{LOWER_PREFIX}(?= [A-Z])))*"
)
_RUN_TOKEN = re.compile(rf"{PAREN}|\S+")
_BAD_BEFORE = frozenset("@#/.-_'’")

# "M.Kes", "Sp.PD", "S.H.": letters and single dots after a short capitalised head. Written
# with the dots as separators, so a long word cannot make it backtrack: the old
# "(?:[A-Za-z]{1,4}\.?)+" matched the same words but split a 22-letter tail in millions of
# ways before failing ("Sp.PDmenurut..." took seconds).
_DOTTED_DEGREE = re.compile(r"[A-Z][a-z]{0,2}\.[A-Za-z]+(?:\.[A-Za-z]+)*\.?")
# Days, months and similar words that may follow a name in the same run ("Anies Senin").
_DAYS_AND_TIME_ZONES = words("senin selasa rabu kamis jumat sabtu minggu ahad wib wita wit")
TRAILING_OK = _DAYS_AND_TIME_ZONES | frozenset(MONTHS)
SENTENCE_START_CHARS = frozenset(".!?\n:")
OPENERS = " “\"‘'(«"

Token = tuple[int, int, str]


class Run(NamedTuple):
    """One capitalised run: its words (start, end, text), one class letter per word.

    A NamedTuple, not a frozen dataclass: tens of thousands are made per megabyte of text,
    and a tuple is several times cheaper to build."""

    tokens: tuple[Token, ...]
    classes: str
    in_title: bool
    words: tuple[str, ...]  # the tokens' texts, kept as the cache key of per-run work

    @property
    def start(self) -> int:
        return self.tokens[0][0]

    @property
    def end(self) -> int:
        return self.tokens[-1][1]


def is_acronym(word: str) -> bool:
    """'KPK', 'PDI-P', 'KemenKopUKM', 'G20', 'VIII': capitals, digits or three inner capitals."""
    if any(c.isdigit() for c in word):
        return True
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    # Mixed-case acronyms ("KemenKopUKM", "BPJamsostek"): several capitals after the first
    # letter of a hyphen part. Names have at most one ("McDonald", "Saputra-Lim").
    return any(sum(c.isupper() for c in part[1:]) >= 2 for part in word.split("-"))


_ROMAN_DIGITS = frozenset("IVX")


@lru_cache(maxsize=65536)
def word_class(word: str) -> str:
    """The class letter of one run word (see the module docstring)."""
    if word.startswith("("):
        return "X"
    if word in lexicon.CONNECTORS:
        return "c"
    gaz = gazetteers()
    bare = word[:-1] if word.endswith(".") else word
    lower = bare.lower()
    if lower in lexicon.NAME_PARTICLES and word[0].islower():
        return "p"
    if lower in lexicon.TITLE_WORDS:
        return "T"
    if "." in bare and _DOTTED_DEGREE.fullmatch(word):
        return "D"
    if word.endswith(".") and (len(bare) == 1 or lower in lexicon.ABBREVIATED_GIVEN_NAMES):
        return "I"  # "M.", and given names shortened with a dot: "Moh. Rizal Hakim"
    if len(word) == 1 and word not in _ROMAN_DIGITS:
        return "I"  # an initial without its dot: "D Rudi Hartono" ("Komisi V" is a number)
    if lower in lexicon.ORG_HEADS:
        return "H"
    if lower in lexicon.ORG_HEADS_EN:
        return "E"
    if lower in lexicon.LEGAL_FORMS:
        return "O"
    if lower in lexicon.NOBLE_ABBREVIATIONS:
        return "N"
    if is_acronym(bare):
        return "A"
    if bare in gaz.places:
        return "P"
    is_name = bare in gaz.given_names or bare in gaz.surnames
    if lower in lexicon.ORG_WORDS:
        # "Agung" is a given name and a word of "Mahkamah Agung": decided in context.
        return "G" if is_name else "O"
    if lower in gaz.common_words and not is_name:
        return "C"
    if not any(c.islower() for c in bare):
        return "A"
    return "N"


def headline_end(text: str) -> int:
    """End of the headline: the first line, when more lines follow and it is written in title
    case ("Polda Metro Perluas ETLE Mobile, 1.834 Pelanggar Terekam"). 0 when there is none:
    a single sentence, or a title in sentence case, is read like any other sentence.

    In a headline every word is capitalised, so capitals say nothing about names there: the
    rules only find names the body spells out, or names from the lists."""
    end = text.find("\n")
    if end < 0:
        return 0
    long_words = [w for w in text[:end].split(" ") if len(w) >= 4 and w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in long_words)
    return end if long_words and capitalised >= 0.6 * len(long_words) else 0


def sentence_initial(text: str, start: int) -> bool:
    """Whether `start` opens a sentence (skipping opening quotes, spaces and emoji)."""
    i = start
    while i > 0:
        ch = text[i - 1]
        if ch in OPENERS or not (ch.isascii() or ch.isalnum()):
            i -= 1
        else:
            break
    return i == 0 or text[i - 1] in SENTENCE_START_CHARS


def phrase_matches(words: list[str], table: PhraseTable) -> list[tuple[int, int, bool]]:
    """(first, end, flag) of every table phrase in `words`, longest first, no overlaps.

    Callers test `table.keys().isdisjoint(words)` first: in C, and true for most runs."""
    found = []
    i = 0
    n = len(words)
    while i < n:
        for phrase, flag in table.get(words[i], ()):
            k = len(phrase)
            if k == 1 or tuple(words[i : i + k]) == phrase:
                found.append((i, i + k, flag))
                i += k - 1
                break
        i += 1
    return found


# Titles whose second word is also a name ("Jaksa Agung Prasetyo", "Hakim Agung X").
_TWO_WORD_TITLES = frozenset({("jaksa", "agung"), ("hakim", "agung")})


def _resolve_ambiguous(tokens: list[Token], classes: list[str]) -> None:
    # "G" (name or organisation word) is a name word unless it follows an organisation word:
    # "Mahkamah Agung" (O), "Ketua DPR Agung Laksono" (N); after "Jaksa" it ends the title.
    for i, c in enumerate(classes):
        if c == "G":
            if i > 0 and (tokens[i - 1][2].lower(), tokens[i][2].lower()) in _TWO_WORD_TITLES:
                classes[i] = "T"
            else:
                classes[i] = "O" if i > 0 and classes[i - 1] in "HOGE" else "N"


def _split_at_stops(tokens: list[Token], classes: list[str]) -> list[tuple[int, int]]:
    # A word ending in "." that is not a title, initial, degree or legal form ends a sentence
    # ("... Tarigan. Ia ..."): the run is split after it and the dot left out.
    pieces = []
    begin = 0
    for i, (_, _, word) in enumerate(tokens):
        if word.endswith(".") and classes[i] not in "TIDXO" and i < len(tokens) - 1:
            pieces.append((begin, i + 1))
            begin = i + 1
    pieces.append((begin, len(tokens)))
    return pieces


def _lower_prefix_before(text: str, start: int) -> int:
    # ", dr. Hendrawan": a run that the lowercase prefix opens starts at the prefix.
    for prefix in ("dr. ", "drg. ", "drh. "):
        begin = start - len(prefix)
        if text.startswith(prefix, begin) and (begin == 0 or not text[begin - 1].isalnum()):
            return begin
    return start


# A run of one word of these classes can matter to no rule (no name, no acronym, no head
# of an English name): it is not kept, which spares most sentence openers and dates.
_SKIPPED_ALONE = frozenset("CPTDXc")


@lru_cache(maxsize=65536)
def _alone_class(word: str) -> str:
    # The class of a one-word run, or "" when such a run is not kept (see _SKIPPED_ALONE).
    cls = word_class(word)
    if cls == "G":
        cls = "N"
    return cls if cls not in _SKIPPED_ALONE or word in org_table() else ""


@lru_cache(maxsize=65536)
def _analyse(run: str, prefix: str) -> tuple[tuple[tuple[Token, ...], str, tuple[str, ...]], ...]:
    """The pieces of a multi-word run match (after a lowercase `prefix` such as "dr.", or
    ""): their tokens, with offsets relative to the match start, classes and words. A function of
    the matched string alone, so cached: names and organisations recur within and across
    articles."""
    places = place_table()
    if "(" in run:
        tokens = [(m.start(), m.end(), m.group()) for m in _RUN_TOKEN.finditer(run)]
    else:
        tokens = []
        position = 0
        for word in run.split(" "):
            tokens.append((position, position + len(word), word))
            position += len(word) + 1
    if prefix:
        tokens.insert(0, (-len(prefix) - 1, -1, prefix))
    words = [w for _, _, w in tokens]
    classes = [word_class(w) for w in words]
    if not places.keys().isdisjoint(words):
        # Words inside a multi-word place ("Uni Soviet", "Jakarta Timur") are places.
        for i, j, _ in phrase_matches(words, places):
            classes[i:j] = ["P"] * (j - i)
    pieces = _split_at_stops(tokens, classes) if "." in run else ((0, len(tokens)),)
    out = []
    for begin, end in pieces:
        part = tokens[begin:end]
        cls_list = classes[begin:end]
        last_start, last_end, last = part[-1]
        if last.endswith(".") and cls_list[-1] not in "TIDXO":
            part[-1] = (last_start, last_end - 1, last[:-1])
            cls_list[-1] = word_class(last[:-1])
        while cls_list[-1] in "cp":  # "... Bank dan" cannot end a run
            part.pop()
            cls_list.pop()
        if "G" in cls_list:
            _resolve_ambiguous(part, cls_list)
        out.append((tuple(part), "".join(cls_list), tuple([w for _, _, w in part])))
    return tuple(out)


@lru_cache(maxsize=8)
def runs(text: str) -> tuple[Run, ...]:
    """Every capitalised run of `text` that a rule may use, in order (cached for the last
    few texts). Single words that are common words, places, titles or degrees are left out."""
    title_end = headline_end(text)
    found: list[Run] = []
    append = found.append
    for match in RUN_RE.finditer(text):
        start = match.start()
        # Inside a word, a handle or a hashtag; but after a unit's number the capitals go
        # on with its place and what follows ("Dandim 0501/Jakarta Pusat Kolonel X").
        if (
            start
            and (text[start - 1].isalnum() or text[start - 1] in _BAD_BEFORE)
            and not (text[start - 1] == "/" and text[start - 2 : start - 1].isdigit())
        ):
            continue
        run = match.group()
        prefix_start = (
            _lower_prefix_before(text, start) if text[start - 2 : start] == ". " else start
        )
        if " " not in run and prefix_start == start:  # most runs are one word: the fast path
            if run.endswith("."):
                run = run[:-1]
            cls = _alone_class(run)
            if cls:
                append(Run(((start, start + len(run), run),), cls, start < title_end, (run,)))
            continue
        prefix = text[prefix_start : start - 1] if prefix_start != start else ""
        for rel_tokens, classes, run_words in _analyse(run, prefix):
            tokens = tuple([(s + start, e + start, w) for s, e, w in rel_tokens])
            append(Run(tokens, classes, tokens[0][0] < title_end, run_words))
    return tuple(found)


def sentence_start(text: str, position: int) -> int:
    """Offset where the sentence holding `position` starts (after '. ', '? ', a line break)."""
    i = position
    while i > 0:
        ch = text[i - 1]
        if ch == "\n":
            return i
        if ch in ".!?" and i < len(text) and text[i] == " ":
            # "Pol. Darmawan", "Dr. Rina": a dot after an abbreviation does not end a sentence.
            word_start = i - 1
            while word_start > 0 and text[word_start - 1].isalpha():
                word_start -= 1
            word = text[word_start : i - 1]
            if not (len(word) <= 3 and word[:1].isupper()) and word.lower() not in _ABBREVS:
                return i + 1
        i -= 1
    return 0


_ABBREVS = frozenset(w for w in lexicon.TITLE_WORDS | lexicon.DEGREES if len(w) <= 5) | frozenset(
    {"tbk", "no", "hlm", "dll", "dsb", "dst", "sdr", "yth"}
)
