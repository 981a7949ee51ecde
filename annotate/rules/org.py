"""ORG pre-annotation: named organisations and their acronyms. Pure.

Handles, in Indonesian news:

    "Badan Pusat Statistik (BPS) mencatat ..."           long name and acronym: two spans,
    "... BPS memantau ..."                               and the acronym everywhere after
    "Komisi Pemberantasan Korupsi atau KPK menetapkan"   "Long Name atau ACRONYM"
    "Badan Meteorologi, Klimatologi, dan Geofisika"      head word + name, enumerations
    "PT Bank Mandiri (Persero) Tbk. (BMRI)"              legal form kept as written, no dot
    "Direktur Utama Sinar Geotermal Nusantara"           the PT name without its legal form
    "Komisi VIII DPR RI", "Polda Metro Jaya"             roman numerals, regional bodies
    "Indonesia Corruption Watch", "Japan Bank for International Cooperation"
                                                         English names with a head word
    "Mengutip Reuters", "dihubungi Tempo"                gazetteer (news agencies, ...)
    "Polda Metro Perluas ETLE" (headline)                a known name shortened in the title

and leaves out what is not an organisation: countries and cities even when they act
("Filipina", "Uni Soviet"), job titles ("Menteri Keuangan"), a bare head word
("seluruh 34 Polda"), lowercase descriptions ("bank sentral", "kantor pers"), acronyms of
things ("Indeks Harga Konsumen (IHK)", "Konferensi Tingkat Tinggi (KTT)").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

from annotate.rules import lexicon
from annotate.rules.capitals import (
    TRAILING_OK,
    Run,
    headline_end,
    is_acronym,
    phrase_matches,
    runs,
    sentence_initial,
    word_class,
)
from annotate.rules.gazetteer import gazetteers, odd_orgs, org_table
from annotate.rules.regex_trie import trie_pattern
from annotate.rules.spans import Span, mentions, select_longest
from corpus.records import Entity, span_id
from corpus.schemas import label_set

# By name, at import: a schema without the label fails here, not deep in a run.
_ORG = label_set().org_label

Token = tuple[int, int, str]

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
# A word of an organisation name, or a legal form in brackets ("(Persero)").
ORG_WORD = (
    rf"(?:[{_UPPER}][a-z]{{0,2}}\.(?= [{_UPPER}])"  # a title in a name: "RSUD Dr. Soetomo"
    rf"|[{_UPPER}][\w'’&]*(?:[-/.][\w'’&]+)*(?<!\.)|\((?:Persero|Perseroda)\))"
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
ATAU_RE = re.compile(r" atau (?P<acr>[A-Z][\w&-]*)(?![\w-])")
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


def _title_in_name(words: list[Token], i: int) -> bool:
    # "RSUD Dr. Soetomo": a title right after the head of a hospital or a university is part
    # of its name; anywhere else it starts a person ("Universitas Indonesia Dr. Rina ...").
    return i == 1 and words[0][2].lower() in lexicon.NAMED_AFTER_PEOPLE


_COMMA_OR_CONNECTOR = lexicon.ORG_CONNECTORS | {","}


def _head_run_at(text: str, position: int, known_ends: set[int]) -> Span | None:
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
        return (start, _end_without_full_stop(text, end))
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
        if word.endswith(",") or (_is_stop(word) and not _title_in_name(words, i)):
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


def _end_without_full_stop(text: str, end: int) -> int:
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
def _is_org_name(name: str, acronym: str) -> bool:
    gaz = gazetteers()
    if name in gaz.orgs or acronym in gaz.orgs:
        return True
    words = name.split(" ")
    if word_class(words[0]) == "H" or any(
        (a.lower(), b.lower()) in lexicon.ORG_HEADS_2 for a, b in pairwise(words)
    ):
        return True
    return any(_is_english_head(w) for w in words)


_Acronyms = tuple[tuple[int, int, str], ...]  # offsets in a bracket word, as written


def _bracket_acronyms(bracket: str) -> _Acronyms:
    # The acronyms a bracket word may define ("(BPS)", "( BPS )", "(TPIP dan TPID)"): their
    # offsets in the word, and as written.
    inner = bracket[1:-1]
    lead = 1 + len(inner) - len(inner.lstrip(" "))
    return tuple(
        (lead + start, lead + end, bracket[lead + start : lead + end])
        for start, end in _acronyms_in_bracket(inner.strip(" "))
    )


def _mid_sentence(text: str, start: int, end: int) -> bool:
    # "Antara", "Tempo" as names: not opening a sentence, not before a lowercase word
    # that makes them ordinary words ("Antara lain", "Tempo dulu").
    return not sentence_initial(text, start) and not text[end + 1 : end + 2].islower()


@cache
def _odd_org_keys() -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """The names that runs cannot hold (`odd_orgs`), by what to scan the text for: a rare
    character ("&" of "S&P": a one-character scan is several times faster), or a first word
    several of them share ("Kementerian "), else the whole name; with its offset in each."""
    names = sorted(odd_orgs())
    first_words = Counter(name.split(" ")[0] for name in names if " " in name)
    keys: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        rare = [c for c in name if not (c.isalnum() or c.isspace() or c in ",.-'’")]
        first = name.split(" ")[0]
        key = rare[0] if rare else f"{first} " if first_words[first] > 1 else name
        keys.setdefault(key, []).append((name, name.index(key)))
    return tuple((key, tuple(group)) for key, group in keys.items())


def _odd_org_mentions(text: str) -> list[Span]:
    """`mentions` of the `odd_orgs` names, one scan per key of `_odd_org_keys`. At every
    place the key is found, each name holding it is tested; as in `mentions`, an occurrence
    overlapping the last one found of the same name is passed over."""
    found: list[Span] = []
    for key, names in _odd_org_keys():
        i = text.find(key)
        if i < 0:
            continue
        if names == ((key, 0),):  # the whole name
            found += mentions(text, (key,), i, len(text))
            continue
        next_free = dict.fromkeys([name for name, _ in names], 0)
        while i >= 0:
            for name, offset in names:
                start = i - offset
                if start >= next_free[name] and text.startswith(name, start):
                    next_free[name] = start + len(name)
                    found += mentions(text, (name,), start, start + len(name))
            i = text.find(key, i + 1)
    return found


BUSINESS_RE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.BUSINESS_NOUNS, key=len, reverse=True)) + r")"
    r" [‘'](?P<name>[A-Z][\w&.-]*(?: (?:[A-Z][\w&.-]*|&|dan|di))*)[’']"
)
BRANCH_PLACE_RE = re.compile(rf" (?P<place>[{_UPPER}][\w-]+(?: [{_UPPER}][\w-]+)?)")


_BUSINESS_NOUN_LENGTHS = sorted({len(noun) for noun in lexicon.BUSINESS_NOUNS})


def _business_names(text: str) -> list[Span]:
    # A named shop or business in single quotes: "pemilik kedai ‘Kopi Bu Siti’". Scanning
    # the whole text with BUSINESS_RE is slow; it is only tried where a business noun and a
    # space stand before a quote, in text order, as `finditer` would.
    starts = set()
    for quote in "‘'":
        q = text.find(quote)
        while q >= 0:
            if text[q - 1 : q] == " ":
                for length in _BUSINESS_NOUN_LENGTHS:
                    if q > length and text[q - 1 - length : q - 1] in lexicon.BUSINESS_NOUNS:
                        starts.add(q - 1 - length)
            q = text.find(quote, q + 1)
    found = []
    end = 0
    for start in sorted(starts):
        if start >= end and (m := BUSINESS_RE.match(text, start)):
            found.append(m.span("name"))
            end = m.end()
    return found


def _with_branch(text: str, span: Span) -> Span:
    # A branch is the organisation plus its place: "Pemimpin Cabang BRI Cibinong", for a
    # span right after "cabang" (tested by the caller, inline: there are many spans).
    start, end = span
    m = BRANCH_PLACE_RE.match(text, end)
    if m is None:
        return span
    places = gazetteers().places
    words = m.group("place").split(" ")
    for k in range(len(words), 0, -1):
        if " ".join(words[:k]) in places:
            return (start, end + 1 + len(" ".join(words[:k])))
    return span


_COMPANY_FORMS = ("PT ", "CV ")


def _core_name(name: str) -> str | None:
    # "PT Sinar Geotermal Nusantara Tbk" -> "Sinar Geotermal Nusantara", used later without PT.
    if not name.startswith(_COMPANY_FORMS):
        return None
    words = [w for w in name.split(" ")[1:] if w.lower().rstrip(".") not in lexicon.LEGAL_FORMS]
    return " ".join(words) if len(words) >= 2 else None


_INDONESIA_AFTER = re.compile(r" Indonesia(?![\w-])")
_DOMAIN = re.compile(r"[A-Z][A-Za-z0-9-]*\.(?:co\.id|com|id|net|tv)(?!\w|\.\w)")
_DOMAIN_BEFORE = re.compile(r"[A-Za-z0-9-]*(?:\.co)?\Z")


def _domain_names(text: str) -> list[Span]:
    """Outlets named by their domain: "Katadata.co.id", "Detik.com" (not handles or
    paths: nothing glued before them). Only tried where a dot and a top-level domain stand:
    a scan for a capital letter would stop at every one."""
    starts = set()
    for tld in (".com", ".id", ".net", ".tv"):
        i = text.find(tld)
        while i > 0:
            word = _DOMAIN_BEFORE.search(text, max(0, i - 40), i)
            if word is not None and word.start() < i:
                starts.add(word.start())
            i = text.find(tld, i + 1)
    found = []
    for start in sorted(starts):
        m = _DOMAIN.match(text, start)
        if m and not (start and (text[start - 1].isalnum() or text[start - 1] in "@/.-_")):
            found.append(m.span())
    return found


_CITED = re.compile(r" (?:dari )?(?P<name>[A-Z][\w-]*)\b")


def _cited_sources(text: str, body_start: int) -> list[Span]:
    """A single name right after a verb that cites a source: "data yang dihimpun Bisnis",
    "dilansir Kyodo", "dikutip dari Katadata"; not a person, a place, a day or a month, and
    not one word of a longer name ("dilansir Kantor Berita X" is left to the other rules)."""
    gaz = gazetteers()
    found = []
    matches = []
    for cue in lexicon.SOURCE_CITING:  # str.find per cue: in C, and cues are rare
        i = text.find(cue, body_start)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and (m := _CITED.match(text, i + len(cue))):
                matches.append(m)
            i = text.find(cue, i + len(cue))
    for m in sorted(matches, key=lambda m: m.start()):
        name = m.group("name")
        end = m.end("name")
        if (
            re.match(r" [A-Z]|\.\w", text[end : end + 2])  # a longer name, a domain
            or word_class(name) not in "NAC"
            or name.lower() in TRAILING_OK
            or name in gaz.given_names
            or name in gaz.surnames
            or name in gaz.places
        ):
            continue
        found.append(m.span("name"))
    return found


def _parent_of_unit(text: str, span: Span) -> Span:
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


@dataclass(frozen=True, slots=True)
class OrgFinds:
    """ORG spans by how sure they are: `known` (lists, definitions, their repeats) are safe
    to mask person names with; `patterns` (head words, English names) may run long."""

    known: tuple[Span, ...]
    patterns: tuple[Span, ...]


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


class _Shape(NamedTuple):
    """What a run's words say, by word index: listed names (first, end, ambiguous), head
    words, English names (first, last word), and acronym definitions "Long Name (ACR)":
    the first word of the long name (-1 for none), the bracket, and the acronyms in it
    (offsets in the bracket word, as written)."""

    phrases: tuple[tuple[int, int, bool], ...]
    heads: tuple[int, ...]
    english: tuple[tuple[int, int], ...]
    definitions: tuple[tuple[int, int, _Acronyms], ...]


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
def _run_shape(words: tuple[str, ...], classes: str) -> _Shape:
    """The `_Shape` of a run's words: a function of the words alone, cached, since the same
    names recur; only the offsets and the text around a name are left to read."""
    table = org_table()
    phrases = () if table.keys().isdisjoint(words) else tuple(phrase_matches(list(words), table))
    english: list[tuple[int, int]] = []
    definitions: list[tuple[int, int, _Acronyms]] = []
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
    return _Shape(phrases, _head_indexes(words, classes), tuple(english), tuple(definitions))


# Classes a name after a context noun may hold: names, acronyms, organisation words and
# heads ("perusahaan Samsung Electronics", "saham Bank Mandiri", "klub Persija Jakarta").
_CONTEXT_NAME_CLASSES = frozenset("NAOEHGIcX")


# Last three letters of the context nouns: a cheap first test, run for every run.
_CONTEXT_TAILS = frozenset(noun[-3:] for noun in lexicon.ORG_CONTEXT_NOUNS)


def _after_context_noun(text: str, run: Run) -> tuple[Span, str] | None:
    """The run as a company, club or outlet when a context noun stands right before it:
    "saham Astra", "klub Arema", "perusahaan Yamaha Motor"; not a place ("perusahaan
    Inggris"), a person's title or a sentence word. With the noun."""
    start = run.start
    if start < 4 or text[start - 1] != " " or not text[start - 2].islower():
        return None
    before = text[max(0, start - 16) : start - 1]
    noun = before[before.rfind(" ") + 1 :]
    if noun not in lexicon.ORG_CONTEXT_NOUNS:
        return None
    classes = run.classes
    n = 0
    # "saham BMRI dan TLKM": "dan" joins two names here, it is not inside one.
    # A place may go on a name ("klub Persija Jakarta", "maskapai Garuda Indonesia").
    while (
        n < len(classes)
        and run.words[n] != "dan"
        and (classes[n] in _CONTEXT_NAME_CLASSES or (n and classes[n] == "P"))
    ):
        n += 1
    while n and classes[n - 1] in "cX":
        n -= 1
    if n == 0 or classes[0] in "cHX" or (n == 1 and classes[0] == "O"):
        return None
    if noun in lexicon.PERSON_OR_CLUB_NOUNS and not _club_name(run.words[:n], classes[:n]):
        return None
    return (start, _end_without_full_stop(text, run.tokens[n - 1][1])), noun


def _club_name(words: tuple[str, ...], classes: str) -> bool:
    # After "tim" or "pemain": a name that no list makes a person's, not a bare acronym.
    gaz = gazetteers()
    first = words[0]
    if classes == "A" or first in gaz.given_names or first in gaz.surnames:
        return False
    return not any(w in gaz.given_names for w in words[1:]) or first in gaz.orgs


def _in_headline(text: str, body_start: int, spans: list[Span]) -> list[Span]:
    """A headline shortens names the article spells out ("Polda Metro" for "Polda Metro Jaya"):
    the body's names of two words or more, and their first two words or more, in the headline.
    Each such name starts with its first word and a space, so a name whose first word the
    headline lacks is passed over before it is cut into its shorter forms."""
    headline = text[:body_start]
    names: set[str] = set()
    for name in {text[s:e] for s, e in spans if s >= body_start}:
        space = name.find(" ")
        if space < 0 or name[: space + 1] not in headline:
            continue
        names.add(name)
        parts = name.split(" ")
        names.update(
            " ".join(parts[:k])
            for k in range(2, len(parts))
            if parts[k - 1].lower() not in lexicon.ORG_CONNECTORS
        )
    return mentions(text, names, 0, body_start)


@lru_cache(maxsize=8)
def org_finds(text: str) -> OrgFinds:
    """Every ORG candidate span of `text` (overlapping; see `annotate_orgs`)."""
    body_start = headline_end(text)
    gaz = gazetteers()
    table = org_table()
    known: list[Span] = _business_names(text) + _odd_org_mentions(text)
    patterns: list[Span] = []
    heads: list[int] = []
    defined: list[Span] = []  # acronyms and their long names
    defined_acronyms: set[str] = set()
    clubs: set[str] = set()  # names after "klub", "tim": found again wherever they stand
    for run in runs(text):
        tokens = run.tokens
        first_start = tokens[0][0]  # run.start, without the property call: every run
        if text[first_start - 4 : first_start - 1] in _CONTEXT_TAILS and not run.in_title:
            context = _after_context_noun(text, run)
            if context is not None:
                span, noun = context
                if noun in lexicon.CLUB_CONTEXT_NOUNS:
                    clubs.add(text[span[0] : span[1]])
                else:
                    patterns.append(span)
        if len(tokens) == 1:  # most runs: one dictionary lookup, nothing else can start here
            start, end, word = tokens[0]
            for phrase, ambiguous in table.get(word, ()):
                if len(phrase) == 1 and (not ambiguous or _mid_sentence(text, start, end)):
                    known.append((start, end))
            continue
        shape = _run_shape(run.words, run.classes)
        for i, j, ambiguous in shape.phrases:
            span = (tokens[i][0], tokens[j - 1][1])
            if not ambiguous or _mid_sentence(text, *span):
                known.append(span)
        if run.in_title:
            continue  # headline capitals are unreliable: only listed and repeated names
        if shape.heads:
            heads += [tokens[i][0] for i in shape.heads]
        for first, last in shape.english:
            patterns.append((tokens[first][0], _end_without_full_stop(text, tokens[last][1])))
        for first, bracket, acronyms in shape.definitions:
            at = tokens[bracket][0]
            if first < 0:
                defined += [(at + a_start, at + a_end) for a_start, a_end, _ in acronyms]
                defined_acronyms.update(written for _, _, written in acronyms)
                continue
            long = (tokens[first][0], _end_without_full_stop(text, tokens[bracket - 1][1]))
            name = text[long[0] : long[1]]
            for a_start, a_end, written in acronyms:
                if _is_org_name(name, written):  # true for a listed acronym too
                    defined += [(at + a_start, at + a_end), long]
                    defined_acronyms.add(written)

    known_ends = {end for _, end in known} if heads else set()
    last_end = -1
    for position in heads:
        if position < last_end:
            continue  # "Fraksi [Partai] Golkar": inside the name found from "Fraksi"
        head_span = _head_run_at(text, position, known_ends)
        if head_span is not None:
            patterns.append(head_span)
            last_end = head_span[1]

    known += defined
    known += _domain_names(text) + _cited_sources(text, body_start)
    repeated = defined_acronyms
    # Each distinct span once (the lists repeat spans), and the cheap string tests first:
    # few spans are followed by "atau" or start with "PT".
    for start, end in {*known, *patterns}:
        if text.startswith(" atau ", end):
            after = ATAU_RE.match(text, end)
            if after and (is_acronym(after.group("acr")) or after.group("acr") in gaz.orgs):
                known.append(after.span("acr"))
                repeated.add(after.group("acr"))
        # Only a company name closed by its legal form or an acronym is safe to reuse
        # without "PT": "PT Cahaya Investama Sekuritas Dwi Rahayu ..." runs into a name.
        if text.startswith(_COMPANY_FORMS, start, end) and (
            text.endswith(("Tbk", "Tbk.", ")"), start, end) or text.startswith(" (", end)
        ):
            core = _core_name(text[start:end])
            if core is not None:
                repeated.add(core)
    repeated |= clubs
    repeated -= gaz.orgs  # listed names are found everywhere already
    known += mentions(text, repeated, 0, len(text))

    if body_start:
        known += _in_headline(text, body_start, [*known, *patterns])

    places = gaz.places
    kept = set()
    for span in set(known):  # one loop, the tests inline: every listed span passes here
        start, end = span
        if (text[start - 7 : start] if start >= 7 else text[:start]).lower() == "cabang ":
            span = _with_branch(text, span)
            start, end = span
        if text.startswith(" Indonesia", end) and _INDONESIA_AFTER.match(text, end):
            name = text[start:end]
            if " " not in name and name in gaz.orgs:
                span = (start, end + len(" Indonesia"))  # "CNN Indonesia", "BBC Indonesia"
        if text[start:end] not in places:
            kept.add(_parent_of_unit(text, span))
    return OrgFinds(
        known=tuple(sorted(kept)),
        patterns=tuple(
            sorted({_parent_of_unit(text, s) for s in patterns if text[s[0] : s[1]] not in places})
        ),
    )


def annotate_orgs(text: str) -> tuple[Entity, ...]:
    """ORG entities of a canonical article text, in text order, without overlaps."""
    label = _ORG
    finds = org_finds(text)
    return tuple(
        Entity(span_id("entities", start, end), start, end, text[start:end], label)
        for start, end in select_longest([*finds.known, *finds.patterns])
    )
