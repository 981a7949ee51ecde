"""Spans on token boundaries, as the release's BIO tags need them: checked while validating.
Pure.

The release build (corpus/tokens.py `bio_tags`) refuses a PER, ORG or QTY span whose start
or end falls inside a token ("jaman" in "pinjaman"). `corpus validate` finds the same spans,
in the build's words, so that a gold set it passes always builds.

Tokenizing a whole text costs more than every other check of a record together, so most
places are settled without it. Tokens never hold whitespace, and every other character
belongs to exactly one token, so a place next to whitespace (or the text's edge) is always a
token boundary; so is one where the tokenizer's patterns cannot go on, as after a letter
before a comma. The tokens of a whitespace-delimited word are the same whether the word or
the whole text is tokenized, so only the words around the other places are tokenized, and the
whole text only when a span is found off its tokens, to word it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from corpus.features import token_spans
from corpus.tokens import bio_tags, tokenize
from corpus.validate import Problem


def misaligned_spans(record: Mapping[str, Any]) -> list[Problem]:
    """A Problem, as the build words it, for each PER, ORG or QTY span of a Document record
    that does not start and end on token boundaries. For a record `corpus.validate.problems`
    passes (spans inside the text, trimmed, not overlapping)."""
    text: str = record["text"]
    places = ((s["start"], s["end"]) for kind in ("entities", "quantities") for s in record[kind])
    if on_token_boundaries(text, places):
        return []
    # With no overlaps (validated), every problem bio_tags finds is a misaligned span.
    _, problems = bio_tags(text, tokenize(text), token_spans(record))
    return problems


def on_token_boundaries(text: str, places: Iterable[tuple[int, int]]) -> bool:
    """Whether every (start, end) of trimmed spans inside `text` starts and ends on a token
    boundary of `tokenize(text)`."""
    for start, end in places:
        settled = _starts_token(text, start) and _ends_token(text, end)
        if not settled and not _on_word_tokens(text, start, end):
            return False
    return True


# Inside a word, an apostrophe before a letter ("Jum'at") or a hyphen before a letter or digit
# ("Kassym-Jomart", "Covid-19") joins its parts into one token (corpus/tokens.py).
_JOINERS = "'’-\u2010\u2011"


def _starts_token(text: str, start: int) -> bool:
    """Whether a token surely starts at `start`, without tokenizing: after whitespace, or a
    letter after a character no token holds together with a letter ("(BPBD", "“Saya")."""
    if start == 0 or text[start - 1].isspace():
        return True
    before = text[start - 1]
    return text[start].isalpha() and not (before.isalnum() or before == "_" or before in _JOINERS)


def _ends_token(text: str, end: int) -> bool:
    """Whether a token surely ends at `end`, without tokenizing: before whitespace, or after a
    letter or digit that the next character cannot continue ("Tokayev,", "12%")."""
    if end == len(text) or text[end].isspace():
        return True
    last, after = text[end - 1], text[end]
    if after.isalnum() or after in _JOINERS:
        return False
    if last.isalpha():
        return True  # a word ends: only letters, digits and joiners go on with one
    # A number goes on with a decimal comma or dot ("2,5"), a keycap digit with its marks.
    return last.isdigit() and after not in ".,\ufe0f\u20e3"


def _on_word_tokens(text: str, start: int, end: int) -> bool:
    """Whether `start` and `end` are token boundaries, tokenizing only the words they are in."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    tokens = tokenize(text[left:right])
    starts = {token_start + left for token_start, _ in tokens}
    ends = {token_end + left for _, token_end in tokens}
    return start in starts and end in ends
