"""Word lists as one regular expression, factored as a prefix tree. Pure.

    trie_pattern(["satu", "sebelas", "sepuluh", "dua"])  ->  "dua|s(?:atu|e(?:belas|puluh))"

Python's regex engine tries the alternatives of "a|b|c" one by one at every position;
with the common prefixes factored out it rejects most positions on the first letter,
which makes a scan for many words several times faster. Used for the organisation head
words and for the number words, scale words and units of the quantity rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def trie_pattern(words: Iterable[str], char: Callable[[str], str] = re.escape) -> str:
    """Regex alternation of `words` as a prefix tree, a longer word tried before a word it
    starts with ("BPKH" before "BPK"), so it matches what the list of the words sorted
    longest first matches. Callers add any word-end check. `char` writes one character as a
    pattern (escaped, by default).

    Optional parts are written "(?:X|)", not "(?:X)?": the same match (X if it can, else
    nothing), but Python's engine runs "?" on a group through its general repeat machinery,
    and a pattern with many of them matches about a fifth slower.

    >>> trie_pattern(["BPS", "BPK", "BPKH"])
    'B(?:P(?:K(?:(?:H|))|S))'
    """
    children: dict[str, list[str]] = {}
    ends = False
    for word in sorted(set(words)):
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    branches = []
    for first, rests in sorted(children.items()):
        sub = trie_pattern(rests, char)
        branches.append(char(first) + (f"(?:{sub})" if "|" in sub or "?" in sub else sub))
    body = "|".join(branches)
    if ends and body:
        return f"(?:{body}|)"
    return body
