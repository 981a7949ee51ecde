"""The PostgreSQL cluster of a server home: created with initdb, started, reused and stopped
with pg_ctl (a real PostgreSQL, no Label Studio)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotate.labelstudio.server import lifecycle, postgres
from annotate.labelstudio.server.credentials import load_or_create_credentials
from annotate.labelstudio.server.home import LabelStudioServerError
from annotate.labelstudio.server.process import pid_alive
from tests.annotate.labelstudio.conftest import share_venv
from tests.conftest import REPO

# As root, PostgreSQL runs as user postgres, which cannot pass through pytest's 0700 tmp_path:
# the homes live under the repository's git-ignored test folder instead.
HOMES = REPO / ".labelstudio-test" / "pg-unit"


def postmaster_pid(cluster: postgres.Cluster) -> int:
    return int((cluster.data_dir / "postmaster.pid").read_text(encoding="utf-8").split()[0])


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    path = HOMES / uuid.uuid4().hex[:8]
    path.mkdir(parents=True)
    (HOMES / ".gitignore").write_text("*\n", encoding="utf-8")
    try:
        yield path
    finally:
        postgres.stop_cluster(path)
        shutil.rmtree(path)


@pytest.fixture(scope="module")
def cluster(home: Path) -> postgres.Cluster:
    return postgres.ensure_cluster(home)


@pytest.fixture
def listener() -> Iterator[int]:
    """A port on 127.0.0.1 that another program listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_new_cluster_is_closed_to_others(home: Path, cluster: postgres.Cluster) -> None:
    assert (cluster.data_dir / "PG_VERSION").exists()
    recorded = home / postgres.PG_FILE
    assert recorded.stat().st_mode & 0o777 == 0o600
    assert postgres.read_cluster(home) == cluster
    assert cluster.password not in repr(cluster) and len(cluster.password) >= 32
    conf = (cluster.data_dir / "postgresql.conf").read_text(encoding="utf-8")
    assert conf.endswith(postgres.CONF)
    rules = [
        line.split()
        for line in (cluster.data_dir / "pg_hba.conf").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules and {rule[-1] for rule in rules} <= {"scram-sha-256", "reject"}
    target = cluster.target()
    assert (target.host, target.port, target.user, target.name) == (
        "127.0.0.1",
        cluster.port,
        postgres.DB_USER,
        postgres.DB_NAME,
    )


def test_start_reuses_and_stop_ends_every_process(home: Path, cluster: postgres.Cluster) -> None:
    assert postgres.start_cluster(cluster) is True
    pid = postmaster_pid(cluster)
    assert postgres.is_running(cluster) and postgres.running_port(cluster) == cluster.port
    assert not list(cluster.folder.glob(".s.PGSQL.*"))  # no Unix socket, TCP only
    with socket.create_connection(("127.0.0.1", cluster.port), timeout=5):
        pass
    assert postgres.start_cluster(cluster) is False  # the running one is reused
    assert postmaster_pid(cluster) == pid
    assert postgres.ensure_cluster(home) == cluster  # and so is the cluster

    assert postgres.stop_cluster(home) is True
    assert not pid_alive(pid) and not postgres.is_running(cluster)
    assert postgres.stop_cluster(home) is False


@pytest.fixture
def restore_port(home: Path, cluster: postgres.Cluster) -> Iterator[None]:
    """Put the cluster's recorded port back after a test that moves it."""
    yield
    postgres.ensure_cluster(home, port=cluster.port)


@pytest.mark.usefixtures("restore_port")
def test_a_taken_port_is_a_one_line_error(home: Path, listener: int) -> None:
    moved = postgres.ensure_cluster(home, port=listener)
    assert postgres.read_cluster(home) == moved  # the requested port is recorded
    with pytest.raises(LabelStudioServerError) as caught:
        postgres.start_cluster(moved)
    message = str(caught.value)
    assert f"port {listener} on 127.0.0.1" in message and "already in use" in message
    assert "Fix: " in message and "\n" not in message
    assert moved.password not in message
    assert not postgres.is_running(moved)


def test_a_missing_initdb_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgres, "SEARCHED", str(tmp_path / "postgresql" / "*" / "bin"))
    with pytest.raises(LabelStudioServerError) as caught:
        postgres.ensure_cluster(tmp_path / "home")
    message = str(caught.value)
    assert message.startswith("initdb was not found on PATH nor in ")
    assert "apt-get install postgresql" in message and "\n" not in message
    assert not (tmp_path / "home" / postgres.PG_FILE).exists()


