"""The command line and environment a local Label Studio gets, SQLite or PostgreSQL (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.labelstudio.server.credentials import Credentials
from annotate.labelstudio.server.home import LabelStudioServerError
from annotate.labelstudio.server.settings import (
    MANAGED_SETTINGS,
    SCRUBBED,
    PostgresTarget,
    parse_database_url,
    server_command,
    server_env,
    target,
)

DATA = Path("/srv/anotasi/data")
CREDS = Credentials(username="admin@localhost", password="rahasia-admin", token="a" * 40)
PG = PostgresTarget(name="anotasi", user="penyunting", password="sandi db", host="db", port=5433)


def get_env(env: dict[str, str], name: str, default: str | None = None) -> str | None:
    """How Label Studio 1.23 reads a setting (core.utils.params.get_env): the first of
    LABEL_STUDIO_<name>, HEARTEX_<name>, <name> that is set."""
    for key in (f"LABEL_STUDIO_{name}", f"HEARTEX_{name}", name):
        if key in env:
            return env[key]
    return default


# ---------------------------------------------------------------------- database URL


def test_a_full_url_gives_every_part() -> None:
    pg = parse_database_url("postgresql://penyunting:sandi@db.lokal:5433/anotasi")
    assert (pg.name, pg.user, pg.password, pg.host, pg.port) == (
        "anotasi",
        "penyunting",
        "sandi",
        "db.lokal",
        5433,
    )


def test_host_and_port_default_to_libpq_defaults() -> None:
    pg = parse_database_url("postgres://penyunting@/anotasi")
    assert (pg.host, pg.port, pg.password) == ("localhost", 5432, "")


def test_percent_escapes_are_decoded() -> None:
    pg = parse_database_url("postgresql://pen%40yunting:p%40ss%3Aw%2Frd@db/ano%20tasi")
    assert (pg.user, pg.password, pg.name) == ("pen@yunting", "p@ss:w/rd", "ano tasi")


def test_a_socket_directory_in_the_query_keeps_its_case() -> None:
    pg = parse_database_url("postgresql://penyunting@/anotasi?host=/run/PostgreSQL&port=5434")
    assert (pg.host, pg.port) == ("/run/PostgreSQL", 5434)


def test_an_ipv6_host_loses_its_brackets() -> None:
    pg = parse_database_url("postgresql://penyunting:sandi@[::1]:5433/anotasi")
    assert (pg.host, pg.port) == ("::1", 5433)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://penyunting:sandi@db/anotasi", "unsupported database URL scheme 'mysql'"),
        ("postgresql://penyunting:sandi@db:lima/anotasi", "invalid port"),
        ("postgresql://db:5432/anotasi", "needs a user and a database name"),
        ("postgresql://penyunting:sandi@db:5432/", "needs a user and a database name"),
    ],
)
def test_a_bad_url_says_how_to_write_one(url: str, message: str) -> None:
    with pytest.raises(LabelStudioServerError, match=message) as caught:
        parse_database_url(url)
    assert "Fix: " in str(caught.value)
    assert "sandi" not in str(caught.value)


def test_the_password_is_in_neither_repr_nor_description() -> None:
    pg = parse_database_url("postgresql://penyunting:sandi-rahasia@db:5433/anotasi")
    assert "sandi-rahasia" not in repr(pg)
    assert pg.describe() == "postgresql://penyunting@db:5433/anotasi"
    assert target(pg) == pg.describe()
    assert target(None) == "sqlite"


# ---------------------------------------------------------------------- environment


def test_postgresql_settings_are_what_label_studio_reads() -> None:
    env = server_env({}, DATA, CREDS, PG)
    # "default" is the entry of Label Studio's DATABASES_ALL that holds the POSTGRE_* connection.
    assert get_env(env, "DJANGO_DB") == "default"
    assert get_env(env, "POSTGRE_NAME") == "anotasi"
    assert get_env(env, "POSTGRE_USER") == "penyunting"
    assert get_env(env, "POSTGRE_PASSWORD") == "sandi db"
    assert get_env(env, "POSTGRE_HOST") == "db"
    assert get_env(env, "POSTGRE_PORT") == "5433"


def test_sqlite_settings_leave_no_postgresql_connection() -> None:
    inherited = {"POSTGRE_HOST": "elsewhere", "LABEL_STUDIO_POSTGRE_NAME": "other", "X": "1"}
    env = server_env(inherited, DATA, CREDS, None)
    assert get_env(env, "DJANGO_DB") == "sqlite"
    assert not [k for k in env if "POSTGRE_" in k]
    assert env["X"] == "1"  # the rest of the caller's environment is kept


@pytest.mark.parametrize("prefix", ["LABEL_STUDIO_", "HEARTEX_", ""])
def test_a_stray_spelling_in_the_callers_shell_cannot_win(prefix: str) -> None:
    inherited = {
        f"{prefix}DJANGO_DB": "sqlite",
        f"{prefix}POSTGRE_HOST": "elsewhere",
        f"{prefix}POSTGRE_PASSWORD": "not ours",
        f"{prefix}PORT": "9999",
        f"{prefix}DEBUG": "true",
        f"{prefix}USER_TOKEN": "b" * 40,
    }
    env = server_env(inherited, DATA, CREDS, PG)
    assert get_env(env, "DJANGO_DB") == "default"
    assert get_env(env, "POSTGRE_HOST") == "db"
    assert get_env(env, "POSTGRE_PASSWORD") == "sandi db"
    assert get_env(env, "PORT") is None  # the port is on the command line
    assert get_env(env, "DEBUG") == "false"
    assert get_env(env, "USER_TOKEN") == CREDS.token


def test_every_managed_setting_is_ours_or_unset() -> None:
    inherited = {
        f"{prefix}{name.removeprefix('LABEL_STUDIO_')}": "from the shell"
        for name in MANAGED_SETTINGS
        for prefix in ("LABEL_STUDIO_", "HEARTEX_", "")
    }
    env = server_env(inherited, DATA, CREDS, PG)
    assert "from the shell" not in env.values()


def test_the_admin_user_data_dir_and_quiet_flags_are_set() -> None:
    env = server_env({}, DATA, CREDS, None)
    assert get_env(env, "BASE_DATA_DIR") == str(DATA)
    assert get_env(env, "USERNAME") == CREDS.username
    assert get_env(env, "PASSWORD") == CREDS.password
    assert get_env(env, "USER_TOKEN") == CREDS.token
    assert get_env(env, "ENABLE_LEGACY_API_TOKEN") == "true"
    assert get_env(env, "DISABLE_SIGNUP_WITHOUT_LINK") == "true"
    for name in ("LATEST_VERSION_CHECK", "COLLECT_ANALYTICS", "CONVERTER_DOWNLOAD_RESOURCES"):
        assert get_env(env, name) == "false"
    assert get_env(env, "SENTRY_DSN") == get_env(env, "FRONTEND_SENTRY_DSN") == ""
    assert env["PYTHONUNBUFFERED"] == "1"


def test_the_callers_python_setup_does_not_leak_in() -> None:
    env = server_env({name: "/somewhere" for name in SCRUBBED}, DATA, CREDS, None)
    assert not set(SCRUBBED) & set(env)


def test_the_command_line_binds_loopback_and_names_the_data_dir() -> None:
    python, exe = Path("/h/venv/bin/python"), Path("/h/venv/bin/label-studio")
    command = server_command(python, exe, port=8123, data_dir=DATA)
    assert command[:3] == [str(python), str(exe), "start"]
    assert command[command.index("--internal-host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8123"
    assert command[command.index("--data-dir") + 1] == str(DATA)
    assert "--no-browser" in command and "--enable-legacy-api-token" in command
