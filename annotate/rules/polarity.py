"""Polarity of a STANCE from the structure of its clauses, with a confidence score. Pure.

Not a bag of evaluative words: a quote is read clause by clause for the few constructions
that take a side (guidelines 6.3), and everything else is a report, so neutral:

    Kami mendukung ... / Kami tidak setuju ...       position word, negation in its scope
    Kami tidak menolak X. Tapi jangan sampai ...     concession: what follows "tapi" decides
    Tidak benar itu. / Mana ada ...                  denial: against
    Untuk apa saya takut? / Gagal di mana gagalnya?  rhetorical question: against
    Sebaiknya warga ... / Kami minta ... / Mohon ... advice and requests by the speaker: favor
    BPBD mengimbau warga agar ...                    someone else's appeal, reported: neutral
    Jangan panik. / Tidak boleh lengah.              an appeal for calm or care: favor
    Jangan berlebihan. / Tidak boleh dibangun ...    a prohibition of anything else: against
    Tetap kita lanjutkan. / Kami akan terus ...      the speaker's commitment: favor
    ... warganya rukun, kompak ... / cukup bagus     praise as a predicate: favor
    Kerugian negara sekitar Rp 312 miliar.           figures, procedures, plans: neutral

`PolarityChoice.score` says how sure the rules are (0-1): a plain report without any cue is
fairly sure to be neutral (0.7); when favor and against cues cancel out, the answer is
neutral with a low score (0.3) so that review can look at it first. The Stance record has no
score field: the score is shown by `explain_stances`, not stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotate.rules import lexicon
from corpus.schemas import Polarity

_WORD = re.compile(r"[\w’'-]+")
# Words after which "segera" + verb urges rather than reports.
_URGING_BEFORE = frozenset({"itu", "agar", "supaya", "mohon", "tolong", "mari", "ayo", "harap"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# A clause opens after a comma or a space before a contrast, and after ";" or ":".
_CLAUSE = re.compile(r"(?:,\s*|\s+)(?=(?:tapi|tetapi|namun|sayangnya)\b)|(?<=[;:])\s")
# "jangan X", "tidak boleh X": an appeal for calm when X is a calm word, else a prohibition.
_DONT = re.compile(
    r"\b(?:jangan|tidak boleh|tak boleh|tidak usah|tak usah|tidak perlu)"
    r"(?: (?:sampai|terlalu|ada))? (\w+)"
)
_NO_NEED = ("tidak perlu", "tidak usah", "tak usah")
_WISH = re.compile(r"\byang penting\b")
_DENIAL = re.compile(lexicon.DENIAL_RE)
_COMMITMENT = re.compile(lexicon.COMMITMENT_RE)
_PIECE = re.compile(r"[,()]")
_CONTRASTS = tuple(lexicon.CONTRASTS)
_RHETORICAL = re.compile(r"\b(?:untuk apa|buat apa|ngapain|mana ada|kok)\b|^(?:masa|masak)\b")
_TRAILING_APA = re.compile(r",\s*apa\s*\?\s*$")
_WHERE_IS_IT = re.compile(r"\bdi mana (\w+?)nya\b")


def _first_words(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(entry.split(" ", 1)[0] for entry in entries)


# Every word that can open a word cue (a one-word entry or the first word of a two-word one):
# the other words of a quote are skipped without building their pairs.
_CUE_OPENERS = (
    _first_words(lexicon.QUOTE_POSITION)
    | lexicon.APPEAL_WORDS
    | lexicon.ADVICE_WORDS
    | lexicon.PROPOSAL_WORDS
    | lexicon.INTENSIFIERS
    | _first_words(lexicon.PRAISE)
    | _first_words(lexicon.COMPLAINTS)
    | {"harus", "segera"}
)


@dataclass(frozen=True, slots=True)
class PolarityChoice:
    """A polarity, how sure the rules are of it (0-1) and the rules that decided it."""

    polarity: Polarity
    score: float
    rules: tuple[str, ...]

    @property
    def rule(self) -> str:
        """The rules as one line, for people (`explain_stances`): joined only when asked."""
        return "; ".join(self.rules)


@dataclass(frozen=True, slots=True)
class _Cue:
    polarity: Polarity
    weight: float
    rule: str


def clause_polarity(verb: str, *, negated: bool) -> PolarityChoice:
    """Polarity of a reported position clause from its verb and a negation before it:
    "menolak" against; "tidak setuju" against; "tidak menolak" a concession (neutral)."""
    base = lexicon.POSITION_VERBS.get(verb, Polarity.FAVOR)
    if not negated:
        return PolarityChoice(base, 0.9, (f"position verb '{verb}'",))
    if base == Polarity.FAVOR:
        return PolarityChoice(Polarity.AGAINST, 0.9, (f"negated '{verb}'",))
    return PolarityChoice(Polarity.NEUTRAL, 0.5, (f"negated '{verb}': concession",))


def _negated(tokens: list[str], i: int) -> bool:
    return any(w in lexicon.NEGATIONS for w in tokens[max(0, i - 2) : i])


def _first_person_or_none(tokens: list[str]) -> bool:
    """The words before an appeal verb in its clause: nothing, or the speaker ("kami",
    "saya juga", "di sini kami"), so the appeal is the speaker's own."""
    rest = [w for w in tokens if w not in lexicon.SUBJECT_ADVERBS and w not in lexicon.FILLERS]
    return not rest or rest[-1] in lexicon.FIRST_PERSON


