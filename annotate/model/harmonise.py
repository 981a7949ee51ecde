"""Gold spans of another corpus redrawn by our guidelines (schema/guidelines.md). Pure.

Public NER sets follow their own guidelines. idner-news-2k, the training stand-in, puts
"Long Name (ACRONYM)" in one ORG span, keeps brackets around a name ("(Budi)") and titles
inside some PER spans ("Dr Rina ...", "Presiden Budi"); ours make two ORG spans, leave
punctuation outside and never put a title in a PER span (§2, §3, §4). A model trained on
the spans as published learns those boundaries and then draws them on our texts, so
CoNLL training and dev spans are redrawn first (`annotate train --conll`, unless
`--as-published`):

- brackets, quote marks, commas, colons and semicolons at either edge leave the span;
- an ORG span ending in a bracketed part becomes two ORG spans, "Komisi Pemilihan Umum
  (KPU)" → "Komisi Pemilihan Umum", "KPU", except a legal form ("PT Pertamina (Persero)"
  stays whole, as the rules draw it);
- title words at the start of a PER span (offices, ranks, honorifics, academic prefixes,
  `annotate.rules.lexicon.TITLE_WORDS`) leave it while a word remains: "Presiden Budi" →
  "Budi", "Dr Rina Siregar" → "Rina Siregar"; a short word in capitals leaves only as
  an academic or religious prefix ("KH"), else it is initials ("MS Pranoto" stays).

Nothing else changes: what counts as an entity stays the corpus's decision. Test sets are
never redrawn; they are scored as published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from annotate.model.features import SpanLike
from annotate.rules.lexicon import ACADEMIC_PREFIXES, LEGAL_FORMS, TITLE_WORDS

_EDGE = "[]{}\"'“”‘’,;:"
_BRACKETED_TAIL = re.compile(r"(?P<name>.*\S)\s*\((?P<inner>[^()]*\S[^()]*)\)[\s,;:]*\Z", re.DOTALL)
_WORD = re.compile(r"\S+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` moved inwards past edge punctuation, whitespace and brackets that
    close nothing inside the span ("(Budi)" → "Budi"; "PT Pertamina (Persero)" stays)."""
    while start < end:
        piece, first, last = text[start:end], text[start], text[end - 1]
        opened, closed = piece.count("("), piece.count(")")
        if first in _EDGE or first.isspace() or first == ")" or (first == "(" and opened > closed):
            start += 1
        elif last in _EDGE or last.isspace() or last == "(" or (last == ")" and closed > opened):
            end -= 1
        elif first == "(" and last == ")" and opened == closed == 1:
            start, end = start + 1, end - 1
        else:
            break
    return start, end


def _split_org(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """An ORG span ending in "(...)" as the name and the bracketed part, unless the
    bracketed part is a legal form."""
    m = _BRACKETED_TAIL.match(text, start, end)
    if m is None or f"({m['inner'].strip().lower()})" in LEGAL_FORMS:
        yield _trim(text, start, end)
        return
    yield _trim(text, start, m.end("name"))
    yield _trim(text, m.start("inner"), m.end("inner"))


def _is_title(word: str) -> bool:
    """A title word; a short word in capitals is one only as an academic or religious
    prefix ("KH", "DR"), else it is initials ("MS Pranoto": not "Ms")."""
    bare = word.lower().rstrip(".")
    if word.isupper() and len(bare) <= 3:
        return bare in ACADEMIC_PREFIXES
    return bare in TITLE_WORDS


def _untitle(text: str, start: int, end: int) -> tuple[int, int]:
    """A PER span without the title words it starts with (one word always stays)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    while len(words) > 1 and _is_title(text[words[0][0] : words[0][1]]):
        words.pop(0)
    return (words[0][0], end) if words else (start, end)


def to_guidelines(text: str, spans: Iterable[SpanLike], org: str, person: str) -> list[SpanLike]:
    """`spans` of `text` redrawn by our guidelines (module docstring); spans of other
    labels are only trimmed. Pieces left empty are dropped; the result is sorted, without
    duplicates."""
    out: set[SpanLike] = set()
    for start, end, label in spans:
        pieces = _split_org(text, start, end) if label == org else [_trim(text, start, end)]
        for s, e in pieces:
            if label == person:
                s, e = _trim(text, *_untitle(text, s, e))
            if s < e:
                out.add((s, e, label))
    return sorted(out)
