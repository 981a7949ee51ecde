"""The page as a browser shows it: furniture marked, visible text cut into blocks. Pure.

trafilatura finds the article, but it silently leaves out text it does not trust (a lead
written straight into a <div> before the first <p>, a body split by <br><br>) and keeps
text a reader never sees (a summary hidden with `display:none`). This module marks hidden
elements, captions and in-body link boxes on the parsed tree (so trafilatura never sees
them) and cuts the visible text into blocks in reading order, so what trafilatura dropped
between the headline and its first paragraph can be found and judged.

Elements are lxml elements (untyped, hence `Any`), always from `trafilatura.utils.load_html`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotate.parse.clean import clean_characters

Element = Any


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


MARK = "data-newsgold-drop"
"""Attribute holding why an element is furniture ("hidden", "caption", "related-links")."""

_SKIP = _names(
    "script style noscript template iframe svg canvas button select option input "
    "textarea object embed audio video map head"
)
_BLOCK = _names(
    "p div section article header footer aside main nav h1 h2 h3 h4 h5 h6 li ul ol dl "
    "dt dd table thead tbody tfoot tr td th blockquote figure figcaption form pre hr "
    "br center address details summary"
)
HEADINGS = _names("h1 h2 h3 h4 h5 h6")

# Class names that hide an element whatever the screen size ("hidden-xs" or "d-md-none"
# hide it only on some screens, so they are not here).
_HIDDEN_CLASSES = _names(
    "hide hidden d-none dont-display display-none invisible sr-only visually-hidden "
    "screen-reader-text"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAPTION_CLASS = re.compile(r"caption|keterangan|credit|copyright", re.I)
_PICTURE_CLASS = re.compile(r"photo|foto|image|img|picture|gambar|figure", re.I)
_LINK_BOX_CLASS = re.compile(
    r"baca-?juga|bacajuga|read-?also|related|terkait|readmore|read-more|lihat-?juga", re.I
)
_MAX_CAPTION_WORDS = 60
# A hidden element longer than this is more likely content a script reveals than a summary.
_MAX_HIDDEN_WORDS = 200
_MAX_LINK_BOX_WORDS = 60


def _classes(element: Element) -> list[str]:
    return str(element.get("class") or "").split()


def visible_text(element: Element) -> str:
    """The element's text without scripts, styles and the like, spaces collapsed."""
    pieces: list[str] = []

    def walk(e: Element) -> None:
        if isinstance(e.tag, str) and e.tag not in _SKIP:
            space = " " if e.tag in _BLOCK else ""  # inline runs join as written
            pieces.append(space + (e.text or ""))
            for child in e:
                walk(child)
                pieces.append(child.tail or "")
            pieces.append(space)

    walk(element)
    return " ".join(clean_characters("".join(pieces)).split())


def _words(element: Element) -> int:
    return len(visible_text(element).split())


def _is_hidden(element: Element) -> bool:
    return (
        element.get("hidden") is not None
        or bool(_HIDDEN_STYLE.search(str(element.get("style") or "")))
        or any(c.lower() in _HIDDEN_CLASSES for c in _classes(element))
    )


def _is_caption(element: Element) -> bool:
    if element.tag == "figcaption":
        return True
    if element.tag == "figure":  # a picture with its caption, not a figure-wrapped body
        return _words(element) <= _MAX_CAPTION_WORDS
    classes = " ".join(_classes(element))
    picture_box = (  # an image with a short text beside it and no paragraph of its own
        bool(_PICTURE_CLASS.search(classes))
        and element.find(".//img") is not None
        and element.find(".//p") is None
    )
    return (
        bool(classes)
        and (bool(_CAPTION_CLASS.search(classes)) or picture_box)
        and _words(element) <= _MAX_CAPTION_WORDS
    )


def _is_link_box(element: Element) -> bool:
    classes = " ".join(_classes(element))
    return (
        bool(classes)
        and bool(_LINK_BOX_CLASS.search(classes))
        and element.find(".//a") is not None
        and _words(element) <= _MAX_LINK_BOX_WORDS
    )


