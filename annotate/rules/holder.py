"""Who holds a STANCE: the attribution grammar of Indonesian news, one explained decision each.

Pure. The stance rules find the credits (the words after or before a quote, the subject of
a position verb); this module reads them and names the PER/ORG mention that holds the
position, with the rule that chose it (`Choice.rule`, shown by `explain_stances`, never
stored in the data):

    "…,” kata Deputi Bidang Statistik Sosial BPS Rina Wulandari dalam ...
                                       credit-name: the last person of the credit, which
                                       runs to the first adjunct ("dalam", "kepada", ...)
    "…,” kata salah seorang warga, Budi Santoso.      credit-apposition: the name after
                                       the description
    "…,” ujarnya. / jelas dia. / kata beliau.         nya/pronoun -> speaker: the holder of
                                       the preceding attributed statement (a quote's credit,
                                       the subject of "X mengatakan", "Menurut X", ", lanjut
                                       X,", "disampaikan X"), not simply the last name
    "…,” ujar Menteri Perhubungan itu.                description -> role: the most recent
                                       person named with that title ("Menhub" = "Menteri
                                       Perhubungan"); else the speaker
    "…,” tulis akun @warga_biasa. / demikian bunyi siaran pers.
                                       media -> null: a medium or an account is not a holder,
                                       unless its owner is named ("tulis akun resmi Polda
                                       Metro" -> that ORG)
    "…,” tutur Ra [end of a cut excerpt]              cut name -> earlier: the complete
                                       mention the cut one begins
    Dalam situs resminya, Selasa lalu, pemerintah Jepang meminta ...
                                       subject: the clause right before the verb, past
                                       adjunct segments and parenthetical credits; a
                                       lowercase description without a name -> null

The *speaker* is carried through the article in text order: every attributed statement sets
it; a subject that is a capitalised word the entity rules did not take ("Tomi, warga ...,
mengaku") makes it unknown, so a later "kata dia" gets no holder rather than a stale one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from annotate.rules import lexicon
from annotate.rules.capitals import sentence_start
from annotate.rules.lexicon import words
from annotate.rules.spans import Span
from corpus.records import Entity
from corpus.schemas import label_set

# By name, at import: a schema without the label fails here, not deep in a run.
_PER = label_set().person_label


_WORD = re.compile(r"[\w’'@.-]+")


@dataclass(frozen=True, slots=True)
class Choice:
    """A holder decision: the mention (or None) and the name of the rule that chose it."""

    entity: Entity | None
    rule: str


# Where a credit's noun phrase ends: an adjunct after the speaker ("kata Budi kepada
# wartawan", "ujar Menkes dikutip dari ...", "kata Rudi seusai rapat").
CREDIT_STOPS = words(
    """
    dalam saat di pada usai seusai ketika kepada melalui lewat via dikutip seperti
    sebagaimana sambil setelah sebelum yang ditemui dihubungi kemarin menanggapi mengenai
    terkait soal tentang sesuai sewaktu selepas jelang menjelang dengan sembari beberapa
    """
)
# Words that make a credit a medium or an account, not a person: "tulis akun @x", "demikian
# bunyi siaran pers", "lanjut cuitan tersebut" (its owner is the speaker, if any).
MEDIA_WORDS = words(
    """
    akun situs laman portal siaran rilis keterangan pernyataan surat cuitan cuitannya
    unggahan unggahannya postingan kicauan twit tweet utas bunyi isi pesan tulisan
    dokumen laporan video
    """
)
# Posts of an account: "lanjut cuitan tersebut" is held by the account's owner, named before;
# a release or a website ("siaran pers tersebut") only reports the words.
ACCOUNT_WORDS = words("cuitan cuitannya unggahan unggahannya postingan kicauan twit tweet utas")
# Unnamed sources: "kata seorang sumber", "ujar salah satu warga" (without a name after).
UNNAMED_SOURCES = words(
    """
    sumber seorang salah beberapa sejumlah para pengguna warganet netizen pihak
    """
)
# Demonstratives that make a description point back: "Menteri Pertahanan ini".
DEMONSTRATIVES = words("ini itu tersebut")
# Generic person nouns: a description made of these names no role to look up.
GENERIC_PERSON = words(
    """
    pria wanita perempuan lelaki laki-laki orang sosok tokoh mantan sang ibu bapak pak bu
    nomor satu berusia tahun kelahiran asal dua tiga empat anak ayah
    """
)
# Short office titles and what they abbreviate, to find "the most recent person with that
# role": "ujar Menkes" -> the person last named "Menteri Kesehatan ...".
TITLE_EXPANSIONS: dict[str, str] = {
    "menkes": "menteri kesehatan",
    "menkeu": "menteri keuangan",
    "menlu": "menteri luar negeri",
    "mendagri": "menteri dalam negeri",
    "menhan": "menteri pertahanan",
    "mendag": "menteri perdagangan",
    "mentan": "menteri pertanian",
    "menhub": "menteri perhubungan",
    "mensos": "menteri sosial",
    "menag": "menteri agama",
    "wapres": "wakil presiden",
    "wagub": "wakil gubernur",
    "wabup": "wakil bupati",
    "walkot": "wali kota",
    "walikota": "wali kota",
    "jubir": "juru bicara",
}
# Subjects that stand for a person and refer back: "Ia meminta", "Dia menjelaskan".
PRONOUNS = lexicon.PERSON_PRONOUNS
# Words allowed between a subject and its verb ("Budi juga mengatakan", "Budi, Senin,").
_ADVERBS = lexicon.SUBJECT_ADVERBS | words("secara tegas kepada wartawan")
# A comma segment that is a parenthetical credit or a source, not the subject:
# "Fraksi PKS, lanjut dia, meminta", "Ramon, seperti dikutip AFP, menyatakan".
_PARENTHETICAL = re.compile(
    r"\s*(?:(?:seperti|sebagaimana)\s+)?(?:dikutip|dilansir|mengutip|melansir)\b|\s*(?:"
    + "|".join(sorted(lexicon.ATTRIBUTION_VERBS, key=len, reverse=True))
    + r")\s",
    re.IGNORECASE,
)
# Words that join two clauses with one subject: a clause that ends in one ("X menolak ...
# dan", "..., tetapi") hands its subject on to the verb after it.
_CLAUSE_CONNECTIVES = words("dan serta lalu kemudian tetapi tapi namun sedangkan lantas")
# A "bahwa" in a segment: the subject follows the last one.
_AFTER_BAHWA = re.compile(r".*\bbahwa\s")


def _lower_words(text: str) -> list[str]:
    return [w.lower().strip(".") for w in _WORD.findall(text)]


def headline_like(text: str, position: int) -> bool:
    """Whether `position` is in a line that reads as a headline or caption: no sentence
    punctuation at its end (related headlines, photo captions, "Baca juga" teasers)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in ".!?:;,\"”’)'" and end >= 0


