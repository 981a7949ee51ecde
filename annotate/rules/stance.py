"""STANCE pre-annotation: attributed quotes and reported positions, with holder and target.

Pure. Handles, in Indonesian news:

    “Saya tidak ragu ...,” kata Presiden Tokayev.        quote; holder after the verb
    "Kami tidak setuju ...," kata Manajer ... Walhi, Yuliana Sembiring.
                                                         the person, not the ORG in the title
    “...,” ungkapnya. / tuturnya. / ujarnya.             "-nya": the last person mentioned
    “...,” sambung presiden berusia 68 tahun itu.        a description: the last person
    “...,” demikian bunyi siaran pers. / tulis akun @x   unnamed source: holder null
    “...,” kantor pers ... mengutip pernyataan Presiden Tokayev
                                                         the speaker, not the reporter
    Walhi menolak pembangunan salah satu PLTP ...        position verb to the end of its
    ... menyatakan dukungannya untuk kedaulatan ...      object; holder from the subject
    Ia tidak menolak usulan ..., tetapi meminta ...      two stances, one subject; "Ia" is
                                                         the last person mentioned
    DPR Minta Beban Jemaah Tak Naik (headline)           headline form without the prefix

Polarity comes from the position word (`lexicon.POSITION_VERBS`) or, for a quote, from
weighted evaluative words (`lexicon.QUOTE_FAVOR` / `QUOTE_AGAINST`), a negation in front
flipping the word after it: "tidak setuju" is against, "tidak menolak" is no longer against
(neutral). The target is a short phrase: the object of the position word, or the longest
run of content words in the quote's first sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from annotate.rules import lexicon
from annotate.rules.capitals import headline_end, sentence_start
from annotate.rules.lexicon import words
from corpus.records import Entity, Stance, span_id
from corpus.schemas import label_set

Span = tuple[int, int]

# One pair of quote marks in one paragraph: curly “...” or straight "...".
QUOTE_RE = re.compile(r"“(?P<curly>[^”\n]+)”|\"(?P<straight>[^\"\n]+)\"")

_VERB_ALT = "|".join(
    sorted(
        lexicon.ATTRIBUTION_VERBS | lexicon.NYA_ATTRIBUTIONS | {"pungkas"},
        key=len,
        reverse=True,
    )
)
# Right after the closing quote mark: ", kata X", "ujarnya", "demikian bunyi ...".
ATTRIBUTION_AFTER = re.compile(
    rf"\s*,?\s*(?:(?P<verb>{_VERB_ALT})\b|(?P<demikian>demikian)\b"
    r"|(?P<clause>[^.“\"]{0,80}?\b(?:mengutip|menulis|mengatakan|menyatakan|menyebut|"
    r"melansir|menuturkan|mengungkapkan|menambahkan|menegaskan)\b))",
    re.IGNORECASE,
)
# Before the opening quote mark: "... mengatakan: “...”", "... menegaskan, “...”".
ATTRIBUTION_BEFORE = re.compile(
    r"(?:mengatakan|menyatakan|berkata|menulis|menegaskan|menjelaskan|menambahkan|"
    r"mengungkapkan|menuturkan|bilang|berujar)\s*[:,]\s*$"
)

_POSITION_WORDS = sorted(
    (w for w in lexicon.POSITION_VERBS if not w.startswith("menyatakan ")),
    key=len,
    reverse=True,
)
_POSITION_ALT = "|".join(re.escape(w) for w in _POSITION_WORDS)
# "menyatakan tidak setuju", "mengaku setuju", "tidak menolak", "menyatakan dukungannya".
POSITION_RE = re.compile(
    r"\b(?:(?P<lead>menyatakan|mengaku)\s+)?(?:(?P<neg>tidak|tak|belum)\s+)?"
    rf"(?P<verb>{_POSITION_ALT}|menyatakan (?:dukungan|penolakan|keberatan)(?:nya)?)\b"
)
# Headline forms without the verb prefix ("DPR Minta Beban Jemaah Tak Naik").
HEADLINE_POSITION_RE = re.compile(
    r"\b(?P<verb>Minta|Dukung|Tolak|Kritik|Kecam|Bantah|Desak|Setuju|Sambut Baik)\b"
)
HEADLINE_POLARITY = {
    "Minta": "meminta",
    "Dukung": "mendukung",
    "Tolak": "menolak",
    "Kritik": "mengkritik",
    "Kecam": "mengecam",
    "Bantah": "membantah",
    "Desak": "mendesak",
    "Setuju": "setuju",
    "Sambut Baik": "menyambut baik",
}

# Where an object ends: a new clause after a comma, a contrast, the sentence end.
_CLAUSE_END = re.compile(
    r"[.;:!?](?=\s|$)|\n|,\s+(?!yakni\b|yaitu\b|seperti\b)|\s+(?:tetapi|tapi|namun|sedangkan)\b|[“\"]"
)
# Purpose clauses and adjuncts after an object of at least three words stay outside.
_PURPOSE = re.compile(r"\s+(?:untuk|demi|agar|supaya|guna|sehingga)\s")
_TARGET_STOP = words(
    """
    yang karena agar demi untuk supaya sebelum setelah apabila jika kalau dengan yakni
    sehingga asal tetapi namun meski
    """
)
_TARGET_SKIP = words(
    """
    untuk atas terhadap kepada pada soal tentang akan bahwa
    """
)
_STOPWORDS = words(
    """
    saya kami kita aku anda mereka dia ia ini itu tersebut yang dan atau di ke dari pada
    untuk dengan dalam adalah ada akan sudah telah bisa dapat harus juga tidak tak bukan
    belum jadi tapi tetapi namun kalau jika karena agar supaya sangat lebih masih saja
    sih lho ya eh oh semua setiap sebagai seperti bahwa para sudah mau ingin perlu hanya
    pun lagi baru begini
    """
)
_WORD = re.compile(r"[\w’'-]+")
_PUNCT = re.compile(r"[,.;:!?()“”\"]")
# Verb prefixes: a run of content words that starts with a verb is not a noun phrase.
_VERB_PREFIX = re.compile(r"(?:me|ber|di|ter|memper|diper)[a-z]{3,}")


def _quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, inner start, inner end, close mark end) of every quote pair."""
    spans = []
    for m in QUOTE_RE.finditer(text):
        group = "curly" if m.group("curly") is not None else "straight"
        start, end = m.span(group)
        inner = text[start:end]
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        if end - trail > start + lead:
            spans.append((m.start(), start + lead, end - trail, m.end()))
    return spans


