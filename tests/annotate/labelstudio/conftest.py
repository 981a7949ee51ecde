"""A real Label Studio for the integration tests (session-scoped), and fresh projects.

The server lives in `<repo>/.labelstudio-test/` (git-ignored by its own `.gitignore`), so its
venv and database survive between runs: the first run installs and migrates (about a minute),
later runs start in about ten seconds. It listens on a free port of 127.0.0.1. A server that
does not start FAILS the tests that need it; nothing is skipped. Every test that uses one of
the fixtures below is marked `integration`.

Several pytest sessions may share the home (e.g. the browser test running at the same time):
each registers itself in `<home>/sessions/`; a running server is reused, and the last session
to finish stops it.

    ls_server   ServerInfo of the running server (SQLite)
    pg_server   ServerInfo of a second server, on a PostgreSQL cluster of its own in
                `<home>/pg/postgres/` (`server.start(..., postgres=True)`), started on first use
    ls_database the server the tests below talk to: a `Backend` (database, home, server),
                the SQLite one unless a test asks for both with `@on_both_databases`
    ls_env      {"LABEL_STUDIO_URL": ..., "LABEL_STUDIO_API_KEY": ...} of that server (also set
                in os.environ while it is the current one, restored afterwards)
    ls_client   a connected annotate.labelstudio.client.Client
    ls_project  a fresh project title per test (unique; the project itself is created by push,
                or by `make_project`)
    own_server  (home, ServerInfo) of a second server that one test may stop and restart
                without disturbing the others

`@on_both_databases` runs a test once on SQLite and once on PostgreSQL (ids `[sqlite]` and
`[postgresql]`): everything above, ls_client and ls_project included, then talks to that
test's server. Only the round trips use it, so PostgreSQL adds one server start to a session,
not a second copy of every test.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import socket
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from annotate.labelstudio import server
from annotate.labelstudio.client import Client, Project, Task
from annotate.labelstudio.config import instructions, label_config
from corpus.errors import LabelStudioError
from corpus.records import Document
from tests.conftest import GOLD, REPO

LS_HOME = Path(os.environ.get("NEWSGOLD_LS_TEST_HOME") or REPO / ".labelstudio-test")
PG_HOME = LS_HOME / "pg"  # its own data, credentials and PostgreSQL cluster; the shared venv
START_TIMEOUT = 600  # the first start runs migrations; a busy 2-core machine is slow

DATABASES = ("sqlite", "postgresql")
on_both_databases = pytest.mark.parametrize("ls_database", DATABASES, indirect=True)

SERVER_FIXTURES = frozenset(
    {"ls_server", "pg_server", "ls_database", "ls_env", "ls_client", "ls_project", "own_server"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `integration` exactly the tests that need a real server (use its fixtures)."""
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _find_uv() -> None:
    """Use the uv that scripts/_bootstrap.sh installs into .tools/ when none is on PATH."""
    bootstrapped = REPO / ".tools" / "bin" / "uv"
    if not os.environ.get("UV") and shutil.which("uv") is None and bootstrapped.exists():
        os.environ["UV"] = str(bootstrapped)


def _other_sessions(sessions: Path) -> list[Path]:
    alive = []
    for marker in sessions.glob("*"):
        pid = int(marker.name) if marker.name.isdigit() else -1
        if pid != os.getpid() and pid > 0 and server.pid_alive(pid):
            alive.append(marker)
        elif pid != os.getpid():
            marker.unlink(missing_ok=True)
    return alive


def share_venv(home: Path) -> None:
    """Give `home` the venv of LS_HOME (a link): one install for every test server."""
    home.mkdir(parents=True, exist_ok=True)
    venv = home / "venv"
    if not venv.exists():
        server.ensure_installed(LS_HOME)
        venv.symlink_to(LS_HOME / "venv", target_is_directory=True)


def start_server(
    home: Path = LS_HOME, *, postgres: bool = False
) -> tuple[server.ServerInfo, float]:
    """Install if needed and start (or reuse) the test server; (info, seconds it took)."""
    home.mkdir(parents=True, exist_ok=True)
    ignore = home / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# test Label Studio: venv, database, credentials\n*\n")
    _find_uv()
    began = time.monotonic()
    if home == LS_HOME:
        server.ensure_installed(home)
    else:
        share_venv(home)
    running = server.status(home)
    if running is not None and server.is_healthy(running):
        return running, time.monotonic() - began
    # Alive but not answering: still starting (another session) or stuck; wait for it.
    port = running.port if running is not None else free_port()
    info = server.start(home, port=port, postgres=postgres, timeout=START_TIMEOUT)
    return info, time.monotonic() - began


