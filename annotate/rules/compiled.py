"""Use the mypyc-compiled build of the hot rule modules when it matches the sources exactly.

The PER, ORG and QTY rules are plain, fully typed Python. `scripts/build_rules.py` (run by
`scripts/test` and `scripts/demo` after installing) compiles the modules in
`COMPILED_MODULES` with mypyc, unchanged, into `.build/rules-<key>/` at the repository
root, where the key is a hash of exactly those sources and the Python version. At import,
`annotate.rules` calls `activate()`: if the build for the current key exists, its folder
goes first on the package's `__path__`, so `annotate.rules.person` and the rest load from
the compiled extensions; otherwise they load from the sources as usual.

So a compiled build is never stale: editing a rule changes the key, and until the build
script runs again the sources are used. The output is the same either way (a test compares
the two on the bundled articles and the public test sentences); only the speed differs.
Set NEWSGOLD_PURE_RULES=1 to use the sources even when a build exists.

I/O: reads the few source files once, to hash them (well under a millisecond).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

COMPILED_MODULES = ("capitals", "numbers", "quantity", "org", "person")
"""The hot modules, compiled together (they call each other). The gazetteer and lexicon
modules stay interpreted: they only load data, and the gazetteer reads files beside it."""

RULES_DIR = Path(__file__).resolve().parent
BUILD_ROOT = RULES_DIR.parent.parent / ".build"
COMPLETE = "COMPLETE"  # written last into a finished build folder
PURE_ENV = "NEWSGOLD_PURE_RULES"


def build_key() -> str:
    """Hash of the compiled modules' sources and the interpreter's ABI."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in COMPILED_MODULES:
        digest.update(name.encode() + b"\0")
        digest.update((RULES_DIR / f"{name}.py").read_bytes())
    return digest.hexdigest()[:16]


def build_dir() -> Path:
    """Where the build for the current sources lives (it may not exist)."""
    return BUILD_ROOT / f"rules-{build_key()}"


def activate(package_path: list[str]) -> bool:
    """Put the matching compiled build first on `package_path` (the `__path__` of
    `annotate.rules`) and its shared runtime library on `sys.path`. True if it did."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return False
    folder = build_dir()
    if not (folder / COMPLETE).is_file():
        return False
    if str(folder) not in sys.path:
        sys.path.append(str(folder))  # mypyc's shared library is a top-level module there
    package_path.insert(0, str(folder / "annotate" / "rules"))
    return True


def in_use() -> bool:
    """Whether the rule modules are the compiled ones (imports them)."""
    from annotate.rules import person

    return not person.__file__ or not person.__file__.endswith(".py")
