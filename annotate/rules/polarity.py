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
from dataclasses import dataclass

from annotate.rules import lexicon
from annotate.rules.lexicon import AGAINST, FAVOR, NEUTRAL

_WORD = re.compile(r"[\w’'-]+")
# Words after which "segera" + verb urges rather than reports.
_URGING_BEFORE = frozenset({"itu", "agar", "supaya", "mohon", "tolong", "mari", "ayo", "harap"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True, slots=True)
class PolarityChoice:
    """A polarity, how sure the rules are of it (0-1) and the rules that decided it."""

    polarity: str
    score: float
    rule: str


@dataclass(frozen=True, slots=True)
class _Cue:
    polarity: str
    weight: float
    rule: str


def clause_polarity(verb: str, *, negated: bool) -> PolarityChoice:
    """Polarity of a reported position clause from its verb and a negation before it:
    "menolak" against; "tidak setuju" against; "tidak menolak" a concession (neutral)."""
    base = lexicon.POSITION_VERBS.get(verb, FAVOR)
    if not negated:
        return PolarityChoice(base, 0.9, f"position verb '{verb}'")
    if base == FAVOR:
        return PolarityChoice(AGAINST, 0.9, f"negated '{verb}'")
    return PolarityChoice(NEUTRAL, 0.5, f"negated '{verb}': concession")


def _negated(tokens: list[str], i: int) -> bool:
    return any(w in lexicon.NEGATIONS for w in tokens[max(0, i - 2) : i])


def _first_person_or_none(tokens: list[str]) -> bool:
    """The words before an appeal verb in its clause: nothing, or the speaker ("kami",
    "saya juga", "di sini kami"), so the appeal is the speaker's own."""
    rest = [w for w in tokens if w not in lexicon.SUBJECT_ADVERBS and w not in lexicon.FILLERS]
    return not rest or rest[-1] in lexicon.FIRST_PERSON


def _clause_cues(clause: str) -> list[_Cue]:
    tokens = [w.lower() for w in _WORD.findall(clause)]
    joined = " ".join(tokens)
    cues: list[_Cue] = []
    for i, w in enumerate(tokens):
        pair = f"{w} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if w in lexicon.QUOTE_POSITION or pair in lexicon.QUOTE_POSITION:
            word = pair if pair in lexicon.QUOTE_POSITION else w
            base = lexicon.QUOTE_POSITION[word]
            if _negated(tokens, i):
                if base == FAVOR:
                    cues.append(_Cue(AGAINST, 2, f"negated '{word}'"))
                else:
                    cues.append(_Cue(NEUTRAL, 0, f"concession 'tidak {word}'"))
            else:
                cues.append(_Cue(base, 2, f"position word '{word}'"))
        elif w in lexicon.APPEAL_WORDS and not _negated(tokens, i) and nxt != "maaf":
            if _first_person_or_none(tokens[:i]):
                cues.append(_Cue(FAVOR, 1.5, f"speaker's appeal '{w}'"))
            else:
                cues.append(_Cue(NEUTRAL, 0, f"reported appeal '{w}'"))
        elif w in lexicon.ADVICE_WORDS:
            cues.append(_Cue(FAVOR, 1.5, f"advice '{w}'"))
        elif w in lexicon.PROPOSAL_WORDS and i > 0 and tokens[i - 1] in lexicon.FIRST_PERSON:
            cues.append(_Cue(FAVOR, 1.5, f"speaker's proposal '{tokens[i - 1]} {w}'"))
        elif w == "harus" and i > 0 and tokens[i - 1] in ("kita", "kami"):
            cues.append(_Cue(FAVOR, 1, f"call '{tokens[i - 1]} harus'"))
        elif (
            w == "segera"
            and nxt.startswith(("me", "di", "ber"))
            and (i == 0 or tokens[i - 1] in _URGING_BEFORE)
        ):
            # "..., itu segera menerapkan booster": an urging without a subject of its own;
            # "Petugas segera mengevakuasi korban" is a report.
            cues.append(_Cue(FAVOR, 1, "urging 'segera'"))
        elif w == "harus" and nxt.startswith("di") and len(nxt) > 4:
            cues.append(_Cue(FAVOR, 1, "demand 'harus di-'"))
        elif w in lexicon.INTENSIFIERS and nxt in lexicon.POSITIVE_ADJECTIVES:
            cues.append(_Cue(FAVOR, 1, f"praise '{pair}'"))
        elif w in lexicon.PRAISE or pair in lexicon.PRAISE:
            if not _negated(tokens, i):
                cues.append(_Cue(FAVOR, 1, f"praise '{pair if pair in lexicon.PRAISE else w}'"))
        elif w in lexicon.COMPLAINTS or pair in lexicon.COMPLAINTS:
            cues.append(
                _Cue(AGAINST, 1, f"complaint '{pair if pair in lexicon.COMPLAINTS else w}'")
            )
    for m in re.finditer(
        r"\b(?:jangan|tidak boleh|tak boleh|tidak usah|tak usah|tidak perlu)"
        r"(?: (?:sampai|terlalu|ada))? (\w+)",
        joined,
    ):
        if m.group(1) in lexicon.CALM_WORDS:
            cues.append(_Cue(FAVOR, 1.5, f"appeal for calm '{m.group()}'"))
        elif not m.group().startswith(("tidak perlu", "tidak usah", "tak usah")) and not re.search(
            r"\byang penting\b", joined[: m.start()]
        ):
            # "Yang penting rasanya jangan berubah" is a wish, not a prohibition.
            cues.append(_Cue(AGAINST, 1, f"prohibition '{m.group()}'"))
    pieces = [" ".join(_WORD.findall(p.lower())) for p in re.split(r"[,()]", clause)]
    if any(re.match(lexicon.DENIAL_RE, piece) for piece in pieces):
        cues.append(_Cue(AGAINST, 2, "denial"))
    if re.search(lexicon.COMMITMENT_RE, joined):
        cues.append(_Cue(FAVOR, 1, "commitment"))
    return cues


def _rhetorical(sentence: str) -> bool:
    """A question that disputes rather than asks: "untuk apa ...?", "X di mana X-nya?",
    "..., apa?", "masa ...?", "kok ...?"."""
    if not sentence.rstrip(" ,").endswith("?"):
        return False
    tokens = [w.lower() for w in _WORD.findall(sentence)]
    joined = " ".join(tokens)
    if re.search(r"\b(?:untuk apa|buat apa|ngapain|mana ada|kok)\b|^(?:masa|masak)\b", joined):
        return True
    if re.search(r",\s*apa\s*\?\s*$", sentence):
        return True
    m = re.search(r"\bdi mana (\w+?)nya\b", joined)
    return bool(m and m.group(1) in tokens)


def quote_polarity_choice(quote: str) -> PolarityChoice:
    """favor / against / neutral of a quote, with a score and the rules that decided it."""
    favor = against = 0.0
    rules: list[str] = []
    stress = 1.0
    for sentence in _SENTENCE.split(quote):
        clauses = re.split(
            r"(?:,\s*|\s+)(?=(?:tapi|tetapi|namun|sayangnya)\b)|(?<=[;:])\s", sentence
        )
        for clause in clauses:
            low = clause.lower().lstrip(" ,")
            if low.startswith(tuple(lexicon.CONTRASTS)):
                stress = 2.0  # what follows a contrast is what the speaker stresses
            for cue in _clause_cues(clause):
                rules.append(cue.rule)
                if cue.polarity == FAVOR:
                    favor += cue.weight * stress
                elif cue.polarity == AGAINST:
                    against += cue.weight * stress
        if _rhetorical(sentence):
            against += 1.5 * stress
            rules.append("rhetorical question")
    if not rules:
        return PolarityChoice(NEUTRAL, 0.7, "no position cue: report")
    if favor == against:
        return PolarityChoice(NEUTRAL, 0.3 if favor else 0.6, "; ".join(rules))
    polarity = FAVOR if favor > against else AGAINST
    margin = abs(favor - against)
    score = min(0.9, 0.4 + 0.15 * margin) * (1.0 if min(favor, against) == 0 else 0.7)
    return PolarityChoice(polarity, round(score, 2), "; ".join(rules))


def quote_polarity(quote: str) -> str:
    """favor / against / neutral of a quote (see `quote_polarity_choice`)."""
    return quote_polarity_choice(quote).polarity
