"""Benchmark validation and publishing on generated gold sets (default: 100,000 documents).

Example: uv run python scripts/bench_publish.py                 (100k documents)
         uv run python scripts/bench_publish.py --documents 10000 --keep /tmp/bench

The documents are the bundled gold documents (data/gold: real texts and hand-made spans,
about 3,000 characters and 50 spans each), each copy given its own id and a last
paragraph naming its number, so every document is distinct and valid. They are written as
a gold folder of `<id>.json` files, then:

1. `corpus publish` of the folder, in a child process: wall time and peak memory, as
   getrusage(RUSAGE_CHILDREN).ru_maxrss (the largest single process: the command or one of
   its workers) and as the largest sum of resident sets of the command and its workers
   (sampled from /proc every 0.2 s);
2. `corpus validate` over the folder (reading and parsing every file), in a child process;
3. validation in memory, on one core: `corpus.validate.problems` over 20,000 documents, and
   in the same run the plain jsonschema baseline (one
   `Draft202012Validator(schema).validate(record)` per document, validator built once) on
   1,000 of them, since it is about a hundred times slower.

Targets: validation >= 5,000 documents/s on one core; publishing 100k in under 2 minutes;
peak memory under 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.records import Document, Offsets, sha256_text
from corpus.records_io import read_json
from corpus.validate import problems, validator

ROOT = Path(__file__).resolve().parent.parent
BASELINE_SAMPLE = 1_000


def templates() -> list[Document]:
    return [
        Document.from_dict(read_json(p)) for p in sorted((ROOT / "data" / "gold").glob("*.json"))
    ]


def generated(template: Document, number: int) -> dict[str, Any]:
    """A distinct copy of `template`: its own id, and a last paragraph with its number
    (appended, so every span keeps its offsets)."""
    article = template.article
    extra = f"Dokumen uji nomor {number}."
    start = len(article.text) + 2
    text = f"{article.text}\n\n{extra}"
    record = template.to_dict()
    record["id"] = f"{article.id[:60]}-{number:08d}"
    record["text"] = text
    record["text_sha256"] = sha256_text(text)
    record["paragraphs"] = [*record["paragraphs"], Offsets(start, start + len(extra)).to_dict()]
    return record


def write_gold(folder: Path, count: int) -> int:
    folder.mkdir(parents=True)
    sources = templates()
    written = 0
    for number in range(count):
        record = generated(sources[number % len(sources)], number)
        blob = json.dumps(record, ensure_ascii=False, indent=2)
        (folder / f"{record['id']}.json").write_text(blob + "\n", encoding="utf-8")
        written += len(blob)
    return written


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} documents/s ({count:,} in {seconds:.1f} s)"


@dataclass(frozen=True)
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_total_mib: float  # largest sum of resident sets of the process and its workers


def _tree_rss_kib(pid: int) -> int:
    """Resident set size of a process and its descendants now (Linux /proc), in KiB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # the process ended meanwhile
    return total


def child(args: list[str], work: Path) -> Run:
    """Run `python -m corpus ARGS`, sampling the memory of its process tree every 0.2 s."""
    out, err = work / "child.out", work / "child.err"
    start = time.perf_counter()
    peak_total = 0
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "corpus", *args], stdout=stdout, stderr=stderr
        )
        while True:
            pid, status = os.waitpid(process.pid, os.WNOHANG)
            if pid:
                break
            peak_total = max(peak_total, _tree_rss_kib(process.pid))
            time.sleep(0.2)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        seconds,
        process.returncode,
        out.read_text(),
        err.read_text(),
        peak_total / 1024,
    )


def bench_publish(gold: Path, out: Path, work: Path, documents: int, workers: int | None) -> None:
    """Time `corpus publish` of the gold folder and print its peak memory and figures. Run
    it first: this process is still small, and a child's ru_maxrss starts from the size of
    the process it was forked from."""
    publish = ["publish", "--version", "1.0.0", "--gold", str(gold), "--out", str(out)]
    if workers:
        publish += ["--workers", str(workers)]
    run = child(publish, work)
    assert run.returncode == 0, run.stderr[-2000:]
    largest_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = json.loads(run.stdout)
    release = Path(report["path"])
    data = sum(p.stat().st_size for p in release.rglob("*.parquet"))
    print(f"corpus publish:                        {rate(documents, run.seconds)}")
    print(
        f"  peak memory: {largest_mib:,.0f} MiB for the largest process "
        "(getrusage RUSAGE_CHILDREN ru_maxrss), "
        f"{run.peak_total_mib:,.0f} MiB for the process and its workers together (sampled)"
    )
    print(f"  release {release}: {data / 1e6:,.0f} MB of Parquet")
    for split, figures in report["figures"].items():
        print(f"  {split:10} {figures['documents']:>7,} documents {figures['tokens']:>11,} tokens")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--workers", type=int, help="passed to corpus publish")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="newsgold-bench-"))
    gold, out = work / "gold", work / "dist"
    try:
        start = time.perf_counter()
        size = write_gold(gold, options.documents)
        print(
            f"generated {options.documents:,} documents ({size / 1e6:,.0f} MB of JSON) "
            f"in {time.perf_counter() - start:.1f} s"
        )

        # 1. `corpus publish`, first (see bench_publish).
        bench_publish(gold, out, work, options.documents, options.workers)

        # 2. `corpus validate` over the files (read + parse + validate), one process.
        run = child(["validate", str(gold)], work)
        assert run.returncode == 0, run.stderr[-2000:]
        print(f"corpus validate (files):               {rate(options.documents, run.seconds)}")

        # 3. Validation in memory, one core: parse first, so only validation is timed.
        files = sorted(gold.glob("*.json"))
        records = [read_json(p) for p in files[:20_000]]
        start = time.perf_counter()
        bad = sum(bool(problems(r)) for r in records)
        ours = time.perf_counter() - start
        assert bad == 0, "generated documents must be valid"
        # The baseline: jsonschema's Draft202012Validator for our schema, built once.
        plain = validator("document")
        sample = records[:BASELINE_SAMPLE]
        start = time.perf_counter()
        for record in sample:
            plain.validate(record)
        baseline = time.perf_counter() - start
        print(f"validation, corpus.validate.problems:  {rate(len(records), ours)}")
        print(f"validation, jsonschema .validate:      {rate(len(sample), baseline)}")
        print(
            f"  speed-up {(len(records) / ours) / (len(sample) / baseline):,.0f}x "
            "(problems() also checks the cross-field invariants)"
        )
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
