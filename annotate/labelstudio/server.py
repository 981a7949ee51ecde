"""Manage a local Label Studio server that lives in its own virtual environment.

Label Studio pins versions of pyarrow/Django that conflict with the project's
dependencies, so it is installed with uv into ``<home>/venv`` and run as a
detached process.  Everything the server owns lives under one *home* folder::

    <home>/venv/              label-studio==<version> and its dependencies
    <home>/data/              LABEL_STUDIO_BASE_DATA_DIR (SQLite DB, media, secret key)
    <home>/credentials.json   admin e-mail, password and legacy API token (mode 0600)
    <home>/server.pid         pid of the running server (also its process group)
    <home>/server.json        port/url/database of the running server (no secrets)
    <home>/server.log         stdout+stderr of the server

Secrets (password, API token, database password) are never part of a repr,
an exception message or a log line written by this module; read the token
explicitly with :func:`api_key`.

This module imports nothing outside the standard library so that it can be
loaded by ``scripts/labelstudio`` without the project's virtual environment.

I/O: starts/stops a local Label Studio process, HTTP to 127.0.0.1
"""

import contextlib
import fcntl
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_VERSION",
    "LabelStudioServerError",
    "ServerInfo",
    "admin_login",
    "api_key",
    "ensure_installed",
    "installed_version",
    "is_healthy",
    "start",
    "status",
    "stop",
]

DEFAULT_VERSION = "1.23.2"
DEFAULT_PORT = 8080
LOOPBACK = "127.0.0.1"
ADMIN_EMAIL = "newsgold@localhost"

Database = Literal["sqlite", "postgresql"]

_VENV = "venv"
_DATA = "data"
_PID_FILE = "server.pid"
_STATE_FILE = "server.json"
_LOG_FILE = "server.log"
_CREDENTIALS_FILE = "credentials.json"
_LOCK_FILE = ".lock"
_LOG_TAIL_LINES = 20

# Run by the caller's interpreter (python -I -c): starts argv[1:] in a new
# session with stdout/stderr on the launcher's stderr (the log), prints the
# pid and exits without waiting, so the server is re-parented away from us.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=2, stderr=2,"
    " start_new_session=True, close_fds=True)\n"
    "sys.stdout.write(f'{p.pid}\\n')\n"
    "sys.stdout.flush()\n"
    "os._exit(0)\n"
)

# Label Studio reads most settings through ``get_env(NAME)``, which looks at
# LABEL_STUDIO_NAME, then HEARTEX_NAME, then NAME.  For every setting we
# control, all three spellings are removed from the inherited environment
# before ours is set, so a stray ``HOST``, ``DEBUG``, ``CI`` or ``PORT`` in the
# caller's shell cannot change the server.
_MANAGED_SETTINGS = (
    "HOST",
    "PORT",
    "DEBUG",
    "CI",
    "BASE_DATA_DIR",
    "DATABASE_NAME",
    "DJANGO_DB",
    "POSTGRE_NAME",
    "POSTGRE_USER",
    "POSTGRE_PASSWORD",
    "POSTGRE_HOST",
    "POSTGRE_PORT",
    "USERNAME",
    "PASSWORD",
    "USER_TOKEN",
    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN",
    "DISABLE_SIGNUP_WITHOUT_LINK",
    "LATEST_VERSION_CHECK",
    "COLLECT_ANALYTICS",
    "SENTRY_DSN",
    "FRONTEND_SENTRY_DSN",
    "CONVERTER_DOWNLOAD_RESOURCES",
)
# Variables of the caller's Python/Django setup that must not leak into the
# server's interpreter.
_SCRUBBED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")


class LabelStudioServerError(RuntimeError):
    """The local Label Studio server could not be installed, started, checked or stopped.

    The message says what failed, where the server log is and how to fix it.
    It never contains the admin password or the API token.
    """


