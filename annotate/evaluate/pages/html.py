"""Score an HTML page's parse: title, where the body starts and ends, furniture left in,
publication date and dateline. Pure.
"""

from __future__ import annotations

from annotate.evaluate.metrics import Accuracy
from annotate.evaluate.pages.gold import HtmlGold
from annotate.evaluate.pages.normalise import dateline_key, normalise, quoted, shown
from annotate.evaluate.pages.scores import HtmlPageScore, Miss, rejected
from corpus.records import Article

START_SLACK = 200
"""Characters an HTML page's text may carry before `body_first` (besides title and dateline)."""


def score_html_page(gold: HtmlGold, article: Article | None, *, error: str = "") -> HtmlPageScore:
    """Score one HTML page's parse (None when the parser rejected the page)."""
    if article is None:
        return _failed_html_page(gold, error or "no Article")
    page = gold.page
    misses = []
    text, title = normalise(article.text), normalise(article.title)
    dateline = article.dateline.text if article.dateline else None
    title_ok = title == normalise(gold.title)
    if not title_ok:
        misses.append(Miss("html: title", page, f"got {quoted(title)}, want {quoted(gold.title)}"))
    before_body, start_miss = _before_body(gold, text, title, dateline)
    if start_miss:
        misses.append(start_miss)
    end_ok = normalise(gold.body_last) in text
    if not end_ok:
        misses.append(
            Miss("html: end", page, f'body_last not in the text: "{shown(gold.body_last)}"')
        )
    leaked = [f for f in gold.furniture if normalise(f) in text]
    misses += [Miss("html: furniture kept", page, f'"{shown(f)}"') for f in leaked]
    published = article.published == gold.published if gold.published is not None else None
    if published is False:
        misses.append(
            Miss("html: published", page, f"got {article.published}, want {gold.published}")
        )
    dateline_ok = _same_dateline(dateline, gold.dateline)
    if not dateline_ok:
        misses.append(
            Miss("html: dateline", page, f"got {quoted(dateline)}, want {quoted(gold.dateline)}")
        )
    return HtmlPageScore(
        page,
        title_ok,
        before_body is not None and before_body <= START_SLACK,
        end_ok,
        Accuracy(len(gold.furniture) - len(leaked), len(gold.furniture)),
        published,
        dateline_ok,
        before_body,
        tuple(misses),
    )


def _failed_html_page(gold: HtmlGold, error: str) -> HtmlPageScore:
    """A page the parser rejected: every check failed (the date too, where the page has one)."""
    return HtmlPageScore(
        gold.page,
        False,
        False,
        False,
        Accuracy(0, len(gold.furniture)),
        False if gold.published is not None else None,
        False,
        misses=(rejected(gold.page, error, "html: parse error"),),
        error=error,
    )


def _before_body(
    gold: HtmlGold, text: str, title: str, dateline: str | None
) -> tuple[int | None, Miss | None]:
    """Characters before `body_first` once the title and the dateline are taken out (None when
    `body_first` is not in the text), and the miss to report when the body does not start."""
    at = text.find(normalise(gold.body_first))
    if at < 0:
        detail = f'body_first not in the text: "{shown(gold.body_first)}"'
        return None, Miss("html: start", gold.page, detail)
    before = text[:at]
    for part in (title, normalise(dateline)):
        if part:
            before = before.replace(part, "", 1)
    before_body = len(before.strip())
    if before_body > START_SLACK:
        detail = f'{before_body} characters before the body: "{shown(before)}"'
        return before_body, Miss("html: start", gold.page, detail)
    return before_body, None


def _same_dateline(got: str | None, want: str | None) -> bool:
    """Equal ignoring case and the kind of dash; a page without a dateline must get none."""
    if want is None:
        return got is None
    return got is not None and dateline_key(got) == dateline_key(want)
