"""The alternative to the CRF in docs/model.md: spaCy's NER trained from scratch on CPU.

Trains `spacy.blank("id")` + "ner" (default architecture, no pretrained vectors) on a CoNLL
training file for --epochs epochs, keeps the epoch with the best strict F1 on --dev, and
prints strict P/R/F1 for PER and ORG on the dev file and on each test corpus, the model alone
(no rules). Gold types map to labels as `annotate train` maps them (PER/PERSON, ORG/
ORGANIZATION; other types are not learned, and a prediction over one is a false positive).

Example: uv run python scripts/model_spacy_baseline.py --train train.txt --dev dev.txt test.txt
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]

from annotate.conll import Sentence, default_label_map, read_corpus

LABELS = ("PER", "ORG")


def gold_spans(sentence: Sentence) -> set[tuple[int, int, str]]:
    mapping = default_label_map()
    return {
        (s.start, s.end, label) for s in sentence.spans if (label := mapping.get(s.type)) in LABELS
    }


def examples(nlp: spacy.language.Language, sentences: Sequence[Sentence]) -> list[Example]:
    out = []
    for sentence in sentences:
        doc = Doc(nlp.vocab, words=sentence.text.split(" "))
        ents = [(s, e, label) for s, e, label in sorted(gold_spans(sentence))]
        out.append(Example.from_dict(doc, {"entities": ents}))
    return out


def score(nlp: spacy.language.Language, sentences: Sequence[Sentence]) -> dict[str, float]:
    """Strict F1 per label and micro over PER and ORG."""
    tp = dict.fromkeys(LABELS, 0)
    pred = dict.fromkeys(LABELS, 0)
    gold = dict.fromkeys(LABELS, 0)
    ner = nlp.get_pipe("ner")
    for sentence in sentences:
        doc = ner(Doc(nlp.vocab, words=sentence.text.split(" ")))
        predicted = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        expected = gold_spans(sentence)
        for label in LABELS:
            p = {s for s in predicted if s[2] == label}
            g = {s for s in expected if s[2] == label}
            tp[label] += len(p & g)
            pred[label] += len(p)
            gold[label] += len(g)
    f1 = {k: 2 * tp[k] / (pred[k] + gold[k]) if pred[k] + gold[k] else 0.0 for k in LABELS}
    total = sum(pred.values()) + sum(gold.values())
    f1["micro"] = 2 * sum(tp.values()) / total if total else 0.0
    return f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("tests", nargs="*", type=Path, help="CoNLL test files or folders")
    args = parser.parse_args()
    fix_random_seed(args.seed)
    nlp = spacy.blank("id")
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)  # type: ignore[attr-defined]
    train = examples(nlp, read_corpus(args.train).sentences)
    dev = read_corpus(args.dev).sentences
    optimizer = nlp.initialize(lambda: train)
    rng = random.Random(args.seed)
    best, best_bytes, started = -1.0, b"", time.process_time()
    for epoch in range(args.epochs):
        rng.shuffle(train)
        for batch in minibatch(train, size=16):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, drop=0.2)
        f1 = score(nlp, dev)["micro"]
        print(f"epoch {epoch + 1}: dev micro F1 {f1:.3f}", flush=True)
        if f1 > best:
            best, best_bytes = f1, nlp.to_bytes()
    print(f"training: {time.process_time() - started:.0f} s CPU")
    nlp.from_bytes(best_bytes)
    print("| corpus | PER | ORG | micro |\n| --- | ---: | ---: | ---: |")
    for path in [args.dev, *args.tests]:
        s = score(nlp, read_corpus(path).sentences)
        print(f"| {path.name} | {s['PER']:.3f} | {s['ORG']:.3f} | {s['micro']:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