@dataclass(frozen=True)
class ServerInfo:
    """A running Label Studio server started by this module (no secrets in here)."""

    url: str
    pid: int
    port: int
    data_dir: Path
    database: Database


@dataclass(frozen=True)
class _Credentials:
    username: str
    password: str = field(repr=False)
    token: str = field(repr=False)


@dataclass(frozen=True)
class _PostgresTarget:
    name: str
    user: str
    password: str = field(repr=False)
    host: str
    port: int

    def describe(self) -> str:
        """Where the database is, without the password."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.name}"


# --------------------------------------------------------------------------- paths


def _venv_python(home: Path) -> Path:
    return home / _VENV / "bin" / "python"


def _executable(home: Path) -> Path:
    return home / _VENV / "bin" / "label-studio"


def _log_path(home: Path) -> Path:
    return home / _LOG_FILE


# --------------------------------------------------------------------- installing


def _uv_command() -> list[str]:
    """How to run uv: $UV (may hold arguments), then uv on PATH, then ``python -m uv``."""
    configured = os.environ.get("UV")
    if configured:
        # A path (as scripts/_bootstrap.sh exports it), else a command line like "python3 -m uv".
        return [configured] if Path(configured).is_file() else shlex.split(configured)
    found = shutil.which("uv")
    if found:
        return [found]
    probe = subprocess.run(
        [sys.executable, "-m", "uv", "--version"], capture_output=True, text=True, check=False
    )
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    raise LabelStudioServerError(
        "uv was not found (checked $UV, PATH and `python -m uv`). "
        "Fix: `python3 -m pip install uv`, or point $UV at a uv executable."
    )


def _installed_version(python: Path) -> str | None:
    if not python.exists():
        return None
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print(m.version('label-studio'))",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if probe.returncode != 0:
        return None
    return probe.stdout.strip() or None


def _venv_works(python: Path) -> bool:
    if not python.exists():
        return False
    probe = subprocess.run(
        [str(python), "-c", "import sys"], capture_output=True, check=False, timeout=60
    )
    return probe.returncode == 0


def _run_uv(args: list[str], what: str) -> None:
    env = dict(os.environ)
    for name in _SCRUBBED:
        env.pop(name, None)
    # Trust the platform's certificate store, as pip does (and as scripts/_bootstrap.sh
    # does): behind a proxy with its own root CA, uv's bundled roots are rejected.
    env.setdefault("UV_SYSTEM_CERTS", "1")
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-_LOG_TAIL_LINES:])
        raise LabelStudioServerError(
            f"{what} failed (exit {done.returncode}): {shlex.join(args)}\n{tail}\n"
            "Fix: check that PyPI is reachable and that uv works; "
            "deleting the venv folder and retrying starts the install from scratch."
        )


def installed_version(home: Path) -> str | None:
    """Version of label-studio in ``home/venv``, or None when it is not (usably) installed."""
    home = home.expanduser().absolute()
    if not _executable(home).exists():
        return None
    return _installed_version(_venv_python(home))


def ensure_installed(home: Path, *, version: str = DEFAULT_VERSION) -> Path:
    """Install ``label-studio==version`` into ``home/venv`` with uv, unless already there.

    Returns the path of the venv's ``label-studio`` executable.
    """
    home = home.expanduser().absolute()
    _make_private_dir(home)
    venv = home / _VENV
    python = _venv_python(home)
    exe = _executable(home)
    if exe.exists() and _installed_version(python) == version:
        return exe
    uv = _uv_command()
    if not _venv_works(python):
        _run_uv(
            [*uv, "venv", "--quiet", "--clear", "--python", sys.executable, str(venv)],
            f"creating the Label Studio venv in {venv}",
        )
    _run_uv(
        [*uv, "pip", "install", "--quiet", "--python", str(python), f"label-studio=={version}"],
        f"installing label-studio=={version} into {venv}",
    )
    installed = _installed_version(python)
    if installed != version or not exe.exists():
        raise LabelStudioServerError(
            f"label-studio=={version} is not usable in {venv} after install "
            f"(found version {installed!r}, executable present: {exe.exists()}). "
            f"Fix: delete {venv} and run again."
        )
    return exe


# --------------------------------------------------------------------- credentials


def _make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def _write_private_json(path: Path, payload: Mapping[str, object]) -> None:
    """Write JSON atomically, readable by the owner only (mode 0600)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=2)
            fh.write("\n")
        tmp.chmod(0o600)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _read_credentials(home: Path) -> _Credentials | None:
    path = home / _CREDENTIALS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise LabelStudioServerError(
            f"cannot read {path} ({type(exc).__name__}). "
            "Fix: restore it from a backup; if the server data in "
            f"{home / _DATA} is disposable, delete both and start again."
        ) from None
    try:
        creds = _Credentials(
            username=str(raw["username"]), password=str(raw["password"]), token=str(raw["token"])
        )
    except (KeyError, TypeError):
        raise LabelStudioServerError(
            f"{path} lacks username/password/token. Fix: restore it from a backup; if the server "
            f"data in {home / _DATA} is disposable, delete both and start again."
        ) from None
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return creds


