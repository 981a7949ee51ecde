"""Throughput of the PER+ORG+QTY pre-annotators against spaCy's Indonesian tokenizer.

Builds a corpus of at least --megabytes of Indonesian news text by repeating the bundled
articles' canonical texts with variations (paragraphs rotated, names and numbers changed,
so no two texts are equal and no cache keyed on a text helps), then, on one core and in
the same run, times the PER, ORG and QTY rules, `preannotate` with them (the rules plus
overlap resolution and the Document), and `spacy.blank("id").tokenizer`, article by article
over the same texts. The whole interleaved pass runs --repeat times and each step keeps its
fastest pass (the same for every step, spaCy included), which takes most of the noise of a
shared machine out. Prints chars/s for each and the ratios (the target is a ratio >= 1.0:
the rules no slower than tokenising). It says whether the rules ran compiled (mypyc, see
annotate/rules/compiled.py; the same output) or as plain Python (NEWSGOLD_PURE_RULES=1).

Example: uv run python scripts/bench_preannotate.py --megabytes 10 --repeat 3
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotate.preannotate import article_from_text, preannotate
from annotate.rules import COMPILED, ENTITY_RULES, QUANTITY_RULES, capitals, compiled, org, person
from annotate.sources import parse_paths
from corpus.errors import NewsgoldError
from corpus.records import Article

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
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


def clear_caches() -> None:
    """Forget the per-text caches the rules keep (the last few texts' capitalised runs and
    candidates), so every timed step starts cold on its text."""
    capitals.runs.cache_clear()
    org.org_finds.cache_clear()
    person.person_spans.cache_clear()


def one_pass(corpus: list[Article], tokenize: Callable[[str], object]) -> dict[str, float]:
    """Seconds per step over the corpus, article by article, the steps alternating."""
    per, org_rule = ENTITY_RULES[ANNOTATORS[0]], ENTITY_RULES[ANNOTATORS[1]]
    qty = QUANTITY_RULES[ANNOTATORS[2]]
    seconds = dict.fromkeys(("entities", "quantities", "pipeline", "spacy"), 0.0)
    clock = time.perf_counter
    for article in corpus:
        text = article.text
        clear_caches()
        t0 = clock()
        per(text)
        org_rule(text)
        t1 = clock()
        qty(text)
        t2 = clock()
        clear_caches()
        t3 = clock()
        preannotate(article, annotators=ANNOTATORS)
        t4 = clock()
        tokenize(text)
        t5 = clock()
        seconds["entities"] += t1 - t0
        seconds["quantities"] += t2 - t1
        seconds["pipeline"] += t4 - t3
        seconds["spacy"] += t5 - t4
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0, help="corpus size (default 10)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes; each step keeps its fastest (default 3)"
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised

    import spacy  # dev dependency; imported here so --help stays fast

    corpus = build_corpus(args.megabytes)
    chars = sum(len(a.text) for a in corpus)
    tokenizer = spacy.blank("id").tokenizer
    # Warm everything up (gazetteers, compiled patterns, spaCy's vocabulary cache) on a slice,
    # then time article by article, alternating, so that a load spike on a shared machine
    # hits all steps alike instead of whichever happened to run at that moment.
    for article in corpus[:20]:
        preannotate(article, annotators=ANNOTATORS)
        tokenizer(article.text)
    passes = [one_pass(corpus, tokenizer) for _ in range(max(1, args.repeat))]
    seconds = {step: min(p[step] for p in passes) for step in passes[0]}
    spans = tokens = 0
    for article in corpus:
        doc = preannotate(article, annotators=ANNOTATORS)
        spans += len(doc.entities) + len(doc.quantities)
        tokens += len(tokenizer(article.text))

    rate = {step: chars / s for step, s in seconds.items()}
    rules = chars / (seconds["entities"] + seconds["quantities"])
    print(
        f"corpus: {len(corpus):,} texts, {chars / 1e6:.1f} M chars, one core, "
        f"fastest of {len(passes)} passes"
    )
    if COMPILED:
        print(f"rules: compiled with mypyc ({compiled.build_dir().relative_to(REPO)})")
    else:
        print(
            "rules: plain Python (no build for these sources, or NEWSGOLD_PURE_RULES set; "
            "scripts/build_rules.py makes one)"
        )
    print(f"PER+ORG rules:            {rate['entities']:>12,.0f} chars/s")
    print(f"QTY rules:                {rate['quantities']:>12,.0f} chars/s")
    print(f"PER+ORG+QTY rules:        {rules:>12,.0f} chars/s")
    print(f"preannotate() PER+ORG+QTY {rate['pipeline']:>12,.0f} chars/s ({spans:,} spans)")
    print(f"spaCy blank('id') tokenizer {rate['spacy']:>10,.0f} chars/s ({tokens:,} tokens)")
    print(f"ratio PER+ORG+QTY / spaCy:    {rules / rate['spacy']:.2f} (target >= 1.0)")
    print(f"ratio preannotate() / spaCy:  {rate['pipeline'] / rate['spacy']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
