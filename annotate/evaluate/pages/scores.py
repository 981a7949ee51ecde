"""What the page scorer finds: per-page scores, their totals over a folder, the misses. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotate.evaluate.metrics import JSON, Accuracy, Counts, Evaluation, LabelScore
from corpus.schemas import label_set

TEXT_METRICS: tuple[str, ...] = ("keep", "drop", "title", "dateline")
HTML_METRICS: tuple[str, ...] = ("title", "start", "end", "clean", "published", "dateline")


@dataclass(frozen=True, slots=True)
class Miss:
    """One thing scored wrong on a page, for `--errors`."""

    kind: str
    page: str
    detail: str

    def to_dict(self) -> JSON:
        return {"kind": self.kind, "page": self.page, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class TextPageScore:
    page: str
    keep: Accuracy
    drop: Accuracy
    title: bool
    dateline: bool
    labels: tuple[LabelScore, ...] = ()  # the labels the page has gold for
    quantity_value: Accuracy = field(default_factory=Accuracy)
    stance_polarity: Accuracy = field(default_factory=Accuracy)
    stance_holder: Accuracy = field(default_factory=Accuracy)
    misses: tuple[Miss, ...] = ()
    error: str | None = None

    def label(self, name: str) -> LabelScore | None:
        return next((s for s in self.labels if s.label == name), None)

    def to_dict(self) -> JSON:
        return {
            "page": self.page,
            "error": self.error,
            "keep": self.keep.to_dict(),
            "drop": self.drop.to_dict(),
            "title": self.title,
            "dateline": self.dateline,
            "labels": {s.label: s.to_dict() for s in self.labels},
            "quantity_value": self.quantity_value.to_dict(),
            "stance_polarity": self.stance_polarity.to_dict(),
            "stance_holder": self.stance_holder.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class HtmlPageScore:
    page: str
    title: bool
    start: bool
    end: bool
    clean: Accuracy
    published: bool | None  # None: the page states no date
    dateline: bool
    before_body: int | None = None  # characters before body_first; None when it is missing
    misses: tuple[Miss, ...] = ()
    error: str | None = None

    def to_dict(self) -> JSON:
        return {
            "page": self.page,
            "error": self.error,
            "title": self.title,
            "start": self.start,
            "before_body": self.before_body,
            "end": self.end,
            "clean": self.clean.to_dict(),
            "published": self.published,
            "dateline": self.dateline,
        }


def rejected(page: str, error: str, kind: str) -> Miss:
    return Miss(kind, page, f"the parser rejected the page: {error}")


@dataclass(frozen=True, slots=True)
class PagesEvaluation:
    """Scores of every page of a folder (the `--json` output is `to_dict`)."""

    name: str
    text: tuple[TextPageScore, ...] = ()
    html: tuple[HtmlPageScore, ...] = ()

    def text_total(self, metric: str) -> Accuracy:
        """keep / drop (strings) or title / dateline (pages) over the text pages."""
        total = Accuracy()
        for p in self.text:
            got = getattr(p, metric)
            total += got if isinstance(got, Accuracy) else Accuracy(int(got), 1)
        return total

    def html_total(self, metric: str) -> Accuracy:
        """title / start / end / published / dateline (pages) or clean (strings) over HTML pages."""
        total = Accuracy()
        for p in self.html:
            got = getattr(p, metric)
            if isinstance(got, Accuracy):
                total += got
            elif got is not None:  # published is None on a page that states no date
                total += Accuracy(int(got), 1)
        return total

    def annotators(self) -> Evaluation:
        """The pre-annotators on the text pages with gold, as an `annotate.evaluate` Evaluation."""
        strict: dict[str, Counts] = {}
        partial: dict[str, Counts] = {}
        value = polarity = holder = Accuracy()
        scored = [p for p in self.text if p.labels]
        for p in scored:
            for s in p.labels:
                strict[s.label] = strict.get(s.label, Counts()) + s.strict
                partial[s.label] = partial.get(s.label, Counts()) + s.partial
            value += p.quantity_value
            polarity += p.stance_polarity
            holder += p.stance_holder
        labels = tuple(
            LabelScore(lb, strict[lb], partial[lb]) for lb in label_set().names if lb in strict
        )
        # Units are not compared: the set puts counted nouns in `unit` ("tiga orang": orang),
        # our guidelines leave them out (unit null).
        return Evaluation(
            labels, len(scored), value, stance_polarity=polarity, stance_holder=holder
        )

    def gold_pages(self) -> str:
        """Which text pages the pre-annotators were scored on, in words."""
        ls = label_set()

        def pages_with(label: str) -> int:
            return sum(1 for p in self.text if p.label(label) is not None)

        spans = "/".join(ls.token_labels)
        stances = ls.stance_label
        return (
            f"text pages with gold ({spans}: {pages_with(ls.quantity_label)}, "
            f"{stances}: {pages_with(stances)})"
        )

    def misses(self) -> list[Miss]:
        return [
            *(m for p in self.text for m in p.misses),
            *(m for h in self.html for m in h.misses),
        ]

    def to_dict(self, *, errors: int = 0) -> JSON:
        d: JSON = {
            "name": self.name,
            "text": {
                "pages": len(self.text),
                **{m: self.text_total(m).to_dict() for m in TEXT_METRICS},
                "parse_errors": [p.page for p in self.text if p.error],
            },
            "annotators": self.annotators().to_dict(),
            "html": {
                "pages": len(self.html),
                **{m: self.html_total(m).to_dict() for m in HTML_METRICS},
                "parse_errors": [p.page for p in self.html if p.error],
            },
            "text_pages": [p.to_dict() for p in self.text],
            "html_pages": [p.to_dict() for p in self.html],
        }
        if errors:
            d["errors"] = {
                kind: [{"count": n, "pages": pages, "detail": detail} for n, pages, detail in found]
                for kind, found in grouped_misses(self.misses(), errors).items()
            }
        return d


def grouped_misses(misses: Iterable[Miss], n: int) -> dict[str, list[tuple[int, list[str], str]]]:
    """Per kind, the first `n` distinct details with how often and on which pages they occur
    (the most frequent first, then in page order)."""
    kinds: dict[str, dict[str, list[str]]] = {}
    for m in misses:
        kinds.setdefault(m.kind, {}).setdefault(m.detail, []).append(m.page)
    return {
        kind: sorted(
            ((len(pages), sorted(set(pages)), detail) for detail, pages in details.items()),
            key=lambda found: -found[0],  # stable: equal counts stay in page order
        )[:n]
        for kind, details in kinds.items()
    }