class Mentions:
    """PER/ORG mentions by position, outside quotes, with the article's speaker state."""

    def __init__(self, text: str, entities: Sequence[Entity], quotes: Sequence[Span]) -> None:
        self.text = text
        self.person_label = _PER
        self.items = sorted(entities, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.items]
        # Quotes by start, with the furthest end reached so far: `in_quote` is one bisect.
        by_start = sorted(quotes)
        self.quote_starts = [s for s, _ in by_start]
        self.quote_reach = list(accumulate((t for _, t in by_start), max))
        # None: nobody attributed yet; UNKNOWN: the last speaker is not an entity.
        self.speaker: Entity | None = None
        self.speaker_known = False

    def is_person(self, e: Entity) -> bool:
        return e.label == self.person_label

    def in_quote(self, position: int) -> bool:
        i = bisect_right(self.quote_starts, position)
        return i > 0 and self.quote_reach[i - 1] > position

    def within(self, start: int, end: int) -> list[Entity]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            e = self.items[i]
            if e.end <= end and not self.in_quote(e.start):
                out.append(e)
            i += 1
        return out

    def last_before(self, position: int, *, person: bool) -> Entity | None:
        """The last PER (or ORG) mention before `position`, outside quotes and outside
        headline-like lines when there is one in the body."""
        fallback = None
        for e in reversed(self.within(0, position)):
            if self.is_person(e) != person:
                continue
            if not headline_like(self.text, e.start):
                return e
            fallback = fallback or e
        return fallback

    def set_speaker(self, choice: Choice) -> None:
        if choice.entity is not None and self.is_person(choice.entity):
            self.speaker, self.speaker_known = choice.entity, True
        elif choice.rule in ("subject-unknown-name", "credit-unknown-name"):
            self.speaker, self.speaker_known = None, True

    def referent(self, position: int, how: str) -> Choice:
        """Whom "-nya", "dia", "beliau" or a description points back to."""
        if self.speaker_known:
            return Choice(self.speaker, f"{how}->speaker")
        person = self.last_before(position, person=True)
        if person is not None:
            return Choice(person, f"{how}->last person")
        return Choice(self.last_before(position, person=False), f"{how}->last organisation")


