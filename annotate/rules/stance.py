"""STANCE pre-annotation: attributed quotes and reported positions, with holder and target.

Pure. Handles, in Indonesian news:

    “Saya tidak ragu ...,” kata Presiden Tokayev.        quote; holder after the verb
    “...,” ungkapnya. / jelas dia. / cuitnya.            "-nya" and pronoun credits
    “...,” ujar Menteri Pertahanan itu.                  a description
    “...,” demikian bunyi siaran pers. / tulis akun @x   unnamed source: holder null
    Budi mengimbau warga ... . “Jangan panik.”          the speech verb is in the sentence
                                                         before the quote
    “... paragraph one                                   a quote over two paragraphs: one
    “... paragraph two,” katanya.                        span, the inner opening mark inside
    Walhi menolak pembangunan salah satu PLTP ...        position verb to the end of its
    ... meminta warga untuk mengungsi, karena ...        object; "untuk"/"agar" after a request
                                                         is its object, ", karena" and
                                                         "sehingga" end it
    DPR Minta Beban Jemaah Tak Naik (headline)           headline form without the prefix

Who holds each STANCE is decided by `annotate.rules.holder` (the attribution grammar, with
the speaker carried through the article in text order); the polarity by
`annotate.rules.polarity` (clause structure, with a score). `explain_stances` returns each
decision with the rule that made it, for people; the data keeps only the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from annotate.rules import holder, lexicon, polarity
from annotate.rules.capitals import headline_end, sentence_initial, sentence_start
from annotate.rules.lexicon import words
from annotate.rules.polarity import PolarityChoice, quote_polarity
from annotate.rules.regex_trie import trie_pattern
from annotate.rules.spans import Span
from corpus.records import Entity, Stance, span_id
from corpus.schemas import Polarity

__all__ = ["Explanation", "annotate_stances", "explain_stances", "quote_polarity", "quote_target"]


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
    r"mengungkapkan|mengungkap|menuturkan|bilang|berujar|melaporkan|menyebut|menyebutkan|"
    r"mengimbau|menyampaikan|mencuit|mengunggah)\s*[:,]?\s*$"
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
    r"[.;:!?](?=\s|$)|\n|,\s+(?!yakni\b|yaitu\b|seperti\b|termasuk\b|baik\b|maupun\b)"
    r"|\s+(?:tetapi|tapi|namun|sedangkan)\b|[“\"]"
)
_REQUEST_AFTER_COMMA = re.compile(r",\s+(?:untuk|agar|supaya)\s")
# Purpose clauses and adjuncts after an object of at least three words stay outside.
_PURPOSE = re.compile(r",?\s+(?:untuk|demi|agar|supaya|guna|sehingga|karena)\s")
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
    """(open mark, inner start, inner end, close mark end) of every quote pair. A quote over
    two paragraphs (no closing mark after the first, an opening mark again before the
    second) is one quote, the inner opening mark included."""
    spans = []
    for m in QUOTE_RE.finditer(text):
        group = "curly" if m.group("curly") is not None else "straight"
        start, end = m.span(group)
        inner = text[start:end]
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        if end - trail > start + lead:
            spans.append((m.start(), start + lead, end - trail, m.end()))
    for m in _CONTINUED_QUOTE.finditer(text):
        second = next((q for q in spans if q[0] == m.end("second")), None)
        if second is None or any(q[0] <= m.start() < q[3] for q in spans):
            continue
        start = m.start() + 1
        spans.remove(second)
        spans.append((m.start(), start, second[2], second[3]))
    return sorted(spans)


# An opening mark whose paragraph ends without a closing one, then a paragraph that opens
# with a mark again: "“... baik.\n\n“Kedua, ...,” katanya."
_CONTINUED_QUOTE = re.compile(r"“[^”“\n]+\n+(?P<second>)“(?=[^”\n]+”)")


def _sentence_end(text: str, position: int) -> int:
    m = _CLAUSE_END_SENTENCE.search(text, position)
    return m.start() if m else len(text)


# A sentence end: ".", "!" or "?" before a space, not after an abbreviation ("Dr.", "Kol."),
# or a line break. The lookbehinds come after the mark so that the engine can skip ahead to
# the marks (a pattern that opens with a lookbehind is tried at every position).
_CLAUSE_END_SENTENCE = re.compile(r"[.!?](?<![A-Z][a-z].)(?<![A-Z].)(?=\s|$)|\n")


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


def _object_end(text: str, verb: str, verb_end: int, limit: int) -> int:
    """Where the object of a position verb ends: at a new clause, a reason or result
    adjunct (", karena", "sehingga"), or a purpose clause after the object. After a
    request ("meminta", "mendesak") the first "untuk"/"agar"/"supaya" opens the requested
    action, which is the object."""
    request = verb in lexicon.REQUEST_VERBS
    m = _CLAUSE_END.search(text, verb_end, limit)
    if (
        request
        and m is not None
        and _REQUEST_AFTER_COMMA.match(text, m.start())
        and not _PURPOSE.search(text, verb_end, m.start())
    ):
        # "meminta kepada teman-teman tersangka yang ..., untuk menyerahkan diri": the comma
        # closes a long addressee; the requested action follows it.
        complement_at = m.start()
        m = _CLAUSE_END.search(text, m.end(), limit)
    else:
        complement_at = -1
    end = m.start() if m else limit
    complement_seen = False
    for purpose in _PURPOSE.finditer(text, verb_end, end):
        word = purpose.group().strip(" ,\n")
        before = text[verb_end : purpose.start()].split()
        if purpose.start() == complement_at:
            complement_seen = True
            continue
        if word in ("sehingga", "karena"):
            end = purpose.start()
            break
        if (
            request
            and not complement_seen
            and word in ("untuk", "agar", "supaya")
            and len(before) <= 3
        ):
            complement_seen = True  # "meminta (kepada X) untuk ..." is the request itself
            continue
        # Inside a relative clause the purpose belongs to it ("... yang kerap berhenti di
        # bahu jalan untuk menunggu penumpang"); after a bare object it is an adjunct.
        if len(before) >= 3 and "yang" not in before:
            end = purpose.start()
            break
    return len(text[:end].rstrip(" ,"))


@dataclass(frozen=True, slots=True)
class Explanation:
    """One STANCE with the decisions that made it: who holds it and its polarity, each with
    the rule that chose it. The stance rules make one per stance as they decide;
    `annotate_stances` keeps only the stance, and the rule names and the holder's text are
    put into words only when someone reads them (`annotate preannotate --explain`). Never
    stored in the data."""

    stance: Stance
    holder_choice: holder.Choice
    polarity_choice: PolarityChoice

    @property
    def holder(self) -> str | None:
        entity = self.holder_choice.entity
        return entity.text if entity is not None else None

    @property
    def holder_rule(self) -> str:
        return self.holder_choice.rule

    @property
    def polarity_rule(self) -> str:
        return self.polarity_choice.rule

    @property
    def score(self) -> float:
        return self.polarity_choice.score

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.stance.text,
            "start": self.stance.start,
            "end": self.stance.end,
            "polarity": self.stance.polarity,
            "score": self.score,
            "polarity_rule": self.polarity_rule,
            "holder": self.holder,
            "holder_rule": self.holder_rule,
            "target": self.stance.target,
        }


@dataclass(frozen=True, slots=True)
class _Event:
    """Something attributed, in text order: a quote, a position clause, or a sentence that
    reports speech (it only moves the speaker)."""

    position: int
    kind: str  # "quote", "clause", "headline", or one of `_SPEECH_KINDS`
    start: int = 0
    end: int = 0
    close_end: int = 0
    verb: str = ""
    negated: bool = False
    verb_end: int = 0


# Speech in a sentence: "Budi mengatakan", "disampaikan (oleh) Budi", "Menurut Budi". These
# begin a word but do not start with \b, and the verbs are a trie: that lets the regex engine
# skip ahead to the letters a match can start with (with a leading \b or a flat alternation
# it tries every position, and this step took several times longer). `_word_starts` checks
# the word boundary instead.
_SPEECH_RE = re.compile(rf"(?:{trie_pattern(lexicon.REPORTING_VERBS)})\b")
_PASSIVE_RE = re.compile(rf"(?:{trie_pattern(lexicon.PASSIVE_SPEECH_VERBS)})\s+(?:oleh\s+)?")
_MENURUT_RE = re.compile(r"[Mm]enurut\s+(?=[A-Z])")
_ATTRIBUTION_ALT = "|".join(sorted(lexicon.ATTRIBUTION_VERBS, key=len, reverse=True))
# A credit inside a sentence: "Tahun depan, sambung Rudi, harga ...".
_PARENTHETICAL_RE = re.compile(rf",\s*(?:{_ATTRIBUTION_ALT})\s+(?=[A-Z])")
# An unknown credit verb after a quote that ends with a comma: "…,” cuit Budi."
_UNKNOWN_VERB = re.compile(r"\s*,?\s*(?P<verb>[a-z]{3,})\s+(?=[A-Z])")
_UNKNOWN_NYA = re.compile(r"\s*,?\s*(?P<verb>[a-z]{3,}nya)\b(?=\s*(?:[.,(]|$|\n))")


def _word_starts(regex: re.Pattern[str], text: str, start: int) -> Iterator[re.Match[str]]:
    r"""The matches of `regex` from `start` on that begin a word: what `regex.finditer` gives
    when the pattern opens with \b (and starts with a letter)."""
    position = start
    while (m := regex.search(text, position)) is not None:
        before = text[m.start() - 1] if m.start() > 0 else " "
        if before.isalnum() or before == "_":  # inside a word: look again one character on
            position = m.start() + 1
            continue
        yield m
        position = m.end()


def _speech_events(text: str, body_start: int, mentions: holder.Mentions) -> list[_Event]:
    """Sentences outside quotes that report speech, one event per sentence (its first verb)."""
    found: dict[int, _Event] = {}
    for matches, kind in (
        (_word_starts(_SPEECH_RE, text, body_start), "speech"),
        (_word_starts(_PASSIVE_RE, text, body_start), "passive"),
        (_word_starts(_MENURUT_RE, text, body_start), "menurut"),
        (_PARENTHETICAL_RE.finditer(text, body_start), "parenthetical"),
    ):
        for m in matches:
            if mentions.in_quote(m.start()) or holder.headline_like(text, m.start()):
                continue
            sentence = sentence_start(text, m.start())
            event = _Event(m.start(), kind, start=sentence, verb_end=m.end())
            if sentence not in found or found[sentence].position > m.start():
                found[sentence] = event
    return list(found.values())


# Events that only move the speaker: a sentence that reports speech.
_SPEECH_KINDS = frozenset({"speech", "passive", "menurut", "parenthetical"})


def _resolve_speech(text: str, event: _Event, mentions: holder.Mentions) -> holder.Choice:
    stop = _sentence_end(text, event.verb_end)
    if event.kind == "speech":
        return holder.subject(mentions, event.start, event.position)
    if event.kind == "parenthetical":
        comma = text.find(",", event.verb_end, stop)
        return holder.credit(mentions, event.verb_end, comma if comma >= 0 else stop)
    comma = text.find(",", event.verb_end, stop) if event.kind == "menurut" else -1
    return holder.credit(mentions, event.verb_end, comma if comma >= 0 else stop)


def _credit_stop(text: str, start: int) -> int:
    stop = _sentence_end(text, start)
    mark = re.compile(r"[“\"]").search(text, start, stop)
    return mark.start() if mark else stop


def _quote_holder(
    text: str,
    quote: tuple[int, int, int, int],
    mentions: holder.Mentions,
    previous: tuple[int, holder.Choice] | None,
) -> holder.Choice | None:
    """Holder of one quote, or None when nothing attributes it."""
    open_mark, start, end, close_end = quote
    stop = _credit_stop(text, close_end)
    m = ATTRIBUTION_AFTER.match(text, close_end)
    if m is not None and m.group("verb"):
        verb = m.group("verb").lower()
        if verb in lexicon.NYA_ATTRIBUTIONS:
            return mentions.referent(open_mark, "nya")
        return holder.credit(mentions, m.end(), stop)
    if m is not None and m.group("demikian"):
        return holder.credit(mentions, m.end(), stop)
    if m is not None and m.group("clause"):
        # "kantor pers ... mengutip pernyataan Presiden Tokayev": the speaker named after the
        # verb, else the subject named before it.
        after = [e for e in mentions.within(m.end(), stop) if mentions.is_person(e)]
        if after:
            return holder.Choice(after[0], "speaker quoted by a reporter")
        return holder.subject(
            mentions, close_end, m.end("clause") - len(m.group("clause").split()[-1])
        )
    trailing = text[start:end].rstrip()[-1:]
    if trailing in ",.!?":
        nya = _UNKNOWN_NYA.match(text, close_end)
        if nya is not None:
            return mentions.referent(open_mark, "nya (unlisted verb)")
    if trailing == ",":
        unknown = _UNKNOWN_VERB.match(text, close_end)
        if (
            unknown is not None
            and unknown.group("verb") not in holder.CREDIT_STOPS
            and mentions.within(unknown.end(), stop)
        ):
            choice = holder.credit(mentions, unknown.end(), stop)
            return holder.Choice(choice.entity, f"{choice.rule} (unlisted verb)")
    sentence = sentence_start(text, open_mark)
    before = ATTRIBUTION_BEFORE.search(text, max(sentence, open_mark - 60), open_mark)
    if before is not None:
        return holder.subject(mentions, sentence, before.start())
    if (
        previous is not None
        and sentence_initial(text, open_mark)
        and len(text[start:end].split()) >= 3
    ):
        # "Budi mengimbau warga ... . “Jangan panik.”": the speech verb of the sentence
        # just before the quote attributes it.
        last_position, choice = previous
        prev_start = sentence_start(text, max(0, len(text[:open_mark].rstrip()) - 1))
        if prev_start <= last_position < open_mark:
            return holder.Choice(
                choice.entity, f"speech verb in the previous sentence ({choice.rule})"
            )
    return None


def _events(
    text: str, mentions: holder.Mentions, quotes: Sequence[tuple[int, int, int, int]]
) -> list[_Event]:
    body_start = headline_end(text)
    events = _speech_events(text, body_start, mentions)
    for open_mark, start, end, close_end in quotes:
        events.append(_Event(open_mark, "quote", start, end, close_end))
    for m in POSITION_RE.finditer(text, body_start):
        if mentions.in_quote(m.start()):
            continue
        verb_end = m.end()
        stop = _sentence_end(text, verb_end)
        end = _object_end(text, m.group("verb"), verb_end, stop)
        if end <= verb_end or not text[verb_end:end].strip():
            continue  # "Tak semua pihak menyambut baik." has no object: no stance
        events.append(
            _Event(
                m.start(),
                "clause",
                m.start(),
                end,
                verb=m.group("verb"),
                negated=bool(m.group("neg")),
                verb_end=verb_end,
            )
        )
    for m in HEADLINE_POSITION_RE.finditer(text, 0, body_start):
        end = _object_end(text, HEADLINE_POLARITY[m.group("verb")], m.end(), body_start)
        if end > m.end():
            events.append(
                _Event(
                    m.start(),
                    "headline",
                    m.start(),
                    end,
                    verb=HEADLINE_POLARITY[m.group("verb")],
                    verb_end=m.end(),
                )
            )
    order = {"speech": 0, "headline": 1, "clause": 1, "quote": 1}
    return sorted(events, key=lambda e: (e.position, order.get(e.kind, 0)))


def _headline_holder(text: str, event: _Event, mentions: holder.Mentions) -> holder.Choice:
    subject = mentions.within(sentence_start(text, event.start), event.start)
    if subject and subject[-1].end >= event.start - 2:
        return holder.Choice(subject[-1], "headline subject")
    return holder.Choice(None, "headline without subject")


def _decide(text: str, entities: tuple[Entity, ...]) -> tuple[Explanation, ...]:
    """Every STANCE of a canonical article text with the decisions that made it, in text
    order: the one pass behind `annotate_stances` and `explain_stances`. Events are read in
    text order because each attributed statement moves the article's speaker."""
    quotes = _quote_spans(text)
    mentions = holder.Mentions(text, entities, [(s, e) for _, s, e, _ in quotes])
    found: dict[Span, Explanation] = {}
    previous: tuple[int, holder.Choice] | None = None
    spoken: set[int] = set()  # sentences whose speaker a speech verb already named
    for event in _events(text, mentions, quotes):
        if event.kind in _SPEECH_KINDS:
            choice = _resolve_speech(text, event, mentions)
            mentions.set_speaker(choice)
            previous = (event.position, choice)
            spoken.add(event.start)
            continue
        if event.kind == "quote":
            quote = (event.position, event.start, event.end, event.close_end)
            choice_or_none = _quote_holder(text, quote, mentions, previous)
            if choice_or_none is None:
                continue
            choice = choice_or_none
            previous = (event.position, choice)
            body = text[event.start : event.end]
            pol = polarity.quote_polarity_choice(body)
            target = quote_target(body)
        else:
            choice = _position_holder(text, event, mentions)
            pol = polarity.clause_polarity(event.verb, negated=event.negated)
            target = _object_target(
                _WORD.findall(_PUNCT.split(text[event.verb_end : event.end], 1)[0])
            )
        if event.kind == "quote" or sentence_start(text, event.start) not in spoken:
            mentions.set_speaker(choice)
        stance = _stance(text, event.start, event.end, pol.polarity, choice.entity, target)
        found.setdefault((event.start, event.end), Explanation(stance, choice, pol))
    return tuple(found[k] for k in sorted(found))


def _position_holder(text: str, event: _Event, mentions: holder.Mentions) -> holder.Choice:
    """Holder of a position clause or a headline: the subject before its verb."""
    if event.kind == "headline":
        return _headline_holder(text, event, mentions)
    return holder.subject(mentions, sentence_start(text, event.start), event.start)


def explain_stances(text: str, entities: tuple[Entity, ...]) -> tuple[Explanation, ...]:
    """Every STANCE of a canonical article text with the rules that chose its holder and its
    polarity and the polarity's score, in text order."""
    return _decide(text, entities)


def _stance(
    text: str, start: int, end: int, polarity: Polarity, holder: Entity | None, target: str
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
    return tuple(decision.stance for decision in _decide(text, entities))
