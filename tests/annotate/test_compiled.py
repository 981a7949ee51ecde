"""The mypyc build of the hot rule modules: used when it matches, same output as the sources."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotate.rules import COMPILED, compiled
from tests.conftest import ARTICLES, REPO

# Texts for the comparison: every bundled article, plus hand-made sentences that reach the
# rarer branches (ranges, number words, initials, lists, acronym definitions).
SENTENCES = [
    "Harga naik 2-3 persen, sekitar Rp 1,5 triliun, dan dua ratus lima puluh warga mengungsi.",
    '"Kami siap," kata Wapres JK, Senin (3/4), bersama Dalvaro dan Kesterin.',
    "Komisi Pemberantasan Korupsi (KPK) memeriksa Roger Federer; KPK menolak berkomentar.",
    "Pak Darto (47), pengemudi ojek, berinisial RS, dan satu orang tewas di Jl Veteran.",
]

_DUMP = """
import json, sys
from annotate.preannotate import preannotate
from annotate.rules import COMPILED
from annotate.sources import parse_paths
inputs = [a for a in parse_paths([sys.argv[1]])] + json.loads(sys.argv[2])
print(json.dumps({"compiled": COMPILED, "docs": [preannotate(x).to_dict() for x in inputs]}))
"""


def _run(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    if pure:
        env[compiled.PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _DUMP, str(ARTICLES), json.dumps(SENTENCES)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
        timeout=300,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(
    os.environ.get(compiled.PURE_ENV, "") not in ("", "0"),
    reason="NEWSGOLD_PURE_RULES is set: this run tests the plain Python rules on purpose",
)
def test_compiled_build_is_in_use() -> None:
    # scripts/test builds the rules before running pytest, so CI tests (and the benchmark
    # measures) the compiled modules; without a build this fails and says how to make one.
    assert COMPILED, (
        f"no compiled rules at {compiled.build_dir()}: run `uv run python scripts/build_rules.py`"
    )
    assert compiled.in_use()


def test_compiled_and_plain_rules_give_the_same_documents() -> None:
    built, plain = _run(pure=False), _run(pure=True)
    assert plain["compiled"] is False
    assert built["compiled"] is COMPILED
    assert len(built["docs"]) == len(plain["docs"])  # type: ignore[arg-type]
    assert built["docs"] == plain["docs"]


def test_build_key_follows_every_compiled_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(compiled.RULES_DIR, rules, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(compiled, "RULES_DIR", rules)
    keys = {compiled.build_key()}
    for name in compiled.COMPILED_MODULES:
        with (rules / f"{name}.py").open("a", encoding="utf-8") as f:
            f.write("\n# edited\n")
        keys.add(compiled.build_key())
    assert len(keys) == len(compiled.COMPILED_MODULES) + 1
    # Files that are not compiled do not change it.
    (rules / "lexicon.py").write_text("# edited\n", encoding="utf-8")
    assert compiled.build_key() in keys


def test_activate_needs_a_complete_build_and_no_opt_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "BUILD_ROOT", tmp_path)
    monkeypatch.delenv(compiled.PURE_ENV, raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    folder = compiled.build_dir()
    path: list[str] = ["source"]
    assert not compiled.activate(path)  # no build
    (folder / "annotate" / "rules").mkdir(parents=True)
    assert not compiled.activate(path)  # an interrupted build: no COMPLETE marker
    (folder / compiled.COMPLETE).write_text("done\n", encoding="utf-8")
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    assert not compiled.activate(path)
    assert path == ["source"]
    monkeypatch.setenv(compiled.PURE_ENV, "0")
    assert compiled.activate(path)
    assert path == [str(folder / "annotate" / "rules"), "source"]
    assert str(folder) in sys.path
