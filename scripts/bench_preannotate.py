"""Pre-annotation throughput per core, with spaCy's Indonesian tokenizer as a yardstick.

Builds a corpus of at least --megabytes of Indonesian news text by repeating the bundled
articles' canonical texts with variations (paragraphs rotated, names and numbers changed,
so no two texts are equal and no cache keyed on a text helps), then, in one process pinned
to one core, times article by article over the same texts:

    PER+ORG            the two entity rules (they share the capitalised runs of a text)
    QTY                the quantity rules
    STANCE             the stance rules, given the entities `preannotate` keeps
    preannotate() PER+ORG+QTY   the rules plus overlap resolution and the Document
    preannotate() all           PER+ORG+QTY+STANCE, what `annotate preannotate` runs
    spaCy tokenizer    `spacy.blank("id").tokenizer`, the reference: the rules should be
                       no slower than tokenising

Time is this process's CPU time (`time.process_time`), not the wall clock, so the
numbers mean chars per second of one busy core even on a machine shared with other work;
the whole interleaved pass runs --repeat times and each step keeps its fastest pass (the
same for every step, spaCy included), which takes out most of the rest of the noise.
Prints chars/s per core for each, and each as a multiple of spaCy's; the target for
PER+ORG+QTY is >= 3 MB/s per core in plain Python (scale comes from running the crawl
pipeline on every core). --profile FILE profiles preannotate() over the corpus instead
(PER+ORG+QTY; with --stance every family) and prints own time by module and the top
functions.

--model DIR also times `preannotate()` all with a trained model (`annotate train`); its
target is >= 1 MB/s per core.

Example: uv run python scripts/bench_preannotate.py --megabytes 10 --repeat 3
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotate.preannotate import EntityModel, article_from_text, load_model, preannotate
from annotate.rules import DEFAULT, ENTITY_RULES, QUANTITY_RULES, STANCE_RULES
from annotate.sources import parse_paths
from corpus.errors import NewsgoldError
from corpus.records import Article, Entity

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
PER, ORG, QTY, STANCE = "per.rules.v1", "org.rules.v1", "qty.rules.v1", "stance.rules.v1"
NER = (PER, ORG, QTY)
TARGET = 3_000_000  # chars/s per core for PER+ORG+QTY
PER_TEXT_CACHE_SIZE = 64
"""lru_caches of at most this many entries in the rule modules are per-text caches (the
last few texts' capitalised runs and candidates); larger ones cache words, which a long
crawl keeps warm too."""
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


def per_text_caches() -> list[Any]:
    """The rule modules' per-text caches (see PER_TEXT_CACHE_SIZE), found by looking, so the
    benchmark follows the rules as they are split and renamed."""
    caches = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("annotate.rules") or module is None:
            continue
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is None or getattr(value, "__module__", None) != name:
                continue
            maxsize = parameters()["maxsize"]
            if maxsize is not None and maxsize <= PER_TEXT_CACHE_SIZE:
                caches.append(value)
    return caches


def one_pass(
    corpus: list[Article],
    entities: list[tuple[Entity, ...]],
    tokenize: Callable[[str], object],
    caches: list[Any],
    model: EntityModel | None = None,
) -> dict[str, float]:
    """Seconds per step over the corpus, article by article, the steps alternating; every
    step starts with the per-text caches cleared, so none rides on another's work."""
    per, org, qty = ENTITY_RULES[PER], ENTITY_RULES[ORG], QUANTITY_RULES[QTY]
    stance = STANCE_RULES[STANCE]
    steps = ("entities", "quantities", "stances", "ner", "all", "spacy", "model")
    seconds = dict.fromkeys(steps, 0.0)
    clock = time.process_time  # CPU seconds: waiting for a busy core is not counted

    def clear() -> None:
        for cached in caches:
            cached.cache_clear()

    for article, kept in zip(corpus, entities, strict=True):
        text = article.text
        clear()
        t0 = clock()
        per(text)
        org(text)
        t1 = clock()
        qty(text)
        t2 = clock()
        clear()
        t3 = clock()
        stance(text, kept)
        t4 = clock()
        clear()
        t5 = clock()
        preannotate(article, annotators=NER)
        t6 = clock()
        clear()
        t7 = clock()
        preannotate(article, annotators=DEFAULT)
        t8 = clock()
        tokenize(text)
        t9 = clock()
        if model is not None:
            clear()
            t10 = clock()
            preannotate(article, annotators=DEFAULT, model=model)
            seconds["model"] += clock() - t10
        seconds["entities"] += t1 - t0
        seconds["quantities"] += t2 - t1
        seconds["stances"] += t4 - t3
        seconds["ner"] += t6 - t5
        seconds["all"] += t8 - t7
        seconds["spacy"] += t9 - t8
    return seconds


def module_of(filename: str) -> str:
    """A profiled function's file, relative to the repository when it is ours."""
    path = Path(filename)
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else path.name


def own_time_by_module(stats: pstats.Stats) -> dict[str, float]:
    """Own CPU seconds per file; the time of built-in functions (regex matching, `len`, str
    methods) and of the standard library is charged to the file that called them, so each
    rule module's total says what its code costs."""
    seconds: dict[str, float] = {}
    # pstats keeps, per function, (calls, primitive calls, own, cumulative, callers) and,
    # per caller, the same numbers restricted to calls from that caller.
    entries = stats.stats.items()  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, own, _, callers) in entries:
        ours = Path(filename).is_relative_to(REPO)
        if ours or not callers:
            seconds[module_of(filename)] = seconds.get(module_of(filename), 0.0) + own
            continue
        for (caller_file, _, _), (_, _, own_from_caller, _) in callers.items():
            where = module_of(caller_file)
            seconds[where] = seconds.get(where, 0.0) + own_from_caller
    return seconds


