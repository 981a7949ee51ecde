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

`org_names` reads a run of capitalised words as a name (head words, English names, acronym
definitions, legal forms); `org_sources` finds names by what stands around them (context
nouns, quotes, domains, citing verbs, the headline); `org_finds` here puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from annotate.rules import lexicon
from annotate.rules.capitals import (
    Run,
    headline_end,
    is_acronym,
    runs,
)
from annotate.rules.gazetteer import gazetteers, org_table
from annotate.rules.org_names import (
    COMPANY_FORMS,
    core_name,
    end_without_full_stop,
    head_run_at,
    is_org_name,
    mid_sentence,
    parent_of_unit,
    run_shape,
    with_branch,
)
from annotate.rules.org_sources import (
    CONTEXT_TAILS,
    after_context_noun,
    business_names,
    cited_sources,
    domain_names,
    in_headline,
    odd_org_mentions,
)
from annotate.rules.spans import Span, mentions, select_longest
from corpus.records import Entity, span_id
from corpus.schemas import label_set

# By name, at import: a schema without the label fails here, not deep in a run.
_ORG = label_set().org_label

ATAU_RE = re.compile(r" atau (?P<acr>[A-Z][\w&-]*)(?![\w-])")
_INDONESIA_AFTER = re.compile(r" Indonesia(?![\w-])")


@dataclass(frozen=True, slots=True)
class OrgFinds:
    """ORG spans by how sure they are: `known` (lists, definitions, their repeats) are safe
    to mask person names with; `patterns` (head words, English names) may run long."""

    known: tuple[Span, ...]
    patterns: tuple[Span, ...]


@dataclass(slots=True)
class _RunNames:
    """What the capitalised runs of a text name (see `_scan_runs`)."""

    known: list[Span] = field(default_factory=list)  # listed names
    patterns: list[Span] = field(default_factory=list)  # after a context noun; English names
    heads: list[int] = field(default_factory=list)  # where a head word starts a name
    defined: list[Span] = field(default_factory=list)  # acronyms and their long names
    defined_acronyms: set[str] = field(default_factory=set)
    clubs: set[str] = field(default_factory=set)  # after "klub", "tim": found wherever they stand


@lru_cache(maxsize=8)
def org_finds(text: str) -> OrgFinds:
    """Every ORG candidate span of `text` (overlapping; see `annotate_orgs`)."""
    body_start = headline_end(text)
    found = _scan_runs(text)
    known = business_names(text) + odd_org_mentions(text) + found.known
    patterns = found.patterns + _head_names(text, found.heads, known)
    known += found.defined
    known += domain_names(text) + cited_sources(text, body_start)
    known += _repeated_names(text, known, patterns, found)
    if body_start:
        known += in_headline(text, body_start, [*known, *patterns])
    places = gazetteers().places
    return OrgFinds(
        known=_known_as_written(text, known),
        patterns=tuple(
            sorted({parent_of_unit(text, s) for s in patterns if text[s[0] : s[1]] not in places})
        ),
    )


def _scan_runs(text: str) -> _RunNames:
    """The names the capitalised runs hold: listed names, names after a context noun, head
    words, English names and acronym definitions."""
    found = _RunNames()
    table = org_table()
    for run in runs(text):
        tokens = run.tokens
        first_start = tokens[0][0]  # run.start, without the property call: every run
        if text[first_start - 4 : first_start - 1] in CONTEXT_TAILS and not run.in_title:
            context = after_context_noun(text, run)
            if context is not None:
                span, noun = context
                if noun in lexicon.CLUB_CONTEXT_NOUNS:
                    found.clubs.add(text[span[0] : span[1]])
                else:
                    found.patterns.append(span)
        if len(tokens) == 1:  # most runs: one dictionary lookup, nothing else can start here
            start, end, word = tokens[0]
            for phrase, ambiguous in table.get(word, ()):
                if len(phrase) == 1 and (not ambiguous or mid_sentence(text, start, end)):
                    found.known.append((start, end))
            continue
        _read_run(text, run, found)
    return found