@pytest.fixture
def own_server() -> Iterator[tuple[Path, server.ServerInfo]]:
    """A second server, only for this test (it may stop and restart it): its own database in
    `<LS_HOME>/own/`, the shared venv. The first run migrates (about 40 s), later ones reuse it."""
    home = LS_HOME / "own"
    share_venv(home)
    server.stop(home)  # a leftover from an interrupted run
    info = server.start(home, port=free_port(), timeout=START_TIMEOUT)
    try:
        yield home, info
    finally:
        server.stop(home)


@contextlib.contextmanager
def shared_server(home: Path, *, postgres: bool = False) -> Iterator[server.ServerInfo]:
    """The server of `home` for this pytest session; the last session using it stops it
    (and its PostgreSQL), also when the tests failed."""
    sessions = home / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    marker = sessions / str(os.getpid())
    marker.touch()
    # A SIGTERM (a CI job's timeout) ends the session like Ctrl-C, through this teardown,
    # instead of leaving the servers and PostgreSQL running.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        info, _ = start_server(home, postgres=postgres)
        yield info
    finally:
        marker.unlink(missing_ok=True)
        if not _other_sessions(sessions):
            server.stop(home)


@pytest.fixture(scope="session")
def ls_server() -> Iterator[server.ServerInfo]:
    with shared_server(LS_HOME) as info:
        yield info


@pytest.fixture(scope="session")
def pg_server() -> Iterator[server.ServerInfo]:
    with shared_server(PG_HOME, postgres=True) as info:
        yield info


@dataclass(frozen=True)
class Backend:
    """A running test server and what it stores its data in."""

    database: str  # one of DATABASES
    home: Path
    server: server.ServerInfo


@pytest.fixture(scope="session")
def ls_database(request: pytest.FixtureRequest) -> Backend:
    """The SQLite server, or the one `@on_both_databases` asks for."""
    database = getattr(request, "param", "sqlite")
    home, fixture = (PG_HOME, "pg_server") if database == "postgresql" else (LS_HOME, "ls_server")
    info: server.ServerInfo = request.getfixturevalue(fixture)
    assert info.database == database, f"the {fixture} of {home} runs on {info.database}"
    return Backend(database, home, info)


@pytest.fixture(scope="session")
def ls_env(ls_database: Backend) -> Iterator[dict[str, str]]:
    env = {
        "LABEL_STUDIO_URL": ls_database.server.url,
        "LABEL_STUDIO_API_KEY": server.api_key(ls_database.home),
    }
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        yield env


@pytest.fixture(scope="session")
def ls_client(ls_env: dict[str, str]) -> Iterator[Client]:
    with Client.from_env() as client:
        client.whoami()  # fails the tests now if URL or key do not work
        yield client


@pytest.fixture
def ls_project(request: pytest.FixtureRequest, ls_client: Client) -> Iterator[str]:
    """A fresh, unique project title for one test; the project is deleted afterwards."""
    # Label Studio allows 50 characters in a title.
    title = f"t {request.node.name.removeprefix('test_')[:38]} {uuid.uuid4().hex[:8]}"
    yield title
    with contextlib.suppress(LabelStudioError):  # cleanup only; a failed test says why
        found = ls_client.find_project(title)
        if found is not None:
            ls_client.delete_project(found.id)


def make_project(client: Client, title: str) -> Project:
    """A project with newsgold's labelling config and instructions (what push creates)."""
    return client.create_project(
        title, label_config=label_config(), instructions=instructions().html
    )


def gold_documents() -> list[Document]:
    """The hand-made gold Documents bundled in data/gold (11 articles)."""
    return [
        Document.from_dict(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(GOLD.glob("*.json"))
    ]


def copies(docs: list[Document], n: int) -> list[Document]:
    """`n` Documents cycling through `docs`, each with its own article id."""
    return [
        replace(doc, article=replace(doc.article, id=f"{doc.id}-c{i:04d}"))
        for i, doc in zip(range(n), itertools.cycle(docs), strict=False)
    ]


def project_tasks(client: Client, title: str) -> list[Task]:
    project = client.project(title)
    return list(client.tasks(project.id, annotations=True))


def article_counts(client: Client, title: str) -> dict[str, int]:
    """How many tasks of the project carry each article id."""
    return dict(Counter(str(t.data.get("article_id")) for t in project_tasks(client, title)))
