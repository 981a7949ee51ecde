"""A push to a server that is down or hung fails fast, with one line, and loses nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from annotate.labelstudio.client import ALIVE_TIMEOUT, Client, Project, Task, TaskMark
from annotate.labelstudio.config import label_config
from annotate.labelstudio.push import push_tasks
from corpus.errors import LabelStudioError
from tests.annotate.labelstudio.conftest import free_port, gold_documents
from tests.conftest import REPO

DEADLINE = 60.0  # what a user may wait before a dead server is reported (issue #16)


@pytest.fixture
def hung_server() -> Iterator[str]:
    """A real socket on 127.0.0.1 that accepts connections and never answers: a stopped
    (SIGSTOP) or wedged server looks exactly like this to a client."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    for conn in held:
        conn.close()
    listener.close()


PUSH = ("push", "data/articles", "--project", "dead server")


def push_cli(
    url: str, args: Sequence[str] = PUSH
) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": "not-a-real-token"}
    began = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "annotate", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=DEADLINE * 3,  # a bound for the test itself, far above what must hold
        check=False,
    )
    return run, time.monotonic() - began


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "args", [PUSH, ("pull", "--project", "dead server", "--out", "{tmp}")], ids=["push", "pull"]
)
def test_a_hung_server_fails_push_and_pull_within_the_deadline_with_one_line(
    hung_server: str, args: Sequence[str], tmp_path: Path
) -> None:
    run, seconds = push_cli(hung_server, [a.format(tmp=tmp_path / "gold") for a in args])
    assert run.returncode != 0
    assert seconds < DEADLINE
    assert seconds >= ALIVE_TIMEOUT * 0.9  # it did wait for the health check, then gave up
    lines = error_lines(run.stderr)
    assert len(lines) == 1, run.stderr
    assert "did not answer in time" in lines[0] and hung_server in lines[0]
    assert "not-a-real-token" not in run.stderr + run.stdout


def test_push_to_a_server_that_is_not_running_fails_at_once_with_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    run, seconds = push_cli(url)
    assert run.returncode != 0
    assert seconds < ALIVE_TIMEOUT
    lines = error_lines(run.stderr)
    assert len(lines) == 1, run.stderr
    assert "cannot reach Label Studio" in lines[0] and "scripts/labelstudio start" in lines[0]


class DiesAfterFirstBatch(Client):
    """A server that answers the health check and the first import, then never again.
    (A fake: which request a real server dies before cannot be chosen from outside.)"""

    def __init__(self) -> None:
        self.url = "http://127.0.0.1:9"
        self.imports = 0

    def check_alive(self, *, timeout: float = ALIVE_TIMEOUT) -> None:
        return None

    def find_project(self, title: str) -> Project | None:
        return Project(1, title, label_config())

    def projects_titled(self, title: str) -> list[tuple[Project, int]]:
        return [(Project(1, title, label_config()), 0)]

    def tasks(
        self, project_id: int, *, annotations: bool = False, page_size: int = 500
    ) -> Iterator[Task]:
        if self.imports > 1:
            raise LabelStudioError("connection refused", status=None)
        return iter(())

    def task_marks(self, project_id: int, *, page_size: int = 500) -> Iterator[TaskMark]:
        # After the first import the server is gone: push's check of what landed fails too.
        raise LabelStudioError("connection refused", status=None)

    def import_tasks(self, project_id: int, tasks: Sequence[dict[str, Any]]) -> list[int]:
        self.imports += 1
        if self.imports > 1:
            raise LabelStudioError("Label Studio did not answer in time", status=None)
        return list(range(len(tasks)))


def test_a_server_that_dies_mid_push_stops_the_push_once_instead_of_per_document() -> None:
    docs = gold_documents()
    waits: list[float] = []
    server = DiesAfterFirstBatch()
    with pytest.raises(LabelStudioError) as raised:
        push_tasks(
            server, docs, project="p", batch_size=2, retry_waits=(0.0,) * 2, sleep=waits.append
        )
    message = str(raised.value)
    assert "gave up after 3 attempts with 2 tasks created" in message
    assert "Run the push again" in message
    # One batch landed, the second was tried three times, and no later batch was tried.
    assert server.imports == 1 + 3 and waits == [0.0, 0.0]
