"""The tokenizer of the `tokens` config, and BIO tags from spans. Pure.

One tokenizer, written for Indonesian news text; tokens are half-open code-point offsets
into the canonical text, like every span. Examples (text → tokens):

    Kassym-Jomart Tokayev      → Kassym-Jomart | Tokayev        hyphenated names stay whole
    anak-anak, Covid-19, ke-3  → one token each                 reduplication, codes, ordinals
    setengahnya, ungkapnya     → setengah | nya, ungkap | nya   the clitic "-nya" is never in
    KPK-nya, rahmat-Nya        → KPK | - | nya, rahmat | - | Nya   a span, so it splits off
    hanya, punya, bertanya     → one token each                 ("nya" after 3+ letters only,
                                                                and not where it is no clitic)
    Rp1.205                    → Rp | 1.205                     rupiah glued to the amount
    US$2,5 miliar              → US | $ | 2,5 | miliar
    2,5  1.300  1,300  14.30   → one token each                 decimal comma, thousands dot
    2-3, 1,7-1,8, 15%-18%      → 2 | - | 3, ...                 a range splits at the dash
    12%                        → 12 | %
    Jum'at, Qur’an             → one token each                 apostrophe inside a word
    “Saya ragu,” (PHK)         → “ | Saya | ragu | , | ” | ( | PHK | )
    👩‍🍳 Siti, 🇮🇩, 👍🏽, 1️⃣         → 👩‍🍳 | Siti, 🇮🇩, 👍🏽, 1️⃣
                      an emoji with its joiners, modifiers, flag pair or keycap is one token

Every character that is not whitespace belongs to exactly one token. A span whose start
or end falls inside a token is reported by `bio_tags`, never moved to the nearest
boundary: the gold offsets are what was reviewed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from corpus.schemas import label_set
from corpus.validate import Problem

OUTSIDE = "O"

_HYPHEN = "\\-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen; dashes are punctuation
_ALNUM = r"[^\W_]"
_LETTER = r"[^\W\d_]"
# Consume a letter unless a clitic "nya" ends the word here. Checking at each letter is the
# cheapest form found (about 3,000 documents a second against 8,000 for a bare `\w+|\S`).
_NOT_BEFORE_NYA = rf"(?![Nn]ya(?!{_ALNUM}))"
# Words whose "nya" is part of the word and has three letters or more before it.
_NOT_CLITIC = ("bertanya", "ditanya", "nyonya", "bahwasanya")
_TOKEN = re.compile(
    "|".join(
        [
            rf"(?i:{'|'.join(_NOT_CLITIC)})(?!{_ALNUM})",
            # Rupiah written solid with the amount: "Rp1.205" → "Rp", "1.205".
            r"Rp(?=\d)",
            # A word starts with a letter. From the fourth letter on, a word-final "nya" is
            # left for the next token ("setengahnya"); "hanya", "punya" are too short to split.
            # An apostrophe between letters ("Jum'at") and hyphens between parts
            # ("Kassym-Jomart", "Covid-19", "anak-anak") join; "-nya" after a hyphen does not.
            rf"{_LETTER}(?:{_ALNUM}{{2}}(?:{_NOT_BEFORE_NYA}{_ALNUM})*|{_ALNUM}{{0,2}})"
            rf"(?:['’]{_LETTER}+)*"
            rf"(?:[{_HYPHEN}](?:{_NOT_BEFORE_NYA}{_ALNUM})+(?:['’]{_LETTER}+)*)*",
            # A keycap emoji ("1️⃣"), then plain numbers: "2,5", "1.300.000", "14.30". A dash
            # between numbers is a token of its own.
            "\\d\ufe0f?\u20e3",
            r"\d+(?:[.,]\d+)*",
            # A flag is a pair of regional indicators.
            "[\U0001f1e6-\U0001f1ff]{2}",
            # A symbol with what attaches to it: zero-width joiner sequences, variation
            # selectors, keycaps, skin tones ("👩‍🍳", "👍🏽", "☕️").
            "[^\\w\\s](?:\u200d[^\\w\\s]|[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff])*",
            # Anything else that is not whitespace ("_", a stray combining mark) stands alone.
            r"\S",
        ]
    )
)


def tokenize(text: str) -> list[tuple[int, int]]:
    """The tokens of `text` as half-open (start, end) code-point offsets, in order."""
    return [m.span() for m in _TOKEN.finditer(text)]


def token_texts(text: str, offsets: Iterable[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in offsets]


@cache
def bio_names() -> tuple[str, ...]:
    """The tag names of the `tokens` config: O, then B-/I- for each token label (PER, ORG, QTY),
    in schema order. Their index is the ClassLabel id."""
    names = [OUTSIDE]
    for label in label_set().token_labels:
        names += [f"B-{label}", f"I-{label}"]
    return tuple(names)


@dataclass(frozen=True, slots=True)
class TokenSpan:
    """A span to tag: where it is in the record (for messages), its offsets and label."""

    pointer: str
    start: int
    end: int
    label: str


def bio_tags(
    text: str, tokens: Sequence[tuple[int, int]], spans: Iterable[TokenSpan]
) -> tuple[list[int], list[Problem]]:
    """BIO tag ids (indexes into `bio_names()`) for `tokens`, and a Problem for each span
    that does not start and end on token boundaries or overlaps another span (BIO cannot
    hold both). A span with a problem is left out of the tags; it is never shifted."""
    names = bio_names()
    begin = {label: names.index(f"B-{label}") for label in label_set().token_labels}
    tags = [0] * len(tokens)
    owner: list[str | None] = [None] * len(tokens)
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    first_token = {start: i for i, start in enumerate(starts)}
    last_token = {end: i for i, end in enumerate(ends)}
    problems: list[Problem] = []
    for span in spans:
        first = first_token.get(span.start)
        last = last_token.get(span.end)
        if first is None or last is None or last < first:
            problems.append(Problem(span.pointer, _misaligned(text, tokens, starts, span)))
            continue
        taken = next((owner[i] for i in range(first, last + 1) if owner[i] is not None), None)
        if taken is not None:
            problems.append(
                Problem(
                    span.pointer,
                    f"{span.label} [{span.start}:{span.end}] {text[span.start : span.end]!r} "
                    f"overlaps {taken}; BIO tags cannot hold both, keep one of them",
                )
            )
            continue
        tags[first] = begin[span.label]
        for i in range(first + 1, last + 1):
            tags[i] = begin[span.label] + 1
        for i in range(first, last + 1):
            owner[i] = span.pointer
    return tags, problems


def _misaligned(
    text: str, tokens: Sequence[tuple[int, int]], starts: list[int], span: TokenSpan
) -> str:
    where = f"{span.label} [{span.start}:{span.end}] {text[span.start : span.end]!r}"
    ends = {end for _, end in tokens}
    side, offset = ("starts", span.start) if span.start not in starts else ("ends", span.end - 1)
    if side == "ends" and span.end in ends:
        return f"{where} ends before it starts"
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and tokens[i][0] <= offset < tokens[i][1]:
        start, end = tokens[i]
        return (
            f"{where} {side} inside the token {text[start:end]!r} [{start}:{end}]; fix the span, "
            "or the tokenizer (corpus/tokens.py) if the token is wrong"
        )
    return f"{where} {side} outside every token"


def spans_from_tags(tokens: Sequence[tuple[int, int]], tags: Sequence[int]) -> list[TokenSpan]:
    """The spans BIO `tags` describe (pointer left empty): the inverse of `bio_tags`."""
    names = bio_names()
    spans: list[TokenSpan] = []
    label: str | None = None
    start = end = 0
    for (token_start, token_end), tag in zip(tokens, tags, strict=True):
        name = names[tag]
        if name.startswith("I-") and label == name[2:]:
            end = token_end
            continue
        if label is not None:
            spans.append(TokenSpan("", start, end, label))
        label = name[2:] if name != OUTSIDE else None
        start, end = token_start, token_end
    if label is not None:
        spans.append(TokenSpan("", start, end, label))
    return spans
