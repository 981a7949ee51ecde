"""Is the server up and usable: ``GET /health``, the API token check, waiting for a start,
and the (redacted) end of its log for error messages. I/O: HTTP to 127.0.0.1, reads the log.
"""

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from annotate.labelstudio.server.credentials import Credentials, redact
from annotate.labelstudio.server.home import (
    CREDENTIALS_FILE,
    LOG_TAIL_LINES,
    LOOPBACK,
    LabelStudioServerError,
    ServerInfo,
    log_path,
)
from annotate.labelstudio.server.process import clear_run_files, is_our_server
from annotate.labelstudio.server.settings import PostgresTarget


def http_get(url: str, *, token: str | None = None, timeout: float = 5.0) -> tuple[int, bytes]:
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


def health_ok(url: str, timeout: float = 3.0) -> bool:
    try:
        code, body = http_get(f"{url}/health", timeout=timeout)
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
    return health_ok(info.url, timeout=timeout)


def log_tail(home: Path, creds: Credentials | None, pg: PostgresTarget | None) -> str:
    """The last lines of the server log, with the password, token and database password
    replaced by ***."""
    try:
        lines = log_path(home).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "(no log)"
    tail = "\n".join(lines[-LOG_TAIL_LINES:])
    hidden = [creds.password, creds.token] if creds else []
    if pg is not None:
        hidden.append(pg.password)
    return redact(tail, *hidden)


def verify_token(info: ServerInfo, home: Path, creds: Credentials) -> None:
    try:
        code, _ = http_get(f"{info.url}/api/current-user/whoami", token=creds.token, timeout=15)
    except OSError as exc:
        raise LabelStudioServerError(
            f"Label Studio at {info.url} is up but the token check could not connect "
            f"({type(exc).__name__}). Log: {log_path(home)}. The server was left running; "
            "fix: `scripts/labelstudio stop` and start again."
        ) from None
    if code != 200:
        raise LabelStudioServerError(
            f"Label Studio at {info.url} is up but rejects the API token in "
            f"{home / CREDENTIALS_FILE} (HTTP {code}). The token is only set when the admin user "
            "is first created, so the data (SQLite file or PostgreSQL database) was probably "
            "created with other credentials, or legacy tokens are disabled in the organization. "
            f"Log: {log_path(home)}. The server was left running. Fix: restore the matching "
            "credentials.json, or stop the server and start with an empty data folder/database."
        )


def wait_until_healthy(
    info: ServerInfo,
    home: Path,
    *,
    deadline: float,
    creds: Credentials,
    pg: PostgresTarget | None,
) -> None:
    while True:
        if health_ok(info.url):
            return
        if not is_our_server(info.pid, info.data_dir):
            clear_run_files(home, only_pid=info.pid)
            raise LabelStudioServerError(
                f"Label Studio exited before answering {info.url}/health.\n"
                f"Last lines of {log_path(home)}:\n{log_tail(home, creds, pg)}\n"
                "Fix: read the log; common causes are a wrong database URL or an unreachable "
                "PostgreSQL, a broken venv (delete the venv folder), or a port taken by another "
                "program."
            )
        if time.monotonic() >= deadline:
            raise LabelStudioServerError(
                f"Label Studio (pid {info.pid}) did not answer {info.url}/health in time; it is "
                "still running (the first start runs database migrations and can take minutes).\n"
                f"Last lines of {log_path(home)}:\n{log_tail(home, creds, pg)}\n"
                "Fix: wait and run `scripts/labelstudio status`, start again with a larger "
                "timeout, or `scripts/labelstudio stop`."
            )
        time.sleep(0.5)
