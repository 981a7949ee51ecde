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

Whether a name-shaped segment is a person's is decided by `person_evidence` (titles, roles
and citing words before it, the verb after it, the name lists).
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotate.rules import lexicon
from annotate.rules.capitals import TRAILING_OK, Run, Token, runs
from annotate.rules.gazetteer import gazetteers
from annotate.rules.org import org_finds
from annotate.rules.person_evidence import has_evidence, words_before
from annotate.rules.spans import SortedSpans, Span, mentions, merged, overlaps, select_longest
from corpus.records import Entity, span_id
from corpus.schemas import label_set

# By name, at import: a schema without the label fails here, not deep in a run.
_PER = label_set().person_label


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
    # (SBY)", "Basuki Tjahaja Purnama (Ahok)"; later "SBY" is found by propagation. A place
    # there says where they come from: "Rudi Hartanto (Ghana)".
    out = []
    gaz = gazetteers()
    for _, end in found:
        m = _BRACKET_AFTER.match(text, end)
        if (
            m
            and m.group("short") not in gaz.orgs
            and m.group("short") not in gaz.places
            and not overlaps(org_area, *m.span("short"))
        ):
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
    before = words_before(text, run.tokens[0][0])
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
            if not has_evidence(
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
    found = [trimmed for span in found if (trimmed := _without_leading_field(text, span))]
    kept = [s for s in found if not overlaps(org_area, *s)]
    # "berinisial DW": initials are a person even when an organisation has the same letters.
    return tuple(select_longest(initials + kept))


# Nouns made with pe-/per-/ke- ... -an name a field of work, as the last words of an office
# ("Dinas Pertanian dan [Peternakan] Sri Wahyuni", "Dinas Kependudukan dan [Pencatatan]
# Sipil"): a name does not start with one.
_FIELD_NOUN = re.compile(r"(?:Pe|Ke)[a-z]{4,}an")


def _without_leading_field(text: str, span: Span) -> Span | None:
    """`span` without the field nouns it starts with (None when nothing else is left)."""
    start, end = span
    names = gazetteers()
    while start < end:
        space = text.find(" ", start, end)
        word = text[start : space if space >= 0 else end]
        if not _FIELD_NOUN.fullmatch(word) or word in names.given_names or word in names.surnames:
            return (start, end)
        if space < 0:
            return None
        start = space + 1
    return None


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