def _sentence_end(text: str, position: int) -> int:
    m = _CLAUSE_END_SENTENCE.search(text, position)
    return m.start() if m else len(text)


_CLAUSE_END_SENTENCE = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?](?=\s|$)|\n")


class _Entities:
    """Entity lookups by position (sorted by start)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        labels = label_set()
        self.person_label = labels.entity_labels[0]
        self.items = sorted(entities, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.items]

    def within(self, start: int, end: int) -> list[Entity]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out

    def last_before(
        self, position: int, *, person: bool, quotes: Sequence[Span] = ()
    ) -> Entity | None:
        i = bisect_left(self.starts, position) - 1
        while i >= 0:
            e = self.items[i]
            inside_quote = any(s <= e.start < t for s, t in quotes)
            if (e.label == self.person_label) == person and e.end <= position and not inside_quote:
                return e
            i -= 1
        return None

    def is_person(self, e: Entity) -> bool:
        return e.label == self.person_label


def _prefer(found: Sequence[Entity], ents: _Entities) -> Entity | None:
    # A person in the attribution or subject beats an organisation in their title
    # ("Manajer Kampanye Energi Walhi, Yuliana Sembiring"; "Ramon dela Cruz, seperti dikutip
    # AFP, menyatakan"); among organisations the one nearest the verb ("... (Walhi) menolak").
    persons = [e for e in found if ents.is_person(e)]
    if persons:
        return persons[-1]
    return found[-1] if found else None


def _first_word(text: str, start: int, end: int) -> str:
    m = _WORD.search(text, start, end)
    return m.group().lower() if m else ""


def _described(
    text: str, start: int, end: int, ents: _Entities, quotes: Sequence[Span]
) -> Entity | None:
    # "presiden berusia 68 tahun itu", "dosen ...", "ia": the person last mentioned;
    # "lembaga antirasuah itu": the organisation last mentioned; "siaran pers": nobody.
    word = _first_word(text, start, end)
    if word in lexicon.PERSON_NOUNS or word in lexicon.PERSON_PRONOUNS:
        return ents.last_before(start, person=True, quotes=quotes)
    if word in lexicon.INSTITUTION_NOUNS:
        return ents.last_before(start, person=False, quotes=quotes)
    return None


def _named_after(text: str, start: int, end: int, ents: _Entities) -> list[Entity]:
    # The attribution's noun phrase: capitalised words, titles, commas, up to the first
    # ordinary lowercase word ("kata Presiden Tokayev dalam ...").
    position = start
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word[0].islower() and word not in lexicon.NAME_PARTICLES and word not in ("dr", "drg"):
            break
        position = m.end()
    return ents.within(start, position)


def _quote_holder(
    text: str, quote: tuple[int, int, int, int], ents: _Entities, quotes: Sequence[Span]
) -> tuple[bool, Entity | None]:
    """(attributed?, holder) of one quote."""
    open_mark, _, _, close_end = quote
    sentence_stop = _sentence_end(text, close_end)
    m = ATTRIBUTION_AFTER.match(text, close_end)
    if m is not None and m.group("verb"):
        verb = m.group("verb").lower()
        if verb in lexicon.NYA_ATTRIBUTIONS:
            return True, ents.last_before(
                open_mark, person=True, quotes=quotes
            ) or ents.last_before(open_mark, person=False, quotes=quotes)
        named = _named_after(text, m.end(), sentence_stop, ents)
        if named:
            return True, _prefer(named, ents)
        return True, _described(text, m.end(), sentence_stop, ents, quotes)
    if m is not None and m.group("demikian"):
        rest = text[m.end() : sentence_stop]
        return True, _prefer(ents.within(m.end(), sentence_stop), ents) if rest else None
    if m is not None and m.group("clause"):
        # "kantor pers ... mengutip pernyataan Presiden Tokayev": the speaker named after the
        # verb, else the subject named before it.
        after = ents.within(m.end(), sentence_stop)
        persons = [e for e in after if ents.is_person(e)]
        if persons:
            return True, persons[0]
        return True, _prefer(ents.within(close_end, m.end()), ents)
    before_start = sentence_start(text, open_mark)
    if ATTRIBUTION_BEFORE.search(text, max(0, open_mark - 40), open_mark):
        subject = ents.within(before_start, open_mark)
        return True, _prefer(subject, ents)
    return False, None


def _words_lower(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def quote_polarity(quote: str) -> str:
    """favor / against / neutral of a quote from its evaluative words, negation flipping."""
    words = _words_lower(quote)
    score = 0
    stress = 1
    i = 0
    while i < len(words):
        if words[i] in lexicon.CONTRASTS:
            stress = 2
        pair = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else ""
        negated = any(w in lexicon.NEGATIONS for w in words[max(0, i - 2) : i])
        weight = 0
        step = 1
        if pair and (pair in lexicon.QUOTE_FAVOR or pair in lexicon.QUOTE_AGAINST):
            weight = lexicon.QUOTE_FAVOR.get(pair, 0) - lexicon.QUOTE_AGAINST.get(pair, 0)
            step = 2
        else:
            weight = lexicon.QUOTE_FAVOR.get(words[i], 0) - lexicon.QUOTE_AGAINST.get(words[i], 0)
        if negated and weight:
            # "tidak setuju" -> against; "tidak menolak" -> no longer against (not favor).
            weight = -weight if weight > 0 else 0
        score += weight * stress
        i += step
    if score > 0:
        return lexicon.FAVOR
    if score < 0:
        return lexicon.AGAINST
    return lexicon.NEUTRAL


def _object_target(words: list[str]) -> str:
    """The object phrase: up to 8 words, from its first content word to a subordinator."""
    out: list[str] = []
    for word in words:
        if not out and word.lower() in _TARGET_SKIP:
            continue
        if out and word.lower() in _TARGET_STOP:
            break
        out.append(word)
        if len(out) == 8:
            break
    if len(out) < 2:
        out = [w for w in words if w.lower() not in _TARGET_SKIP][:6]
    return " ".join(out)


def quote_target(quote: str) -> str:
    """A short phrase the quote is about: the object of a position word in it, or the
    longest run of content words in its first sentence."""
    found = POSITION_RE.search(quote)
    if found is not None:
        rest = _WORD.findall(_PUNCT.split(quote[found.end() : found.end() + 120], 1)[0])
        target = _object_target(rest)
        if len(target.split()) >= 2:
            return target
    first = re.split(r"[.!?]\s", quote, maxsplit=1)[0]
    best: list[str] = []
    for clause in _PUNCT.split(first):
        run: list[str] = []
        for word in [*_WORD.findall(clause), ""]:
            content = word and word.lower() not in _STOPWORDS and not word[0].isdigit()
            if content and (run or not _VERB_PREFIX.fullmatch(word.lower())):
                run.append(word)
                continue
            if len(run) > len(best):
                best = run
            run = []
    if len(best) < 2:
        best = _WORD.findall(first)[:4]
    return " ".join(best[:6]) or quote[:40].strip()


def _object_end(text: str, verb_end: int, limit: int) -> int:
    m = _CLAUSE_END.search(text, verb_end, limit)
    end = m.start() if m else limit
    purpose = _PURPOSE.search(text, verb_end, end)
    if purpose is not None:
        before = text[verb_end : purpose.start()].split()
        # Inside a relative clause the purpose belongs to it ("... yang kerap berhenti di bahu
        # jalan untuk menunggu penumpang"); after a bare object it is an adjunct.
        if len(before) >= 3 and "yang" not in before:
            end = purpose.start()
    return len(text[:end].rstrip(" ,"))


def _reported(text: str, ents: _Entities, quotes: Sequence[Span]) -> list[Stance]:
    label = label_set()
    del label
    found: list[Stance] = []
    subjects: dict[int, Entity | None] = {}
    body_start = headline_end(text)
    for m in POSITION_RE.finditer(text, body_start):
        start = m.start()
        if any(s <= start < e for s, e in quotes):
            continue
        verb_end = m.end()
        sentence_stop = _sentence_end(text, verb_end)
        end = _object_end(text, verb_end, sentence_stop)
        if end <= verb_end or not text[verb_end:end].strip():
            continue  # "Tak semua pihak menyambut baik." has no object: no stance
        sentence = sentence_start(text, start)
        if sentence not in subjects:
            subjects[sentence] = _subject(text, sentence, start, ents, quotes)
        verb = m.group("verb")
        polarity = lexicon.POSITION_VERBS.get(verb, lexicon.FAVOR)
        if m.group("neg"):
            polarity = lexicon.AGAINST if polarity == lexicon.FAVOR else lexicon.NEUTRAL
        holder = subjects[sentence]
        target = _object_target(_WORD.findall(_PUNCT.split(text[verb_end:end], 1)[0]))
        found.append(_stance(text, start, end, polarity, holder, target))
    for m in HEADLINE_POSITION_RE.finditer(text, 0, body_start):
        end = _object_end(text, m.end(), body_start)
        if end <= m.end():
            continue
        subject = ents.within(sentence_start(text, m.start()), m.start())
        holder = subject[-1] if subject and subject[-1].end >= m.start() - 2 else None
        polarity = lexicon.POSITION_VERBS[HEADLINE_POLARITY[m.group("verb")]]
        target = _object_target(_WORD.findall(_PUNCT.split(text[m.end() : end], 1)[0]))
        found.append(_stance(text, m.start(), end, polarity, holder, target))
    return found


def _subject(
    text: str, sentence: int, verb: int, ents: _Entities, quotes: Sequence[Span]
) -> Entity | None:
    """Holder of a reported position: the PER/ORG in the subject, a pronoun's or a
    description's referent, or null."""
    named = [e for e in ents.within(sentence, verb) if not any(s <= e.start < t for s, t in quotes)]
    persons = [e for e in named if ents.is_person(e)]
    if persons:
        return persons[-1]
    clause = text[sentence:verb]
    words = _words_lower(clause)
    if named:
        org = named[-1]
        # "presiden Dewan Eropa menyatakan ...": a person described by title and organisation,
        # named earlier as "Presiden Dewan Eropa, Charles Michel".
        before = _words_lower(text[max(sentence, org.start - 25) : org.start])
        if before and before[-1] in lexicon.PERSON_NOUNS:
            earlier = _person_named_with(text, org, ents)
            if earlier is not None:
                return earlier
        return org
    if words and (
        words[0] in lexicon.PERSON_PRONOUNS or any(w in lexicon.PERSON_PRONOUNS for w in words[:3])
    ):
        return ents.last_before(sentence, person=True, quotes=quotes)
    return None


