"""Start, find and stop the Label Studio server of a home folder.

I/O: starts/stops a local Label Studio process, HTTP to 127.0.0.1, writes the home's files.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

from annotate.labelstudio.server import postgres as postgres_cluster
from annotate.labelstudio.server.credentials import (
    Credentials,
    load_or_create_credentials,
    read_credentials,
)
from annotate.labelstudio.server.health import log_tail, verify_token, wait_until_healthy
from annotate.labelstudio.server.home import (
    CREDENTIALS_FILE,
    DATA,
    LOOPBACK,
    VENV,
    Database,
    LabelStudioServerError,
    ServerInfo,
    executable,
    locked,
    log_path,
    make_private_dir,
    venv_python,
)
from annotate.labelstudio.server.install import require_postgres_driver
from annotate.labelstudio.server.process import (
    clear_run_files,
    is_our_server,
    launch_detached,
    pid_alive,
    port_in_use,
    process_group,
    read_pid,
    read_state,
    send_signal,
    write_run_files,
)
from annotate.labelstudio.server.settings import (
    PostgresTarget,
    parse_database_url,
    server_command,
    server_env,
    target,
)

DEFAULT_PORT = 8080


def _info_from_state(home: Path, pid: int) -> ServerInfo | None:
    state = read_state(home)
    port = state.get("port")
    database = state.get("database")
    if state.get("pid") != pid or not isinstance(port, int):
        return None
    if database not in ("sqlite", "postgresql"):
        return None
    db: Database = "postgresql" if database == "postgresql" else "sqlite"
    return ServerInfo(
        url=f"http://{LOOPBACK}:{port}", pid=pid, port=port, data_dir=home / DATA, database=db
    )


def status(home: Path) -> ServerInfo | None:
    """Info of the server started by us from ``home`` if its process is alive, else None.

    Liveness only: use :func:`is_healthy` to know whether it answers HTTP yet.
    """
    home = home.expanduser().absolute()
    pid = read_pid(home)
    if pid is None or not is_our_server(pid, home / DATA):
        return None
    return _info_from_state(home, pid)


def start(
    home: Path,
    *,
    port: int = DEFAULT_PORT,
    database_url: str | None = None,
    postgres: bool = False,
    postgres_port: int | None = None,
    timeout: float = 180,
) -> ServerInfo:
    """Start (or reuse) the local Label Studio server of ``home`` and wait until it is usable.

    SQLite in ``home/data`` by default; PostgreSQL when ``database_url``
    (postgresql://user:password@host:port/dbname) is given, or, with ``postgres``, in a
    cluster of the home's own (``home/postgres``, see :mod:`.postgres`), created on the first
    start, started here and stopped by :func:`stop`. Label Studio must already be installed
    (see :func:`ensure_installed`).
    """
    home = home.expanduser().absolute()
    deadline = time.monotonic() + timeout
    if postgres and database_url:
        raise LabelStudioServerError(
            "both a database URL and the home's own PostgreSQL were requested. Fix: drop "
            "--database-url (NEWSGOLD_LS_DATABASE_URL) or --postgres (NEWSGOLD_LS_POSTGRES)."
        )
    if not executable(home).exists() or not venv_python(home).exists():
        raise LabelStudioServerError(
            f"Label Studio is not installed in {home / VENV}. "
            "Fix: call ensure_installed(home) or run `scripts/labelstudio start`."
        )
    pg: PostgresTarget | None
    with locked(home):
        make_private_dir(home / DATA)
        if postgres or database_url:
            require_postgres_driver(home)
        if postgres:
            info, creds, pg = _start_with_cluster(home, port=port, postgres_port=postgres_port)
        else:
            pg = parse_database_url(database_url) if database_url else None
            creds = load_or_create_credentials(home, home / DATA, "postgresql" if pg else "sqlite")
            info = _reuse_or_spawn(home, port=port, creds=creds, pg=pg)
    # Wait outside the lock so that `stop` (or a second `start`) is not blocked.
    try:
        wait_until_healthy(info, home, deadline=deadline, creds=creds, pg=pg)
    except LabelStudioServerError:
        if postgres and not is_our_server(info.pid, info.data_dir):
            with locked(home):  # Label Studio is gone: its database goes too
                postgres_cluster.stop_cluster(home)
        raise
    verify_token(info, home, creds)
    return info


def _start_with_cluster(
    home: Path, *, port: int, postgres_port: int | None
) -> tuple[ServerInfo, Credentials, PostgresTarget]:
    """Start the home's own PostgreSQL (creating it on first use), then the server on it;
    the caller holds the lock. PostgreSQL is stopped again when the server cannot start."""
    if postgres_cluster.read_cluster(home) is not None and read_credentials(home) is None:
        raise LabelStudioServerError(
            f"{home / postgres_cluster.PG_DIR} holds Label Studio's database but "
            f"{home / CREDENTIALS_FILE} is missing, so the admin token is unknown. Fix: restore "
            "credentials.json, or move the postgres folder and postgres.json away to start empty."
        )
    creds = load_or_create_credentials(home, home / DATA, "postgresql")
    cluster = postgres_cluster.ensure_cluster(home, port=postgres_port)
    pg = cluster.target()
    started = postgres_cluster.start_cluster(cluster)
    try:
        info = _reuse_or_spawn(home, port=port, creds=creds, pg=pg)
    except LabelStudioServerError:
        if started:
            postgres_cluster.stop_cluster(home)
        raise
    return info, creds, pg


def _reuse_or_spawn(
    home: Path, *, port: int, creds: Credentials, pg: PostgresTarget | None
) -> ServerInfo:
    """The running server when it has these settings, else a new one; the caller holds the lock."""
    running = status(home)
    if running is None:
        database: Database = "postgresql" if pg else "sqlite"
        return _spawn(home, port=port, database=database, creds=creds, pg=pg)
    if running.port != port or read_state(home).get("target") != target(pg):
        raise LabelStudioServerError(
            f"a Label Studio server from {home} is already running at {running.url} "
            f"({running.database}, pid {running.pid}) with other settings than requested. "
            "Fix: `scripts/labelstudio stop` first, or use the running one."
        )
    return running


def _spawn(
    home: Path,
    *,
    port: int,
    database: Database,
    creds: Credentials,
    pg: PostgresTarget | None,
) -> ServerInfo:
    """Launch the server detached; the caller holds the lock.

    A short-lived launcher process starts Label Studio in a new session (its
    pid is also its process group) and exits at once, so the server is never
    a child of the caller: no zombie, no "subprocess still running" warning,
    and it outlives the caller.
    """
    clear_run_files(home)
    if port_in_use(port):
        raise LabelStudioServerError(
            f"port {port} on {LOOPBACK} is already in use by another program "
            "(Label Studio would silently move to another port). "
            "Fix: stop that program or choose another port with --port / NEWSGOLD_LS_PORT."
        )
    data_dir = home / DATA
    url = f"http://{LOOPBACK}:{port}"
    pid = _launch(home, url=url, port=port, database=database, creds=creds, pg=pg)
    state = {
        "pid": pid,
        "port": port,
        "url": url,
        "database": database,
        "target": target(pg),
        "data_dir": str(data_dir),
        "started_at": time.time(),
    }
    write_run_files(home, pid, state)
    return ServerInfo(url=url, pid=pid, port=port, data_dir=data_dir, database=database)


def _launch(
    home: Path,
    *,
    url: str,
    port: int,
    database: Database,
    creds: Credentials,
    pg: PostgresTarget | None,
) -> int:
    """Start the server process with its output appended to the log; its pid."""
    exe = executable(home)
    data_dir = home / DATA
    command = server_command(venv_python(home), exe, port=port, data_dir=data_dir)
    env = server_env(os.environ, data_dir, creds, pg)
    reinstall = f"Fix: delete {home / VENV} and run `scripts/labelstudio start` to reinstall."
    log_fd = os.open(log_path(home), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(log_fd, "ab") as log:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        log.write(f"\n=== {stamp} newsgold: starting Label Studio at {url} ({database})\n".encode())
        log.flush()
        try:
            launched = launch_detached(command, cwd=home, env=env, log=log)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LabelStudioServerError(
                f"cannot launch {exe} ({type(exc).__name__}). Log: {log_path(home)}. {reinstall}"
            ) from None
    pid_text = launched.stdout.decode(errors="replace").strip()
    if launched.returncode != 0 or not pid_text.isdigit():
        raise LabelStudioServerError(
            f"cannot launch {exe} (launcher exit {launched.returncode}).\n"
            f"Last lines of {log_path(home)}:\n{log_tail(home, creds, pg)}\n{reinstall}"
        )
    return int(pid_text)


def stop(home: Path, *, timeout: float = 30) -> bool:
    """Stop the server whose pid is in ``home/server.pid``, then the home's own PostgreSQL if
    it runs; True if either was stopped.

    Only a live process whose command line runs label-studio on ``home/data``
    is signalled: SIGTERM to its process group, SIGKILL after ``timeout``.
    """
    home = home.expanduser().absolute()
    with locked(home):
        stopped = _stop_server(home, timeout=timeout)
        return postgres_cluster.stop_cluster(home) or stopped


def _stop_server(home: Path, *, timeout: float) -> bool:
    pid = read_pid(home)
    if pid is None or not is_our_server(pid, home / DATA):
        clear_run_files(home)
        return False
    group = pid if process_group(pid) == pid else None
    send_signal(pid, group, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if pid_alive(pid):
        send_signal(pid, group, signal.SIGKILL)
        kill_deadline = time.monotonic() + 10
        while pid_alive(pid) and time.monotonic() < kill_deadline:
            time.sleep(0.1)
    if pid_alive(pid):
        raise LabelStudioServerError(
            f"Label Studio (pid {pid}) did not exit after SIGTERM and SIGKILL. "
            f"Log: {log_path(home)}. Fix: check the process with `ps -p {pid}`."
        )
    clear_run_files(home)
    return True