def profile(corpus: list[Article], out: Path, top: int, annotators: tuple[str, ...]) -> None:
    """cProfile of preannotate() with `annotators` over the corpus, in CPU time, after a
    warm-up (imports, compiled patterns, gazetteers): own time by module, then the top
    functions by own time and by time including callees, to stdout; the raw profile to
    `out`."""
    for article in corpus[:20]:
        preannotate(article, annotators=annotators)
    profiler = cProfile.Profile(time.process_time)  # CPU time, as the timings
    profiler.enable()
    for article in corpus:
        preannotate(article, annotators=annotators)
    profiler.disable()
    profiler.dump_stats(out)
    stats = pstats.Stats(profiler)
    by_module = own_time_by_module(stats)
    total = sum(by_module.values())
    print(f"own CPU time by module, built-ins charged to their caller ({', '.join(annotators)}):")
    for where, seconds in sorted(by_module.items(), key=lambda item: -item[1])[:top]:
        print(f"  {seconds / total:6.1%}  {seconds:7.2f} s  {where}")
    stats.strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    print(f"raw profile: {out} (python -m pstats {out})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0, help="corpus size (default 10)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes; each step keeps its fastest (default 3)"
    )
    parser.add_argument(
        "--profile", type=Path, metavar="FILE", help="profile preannotate() into FILE instead"
    )
    parser.add_argument("--top", type=int, default=30, help="functions --profile lists (30)")
    parser.add_argument(
        "--stance", action="store_true", help="--profile every family, not only PER+ORG+QTY"
    )
    parser.add_argument(
        "--model", type=Path, metavar="DIR", help="also time preannotate() all with this model"
    )
    args = parser.parse_args()
    model = load_model(args.model) if args.model else None
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised

    corpus = build_corpus(args.megabytes)
    chars = sum(len(a.text) for a in corpus)
    if args.profile:
        profile(corpus, args.profile, args.top, DEFAULT if args.stance else NER)
        return 0

    import spacy  # dev dependency; imported here so --help stays fast

    tokenizer = spacy.blank("id").tokenizer
    # Warm up (gazetteers, compiled patterns, spaCy's vocabulary cache) and keep, for the
    # STANCE step, the entities preannotate() hands the stance rules.
    documents = [preannotate(article, annotators=DEFAULT) for article in corpus]
    entities = [doc.entities for doc in documents]
    for article in corpus[:20]:
        tokenizer(article.text)
    caches = per_text_caches()
    passes = [
        one_pass(corpus, entities, tokenizer, caches, model) for _ in range(max(1, args.repeat))
    ]
    seconds = {step: min(p[step] for p in passes) for step in passes[0]}
    rate = {step: chars / s for step, s in seconds.items() if s > 0}
    rules = chars / (seconds["entities"] + seconds["quantities"])
    spans = sum(len(d.entities) + len(d.quantities) for d in documents)
    stances = sum(len(d.stances) for d in documents)
    tokens = sum(len(tokenizer(a.text)) for a in corpus)
    spacy_rate = rate["spacy"]

    def row(label: str, per_second: float, note: str = "") -> None:
        print(
            f"{label:<28}{per_second:>13,.0f} chars/s  {per_second / spacy_rate:5.2f}x spaCy{note}"
        )

    print(
        f"corpus: {len(corpus):,} texts, {chars / 1e6:.1f} M chars; one process on one core, "
        f"fastest of {len(passes)} passes; plain Python rules"
    )
    row("PER+ORG rules", rate["entities"])
    row("QTY rules", rate["quantities"])
    row("STANCE rules", rate["stances"], f"  ({stances:,} stances)")
    row("PER+ORG+QTY rules", rules, f"  (target >= {TARGET / 1e6:.0f} MB/s per core)")
    row("preannotate() PER+ORG+QTY", rate["ner"], f"  ({spans:,} spans)")
    row("preannotate() all", rate["all"], "  (PER+ORG+QTY+STANCE)")
    row("spaCy blank('id') tokenizer", spacy_rate, f"  ({tokens:,} tokens)")
    if model is not None:
        row(f"preannotate() all + {model.name}", rate["model"], "  (target >= 1 MB/s per core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
