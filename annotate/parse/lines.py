"""Features of one line of a scraped page, for telling article text from furniture. Pure.

The features are general, in the spirit of jusText: how many words a line has, how many of
them are Indonesian stop words, whether it ends a sentence, whether it is written in title
case like a headline or a menu, whether it carries a photo credit. None of them looks at
the words of a particular outlet.
"""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+|,\d+)*")  # "2,74" is one word
# A sentence ends the line: ".", "!", "?" with closing quotes or brackets after it. An
# ellipsis is a cut teaser ("Harga cabai di pasar induk naik lagi,..."), not an ending.
_SENTENCE_END = re.compile(r"(?<!\.\.)(?<!…)[.!?][\"'”’)\]]*$")
_TRUNCATED = re.compile(r"(\.{3}|…)[\"'”’)\]]*$")
# A sentence ends inside the line: a word of 4+ letters or a number, a full stop, a space,
# and a capital, quote or bracket. Short words before a dot are abbreviations ("PT.", "Kab.").
_INNER_SENTENCE_END = re.compile(r"(?:[^\W\d_]{4,}|\d{2,})[.!?][\"”’)]*\s+[\"“(]?[A-Z]")
_QUOTE_START = re.compile(r"[\"“”'‘’«]")
# A photo credit: letters on both sides of a slash ("IST/Liputan6.com", "VIVA/Budi",
# "Twitter/@bmkg"), or a credit label.
_CREDIT_SLASH = re.compile(r"[^\W\d_][\w.@-]*/[\w.@/ -]*[^\W\d_]/?\W*$")
_CREDIT_LABEL = re.compile(
    r"[-–—•\s]*(?:hak atas foto|foto|photo|sumber foto|kredit|credit|dok\.?|ilustrasi)\b",
    re.IGNORECASE,
)
# Photo captions name the credit, the people's places in the picture or an illustration.
_CAPTION_MARK = re.compile(
    r"\b(?:foto|photo)\s*:|\((?:foto|dok|ist|tangkapan layar)\b[^)]*\)\s*$|^ilustrasi\b|"
    r"\((?:kiri|kanan|tengah|kiri ke kanan|dari kiri)\)",
    re.IGNORECASE,
)


@cache
def stop_words() -> frozenset[str]:
    """jusText's Indonesian stop list (a kept list, shipped with trafilatura's dependency)."""
    import justext  # type: ignore[import-untyped]  # lazy; a dependency of trafilatura

    return frozenset(word.casefold() for word in justext.get_stoplist("Indonesian"))


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def stop_share(line: str) -> float:
    """Share of the line's words that are Indonesian stop words (prose ~0.3, menus ~0)."""
    found = words(line)
    if not found:
        return 0.0
    stops = stop_words()
    return sum(w.casefold() in stops for w in found) / len(found)


def capital_share(line: str) -> float:
    """Share of capitalised words among the words that could be either (title case ~1).

    Short lower-case stop words ("dan", "di", "yang", "dengan") are left out: headlines keep
    them lower case. (The stop list also holds frequent content words such as "menteri";
    those are longer, and a lower-case one is a sign of prose.) Numbers are left out too.
    """
    stops = stop_words()
    capital = other = 0
    for word in words(line):
        first = word[0]
        if not first.isalpha():
            continue
        if first.isupper():
            capital += 1
        elif len(word) > 6 or word.casefold() not in stops:
            other += 1
    return capital / (capital + other) if capital + other else 0.0


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def is_truncated(line: str) -> bool:
    """The line ends with an ellipsis, as teasers of other articles do."""
    return bool(_TRUNCATED.search(line))


def starts_with_quote(line: str) -> bool:
    return bool(_QUOTE_START.match(line))


def is_title_case(line: str) -> bool:
    return capital_share(line) >= 0.7


def is_headline_like(line: str) -> bool:
    """Reads like a headline: no sentence ending in it or at its end ("!" and "?" are fine
    in title case), not a quote, not cut off, at most 30 words."""
    n = len(words(line))
    if not 1 <= n <= 30 or starts_with_quote(line) or is_truncated(line):
        return False
    if _INNER_SENTENCE_END.search(line) or line.endswith((".", ",", ":", ";")):
        return False
    return not line.endswith(("!", "?")) or is_title_case(line)


def is_prose(line: str) -> bool:
    """Reads like a paragraph of article text: a sentence, or a long run of ordinary words
    (excerpts are often cut mid-sentence), and not a title-case headline."""
    if not words(line) or is_truncated(line):
        return False
    if ends_sentence(line):
        return not (is_headline_like(line) and is_title_case(line) and len(words(line)) >= 4)
    return len(words(line)) >= 12 and stop_share(line) >= 0.15 and not is_title_case(line)


def is_credit(line: str) -> bool:
    """A photo or source credit standing alone ("Foto: ANTARA/Budi", "IST/Liputan6.com")."""
    if len(words(line)) > 8 or ends_sentence(line):
        return False
    return bool(_CREDIT_LABEL.match(line) or _CREDIT_SLASH.search(line))


def is_caption(line: str) -> bool:
    """A photo caption: it names a photo credit or ends with a credit after the text."""
    return bool(_CAPTION_MARK.search(line)) or (
        len(words(line)) > 8 and not ends_sentence(line) and bool(_CREDIT_SLASH.search(line))
    )
