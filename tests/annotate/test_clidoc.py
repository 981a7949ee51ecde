"""The README's CLI reference is generated from --help and must be current."""

from __future__ import annotations

import pytest

from annotate.clidoc import END, START, cli_apps, render, replace_section
from tests.conftest import REPO


def test_readme_cli_reference_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert replace_section(readme, render(cli_apps())) == readme, (
        "README.md CLI reference is stale: run `uv run python scripts/cli_reference.py`"
    )


def test_every_command_has_an_example() -> None:
    section = render(cli_apps())
    commands = section.count("### `")
    assert commands >= 2
    assert section.count("Example: ") == commands


def test_replace_section_needs_markers() -> None:
    with pytest.raises(ValueError, match="needs the markers"):
        replace_section("no markers here", "x")
    assert replace_section(f"a{START}old{END}b", "NEW") == "aNEWb"
