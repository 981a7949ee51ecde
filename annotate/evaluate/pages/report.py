"""A page folder's scores as plain-text tables for a person or Markdown for the docs. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from annotate.evaluate.metrics import Accuracy, LabelScore
from annotate.evaluate.pages.scores import (
    HTML_METRICS,
    TEXT_METRICS,
    PagesEvaluation,
    grouped_misses,
)
from annotate.evaluate.report import render_markdown
from annotate.evaluate.report import render_table as render_label_table
from corpus.schemas import label_set


def _rate(a: Accuracy) -> str:
    return "–" if a.accuracy is None else f"{a.accuracy:.3f} ({a.correct}/{a.total})"


def _ok(value: bool | None) -> str:
    return "–" if value is None else "ok" if value else "FAIL"


def _f1(score: LabelScore | None, partial: bool = False) -> str:
    if score is None:
        return "–"
    f1 = (score.partial if partial else score.strict).f1
    return "–" if f1 is None else f"{f1:.3f}"


def render_table(evaluation: PagesEvaluation, *, errors: int = 0) -> str:
    """Plain-text tables for a person: per page, the totals, and with `errors` what went wrong."""
    lines = [
        f"{evaluation.name}: {len(evaluation.text)} text pages, {len(evaluation.html)} HTML pages"
    ]
    if evaluation.text:
        lines += _text_table(evaluation)
    if evaluation.html:
        lines += _html_table(evaluation)
    if errors:
        for kind, found in grouped_misses(evaluation.misses(), errors).items():
            lines += ["", f"{kind}:"]
            for n, pages, detail in found:
                where = ", ".join(p.removesuffix(".txt").removesuffix(".html") for p in pages)
                lines.append(f"  {n:>3} x {detail}  [{where}]")
    return "\n".join(lines)


def _text_table(evaluation: PagesEvaluation) -> list[str]:
    """The text pages: one row each, the totals, then the pre-annotators' table."""
    ls = label_set()
    entity_labels = (*ls.entity_labels, ls.quantity_label)
    head = (
        f"{'text page':<24} {'keep':>5} {'drop':>6} {'title':>5} {'dateln':>6}"
        + "".join(f" {lb:>6}" for lb in entity_labels)
        + f" {ls.stance_label:>6}"
    )
    lines = ["", head, "─" * len(head)]
    for p in evaluation.text:
        lines.append(
            f"{p.page.removesuffix('.txt'):<24} {p.keep.correct:>2}/{p.keep.total:<2}"
            f" {p.drop.correct:>3}/{p.drop.total:<2} {_ok(p.title):>5} {_ok(p.dateline):>6}"
            + "".join(f" {_f1(p.label(lb)):>6}" for lb in entity_labels)
            + f" {_f1(p.label(ls.stance_label), partial=True):>6}"
            + (f"  {p.error}" if p.error else "")
        )
    lines += [
        "",
        "text pages: " + ", ".join(f"{m} {_rate(evaluation.text_total(m))}" for m in TEXT_METRICS),
        f"(columns {', '.join(entity_labels)}: strict F1; {ls.stance_label}: F1 by overlap)",
    ]
    annotators = evaluation.annotators()
    if annotators.labels:
        title = f"pre-annotators on the {evaluation.gold_pages()}"
        lines += ["", render_label_table(annotators, title=title)]
    return lines


def _html_table(evaluation: PagesEvaluation) -> list[str]:
    """The HTML pages: one row each, then the totals."""
    head = (
        f"{'HTML page':<24} {'title':>5} {'start':>5} {'end':>5} {'clean':>6}"
        f" {'pub':>5} {'dateln':>6}"
    )
    lines = ["", head, "─" * len(head)]
    for h in evaluation.html:
        before = "" if h.before_body is None else f"  {h.before_body} chars before the body"
        lines.append(
            f"{h.page.removesuffix('.html'):<24} {_ok(h.title):>5} {_ok(h.start):>5}"
            f" {_ok(h.end):>5} {h.clean.correct:>3}/{h.clean.total:<2}"
            f" {_ok(h.published):>5} {_ok(h.dateline):>6}" + (f"  {h.error}" if h.error else before)
        )
    lines += [
        "",
        "HTML pages: " + ", ".join(f"{m} {_rate(evaluation.html_total(m))}" for m in HTML_METRICS),
    ]
    return lines


def _totals_row(
    kind: str, row: str, metrics: Sequence[str], total: Callable[[str], Accuracy]
) -> list[str]:
    """A one-row Markdown table: `kind` in the corner, one column per metric."""
    return [
        f"| {kind} | " + " | ".join(metrics) + " |",
        "| --- |" + " ---: |" * len(metrics),
        f"| {row} | " + " | ".join(_rate(total(m)) for m in metrics) + " |",
    ]


def render_pages_markdown(evaluation: PagesEvaluation) -> str:
    """Markdown tables of the totals for docs/quality.md (no page text: only counts)."""
    name = evaluation.name
    lines = []
    if evaluation.text:
        row = f"{name} ({len(evaluation.text)})"
        lines += _totals_row("text pages", row, TEXT_METRICS, evaluation.text_total)
        annotators = evaluation.annotators()
        if annotators.labels:
            lines += [
                "",
                render_markdown([(name, annotators)]),
                f"- {name}: pre-annotators scored on the {evaluation.gold_pages()}.",
            ]
    if evaluation.html:
        row = f"{name}/html ({len(evaluation.html)})"
        lines += [
            *([""] if lines else []),
            *_totals_row("HTML pages", row, HTML_METRICS, evaluation.html_total),
        ]
    return "\n".join(lines)
