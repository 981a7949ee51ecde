"""The tokenizer of the `tokens` config, BIO tags from spans and spans from BIO tags. Pure.

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
from operator import itemgetter

from corpus.schemas import label_set
from corpus.validate import Problem, overlap_message

OUTSIDE = "O"

_HYPHEN = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen; dashes are punctuation
_ALNUM = r"[^\W_]"
_LETTER = r"[^\W\d_]"
_JOIN = "[" + _HYPHEN.replace("-", "\\-") + "]"
_TOKEN = re.compile(
    "|".join(
        [
            # Rupiah written solid with the amount: "Rp1.205" → "Rp", "1.205".
            r"Rp(?=\d)",
            # A word starts with a letter; an apostrophe between letters ("Jum'at") and
            # hyphens between parts ("Kassym-Jomart", "Covid-19", "anak-anak") join.
            rf"{_LETTER}{_ALNUM}*(?:['’]{_LETTER}+)*(?:{_JOIN}{_ALNUM}+(?:['’]{_LETTER}+)*)*",
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
# A clitic "nya" ending a word. Splitting it off after the regex, for the few words that
# have one, keeps the regex simple: 200 µs a document instead of 300 with the check inside.
_NYA = re.compile(r"[Nn]ya(?![^\W_])")
# Words whose "nya" is part of the word and has three letters or more before it.
_NOT_CLITIC = frozenset({"bertanya", "ditanya", "nyonya", "bahwasanya"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """The tokens of `text` as half-open (start, end) code-point offsets, in order."""
    tokens = [m.span() for m in _TOKEN.finditer(text)]
    if "ya" in text:
        tokens = _split_nya(text, tokens)
    return tokens


def _split_nya(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a word-final clitic off its word: after a hyphen ("KPK-nya" → KPK - nya), or
    after three characters or more ("setengahnya" → setengah nya; not "hanya", "punya")."""
    splits: list[tuple[int, list[tuple[int, int]]]] = []
    for match in _NYA.finditer(text):
        at = match.start()
        i = bisect.bisect_right(tokens, (at, len(text))) - 1
        if i < 0:
            continue
        start, end = tokens[i]
        if end != at + 3 or at == start or text[start:end].lower() in _NOT_CLITIC:
            continue
        if text[at - 1] in _HYPHEN:
            splits.append((i, [(start, at - 1), (at - 1, at), (at, end)]))
        elif at - start >= 3:
            splits.append((i, [(start, at), (at, end)]))
    for i, parts in reversed(splits):
        tokens[i : i + 1] = parts
    return tokens


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
    begin = _begin_tags()
    tags = [0] * len(tokens)
    owner: dict[int, str] = {}  # token index → pointer of the span tagging it
    starts = list(map(itemgetter(0), tokens))
    ends = list(map(itemgetter(1), tokens))
    problems: list[Problem] = []
    for span in spans:
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(ends, span.end)
        if (
            first == len(starts)
            or last == len(ends)
            or starts[first] != span.start
            or ends[last] != span.end
            or last < first
        ):
            problems.append(Problem(span.pointer, _misaligned(text, tokens, starts, span)))
            continue
        taken = next((owner[i] for i in range(first, last + 1) if i in owner), None)
        if taken is not None:
            message = overlap_message(text, span.label, span.start, span.end, taken)
            problems.append(Problem(span.pointer, message))
            continue
        tag = begin[span.label]
        tags[first] = tag
        tags[first + 1 : last + 1] = [tag + 1] * (last - first)
        for i in range(first, last + 1):
            owner[i] = span.pointer
    return tags, problems


@cache
def _begin_tags() -> dict[str, int]:
    names = bio_names()
    return {label: names.index(f"B-{label}") for label in label_set().token_labels}


def _misaligned(
    text: str, tokens: Sequence[tuple[int, int]], starts: list[int], span: TokenSpan
) -> str:
    where = f"{span.label} [{span.start}:{span.end}] {text[span.start : span.end]!r}"
    ends = {end for _, end in tokens}
    starts_set = set(starts)
    side, offset = (
        ("starts", span.start) if span.start not in starts_set else ("ends", span.end - 1)
    )
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
    parsed = [parse_tag(names[tag]) for _, tag in zip(tokens, tags, strict=True)]
    return [
        TokenSpan("", tokens[first][0], tokens[end - 1][1], label)
        for first, end, label in tag_spans(parsed)
    ]


# --- reading BIO tags (ours and those of public corpora) -----------------------------------

_TAG = re.compile(r"([BIESLU])-(\S+)")
_OPENS = frozenset("BSU")  # these always open a new span
_CLOSES = frozenset("ESLU")  # these close the span they are in

Tag = tuple[str, str] | None  # a parsed tag: ('B', 'PER'), or None for O


def parse_tag(tag: str) -> Tag:
    """('B', 'PER') for 'B-PER', None for 'O'; raises ValueError for anything else."""
    if tag == OUTSIDE:
        return None
    found = _TAG.fullmatch(tag)
    if not found:
        raise ValueError(f"tag {tag!r} is not O or B-/I-/E-/S-<type>")
    return found[1], found[2].upper()


def tag_spans(tags: Iterable[Tag]) -> list[tuple[int, int, str]]:
    """The spans of a sentence's parsed tags (`parse_tag`) as (first token, end token
    (exclusive), type).

    One rule reads IOB2 (every span starts with B-) and IOB1 (B- only between two adjacent
    spans of one type): B- starts a span, and I- continues the span before it only when
    that span has the same type; otherwise it starts one. For BIOES / BILOU, S- and U-
    also start a span, and E-, L-, S- and U- close the span they are in.
    """
    spans: list[tuple[int, int, str]] = []
    open_span: tuple[int, str] | None = None  # first token, type
    count = 0
    for at, tag in enumerate(tags):
        count = at + 1
        if open_span is not None and (tag is None or tag[0] in _OPENS or open_span[1] != tag[1]):
            spans.append((open_span[0], at, open_span[1]))
            open_span = None
        if tag is None:
            continue
        prefix, kind = tag
        if open_span is None:
            open_span = (at, kind)
        if prefix in _CLOSES:
            spans.append((open_span[0], at + 1, kind))
            open_span = None
    if open_span is not None:
        spans.append((open_span[0], count, open_span[1]))
    return spans
