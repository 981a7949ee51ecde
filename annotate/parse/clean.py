"""Character-level cleanup and decoding of raw input. Pure."""

from __future__ import annotations

import re
import unicodedata

from corpus.errors import InputError

MAX_BYTES = 5_000_000
"""Largest raw input accepted: a long news page is well under 1 MB."""

# --- character-level cleanup -------------------------------------------------------------

# Zero-width characters that scrapers leave in text. U+200D (ZERO WIDTH JOINER) is kept:
# it glues combined emoji such as 👨‍👩‍👧, whose parts must stay together.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f"), None)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u0085\u2028\u2029\v\f]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but LF, NBSP and friends included
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def clean_characters(raw: str) -> str:
    """NFC, LF line ends, no zero-width or control characters, single spaces, trimmed lines."""
    text = _LINE_BREAKS.sub("\n", raw).translate(_ZERO_WIDTH)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def decode(raw: bytes, *, source: str = "<input>") -> str:
    """Decode UTF-8 bytes (BOM allowed), refusing empty, binary, oversized or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"file is {len(raw):,} bytes, larger than the {MAX_BYTES:,}-byte limit for one "
            "article; split it or check it is really an article",
            source=source,
        )
    if not raw.strip():
        raise InputError("file is empty", source=source)
    if b"\x00" in raw[:8192]:
        raise InputError(
            "file looks binary (NUL bytes); expected UTF-8 text or HTML", source=source
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid UTF-8 at byte {e.start} ({raw[e.start : e.start + 1]!r}); "
            "re-save the file as UTF-8",
            source=source,
        ) from None
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(
            f"file looks binary ({controls} control characters); expected UTF-8 text or HTML",
            source=source,
        )
    return text