def _role_phrase(words_: list[str]) -> str:
    """The title words of a description, abbreviations spelled out ("menkes")."""
    kept = [w for w in words_ if w not in DEMONSTRATIVES]
    while kept and kept[0] in GENERIC_PERSON:
        kept = kept[1:]
    if not kept or all(w in GENERIC_PERSON for w in kept):
        return ""
    return " ".join(TITLE_EXPANSIONS.get(w, w) for w in kept)


def _title_chain(text: str, start: int) -> str:
    """The title words written right before a name ("Menteri Kesehatan", "Kapolda Riau,"),
    lowercased, abbreviations spelled out."""
    chain: list[str] = []
    for word in reversed(text[max(0, start - 80) : start].split()):
        if not _is_name_word(word) or word.lower() in _ADVERBS:
            break
        chain.insert(0, TITLE_EXPANSIONS.get(word.lower().strip(".,"), word.lower().strip(".,")))
    return " ".join(chain)


def with_role(m: Mentions, phrase: str, position: int) -> Entity | None:
    """The most recent person before `position` whose title, written right before the name,
    holds `phrase` ("Menteri Kesehatan Rina ..." for "Menkes", "Kapolsek Menteng Kompol
    Budi" for "Kapolsek")."""
    if not phrase:
        return None
    for e in reversed(m.within(0, position)):
        if not m.is_person(e) or headline_like(m.text, e.start):
            continue
        if f" {phrase} " in f" {_title_chain(m.text, e.start)} ":
            return e
    return None


def _description(m: Mentions, region: str, position: int) -> Choice:
    """A credit or subject without a name: pronoun, medium, institution, description."""
    lw = _lower_words(region)
    if not lw:
        return Choice(None, "no credit")
    head = lw[0]
    if head in PRONOUNS:
        return m.referent(position, "pronoun")
    if head in MEDIA_WORDS or head == "demikian":
        if head in ACCOUNT_WORDS and any(w in DEMONSTRATIVES for w in lw[1:]):
            return m.referent(position, "account credit")  # "cuitan tersebut": its owner
        return Choice(None, "media credit->null")
    if head in UNNAMED_SOURCES and not any(w in DEMONSTRATIVES for w in lw):
        return Choice(None, "unnamed source->null")
    if head in lexicon.INSTITUTION_NOUNS:
        return Choice(m.last_before(position, person=False), "institution->last organisation")
    anaphoric = lw[-1] in DEMONSTRATIVES
    # A title or a singular description ("Menkes", "pria kelahiran Solo", "orang nomor
    # satu di ...") points back; a group noun ("warga", "petani") only with a demonstrative
    # or when someone was named with exactly that role.
    titled = head in lexicon.TITLE_WORDS or head in GENERIC_PERSON
    group = head in lexicon.PERSON_NOUNS and not titled
    if region.strip()[:1].isupper() and not titled and not group and not anaphoric:
        return Choice(None, "credit-unknown-name")
    if anaphoric or titled or group:
        found = with_role(m, _role_phrase(lw), position)
        if found is not None:
            return Choice(found, "description->role")
        if group and not anaphoric:
            return Choice(None, "group description->null")
        return m.referent(position, "description")
    return Choice(None, "description->null")


def _cut_name(m: Mentions, e: Entity) -> Choice | None:
    """A credit cut by the end of the excerpt ("tutur Ra"): the earlier complete mention."""
    if m.text[e.end :].strip():
        return None
    for earlier in reversed(m.within(0, e.start)):
        if m.is_person(earlier) and earlier.text != e.text and earlier.text.startswith(e.text):
            return Choice(earlier, "cut name->earlier mention")
    return None


