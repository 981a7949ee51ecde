"""Regenerate the CLI reference section of README.md from the commands' --help.

Example: uv run python scripts/cli_reference.py          (rewrite README.md)
         uv run python scripts/cli_reference.py --check  (exit 1 if it is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotate.clidoc import cli_apps, render, replace_section

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> int:
    current = README.read_text(encoding="utf-8")
    updated = replace_section(current, render(cli_apps()))
    if "--check" in sys.argv[1:]:
        if updated != current:
            print("README.md CLI reference is stale: run scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
