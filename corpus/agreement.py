"""Inter-annotator agreement: pairwise span F1 per label and Krippendorff's alpha on tokens. Pure.

Input: Documents that each hold ONE annotator's annotation of an article, the annotator
being the single id in `meta.annotators`. `annotate pull` writes one such Document per
annotator for every task annotated twice or more, as
`<conflicts>/annotators/<article_id>/<annotator>.json`. `corpus agreement DIR` reads a
folder of `*.json` files (one Document each) and/or `*.jsonl` files (one Document per
line), searched recursively; see docs/publishing.md.

Only articles annotated by two annotators or more count. Figures:
- span F1 per label for each pair of annotators: exact match of label and offsets, summed
  over the articles both annotated (2·matched / (spans of a + spans of b)); `overall` sums
  over pairs. Stances match on offsets; their polarity agreement on matched spans is given
  apart.
- Krippendorff's alpha (nominal) over tokens (corpus/tokens.py): each token's value is the
  label of the entity or quantity span it lies in, or O; one alpha over all token labels,
  and one per label (that label against everything else). Undefined (None) when every
  token has the same value, e.g. nobody marked a QTY.

The figures rest on the articles annotated twice or more; if those were chosen as hard
cases they understate agreement over the whole corpus. The card says how many there are.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from corpus.errors import InputError
from corpus.records import JSON, Document
from corpus.schemas import label_set
from corpus.tokens import OUTSIDE, tokenize


@dataclass(frozen=True, slots=True)
class LabelF1:
    matched: int
    a: int  # spans of the first annotator
    b: int  # spans of the second annotator

    @property
    def f1(self) -> float | None:
        total = self.a + self.b
        return 2 * self.matched / total if total else None

    def to_dict(self) -> JSON:
        return {"f1": _round(self.f1), "matched": self.matched, "a": self.a, "b": self.b}


@dataclass(frozen=True, slots=True)
class PairAgreement:
    a: str
    b: str
    documents: int
    labels: dict[str, LabelF1]
    polarity: float | None  # share of matched stances with the same polarity

    def to_dict(self) -> JSON:
        return {
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            "labels": {name: f1.to_dict() for name, f1 in self.labels.items()},
            "polarity_agreement": _round(self.polarity),
        }


@dataclass(frozen=True, slots=True)
class Agreement:
    annotators: tuple[str, ...]
    documents: int  # articles with two annotators or more
    tokens: int  # tokens in those articles (the units of alpha)
    pairs: tuple[PairAgreement, ...]
    overall: dict[str, LabelF1]  # summed over pairs
    alpha: float | None
    alpha_per_label: dict[str, float | None] = field(default_factory=dict)

    def to_dict(self) -> JSON:
        return {
            "annotators": list(self.annotators),
            "documents": self.documents,
            "tokens": self.tokens,
            "span_f1": {name: f1.to_dict() for name, f1 in self.overall.items()},
            "alpha": _round(self.alpha),
            "alpha_per_label": {name: _round(a) for name, a in self.alpha_per_label.items()},
            "pairs": [pair.to_dict() for pair in self.pairs],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def annotator_of(doc: Document, *, source: str) -> str:
    """The one annotator whose annotation `doc` is."""
    if len(doc.meta.annotators) != 1:
        raise InputError(
            f"/meta/annotators: an agreement input holds one annotator's annotation, found "
            f"{len(doc.meta.annotators)} annotator ids; write one Document per annotator",
            source=source,
        )
    return doc.meta.annotators[0]


def group(docs: Iterable[tuple[str, Document]]) -> dict[str, dict[str, Document]]:
    """Documents by article id, then by annotator; each (source, Document) pair names where
    the Document came from for error messages. Two annotations of one article must be of the
    same text, and an annotator annotates an article once."""
    by_article: dict[str, dict[str, Document]] = {}
    for source, doc in docs:
        annotator = annotator_of(doc, source=source)
        versions = by_article.setdefault(doc.id, {})
        if annotator in versions:
            raise InputError(f"{annotator} annotated {doc.id} twice", source=source)
        other = next(iter(versions.values()), None)
        if other is not None and other.article.text_sha256 != doc.article.text_sha256:
            raise InputError(
                f"the text of {doc.id} differs from another annotator's copy; "
                "annotations can only be compared on the same text",
                source=source,
            )
        versions[annotator] = doc
    return by_article


def _label_spans(doc: Document) -> dict[str, set[tuple[int, int]]]:
    labels = label_set()
    spans: dict[str, set[tuple[int, int]]] = {name: set() for name in labels.names}
    for e in doc.entities:
        spans[e.label].add((e.start, e.end))
    spans[labels.quantity_label] = {(q.start, q.end) for q in doc.quantities}
    spans[labels.stance_label] = {(s.start, s.end) for s in doc.stances}
    return spans


def _pair(a: str, b: str, articles: Sequence[dict[str, Document]]) -> PairAgreement:
    names = label_set().names
    matched = dict.fromkeys(names, 0)
    count_a = dict.fromkeys(names, 0)
    count_b = dict.fromkeys(names, 0)
    same_polarity = compared_polarity = 0
    documents = 0
    for versions in articles:
        if a not in versions or b not in versions:
            continue
        documents += 1
        spans_a, spans_b = _label_spans(versions[a]), _label_spans(versions[b])
        for name in names:
            matched[name] += len(spans_a[name] & spans_b[name])
            count_a[name] += len(spans_a[name])
            count_b[name] += len(spans_b[name])
        polarity_b = {(s.start, s.end): s.polarity for s in versions[b].stances}
        for stance in versions[a].stances:
            if (stance.start, stance.end) in polarity_b:
                compared_polarity += 1
                same_polarity += polarity_b[(stance.start, stance.end)] == stance.polarity
    labels = {name: LabelF1(matched[name], count_a[name], count_b[name]) for name in names}
    labels["all"] = LabelF1(sum(matched.values()), sum(count_a.values()), sum(count_b.values()))
    polarity = same_polarity / compared_polarity if compared_polarity else None
    return PairAgreement(a, b, documents, labels, polarity)


def token_values(doc: Document, tokens: Sequence[tuple[int, int]]) -> list[str]:
    """Each token's label: that of the entity or quantity span it lies in, else O."""
    quantity = label_set().quantity_label
    spans = [(e.start, e.end, e.label) for e in doc.entities] + [
        (q.start, q.end, quantity) for q in doc.quantities
    ]
    values = [OUTSIDE] * len(tokens)
    for i, (start, end) in enumerate(tokens):
        for span_start, span_end, label in spans:
            if span_start < end and start < span_end:
                values[i] = label
                break
    return values


