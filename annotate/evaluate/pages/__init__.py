"""Score the parser and the pre-annotators on real pages with hand gold (`evaluate --pages`).

I/O: `read_pages` (in `folder`) reads the folder; everything else is pure.

The folder holds two sets (the format of the project's real-pages development set):

    NN-outlet.txt  + NN-outlet.gold.json  (+ NN-outlet.stance.json)     text scrapes
    html/NN-outlet.html + html/NN-outlet.expected.json                  raw HTML pages

Text pages, per page, on the parsed Article (its text without the title is the body):

    keep      the fraction of `body_must_keep` strings found in the body
    drop      the fraction of `boilerplate_must_drop` strings absent from the whole text (the
              title included: furniture taken for the title still reaches the annotators)
    title     equal to the gold title (null: the parser must report no title)
    dateline  outlet and place equal to the gold ones, case-insensitive; null means none

and, where the page has PER/ORG/QTY gold, the pre-annotations of that Article compared with
the gold as multisets of surface strings (offsets into the raw page mean nothing in the
parser's text):

    strict    a prediction and a gold item match when the strings are identical
    partial   ... or when one occurs inside the other at word boundaries ("Badan Pengawas Obat
              dan Makanan" and "Badan Pengawas Obat dan Makanan (BPOM)"; "Budi" and "Budi Santoso";
              "5" does not match "15"). Positions are not compared.

Each gold and each predicted item is used once, in a maximum matching (the most pairs, then
the closest: most total length of the shorter / length of the longer). An unmatched
prediction that matches an item of the page's optional list the same way is neither right
nor wrong (each optional item excuses one prediction); every other one is a false positive.

    QTY value   strict pairs in reading order (each gold quantity takes the first unused
                prediction with the same text); unless the gold says `value_scored: false`, a
                point value must equal `value`, a range `low` and `high` (relative 1e-6).

Stances, where the page has STANCE gold: strict = identical text; partial = the set's
overlap rule, the longest common substring of the two texts covers at least half of the
shorter one. Unmatched predictions that overlap any optional stance are ignored. On
partially matched pairs: polarity equal, and the holder right when both are null or the
predicted holder entity's text and the gold holder share a name token (`same_holder`).

HTML pages, per page: title equal; start (`body_first` in the text, with at most
START_SLACK characters before it once the title and the detected dateline are taken out);
end (`body_last` in the text); clean (each `must_not_contain` string absent); published
(equal, on pages that state a date); dateline (equal ignoring case and the kind of dash;
a page without one must get none).

All strings are compared after `normalise` (NFC, invisible characters out, curly quotes
straight, whitespace runs to one space). A page the parser rejects fails every check.

The modules: `gold` (the formats), `folder` (reading a folder; I/O), `normalise`,
`strings` (matching strings), `text` and `html` (scoring one page), `scores` (the results
and their totals), `report` (tables). `evaluate_pages` below puts them together.
"""

from __future__ import annotations

from collections.abc import Callable

from annotate.evaluate.pages.folder import PageSet, read_pages
from annotate.evaluate.pages.gold import (
    GoldQuantity,
    GoldStance,
    HtmlGold,
    TextGold,
    html_gold,
    text_gold,
)
from annotate.evaluate.pages.html import score_html_page
from annotate.evaluate.pages.normalise import normalise
from annotate.evaluate.pages.report import render_pages_markdown, render_table
from annotate.evaluate.pages.scores import (
    HtmlPageScore,
    Miss,
    PagesEvaluation,
    TextPageScore,
    grouped_misses,
)
from annotate.evaluate.pages.strings import (
    best_pairs,
    contained,
    identical,
    match_strings,
    overlapping,
)
from annotate.evaluate.pages.text import score_text_page
from annotate.parse import parse_bytes
from annotate.preannotate import preannotate
from corpus.errors import NewsgoldError
from corpus.records import Article, Document

__all__ = [
    "GoldQuantity",
    "GoldStance",
    "HtmlGold",
    "HtmlPageScore",
    "Miss",
    "PageSet",
    "PagesEvaluation",
    "TextGold",
    "TextPageScore",
    "best_pairs",
    "contained",
    "evaluate_pages",
    "grouped_misses",
    "html_gold",
    "identical",
    "match_strings",
    "normalise",
    "overlapping",
    "read_pages",
    "render_pages_markdown",
    "render_table",
    "score_html_page",
    "score_text_page",
    "text_gold",
]


def evaluate_pages(
    pages: PageSet, *, predict: Callable[[Article], Document] = preannotate
) -> PagesEvaluation:
    """Parse every page, pre-annotate (`predict`) the text pages that have entity or stance
    gold, score."""
    text = []
    for gold, raw in pages.text:
        try:
            article = parse_bytes(raw, source=gold.page)
        except NewsgoldError as e:
            text.append(score_text_page(gold, None, error=str(e)))
            continue
        wanted = gold.entities is not None or gold.stances is not None
        text.append(score_text_page(gold, article, predict(article) if wanted else None))
    html = []
    for exp, raw in pages.html:
        try:
            html.append(score_html_page(exp, parse_bytes(raw, source=exp.page)))
        except NewsgoldError as e:
            html.append(score_html_page(exp, None, error=str(e)))
    return PagesEvaluation(pages.name, tuple(text), tuple(html))