def credit(m: Mentions, start: int, stop: int) -> Choice:
    """Holder of a credit that starts at `start` (right after its verb) and may run to
    `stop`: "Presiden Tokayev", "salah seorang saksi, Budi", "Menteri ... ini", "dia"."""
    end = start
    for w in _WORD.finditer(m.text, start, stop):
        if w.group().lower().strip(".") in CREDIT_STOPS:
            break
        end = w.end()
    region = m.text[start:end]
    found = m.within(start, end)
    persons = [e for e in found if m.is_person(e)]
    lw = _lower_words(region)
    if lw and lw[0] in MEDIA_WORDS:
        # "tulis akun resmi Polda Metro": the owner; "tulis akun @x": nobody.
        if found:
            return Choice(found[-1], "media credit->owner")
        return _description(m, region, start)
    if persons:
        e = persons[-1]
        cut = _cut_name(m, e)
        if cut is not None:
            return cut
        apposition = "," in m.text[start : e.start]
        return Choice(e, "credit-apposition" if apposition else "credit-name")
    if found:
        return Choice(found[-1], "credit-organisation")
    return _description(m, region, start)


def _is_parenthetical(part: str) -> bool:
    """A comma segment that is not the subject: empty, a credit ("lanjut dia"), a source
    ("seperti dikutip AFP"), or degrees after a name ("M.Kes")."""
    if not part.strip() or _PARENTHETICAL.match(part):
        return True
    tokens = [w.lower().replace(".", "") for w in part.split()]
    return all(w in lexicon.DEGREES for w in tokens)


def _segments(text: str, sentence: int, verb: int) -> list[tuple[int, int]]:
    """The comma segments of `text[sentence:verb]`, as (start, end), in order."""
    out = []
    position = sentence
    for part in text[sentence:verb].split(","):
        out.append((position, position + len(part)))
        position += len(part) + 1
    return out


def _subject_segment(text: str, sentence: int, verb: int) -> tuple[int, int]:
    """The clause holding the subject of the verb at `verb`: the last comma segment that is
    not parenthetical, after a "bahwa" in it."""
    for begin, end in reversed(_segments(text, sentence, verb)):
        if _is_parenthetical(text[begin:end]):
            continue
        part = text[begin:end]
        # Most segments have no "bahwa"; the pattern backtracks over the whole segment.
        bahwa = _AFTER_BAHWA.search(part) if "bahwa" in part else None
        return begin + (bahwa.end() if bahwa else 0), end
    return sentence, verb


def previous_subject(m: Mentions, sentence: int) -> Entity | None:
    """The person that opens the sentence before `sentence` ("Kini, Bu Siti berencana
    ... . Ia ..."): a pronoun subject refers to it first."""
    if sentence <= 0:
        return None
    before = m.text[:sentence].rstrip()
    if not before or before[-1] not in ".!?":
        return None
    start = sentence_start(m.text, len(before) - 1)
    for begin, end in _segments(m.text, start, len(before)):
        found = m.within(begin, end)
        if found and _opens_clause(m.text, begin, found[0].start):
            np_end = _name_phrase_end(m.text, found[0].start, end)
            persons = [e for e in found if e.end <= np_end and m.is_person(e)]
            return persons[-1] if persons else None
        if not _lower_words(m.text[begin:end]) or len(_lower_words(m.text[begin:end])) > 3:
            break  # only a short opener ("Kini", "Sementara itu") may come before it
    return None


def _pronoun(m: Mentions, sentence: int) -> Choice:
    person = previous_subject(m, sentence)
    if person is not None:
        return Choice(person, "pronoun->previous sentence's subject")
    return m.referent(sentence, "pronoun")


