"""PER pre-annotation: names of people, titles and degrees outside. Pure.

Handles, in Indonesian news:

    "Presiden Joko Widodo"                        -> "Joko Widodo"  (title before)
    "Menteri Keuangan Sri Mulyani Indrawati"      -> portfolio words skipped
    "Kapolri Jenderal Pol. Darmawan Hadi Saputra" -> chained titles and ranks
    "Prof. Dr. H. Saifullah Harun", "dr. Hendrawan Saputra-Lim, M.Kes"
                                                  -> academic prefixes, degree after a comma
    "Presiden Dewan Eropa, Charles Michel"        -> name after a title and a comma
    "..., kata Pudji", "Menurut Hendra, ..."      -> attribution verb before the name
    "Hendra Wibisana menilai ..."                 -> speech verb after the name
    "Siti Rahmawati (38)", "berinisial RS"        -> age in brackets, initials
    "Tokayev", "Sri Mulyani", "Jokowi"            -> later mentions of a name already found
                                                     (document-level propagation)

and leaves out titles and places ("Presiden Kazakhstan" is no name; "Jakarta" never is),
organisation words ("Koalisi Pejalan Kaki"), handles ("@ranidwi_"), capitalised
sentence openers ("Perseroan menargetkan ...").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from annotate.rules import lexicon
from annotate.rules.capitals import TRAILING_OK, Run, Token, runs, sentence_initial
from annotate.rules.gazetteer import gazetteers
from annotate.rules.org import org_finds
from annotate.rules.spans import SortedSpans, Span, mentions, merged, overlaps, select_longest
from corpus.records import Entity, span_id
from corpus.schemas import label_set

# By name, at import: a schema without the label fails here, not deep in a run.
_PER = label_set().person_label


# "..., kata Pudji", "“...,” ujar Presiden Tokayev", "Menurut Hendra": the name follows.
_PUNCT = "“”\"'‘’(),.:;!?"


def _words_before(text: str, start: int) -> list[str]:
    """The (up to) three words before `start` in its paragraph, lowercased, without the
    punctuation around them; a comma or a full stop right after a word is kept as its own
    item: "kuasa hukum pemohon, " -> ["hukum", "pemohon", ","]. Plain string work: this is
    called for every candidate name."""
    window = text[max(0, start - 40) : start]
    window = window[window.rfind("\n") + 1 :]
    out: list[str] = []
    # rsplit with a limit: the same last three words without splitting the whole window.
    for word in window.rsplit(None, 3)[-3:]:
        out.append(word.strip(_PUNCT).lower())
        if word.endswith(","):  # split words hold no space
            out.append(",")
        elif word.rstrip("”\"'’)").endswith((".", "!", "?", ":")):
            out.append(".")
    return out


SPEECH, ACTIVE_ME, ACTIVE_BER, PASSIVE = "speech", "me", "ber", "di"


def _verb_after(text: str, end: int) -> str:
    """What follows a candidate name, past a comma and a few adverbs: SPEECH ("Hendra
    Wibisana menilai", "Yosua Pangaribuan, mengatakan", "Tokayev juga mengatakan"), an
    active verb ACTIVE_ME ("Rabiot membalikkan") or ACTIVE_BER ("Wiratmo berencana", and
    the predicates of people: "Jokowi tiba"), a passive verb PASSIVE ("Anwar dilantik"),
    or ""."""
    words = text[end : end + 60].split(maxsplit=5)
    i = 0
    if words and words[0] == ",":
        i = 1
    elif text[end : end + 1] != " ":
        if text[end : end + 1] != ",":
            return ""
        words[0] = words[0][1:]  # "Pangaribuan," was cut before its comma
        if not words[0]:
            i = 1
    skipped = 0
    while i < len(words) and skipped <= 3:
        word = words[i].rstrip(",.;:")
        if word in lexicon.SPEECH_VERBS:  # "mengaku" is both: "Yuddy mengaku ..."
            return SPEECH
        if len(word) >= 6 and word.isalpha() and word.islower():
            if word.startswith("me"):
                return ACTIVE_ME
            if word.startswith("ber") and len(word) >= 7:
                return ACTIVE_BER
            if word.startswith("di"):
                return PASSIVE  # "Jokowi dilantik", "Benzema ditepikan"
        if word in lexicon.PERSON_PREDICATES:
            return ACTIVE_BER  # "Jokowi tiba di", "Ahok yakin"
        if word not in lexicon.SUBJECT_ADVERBS:
            return ""
        i += 1
        skipped += 1
    return ""


def _role_precedes(before: list[str]) -> bool:
    # "peneliti ICW Tama Prasetyo", "kuasa hukum pemohon, Yosua", "koordinatornya, Ayu".
    if before[-1:] == [","]:
        before = before[:-1]
        candidates = before[-2:]
    else:
        candidates = before[-1:]
    return any(
        w in lexicon.ROLE_NOUNS or w.removesuffix("nya") in lexicon.ROLE_NOUNS for w in candidates
    )


# Words a name follows: attribution ("kata Pudji", "menurut Hendra"), the agent of a passive
# speech verb ("Hal itu disampaikan Jonan"), and a nickname ("akrab disapa Emil").
_SOURCE_WORDS = (
    lexicon.ATTRIBUTION_VERBS
    | lexicon.PASSIVE_SPEECH_VERBS
    | {"menurut", "oleh", "disapa", "dipanggil", "sapaan", "alias"}
)
# Words after which capitals name a place, not a person.
_PLACE_BEFORE = frozenset({"di", "ke", "menuju", "markas", "kandang", "asal"}) | (
    lexicon.RESIDENCE_WORDS
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# ", warga Kelurahan ...", ", pedagang sayur ...": a role after a comma describes the name.
_ROLE_AFTER = re.compile(r", (?P<role>[a-z]+)\b")
_AGE_AFTER = re.compile(r" \( ?\d{1,3}(?: tahun)? ?\)")
_INITIALS = re.compile(r"\b(?:ber)?inisial (?P<initials>[A-Z]{2,4})\b")
_MORE_INITIALS = re.compile(r"(?: ?,)?(?: dan)? (?P<initials>[A-Z]{2,4})\b")


def _mask_known_orgs(run: Run, org_area: SortedSpans) -> str:
    # Words inside an organisation name from the lists or an acronym definition are never
    # part of a person's name ("Peneliti [Indonesia Corruption Watch] (ICW) Tama"). Called
    # only for runs that overlap one (person_spans tests that in its sweep).
    return "".join(
        "K" if overlaps(org_area, t_start, t_end) else cls
        for (t_start, t_end, _), cls in zip(run.tokens, run.classes, strict=True)
    )


def _pieces(classes: str) -> list[tuple[int, int]]:
    # The run cut at its connectors ("dan", "untuk"): each piece may hold one name.
    if "c" not in classes:
        return [(0, len(classes))]
    pieces = []
    begin = 0
    for i, cls in enumerate(classes):
        if cls == "c":
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, len(classes)))
    return [(b, e) for b, e in pieces if e > b]


def _titles_inside(run: Run, classes: str) -> str:
    # A title word that is also a listed name, between two name words, is a name word:
    # "Lukman Hakim Saefuddin" (not "Lukman" + title "Hakim").
    gaz = gazetteers()
    out = list(classes)
    for i in range(1, len(out) - 1):
        if out[i] == "T" and out[i - 1] == "N" and out[i + 1] == "N":
            word = run.tokens[i][2]
            if word in gaz.surnames or word in gaz.given_names:
                out[i] = "N"
    return "".join(out)


def _initials_inside(run: Run, classes: str) -> str:
    # A one-letter capital between name words is an initial ("Sonny T Danaparamita").
    if "T" in classes and "NTN" in classes:
        classes = _titles_inside(run, classes)
    if "A" not in classes:
        return classes
    out = list(classes)
    for i in range(1, len(out) - 1):
        if out[i] == "A" and len(run.tokens[i][2]) == 1 and out[i - 1] == out[i + 1] == "N":
            out[i] = "I"
    return "".join(out)


_BRACKET_AFTER = re.compile(r" \( ?(?P<short>[A-Z][A-Za-z]{1,11}) ?\)")


def _bracketed_short_names(text: str, found: list[Span], org_area: SortedSpans) -> list[Span]:
    # A short name in brackets right after a person is that person: "Susilo Bambang Yudhoyono
    # (SBY)", "Basuki Tjahaja Purnama (Ahok)"; later "SBY" is found by propagation.
    out = []
    known_orgs = gazetteers().orgs
    for _, end in found:
        m = _BRACKET_AFTER.match(text, end)
        if m and m.group("short") not in known_orgs and not overlaps(org_area, *m.span("short")):
            out.append(m.span("short"))
    return out


_SHORT_CAPS = re.compile(r"[A-Z]{2,3}")


def _unlisted_initials(token: Token, org_area: SortedSpans) -> bool:
    # Two or three capitals that no list or acronym definition makes an organisation.
    start, end, word = token
    return (
        _SHORT_CAPS.fullmatch(word) is not None
        and word not in gazetteers().orgs
        and not overlaps(org_area, start, end)
    )


def _attributed_initial(text: str, run: Run, org_area: SortedSpans) -> bool:
    # People known by their initials, right after an attribution verb: "..., kata [JK]",
    # "ujar [SBY]". Organisations speak through people, so an unlisted acronym there is
    # taken for a person; listed ones ("kata KPK") stay organisations.
    if not _unlisted_initials(run.tokens[0], org_area):
        return False
    before = _words_before(text, run.tokens[0][0])
    return bool(before) and before[-1] in lexicon.ATTRIBUTION_VERBS


# Titles only a person holds: the initials after them name that person ("Wapres JK",
# "Presiden SBY", "Pak JK"); after other titles they are a body ("Ketua DPC", "Kepala BNN").
_PERSON_ONLY_TITLES = lexicon.HONORIFICS | {"presiden", "wapres"}


def _initials_after_title(run: Run, org_area: SortedSpans) -> bool:
    return (
        run.tokens[-2][2].lower().rstrip(".") in _PERSON_ONLY_TITLES
        and run.tokens[-1][2] not in gazetteers().places  # "Presiden RI", "Presiden AS"
        and _unlisted_initials(run.tokens[-1], org_area)
    )


def _initials(text: str) -> list[Span]:
    # "berinisial RS", "berinisial AS, MR, dan DW".
    found = []
    for m in _INITIALS.finditer(text):
        found.append(m.span("initials"))
        for more in _MORE_INITIALS.finditer(text, m.end()):
            if more.start() != found[-1][1]:
                break
            found.append(more.span("initials"))
    return found


def _name_segment(run: Run, classes: str) -> tuple[int, int] | None:
    """Token range of the name at the end of a run (titles, places, acronyms before it)."""
    end = len(classes)
    # Degrees written without a comma ("... Hutapea SpPD"), days ("Anies Senin") and a
    # bracketed short name ("Susilo Bambang Yudhoyono (SBY)") trail.
    while end > 1 and (
        classes[end - 1] in "DX"
        or (classes[end - 1] == "A" and _bare(run, end - 1) in lexicon.DEGREES)
        or _bare(run, end - 1) in TRAILING_OK
    ):
        end -= 1
    start = end
    while start > 0 and classes[start - 1] in "NIp":
        start -= 1
    while start < end and classes[start] in "pI" and "N" not in classes[start:end]:
        start += 1
    while start < end and classes[start] == "p":
        start += 1
    if "N" not in classes[start:end]:
        return None
    return start, end


def _bare(run: Run, i: int) -> str:
    return run.tokens[i][2].rstrip(".").replace(".", "").lower()


def _comma_between(text: str, end: int, start: int) -> bool:
    # ", " between two runs, also as tokenised text writes it (" , ").
    return text[end:start] in (", ", " , ")


class _Name(NamedTuple):
    """A name segment of a run (tokens `first` to `last`) with the runs around it: what the
    evidence checks below look at."""

    text: str
    run: Run
    classes: str
    first: int
    last: int
    start: int  # text offsets of the segment
    end: int
    words: list[str]  # its capitalised words
    previous: Run | None
    following: Run | None
    appositive_follows: bool  # ", Name" right after it: the name may be that one


def _has_evidence(
    text: str,
    run: Run,
    classes: str,
    seg: tuple[int, int],
    previous: Run | None,
    following: Run | None,
    title_before: bool = False,
) -> bool:
    """Whether the name segment `seg` of `run` is a person's name, by what stands around it:
    a title or role before it, a citing verb, the name lists, the verb after it, an
    apposition. The first check that decides, in that order, gives the answer."""
    first, last = seg
    end = run.tokens[last - 1][1]
    name = _Name(
        text,
        run,
        classes,
        first,
        last,
        run.tokens[first][0],
        end,
        [t[2] for t in run.tokens[first:last] if t[2][0].isupper()],
        previous,
        following,
        following is not None
        and _comma_between(text, end, following.start)
        and following.classes[0] == "N"
        and last == len(classes),
    )
    decided = _evidence_before(name, title_before)
    if decided is None:
        decided = _evidence_from_lists_and_verb(name)
    if decided is None:
        decided = _evidence_after(name)
    return decided


def _evidence_before(name: _Name, title_before: bool) -> bool | None:
    """What stands before the name decides: a title, role or citing verb (True), a place
    word or a number (False); None if nothing there does."""
    text, run, classes, first, start = name.text, name.run, name.classes, name.first, name.start
    if (_title_leads(classes, first) or title_before) and not name.appositive_follows:
        # "Presiden Joko Widodo", "Kepala BPKH Dr. Ahmad Fauzan Syarif"; but in "Kepala
        # Stasiun Meteorologi Maritim Tanjung Emas, Retno Wulandari" the name is after the comma.
        return True
    if (
        name.appositive_follows
        and _title_leads(classes, first)
        and name.words[0] not in gazetteers().given_names
    ):
        return False  # "ujar Camat Sukajadi, Asep Sunandar": the title's place, then the name
    before = _words_before(text, start)
    if first == 0 and before and before[-1] in _PLACE_BEFORE:
        return False  # "di Austin", "markas Wolfsburg", "menuju Kenjeran": a place
    if first == 0 and before and _NUMBER.fullmatch(before[-1]):
        return False  # "500 Jiwa", "5,7 Skala Richter": a counted noun or a unit
    if _AGE_AFTER.match(text, name.end) or (
        before and _role_precedes(before) and not name.appositive_follows
    ):  # "pelatih Klopp"; but in "bek City, Bacary Sagna" the name is after the comma
        return True
    run_before = before if first == 0 else _words_before(text, run.start)
    if (run_before and run_before[-1] in _SOURCE_WORDS) or (
        first > 0 and run.tokens[first - 1][2].lower() in _SOURCE_WORDS
    ):
        return True  # "kata Andreas", "Menurut Hendra, ..."
    previous = name.previous
    if (
        previous is not None
        and first == 0
        and _comma_between(text, previous.end, run.start)
        and "T" in previous.classes
        and previous.classes[-1] != "N"
    ):
        return True  # "Presiden Dewan Eropa, Charles Michel"
    return None


def _evidence_from_lists_and_verb(name: _Name) -> bool | None:
    """The name lists and the verb after the name decide, weighed by whether the name opens
    a sentence (where a capitalised noun looks like a name); None if they do not."""
    words, first, last = name.words, name.first, name.last
    gaz = gazetteers()
    if len(words) >= 2 and words[0].rstrip(".") in gaz.given_names:
        return True  # "Anies Baswedan", "Moh. Rizal Hakim": a listed given name opens it
    initial = first == 0 and sentence_initial(name.text, name.run.start)
    verb = _verb_after(name.text, name.end)
    if verb == SPEECH:
        # A capitalised sentence opener before a verb is often a noun ("Perseroan
        # menargetkan"): alone at the start of a sentence it needs the name lists.
        return not (initial and len(words) == 1) or _listed(words[0]) or _name_shaped(words[0])
    if initial and len(words) == 1 and verb:
        # "Rustri merupakan ...": a lone opener before an active verb, when it cannot be a
        # derived noun ("Pandangan berbeda", "Disusul melawan") or a listed word; a listed
        # given name is a name ("Morgan mempunyai", "Kevin bertanding").
        word = words[0]
        if _listed(word):
            return True
        return (
            verb == ACTIVE_ME
            and _name_shaped(word)
            and not word.endswith("an")
            and not word.startswith("Di")
        )
    if len(words) == 1 and not initial and _listed(words[0]):
        return True  # "bertemu Prabowo di Istana": a listed name mid-sentence
    if not initial and len(words) <= 3 and verb:
        # "..., Rabiot membalikkan keunggulan": an unknown name mid-sentence before an
        # active verb (a sentence opener there is too often a noun: "Sikap berbeda ...").
        return True
    if (
        len(words) >= 2
        and not initial
        and last - first <= 3
        and name.classes[first:last] == "N" * (last - first)
        and any(w in gaz.given_names or w in gaz.surnames for w in words)
    ):
        # "ditepis Roger Federer": two or three name-like words mid-sentence, one of them a
        # listed given name or surname.
        return True
    return None


def _evidence_after(name: _Name) -> bool:
    """What follows the name decides, last: a role noun after a comma ("Tomi, warga ..."),
    or the name standing between commas as an apposition."""
    text, words, start, end = name.text, name.words, name.start, name.end
    role_after = _ROLE_AFTER.match(text, end)
    if (
        role_after
        and role_after.group("role") in lexicon.ROLE_NOUNS
        and len(words) <= 3
        and _name_shaped(words[0])
    ):
        return True  # "Tomi, warga Kelurahan ...", "Budi Santoso, pedagang sayur, ..."
    following, previous = name.following, name.previous
    return (  # "..., Ayu Widyaningrum, kamera ..."
        name.first == 0
        and len(words) >= 2
        and text[start - 2 : start] == ", "
        and text[end : end + 2].lstrip(" ")[:1] == ","
        # "Desa X, Kecamatan Y, Kabupaten Z": places listed from the smallest up.
        and not (following is not None and following.classes[0] == "P")
        and not (previous is not None and _is_place_phrase(previous))
    )


def _title_leads(classes: str, first: int) -> bool:
    # A title before the name in its run, with only portfolio words, organisations, places
    # and acronyms between ("Menteri Pertanian Filipina Ramon", "Kepala BPKH Dr. Ahmad");
    # not a title-case line where other words stand between ("Walikota X Kaget ... Jadi Y").
    t = classes.rfind("T", 0, first)
    return t >= 0 and not any(c in "NCG" for c in classes[t + 1 : first])


def _is_place_phrase(run: Run) -> bool:
    # "Kelurahan Damai", "Kecamatan Sukamaju", "Jakarta": a run that names a place.
    first = run.tokens[0][2].lower().rstrip(".")
    return first in lexicon.PLACE_NOUNS or run.classes[0] == "P"


_NOUN_AFFIXES = re.compile(r"(?:pe[mnr]?|ke|per)\w+an$|\w+(?:nya|isme|isasi)$", re.IGNORECASE)


def _name_shaped(word: str) -> bool:
    # A lone sentence opener before a speech verb ("Jonan mengatakan") is a name unless it
    # is a noun: a listed common word, an institution noun, or shaped like a derived noun
    # ("Perseroan", "Kepolisian", "Pihaknya", "Pemerintah" is listed).
    lower = word.lower()
    return not (
        lower in gazetteers().common_words
        or lower in lexicon.INSTITUTION_NOUNS
        or lower in lexicon.ROLE_NOUNS
        or lower in lexicon.PERSON_NOUNS
        or _NOUN_AFFIXES.match(word)
    )


def _listed(word: str) -> bool:
    gaz = gazetteers()
    listed = word in gaz.given_names or word in gaz.surnames
    return listed and word.lower() not in gaz.common_words


def _split_after_org(run: Run, classes: str, seg: tuple[int, int]) -> tuple[int, int] | None:
    # After a place noun the capitals name the place ("Jalan [Daan Mogot]", "Jalan TB
    # [Simatupang]"). Right after an organisation head word they name the organisation
    # ("Koalisi [Pejalan Kaki]"), also when it is named after someone ("RSUD Dr. [Soetomo]").
    # There a person can only start at a listed given name ("PT Maju Jaya [Budi Santoso]
    # mengatakan", "Kepala Desa Sukamaju [Slamet Riyadi]").
    first, last = seg
    given = gazetteers().given_names
    tokens = run.tokens
    if first >= 2 and classes[first - 1] == "T" and _named_after_people(tokens[first - 2][2]):
        return None
    if first >= 1 and tokens[first - 1][2].lower() in lexicon.FIELD_WORDS:
        return None  # "Deputi Bidang Pencegahan ...": a field of work, not a person
    if first >= 1 and tokens[first - 1][2].lower() in lexicon.RESIDENCE_WORDS:
        return None  # "Warga Sukamaju mengungsi": where they live
    titles = first
    while titles > 0 and classes[titles - 1] == "T":
        titles -= 1
    if titles < first and titles > 0 and _bare_lower(tokens[titles - 1][2]) in lexicon.PLACE_NOUNS:
        return None  # "Jalan Jenderal Sudirman", "Jalan Mayor Pol X": a street
    if tokens[first][2].lower().rstrip(".") in lexicon.PLACE_NOUNS:
        # The place noun opens the segment itself: "Jl Veteran", "Gedung Sate" name places.
        first += 1
        after_place = True
    else:
        after_place = False
    for k in range(first - 1, -1, -1):
        if classes[k] in "TH":
            break
        if tokens[k][2].lower().rstrip(".") in lexicon.PLACE_NOUNS:
            # Only when the place's own name is still open: "Kota Surabaya [Nanik ...]" is not;
            # "Lapas Kelas IIA [Cipinang]" is.
            after_place = all(c in "AIC" for c in classes[k + 1 : first])
            break
    if after_place or (first > 0 and classes[first - 1] == "H"):
        for k in range(first + 1, last):
            if tokens[k][2] in given:
                return k, last
        return None
    if last - first >= 4 and tokens[first][2] not in given:
        # A long run of capitals that does not open with a given name but holds one is an
        # unknown organisation and a person: "Indonesia Political Opinion [Dedi Kurnia Syah]".
        for k in range(first + 1, last - 1):
            if tokens[k][2] in given:
                return k, last
    return seg


def _bare_lower(word: str) -> str:
    return word.lower().rstrip(".")


def _named_after_people(head: str) -> bool:
    return head.lower() in lexicon.NAMED_AFTER_PEOPLE


@lru_cache(maxsize=65536)
def _forms(name: str) -> frozenset[str]:
    # The forms a name may be mentioned by (see `_propagate`): a function of the name alone,
    # cached, since the same names recur.
    gaz = gazetteers()
    forms: set[str] = set()
    words = name.split(" ")
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            form = words[i:j]
            if form[0] in lexicon.NAME_PARTICLES or form[-1] in lexicon.NAME_PARTICLES:
                continue
            if len(form) == 1:
                word = form[0]
                common = word.lower() in gaz.common_words and word not in gaz.given_names
                if len(word) < 3 or word.endswith(".") or common:
                    continue
            forms.add(" ".join(form))
    return frozenset(forms)


def _propagate(found: list[Span], text: str) -> list[Span]:
    # Every later (and earlier) mention of a name already found: the full name, any two or
    # more of its words in a row ("Sri Mulyani"), and single words that are not ordinary
    # words ("Tokayev", "Pudji"; not "Bagus" alone). A handful of forms per article: each
    # is looked up with str.find (in C), whole words only.
    forms: set[str] = set()
    for name in {text[start:end] for start, end in found}:
        forms.update(_forms(name))
    return mentions(text, forms, 0, len(text))


Candidate = tuple[int, int, str, tuple[int, int], bool]


@lru_cache(maxsize=65536)
def _candidates(words: tuple[str, ...], masked: str) -> tuple[Candidate, ...]:
    """The possible names of a run, from its words and (org-masked) classes alone, so cached:
    (begin, end, classes) of each piece, the name's token range in it, and whether a title
    goes on into the piece. Whether a candidate is a name is decided in context."""
    # The segment rules read only the words: the offsets of this stand-in run are unused.
    run = Run(tuple([(0, 0, w) for w in words]), masked, False, words)
    classes = _initials_inside(run, masked)
    out = []
    # Names joined by "dan" are two names ("Anies Baswedan dan Sandiaga Uno").
    for begin, end in _pieces(classes):
        piece = Run(run.tokens[begin:end], classes[begin:end], False, words[begin:end])
        # "Menteri Pemuda dan Olahraga [Roy ...]": a portfolio joined by "dan" goes on
        # with the title, so the name after it has the title as evidence.
        title_goes_on = (
            begin >= 2
            and classes[begin - 2] in "OA"
            and classes[begin] in "OA"
            and "T" in classes[: begin - 1]
        )
        seg = _name_segment(piece, piece.classes)
        if seg is not None:
            seg = _split_after_org(piece, piece.classes, seg)
        if seg is not None:
            out.append((begin, end, piece.classes, seg, title_goes_on))
    return tuple(out)


_LIST_ITEM_CLASSES = frozenset("NIp")
_LIST_SEPARATORS = (" dan ", ", dan ", " , dan ", " serta ")


def _coordinated(text: str, found: list[Span], unproven: list[Span]) -> list[Span]:
    """Name-like pieces listed next to a person are people too: "Vardy, Mahrez, [Kante],
    dan Drinkwater", "[Rafael Nadal] dan Roger Federer" (when Federer is known). Spreads
    along the list, one neighbour at a time."""
    starts = {start for start, _ in found}
    ends = {end for _, end in found}
    # Each piece with a list separator beside it: where its neighbours would end (before
    # it) or start (after it). Most pieces have none and drop out here, once.
    linked = []
    for start, end in unproven:
        lefts = [start - len(sep) for sep in _LIST_SEPARATORS if text.endswith(sep, 0, start)]
        rights = [end + len(sep) for sep in _LIST_SEPARATORS if text.startswith(sep, end)]
        if lefts or rights:
            linked.append(((start, end), lefts, rights))
    out: list[Span] = []
    grown = True
    while grown:  # at most len(linked) rounds: each round takes one piece or stops
        grown = False
        for item in linked:
            (start, end), lefts, rights = item
            if any(p in ends for p in lefts) or any(p in starts for p in rights):
                out.append((start, end))
                starts.add(start)
                ends.add(end)
                linked.remove(item)
                grown = True
                break
    return out


@lru_cache(maxsize=8)
def person_spans(text: str) -> tuple[Span, ...]:
    """Non-overlapping PER spans of `text`, in order."""
    all_runs = runs(text)
    # Known organisation names never hold a person ("Universitas Gadjah Mada").
    org_area = merged(org_finds(text).known)
    found: list[Span] = []
    unproven: list[Span] = []  # name-like pieces without evidence of their own
    # Runs and organisation spans are both in text order: one pointer finds the first
    # organisation span that may overlap each run, instead of a search per run.
    org_starts, org_ends = org_area.starts, org_area.ends
    k = 0
    for index, run in enumerate(all_runs):
        if run.in_title or "N" not in run.classes:
            if run.in_title:
                continue
            if run.classes == "A" and _attributed_initial(text, run, org_area):
                found.append((run.start, run.end))
            elif run.classes.endswith("TA") and _initials_after_title(run, org_area):
                found.append(run.tokens[-1][:2])
            continue
        words = run.words
        run_start = run.tokens[0][0]
        while k < len(org_ends) and org_ends[k] <= run_start:
            k += 1
        if k < len(org_starts) and org_starts[k] < run.tokens[-1][1]:
            candidates = _candidates(words, _mask_known_orgs(run, org_area))
        else:
            candidates = _candidates(words, run.classes)
        if not candidates:
            continue
        n = len(words)
        previous = all_runs[index - 1] if index else None
        following = all_runs[index + 1] if index + 1 < len(all_runs) else None
        for begin, end, piece_classes, seg, title_goes_on in candidates:
            piece = Run(run.tokens[begin:end], piece_classes, run.in_title, words[begin:end])
            span = (piece.tokens[seg[0]][0], piece.tokens[seg[1] - 1][1])
            if not _has_evidence(
                text,
                piece,
                piece_classes,
                seg,
                previous if begin == 0 else None,
                following if end == n else None,
                title_goes_on,
            ):
                if seg == (0, end - begin) and set(piece_classes) <= _LIST_ITEM_CLASSES:
                    unproven.append(span)
                continue
            found.append(span)
    if unproven and found:
        found += _coordinated(text, found, unproven)
    initials = _initials(text) if "inisial" in text else []
    found += _bracketed_short_names(text, found, org_area)
    found += _propagate(found + initials, text)
    found = _without_places(text, found)
    kept = [s for s in found if not overlaps(org_area, *s)]
    # "berinisial DW": initials are a person even when an organisation has the same letters.
    return tuple(select_longest(initials + kept))


_PLACE_MARKERS = frozenset({"di"}) | lexicon.RESIDENCE_WORDS


def _in_place_position(text: str, start: int) -> bool:
    """Whether the capitals at `start` follow a place noun ("Kecamatan X", "Pulau X"), "di"
    or a word of residence ("warga X"): a place."""
    if text[start - 1 : start] != " ":
        return False
    window = text[max(0, start - 16) : start - 1]
    word = _bare_lower(window[window.rfind(" ") + 1 :])
    return word in _PLACE_MARKERS or word in lexicon.PLACE_NOUNS


def _without_places(text: str, found: list[Span]) -> list[Span]:
    """The spans without names the article also writes as a place ("warga X", "Kecamatan
    X", "di X"): once a place, everywhere, unless a listed given name opens it; and without
    a name cut by the end of the text ("... tutur Ra"). `found` holds every mention of each
    name already (see `_propagate`), so no other look at the text is needed."""
    given = gazetteers().given_names
    places = {
        text[s:e]
        for s, e in found
        if _in_place_position(text, s) and text[s:e].split(" ")[0] not in given
    }
    end = len(text.rstrip())
    cut = text[end - 1 : end].isalnum()
    return [
        (s, e)
        for s, e in found
        if text[s:e] not in places
        and not (cut and e == end and sum(text[a:b] == text[s:e] for a, b in found) == 1)
    ]


def annotate_persons(text: str) -> tuple[Entity, ...]:
    """PER entities of a canonical article text, in text order, without overlaps."""
    label = _PER
    return tuple(
        Entity(span_id("entities", start, end), start, end, text[start:end], label)
        for start, end in person_spans(text)
    )