def test_a_cluster_without_its_password_file_is_refused(home: Path) -> None:
    other = HOMES / f"{home.name}-copy"
    (other / postgres.PG_DIR / "data").mkdir(parents=True)
    (other / postgres.PG_DIR / "data" / "PG_VERSION").write_text("15\n", encoding="utf-8")
    try:
        with pytest.raises(LabelStudioServerError, match=r"postgres\.json is missing") as caught:
            postgres.ensure_cluster(other)
        assert "\n" not in str(caught.value)
    finally:
        shutil.rmtree(other)


def test_a_damaged_password_file_names_the_file_never_its_content(tmp_path: Path) -> None:
    (tmp_path / postgres.PG_FILE).write_text('{"port": 5432, "password": "rahasia', "utf-8")
    with pytest.raises(LabelStudioServerError, match=r"postgres\.json: invalid JSON") as caught:
        postgres.read_cluster(tmp_path)
    assert "rahasia" not in str(caught.value)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the cluster to another user")
def test_as_root_an_unreachable_home_says_what_to_change(tmp_path: Path) -> None:
    # pytest's tmp_path sits in a 0700 folder of root's, which user postgres cannot pass.
    with pytest.raises(LabelStudioServerError, match="cannot reach") as caught:
        postgres.ensure_cluster(tmp_path / "home")
    assert "chmod o+x" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.integration
@pytest.mark.usefixtures("restore_port")
def test_the_script_refuses_a_taken_postgres_port_in_one_line(
    home: Path, cluster: postgres.Cluster, listener: int
) -> None:
    """`scripts/labelstudio start --postgres` on a home whose Label Studio is installed (the
    suite's venv, linked) stops before Label Studio starts."""
    share_venv(home)
    load_or_create_credentials(home, home / "data", "postgresql")
    script = [sys.executable, str(REPO / "scripts" / "labelstudio"), "--home", str(home)]
    done = subprocess.run(
        [*script, "start", "--postgres", "--postgres-port", str(listener), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and f"port {listener} on 127.0.0.1" in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert cluster.password not in done.stderr


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--postgres", "--database-url", "postgresql://penyunting:sandi@db/anotasi"],
            {},
            "error: --postgres (NEWSGOLD_LS_POSTGRES) runs a PostgreSQL of the home's own, "
            "--database-url (NEWSGOLD_LS_DATABASE_URL) names another one. Fix: drop one of them.",
        ),
        (
            [],
            {"NEWSGOLD_LS_POSTGRES": "mungkin"},
            "NEWSGOLD_LS_POSTGRES='mungkin' is neither 1/true/yes/on nor 0/false/no/off",
        ),
        (
            [],
            {"NEWSGOLD_LS_POSTGRES_PORT": "lima"},
            "NEWSGOLD_LS_POSTGRES_PORT='lima' is not a port number",
        ),
    ],
)
def test_the_script_refuses_contradictory_settings_before_installing(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    home = tmp_path / "home"
    script = [sys.executable, str(REPO / "scripts" / "labelstudio"), "--home", str(home)]
    done = subprocess.run(
        [*script, "start", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **env},
    )
    assert done.returncode == 1
    assert done.stderr.strip() == message and done.stdout == ""
    assert not home.exists()  # nothing installed, nothing created


def test_stop_ends_a_cluster_left_running_without_label_studio(
    home: Path, cluster: postgres.Cluster
) -> None:
    postgres.start_cluster(cluster)
    pid = postmaster_pid(cluster)
    assert lifecycle.stop(home) is True  # no Label Studio ran: the cluster alone is stopped
    assert not pid_alive(pid) and not postgres.is_running(cluster)
    assert lifecycle.stop(home) is False


def test_start_refuses_both_databases(tmp_path: Path) -> None:
    with pytest.raises(LabelStudioServerError, match="both a database URL and the home's own"):
        lifecycle.start(
            tmp_path, postgres=True, database_url="postgresql://penyunting:sandi@db/anotasi"
        )
    assert not (tmp_path / postgres.PG_DIR).exists()