def _position_cue(tokens: list[str], i: int, word: str) -> _Cue:
    """A position word ("mendukung", "tolak"), with a negation in front of it."""
    base = lexicon.QUOTE_POSITION[word]
    if not _negated(tokens, i):
        return _Cue(base, 2, f"position word '{word}'")
    if base == Polarity.FAVOR:
        return _Cue(Polarity.AGAINST, 2, f"negated '{word}'")
    return _Cue(Polarity.NEUTRAL, 0, f"concession 'tidak {word}'")


def _word_cue(tokens: list[str], i: int) -> _Cue | None:
    """The cue that the word at `i` (with the word after it) opens, if any."""
    w = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    pair = f"{w} {nxt}" if nxt else ""
    before = tokens[i - 1] if i > 0 else ""
    if w in lexicon.QUOTE_POSITION or pair in lexicon.QUOTE_POSITION:
        return _position_cue(tokens, i, pair if pair in lexicon.QUOTE_POSITION else w)
    if w in lexicon.APPEAL_WORDS and not _negated(tokens, i) and nxt != "maaf":
        if _first_person_or_none(tokens[:i]):
            return _Cue(Polarity.FAVOR, 1.5, f"speaker's appeal '{w}'")
        return _Cue(Polarity.NEUTRAL, 0, f"reported appeal '{w}'")
    if w in lexicon.ADVICE_WORDS:
        return _Cue(Polarity.FAVOR, 1.5, f"advice '{w}'")
    if w in lexicon.PROPOSAL_WORDS and before in lexicon.FIRST_PERSON:
        return _Cue(Polarity.FAVOR, 1.5, f"speaker's proposal '{before} {w}'")
    if w == "harus" and before in ("kita", "kami"):
        return _Cue(Polarity.FAVOR, 1, f"call '{before} harus'")
    if (
        w == "segera"
        and nxt.startswith(("me", "di", "ber"))
        and (i == 0 or before in _URGING_BEFORE)
    ):
        # "..., itu segera menerapkan booster": an urging without a subject of its own;
        # "Petugas segera mengevakuasi korban" is a report.
        return _Cue(Polarity.FAVOR, 1, "urging 'segera'")
    if w == "harus" and nxt.startswith("di") and len(nxt) > 4:
        return _Cue(Polarity.FAVOR, 1, "demand 'harus di-'")
    if w in lexicon.INTENSIFIERS and nxt in lexicon.POSITIVE_ADJECTIVES:
        return _Cue(Polarity.FAVOR, 1, f"praise '{pair}'")
    if w in lexicon.PRAISE or pair in lexicon.PRAISE:
        if _negated(tokens, i):
            return None
        return _Cue(Polarity.FAVOR, 1, f"praise '{pair if pair in lexicon.PRAISE else w}'")
    if w in lexicon.COMPLAINTS or pair in lexicon.COMPLAINTS:
        word = pair if pair in lexicon.COMPLAINTS else w
        return _Cue(Polarity.AGAINST, 1, f"complaint '{word}'")
    return None


