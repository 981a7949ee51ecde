"""Where the shard tasks run. I/O: starts worker processes, or connects to / starts Ray.

    in-process   --executor local --workers 1: the driver runs each shard itself
    local        --executor local --workers N: the standard library's ProcessPoolExecutor,
                 N processes on this machine (started by forkserver: a clean process, not a
                 fork of a driver that runs a progress-bar thread); a script that calls
                 `crawl` with N > 1 keeps its work under `if __name__ == "__main__":`,
                 since each worker imports the script's main module
    ray          --executor ray: Ray tasks, on the cluster at RAY_ADDRESS, or on a Ray
                 started here for this run (N CPUs, 127.0.0.1 only, no dashboard, quiet logs,
                 shut down at the end)

Why not datatrove's LocalPipelineExecutor for `local`: its unit of work is a rank reading
its own slice of files and writing its own output; our shards are cut from the input order
and the duplicate stage must see them in that order in one place, which its model does not
give without rewriting the readers and writers as datatrove blocks. Ray in local mode would
do, but costs seconds of start-up and a few hundred MB for a run on one machine; the
standard library pool is the lighter engine for the same job.

Every engine has the same two calls: `submit(task)` returns a function that waits for and
returns the ShardResult; `close()` stops what the engine started. The work function is the
same everywhere (annotate.crawl.work.process_shard), so the rows are the same too.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any, Protocol

from annotate.crawl.work import ShardResult, ShardTask, process_shard
from corpus.errors import InputError

EXECUTORS = ("local", "ray")

Pending = Callable[[], ShardResult]


class Engine(Protocol):
    workers: int

    def submit(self, task: ShardTask) -> Pending: ...

    def close(self) -> None: ...


class InProcess:
    """Runs each shard at once, in this process."""

    workers = 1

    def submit(self, task: ShardTask) -> Pending:
        result = process_shard(task)
        return lambda: result

    def close(self) -> None:
        pass


class LocalPool:
    """A ProcessPoolExecutor of `workers` processes."""

    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("forkserver")
        # The server imports the work module once; each worker is forked from it warm.
        context.set_forkserver_preload(["annotate.crawl.work"])
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(self, task: ShardTask) -> Pending:
        future = self._pool.submit(process_shard, task)
        return future.result

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class RayEngine:
    """Ray tasks, one per shard."""

    def __init__(self, workers: int | None) -> None:
        import ray

        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage report leaves the run
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            address = os.environ.get("RAY_ADDRESS")
            quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
            if address:
                ray.init(address=address, **quiet)
            else:
                ray.init(
                    num_cpus=workers or os.cpu_count() or 1,
                    include_dashboard=False,
                    _node_ip_address="127.0.0.1",
                    **quiet,
                )
            self._started = True
        self.workers = workers or int(ray.cluster_resources().get("CPU", 1))  # type: ignore[no-untyped-call]
        self._remote = ray.remote(num_cpus=1)(process_shard)

    def submit(self, task: ShardTask) -> Pending:
        ref = self._remote.remote(task)
        return lambda: self._ray.get(ref)

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()


def start_engine(executor: str, workers: int | None) -> Engine:
    """The engine for `--executor` and `--workers` (None: 1 locally, all CPUs on Ray)."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be 1 or more, not {workers}")
    if executor == "ray":
        return RayEngine(workers)
    if workers is None or workers == 1:
        return InProcess()
    return LocalPool(workers)
