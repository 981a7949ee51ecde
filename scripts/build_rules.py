"""Compile the hot rule modules with mypyc into .build/rules-<key>/ (annotate/rules/compiled.py).

Run by scripts/test and scripts/demo after `uv sync`; does nothing when the build for the
current sources exists. The build is written to a temporary folder and renamed into place,
so a run that is interrupted, or two runs at once, never leave a half build that would be
used; builds for older sources are removed. If compiling fails (no C compiler, say), it
says so and exits 0 unless --strict: the rules then run as plain Python, with the same
output, only slower.

Example: uv run python scripts/build_rules.py
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from annotate.rules.compiled import BUILD_ROOT, COMPILED_MODULES, COMPLETE, RULES_DIR, build_dir

ROOT = RULES_DIR.parent.parent


def compile_into(target: Path) -> None:
    """mypyc-compile COMPILED_MODULES into `target` (package layout), C sources in a
    scratch folder beside it. Raises on failure, with the compiler's output."""
    from mypyc.build import mypycify  # dev dependency; imported here so --help is fast
    from setuptools import setup

    scratch = target.parent / (target.name + "-c")
    # A copy of the packages to compile from: mypyc names modules by their paths relative
    # to the working folder and type-checks their imports there, and setuptools must not
    # see the project's own pyproject.toml.
    ignore = shutil.ignore_patterns("__pycache__", "*.so")
    for package in ("annotate", "corpus"):
        shutil.copytree(ROOT / package, scratch / "src" / package, ignore=ignore)
    sources = [f"annotate/rules/{name}.py" for name in COMPILED_MODULES]
    log = io.StringIO()
    cwd = Path.cwd()
    os.chdir(scratch / "src")
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            setup(
                name="newsgold-rules",
                packages=[],
                py_modules=[],
                ext_modules=mypycify(sources, opt_level="3", target_dir=str(scratch / "c")),
                script_args=[
                    "build_ext",
                    "--build-lib",
                    str(target),
                    "--build-temp",
                    str(scratch / "temp"),
                ],
            )
    except (Exception, SystemExit) as error:  # setup() exits on compiler errors
        raise RuntimeError(f"{error}\n{log.getvalue()[-4000:]}") from None
    finally:
        os.chdir(cwd)
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when compiling fails (default: warn)"
    )
    args = parser.parse_args()
    final = build_dir()
    if (final / COMPLETE).is_file():
        return 0
    BUILD_ROOT.mkdir(exist_ok=True)
    started = time.perf_counter()
    print("build_rules: compiling the PER/ORG/QTY rules with mypyc ...", file=sys.stderr)
    with tempfile.TemporaryDirectory(dir=BUILD_ROOT, prefix="tmp-") as tmp:
        target = Path(tmp) / "build"
        try:
            compile_into(target)
        except RuntimeError as error:
            print(
                f"build_rules: compiling failed; the rules run as plain Python.\n{error}",
                file=sys.stderr,
            )
            return 1 if args.strict else 0
        (target / COMPLETE).write_text(" ".join(COMPILED_MODULES) + "\n", encoding="utf-8")
        try:
            target.rename(final)
        except OSError:
            if not (final / COMPLETE).is_file():  # not a concurrent run that finished first
                raise
    for old in BUILD_ROOT.glob("rules-*"):
        if old != final:
            shutil.rmtree(old, ignore_errors=True)
    seconds = time.perf_counter() - started
    print(
        f"build_rules: compiled into {final.relative_to(ROOT)} in {seconds:.0f} s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
