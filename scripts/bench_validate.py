"""Benchmark validation of gold Documents on one core: the jsonschema-rs path against plain
jsonschema, in the same run.

Example: uv run python scripts/bench_validate.py
         uv run python scripts/bench_validate.py --documents 50000 --sample 500

The documents are the bundled gold documents (data/gold: about 3,000 characters and 50 spans
each), read once and validated over and over. Reported, in documents per second of CPU time
of this one process (steadier than wall time on a shared machine; wall time is shown too):

1. `corpus.validate.problems`: jsonschema-rs, then the cross-field invariants; what
   `corpus validate`, the release build and the pull run for every record;
2. jsonschema-rs alone (`fast_validator("document").is_valid`);
3. the cross-field invariants alone (`invariant_problems`);
4. spans on token boundaries alone (`corpus.token_boundaries.misaligned_spans`), which
   `corpus validate` adds to (1) for each gold file: the release build tokenizes anyway;
5. plain jsonschema: `schema_problems` (jsonschema's `iter_errors`) and the invariants, the
   same answer without the fast path, on a sample (it is a hundred times slower).

Target: (1) >= 20,000 documents/s on one core.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.records_io import read_json
from corpus.token_boundaries import misaligned_spans
from corpus.validate import fast_validator, invariant_problems, problems, schema_problems

ROOT = Path(__file__).resolve().parent.parent


def plain_problems(record: Any) -> Any:
    """What `problems` answers, with jsonschema checking every record."""
    return schema_problems(record) or invariant_problems(record)


def rate(check: Callable[[Any], Any], records: list[Any]) -> tuple[float, float]:
    """Documents per second of CPU time and of wall time."""
    cpu, wall = time.process_time(), time.perf_counter()
    for record in records:
        check(record)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return len(records) / cpu, len(records) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000, help="documents per run")
    parser.add_argument("--sample", type=int, default=300, help="documents for plain jsonschema")
    options = parser.parse_args()
    gold = [read_json(p) for p in sorted((ROOT / "data" / "gold").glob("*.json"))]
    records = [gold[i % len(gold)] for i in range(options.documents)]
    assert not any(problems(r) for r in gold), "the gold documents must be valid"
    runs: list[tuple[str, Callable[[Any], Any], list[Any]]] = [
        ("problems (jsonschema-rs + invariants)", problems, records),
        ("jsonschema-rs alone", fast_validator("document").is_valid, records),
        ("invariants alone", invariant_problems, records),
        ("token boundaries alone", misaligned_spans, records),
        ("plain jsonschema + invariants", plain_problems, records[: options.sample]),
    ]
    fastest = 0.0
    for name, check, batch in runs:
        per_cpu, per_wall = rate(check, batch)
        fastest = fastest or per_cpu
        print(f"{name:40} {per_cpu:>9,.0f} docs/s CPU  {per_wall:>9,.0f} docs/s wall")
    print(f"speed-up of problems over plain jsonschema: {fastest / per_cpu:,.0f}x")


if __name__ == "__main__":
    main()
