"""The admin credentials file: created once, private, and its errors name the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.labelstudio.server.credentials import (
    ADMIN_EMAIL,
    admin_login,
    api_key,
    load_or_create_credentials,
    read_credentials,
)
from annotate.labelstudio.server.home import LabelStudioServerError


def test_the_first_start_creates_private_credentials_and_later_ones_reuse_them(
    tmp_path: Path,
) -> None:
    created = load_or_create_credentials(tmp_path, tmp_path / "data", "sqlite")
    path = tmp_path / "credentials.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert created.username == ADMIN_EMAIL and len(created.token) == 40
    assert created.password not in repr(created) and created.token not in repr(created)
    assert load_or_create_credentials(tmp_path, tmp_path / "data", "sqlite") == created
    assert api_key(tmp_path) == created.token
    assert admin_login(tmp_path) == (ADMIN_EMAIL, created.password)


def test_no_file_means_no_credentials_yet(tmp_path: Path) -> None:
    assert read_credentials(tmp_path) is None
    with pytest.raises(LabelStudioServerError, match="scripts/labelstudio start"):
        api_key(tmp_path)


def test_a_broken_file_is_named_with_its_line_and_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    path.write_text('{"username": "admin",\n "password": "rahasia-sekali" "token": 1}\n')
    with pytest.raises(LabelStudioServerError) as caught:
        read_credentials(tmp_path)
    message = str(caught.value)
    assert f"{path}: invalid JSON at line 2" in message
    assert "rahasia-sekali" not in message
    assert "Fix: restore it from a backup" in message


def test_a_file_without_the_token_is_refused(tmp_path: Path) -> None:
    (tmp_path / "credentials.json").write_text(json.dumps({"username": "a", "password": "b"}))
    with pytest.raises(LabelStudioServerError, match="lacks username/password/token"):
        read_credentials(tmp_path)


def test_loose_permissions_are_tightened(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    path.write_text(json.dumps({"username": "a", "password": "b", "token": "c"}))
    path.chmod(0o644)
    assert read_credentials(tmp_path) is not None
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_sqlite_database_without_its_credentials_is_not_overwritten(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "label_studio.sqlite3").write_bytes(b"")
    with pytest.raises(LabelStudioServerError, match="admin token is unknown"):
        load_or_create_credentials(tmp_path, data, "sqlite")
    assert not (tmp_path / "credentials.json").exists()
