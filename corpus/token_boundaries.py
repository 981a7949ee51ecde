"""Spans on token boundaries, as the release's BIO tags need them: checked while validating.
Pure.

The release build (corpus/tokens.py `bio_tags`) refuses a PER, ORG or QTY span whose start
or end falls inside a token ("jaman" in "pinjaman"). `corpus validate` finds the same spans,
in the build's words, so that a gold set it passes always builds.

Tokenizing a whole text costs more than every other check of a record together, and nearly
every span starts and ends next to a space. Tokens never hold whitespace, and every other
character belongs to exactly one token, so a place next to whitespace (or the text's edge)
is always a token boundary; and the tokens of a whitespace-delimited word are the same
whether the word or the whole text is tokenized. So only the words around the other places
are tokenized, and the whole text only when a span is found off its tokens, to word it.
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
    length = len(text)
    for start, end in places:
        if (start == 0 or text[start - 1].isspace()) and (end == length or text[end].isspace()):
            continue
        if not _on_word_tokens(text, start, end):
            return False
    return True


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