def _dont_cues(joined: str) -> list[_Cue]:
    """ "jangan panik" is an appeal for calm (favor), "jangan berlebihan" a prohibition
    (against); "tidak perlu X" says nothing against X."""
    cues = []
    for m in _DONT.finditer(joined):
        if m.group(1) in lexicon.CALM_WORDS:
            cues.append(_Cue(Polarity.FAVOR, 1.5, f"appeal for calm '{m.group()}'"))
        elif not m.group().startswith(_NO_NEED) and not _WISH.search(joined, 0, m.start()):
            # "Yang penting rasanya jangan berubah" is a wish, not a prohibition.
            cues.append(_Cue(Polarity.AGAINST, 1, f"prohibition '{m.group()}'"))
    return cues


def _clause_cues(clause: str) -> list[_Cue]:
    """The cues of one clause, in order: its words, "jangan ...", a denial, a commitment."""
    tokens = [w.lower() for w in _WORD.findall(clause)]
    joined = " ".join(tokens)
    cues = [
        cue
        for i, w in enumerate(tokens)
        if w in _CUE_OPENERS and (cue := _word_cue(tokens, i)) is not None
    ]
    cues += _dont_cues(joined)
    pieces = [" ".join(_WORD.findall(p.lower())) for p in _PIECE.split(clause)]
    if any(_DENIAL.match(piece) for piece in pieces):
        cues.append(_Cue(Polarity.AGAINST, 2, "denial"))
    if _COMMITMENT.search(joined):
        cues.append(_Cue(Polarity.FAVOR, 1, "commitment"))
    return cues


def _rhetorical(sentence: str) -> bool:
    """A question that disputes rather than asks: "untuk apa ...?", "X di mana X-nya?",
    "..., apa?", "masa ...?", "kok ...?"."""
    if not sentence.rstrip(" ,").endswith("?"):
        return False
    tokens = [w.lower() for w in _WORD.findall(sentence)]
    joined = " ".join(tokens)
    if _RHETORICAL.search(joined) or _TRAILING_APA.search(sentence):
        return True
    m = _WHERE_IS_IT.search(joined)
    return bool(m and m.group(1) in tokens)


def quote_polarity_choice(quote: str) -> PolarityChoice:
    """favor / against / neutral of a quote, with a score and the rules that decided it."""
    favor = against = 0.0
    rules: list[str] = []
    stress = 1.0
    for sentence in _SENTENCE.split(quote):
        for clause in _CLAUSE.split(sentence):
            if clause.lower().lstrip(" ,").startswith(_CONTRASTS):
                stress = 2.0  # what follows a contrast is what the speaker stresses
            for cue in _clause_cues(clause):
                rules.append(cue.rule)
                if cue.polarity == Polarity.FAVOR:
                    favor += cue.weight * stress
                elif cue.polarity == Polarity.AGAINST:
                    against += cue.weight * stress
        if _rhetorical(sentence):
            against += 1.5 * stress
            rules.append("rhetorical question")
    if not rules:
        return PolarityChoice(Polarity.NEUTRAL, 0.7, ("no position cue: report",))
    if favor == against:
        return PolarityChoice(Polarity.NEUTRAL, 0.3 if favor else 0.6, tuple(rules))
    polarity = Polarity.FAVOR if favor > against else Polarity.AGAINST
    margin = abs(favor - against)
    score = min(0.9, 0.4 + 0.15 * margin) * (1.0 if min(favor, against) == 0 else 0.7)
    return PolarityChoice(polarity, round(score, 2), tuple(rules))


def quote_polarity(quote: str) -> Polarity:
    """favor / against / neutral of a quote (see `quote_polarity_choice`)."""
    return quote_polarity_choice(quote).polarity
