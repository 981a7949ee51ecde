"""How a run of capitalised words reads as an organisation's name. Pure.

    "Badan Meteorologi, Klimatologi, dan Geofisika"   a head word and the name after it
    "Komisi VIII DPR [dan BPKH]"                      where a name ends and another starts
    "Peneliti [Indonesia Corruption Watch]"           English names, titles trimmed off
    "Japan Bank for International Cooperation (JBIC)" a long name and its acronym
    "PT Sinar Geotermal Nusantara Tbk."               legal forms, kept as written
    "Biro Humas [Kementerian X]"                      a unit every body has: its parent

`run_shape` reads a run's words once (cached: the same names recur); `head_run_at`
reads a name from its head word on. `annotate.rules.org` puts them together.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from annotate.rules import lexicon
from annotate.rules.capitals import (
    UPPER,
    Token,
    is_acronym,
    phrase_matches,
    sentence_initial,
    word_class,
)
from annotate.rules.gazetteer import gazetteers, org_table
from annotate.rules.regex_trie import trie_pattern
from annotate.rules.spans import Span

# A word of an organisation name, or a legal form in brackets ("(Persero)").
ORG_WORD = (
    rf"(?:[{UPPER}][a-z]{{0,2}}\.(?= [{UPPER}])"  # a title in a name: "RSUD Dr. Soetomo"
    rf"|[{UPPER}][\w'’&]*(?:[-/.][\w'’&]+)*(?<!\.)|\((?:Persero|Perseroda)\))"
)
_CONNECTOR = trie_pattern(lexicon.CONNECTORS)
_UPPER_HEADS = {"pt", "cv", "dprd", "rsud", "rsup", "bpbd", "kpu", "kpud"}


def _head_alternation() -> str:
    heads = [h.upper() if h in _UPPER_HEADS else h.capitalize() for h in lexicon.ORG_HEADS]
    heads += [f"{a.capitalize()} {b.capitalize()}" for a, b in lexicon.ORG_HEADS_2]
    return trie_pattern(heads)


# Head word + name: more capitalised words, connectors between them, and comma-separated
# enumerations that end in "dan" ("Badan Meteorologi, Klimatologi, dan Geofisika"). Only
# ever matched at a head word found in a run, never scanned over the whole text.
HEAD_RUN_RE = re.compile(
    rf"(?:{_head_alternation()})"
    rf"(?: (?:(?:{_CONNECTOR}) )?{ORG_WORD}"
    rf"|, {ORG_WORD}(?=(?:, {ORG_WORD})*,? dan {ORG_WORD}))+"
)
_NAME_WORDS = re.compile(rf"{ORG_WORD}|\S+")
_LEGAL_BRACKETS = frozenset({"(Persero)", "(Perseroda)"})


def _words(text: str, start: int, end: int) -> list[Token]:
    """Words of text[start:end] (connectors and punctuation included), with offsets."""
    return [(m.start(), m.end(), m.group()) for m in _NAME_WORDS.finditer(text, start, end)]


def _is_stop(word: str) -> bool:
    # A title, degree or initial ends an organisation name: "Polda Metro Jaya [Kombes] ...",
    # "Universitas Indonesia [Dr.] ...".
    return word_class(word) in "TDI" and word.lower() not in lexicon.ORG_CONNECTORS


def _starts_other_org(word: str) -> bool:
    # After "dan" or a comma, a head word or an acronym starts a second organisation:
    # "Komisi VIII DPR [dan BPKH]", "Dinas Sumber Daya Air[, TNI, dan Polri]".
    return word_class(word) in "HA" or word in gazetteers().orgs


def _in_name(words: list[Token], i: int) -> bool:
    # "RSUD Dr. Soetomo": a title right after the head of a hospital or a university is part
    # of its name; anywhere else it starts a person ("Universitas Indonesia Dr. Rina ...").
    # A lone letter right after the head is the unit's code, not an initial: "Komisi D".
    if i != 1:
        return False
    return words[0][2].lower() in lexicon.NAMED_AFTER_PEOPLE or len(words[1][2]) == 1


_COMMA_OR_CONNECTOR = lexicon.ORG_CONNECTORS | {","}


def head_run_at(text: str, position: int, known_ends: set[int]) -> Span | None:
    match = HEAD_RUN_RE.match(text, position)
    if match is None:
        return None
    start = match.start()
    first_end, end, parents = _head_run_words(match.group())
    if parents is not None:
        # A unit is an organisation only with its parent: "Departemen Komunikasi BI",
        # "Pengurus Besar IDI"; "Kepala Divisi Pengadaan" names none.
        ends = [e for e, acronym in parents if acronym or start + e in known_ends]
        if not ends:
            return None
        end = ends[-1]
    if end <= first_end:
        return None
    end += start
    if text[end - 1] == ".":
        return (start, end_without_full_stop(text, end))
    return (start, _with_legal_dot(text, end) if text[end - 3 : end] == "Tbk" else end)


@lru_cache(maxsize=65536)
def _head_run_words(name: str) -> tuple[int, int, tuple[tuple[int, bool], ...] | None]:
    # Where the first word of a head-word match ends, where the name ends by its words
    # alone (offsets relative to the match) and, for a unit head ("Divisi"), the words that
    # may be its parent (end, whether an acronym): a function of the matched string, cached.
    words = _words(name, 0, len(name))
    end = words[0][1]
    i = 1
    while i < len(words):
        _, w_end, word = words[i]
        if word in _COMMA_OR_CONNECTOR:
            nxt = words[i + 1][2] if i + 1 < len(words) else ""
            if nxt in (",", "dan"):  # ", dan" closes an enumeration
                i += 1
                continue
            if _starts_other_org(nxt) or _is_stop(nxt):
                break
            if word == "dan" and any(_is_english_head(w) for _, _, w in words[i + 1 :]):
                break  # "Bank Dunia [dan] Asian Development Bank": an English name follows
            i += 1
            continue
        if word.endswith(",") or (_is_stop(word) and not _in_name(words, i)):
            break
        end = w_end
        if word.rstrip(".").lower() == "tbk":
            break  # the legal form closes the name: "... Tbk. PT Telekomunikasi ..." is two
        i += 1
    if words[0][2].lower() not in lexicon.UNIT_HEADS:
        return words[0][1], end, None
    return words[0][1], end, tuple((e, word_class(w) == "A") for _, e, w in words if e <= end)


def _with_legal_dot(text: str, end: int) -> int:
    # Legal-form abbreviations keep their dot ("PT Sinar Geotermal Nusantara Tbk. (SGEN)"),
    # unless the dot also ends the sentence.
    # Before a lowercase word ("Tbk. turun 1 persen") the dot may as well end a sentence
    # that the writer did not close: left out, as outlets' own style guides write it.
    if text[end - 3 : end] == "Tbk" and text.startswith(".", end):
        after = text[end + 1 : end + 3]
        if after[:1] in (",", ")") or after == " (":
            return end + 1
    return end


def _trim_leading(words: list[Token]) -> list[Token]:
    # "Peneliti Indonesia Corruption Watch", "Ketua Asosiasi ...", "Adapun Bank Mandiri":
    # titles, sentence words and connectors in front are not part of the name; after a
    # title, so are its portfolio words ("Direktur Eksekutif Center of Reform ...").
    i = 0
    after_title = False
    while i < len(words):
        word = words[i][2]
        cls = word_class(word)
        pair = (word.lower(), words[i + 1][2].lower()) if i + 1 < len(words) else None
        if pair in lexicon.ORG_HEADS_2:
            break  # "Pemerintah Provinsi (Pemprov)", "Panitia Kerja (Panja)"
        if cls in "TCDIc" or word in lexicon.ORG_CONNECTORS:
            after_title = after_title or cls == "T"
        elif not (after_title and cls == "O"):
            break
        i += 1
    return words[i:]


def _is_english_head(word: str) -> bool:
    return word.lower().rstrip(".") in lexicon.ORG_HEADS_EN


def _english_range(piece: tuple[str, ...]) -> tuple[int, int] | None:
    # The first and last word index of the English name in a piece of a run ("Indonesia
    # Corruption Watch", "Institute for Development of Economics and Finance"). Offsets
    # in the tokens below are the word indexes.
    if not any(_is_english_head(w) for w in piece):
        return None
    words = [(k, k, w) for k, w in enumerate(piece)]
    # An Indonesian head before the English one opens the name: "Pihak [PT Bank Rakyat ...]".
    for k, (_, _, w) in enumerate(words):
        if _is_english_head(w):
            break
        if word_class(w) == "H":
            words = words[k:]
            break
    words = _trim_leading(words)
    # "Bank Dunia dan [Asian Development Bank]": an Indonesian "dan" joins two names.
    joins = [k for k, (_, _, w) in enumerate(words) if w == "dan"]
    if joins and any(_is_english_head(w) for _, _, w in words[joins[-1] + 1 :]):
        words = words[joins[-1] + 1 :]
    # A title, degree or initial ends the name: "... Tbk. [Direktur Utama] ...".
    stop = next((k for k, (_, _, w) in enumerate(words) if _is_stop(w)), len(words))
    words = words[:stop]
    while words and (words[-1][2] in lexicon.ORG_CONNECTORS or word_class(words[-1][2]) == "T"):
        words = words[:-1]
    if len(words) < 2 or not any(_is_english_head(w) for _, _, w in words):
        return None
    return (words[0][0], words[-1][0])


def end_without_full_stop(text: str, end: int) -> int:
    # A run word keeps a final dot before a capital ("Tbk. Direktur"): keep it only where it
    # belongs to the legal form (see `_with_legal_dot`).
    return _with_legal_dot(text, end - 1) if text[end - 1] == "." else end


@lru_cache(maxsize=65536)
def _looks_like_acronym(acr: str) -> bool:
    first = acr.split(" ")[0]
    if first.lower() in {"persero", "perseroda"}:
        return False
    if is_acronym(first):
        return True
    # Word-like acronyms: "Walhi", "Bapanas", "Perludem", "Kemenag".
    return " " not in acr and len(acr) <= 12 and acr[1:].islower()


def _acronyms_in_bracket(inner: str) -> list[Span]:
    # "(BPS)" one acronym; "(TPIP dan TPID)" two, for a name that covers both (offsets in
    # `inner`).
    if " dan " in inner:
        left, _, right = inner.partition(" dan ")
        if _looks_like_acronym(left) and _looks_like_acronym(right):
            return [(0, len(left)), (len(inner) - len(right), len(inner))]
        return []
    return [(0, len(inner))] if _looks_like_acronym(inner) else []


@lru_cache(maxsize=65536)
def is_org_name(name: str, acronym: str) -> bool:
    gaz = gazetteers()
    if name in gaz.orgs or acronym in gaz.orgs:
        return True
    words = name.split(" ")
    if word_class(words[0]) == "H" or any(
        (a.lower(), b.lower()) in lexicon.ORG_HEADS_2 for a, b in pairwise(words)
    ):
        return True
    return any(_is_english_head(w) for w in words)


Acronyms = tuple[tuple[int, int, str], ...]  # offsets in a bracket word, as written


def _bracket_acronyms(bracket: str) -> Acronyms:
    # The acronyms a bracket word may define ("(BPS)", "( BPS )", "(TPIP dan TPID)"): their
    # offsets in the word, and as written.
    inner = bracket[1:-1]
    lead = 1 + len(inner) - len(inner.lstrip(" "))
    return tuple(
        (lead + start, lead + end, bracket[lead + start : lead + end])
        for start, end in _acronyms_in_bracket(inner.strip(" "))
    )


def mid_sentence(text: str, start: int, end: int) -> bool:
    # "Antara", "Tempo" as names: not opening a sentence, not before a lowercase word
    # that makes them ordinary words ("Antara lain", "Tempo dulu").
    return not sentence_initial(text, start) and not text[end + 1 : end + 2].islower()


_BRANCH_PLACE = re.compile(rf" (?P<place>[{UPPER}][\w-]+(?: [{UPPER}][\w-]+)?)")


def with_branch(text: str, span: Span) -> Span:
    # A branch is the organisation plus its place: "Pemimpin Cabang BRI Cibinong", for a
    # span right after "cabang" (tested by the caller, inline: there are many spans).
    start, end = span
    m = _BRANCH_PLACE.match(text, end)
    if m is None:
        return span
    places = gazetteers().places
    words = m.group("place").split(" ")
    for k in range(len(words), 0, -1):
        if " ".join(words[:k]) in places:
            return (start, end + 1 + len(" ".join(words[:k])))
    return span


COMPANY_FORMS = ("PT ", "CV ")


def core_name(name: str) -> str | None:
    # "PT Sinar Geotermal Nusantara Tbk" -> "Sinar Geotermal Nusantara", used later without PT.
    if not name.startswith(COMPANY_FORMS):
        return None
    words = [w for w in name.split(" ")[1:] if w.lower().rstrip(".") not in lexicon.LEGAL_FORMS]
    return " ".join(words) if len(words) >= 2 else None


def parent_of_unit(text: str, span: Span) -> Span:
    """The parent of a unit that every branch has, as the span: "Direktorat Kriminal Umum
    [Polda X]", "Biro Humas [Kementerian X]", "Dewan Komisioner [Otoritas Jasa Keuangan]";
    any other span as it is."""
    start, end = span
    words = text[start:end].split(" ")
    if len(words) < 3 or words[0].lower() not in lexicon.GENERIC_UNIT_HEADS:
        return span
    k = 1
    while k < len(words) and (
        words[k].lower() in lexicon.GENERIC_UNIT_WORDS or (k > 1 and words[k] == "dan")
    ):
        k += 1
    if k == 1 or k == len(words):
        return span
    parent = words[k]
    pair = (parent.lower(), words[k + 1].lower()) if k + 1 < len(words) else None
    if word_class(parent) in "HA" or parent in gazetteers().orgs or pair in lexicon.ORG_HEADS_2:
        return (start + len(" ".join(words[:k])) + 1, end)
    return span


_HEAD2_FIRST = frozenset(a.capitalize() for a, _ in lexicon.ORG_HEADS_2)


def _head_indexes(words: tuple[str, ...], classes: str) -> tuple[int, ...]:
    # Where a head word ("Badan", "PT") or a two-word head ("Pemerintah Provinsi") starts.
    if "H" not in classes and _HEAD2_FIRST.isdisjoint(words):
        return ()
    return tuple(
        i
        for i, cls in enumerate(classes)
        if cls == "H"
        or (i + 1 < len(words) and (words[i].lower(), words[i + 1].lower()) in lexicon.ORG_HEADS_2)
    )


class Shape(NamedTuple):
    """What a run's words say, by word index: listed names (first, end, ambiguous), head
    words, English names (first, last word), and acronym definitions "Long Name (ACR)":
    the first word of the long name (-1 for none), the bracket, and the acronyms in it
    (offsets in the bracket word, as written)."""

    phrases: tuple[tuple[int, int, bool], ...]
    heads: tuple[int, ...]
    english: tuple[tuple[int, int], ...]
    definitions: tuple[tuple[int, int, Acronyms], ...]


def _last_of_pair(words: list[Token]) -> list[Token]:
    # "Bank Dunia dan [Asian Development Bank] (ADB)": the bracket names the organisation
    # after "dan" when that is a whole name itself (a head word or an English name), not
    # the end of one ("Badan Pengawas Obat dan Makanan", "Kementerian Koperasi dan UKM").
    for k in range(len(words) - 2, 0, -1):
        if words[k][2] == "dan":
            after = [w for _, _, w in words[k + 1 :]]
            if len(after) >= 2 and (
                word_class(after[0]) == "H" or _english_range(tuple(after)) == (0, len(after) - 1)
            ):
                return words[k + 1 :]
            break
    return words


@lru_cache(maxsize=65536)
def run_shape(words: tuple[str, ...], classes: str) -> Shape:
    """The `Shape` of a run's words: a function of the words alone, cached, since the same
    names recur; only the offsets and the text around a name are left to read."""
    table = org_table()
    phrases = () if table.keys().isdisjoint(words) else tuple(phrase_matches(list(words), table))
    english: list[tuple[int, int]] = []
    definitions: list[tuple[int, int, Acronyms]] = []
    if "E" in classes or "H" in classes or "X" in classes:
        # The run cut at its bracketed parts (legal forms excepted): each piece of words
        # is an English name or not, and may be the long name of the acronym after it
        # ("Japan Bank for International Cooperation" + "(JBIC)").
        begin = 0
        for i in range(len(words) + 1):
            if i < len(words) and (classes[i] != "X" or words[i] in _LEGAL_BRACKETS):
                continue
            found = _english_range(words[begin:i]) if i > begin else None
            if found is not None:
                english.append((begin + found[0], begin + found[1]))
            acronyms = _bracket_acronyms(words[i]) if i < len(words) else ()
            if acronyms:
                # The long name: the words before the bracket, without a title in front.
                long_words = _trim_leading([(k, k, w) for k, w in enumerate(words[begin:i])])
                long_words = _last_of_pair(long_words)
                first = begin + long_words[0][0] if long_words else -1
                if first < 0:  # no long name: only a listed acronym is an organisation
                    acronyms = tuple(a for a in acronyms if a[2] in gazetteers().orgs)
                if acronyms:
                    definitions.append((first, i, acronyms))
            begin = i + 1
    return Shape(phrases, _head_indexes(words, classes), tuple(english), tuple(definitions))
