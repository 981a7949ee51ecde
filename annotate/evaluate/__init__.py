"""Score predicted spans against gold spans: strict and partial P/R/F1, QTY values, stances.

What is counted, per label (from `label_set()`) and micro-averaged over the scored labels:

    strict    a predicted span is a true positive when a gold span has the same start, end
              and label ("Joko Widodo" [10:21] PER against "Joko Widodo" [10:21] PER).
    partial   a predicted span is a true positive when it overlaps a gold span of the same
              label by at least one character ("Komisi Pemberantasan Korupsi" against the
              gold "Komisi Pemberantasan Korupsi (KPK)"). Each gold span and each predicted
              span is used at most once: one prediction over two gold spans is one true
              positive and one miss, two predictions inside one gold span are one true
              positive and one false positive.

On matched pairs, attributes are scored as accuracies:

    QTY value     on strictly matched quantities: `value`, `low` and `high` each equal within
                  a relative 1e-9 (None only equals None); `unit` is reported separately.
    STANCE        on partially matched stances: `polarity` equal; `holder` correct when both
                  are null, or when both name entities whose texts share a name token
                  (`metrics.same_holder`).

The modules, in the order the data flows:

    spans       labelled spans; strict and partial (maximum bipartite) matching. Pure.
    scoring     items of gold and predicted spans -> an Evaluation; error classes. Pure.
    metrics     Counts, Accuracy, LabelScore, ErrorCase, Evaluation. Pure.
    documents   gold Documents paired with predictions by id, and scored. Pure.
    report      an Evaluation as a text or Markdown table. Pure.
    runs        the `annotate evaluate` command as plain functions. I/O: reads the inputs.
    pages       the parser and the pre-annotators on real pages with hand gold.

This package imports only the pure modules, so `from annotate.evaluate import ...` stays
light; `runs` and `pages` run the pre-annotator and are imported by name.
"""

from annotate.evaluate.documents import Pairing, document_spans, pair_documents, score_documents
from annotate.evaluate.metrics import (
    Accuracy,
    Counts,
    ErrorCase,
    Evaluation,
    FrequentError,
    LabelScore,
    name_tokens,
    same_holder,
    same_number,
)
from annotate.evaluate.report import render_markdown, render_table
from annotate.evaluate.scoring import Item, score_items
from annotate.evaluate.spans import LabelledSpan, Matching, match_spans, overlapping

__all__ = [
    "Accuracy",
    "Counts",
    "ErrorCase",
    "Evaluation",
    "FrequentError",
    "Item",
    "LabelScore",
    "LabelledSpan",
    "Matching",
    "Pairing",
    "document_spans",
    "match_spans",
    "name_tokens",
    "overlapping",
    "pair_documents",
    "render_markdown",
    "render_table",
    "same_holder",
    "same_number",
    "score_documents",
    "score_items",
]
