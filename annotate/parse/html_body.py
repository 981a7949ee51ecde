"""The article body of an HTML page: where it starts, its dateline, its in-body furniture. Pure.

trafilatura's paragraphs are the evidence for the middle of the article; its start is
settled here, because that is where extractors go wrong on news pages:

* text trafilatura left out between the headline and its first paragraph (a lead written
  into a <div> before the first <p>, a bold dateline and the lead in a <span>) is taken
  back when it reads as body, else listed in `removed` with a reason;
* the headline repeated as a heading, a kicker, a date line, a caption copied above the
  body go to `removed`: the body starts at its dateline when it has one;
* a dateline in its own bold element ("<b>Outlet.com, Kota</b> Kalimat") or its own
  paragraph is joined with the paragraph it opens, and recognised from the markup when
  its words alone would not say where it ends.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from annotate.parse import lines
from annotate.parse.boilerplate import boilerplate_reason, first_reason, reason_patterns
from annotate.parse.clean import clean_characters
from annotate.parse.dateline import split_dateline
from annotate.parse.dates import publication_date
from annotate.parse.html_dateline import markup_dateline
from annotate.parse.html_tree import Block, Element, comparable, find_block
from corpus.records import Dateline, Removal


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph as trafilatura kept it, with the formatting that marks datelines."""

    text: str
    head: bool = False  # a heading
    bold_lead: str | None = None  # the bold run the paragraph opens with
    italic: bool = False  # all of it in italics (how captions are set)


@dataclass(frozen=True, slots=True)
class Lead:
    """The body paragraphs from the first one on, what was cut before them, and why."""

    paragraphs: list[str]
    removed: list[Removal]
    dateline: Dateline | None  # recognised from the markup and cut from paragraphs[0]
    published: str | None  # the date stated by a date line above the body


def _flat(text: str) -> str:
    return " ".join(clean_characters(text).split())


_Run = tuple[str, bool, bool]  # text, bold, italic


def _lines(element: Element, bold: bool = False, italic: bool = False) -> list[list[_Run]]:
    """The element's text as lines (each <lb/> ends one) of formatted runs."""
    rend = str(element.get("rend") or "") if element.tag == "hi" else ""
    bold, italic = bold or "#b" in rend, italic or "#i" in rend
    lines: list[list[_Run]] = [[]]
    if element.tag == "lb":
        return [[], []]
    lines[-1].append((element.text or "", bold, italic))
    for child in element:
        first, *more = _lines(child, bold, italic)
        lines[-1].extend(first)
        lines.extend(more)
        lines[-1].append((child.tail or "", bold, italic))
    return lines


def _paragraph(element: Element, *, head: bool) -> list[Para]:
    paras = []
    for runs in _lines(element):
        text = _flat("".join(t for t, _, _ in runs))
        if not text:
            continue
        shown = [(t, b, i) for t, b, i in runs if t.strip()]
        lead = []
        for t, b, _ in shown:
            if not b:
                break
            lead.append(t)
        opening = _flat("".join(lead))
        bold_lead = opening if opening and text.startswith(opening) else None
        italic = all(i for _, _, i in shown)
        paras.append(Para(text, head, bold_lead, italic))
    return paras


_PARAGRAPH_TAGS = frozenset(("p", "head", "quote", "item"))


def extracted_paragraphs(body: Element) -> list[Para]:
    """trafilatura's body (its XML tree, with formatting) as paragraphs."""
    paras: list[Para] = []
    for child in body:
        if child.tag in _PARAGRAPH_TAGS:
            paras.extend(_paragraph(child, head=child.tag == "head"))
        else:  # a list, or the <div>s of a fallback extraction
            paras.extend(extracted_paragraphs(child))
    return paras


# --- datelines ---------------------------------------------------------------------------


def _own_dateline(para: Para) -> bool:
    """A paragraph that is only a dateline ("Kota, (Outlet.com)-", "JAKARTA -")."""
    return markup_dateline(para.text, "") is not None


def _opens_with_dateline(para: Para) -> bool:
    if split_dateline(para.text) is not None:
        return True
    if para.bold_lead is None:
        return False
    return markup_dateline(para.bold_lead, para.text[len(para.bold_lead) :]) is not None