def _person_named_with(text: str, org: Entity, ents: _Entities) -> Entity | None:
    # The most recent earlier person whose mention follows the same organisation name.
    for e in reversed(ents.within(0, org.start)):
        if ents.is_person(e) and org.text in text[max(0, e.start - len(org.text) - 20) : e.start]:
            # ... and then that person's most recent mention before the description.
            token = max(e.text.split(" "), key=len)
            for later in reversed(ents.within(e.start, org.start)):
                if ents.is_person(later) and token in later.text:
                    return later
            return e
    return None


def _stance(
    text: str, start: int, end: int, polarity: str, holder: Entity | None, target: str
) -> Stance:
    return Stance(
        span_id("stances", start, end),
        start,
        end,
        text[start:end],
        polarity,
        holder.id if holder is not None else None,
        target or text[start:end][:60],
    )


def annotate_stances(text: str, entities: tuple[Entity, ...]) -> tuple[Stance, ...]:
    """STANCE spans of a canonical article text, holders among `entities`, in text order."""
    ents = _Entities(entities)
    quotes = _quote_spans(text)
    inner = [(s, e) for _, s, e, _ in quotes]
    found: dict[Span, Stance] = {}
    for quote in quotes:
        attributed, holder = _quote_holder(text, quote, ents, inner)
        if not attributed:
            continue
        _, start, end, _ = quote
        body = text[start:end]
        stance = _stance(text, start, end, quote_polarity(body), holder, quote_target(body))
        found.setdefault((start, end), stance)
    for stance in _reported(text, ents, inner):
        found.setdefault((stance.start, stance.end), stance)
    return tuple(found[k] for k in sorted(found))
