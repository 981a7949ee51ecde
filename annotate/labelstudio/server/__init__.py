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
    <home>/postgres/          with ``postgres=True``: the PostgreSQL cluster and its log
    <home>/postgres.json      its port and generated password (mode 0600)

Modules, by what they hold:

    home         the home folder's layout, the shared types, private files, the lock
    install      uv, the venv, ``ensure_installed`` / ``installed_version``
    credentials  the admin user and API token: ``api_key`` / ``admin_login``
    settings     the server's command line and environment (SQLite or PostgreSQL). Pure.
    process      is a pid alive and ours, signals, the pid/state files
    health       HTTP checks: ``/health``, the token, waiting for the start
    postgres     the home's own PostgreSQL cluster: initdb, pg_ctl start/stop, reuse
    lifecycle    ``start`` / ``status`` / ``stop``

Secrets (password, API token, database password) are never part of a repr,
an exception message or a log line written by this package; read the token
explicitly with :func:`api_key`.

The package imports nothing outside the standard library (and `corpus.records_io`,
itself standard library only), so that ``scripts/labelstudio`` runs it without the
project's virtual environment.

I/O: starts/stops a local Label Studio process (and its PostgreSQL), HTTP to 127.0.0.1
"""

from annotate.labelstudio.server.credentials import admin_login, api_key
from annotate.labelstudio.server.health import is_healthy
from annotate.labelstudio.server.home import (
    Database,
    LabelStudioServerError,
    ServerInfo,
)
from annotate.labelstudio.server.install import (
    DEFAULT_VERSION,
    ensure_installed,
    installed_version,
)
from annotate.labelstudio.server.lifecycle import DEFAULT_PORT, start, status, stop
from annotate.labelstudio.server.process import pid_alive

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_VERSION",
    "Database",
    "LabelStudioServerError",
    "ServerInfo",
    "admin_login",
    "api_key",
    "ensure_installed",
    "installed_version",
    "is_healthy",
    "pid_alive",
    "start",
    "status",
    "stop",
]
