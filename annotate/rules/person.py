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
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from annotate.rules import lexicon
from annotate.rules.capitals import TRAILING_OK, Run, runs, sentence_initial
from annotate.rules.gazetteer import gazetteers
from annotate.rules.org import mentions, merged, org_finds, overlaps, select_longest
from corpus.records import Entity, span_id
from corpus.schemas import label_set

Span = tuple[int, int]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_SEP = r"(?:\s|-)"
# "..., kata Pudji", "“...,” ujar Presiden Tokayev", "Menurut Hendra": the name follows.
_ATTRIBUTION_BEFORE = re.compile(
    rf"(?:^|[\s,”\"'’(])(?:{_alternation(lexicon.ATTRIBUTION_VERBS | {'menurut', 'oleh'})})"
    r" $",
    re.IGNORECASE,
)
# "Hendra Wibisana menilai", "Yosua Pangaribuan, mengatakan", "Tokayev juga mengatakan".
_SPEECH_AFTER = re.compile(
    rf",? (?:(?:{_alternation(lexicon.SUBJECT_ADVERBS)}) ){{0,3}}"
    rf"(?:{_alternation(lexicon.SPEECH_VERBS)})\b"
)
# "peneliti ICW Tama Prasetyo", "kuasa hukum pemohon, Yosua", "koordinatornya, Ayu".
_ROLE_BEFORE = re.compile(rf"\b(?:{_alternation(lexicon.ROLE_NOUNS)})(?:nya)?(?: [a-z]+,)? $")
_SOURCE_WORDS = lexicon.ATTRIBUTION_VERBS | {"menurut", "oleh"}
_AGE_AFTER = re.compile(r" \(\d{1,3}(?: tahun)?\)")
_INITIALS = re.compile(r"\b(?:ber)?inisial (?P<initials>[A-Z]{2,4})\b")


def _mask_known_orgs(run: Run, known: tuple[Span, ...], starts: list[int]) -> str:
    # Words inside an organisation name from the lists or an acronym definition are never
    # part of a person's name ("Peneliti [Indonesia Corruption Watch] (ICW) Tama").
    classes = list(run.classes)
    i = bisect_left(starts, run.start) - 1
    i = max(i, 0)
    while i < len(known) and known[i][0] < run.end:
        start, end = known[i]
        for k, (t_start, t_end, _) in enumerate(run.tokens):
            if t_start < end and t_end > start:
                classes[k] = "K"
        i += 1
    return "".join(classes)


def _name_segment(run: Run, classes: str) -> tuple[int, int] | None:
    """Token range of the name at the end of a run (titles, places, acronyms before it)."""
    end = len(classes)
    # Degrees written without a comma ("... Hutapea SpPD") and days ("Anies Senin") trail.
    while end > 1 and (
        classes[end - 1] == "D"
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


def _has_evidence(
    text: str, all_runs: tuple[Run, ...], index: int, classes: str, seg: tuple[int, int]
) -> bool:
    run = all_runs[index]
    first, last = seg
    start = run.tokens[first][0]
    end = run.tokens[last - 1][1]
    gaz = gazetteers()
    words = [t[2] for t in run.tokens[first:last] if t[2][0].isupper()]

    if "T" in classes[:first]:
        return True  # "Presiden Joko Widodo", "Kepala BPKH Dr. Ahmad Fauzan Syarif"
    if _AGE_AFTER.match(text, end) or _ROLE_BEFORE.search(text, max(0, start - 40), start):
        return True
    if _ATTRIBUTION_BEFORE.search(text, max(0, run.start - 12), run.start) or (
        first > 0 and run.tokens[first - 1][2].lower() in _SOURCE_WORDS
    ):
        return True  # "kata Andreas", "Menurut Hendra, ..."
    previous = all_runs[index - 1] if index else None
    if (
        previous is not None
        and first == 0
        and text[previous.end : run.start] == ", "
        and "T" in previous.classes
        and previous.classes[-1] != "N"
    ):
        return True  # "Presiden Dewan Eropa, Charles Michel"
    in_gazetteer = words[0] in gaz.given_names and (
        words[-1] in gaz.given_names or words[-1] in gaz.surnames
    )
    if len(words) >= 2 and in_gazetteer:
        return True
    if _SPEECH_AFTER.match(text, end):
        # A capitalised sentence opener before a verb is often a noun ("Perseroan
        # menargetkan"): alone at the start of a sentence it needs the name lists.
        opener = first == 0 and len(words) == 1 and sentence_initial(text, run.start)
        return not opener or words[0] in gaz.given_names or words[0] in gaz.surnames
    appositive = (
        first == 0
        and len(words) >= 2
        and text[start - 2 : start] == ", "
        and text[end : end + 1] == ","
    )
    return appositive  # "..., Ayu Widyaningrum, kamera ..."


def _split_after_org(run: Run, classes: str, seg: tuple[int, int]) -> tuple[int, int] | None:
    # After a place noun the capitals name the place ("Jalan [Daan Mogot]"). Right after an
    # organisation head word they name the organisation ("Koalisi [Pejalan Kaki]"); a person
    # can only start at a known given name ("PT Maju Jaya [Budi Santoso] mengatakan").
    first, last = seg
    if first > 0 and run.tokens[first - 1][2].lower().rstrip(".") in lexicon.PLACE_NOUNS:
        return None
    if first == 0 or classes[first - 1] != "H":
        return seg
    given = gazetteers().given_names
    for k in range(first + 1, last):
        if run.tokens[k][2] in given:
            return k, last
    return None


def _propagate(found: list[Span], text: str) -> list[Span]:
    # Every later (and earlier) mention of a name already found: the full name, any two or
    # more of its words in a row ("Sri Mulyani"), and single words that are not ordinary
    # words ("Tokayev", "Pudji"; not "Bagus" alone). A handful of forms per article: each
    # is looked up with str.find (in C), whole words only.
    gaz = gazetteers()
    forms: set[str] = set()
    for start, end in found:
        words = text[start:end].split(" ")
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
    return mentions(text, forms, 0, len(text))


@lru_cache(maxsize=8)
def person_spans(text: str) -> tuple[Span, ...]:
    """Non-overlapping PER spans of `text`, in order."""
    all_runs = runs(text)
    known = org_finds(text).known
    starts = [s for s, _ in known]
    found: list[Span] = []
    for index, run in enumerate(all_runs):
        if run.in_title or "N" not in run.classes:
            continue
        classes = _mask_known_orgs(run, known, starts)
        seg = _name_segment(run, classes)
        if seg is not None:
            seg = _split_after_org(run, classes, seg)
        if seg is None or not _has_evidence(text, all_runs, index, classes, seg):
            continue
        found.append((run.tokens[seg[0]][0], run.tokens[seg[1] - 1][1]))
    if "inisial" in text:
        found += [m.span("initials") for m in _INITIALS.finditer(text)]
    found += _propagate(found, text)
    # Known organisation names never hold a person ("Universitas Gadjah Mada").
    org_area = merged(known)
    return tuple(s for s in select_longest(found) if not overlaps(org_area, *s))


def annotate_persons(text: str) -> tuple[Entity, ...]:
    """PER entities of a canonical article text, in text order, without overlaps."""
    label = label_set().entity_labels[0]
    return tuple(
        Entity(span_id("entities", start, end), start, end, text[start:end], label)
        for start, end in person_spans(text)
    )
