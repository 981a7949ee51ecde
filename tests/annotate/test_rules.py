"""The rule registry's fingerprint: which files decide the rules' output."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotate.rules import GAZETTEER_DIR, RULES_DIR, fingerprint, source_files


def test_source_files_include_rule_modules_in_subpackages(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(source_files(rules, GAZETTEER_DIR))
    (rules / "quantity_parts").mkdir()
    module = rules / "quantity_parts" / "units.py"
    module.write_text('UNITS = ("ton",)\n', encoding="utf-8")
    assert module in source_files(rules, GAZETTEER_DIR)
    added = fingerprint(source_files(rules, GAZETTEER_DIR))
    assert added != before
    module.write_text('UNITS = ("ton", "kilogram")\n', encoding="utf-8")
    assert fingerprint(source_files(rules, GAZETTEER_DIR)) != added


def test_source_files_are_the_rule_modules_the_pipeline_and_the_gazetteers() -> None:
    files = source_files()
    assert RULES_DIR / "__init__.py" in files
    assert RULES_DIR.parent / "preannotate.py" in files
    gazetteers = [p for p in files if p.parent == GAZETTEER_DIR]
    assert gazetteers and all(p.suffix == ".txt" for p in gazetteers)
    assert not any(p.suffix == ".pyc" or "__pycache__" in p.parts for p in files)