# --- text trafilatura left out before its first paragraph -----------------------------------

_SUMMARY_CLASS = re.compile(
    r"excerpt|summary|ringkasan|standfirst|subtitle|sub-title|subjudul|teaser|deck|desc", re.I
)
_BYLINE = re.compile(
    r"(oleh|by|penulis|reporter|editor|pewarta|laporan wartawan|kontributor)\b\s*:?", re.I
)
_GAP_LIMIT = 40  # blocks between the headline and the first paragraph worth looking at


def _reads_as_body(text: str) -> bool:
    """A block left out before the first paragraph that may be the lead: ten words ending
    a sentence (`lines.ends_sentence`: a teaser cut with "..." does not), or 25 words.

    Looser than `lines.is_prose` on purpose: that test has only the line to go on, while
    this block already stands between the headline and the article in the page's markup,
    and what could be furniture there was ruled out first (`_gap_reason`), so no stop-word
    or title-case test is needed."""
    words = len(text.split())
    return words >= 10 and (words >= 25 or lines.ends_sentence(text))


def _gap_reason(block: Block, title_keys: set[str]) -> str | None:
    """Why a block before the body is not body, or None when it may be."""
    text = block.text
    if block.drop is not None:
        return block.drop
    if comparable(text) in title_keys:
        return "headline"
    if publication_date(text.strip(" -–—|·•")) is not None:
        return "date-line"
    reason = boilerplate_reason(text)
    if reason is not None:
        return reason
    if _BYLINE.match(text):
        return "byline"
    if block.link_share >= 0.5:  # a short one is an author or share link, not a link box
        return "related-links" if len(text.split()) > 5 else "before-body"
    if block.heading:
        return "kicker" if len(text.split()) <= 12 else "summary"
    if _SUMMARY_CLASS.search(block.classes):
        return "summary"
    if lines.is_caption(text) or lines.is_credit(text):
        return "caption"
    if _reads_as_body(text) or markup_dateline(text, "") is not None:
        return None
    return "before-body"


def recover_gap(
    blocks: list[Block], first: Para, title_keys: set[str]
) -> tuple[list[Para], list[Removal]]:
    """Body text left out between the headline and `first`, and the furniture there."""
    i_first = find_block(blocks, first.text)
    if i_first is None:
        return [], []
    i_title = next(
        (i for i in range(i_first - 1, -1, -1) if comparable(blocks[i].text) in title_keys), None
    )
    if i_title is None:  # the headline differs from the title: the nearest heading will do
        i_title = next((i for i in range(i_first - 1, -1, -1) if blocks[i].heading), None)
    if i_title is None:
        return [], []
    gap = blocks[max(i_title + 1, i_first - _GAP_LIMIT) : i_first]
    reasons = [_gap_reason(block, title_keys) for block in gap]
    candidates = [i for i, reason in enumerate(reasons) if reason is None]
    start = len(gap)  # where recovered body starts in the gap
    if not _opens_with_dateline(first) and candidates:
        opening = [
            i
            for i in candidates
            if _opens_with_dateline(Para(gap[i].text, bold_lead=gap[i].bold_lead))
            or _own_dateline(Para(gap[i].text))
        ]
        if opening:
            start = opening[-1]
        else:  # the run of body-like blocks right before the first paragraph
            start = candidates[-1]
            for i in range(candidates[-1] - 1, -1, -1):
                if reasons[i] is None:
                    start = i
                elif reasons[i] not in ("hidden", "caption", "advertisement"):
                    break
    recovered: list[Para] = []
    removed: list[Removal] = []
    for i, (block, reason) in enumerate(zip(gap, reasons, strict=True)):
        if reason is None and i >= start:
            recovered.append(Para(block.text, bold_lead=block.bold_lead))
        else:
            removed.append(Removal(block.text, reason or "before-body"))
    return recovered, removed


# --- the start of the body ---------------------------------------------------------------

_MAX_PRE_BODY_WORDS = 60  # a caption or kicker before the dateline is short
_PRE_DATELINE = 3  # paragraphs looked at for the dateline