def _new_credentials() -> _Credentials:
    # DRF's authtoken key column holds 40 characters: token_hex(20) fills it exactly.
    return _Credentials(
        username=ADMIN_EMAIL, password=secrets.token_urlsafe(18), token=secrets.token_hex(20)
    )


def _load_or_create_credentials(home: Path, data_dir: Path, database: Database) -> _Credentials:
    creds = _read_credentials(home)
    if creds is not None:
        return creds
    sqlite_db = data_dir / "label_studio.sqlite3"
    if database == "sqlite" and sqlite_db.exists():
        raise LabelStudioServerError(
            f"{sqlite_db} exists but {home / _CREDENTIALS_FILE} is missing, so the admin token "
            "is unknown. Fix: restore credentials.json, or move the data folder away to start "
            "with an empty server."
        )
    creds = _new_credentials()
    _write_private_json(
        home / _CREDENTIALS_FILE,
        {"username": creds.username, "password": creds.password, "token": creds.token},
    )
    return creds


def api_key(home: Path) -> str:
    """The legacy API token of the admin user (use as ``Authorization: Token <key>``)."""
    home = home.expanduser().absolute()
    creds = _read_credentials(home)
    if creds is None:
        raise LabelStudioServerError(
            f"no credentials in {home / _CREDENTIALS_FILE}. Fix: run `scripts/labelstudio start` "
            "(it creates them on the first start)."
        )
    return creds.token


def admin_login(home: Path) -> tuple[str, str]:
    """(e-mail, password) of the admin user, for logging in to the web UI."""
    home = home.expanduser().absolute()
    creds = _read_credentials(home)
    if creds is None:
        raise LabelStudioServerError(
            f"no credentials in {home / _CREDENTIALS_FILE}. Fix: run `scripts/labelstudio start`."
        )
    return creds.username, creds.password


def _redact(text: str, *secret_values: str) -> str:
    for value in secret_values:
        if value:
            text = text.replace(value, "***")
    return text


# ------------------------------------------------------------------------ database


