"""Spans off the build's tokens, found while validating: the quick check against the
tokenizer, and `corpus validate` naming the file, the span and the token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from corpus.build import build_rows
from corpus.cli import app
from corpus.gold import validate_files
from corpus.records import Document, Entity
from corpus.token_boundaries import misaligned_spans, on_token_boundaries
from corpus.tokens import tokenize
from corpus.validate import Problem, problems
from tests.corpus.conftest import write_gold
from tests.corpus.gold_fixtures import PER, document

# Pieces that make the tokenizer's hard cases: clitics, hyphens, decimal commas and dots,
# rupiah glued to a number, apostrophes, quotes, emoji with joiners, and whitespace.
PIECES = [
    "Sri", "Wahyuni", "nya", "-", "\u2010", "Rp", "1.205", "2,5", "ke-3", ",", ".", "%", "Jum'at",
    "'", "’", "“", "”", "(", ")", "👩\u200d🍳", "\u200d", "\ufe0f", "\u20e3", "🏽", "🇮🇩", "x",
    "_", "12", "7", "²", "½", "é", "\u0301", "US$", " ", " ", "\n", "a",
]  # fmt: skip


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text of PIECES and trimmed spans inside it (any start and end, not only tokens')."""
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14)))
    places = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if text[start:end].strip() == text[start:end]:
            places.append((start, end))
    return text, places


@settings(max_examples=1000, deadline=None)
@given(text_and_spans())
def test_the_quick_check_answers_as_the_whole_text_tokens(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, places = case
    tokens = tokenize(text)
    starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
    expected = all(start in starts and end in ends for start, end in places)
    assert on_token_boundaries(text, places) == expected


@pytest.mark.parametrize("first", PIECES)
def test_the_quick_check_answers_as_the_tokens_for_every_pair_of_pieces(first: str) -> None:
    # Every span of every text of two or three pieces: each place next to any other piece.
    for second in PIECES:
        for third in ("", "a", ",", "1"):
            text = first + second + third
            tokens = tokenize(text)
            starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
            for start in range(len(text)):
                for end in range(start + 1, len(text) + 1):
                    if text[start:end].strip() != text[start:end]:
                        continue
                    expected = start in starts and end in ends
                    assert on_token_boundaries(text, [(start, end)]) == expected, (text, start, end)


def _pinjaman() -> tuple[dict[str, Any], int]:
    """A fixture Document with one more entity, "jaman" inside the token "pinjaman"."""
    bisnis = document("bisnis-pinjaman-hijau-panas-bumi-crlf.txt")
    start = bisnis.text.index("pinjaman") + len("pin")
    inside = Entity(f"e{start}-{start + 5}", start, start + 5, "jaman", PER)
    return bisnis.with_spans(entities=(*bisnis.entities, inside)).to_dict(), start


def test_a_span_inside_a_token_is_found_in_the_build_words() -> None:
    record, start = _pinjaman()
    assert problems(record) == []  # the schema and the invariants cannot see it
    expected = Problem(
        f"/entities/{len(record['entities']) - 1}",
        f"{PER} [{start}:{start + 5}] 'jaman' starts inside the token 'pinjaman' "
        f"[{start - 3}:{start + 5}]; fix the span, or the tokenizer (corpus/tokens.py) if the "
        "token is wrong",
    )
    assert misaligned_spans(record) == [expected] == build_rows(record)[1]


def test_valid_fixture_documents_are_on_their_tokens() -> None:
    record = document("bisnis-pinjaman-hijau-panas-bumi-crlf.txt").to_dict()
    assert misaligned_spans(record) == []


def test_corpus_validate_names_the_file_and_the_span(tmp_path: Path) -> None:
    record, start = _pinjaman()
    gold = write_gold(tmp_path / "gold", [Document.from_dict(record)])
    path = gold / f"{record['id']}.json"
    [check] = validate_files([path])
    assert [p.pointer for p in check.problems] == [f"/entities/{len(record['entities']) - 1}"]
    result = CliRunner().invoke(app, ["validate", str(gold)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {path}: /entities/{len(record['entities']) - 1}: {PER} "
        f"[{start}:{start + 5}] 'jaman' starts inside the token 'pinjaman' [{start - 3}:"
        f"{start + 5}]; fix the span, or the tokenizer (corpus/tokens.py) if the token is wrong"
    )
