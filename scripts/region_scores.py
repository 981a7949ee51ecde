"""Region scores: is a PER/ORG span the model doubts more often wrong?

`annotate push --model` gives each PER/ORG region of a task the model's confidence in that
span (`CrfModel.span_confidence`, Label Studio's region score). This script pre-annotates
CoNLL sets (and a real-page folder) as a push would, scores every PER/ORG span shown, and
prints the precision of the spans in each score band, for the spans of the model's policy
and for the rules' spans alone, as one Markdown table (docs/model.md, "Region scores").

A span is right when the gold has the same span with the same label: by offsets in CoNLL
sentences (types mapped as `annotate evaluate` maps them), by normalised text among the
page's gold entities (optional ones included) on the pages.

Example: uv run python scripts/region_scores.py --model models/ner --pages pages/ test.txt
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from annotate.conll import default_label_map, gold_spans, read_corpus
from annotate.evaluate.pages.folder import read_pages
from annotate.evaluate.pages.normalise import normalise
from annotate.model.examples import model_labels, rule_spans
from annotate.model.ner import CrfModel
from annotate.parse import parse_bytes
from annotate.preannotate import preannotate
from corpus.records import Article, Document

BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.0))
"""Score bands [low, high); the last one includes 1.0."""

Scored = list[tuple[float, bool]]
"""(score, right) of each span shown."""


def scored(model: CrfModel, doc: Document) -> list[tuple[float, tuple[int, int, str]]]:
    """Each PER/ORG span of `doc` with the model's confidence in it."""
    spans = [(e.start, e.end, e.label) for e in doc.entities if e.label in model_labels()]
    sure = model.span_confidence(doc.text, rule_spans(doc.text), spans)
    return list(zip(sure, spans, strict=True))


def conll_rows(model: CrfModel, path: Path, shown_by: CrfModel | None) -> Iterator[Scored]:
    mapping = default_label_map()
    for sentence in read_corpus(path).sentences:
        gold = {(s.start, s.end, s.label) for s in gold_spans(sentence, mapping)[0]}
        doc = preannotate(sentence.text, model=shown_by)
        yield [(c, span in gold) for c, span in scored(model, doc)]


def page_rows(model: CrfModel, folder: Path, shown_by: CrfModel | None) -> Iterator[Scored]:
    for gold, raw in read_pages(folder).text:
        if gold.entities is None:
            continue
        article: Article = parse_bytes(raw, source=gold.page)
        wanted = {(label, normalise(t)) for label, t in [*gold.entities, *gold.entities_optional]}
        doc = preannotate(article, model=shown_by)
        yield [
            (c, (label, normalise(doc.text[s:e])) in wanted)
            for c, (s, e, label) in scored(model, doc)
        ]


def row(name: str, shown: str, spans: Scored) -> str:
    """One table row: precision (and count) per band, then over all spans."""
    cells = []
    for low, high in BANDS:
        band = [r for c, r in spans if low <= c < high or (high == 1.0 and c == 1.0)]
        cells.append(f"{sum(band) / len(band):.3f} ({len(band)})" if band else "– (0)")
    total = f"{sum(r for _, r in spans) / len(spans):.3f} ({len(spans)})" if spans else "– (0)"
    return f"| {shown} | {name} | {' | '.join(cells)} | {total} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a model folder")
    parser.add_argument("--pages", type=Path, metavar="DIR", help="also a real-page folder")
    parser.add_argument("corpora", nargs="*", type=Path, help="CoNLL files or folders")
    args = parser.parse_args()
    model = CrfModel.load(args.model)
    policy = ", ".join(f"{k} {v}" for k, v in model.policy.items())
    heads = " | ".join(f"{low:g}–{high:g}" for low, high in BANDS)
    print(f"| spans shown by | test set | {heads} | all |")
    print("| --- | --- |" + " ---: |" * (len(BANDS) + 1))
    for shown, by in ((f"rules + model ({policy})", model), ("rules alone", None)):
        if args.pages:
            spans = [s for rows in page_rows(model, args.pages, by) for s in rows]
            print(row(args.pages.name, shown, spans), flush=True)
        for path in args.corpora:
            spans = [s for rows in conll_rows(model, path, by) for s in rows]
            print(row(read_corpus(path).name, shown, spans), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
