"""The `sentences` config: an article's tokens and BIO tags cut into sentences. Pure.

Transformers take a bounded number of subword tokens (512 for BERT-like models), and a news
article is longer. This module cuts the `tokens` row of an article (corpus/tokens.py) into
sentence rows, each with a stable id `<article id>#<index>` (index from 0, in text order):

1. Sentence ends come from spaCy's rule-based `sentencizer` on a blank Indonesian pipeline:
   spaCy's Indonesian tokenizer exceptions keep abbreviations whole ("Dr.", "Prof.", "dll.",
   "No.", "M.Sc.", initials such as "A."), so their period ends no sentence. We add a few
   abbreviations spaCy lacks (ABBREVIATIONS). Each line is split on its own: a line break
   (between title and body, between paragraphs) always ends a sentence.
2. A spaCy boundary becomes the first of our tokens that starts at or after it. Opening
   quotes and brackets, which the sentencizer leaves at the end of the sentence before
   ('katanya. "Kami' → 'katanya. "' | 'Kami'), move to the sentence they open.
3. A boundary inside a PER/ORG/QTY span ("PT. Maju Jaya" if "PT." were missing from the
   abbreviations) is dropped: the two sentences stay one, so a span is never cut.
4. A sentence longer than MAX_TOKENS tokens is cut into pieces of at most MAX_TOKENS: after
   the last clause mark (, ; : –) in the second half of the window, else at the window's
   end, and never inside a span (the cut moves back before the span). Only a span filling
   half of MAX_TOKENS or more would make a cut after it, and a longer row.

The sentence rows of an article concatenate back to its `tokens` row: same tokens, offsets
and tags, in order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from corpus.records import JSON
from corpus.tokens import bio_names

if TYPE_CHECKING:
    from spacy.language import Language

# At most this many tokens (words and punctuation marks, corpus/tokens.py) in a row: even at
# four subword pieces a token, worse than Indonesian news gives with IndoBERT's or XLM-R's
# vocabularies, a row and its two special tokens fit in 512.
MAX_TOKENS = 128
# Indonesian abbreviations that end in a period and that spaCy's Indonesian exceptions lack:
# addresses (Jl. Merdeka, Kec., Kab.), forms of address (Bpk., Sdr.), company forms (PT., CV.,
# Tbk.), rupiah (Rp.), times (pkl.). One at a sentence's end joins it to the next sentence:
# a longer row, never a cut span.
ABBREVIATIONS = (
    "Jl.",
    "Jln.",
    "Gg.",
    "Kec.",
    "Kab.",
    "Kel.",
    "Prov.",
    "Bpk.",
    "Sdr.",
    "Sdri.",
    "Yth.",
    "PT.",
    "CV.",
    "Tbk.",
    "Rp.",
    "pkl.",
    "tgl.",
)
# Marks that open what follows them: at the end of a sentence they belong to the next one.
_OPENING = frozenset("“‘«([{„")
_STRAIGHT_QUOTES = frozenset("\"'")
# Marks after which a long sentence is cut.
_CLAUSE_MARKS = frozenset(",;:–—")
_LINE = re.compile(r"[^\n]+")


@cache
def _splitter() -> Language:
    """spaCy's blank Indonesian pipeline with its sentencizer, built once per process."""
    from spacy.lang.id import Indonesian, IndonesianDefaults
    from spacy.pipeline import Sentencizer

    marks = frozenset(Sentencizer.default_punct_chars)

    class _Defaults(IndonesianDefaults):
        # Only the exceptions holding a sentence-ending mark can move a sentence end; the
        # other 15,000 (hyphenated words) cost 7 of the 8 seconds a blank("id") takes to load.
        tokenizer_exceptions = {  # noqa: RUF012  # spaCy reads its defaults off the class
            orth: value
            for orth, value in IndonesianDefaults.tokenizer_exceptions.items()
            if marks.intersection(orth)
        }

    class _Indonesian(Indonesian):  # type: ignore[no-untyped-call]  # spaCy's metaclass hook
        Defaults = _Defaults

    nlp = _Indonesian()
    tokenizer: Any = nlp.tokenizer  # a spacy.tokenizer.Tokenizer (Cython, no stubs)
    for abbreviation in ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_starts(text: str) -> list[int]:
    """The offsets in `text` where a sentence starts, after the first: where spaCy's
    sentencizer starts one within a line, and the start of every line after the first."""
    nlp = _splitter()
    starts: list[int] = []
    for line in _LINE.finditer(text):
        if line.start():
            starts.append(line.start())
        starts += [line.start() + s.start_char for s in nlp(line[0]).sents if s.start_char]
    return starts


