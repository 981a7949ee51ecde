"""Release versions: 'X.Y.Z' numbers, the releases under an output folder, the next one.

I/O: lists the release folders under `<out>/newsgold/`.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus.card import NAME
from corpus.errors import InputError, ReleaseExistsError

# SemVer's core version and nothing else: three ASCII numbers without leading zeros ('01.1.0'
# is refused, as SemVer refuses it), no pre-release or build part, no surrounding space. Used
# with fullmatch: `$` would also match before a final newline, and '1.1.0\n' would then name a
# release folder that ends in a newline and hides the real 1.1.0.
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", re.ASCII)


def parse_version(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of a release version 'X.Y.Z' (exactly: see SEMVER)."""
    match = SEMVER.fullmatch(version)
    if not match:
        raise InputError(
            f"version {version!r} is not of the form X.Y.Z (three numbers without leading "
            "zeros or spaces, e.g. 1.0.0)"
        )
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def releases(out_dir: Path) -> dict[str, Path]:
    """The published releases under `<out_dir>/newsgold/`, oldest version first."""
    root = out_dir / NAME
    if not root.is_dir():
        return {}
    found = [p for p in root.iterdir() if p.is_dir() and SEMVER.fullmatch(p.name)]
    return {p.name: p for p in sorted(found, key=lambda p: parse_version(p.name))}


def next_version(out_dir: Path, *, first: str = "0.1.0") -> str:
    """`first`, or the patch version after the latest release under `<out_dir>/newsgold/`."""
    existing = releases(out_dir)
    if not existing:
        return first
    major, minor, patch = parse_version(list(existing)[-1])
    return f"{major}.{minor}.{patch + 1}"


def previous_release(out_dir: Path, version: str, previous: Path | None) -> Path | None:
    """Check `version` is new and higher than every release in `out_dir`; the release the
    changelog compares with (`previous`, else the latest one)."""
    existing = releases(out_dir)
    target = out_dir / NAME / version
    if target.exists():
        raise ReleaseExistsError(version, str(target))
    if existing:
        latest = list(existing)[-1]
        if parse_version(latest) >= parse_version(version):
            raise InputError(
                f"version {version} is not higher than the latest release {latest} in "
                f"{out_dir / NAME}; versions must increase"
            )
    if previous is not None:
        return previous
    return list(existing.values())[-1] if existing else None
