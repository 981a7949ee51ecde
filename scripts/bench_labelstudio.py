"""Measure the Label Studio round trip against Label Studio's own endpoints, with peak memory.

Example: uv run python scripts/bench_labelstudio.py --tasks 5000
         uv run python scripts/bench_labelstudio.py --tasks 20000 --database-url postgresql://u:p@127.0.0.1:5432/ls
         uv run python scripts/bench_labelstudio.py --tasks 5000 --postgres --annotate import
         uv run python scripts/bench_labelstudio.py --tasks 5000 --running .labelstudio-test
         uv run python scripts/bench_labelstudio.py --only pull --annotate import --rounds 3

Steps, each timed, with the peak RSS of this process and of the server while it ran:

    push N tasks                 `push_tasks` into a new project     vs
    raw import                   one `import_tasks` call with the same N tasks, new project (calls
                                 of 5,000 above that: Label Studio's upload limit is 250 MiB)
    re-push (nothing new)        `push_tasks` again: every task skipped
    annotate (API)               every prediction submitted as an annotation, one request
                                 per task (`submit_predictions_as_annotations`; setup)
    raw export                   GET /api/projects/{id}/export (JSON, all tasks), bytes only
    pull N tasks                 `pull_annotations` into an empty folder (full pull)  vs raw export
                                 (`--rounds K`: K pulls, each after a raw export)
    raw export (after)           the raw export again: the pulls' mean is compared with the mean
                                 of all the exports, since this machine's speed drifts within
                                 minutes
    pull (nothing changed)       `pull_annotations` again (the state file: incremental)
    pull (1% changed)            after changing 1% of the annotations

A fresh home (the default: a temporary folder, removed at the end) installs Label Studio and
times the first start with its migrations; `--running HOME` uses the server already running
from HOME instead (no start, no stop). SQLite by default; `--database-url` runs the fresh
server on PostgreSQL, `--postgres` on a PostgreSQL cluster of the home's own (created and
stopped with it). The N Documents are the bundled gold Documents repeated with distinct article ids.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ParamSpec, TypeVar

import httpx

from annotate.labelstudio import server
from annotate.labelstudio.client import Client
from annotate.labelstudio.config import instructions, label_config
from annotate.labelstudio.convert import document_result, document_to_task
from annotate.labelstudio.pull import pull_annotations
from annotate.labelstudio.push import push_tasks, submit_predictions_as_annotations
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


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc; 0 when unknown)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Bench:
    server_pid: int | None
    rows: dict[str, dict[str, float]] = field(default_factory=dict)

    @contextmanager
    def _peaks(self, peaks: dict[str, float]) -> Iterator[None]:
        """Sample this process's and the server's RSS every 50 ms while the block runs."""
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peaks["client"] = max(peaks["client"], rss_mb(os.getpid()))
                if self.server_pid:
                    peaks["server"] = max(peaks["server"], rss_mb(self.server_pid))
                done.wait(0.05)

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()

    def timed(self, label: str, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        peaks = {"client": 0.0, "server": 0.0}
        with self._peaks(peaks):
            began = time.perf_counter()
            value = fn(*args, **kwargs)
            seconds = time.perf_counter() - began
        self.rows[label] = {"seconds": round(seconds, 2), **{k: round(v) for k, v in peaks.items()}}
        print(
            f"{label:<34} {seconds:8.2f} s  client {peaks['client']:6.0f} MB  "
            f"server {peaks['server']:6.0f} MB",
            file=sys.stderr,
            flush=True,
        )
        return value


def start_twice(
    home: Path, bench: Bench, database_url: str | None, postgres: bool
) -> server.ServerInfo:
    """Install, start (first or existing database), stop, start again (warm); the server."""
    bench.timed("install (uv, label-studio venv)", server.ensure_installed, home)
    fresh = not (home / "data" / "label_studio.sqlite3").exists()
    label = "first start (migrations)" if fresh else "start (existing database)"
    start = functools.partial(server.start, database_url=database_url, postgres=postgres)
    bench.timed(label, start, home, port=free_port(), timeout=900)
    server.stop(home)
    # A new free port: the old one may be taken meanwhile (it lies in the ephemeral range).
    return bench.timed("warm start", start, home, port=free_port(), timeout=300)


def raw_export(client: Client, project_id: int) -> int:
    """Label Studio's export endpoint as a plain client would call it: the bytes, unparsed."""
    url = f"{client.url}/api/projects/{project_id}/export"
    headers = {"Authorization": f"Token {server_key()}"}
    params = {"exportType": "JSON", "download_all_tasks": "true"}
    size = 0
    with httpx.stream("GET", url, params=params, headers=headers, timeout=3600) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes():
            size += len(chunk)
    return size


