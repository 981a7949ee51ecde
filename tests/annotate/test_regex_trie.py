"""The prefix-tree alternation: it matches exactly the words, longest first."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.rules.regex_trie import trie_pattern


@settings(max_examples=100, deadline=None)
@given(st.sets(st.text(alphabet="ABK(", min_size=1, max_size=5), min_size=1, max_size=8))
def test_trie_pattern_matches_exactly_the_words(words: set[str]) -> None:
    pattern = re.compile(f"(?:{trie_pattern(words)})$")
    for word in words:
        assert pattern.match(word), word
    assert not pattern.match("Z")


def test_trie_pattern_prefers_the_longer_word() -> None:
    pattern = re.compile(trie_pattern(["persen", "persen poin", "per"]))
    for text, expected in [("persen poin naik", "persen poin"), ("persen naik", "persen")]:
        m = pattern.match(text)
        assert m is not None and m.group() == expected
    m = pattern.match("perkara")
    assert m is not None and m.group() == "per"


def test_trie_pattern_writes_characters_with_the_given_function() -> None:
    pattern = re.compile(trie_pattern(["ab"], char=lambda ch: f"[{ch}{ch.upper()}]"))
    assert pattern.fullmatch("aB")
