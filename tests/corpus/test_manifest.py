"""Release manifests: a broken manifest is a clear error naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.manifest import MANIFEST, verify_release, write_manifest


def test_write_manifest_lists_every_other_file_and_verify_finds_them_intact(
    tmp_path: Path,
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text("satu\n", encoding="utf-8")
    manifest = write_manifest(tmp_path, {"name": "newsgold", "version": "1.0.0"})
    assert list(manifest) == ["name", "version", "files"]
    assert list(manifest["files"]) == ["data/a.txt"]
    assert manifest["files"]["data/a.txt"]["bytes"] == 5
    assert verify_release(tmp_path) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "invalid JSON at line 1 column 2"),
        ("[]", "not a release manifest (a JSON object)"),
    ],
)
def test_verify_release_names_a_broken_manifest(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        verify_release(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path / MANIFEST}: {message}")