def _read_run(text: str, run: Run, found: _RunNames) -> None:
    """Add what a run of two words or more names, by its shape (`run_shape`), to `found`."""
    tokens = run.tokens
    shape = run_shape(run.words, run.classes)
    for i, j, ambiguous in shape.phrases:
        span = (tokens[i][0], tokens[j - 1][1])
        if not ambiguous or mid_sentence(text, *span):
            found.known.append(span)
    if run.in_title:
        return  # headline capitals are unreliable: only listed and repeated names
    found.heads += [tokens[i][0] for i in shape.heads]
    for first, last in shape.english:
        found.patterns.append((tokens[first][0], end_without_full_stop(text, tokens[last][1])))
    for first, bracket, acronyms in shape.definitions:
        at = tokens[bracket][0]
        if first < 0:
            found.defined += [(at + a_start, at + a_end) for a_start, a_end, _ in acronyms]
            found.defined_acronyms.update(written for _, _, written in acronyms)
            continue
        long = (tokens[first][0], end_without_full_stop(text, tokens[bracket - 1][1]))
        name = text[long[0] : long[1]]
        for a_start, a_end, written in acronyms:
            if is_org_name(name, written):  # true for a listed acronym too
                found.defined += [(at + a_start, at + a_end), long]
                found.defined_acronyms.add(written)


def _head_names(text: str, heads: list[int], known: list[Span]) -> list[Span]:
    """The names read from each head word on ("Badan Pusat Statistik"), in text order."""
    known_ends = {end for _, end in known} if heads else set()
    names: list[Span] = []
    last_end = -1
    for position in heads:
        if position < last_end:
            continue  # "Fraksi [Partai] Golkar": inside the name found from "Fraksi"
        head_span = head_run_at(text, position, known_ends)
        if head_span is not None:
            names.append(head_span)
            last_end = head_span[1]
    return names


def _repeated_names(
    text: str, known: list[Span], patterns: list[Span], found: _RunNames
) -> list[Span]:
    """Names found again: the acronym after "atau" ("Komisi Pemberantasan Korupsi atau
    KPK"), and wherever they stand, the defined acronyms, the clubs and a company's name
    without "PT"."""
    gaz = gazetteers()
    more: list[Span] = []
    repeated = set(found.defined_acronyms)
    # Each distinct span once (the lists repeat spans), and the cheap string tests first:
    # few spans are followed by "atau" or start with "PT".
    for start, end in {*known, *patterns}:
        if text.startswith(" atau ", end):
            after = ATAU_RE.match(text, end)
            if after and (is_acronym(after.group("acr")) or after.group("acr") in gaz.orgs):
                more.append(after.span("acr"))
                repeated.add(after.group("acr"))
        # Only a company name closed by its legal form or an acronym is safe to reuse
        # without "PT": "PT Cahaya Investama Sekuritas Dwi Rahayu ..." runs into a name.
        if text.startswith(COMPANY_FORMS, start, end) and (
            text.endswith(("Tbk", "Tbk.", ")"), start, end) or text.startswith(" (", end)
        ):
            core = core_name(text[start:end])
            if core is not None:
                repeated.add(core)
    repeated |= found.clubs
    repeated -= gaz.orgs  # listed names are found everywhere already
    return more + mentions(text, repeated, 0, len(text))


def _known_as_written(text: str, known: list[Span]) -> tuple[Span, ...]:
    """The known spans, each once and sorted, as the text writes the organisation: a branch
    with its place ("Cabang BRI Cibinong"), an outlet with "Indonesia" ("CNN Indonesia"),
    a unit as its parent; places left out."""
    gaz = gazetteers()
    places = gaz.places
    kept = set()
    for span in set(known):  # one loop, the tests inline: every listed span passes here
        start, end = span
        if (text[start - 7 : start] if start >= 7 else text[:start]).lower() == "cabang ":
            span = with_branch(text, span)
            start, end = span
        if text.startswith(" Indonesia", end) and _INDONESIA_AFTER.match(text, end):
            name = text[start:end]
            if " " not in name and name in gaz.orgs:
                span = (start, end + len(" Indonesia"))  # "CNN Indonesia", "BBC Indonesia"
        if text[start:end] not in places:
            kept.add(parent_of_unit(text, span))
    return tuple(sorted(kept))


def annotate_orgs(text: str) -> tuple[Entity, ...]:
    """ORG entities of a canonical article text, in text order, without overlaps."""
    label = _ORG
    finds = org_finds(text)
    return tuple(
        Entity(span_id("entities", start, end), start, end, text[start:end], label)
        for start, end in select_longest([*finds.known, *finds.patterns])
    )
