"""Score a text page: what the parser kept and dropped, its title and dateline, and the
pre-annotations against the page's PER/ORG/QTY and STANCE gold. Pure.
"""

from __future__ import annotations

from annotate.evaluate.metrics import Accuracy, Counts, LabelScore, same_holder, same_number
from annotate.evaluate.pages.gold import GoldQuantity, OutletPlace, TextGold
from annotate.evaluate.pages.normalise import fold, normalise, quoted, shown
from annotate.evaluate.pages.scores import Miss, TextPageScore, rejected
from annotate.evaluate.pages.strings import contained, identical, match_strings, overlapping
from corpus.records import Article, Document, Quantity
from corpus.schemas import label_set

VALUE_TOLERANCE = 1e-6
"""Relative tolerance of a QTY value, as the set's README says."""


def _body(article: Article) -> str:
    """The text after the title paragraph (the whole text when there is no title)."""
    if article.title and article.text.startswith(article.title):
        return article.text[len(article.title) :]
    return article.text


def _value_right(gold: GoldQuantity, pred: Quantity) -> bool:
    if gold.low is not None or gold.high is not None:  # a range: both ends count
        return same_number(gold.low, pred.low, rel_tol=VALUE_TOLERANCE) and same_number(
            gold.high, pred.high, rel_tol=VALUE_TOLERANCE
        )
    return same_number(gold.value, pred.value, rel_tol=VALUE_TOLERANCE)


