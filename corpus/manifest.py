"""The manifest of a release (`manifest.json`): sha256 and size of every other file, and
where the gold set came from. I/O: hashes files, reads and writes the manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from corpus.errors import InputError
from corpus.records import JSON
from corpus.records_io import read_json

MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_files(root: Path) -> dict[str, JSON]:
    """sha256 and size of every file under `root` but the manifest, by POSIX relative path."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST)
    return {
        p.relative_to(root).as_posix(): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
        for p in files
    }


def write_manifest(root: Path, fields: JSON) -> JSON:
    """Write `root/manifest.json`: `fields`, then the hashes of every file under `root`
    (write it last, once every other file is in place). Returns what was written."""
    manifest: JSON = {**fields, "files": manifest_files(root)}
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_manifest(release_dir: Path) -> JSON:
    """The manifest of a release folder; InputError when it is missing or not a JSON object."""
    manifest = read_json(release_dir / MANIFEST)
    if not isinstance(manifest, dict):
        raise InputError(
            "not a release manifest (a JSON object)", source=str(release_dir / MANIFEST)
        )
    return manifest


def is_release(path: Path) -> bool:
    """True for a folder that is, or looks like, a release (a manifest, or the spans data)."""
    return (path / MANIFEST).is_file() or (path / "data" / "spans").is_dir()


def verify_release(path: Path) -> list[str]:
    """Every difference between a release folder and its manifest (empty: intact). InputError
    when the manifest cannot be read."""
    if not (path / MANIFEST).is_file():
        return [f"{path}: no {MANIFEST}; not a release folder"]
    listed = read_manifest(path).get("files")
    if not isinstance(listed, dict) or not all(
        isinstance(entry, dict) and "sha256" in entry for entry in listed.values()
    ):
        return [f"{path / MANIFEST}: no list of files with their sha256; not a release manifest"]
    actual = {
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    found = [f"{path / name}: not in the manifest" for name in sorted(actual - listed.keys())]
    for name, entry in sorted(listed.items()):
        file = path / name
        if not file.is_file():
            found.append(f"{file}: missing")
        elif sha256_file(file) != entry["sha256"]:
            found.append(f"{file}: sha256 differs from the manifest")
    return found


def check_release(path: Path) -> None:
    """InputError naming the first difference (and how many there are) when the release
    folder `path` does not match its manifest, or has none."""
    broken = verify_release(path)
    if broken:
        more = f", {len(broken) - 1} more" if len(broken) > 1 else ""
        raise InputError(
            f"not an intact release ({broken[0]}{more}); use an intact copy of the release "
            "(`corpus publish` writes one, `corpus push` uploads one)",
            source=str(path),
        )
