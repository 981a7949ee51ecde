"""What the Label Studio server is given: its command line and its environment. Pure.

Label Studio reads most settings through ``get_env(NAME)``, which looks at
``LABEL_STUDIO_NAME``, then ``HEARTEX_NAME``, then ``NAME``.  For every setting we
control, all three spellings are removed from the inherited environment before ours is
set, so a stray ``HOST``, ``DEBUG``, ``CI`` or ``PORT`` in the caller's shell cannot
change the server.

The database: SQLite in the data folder (``DJANGO_DB=sqlite``), or PostgreSQL
(``DJANGO_DB=default`` and ``POSTGRE_NAME``/``USER``/``PASSWORD``/``HOST``/``PORT``, the
names Label Studio's settings read) from a ``postgresql://`` URL.
"""

import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotate.labelstudio.server.credentials import Credentials
from annotate.labelstudio.server.home import LOOPBACK, LabelStudioServerError

MANAGED_SETTINGS = (
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
# server's interpreter (nor into uv's).
SCRUBBED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")


@dataclass(frozen=True)
class PostgresTarget:
    name: str
    user: str
    password: str = field(repr=False)
    host: str
    port: int

    def describe(self) -> str:
        """Where the database is, without the password."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.name}"


def parse_database_url(database_url: str) -> PostgresTarget:
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
    return PostgresTarget(
        name=name,
        user=user,
        password=urllib.parse.unquote(parts.password or ""),
        host=host or "localhost",
        port=port or 5432,
    )


def target(pg: PostgresTarget | None) -> str:
    """The database a server was started with, as recorded in its state file (no password)."""
    return pg.describe() if pg else "sqlite"


def server_command(python: Path, exe: Path, *, port: int, data_dir: Path) -> list[str]:
    """The command line of the server: loopback only, no browser, legacy API tokens on."""
    return [
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


def scrubbed(inherited: Mapping[str, str]) -> dict[str, str]:
    """A copy of `inherited` without the caller's Python/Django setup (`SCRUBBED`)."""
    env = dict(inherited)
    for name in SCRUBBED:
        env.pop(name, None)
    return env


def set_setting(env: dict[str, str], name: str, value: str) -> None:
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


def server_env(
    inherited: Mapping[str, str],
    data_dir: Path,
    creds: Credentials,
    pg: PostgresTarget | None,
) -> dict[str, str]:
    """The server's environment: `inherited` without every spelling of the settings we
    control, then ours (data folder, admin user, no network calls, the database)."""
    env = scrubbed(inherited)
    for name in MANAGED_SETTINGS:
        bare = name.removeprefix("LABEL_STUDIO_")
        for variant in (f"LABEL_STUDIO_{bare}", f"HEARTEX_{bare}", bare):
            env.pop(variant, None)
    env["PYTHONUNBUFFERED"] = "1"
    set_setting(env, "LABEL_STUDIO_BASE_DATA_DIR", str(data_dir))
    set_setting(env, "LABEL_STUDIO_USERNAME", creds.username)
    set_setting(env, "LABEL_STUDIO_PASSWORD", creds.password)
    set_setting(env, "LABEL_STUDIO_USER_TOKEN", creds.token)
    set_setting(env, "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN", "true")
    set_setting(env, "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK", "true")
    set_setting(env, "LABEL_STUDIO_DEBUG", "false")
    set_setting(env, "LABEL_STUDIO_CI", "false")
    # No network at start-up or at run time: PyPI version check, usage analytics,
    # backend and frontend Sentry, converter resource downloads on export.
    set_setting(env, "LABEL_STUDIO_LATEST_VERSION_CHECK", "false")
    set_setting(env, "LABEL_STUDIO_COLLECT_ANALYTICS", "false")
    set_setting(env, "LABEL_STUDIO_SENTRY_DSN", "")
    set_setting(env, "LABEL_STUDIO_FRONTEND_SENTRY_DSN", "")
    set_setting(env, "LABEL_STUDIO_CONVERTER_DOWNLOAD_RESOURCES", "false")
    for name, value in database_settings(pg).items():
        set_setting(env, name, value)
    return env


def database_settings(pg: PostgresTarget | None) -> dict[str, str]:
    """The database variables: SQLite in the data folder, or the PostgreSQL `pg`.

    ``DJANGO_DB=default`` selects Label Studio's PostgreSQL entry (its settings map
    "default" to the ``POSTGRE_*`` connection).
    """
    if pg is None:
        return {"DJANGO_DB": "sqlite"}
    return {
        "DJANGO_DB": "default",
        "POSTGRE_NAME": pg.name,
        "POSTGRE_USER": pg.user,
        "POSTGRE_PASSWORD": pg.password,
        "POSTGRE_HOST": pg.host,
        "POSTGRE_PORT": str(pg.port),
    }