def _same_dateline(got: OutletPlace | None, want: OutletPlace | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return all(fold(a) == fold(b) for a, b in zip(got, want, strict=True))


def score_text_page(
    gold: TextGold, article: Article | None, predicted: Document | None = None, *, error: str = ""
) -> TextPageScore:
    """Score one text page: `article` is the parse (None when the parser rejected the page)
    and `predicted` its pre-annotation (needed when the page has entity or stance gold)."""
    page = gold.page
    if article is None:
        return _failed_text_page(gold, error or "no Article")
    misses: list[Miss] = []
    body, whole = normalise(_body(article)), normalise(article.text)
    lost = [k for k in gold.keep if normalise(k) not in body]
    kept = [d for d in gold.drop if normalise(d) in whole]
    misses += [Miss("keep: lost", page, f'"{shown(k)}"') for k in lost]
    misses += [Miss("drop: kept", page, f'"{shown(d)}"') for d in kept]
    title_ok = normalise(gold.title) == normalise(article.title)
    if not title_ok:
        misses.append(
            Miss("title", page, f"got {quoted(article.title)}, want {quoted(gold.title)}")
        )
    got = None if article.dateline is None else (article.dateline.outlet, article.dateline.place)
    want = gold.dateline
    dateline_ok = _same_dateline(got, want)
    if not dateline_ok:
        misses.append(
            Miss("dateline", page, f"got {_outlet_place(got)}, want {_outlet_place(want)}")
        )
    labels: list[LabelScore] = []
    value = polarity = holder = Accuracy()
    if gold.entities is not None or gold.stances is not None:
        if predicted is None:
            raise ValueError(f"{page}: the page has entity or stance gold; pass its pre-annotation")
        if gold.entities is not None:
            entity_scores, value, found = _score_entities(gold, predicted)
            labels += entity_scores
            misses += found
        if gold.stances is not None:
            stance_score, polarity, holder, found = _score_stances(gold, predicted)
            labels.append(stance_score)
            misses += found
    return TextPageScore(
        page,
        Accuracy(len(gold.keep) - len(lost), len(gold.keep)),
        Accuracy(len(gold.drop) - len(kept), len(gold.drop)),
        title_ok,
        dateline_ok,
        tuple(labels),
        value,
        polarity,
        holder,
        tuple(misses),
    )


def _outlet_place(dateline: OutletPlace | None) -> str:
    if dateline is None:
        return "none"
    outlet, place = dateline
    return f"outlet {outlet or '–'} / place {place or '–'}"


def _failed_text_page(gold: TextGold, error: str) -> TextPageScore:
    """A page the parser rejected: nothing kept, nothing dropped, every gold item missed."""
    ls = label_set()
    labels = []
    if gold.entities is not None:
        for label in ls.entity_labels:
            n = sum(1 for lb, _ in gold.entities if lb == label)
            labels.append(LabelScore(label, Counts(fn=n), Counts(fn=n)))
        n = len(gold.quantities or ())
        labels.append(LabelScore(ls.quantity_label, Counts(fn=n), Counts(fn=n)))
    if gold.stances is not None:
        n = len(gold.stances)
        labels.append(LabelScore(ls.stance_label, Counts(fn=n), Counts(fn=n)))
    return TextPageScore(
        gold.page,
        Accuracy(0, len(gold.keep)),
        Accuracy(0, len(gold.drop)),
        False,
        False,
        tuple(labels),
        misses=(rejected(gold.page, error, "parse error"),),
        error=error,
    )


def _score_entities(
    gold: TextGold, predicted: Document
) -> tuple[list[LabelScore], Accuracy, list[Miss]]:
    ls = label_set()
    page = gold.page
    scores, misses = [], []
    groups = [
        (
            label,
            [t for lb, t in gold.entities or () if lb == label],
            [t for lb, t in gold.entities_optional if lb == label],
            [e.text for e in predicted.entities if e.label == label],
        )
        for label in ls.entity_labels
    ]
    quantities = sorted(predicted.quantities, key=lambda q: (q.start, q.end))
    groups.append(
        (
            ls.quantity_label,
            [q.text for q in gold.quantities or ()],
            list(gold.quantities_optional),
            [q.text for q in quantities],
        )
    )
    for label, gold_texts, optional, pred_texts in groups:
        g, o, p = ([normalise(t) for t in ts] for ts in (gold_texts, optional, pred_texts))
        strict = match_strings(g, p, identical, o)
        partial = match_strings(g, p, contained, o)
        scores.append(LabelScore(label, strict.counts, partial.counts))
        misses += [Miss(f"{label}: false positive", page, f'"{p[i]}"') for i in strict.spurious]
        misses += [Miss(f"{label}: missed", page, f'"{g[i]}"') for i in strict.missed]

    # QTY values: gold quantities in reading order, each with the first unused prediction of
    # the same text (the strict pairs, in order).
    value = Accuracy()
    waiting: dict[str, list[int]] = {}
    for i, q in enumerate(quantities):
        waiting.setdefault(normalise(q.text), []).append(i)
    for gq in gold.quantities or ():
        queue = waiting.get(normalise(gq.text))
        if not queue:
            continue
        pq = quantities[queue.pop(0)]
        if not gq.scored:
            continue
        right = _value_right(gq, pq)
        value += Accuracy(int(right), 1)
        if not right:
            misses.append(
                Miss(
                    f"{ls.quantity_label}: wrong value",
                    page,
                    f'"{normalise(gq.text)}" got {_number(pq.value, pq.low, pq.high)}, '
                    f"want {_number(gq.value, gq.low, gq.high)}",
                )
            )
    return scores, value, misses


def _number(value: float | None, low: float | None, high: float | None) -> str:
    """A value or a range for an error line: "1.5e+09", "2–3", "none"."""

    def one(x: float | None) -> str:
        return "none" if x is None else f"{x:g}"

    return one(value) if low is None and high is None else f"{one(low)}–{one(high)}"


def _score_stances(
    gold: TextGold, predicted: Document
) -> tuple[LabelScore, Accuracy, Accuracy, list[Miss]]:
    label = label_set().stance_label
    page = gold.page
    stances = gold.stances or ()
    names = {e.id: e.text for e in predicted.entities}
    g = [normalise(s.text) for s in stances]
    p = [normalise(s.text) for s in predicted.stances]
    o = [normalise(t) for t in gold.stances_optional]
    strict = match_strings(g, p, identical, o, optional_once=False)
    partial = match_strings(g, p, overlapping, o, optional_once=False)
    misses = [
        Miss(
            f"{label}: missed",
            page,
            f'{stances[i].polarity}, holder {stances[i].holder}: "{shown(g[i])}"',
        )
        for i in partial.missed
    ]
    misses += [
        Miss(f"{label}: false positive", page, f'{predicted.stances[i].polarity}: "{shown(p[i])}"')
        for i in partial.spurious
    ]
    polarity = holder = Accuracy()
    for gi, pi in partial.pairs:
        gs, ps = stances[gi], predicted.stances[pi]
        # A dangling holder id names nobody: it never matches a holder.
        p_holder = None if ps.holder is None else names.get(ps.holder, "")
        polarity += Accuracy(int(gs.polarity == ps.polarity), 1)
        holder += Accuracy(int(same_holder(gs.holder, p_holder)), 1)
        if gs.polarity != ps.polarity:
            misses.append(
                Miss(
                    f"{label}: polarity",
                    page,
                    f'got {ps.polarity}, want {gs.polarity}: "{shown(g[gi])}"',
                )
            )
        if not same_holder(gs.holder, p_holder):
            misses.append(
                Miss(
                    f"{label}: holder", page, f'got {p_holder}, want {gs.holder}: "{shown(g[gi])}"'
                )
            )
    return LabelScore(label, strict.counts, partial.counts), polarity, holder, misses