def _alpha(rows: list[list[float]]) -> float | None:
    import krippendorff
    import numpy as np

    data = np.array(rows, dtype=float)
    present = data[~np.isnan(data)]
    if np.unique(present).size < 2:
        return None  # no variation at all: alpha is undefined
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return None if math.isnan(value) else value


def agreement(docs: Iterable[tuple[str, Document]]) -> Agreement:
    """Agreement figures over (source, Document) pairs, one annotator's annotation each."""
    by_article = group(docs)
    shared = [versions for _, versions in sorted(by_article.items()) if len(versions) >= 2]
    annotators = tuple(sorted({name for versions in shared for name in versions}))
    pairs = tuple(
        pair
        for a, b in itertools.combinations(annotators, 2)
        if (pair := _pair(a, b, shared)).documents
    )
    names = [*label_set().names, "all"]
    overall = {
        name: LabelF1(
            sum(p.labels[name].matched for p in pairs),
            sum(p.labels[name].a for p in pairs),
            sum(p.labels[name].b for p in pairs),
        )
        for name in names
    }
    # Reliability data: one row per annotator, one column per token of a shared article.
    codes = {name: float(i) for i, name in enumerate([OUTSIDE, *label_set().token_labels])}
    rows: list[list[float]] = [[] for _ in annotators]
    for versions in shared:
        any_doc = next(iter(versions.values()))
        tokens = tokenize(any_doc.text)
        for row, annotator in zip(rows, annotators, strict=True):
            if annotator in versions:
                row += [codes[v] for v in token_values(versions[annotator], tokens)]
            else:
                row += [math.nan] * len(tokens)
    token_count = len(rows[0]) if rows else 0
    alpha = _alpha(rows) if shared else None
    per_label: dict[str, float | None] = {}
    for name in label_set().token_labels:
        code = codes[name]
        binary = [[v if math.isnan(v) else float(v == code) for v in row] for row in rows]
        per_label[name] = _alpha(binary) if shared else None
    return Agreement(annotators, len(shared), token_count, pairs, overall, alpha, per_label)
