"""Character-level cleanup and decoding of raw input. Pure."""

from __future__ import annotations

import codecs
import re
import unicodedata

import regex

from corpus.errors import InputError
from corpus.records import Removal

MAX_BYTES = 5_000_000
"""Largest raw input accepted: a long news page is well under 1 MB."""

# --- character-level cleanup -------------------------------------------------------------

# Zero-width characters that scrapers leave in text (U+200E/U+200F, the bidi marks, are
# removed with the other bidi controls below).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad"), None)
# U+200D (ZERO WIDTH JOINER) glues combined emoji such as 👨‍👩‍👧, whose parts must stay
# together: it is kept where it joins two emoji (UTS #51: after an emoji, its skin tone or its
# emoji-style selector U+FE0F, before an emoji; `Extended_Pictographic` is the property
# the Unicode segmentation rules use for that) and removed everywhere else, as inside a name
# (or in an Indic conjunct, which Indonesian news does not print: the text promises none).
_STRAY_JOINER = regex.compile(
    r"(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D"
    r"|\u200D(?!\p{Extended_Pictographic})"
)
# Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are invisible and
# make text display in another order than it is stored: '\u202eabc' shows as 'cba'.
_BIDI_CONTROL = regex.compile(r"\p{Bidi_Control}")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u0085\u2028\u2029\v\f]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but LF, NBSP and friends included
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def bidi_removal(raw: str) -> tuple[Removal, ...]:
    """The bidi controls `raw` holds, as one 'bidi-control' record for the Article's `removed`
    (clean_characters takes them out of the text), or nothing. The record names them by code
    point ('U+202E U+202C'): the characters themselves would reorder whatever displays it."""
    found = _BIDI_CONTROL.findall(raw)
    if not found:
        return ()
    return (Removal(" ".join(f"U+{ord(c):04X}" for c in found), "bidi-control"),)


def clean_characters(raw: str) -> str:
    """NFC, LF line ends, no zero-width (a joiner inside an emoji sequence is kept), bidi or
    control characters, single spaces, trimmed lines."""
    text = _LINE_BREAKS.sub("\n", raw).translate(_ZERO_WIDTH)
    text = _STRAY_JOINER.sub("", _BIDI_CONTROL.sub("", text))
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Signatures of formats that are not text, for a message that says what the file is: a PDF
# of a page made of plain ASCII would otherwise pass as text and be parsed as its source.
_NOT_TEXT = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. `pdftotext`) and parse that"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub); unpack or export it as text first"),
    (b"\xd0\xcf\x11\xe0", "an Office document (.doc/.xls); save it as text or HTML first"),
    (b"{\\rtf", "an RTF document; save it as text or HTML first"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"\x89PNG", "a PNG image, not an article"),
    (b"\xff\xd8\xff", "a JPEG image, not an article"),
    (b"GIF8", "a GIF image, not an article"),
)


def decode(raw: bytes, *, source: str = "<input>") -> str:
    """Decode UTF-8 bytes (BOM allowed) or UTF-16 with a BOM, refusing empty, binary,
    oversized or non-UTF-8 input and known non-text formats (PDF, Office, images, archives)."""
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"file is {len(raw):,} bytes, larger than the {MAX_BYTES:,}-byte limit for one "
            "article; split it or check it is really an article",
            source=source,
        )
    for signature, what in _NOT_TEXT:
        if raw.startswith(signature):
            raise InputError(f"file is {what}", source=source)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode" and Excel's "Unicode text" save as UTF-16 with a BOM, which
        # says the encoding for sure (its NUL bytes would otherwise read as binary).
        return _decode_utf16(raw, source)
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
    return _refuse_binary(text, source)


def _decode_utf16(raw: bytes, source: str) -> str:
    """UTF-16 text after its byte order mark (LE or BE), checked as UTF-8 text is."""
    try:
        text = raw.decode("utf-16")  # reads the BOM, and drops it
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid UTF-16 at byte {e.start} after its byte order mark; "
            "re-save the file as UTF-8",
            source=source,
        ) from None
    if not text.strip():
        raise InputError("file is empty", source=source)
    return _refuse_binary(text, source)


def _refuse_binary(text: str, source: str) -> str:
    """`text`, unless control characters say it is binary data that decoded by chance."""
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(
            f"file looks binary ({controls} control characters); expected UTF-8 text or HTML",
            source=source,
        )
    return text