def server_key() -> str:
    return os.environ["LABEL_STUDIO_API_KEY"]


def bench_push(client: Client, docs: list[Document], stamp: str, bench: Bench) -> int:
    """Push `docs` into a new project, push again, import them raw; the pushed project's id."""
    n = len(docs)
    title = f"bench push {n} {stamp}"
    report = bench.timed(f"push {n} tasks", push_tasks, client, docs, project=title)
    assert len(report.created) == n, report.summary()
    again = bench.timed("re-push (nothing new)", push_tasks, client, docs, project=title)
    assert len(again.skipped) == n, again.summary()
    raw = client.create_project(
        f"bench raw {n} {stamp}", label_config=label_config(), instructions=instructions().html
    )
    tasks = [document_to_task(d) for d in docs]
    # One call takes at most RAW_CALL tasks: 20,000 in one request are over Label Studio's
    # upload limit (DATA_UPLOAD_MAX_MEMORY_SIZE, 250 MiB by default; the server answers 500).
    calls = -(-n // RAW_CALL)
    label = f"raw import_tasks ({calls} call{'s' if calls > 1 else ''})"
    ids = bench.timed(label, raw_import, client, raw.id, tasks)
    assert len(ids) == n
    client.delete_project(raw.id)
    return client.project(title).id


RAW_CALL = 5000


def raw_import(client: Client, project_id: int, tasks: list[dict[str, object]]) -> list[int]:
    """`tasks` imported with as few `import_tasks` calls as the server takes; their ids."""
    ids = []
    for i in range(0, len(tasks), RAW_CALL):
        ids += client.import_tasks(project_id, tasks[i : i + RAW_CALL])
    return ids


def annotated_copy(client: Client, docs: list[Document], title: str) -> int:
    """A new project with `docs` imported with one submitted annotation each (the
    prediction), 500 per request: fast, but the annotations carry no `prediction` link."""
    me = client.whoami()
    project = client.create_project(
        title, label_config=label_config(), instructions=instructions().html
    )
    for i in range(0, len(docs), 500):
        tasks = [
            document_to_task(d)
            | {"annotations": [{"result": document_result(d), "completed_by": me.id}]}
            for d in docs[i : i + 500]
        ]
        client.import_tasks(project.id, tasks)
    return project.id


def bench_pull(
    client: Client,
    pushed: int | None,
    docs: list[Document],
    stamp: str,
    bench: Bench,
    *,
    via_api: bool,
    reuse: int | None = None,
    rounds: int = 1,
) -> int:
    """Annotate every task of the `pushed` project through the API (or import an annotated
    copy), then export raw and pull: full (`rounds` times, each after a raw export), unchanged,
    1% changed. The annotated project's id."""
    n = len(docs)
    if reuse is not None:
        project_id = reuse  # annotated already
    elif pushed is not None and via_api:
        project_id = pushed
        stand_in = bench.timed(
            "annotate (API, setup)", submit_predictions_as_annotations, client, project_id
        )
        assert stand_in.submitted == n, stand_in
    else:
        title = f"bench pull {n} {stamp}"
        project_id = bench.timed("annotate (import, setup)", annotated_copy, client, docs, title)
    project = client.project_by_id(project_id)
    pull = pull_annotations
    with tempfile.TemporaryDirectory() as out:
        # This machine's speed drifts by 20% within minutes: the full pull runs `rounds` times,
        # each between two raw exports, and is compared with the mean of all the exports.
        for r in range(1, rounds + 1):
            tag = "" if r == 1 else f" (round {r})"
            size = bench.timed(f"raw export endpoint{tag}", raw_export, client, project_id)
            print(f"  export: {size / 1e6:.0f} MB", file=sys.stderr)
            gold = Path(out) / f"gold-{r}"
            pulled = bench.timed(
                f"pull {n} tasks{tag}", pull, client, project=project.title, out_dir=gold
            )
            assert len(pulled.written) == n, pulled.summary()
        bench.timed("raw export endpoint (after)", raw_export, client, project_id)
        same = bench.timed(
            "pull (nothing changed)", pull, client, project=project.title, out_dir=gold
        )
        assert not same.written and len(same.unchanged) == n, same.summary()
        changed = change_some(client, project_id, max(1, n // 100))
        after = bench.timed("pull (1% changed)", pull, client, project=project.title, out_dir=gold)
        assert len(after.written) == changed, after.summary()
    return project_id


def change_some(client: Client, project_id: int, k: int) -> int:
    """Mark a copy of the first annotation of `k` tasks as ground truth (a new annotation id):
    their gold files change (imported annotations are ground truth already, so a plain second
    annotation would change nothing). How many were changed."""
    done = 0
    for task in itertools.islice(client.tasks(project_id, annotations=True), k):
        client.create_annotation(task.id, task.annotations[0]["result"], ground_truth=True)
        done += 1
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--home", type=Path, help="server home to start (default: a fresh one)")
    parser.add_argument("--running", type=Path, help="use the server already running from here")
    parser.add_argument(
        "--database-url", help="postgresql://... for a fresh server (default SQLite)"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="a fresh server on a PostgreSQL cluster of its home's own (initdb, pg_ctl)",
    )
    parser.add_argument(
        "--annotate",
        choices=("api", "import"),
        default="api",
        help="api: one annotation request per task (as a reviewer's browser does; slow); "
        "import: a copy of the tasks imported with their annotations",
    )
    parser.add_argument(
        "--only",
        choices=("all", "push", "pull"),
        default="all",
        help="run only the push or only the pull steps (pull with --annotate import needs no push)",
    )
    parser.add_argument(
        "--reuse", type=int, help="pull this annotated project (of --tasks tasks) instead"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="full pulls, each after a raw export (one more export ends them); the pulls' "
        "mean is compared with the exports' mean",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    bench = Bench(server_pid=None)
    if args.running:
        info = server.status(args.running)
        if info is None:
            parser.error(f"no server is running from {args.running}")
        home = args.running
    else:
        home = args.home or Path(tempfile.mkdtemp(prefix="newsgold-ls-bench-"))
        info = start_twice(home, bench, args.database_url, args.postgres)
    bench.server_pid = info.pid
    os.environ["LABEL_STUDIO_URL"] = info.url
    os.environ["LABEL_STUDIO_API_KEY"] = server.api_key(home)
    docs = documents(args.tasks)
    stamp = time.strftime("%H%M%S")
    try:
        with Client.from_env(timeout=3600) as client:
            made = []
            if args.only in ("all", "push") or args.annotate == "api":
                made.append(bench_push(client, docs, stamp, bench))
            if args.only in ("all", "pull"):
                via_api = args.annotate == "api"
                pushed = made[0] if via_api else None
                made.append(
                    bench_pull(
                        client,
                        pushed,
                        docs,
                        stamp,
                        bench,
                        via_api=via_api,
                        reuse=args.reuse,
                        rounds=args.rounds,
                    )
                )
            for project_id in set(made) - {args.reuse}:
                client.delete_project(project_id)
    finally:
        if not args.running:
            server.stop(home)
        if not (args.running or args.home):
            # The fresh home holds the server's venv and database: GBs after 20,000 tasks.
            shutil.rmtree(home, ignore_errors=True)
    result = {
        "tasks": args.tasks,
        "database": str(info.database),
        "annotations": args.annotate,
        "load_average": os.getloadavg(),
        "steps": bench.rows,
    }
    rows = bench.rows
    push, pull = f"push {args.tasks} tasks", f"pull {args.tasks} tasks"
    comparisons = {  # result key: (our steps, the raw steps whose mean they are compared with)
        f"{push} / raw import_tasks": (
            [push],
            [step for step in rows if step.startswith("raw import_tasks")],
        ),
        f"{pull} / raw export endpoint (mean of all, around each pull)": (
            [step for step in rows if step.startswith(pull)],
            [step for step in rows if step.startswith("raw export endpoint")],
        ),
    }
    for key, (ours, theirs) in comparisons.items():
        if ours and theirs and all(step in rows for step in ours + theirs):
            mine, raw = ([rows[step]["seconds"] for step in s] for s in (ours, theirs))
            result[key] = round(statistics.fmean(mine) / statistics.fmean(raw), 2)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