def subject(m: Mentions, sentence: int, verb: int) -> Choice:
    """Holder of a statement whose verb starts at `verb`: the mention right before the
    verb (adverbs and a comma may stand between), else the name that opens the clause
    (a coordinated verb: "X menyetujui ... dan meminta"), else a pronoun's or a
    description's referent; null for a lowercase description without a name."""
    text = m.text
    begin, end = _subject_segment(text, sentence, verb)
    close = [w for w in _lower_words(text[begin:end]) if w not in _ADVERBS]
    if close and close[-1] in PRONOUNS:
        return _pronoun(m, sentence)
    found = m.within(begin, end)
    if found:
        last = found[-1]
        between = _lower_words(text[last.end : end])
        if all(w in _ADVERBS or w in lexicon.TITLE_WORDS for w in between):
            if not m.is_person(last):
                before = _lower_words(text[max(begin, last.start - 25) : last.start])
                if before and before[-1] in lexicon.PERSON_NOUNS:
                    # "presiden Dewan Eropa menyatakan": the person named earlier with it.
                    named = _person_named_with(m, last)
                    if named is not None:
                        return Choice(named, "description->role")
                persons = [e for e in found if m.is_person(e)]
                if persons and not _lower_words(text[persons[-1].end : last.start]):
                    return Choice(persons[-1], "subject-name")
                return Choice(last, "subject-organisation")
            return Choice(last, "subject-name")
        if _opens_clause(text, begin, found[0].start):
            # The clause opens with the name: "Presiden Jokowi menyetujui ... dan meminta",
            # "Kepala BNPB Budi dalam keterangannya melaporkan, ...".
            np_end = _name_phrase_end(text, found[0].start, end)
            # The opening name itself when the phrase ends inside it (a cut name).
            np = [e for e in found if e.end <= np_end] or found[:1]
            persons = [e for e in np if m.is_person(e)]
            return Choice((persons or np)[-1], "subject-clause opener")
    clause = text[begin:end].strip()
    lw = _lower_words(clause)
    if not lw or lw[-1] in _CLAUSE_CONNECTIVES or lw == ["yang"]:
        # "X ..., tetapi meminta", "X, warga Y, yang mengaku": the subject of the clause
        # before, or the head the relative clause hangs on.
        earlier = [e for e in m.within(sentence, begin) if m.is_person(e)]
        if lw == ["yang"] and earlier:
            return Choice(earlier[-1], "relative clause head")
        if begin > sentence:
            choice = subject(m, sentence, begin - 1)
            return Choice(choice.entity, f"coordinated verb: {choice.rule}")
        return Choice(None, "no subject")
    if any(w in PRONOUNS for w in lw[:3]):
        return _pronoun(m, sentence)
    if clause[:1].islower():
        head = _apposition_head(m, sentence, begin)
        if head is not None:
            return head
    return _description(m, clause, sentence)


def _apposition_head(m: Mentions, sentence: int, begin: int) -> Choice | None:
    """ "Pak Budi (47), pengemudi ojek di Cawang, mengaku ...": the person that ends the
    segment before a lowercase description segment; a capitalised word there that is no
    entity ("Ujang, warga ...") is a speaker the entity rules missed."""
    for start, end in reversed(_segments(m.text, sentence, begin - 1)):
        part = m.text[start:end]
        if _is_parenthetical(part):
            continue
        found = m.within(start, end)
        if not found:
            tokens = part.split()
            if 0 < len(tokens) <= 3 and all(
                w[:1].isupper() and w.lower() not in lexicon.TITLE_WORDS for w in tokens
            ):
                return Choice(None, "subject-unknown-name")
            return None
        rest = re.sub(r"\(\d+\)", "", m.text[found[-1].end : end]).strip()
        if m.is_person(found[-1]) and not rest:
            return Choice(found[-1], "subject-apposition")
        return None
    return None


def _is_name_word(word: str) -> bool:
    bare = word.strip(".,()")
    return bool(bare) and (
        bare[0].isupper()
        or bare.lower() in lexicon.TITLE_WORDS
        or bare.lower() in lexicon.NAME_PARTICLES
        or bare.lower() in _ADVERBS
    )


def _opens_clause(text: str, begin: int, start: int) -> bool:
    """Whether only titles, capitalised words and adverbs stand before `start`."""
    return all(_is_name_word(w) for w in text[begin:start].split())


def _name_phrase_end(text: str, start: int, limit: int) -> int:
    """End of the capitalised phrase (titles, names, organisations) starting at `start`."""
    end = start
    for w in re.finditer(r"\S+", text[start:limit]):
        if not _is_name_word(w.group()) or w.group().lower() in _ADVERBS:
            break
        end = start + w.end()
    return end


def _person_named_with(m: Mentions, org: Entity) -> Entity | None:
    # The most recent earlier person whose mention follows the same organisation name,
    # then that person's most recent mention before the description.
    for e in reversed(m.within(0, org.start)):
        if m.is_person(e) and org.text in m.text[max(0, e.start - len(org.text) - 20) : e.start]:
            token = max(e.text.split(" "), key=len)
            for later in reversed(m.within(e.start, org.start)):
                if m.is_person(later) and token in later.text:
                    return later
            return e
    return None