def sentence_bounds(
    text: str, tokens: Sequence[tuple[int, int]], tags: Sequence[int]
) -> list[tuple[int, int]]:
    """The sentences of a tokenized text as (first token, end token) index pairs, end
    exclusive, covering every token in order; never a boundary inside a span (`tags`, BIO
    tag ids of `bio_names()`), and at most MAX_TOKENS tokens each where spans allow."""
    inside = _inside_tags()
    token_starts = [start for start, _ in tokens]
    cuts: list[int] = []
    for offset in sentence_starts(text):
        cut = bisect.bisect_left(token_starts, offset)
        while cut > (cuts[-1] if cuts else 0) + 1 and _opens(text, tokens[cut - 1]):
            cut -= 1
        if 0 < cut < len(tokens) and tags[cut] not in inside and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    bounds: list[tuple[int, int]] = []
    for first, end in zip([0, *cuts], [*cuts, len(tokens)], strict=True):
        bounds += _short_pieces(text, tokens, tags, first, end)
    return bounds


def _opens(text: str, token: tuple[int, int]) -> bool:
    """Whether a token is an opening quote or bracket: a curly one, or a straight quote
    with a space (or nothing) before it and none after it."""
    start, end = token
    mark = text[start:end]
    if mark in _OPENING:
        return True
    return (
        mark in _STRAIGHT_QUOTES
        and (start == 0 or text[start - 1].isspace())
        and end < len(text)
        and not text[end].isspace()
    )


def _short_pieces(
    text: str, tokens: Sequence[tuple[int, int]], tags: Sequence[int], first: int, end: int
) -> list[tuple[int, int]]:
    """One sentence [first, end) as pieces of at most MAX_TOKENS tokens, cut after a clause
    mark where one is in the second half of the window, never inside a span."""
    inside = _inside_tags()
    pieces = []
    while end - first > MAX_TOKENS:
        window = range(first + MAX_TOKENS, first + MAX_TOKENS // 2, -1)
        legal = [cut for cut in window if tags[cut] not in inside]
        after_mark = [cut for cut in legal if text[slice(*tokens[cut - 1])] in _CLAUSE_MARKS]
        if after_mark or legal:
            cut = (after_mark or legal)[0]
        else:  # a span fills the whole window: cut where it ends
            cut = next((c for c in range(first + MAX_TOKENS, end) if tags[c] not in inside), end)
        pieces.append((first, cut))
        first = cut
    return [*pieces, (first, end)] if end > first else pieces


@cache
def _inside_tags() -> frozenset[int]:
    """The tag ids that continue a span (I-PER, I-ORG, I-QTY): no sentence starts there."""
    return frozenset(i for i, name in enumerate(bio_names()) if name.startswith("I-"))


def sentence_id(article_id: str, index: int) -> str:
    """The stable id of an article's `index`-th sentence (from 0)."""
    return f"{article_id}#{index}"


def sentence_rows(text: str, tokens_row: Mapping[str, Any]) -> list[JSON]:
    """The `sentences` rows of an article: its `tokens` row (corpus.features.tokens_row)
    cut at sentence ends, each with its id, the article id and its index."""
    starts, ends, tags = tokens_row["starts"], tokens_row["ends"], tokens_row["ner_tags"]
    offsets = list(zip(starts, ends, strict=True))
    return [
        {
            "id": sentence_id(tokens_row["id"], index),
            "article_id": tokens_row["id"],
            "index": index,
            "tokens": tokens_row["tokens"][first:end],
            "starts": starts[first:end],
            "ends": ends[first:end],
            "ner_tags": tags[first:end],
        }
        for index, (first, end) in enumerate(sentence_bounds(text, offsets, tags))
    ]
