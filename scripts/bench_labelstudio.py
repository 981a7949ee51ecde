"""Measure the Label Studio round trip: server start (first and warm), push and pull of N tasks.

Example: uv run python scripts/bench_labelstudio.py --tasks 1000
         uv run python scripts/bench_labelstudio.py --home .labelstudio-test   (reuse a venv/db)

A fresh home (the default: a temporary folder) measures the first start with its database
migrations; the venv install is timed apart (it is fast with a warm uv cache). The N
Documents are the bundled gold Documents repeated with distinct article ids. For the pull,
the same Documents are imported with one submitted annotation each (as if reviewed).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ParamSpec, TypeVar

from annotate.labelstudio import server
from annotate.labelstudio.client import Client
from annotate.labelstudio.config import instructions, label_config
from annotate.labelstudio.convert import document_result, document_to_task
from annotate.labelstudio.pull import pull_annotations
from annotate.labelstudio.push import existing_tasks, push_tasks
from corpus.records import Document
from corpus.records_io import gold_files, read_json

REPO = Path(__file__).resolve().parent.parent
P = ParamSpec("P")
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def documents(n: int) -> list[Document]:
    gold = [Document.from_dict(read_json(p)) for p in gold_files(REPO / "data" / "gold")]
    return [
        replace(d, article=replace(d.article, id=f"{d.id}-b{i:05d}"))
        for i, d in zip(range(n), itertools.cycle(gold), strict=False)
    ]


def timed(
    label: str, results: dict[str, float], fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T:
    began = time.perf_counter()
    value = fn(*args, **kwargs)
    results[label] = time.perf_counter() - began
    print(f"{label:<40} {results[label]:8.2f} s", file=sys.stderr)
    return value


def start_twice(home: Path, results: dict[str, float]) -> server.ServerInfo:
    """Install, start (first or existing database), stop, start again (warm); the server."""
    timed("install (uv, label-studio venv)", results, server.ensure_installed, home)
    fresh = not (home / "data" / "label_studio.sqlite3").exists()
    label = "first start (migrations)" if fresh else "start (existing database)"
    timed(label, results, server.start, home, port=free_port(), timeout=900)
    server.stop(home)
    # A new free port: the old one may be taken meanwhile (it lies in the ephemeral range).
    return timed("warm start", results, server.start, home, port=free_port(), timeout=300)


def bench_push(
    client: Client, docs: list[Document], title: str, batch_size: int, results: dict[str, float]
) -> None:
    """Push `docs` to a new project, push them again, list the tasks."""
    n = len(docs)
    report = timed(
        f"push {n} tasks (batch {batch_size})",
        results,
        push_tasks,
        client,
        docs,
        project=title,
        batch_size=batch_size,
    )
    assert len(report.created) == n, report.summary()
    again = timed(f"push again (all {n} skipped)", results, push_tasks, client, docs, project=title)
    assert len(again.skipped) == n, again.summary()
    project = client.project(title)
    timed("list tasks (article_id, sha)", results, existing_tasks, client, project.id)


def bench_pull(client: Client, docs: list[Document], title: str, results: dict[str, float]) -> None:
    """Import `docs` with one submitted annotation each into a new project, pull it twice."""
    n = len(docs)
    me = client.whoami()
    reviewed = client.create_project(
        title, label_config=label_config(), instructions=instructions().html
    )
    for i in range(0, n, 250):
        tasks = [
            document_to_task(d)
            | {"annotations": [{"result": document_result(d), "completed_by": me.id}]}
            for d in docs[i : i + 250]
        ]
        client.import_tasks(reviewed.id, tasks)
    with tempfile.TemporaryDirectory() as out:
        gold = Path(out) / "gold"
        pulled = timed(
            f"pull {n} annotated tasks",
            results,
            pull_annotations,
            client,
            project=reviewed.title,
            out_dir=gold,
        )
        assert len(pulled.written) == n, pulled.summary()
        timed(
            "pull again (all unchanged)",
            results,
            pull_annotations,
            client,
            project=reviewed.title,
            out_dir=gold,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--home", type=Path, help="reuse this server home (default: fresh)")
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="newsgold-ls-bench-"))
    results: dict[str, float] = {}
    info = start_twice(home, results)
    os.environ["LABEL_STUDIO_URL"] = info.url
    os.environ["LABEL_STUDIO_API_KEY"] = server.api_key(home)
    docs = documents(args.tasks)
    stamp = time.strftime("%H%M%S")
    try:
        with Client.from_env() as client:
            bench_push(client, docs, f"bench push {args.tasks} {stamp}", args.batch_size, results)
            bench_pull(client, docs, f"bench pull {args.tasks} {stamp}", results)
    finally:
        server.stop(home)
    print(json.dumps({k: round(v, 2) for k, v in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
