"""A PostgreSQL cluster of Label Studio's own, in ``<home>/postgres/``: created with ``initdb``,
started and stopped with ``pg_ctl`` together with the server, reused on the next start.

    <home>/postgres/data/        the cluster (PGDATA)
    <home>/postgres/postgres.log what PostgreSQL logs
    <home>/postgres.json         port, user, database and password (mode 0600)

Access: TCP on 127.0.0.1 only, no Unix socket, and ``scram-sha-256`` with a generated
password for every connection. Trust on localhost would let any local user (and any
program of theirs) in as the superuser; the password keeps the database as private as
``credentials.json``, which the same file mode protects. The password reaches Label Studio
through its environment, never a command line, a log or an error message.

PostgreSQL refuses to run as root, so as root the cluster belongs to, and runs as, the
system user ``postgres`` (``nobody`` when there is none): the home folder is then made
traversable (mode 0711: others may pass through, never list it).

I/O: runs initdb, postgres and pg_ctl; writes under the home folder.
"""

import contextlib
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from annotate.labelstudio.server.home import (
    LOG_TAIL_LINES,
    LOOPBACK,
    LabelStudioServerError,
    make_private_dir,
    read_private_json,
    write_private_json,
)
from annotate.labelstudio.server.process import port_in_use
from annotate.labelstudio.server.settings import PostgresTarget

PG_DIR = "postgres"
PG_FILE = "postgres.json"
DB_USER = "newsgold"
DB_NAME = "labelstudio"
PG_TIMEOUT = 60  # seconds pg_ctl waits for a start or a stop
SEARCHED = "/usr/lib/postgresql/*/bin"  # Debian and Ubuntu keep the server binaries here
INSTALL_HINT = (
    "Fix: install the PostgreSQL server (Debian/Ubuntu: `apt-get install postgresql`) "
    "or put the folder holding initdb and pg_ctl on PATH."
)
# Appended to the cluster's postgresql.conf, so that a start by hand is as closed as ours.
CONF = (
    "\n# newsgold: TCP on 127.0.0.1 only and no Unix socket; the port is given at start\n"
    "listen_addresses = '127.0.0.1'\n"
    "unix_socket_directories = ''\n"
)
# Variables that would point initdb/pg_ctl/postgres at another cluster or server.
PG_ENVIRONMENT = re.compile(r"PG[A-Z_]*")


@dataclass(frozen=True)
class Cluster:
    """The cluster of one home folder, as recorded in ``<home>/postgres.json``."""

    home: Path
    port: int
    password: str = field(repr=False)

    @property
    def folder(self) -> Path:
        return self.home / PG_DIR

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "postgres.log"

    def target(self) -> PostgresTarget:
        """Where Label Studio connects."""
        return PostgresTarget(
            name=DB_NAME, user=DB_USER, password=self.password, host=LOOPBACK, port=self.port
        )


def bin_dir() -> Path:
    """The folder of initdb, pg_ctl and postgres: PATH first, then the newest Debian version."""
    found = shutil.which("initdb")
    if found:
        # /usr/local/bin/initdb may be a link into the version's folder, which holds postgres.
        return Path(found).resolve().parent
    versions = sorted(
        Path("/").glob(SEARCHED.lstrip("/") + "/initdb"),
        key=lambda p: [int(n) if n.isdigit() else 0 for n in p.parent.parent.name.split(".")],
    )
    if versions:
        return versions[-1].parent
    raise LabelStudioServerError(f"initdb was not found on PATH nor in {SEARCHED}. {INSTALL_HINT}")


