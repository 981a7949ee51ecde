"""Throughput of the PER+ORG+QTY pre-annotators against spaCy's Indonesian tokenizer.

Builds a corpus of at least --megabytes of Indonesian news text by repeating the bundled
articles' canonical texts with variations (paragraphs rotated, names and numbers changed,
so no two texts are equal and no cache keyed on a text helps), then, on one core and in
the same run, times `preannotate` with the PER, ORG and QTY rules and
`spacy.blank("id").tokenizer` over the same texts. Prints chars/s for both and the ratio
(the target is a ratio >= 1.0: the rules are no slower than tokenising).

Example: uv run python scripts/bench_preannotate.py --megabytes 10
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
from collections.abc import Iterator
from pathlib import Path

from annotate.preannotate import article_from_text, preannotate
from annotate.sources import parse_paths
from corpus.errors import NewsgoldError
from corpus.records import Article

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
ANNOTATORS = ("per.rules.v1", "org.rules.v1", "qty.rules.v1")
# Replacements that keep the text plausible Indonesian news but make every copy different.
SWAPS = [
    ("Jakarta", "Surabaya"),
    ("Presiden", "Wakil Presiden"),
    ("Senin", "Kamis"),
    ("Bambang", "Hendra"),
    ("persen", "persen"),
    ("Siti", "Ratna"),
]


def variants(texts: list[str]) -> Iterator[str]:
    """Endless distinct variants of the texts."""
    for k in itertools.count():
        for text in texts:
            title, _, body = text.partition("\n\n")
            paragraphs = body.split("\n\n")
            shift = k % max(1, len(paragraphs))
            paragraphs = paragraphs[shift:] + paragraphs[:shift]
            old, new = SWAPS[k % len(SWAPS)]
            varied = "\n\n".join(paragraphs).replace(old, new).replace("2024", str(1990 + k % 40))
            yield f"{title} ({k})\n\n{varied}"


def build_corpus(megabytes: float) -> list[Article]:
    texts = []
    for result in parse_paths([str(ARTICLES)]):
        if isinstance(result, NewsgoldError):
            raise SystemExit(f"bench_preannotate: {result}")
        texts.append(result.text)
    corpus: list[Article] = []
    size = 0
    for text in variants(texts):
        corpus.append(article_from_text(text))
        size += len(text)
        if size >= megabytes * 1_000_000:
            break
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0, help="corpus size (default 10)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised

    import spacy  # dev dependency; imported here so --help stays fast

    corpus = build_corpus(args.megabytes)
    chars = sum(len(a.text) for a in corpus)
    tokenizer = spacy.blank("id").tokenizer
    preannotate(corpus[0], annotators=ANNOTATORS)  # warm up: gazetteers, compiled patterns
    tokenizer(corpus[0].text)

    start = time.perf_counter()
    spans = 0
    for article in corpus:
        doc = preannotate(article, annotators=ANNOTATORS)
        spans += len(doc.entities) + len(doc.quantities)
    rules_seconds = time.perf_counter() - start

    start = time.perf_counter()
    tokens = 0
    for article in corpus:
        tokens += len(tokenizer(article.text))
    spacy_seconds = time.perf_counter() - start

    rules_rate = chars / rules_seconds
    spacy_rate = chars / spacy_seconds
    print(f"corpus: {len(corpus):,} texts, {chars / 1e6:.1f} M chars")
    print(
        f"rules (PER+ORG+QTY): {rules_rate:,.0f} chars/s ({spans:,} spans, {rules_seconds:.1f} s)"
    )
    print(
        f"spaCy tokenizer:     {spacy_rate:,.0f} chars/s ({tokens:,} tokens, {spacy_seconds:.1f} s)"
    )
    print(f"ratio rules/spaCy:   {rules_rate / spacy_rate:.2f} (target >= 1.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
