"""Crawl-scale benchmark: a generated crawl through the plain loop and the crawl pipeline.

Generates (once, into --crawl DIR) a crawl of --pages pages as WARC.gz with its truth
(scripts/crawl_synth.py: invented outlets, syndicated and re-published copies, non-articles,
non-Indonesian pages), then runs over the same pages:

    loop         the plain single-process loop: read, parse, pre-annotate (no output)
    pipeline-1   `annotate crawl` with the local executor, one worker
    pipeline-2   the local executor, two workers
    ray-2        the Ray executor on both cores
    dedup        near-duplicate clustering alone (signature + Clusters over the parsed
                 texts), against the generator's truth

Each run is a process of its own. For each it prints pages/s and MB/s (compressed WARC bytes)
of wall time, peak memory, the scaling ratio (pages/s over pipeline-1's) and duplicate
recall/precision against the truth (the plain loop finds no duplicates). Peak memory is the
OS's resident set size, not tracemalloc's Python-only count: "tree" is the largest sum over
the run's process and all its descendants (its local or Ray workers), sampled from /proc
every SAMPLE seconds; "driver" is the run's own process, resource.getrusage(RUSAGE_SELF)
(exact, not sampled). The dedup-only figures are this process's CPU time and maximum RSS.

Recall: of the pages that copy a story already seen, the share marked as a duplicate of a
page of the same story. Precision: of the pages marked as duplicates, the share whose
canonical page is of the same story. Target: recall >= 0.95 at precision >= 0.98.

--measure prints the similarity of each kind of copy to its original and of distinct stories
on one topic, for several shingle sizes: what docs/scale.md's threshold rests on. Parsed
texts are cached in DIR/parsed.jsonl, so measuring again does not parse again.

--overhead runs only the loop and pipeline-1, file by file in turns (--repeat N times each,
the best counts; bench_overhead): the one-worker overhead on a machine whose speed drifts
between the table's runs. With --together the two run at the same time, one per core, so a
slow or fast spell of the machine falls on both alike.

--index-pages N grows the duplicate index alone to N canonical pages (random signatures) and
prints this process's peak RSS and the index file's size as it grows: the driver's memory
does not grow with the crawl.

Example: uv run python scripts/bench_crawl.py --crawl /tmp/crawl --pages 20000
         uv run python scripts/bench_crawl.py --crawl /tmp/crawl --overhead
         uv run python scripts/bench_crawl.py --crawl /tmp/idx --index-pages 300000
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import itertools
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # no stubs

from annotate.crawl.dedup import (
    NUM_PERM,
    SHINGLE,
    THRESHOLD,
    Clusters,
    exact_key,
    signature,
    similarity,
)
from corpus.errors import NewsgoldError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_synth import write_crawl  # a sibling script, found once the path is set

Truth = dict[str, dict[str, object]]


def warc_files(crawl: Path) -> list[Path]:
    return sorted(crawl.glob("*.warc.gz"))


def read_truth(crawl: Path) -> Truth:
    with (crawl / "truth.jsonl").open(encoding="utf-8") as f:
        return {row["url"]: row for row in map(json.loads, f)}


def iter_pages(crawl: Path) -> Iterator[tuple[str, bytes]]:
    """(url, HTML bytes) of every response record, files in name order."""
    for path in warc_files(crawl):
        with path.open("rb") as f:
            for record in ArchiveIterator(f):
                if record.rec_type == "response":
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    yield url, record.content_stream().read()


def parsed_texts(crawl: Path, truth: Truth, limit: int | None = None) -> dict[str, str]:
    """Parsed text (title + body) of the Indonesian article pages among the first `limit`
    pages (all when None), cached in parsed.jsonl (delete it to parse again)."""
    from annotate.parse import parse_bytes

    cache = crawl / "parsed.jsonl"
    if cache.exists():
        with cache.open(encoding="utf-8") as f:
            return {row["url"]: row["text"] for row in map(json.loads, f)}
    texts: dict[str, str] = {}
    partial = cache.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for url, body in itertools.islice(iter_pages(crawl), limit):
            if truth[url]["kind"] != "article":
                continue
            try:
                texts[url] = parse_bytes(body, source=url, url=url).text
            except NewsgoldError as e:
                print(f"{url}: not parsed: {e}", file=sys.stderr)
                continue
            out.write(json.dumps({"url": url, "text": texts[url]}, ensure_ascii=False) + "\n")
    partial.rename(cache)
    return texts


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    expected: int
    marked: int


def score(predicted: dict[str, str | None], truth: Truth) -> Score:
    """Duplicate recall and precision of `predicted` (url -> canonical url) by story."""
    seen: set[object] = set()
    expected = found = marked = right = 0
    for url, canonical in predicted.items():
        story = truth[url]["story"]
        if story is None:  # a page of no story kept as an article: any match is wrong
            marked += canonical is not None
            continue
        if story in seen:
            expected += 1
            found += canonical is not None and truth[canonical]["story"] == story
        seen.add(story)
        if canonical is not None:
            marked += 1
            right += truth[canonical]["story"] == story
    return Score(found / max(expected, 1), right / max(marked, 1), expected, marked)


def run_dedup(
    texts: dict[str, str], *, threshold: float = THRESHOLD, size: int = SHINGLE
) -> tuple[dict[str, str | None], float]:
    """Cluster the texts in order; the url -> canonical url map and the CPU seconds it took
    (this process's CPU time: the machine may be shared, the clustering is single-threaded)."""
    start = time.process_time()
    clusters = Clusters(threshold=threshold)
    predicted = {
        url: clusters.add(url, signature(text, size=size), exact_key(text))
        for url, text in texts.items()
    }
    return predicted, time.process_time() - start


def measure(texts: dict[str, str], truth: Truth, sizes: list[int], seed: int) -> None:
    """Similarity of copies to their originals, and of distinct stories on one topic."""
    first: dict[object, str] = {}
    by_topic: dict[object, list[str]] = defaultdict(list)
    for url in texts:
        story = truth[url]["story"]
        if story not in first:
            first[story] = url
            by_topic[truth[url]["topic"]].append(url)
    rng = random.Random(seed)
    distinct = []
    for urls in by_topic.values():
        distinct += [tuple(rng.sample(urls, 2)) for _ in range(min(2000, len(urls)))]
    for size in sizes:
        sig = {url: signature(text, size=size) for url, text in texts.items()}
        pairs: dict[str, list[float]] = defaultdict(list)
        for url in texts:
            original = first[truth[url]["story"]]
            if original != url:
                pairs[str(truth[url]["variant"])].append(similarity(sig[url], sig[original]))
        other = sorted(similarity(sig[a], sig[b]) for a, b in distinct)
        print(f"shingle {size}: copies (n, min, 1st pct, median) / distinct same-topic pairs")
        for variant, values in sorted(pairs.items()):
            values.sort()
            pct = values[len(values) // 100]
            print(f"  {variant:22} {len(values):6} {values[0]:.3f} {pct:.3f} "
                  f"{statistics.median(values):.3f}")  # fmt: skip
        top = other[int(len(other) * 0.999)]
        print(f"  {'distinct':22} {len(other):6} max {other[-1]:.3f} 99.9 pct {top:.3f} "
              f"median {statistics.median(other):.3f}")  # fmt: skip


def bench_dedup(texts: dict[str, str], truth: Truth, thresholds: list[float]) -> None:
    for threshold in thresholds:
        predicted, seconds = run_dedup(texts, threshold=threshold)
        s = score(predicted, truth)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"dedup threshold {threshold:.2f}: recall {s.recall:.4f} ({s.expected} copies), "
              f"precision {s.precision:.4f} ({s.marked} marked), {len(texts) / seconds:,.0f} "
              f"pages/s per core (signature, exact key, clusters), "
              f"peak RSS {peak:,.0f} MiB")  # fmt: skip


def bench_index(pages: int, folder: Path, seed: int) -> None:
    """The duplicate index alone, as a crawl of `pages` canonical pages grows it: random
    signatures (every page its own cluster, the index's worst case) added to Clusters in a
    scratch file; this process's peak RSS and the file's size at each tenth."""
    import numpy as np

    rng = np.random.default_rng(seed)
    path = folder / "index-bench.sqlite"
    path.unlink(missing_ok=True)
    start = time.process_time()
    with Clusters(path=path) as clusters:
        for i in range(pages):
            values = rng.integers(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
            # Clusters reads a signature's hash values only.
            page = SimpleNamespace(hashvalues=values)
            clusters.add(f"page-{i}", page, f"{i:064x}")
            if (i + 1) % max(1, pages // 10) == 0:
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                rate = (i + 1) / (time.process_time() - start)
                size = path.stat().st_size / 2**20
                print(f"index: {i + 1:>9,} canonical pages, peak RSS {peak:,.0f} MiB, "
                      f"file {size:,.0f} MiB, {rate:,.0f} adds/s CPU")  # fmt: skip
    path.unlink()


# --- the runs: the one place that calls the crawl pipeline (annotate.crawl) ------------------

COLUMNS = ["url", "id", "reason", "duplicate_of"]
SAMPLE = 0.2


def crawl_module(name: str) -> Any:
    """A module of the crawl pipeline (annotate.crawl.NAME), looked up when a run starts."""
    return importlib.import_module(f"annotate.crawl.{name}")


RUNS = {"loop": None, "pipeline-1": ("local", 1), "pipeline-2": ("local", 2), "ray-2": ("ray", 2)}


def run_loop(inputs: list[str], out: Path) -> dict[str, str | None] | None:
    """The plain loop (annotate.crawl.baseline: read, parse, pre-annotate, in this process);
    it finds no duplicates, so there is nothing to score."""
    crawl_module("baseline").plain_loop(inputs)
    return None


def run_pipeline(
    inputs: list[str], out: Path, executor: str, workers: int
) -> dict[str, str | None]:
    """`annotate crawl` on the executor; url -> canonical url of the kept pages."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # pyarrow ships no stubs

    crawl_module("pipeline").crawl(inputs, out, executor=executor, workers=workers)
    rows = [
        row
        for shard in sorted(out.glob("shard-*.parquet"))
        for row in pq.read_table(shard, columns=COLUMNS).to_pylist()
        if row["reason"] is None
    ]
    urls: dict[str, str] = {}
    for row in rows:
        urls.setdefault(row["id"], row["url"])
    return {r["url"]: None if r["duplicate_of"] is None else urls[r["duplicate_of"]] for r in rows}


def run_one(name: str, crawl_dir: Path, out: Path, only: str | None = None) -> None:
    """One run, in this (fresh) process, over the crawl (or only its file named `only`): its
    predictions and figures go to OUT/result.json."""
    out.mkdir(parents=True, exist_ok=True)
    inputs = [str(p) for p in warc_files(crawl_dir) if only is None or p.name == only]
    start = time.perf_counter()
    spec = RUNS[name]
    predicted = run_loop(inputs, out) if spec is None else run_pipeline(inputs, out, *spec)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"seconds": seconds, "peak_self_mib": own, "predicted": predicted}
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")


def bench_runs(crawl_dir: Path, work: Path, names: list[str], truth: Truth) -> None:
    """Each run in a process of its own (so peak memory is that run's), then the table."""
    pages = len(truth)
    size = sum(p.stat().st_size for p in warc_files(crawl_dir)) / 1e6
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"{pages} pages, {size:.1f} MB of WARC.gz; load average {load}")
    print("run         pages/s   MB/s  tree MiB  driver MiB  x pipeline-1  recall  precision")
    rates: dict[str, float] = {}
    for name in names:
        out = work / name
        if out.exists():
            shutil.rmtree(out)
        command = [sys.executable, __file__, "--crawl", str(crawl_dir), "--run", name]
        peak = run_sampled([*command, "--out", str(out)])
        if peak is None:
            print(f"{name:10} failed (its error is above)")
            continue
        result = json.loads((out / "result.json").read_text(encoding="utf-8"))
        rates[name] = pages / result["seconds"]
        ratio = rates[name] / rates["pipeline-1"] if "pipeline-1" in rates else float("nan")
        found = "       -        -"
        if result["predicted"] is not None:
            s = score(result["predicted"], truth)
            found = f"  {s.recall:.4f}  {s.precision:.4f}"
        print(f"{name:10} {rates[name]:8.1f} {size / result['seconds']:6.2f} "
              f"{peak / 2**20:9,.0f} {result['peak_self_mib']:11,.0f}"
              f"{'':4} {ratio:9.2f}{found}")  # fmt: skip
    if "loop" in rates and "pipeline-1" in rates:
        overhead = rates["loop"] / rates["pipeline-1"] - 1
        print(f"pipeline-1 overhead over the plain loop: {overhead:+.1%}")
    runs = [n for n in names if n != "loop" and (work / n / "result.json").exists()]
    print(f"shards byte-identical across {', '.join(runs)}: {identical_shards(work, runs)}")


def bench_overhead(crawl_dir: Path, work: Path, repeat: int, *, together: bool = False) -> None:
    """pipeline-1 against the loop in turns: for each WARC file, both in fresh processes one
    after the other, `repeat` times, the order swapped each time (loop first, then pipeline
    first), so a machine that runs faster or slower for a while weighs on both alike; each
    run's fastest time per file counts (as timeit takes the best of its repeats: a slower
    run is the machine, not the code). The full runs of the table are minutes apart, and
    this machine's speed drifts by more than the margin between them.

    `together`: the loop and pipeline-1 start at the same moment, each on a core of its own
    (each is one process doing one core's work), so a drift of the machine's speed, which
    moves 20-30% within minutes here, falls on both at once instead of on whichever ran
    then."""
    best = {"loop": 0.0, "pipeline-1": 0.0}
    print("file                  loop s (each)        pipeline-1 s (each)  overhead (best)")
    turn = 0
    for path in warc_files(crawl_dir):
        took: dict[str, list[float]] = {"loop": [], "pipeline-1": []}
        for _ in range(repeat):
            names = ("loop", "pipeline-1") if turn % 2 == 0 else ("pipeline-1", "loop")
            outs = {name: work / "overhead" / f"{name}-{turn}" for name in names}
            commands = []
            for name, out in outs.items():
                shutil.rmtree(out, ignore_errors=True)
                command = [sys.executable, __file__, "--crawl", str(crawl_dir), "--run", name]
                commands.append([*command, "--out", str(out), "--only", path.name])
            if together:
                running = [subprocess.Popen(command) for command in commands]
                if any(process.wait() for process in running):
                    raise SystemExit(f"a run on {path.name} failed")
            else:
                for command in commands:
                    subprocess.run(command, check=True)
            for name, out in outs.items():
                result = json.loads((out / "result.json").read_text(encoding="utf-8"))
                took[name].append(result["seconds"])
            turn += 1
        loop, pipeline = min(took["loop"]), min(took["pipeline-1"])
        best["loop"] += loop
        best["pipeline-1"] += pipeline
        each = {name: " ".join(f"{t:.1f}" for t in times) for name, times in took.items()}
        print(f"{path.name:20} {each['loop']:20} {each['pipeline-1']:20} "
              f"{pipeline / loop - 1:+9.1%}")  # fmt: skip
    print(f"{'all files (best)':20} {best['loop']:<20.1f} {best['pipeline-1']:<20.1f} "
          f"{best['pipeline-1'] / best['loop'] - 1:+9.1%}")  # fmt: skip


def tree_rss(pid: int) -> int:
    """Resident bytes of the process and all its descendants (Linux /proc; 0 once gone)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        rss = next(
            (line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")), "0"
        )
        total += int(rss) * 1024
    return total


def run_sampled(command: list[str]) -> int | None:
    """Run the command to its end; the peak resident bytes of its process tree, sampled
    every SAMPLE seconds (the pipeline's workers, local or Ray, are its descendants), or
    None when it failed."""
    peak = 0
    with subprocess.Popen(command) as process:
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(SAMPLE)
    return None if process.returncode else peak


def identical_shards(work: Path, runs: list[str]) -> bool:
    """Whether the runs wrote the same shard files, byte for byte."""
    digests = [
        [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("shard-*.parquet"))]
        for out in (work / run for run in runs)
    ]
    return all(d == digests[0] for d in digests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crawl", type=Path, required=True, help="folder of the generated crawl")
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--measure", action="store_true", help="similarities per kind of copy")
    parser.add_argument("--dedup-only", action="store_true", help="skip the pipeline runs")
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--parse-limit", type=int, help="parse only the first N pages for dedup")
    parser.add_argument("--runs", default=",".join(RUNS), help="which runs, comma-separated")
    parser.add_argument(
        "--index-pages", type=int, help="only grow the duplicate index to N random pages"
    )
    parser.add_argument("--work", type=Path, help="folder for the runs' outputs [CRAWL/runs]")
    parser.add_argument(
        "--overhead", action="store_true", help="only pipeline-1 against the loop, in turns"
    )
    parser.add_argument("--repeat", type=int, default=1, help="--overhead: runs per file")
    parser.add_argument(
        "--together", action="store_true", help="--overhead: run both at once, a core each"
    )
    parser.add_argument("--run", choices=list(RUNS), help=argparse.SUPPRESS)  # one run, internal
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)  # one WARC file of the crawl
    args = parser.parse_args()
    if args.run:
        run_one(args.run, args.crawl, args.out, args.only)
        return
    if args.index_pages:
        args.crawl.mkdir(parents=True, exist_ok=True)
        bench_index(args.index_pages, args.crawl, args.seed)
        return
    if not warc_files(args.crawl):
        size = write_crawl(args.pages, args.seed, args.crawl, files=4)
        print(f"generated {args.pages} pages, {size / 1e6:.1f} MB, in {args.crawl}")
    truth = read_truth(args.crawl)
    work = args.work or args.crawl / "runs"
    if args.overhead:
        bench_overhead(args.crawl, work, args.repeat, together=args.together)
        return
    if not args.dedup_only:
        bench_runs(args.crawl, work, args.runs.split(","), truth)
        return
    texts = parsed_texts(args.crawl, truth, args.parse_limit)
    if args.measure:
        measure(texts, truth, [3, 4, 5, 7], args.seed)
    bench_dedup(texts, truth, args.threshold or [THRESHOLD])


if __name__ == "__main__":
    main()
