"""Whether a capitalised name in a run is a person's: the evidence around it. Pure.

    "Presiden Joko Widodo", "pelatih Klopp"        a title or a role before it
    "kata Andreas", "Menurut Hendra, ..."          a citing word before it
    "di Austin", "500 Jiwa"                        a place word or a number: not a person
    "Hendra Wibisana menilai", "Rabiot membalikkan"   the verb after it
    "Anies Baswedan", "bertemu Prabowo"            the name lists
    "Tomi, warga Kelurahan ...", "..., Ayu Widyaningrum, ..."   a role or an apposition after

`has_evidence` runs these checks in that order; the first that decides gives the answer.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from annotate.rules import lexicon
from annotate.rules.capitals import Run, sentence_initial
from annotate.rules.gazetteer import gazetteers

# "..., kata Pudji", "“...,” ujar Presiden Tokayev", "Menurut Hendra": the name follows.
_PUNCT = "“”\"'‘’(),.:;!?"


def words_before(text: str, start: int) -> list[str]:
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


def has_evidence(
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
    before = words_before(text, start)
    if first == 0 and before and before[-1] in _PLACE_BEFORE:
        return False  # "di Austin", "markas Wolfsburg", "menuju Kenjeran": a place
    if first == 0 and before and _NUMBER.fullmatch(before[-1]):
        return False  # "500 Jiwa", "5,7 Skala Richter": a counted noun or a unit
    if _AGE_AFTER.match(text, name.end) or (
        before and _role_precedes(before) and not name.appositive_follows
    ):  # "pelatih Klopp"; but in "bek City, Bacary Sagna" the name is after the comma
        return True
    run_before = before if first == 0 else words_before(text, run.start)
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