def mark_furniture(root: Element) -> None:
    """Mark hidden elements, captions and link boxes in <body> (outermost mark wins)."""
    body = root.find(".//body")
    if body is None:
        body = root
    stack = list(body)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        if _is_hidden(element) and _words(element) <= _MAX_HIDDEN_WORDS:
            element.set(MARK, "hidden")
        elif _is_caption(element):
            element.set(MARK, "caption")
        elif _is_link_box(element):
            element.set(MARK, "related-links")
        else:
            stack.extend(element)


def without_marked(root: Element) -> Element:
    """A copy of `root` without the marked elements (their tails stay)."""
    import copy

    clean = copy.deepcopy(root)
    for element in clean.xpath(f"//*[@{MARK}]"):
        element.drop_tree()
    return clean


@dataclass(frozen=True, slots=True)
class Block:
    """One run of visible text between block boundaries, in reading order."""

    text: str
    drop: str | None  # the mark of the furniture it is, if any
    heading: bool  # inside <h1>..<h6>
    link_share: float  # share of the characters inside links
    bold_lead: str | None  # the run in <b>/<strong> the block opens with
    classes: str  # classes of the enclosing elements, innermost first


def _bold_lead(parts: list[tuple[str, bool, bool]]) -> str | None:
    lead = []
    for text, _, bold in parts:
        if text.strip() and not bold:
            break
        lead.append(text)
    return " ".join(clean_characters("".join(lead)).split()) or None


class _Cutter:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[tuple[str, bool, bool]] = []  # text, in a link, in bold
        self.context: list[Element] = []

    def flush(self) -> None:
        text = " ".join(clean_characters("".join(t for t, _, _ in self.parts)).split())
        if text:
            chars = sum(len(t.strip()) for t, _, _ in self.parts) or 1
            in_links = sum(len(t.strip()) for t, link, _ in self.parts if link)
            heading = any(e.tag in HEADINGS for e in self.context)
            classes = " ".join(" ".join(_classes(e)) for e in reversed(self.context[-4:]))
            block = Block(text, None, heading, in_links / chars, _bold_lead(self.parts), classes)
            self.blocks.append(block)
        self.parts = []

    def add(self, text: str | None) -> None:
        if text:
            link = any(e.tag == "a" for e in self.context)
            bold = any(e.tag in ("b", "strong") for e in self.context)
            self.parts.append((text, link, bold))

    def cut(self, element: Element) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        mark = element.get(MARK)
        if mark is not None:
            self.flush()
            text = visible_text(element)
            if text:
                self.blocks.append(Block(text, mark, False, 0.0, None, ""))
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        self.context.append(element)
        self.add(element.text)
        for child in element:
            self.cut(child)
            self.add(child.tail)
        if block:
            self.flush()  # while the element is still in the context: its classes count
        self.context.pop()


def visible_blocks(root: Element) -> list[Block]:
    """The visible text of <body> in reading order, one block per paragraph-like run."""
    body = root.find(".//body")
    cutter = _Cutter()
    cutter.cut(body if body is not None else root)
    cutter.flush()
    return cutter.blocks


def comparable(text: str) -> str:
    """Text reduced for matching across extractors: letters and digits only, casefolded."""
    return re.sub(r"[\W_]+", "", text.casefold())


def find_block(blocks: list[Block], text: str, *, start: int = 0) -> int | None:
    """Index of the first block at or after `start` that contains the opening of `text`."""
    key = comparable(text)[:48]
    if len(key) < 12:
        return None
    for i in range(start, len(blocks)):
        if key in comparable(blocks[i].text):
            return i
    return None


def iter_headings(root: Element) -> Iterator[tuple[str, str]]:
    """(tag, text) of every visible <h1>/<h2> in <body>, in document order."""
    body = root.find(".//body")
    for element in (body if body is not None else root).iter("h1", "h2"):
        if any(a.get(MARK) for a in element.iterancestors()) or element.get(MARK):
            continue
        text = visible_text(element)
        if text:
            yield str(element.tag), text