def _pre_body_reason(para: Para, title_keys: set[str]) -> str | None:
    if comparable(para.text) in title_keys:
        return "headline"
    if publication_date(para.text) is not None:
        return "date-line"
    if para.head:
        return "kicker" if len(para.text.split()) <= 12 else "summary"
    if _BYLINE.match(para.text) and len(para.text.split()) <= 12:
        return "byline"
    return boilerplate_reason(para.text)


def _join_own_datelines(paras: list[Para]) -> list[Para]:
    out = list(paras)
    for i in range(min(_PRE_DATELINE, len(out) - 1)):
        if _own_dateline(out[i]) and not _own_dateline(out[i + 1]):
            lead = out[i].text
            out[i : i + 2] = [Para(f"{lead} {out[i + 1].text}", bold_lead=lead)]
            break
    return out


def settle_lead(paras: list[Para], blocks: list[Block], title_keys: set[str]) -> Lead:
    """Cut everything before the body's first paragraph, recovering a lead left out."""
    removed: list[Removal] = []
    paras = list(paras)
    # What comes before the headline (a kicker, a channel label) is above the article.
    h = next(
        (i for i, p in enumerate(paras[:_PRE_DATELINE]) if comparable(p.text) in title_keys), 0
    )
    for para in paras[:h]:
        removed.append(
            Removal(para.text, "kicker" if len(para.text.split()) <= 12 else "before-body")
        )
    paras = paras[h:]
    while paras and (reason := _pre_body_reason(paras[0], title_keys)) is not None:
        removed.append(Removal(paras.pop(0).text, reason))
    if paras:
        recovered, gap_removed = recover_gap(blocks, paras[0], title_keys)
        seen = {comparable(r.text) for r in removed}
        removed += [r for r in gap_removed if comparable(r.text) not in seen]
        paras = recovered + paras
    paras = _join_own_datelines(paras)

    # The body starts at its dateline: short blocks before it are captions or kickers.
    k = next((i for i, p in enumerate(paras[:_PRE_DATELINE]) if _opens_with_dateline(p)), None)
    if k and all(len(p.text.split()) <= _MAX_PRE_BODY_WORDS for p in paras[:k]):
        for para in paras[:k]:
            caption = para.italic or lines.is_caption(para.text)
            reason = "caption" if caption else _pre_body_reason(para, title_keys)
            removed.append(Removal(para.text, reason or "before-body"))
        paras = paras[k:]

    dateline = None
    if paras and split_dateline(paras[0].text) is None and paras[0].bold_lead:
        lead = paras[0].bold_lead
        rest = paras[0].text[len(lead) :]
        dateline = markup_dateline(lead, rest)
        if dateline is not None:
            body = rest.lstrip(" -‐‑‒–—―")
            printed = f"{dateline.text}{rest[: len(rest) - len(body)]}".strip()  # with its dash
            dateline = dataclasses.replace(dateline, text=printed)
            paras[0] = Para(body)
    stated = (publication_date(r.text.strip(" -–—|·•")) for r in removed if r.reason == "date-line")
    published = next((day for day in stated if day is not None), None)
    return Lead([p.text for p in paras if p.text], removed, dateline, published)


# --- furniture inside the body -----------------------------------------------------------

_IN_BODY = reason_patterns(
    ("pagination", r"\d+\s+dari\s+\d+\s+halaman|halaman\s+\d+(\s+dari\s+\d+)?"),
    ("pagination", r"(halaman|artikel)\s+(selanjutnya|berikutnya|sebelumnya)\W*"),
    ("advertisement", r"(loading|memuat)\s*\.*"),
)


def in_body_furniture(paragraphs: list[str]) -> tuple[list[str], list[Removal]]:
    """Pagination labels and ad placeholders taken out of the body."""
    kept: list[str] = []
    removed: list[Removal] = []
    for text in paragraphs:
        reason = first_reason(_IN_BODY, text.strip())
        if reason is None:
            kept.append(text)
        else:
            removed.append(Removal(text, reason))
    return kept, removed