def _parse_database_url(database_url: str) -> _PostgresTarget:
    """postgresql://user:pass@host:port/db (also ``?host=/socket/dir`` as libpq does)."""
    parts = urllib.parse.urlsplit(database_url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise LabelStudioServerError(
            f"unsupported database URL scheme {parts.scheme!r}. "
            "Fix: use postgresql://user:password@host:port/dbname (or omit it for SQLite)."
        )
    query = urllib.parse.parse_qs(parts.query)
    try:
        port = parts.port
    except ValueError:
        raise LabelStudioServerError(
            "the database URL has an invalid port. Fix: postgresql://user:password@host:5432/dbname"
        ) from None
    # Not parts.hostname: it lower-cases, which would break a socket directory path.
    hostport = parts.netloc.rpartition("@")[2]
    if hostport.startswith("["):
        raw_host = hostport[1 : hostport.find("]")]
    else:
        raw_host = hostport.partition(":")[0]
    host = urllib.parse.unquote(raw_host) or query.get("host", [""])[0]
    if not port and query.get("port", [""])[0].isdigit():
        port = int(query["port"][0])
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    user = urllib.parse.unquote(parts.username or "")
    if not name or not user:
        raise LabelStudioServerError(
            "the database URL needs a user and a database name. "
            "Fix: postgresql://user:password@host:port/dbname"
        )
    return _PostgresTarget(
        name=name,
        user=user,
        password=urllib.parse.unquote(parts.password or ""),
        host=host or "localhost",
        port=port or 5432,
    )


# --------------------------------------------------------------------- process env


def _set_setting(env: dict[str, str], name: str, value: str) -> None:
    """Set ``name`` after removing every spelling Label Studio's get_env() would read."""
    bare = name.removeprefix("LABEL_STUDIO_")
    for variant in (
        f"LABEL_STUDIO_{bare}",
        f"HEARTEX_{bare}",
        bare,
        f"LABEL_STUDIO_{name}",
        f"HEARTEX_{name}",
    ):
        env.pop(variant, None)
    env[name] = value


def _server_env(data_dir: Path, creds: _Credentials, pg: _PostgresTarget | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in _SCRUBBED:
        env.pop(name, None)
    for name in _MANAGED_SETTINGS:
        bare = name.removeprefix("LABEL_STUDIO_")
        for variant in (f"LABEL_STUDIO_{bare}", f"HEARTEX_{bare}", bare):
            env.pop(variant, None)
    env["PYTHONUNBUFFERED"] = "1"
    _set_setting(env, "LABEL_STUDIO_BASE_DATA_DIR", str(data_dir))
    _set_setting(env, "LABEL_STUDIO_USERNAME", creds.username)
    _set_setting(env, "LABEL_STUDIO_PASSWORD", creds.password)
    _set_setting(env, "LABEL_STUDIO_USER_TOKEN", creds.token)
    _set_setting(env, "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN", "true")
    _set_setting(env, "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK", "true")
    _set_setting(env, "LABEL_STUDIO_DEBUG", "false")
    _set_setting(env, "LABEL_STUDIO_CI", "false")
    # No network at start-up or at run time: PyPI version check, usage analytics,
    # backend and frontend Sentry, converter resource downloads on export.
    _set_setting(env, "LABEL_STUDIO_LATEST_VERSION_CHECK", "false")
    _set_setting(env, "LABEL_STUDIO_COLLECT_ANALYTICS", "false")
    _set_setting(env, "LABEL_STUDIO_SENTRY_DSN", "")
    _set_setting(env, "LABEL_STUDIO_FRONTEND_SENTRY_DSN", "")
    _set_setting(env, "LABEL_STUDIO_CONVERTER_DOWNLOAD_RESOURCES", "false")
    if pg is None:
        _set_setting(env, "DJANGO_DB", "sqlite")
    else:
        _set_setting(env, "DJANGO_DB", "default")
        _set_setting(env, "POSTGRE_NAME", pg.name)
        _set_setting(env, "POSTGRE_USER", pg.user)
        _set_setting(env, "POSTGRE_PASSWORD", pg.password)
        _set_setting(env, "POSTGRE_HOST", pg.host)
        _set_setting(env, "POSTGRE_PORT", str(pg.port))
    return env


# ------------------------------------------------------------------ process checks


def pid_alive(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """An exited process nobody has reaped yet (e.g. when pid 1 does not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # Format: "pid (comm) state ..."; comm may contain spaces and parentheses.
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _cmdline(pid: int) -> str:
    proc = Path(f"/proc/{pid}/cmdline")
    try:
        return proc.read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except FileNotFoundError:
        if Path("/proc/self").exists():
            return ""
    except OSError:
        return ""
    done = subprocess.run(
        ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """True when pid is alive and runs label-studio on our data dir."""
    if not pid_alive(pid):
        return False
    cmd = _cmdline(pid)
    return "label-studio" in cmd and str(data_dir) in cmd


def _read_pid(home: Path) -> int | None:
    try:
        return int((home / _PID_FILE).read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None


def _read_state(home: Path) -> dict[str, object]:
    try:
        raw = json.loads((home / _STATE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _clear_run_files(home: Path, *, only_pid: int | None = None) -> None:
    """Remove pid and state files (only if they still name ``only_pid``, when given)."""
    if only_pid is not None and _read_pid(home) != only_pid:
        return
    for name in (_PID_FILE, _STATE_FILE):
        with contextlib.suppress(FileNotFoundError):
            (home / name).unlink()


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((LOOPBACK, port)) == 0


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """Serialize start/stop for one home folder across processes."""
    _make_private_dir(home)
    with (home / _LOCK_FILE).open("a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# -------------------------------------------------------------------------- HTTP


def _http_get(url: str, *, token: str | None = None, timeout: float = 5.0) -> tuple[int, bytes]:
    if not url.startswith(f"http://{LOOPBACK}:"):
        raise ValueError("only the local server is contacted")
    request = urllib.request.Request(url, method="GET")
    request.add_header("Accept", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Token {token}")
    # No proxies: the server is on loopback and http_proxy must not intercept it.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return int(exc.code), b""


def _health_ok(url: str, timeout: float = 3.0) -> bool:
    try:
        code, body = _http_get(f"{url}/health", timeout=timeout)
    except (OSError, ValueError):
        return False
    if code != 200:
        return False
    try:
        return bool(json.loads(body).get("status") == "UP")
    except (ValueError, AttributeError):
        return False


def is_healthy(info: ServerInfo, *, timeout: float = 3.0) -> bool:
    """Whether GET <url>/health answers {"status": "UP"}."""
    return _health_ok(info.url, timeout=timeout)


def _log_tail(home: Path, creds: _Credentials | None, pg: _PostgresTarget | None) -> str:
    try:
        lines = _log_path(home).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "(no log)"
    tail = "\n".join(lines[-_LOG_TAIL_LINES:])
    hidden = [creds.password, creds.token] if creds else []
    if pg is not None:
        hidden.append(pg.password)
    return _redact(tail, *hidden)


def _verify_token(info: ServerInfo, home: Path, creds: _Credentials) -> None:
    try:
        code, _ = _http_get(f"{info.url}/api/current-user/whoami", token=creds.token, timeout=15)
    except OSError as exc:
        raise LabelStudioServerError(
            f"Label Studio at {info.url} is up but the token check could not connect "
            f"({type(exc).__name__}). Log: {_log_path(home)}. The server was left running; "
            "fix: `scripts/labelstudio stop` and start again."
        ) from None
    if code != 200:
        raise LabelStudioServerError(
            f"Label Studio at {info.url} is up but rejects the API token in "
            f"{home / _CREDENTIALS_FILE} (HTTP {code}). The token is only set when the admin user "
            "is first created, so the data (SQLite file or PostgreSQL database) was probably "
            "created with other credentials, or legacy tokens are disabled in the organization. "
            f"Log: {_log_path(home)}. The server was left running. Fix: restore the matching "
            "credentials.json, or stop the server and start with an empty data folder/database."
        )


# ------------------------------------------------------------------------ public


def _info_from_state(home: Path, pid: int) -> ServerInfo | None:
    state = _read_state(home)
    port = state.get("port")
    database = state.get("database")
    if state.get("pid") != pid or not isinstance(port, int):
        return None
    if database not in ("sqlite", "postgresql"):
        return None
    db: Database = "postgresql" if database == "postgresql" else "sqlite"
    return ServerInfo(
        url=f"http://{LOOPBACK}:{port}", pid=pid, port=port, data_dir=home / _DATA, database=db
    )


def status(home: Path) -> ServerInfo | None:
    """Info of the server started by us from ``home`` if its process is alive, else None.

    Liveness only: use :func:`is_healthy` to know whether it answers HTTP yet.
    """
    home = home.expanduser().absolute()
    pid = _read_pid(home)
    if pid is None or not _is_our_server(pid, home / _DATA):
        return None
    return _info_from_state(home, pid)


def _wait_until_healthy(
    info: ServerInfo,
    home: Path,
    *,
    deadline: float,
    creds: _Credentials,
    pg: _PostgresTarget | None,
) -> None:
    while True:
        if _health_ok(info.url):
            return
        if not _is_our_server(info.pid, info.data_dir):
            _clear_run_files(home, only_pid=info.pid)
            raise LabelStudioServerError(
                f"Label Studio exited before answering {info.url}/health.\n"
                f"Last lines of {_log_path(home)}:\n{_log_tail(home, creds, pg)}\n"
                "Fix: read the log; common causes are a wrong database URL or an unreachable "
                "PostgreSQL, a broken venv (delete the venv folder), or a port taken by another "
                "program."
            )
        if time.monotonic() >= deadline:
            raise LabelStudioServerError(
                f"Label Studio (pid {info.pid}) did not answer {info.url}/health in time; it is "
                "still running (the first start runs database migrations and can take minutes).\n"
                f"Last lines of {_log_path(home)}:\n{_log_tail(home, creds, pg)}\n"
                "Fix: wait and run `scripts/labelstudio status`, start again with a larger "
                "timeout, or `scripts/labelstudio stop`."
            )
        time.sleep(0.5)


def start(
    home: Path,
    *,
    port: int = DEFAULT_PORT,
    database_url: str | None = None,
    timeout: float = 180,
) -> ServerInfo:
    """Start (or reuse) the local Label Studio server of ``home`` and wait until it is usable.

    SQLite in ``home/data`` by default; PostgreSQL when ``database_url``
    (postgresql://user:password@host:port/dbname) is given.  Label Studio must
    already be installed (see :func:`ensure_installed`).
    """
    home = home.expanduser().absolute()
    deadline = time.monotonic() + timeout
    pg = _parse_database_url(database_url) if database_url else None
    database: Database = "postgresql" if pg else "sqlite"
    data_dir = home / _DATA
    exe = _executable(home)
    python = _venv_python(home)
    if not exe.exists() or not python.exists():
        raise LabelStudioServerError(
            f"Label Studio is not installed in {home / _VENV}. "
            "Fix: call ensure_installed(home) or run `scripts/labelstudio start`."
        )
    with _locked(home):
        _make_private_dir(data_dir)
        creds = _load_or_create_credentials(home, data_dir, database)
        running = status(home)
        if running is not None:
            state = _read_state(home)
            wanted_target = pg.describe() if pg else "sqlite"
            if running.port != port or state.get("target") != wanted_target:
                raise LabelStudioServerError(
                    f"a Label Studio server from {home} is already running at {running.url} "
                    f"({running.database}, pid {running.pid}) with other settings than requested. "
                    "Fix: `scripts/labelstudio stop` first, or use the running one."
                )
            info = running
        else:
            info = _spawn(
                home,
                exe=exe,
                python=python,
                data_dir=data_dir,
                port=port,
                database=database,
                creds=creds,
                pg=pg,
            )
    # Wait outside the lock so that `stop` (or a second `start`) is not blocked.
    _wait_until_healthy(info, home, deadline=deadline, creds=creds, pg=pg)
    _verify_token(info, home, creds)
    return info


def _spawn(
    home: Path,
    *,
    exe: Path,
    python: Path,
    data_dir: Path,
    port: int,
    database: Database,
    creds: _Credentials,
    pg: _PostgresTarget | None,
) -> ServerInfo:
    """Launch the server detached; the caller holds the lock.

    A short-lived launcher process starts Label Studio in a new session (its
    pid is also its process group) and exits at once, so the server is never
    a child of the caller: no zombie, no "subprocess still running" warning,
    and it outlives the caller.
    """
    _clear_run_files(home)
    if _port_in_use(port):
        raise LabelStudioServerError(
            f"port {port} on {LOOPBACK} is already in use by another program "
            "(Label Studio would silently move to another port). "
            "Fix: stop that program or choose another port with --port / NEWSGOLD_LS_PORT."
        )
    command = [
        str(python),
        str(exe),
        "start",
        "--no-browser",
        "--internal-host",
        LOOPBACK,
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--enable-legacy-api-token",
    ]
    env = _server_env(data_dir, creds, pg)
    url = f"http://{LOOPBACK}:{port}"
    log_fd = os.open(_log_path(home), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(log_fd, "ab") as log:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        log.write(f"\n=== {stamp} newsgold: starting Label Studio at {url} ({database})\n".encode())
        log.flush()
        try:
            launched = subprocess.run(
                [sys.executable, "-I", "-c", _LAUNCHER, *command],
                cwd=str(home),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LabelStudioServerError(
                f"cannot launch {exe} ({type(exc).__name__}). Log: {_log_path(home)}. "
                f"Fix: delete {home / _VENV} and run `scripts/labelstudio start` to reinstall."
            ) from None
    pid_text = launched.stdout.decode(errors="replace").strip()
    if launched.returncode != 0 or not pid_text.isdigit():
        raise LabelStudioServerError(
            f"cannot launch {exe} (launcher exit {launched.returncode}).\n"
            f"Last lines of {_log_path(home)}:\n{_log_tail(home, creds, pg)}\n"
            f"Fix: delete {home / _VENV} and run `scripts/labelstudio start` to reinstall."
        )
    pid = int(pid_text)
    (home / _PID_FILE).write_text(f"{pid}\n", encoding="utf-8")
    _write_private_json(
        home / _STATE_FILE,
        {
            "pid": pid,
            "port": port,
            "url": url,
            "database": database,
            "target": pg.describe() if pg else "sqlite",
            "data_dir": str(data_dir),
            "started_at": time.time(),
        },
    )
    return ServerInfo(url=url, pid=pid, port=port, data_dir=data_dir, database=database)


def stop(home: Path, *, timeout: float = 30) -> bool:
    """Stop the server whose pid is in ``home/server.pid``; True if one was stopped.

    Only a live process whose command line runs label-studio on ``home/data``
    is signalled: SIGTERM to its process group, SIGKILL after ``timeout``.
    """
    home = home.expanduser().absolute()
    with _locked(home):
        pid = _read_pid(home)
        if pid is None:
            _clear_run_files(home)
            return False
        if not _is_our_server(pid, home / _DATA):
            _clear_run_files(home)
            return False
        group = pid if _pgid(pid) == pid else None
        _signal(pid, group, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if pid_alive(pid):
            _signal(pid, group, signal.SIGKILL)
            kill_deadline = time.monotonic() + 10
            while pid_alive(pid) and time.monotonic() < kill_deadline:
                time.sleep(0.1)
        if pid_alive(pid):
            raise LabelStudioServerError(
                f"Label Studio (pid {pid}) did not exit after SIGTERM and SIGKILL. "
                f"Log: {_log_path(home)}. Fix: check the process with `ps -p {pid}`."
            )
        _clear_run_files(home)
        return True


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def _signal(pid: int, group: int | None, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        if group is not None:
            os.killpg(group, sig)
        else:
            os.kill(pid, sig)