def system_user() -> pwd.struct_passwd | None:
    """Whom PostgreSQL runs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise LabelStudioServerError(
        "PostgreSQL cannot run as root and there is no `postgres` or `nobody` user to run it as. "
        "Fix: create a system user `postgres` (useradd --system postgres) or run as another user."
    )


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not PG_ENVIRONMENT.fullmatch(k)}
    env["LC_ALL"] = "C"  # English messages, which the errors quote
    return env


def _run(
    cluster: Cluster, args: list[str], *, what: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL program as the cluster's user; raises only when it cannot run at all."""
    user = system_user()
    try:
        done = subprocess.run(
            args,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            cwd=cluster.folder,
            env=_environment(),
            timeout=PG_TIMEOUT + 30,
            user=user.pw_uid if user else None,
            group=user.pw_gid if user else None,
            extra_groups=[] if user else None,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LabelStudioServerError(
            f"{what} failed ({type(exc).__name__}: {exc}). {INSTALL_HINT}"
        ) from None
    return done


def _failed(what: str, done: subprocess.CompletedProcess[str], log: Path | None) -> str:
    output = (done.stderr or done.stdout).strip().splitlines()
    if log is not None:
        with contextlib.suppress(OSError):
            output += log.read_text(encoding="utf-8", errors="replace").splitlines()
    tail = "\n".join(output[-LOG_TAIL_LINES:])
    return f"{what} failed (exit {done.returncode}):\n{tail}"


def read_cluster(home: Path) -> Cluster | None:
    """The recorded cluster of `home`, or None when it has none yet."""
    raw = read_private_json(home / PG_FILE, ("port", "password"), data=home / PG_DIR)
    if raw is None:
        return None
    if not isinstance(raw["port"], int):
        raise LabelStudioServerError(
            f"{home / PG_FILE}: port is not a number. Fix: write the port PostgreSQL should use."
        )
    return Cluster(home=home, port=raw["port"], password=str(raw["password"]))


def _record(cluster: Cluster) -> None:
    write_private_json(
        cluster.home / PG_FILE,
        {"port": cluster.port, "user": DB_USER, "database": DB_NAME, "password": cluster.password},
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def ensure_cluster(home: Path, *, port: int | None = None) -> Cluster:
    """The cluster of `home`, created (initdb, the database) on first use.

    `port` replaces the recorded one; a new cluster without one takes a free port.
    """
    cluster = read_cluster(home)
    if cluster is None:
        cluster = _create(home, port=port or free_port())
    elif port is not None and port != cluster.port:
        cluster = Cluster(home=home, port=port, password=cluster.password)
        _record(cluster)
    return cluster


def _prepare_folder(cluster: Cluster) -> None:
    """``<home>/postgres/``, owned by the user PostgreSQL runs as, who must reach it."""
    make_private_dir(cluster.folder)
    user = system_user()
    if user is None:
        return
    os.chown(cluster.folder, user.pw_uid, user.pw_gid)
    cluster.home.chmod(cluster.home.stat().st_mode | 0o111)
    probe = _run(cluster, ["test", "-w", str(cluster.folder)], what="checking the folder")
    if probe.returncode != 0:
        raise LabelStudioServerError(
            f"PostgreSQL cannot run as root, so it runs as user {user.pw_name!r}, who cannot reach "
            f"{cluster.folder}. Fix: let others pass through the folders above it "
            "(chmod o+x each), or choose a --home under a folder they can reach."
        )


def _create(home: Path, *, port: int) -> Cluster:
    """initdb a new cluster with a generated password, then create Label Studio's database."""
    cluster = Cluster(home=home, port=port, password=secrets.token_urlsafe(24))
    if (cluster.data_dir / "PG_VERSION").exists():
        raise LabelStudioServerError(
            f"{cluster.data_dir} holds a cluster but {home / PG_FILE} is missing, so its "
            "password is unknown. Fix: restore postgres.json, or move the postgres folder away "
            "to start with an empty database."
        )
    bindir = bin_dir()
    _prepare_folder(cluster)
    shutil.rmtree(cluster.data_dir, ignore_errors=True)  # what a failed initdb left
    password_file = cluster.folder / ".password"
    fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(cluster.password + "\n")
    user = system_user()
    if user is not None:
        os.chown(password_file, user.pw_uid, user.pw_gid)
    try:
        init = [str(bindir / "initdb"), "-D", str(cluster.data_dir), "-U", DB_USER]
        init += ["--pwfile", str(password_file), "-E", "UTF8", "--no-locale"]
        init += ["--auth-host=scram-sha-256", "--auth-local=reject"]
        done = _run(cluster, init, what=f"initdb of {cluster.data_dir}")
    finally:
        password_file.unlink(missing_ok=True)
    if done.returncode != 0:
        raise LabelStudioServerError(_failed(f"initdb of {cluster.data_dir}", done, None))
    with (cluster.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(CONF)
    # Single-user mode: no server, no port and no password needed yet.
    single = [str(bindir / "postgres"), "--single", "-D", str(cluster.data_dir), "postgres"]
    done = _run(
        cluster, single, what="creating the database", stdin=f"CREATE DATABASE {DB_NAME};\n"
    )
    if done.returncode != 0 or "ERROR:" in done.stdout + done.stderr:
        raise LabelStudioServerError(_failed(f"creating database {DB_NAME}", done, None))
    _record(cluster)
    return cluster


def is_running(cluster: Cluster) -> bool:
    """Whether the cluster's postmaster is alive (``pg_ctl status``)."""
    if not (cluster.data_dir / "PG_VERSION").exists():
        return False
    status = [str(bin_dir() / "pg_ctl"), "status", "-D", str(cluster.data_dir)]
    return _run(cluster, status, what="pg_ctl status").returncode == 0


def running_port(cluster: Cluster) -> int | None:
    """The port of the running postmaster (line 4 of postmaster.pid), None when unknown."""
    try:
        lines = (cluster.data_dir / "postmaster.pid").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None


def start_cluster(cluster: Cluster) -> bool:
    """Start the cluster unless it runs already; True when this call started it."""
    if is_running(cluster):
        running = running_port(cluster)
        if running is not None and running != cluster.port:
            raise LabelStudioServerError(
                f"the PostgreSQL of {cluster.home} already runs on port {running}, not "
                f"{cluster.port}. Fix: `scripts/labelstudio stop` first, or use port {running}."
            )
        return False
    if port_in_use(cluster.port):
        raise LabelStudioServerError(
            f"port {cluster.port} on {LOOPBACK}, recorded for PostgreSQL in "
            f"{cluster.home / PG_FILE}, is already in use by another program. "
            "Fix: stop that program or choose another port with --postgres-port."
        )
    command = [str(bin_dir() / "pg_ctl"), "start", "-D", str(cluster.data_dir), "-w"]
    command += ["-t", str(PG_TIMEOUT), "-l", str(cluster.log), "-o", f"-p {cluster.port}"]
    done = _run(cluster, command, what="pg_ctl start")
    if done.returncode != 0:
        raise LabelStudioServerError(
            _failed(f"starting PostgreSQL in {cluster.data_dir}", done, cluster.log)
            + f"\nFix: read {cluster.log}."
        )
    return True


def stop_cluster(home: Path) -> bool:
    """Stop the cluster of `home` if it runs (fast shutdown); True when it was stopped."""
    cluster = read_cluster(home)
    if cluster is None or not is_running(cluster):
        return False
    command = [str(bin_dir() / "pg_ctl"), "stop", "-D", str(cluster.data_dir), "-m", "fast"]
    done = _run(cluster, [*command, "-w", "-t", str(PG_TIMEOUT)], what="pg_ctl stop")
    if done.returncode != 0:
        raise LabelStudioServerError(
            _failed(f"stopping PostgreSQL in {cluster.data_dir}", done, cluster.log)
            + f"\nFix: `pg_ctl stop -D {cluster.data_dir} -m immediate`."
        )
    return True
