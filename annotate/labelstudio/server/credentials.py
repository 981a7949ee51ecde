"""The admin user and its API token, kept in ``<home>/credentials.json`` (mode 0600).

Created with random values on the first start; Label Studio sets them on the admin user
only when it creates that user, so the file and the data belong together.

I/O: reads and writes the credentials file.
"""

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from annotate.labelstudio.server.home import (
    CREDENTIALS_FILE,
    DATA,
    Database,
    LabelStudioServerError,
    read_private_json,
    write_private_json,
)

ADMIN_EMAIL = "newsgold@localhost"


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)
    token: str = field(repr=False)


def read_credentials(home: Path) -> Credentials | None:
    raw = read_private_json(
        home / CREDENTIALS_FILE, ("username", "password", "token"), data=home / DATA
    )
    if raw is None:
        return None
    return Credentials(
        username=str(raw["username"]), password=str(raw["password"]), token=str(raw["token"])
    )


def new_credentials() -> Credentials:
    # DRF's authtoken key column holds 40 characters: token_hex(20) fills it exactly.
    return Credentials(
        username=ADMIN_EMAIL, password=secrets.token_urlsafe(18), token=secrets.token_hex(20)
    )


def load_or_create_credentials(home: Path, data_dir: Path, database: Database) -> Credentials:
    creds = read_credentials(home)
    if creds is not None:
        return creds
    sqlite_db = data_dir / "label_studio.sqlite3"
    if database == "sqlite" and sqlite_db.exists():
        raise LabelStudioServerError(
            f"{sqlite_db} exists but {home / CREDENTIALS_FILE} is missing, so the admin token "
            "is unknown. Fix: restore credentials.json, or move the data folder away to start "
            "with an empty server."
        )
    creds = new_credentials()
    write_private_json(
        home / CREDENTIALS_FILE,
        {"username": creds.username, "password": creds.password, "token": creds.token},
    )
    return creds


def api_key(home: Path) -> str:
    """The legacy API token of the admin user (use as ``Authorization: Token <key>``)."""
    home = home.expanduser().absolute()
    creds = read_credentials(home)
    if creds is None:
        raise LabelStudioServerError(
            f"no credentials in {home / CREDENTIALS_FILE}. Fix: run `scripts/labelstudio start` "
            "(it creates them on the first start)."
        )
    return creds.token


def admin_login(home: Path) -> tuple[str, str]:
    """(e-mail, password) of the admin user, for logging in to the web UI."""
    home = home.expanduser().absolute()
    creds = read_credentials(home)
    if creds is None:
        raise LabelStudioServerError(
            f"no credentials in {home / CREDENTIALS_FILE}. Fix: run `scripts/labelstudio start`."
        )
    return creds.username, creds.password


def redact(text: str, *secret_values: str) -> str:
    for value in secret_values:
        if value:
            text = text.replace(value, "***")
    return text
