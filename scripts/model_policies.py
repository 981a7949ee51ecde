"""Score every rules/model combination policy of a trained model on CoNLL sets.

For each corpus: the rules alone, then the model combined with the rules by each mode of
`annotate.model.combine.MODES` for both labels, then the policy in the model's meta.json
(chosen on the dev split at training time). Strict F1 per label and micro over PER and ORG,
as `annotate evaluate --conll` / `--pages` computes it, in one Markdown table (docs/model.md).

Example: uv run python scripts/model_policies.py --model models/ner --pages pages/ test.txt
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from functools import partial
from pathlib import Path

from annotate.conll import evaluate_corpus, parse_label_map, read_corpus
from annotate.evaluate.metrics import Evaluation
from annotate.evaluate.runs import run_pages
from annotate.model.combine import MODES
from annotate.model.ner import CrfModel
from annotate.preannotate import EntityModel, preannotate

LABEL_MAP = (
    "PER=PER,PERSON=PER,ORG=ORG,ORGANIZATION=ORG,ORGANISATION=ORG,QUANTITY=QTY,"
    "LOC=,LOCATION=,PLACE=,TIME="
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a model folder")
    parser.add_argument("--label-map", default=LABEL_MAP, help="as `annotate evaluate`")
    parser.add_argument("--pages", type=Path, metavar="DIR", help="also a real-page folder")
    parser.add_argument("corpora", nargs="*", type=Path, help="CoNLL files or folders")
    args = parser.parse_args()
    model = CrfModel.load(args.model)
    labels = list(model.policy)
    variants: list[tuple[str, EntityModel | None]] = [("rules alone", None)]
    variants += [
        (f"rules+model, {mode}", dataclasses.replace(model, policy=dict.fromkeys(labels, mode)))
        for mode in MODES
        if mode != "rules"
    ]
    chosen = ", ".join(f"{k} {v}" for k, v in model.policy.items())
    variants.append((f"rules+model, chosen on dev ({chosen})", model))
    mapping = parse_label_map(args.label_map)
    print("| corpus | combination | PER | ORG | micro | sentences/s |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, variant in variants if args.pages else ():
        ev = run_pages(args.pages, predict=partial(preannotate, model=variant)).evaluation
        _row(args.pages.name, name, ev.annotators(), None)
    for path in args.corpora:
        corpus = read_corpus(path)
        for name, variant in variants:
            report = evaluate_corpus(corpus, partial(preannotate, model=variant), mapping)
            _row(corpus.name, name, report.evaluation, report.sentences_per_second)
    return 0


def _row(corpus: str, name: str, ev: Evaluation, speed: float | None) -> None:
    """One table row; on pages "micro" is over PER and ORG only (QTY/STANCE stay the rules')."""
    f1 = {s.label: s.strict.f1 or 0.0 for s in ev.labels}
    entities = [s for s in ev.labels if s.label in ("PER", "ORG")]
    tp = sum(s.strict.tp for s in entities)
    total = sum(s.strict.gold + s.strict.pred for s in entities)
    micro = 2 * tp / total if total else 0.0
    rate = f"{speed:,.0f}" if speed is not None else "–"
    print(
        f"| {corpus} | {name} | {f1.get('PER', 0):.3f} | {f1.get('ORG', 0):.3f} "
        f"| {micro:.3f} | {rate} |",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
