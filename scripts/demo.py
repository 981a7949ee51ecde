"""The end-to-end demo: parse the bundled articles into demo/ and report what came out.

Run it with `scripts/demo` (which installs everything first). Each step calls the same
public functions the CLIs use; nothing here exists only in this script.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotate.sources import parse_paths
from corpus.errors import NewsgoldError

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = ROOT / "demo"
    out.mkdir(exist_ok=True)
    articles, failures = [], 0
    for result in parse_paths([str(ROOT / "data" / "articles")]):
        if isinstance(result, NewsgoldError):
            print(f"error: {result}", file=sys.stderr)
            failures += 1
        else:
            articles.append(result)
    target = out / "articles.jsonl"
    tmp = target.with_suffix(".jsonl.tmp")
    tmp.write_text(
        "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles),
        encoding="utf-8",
    )
    tmp.replace(target)
    print(f"parsed {len(articles)} articles into {target.relative_to(ROOT)}")
    for article in articles:
        where = article.dateline.place if article.dateline else "-"
        print(
            f"  {article.id:64} {article.outlet or '-':18} {where or '-':10} "
            f"{len(article.paragraphs):3} paragraphs, {len(article.removed):2} removed"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
