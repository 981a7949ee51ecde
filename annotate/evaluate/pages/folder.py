"""Read a page folder: text pages with their gold, HTML pages with their expectations.

I/O: reads the folder's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotate.evaluate.pages.gold import HtmlGold, TextGold, html_gold, text_gold
from corpus.errors import InputError
from corpus.records_io import read_json

GOLD_SUFFIX = ".gold.json"
STANCE_SUFFIX = ".stance.json"
EXPECTED_SUFFIX = ".expected.json"


@dataclass(frozen=True, slots=True)
class PageSet:
    """The pages of a folder with their gold; `problems` are files that could not be used."""

    name: str
    text: tuple[tuple[TextGold, bytes], ...] = ()
    html: tuple[tuple[HtmlGold, bytes], ...] = ()
    problems: tuple[str, ...] = ()


def _read_page(folder: Path, name: str, gold_file: Path) -> bytes:
    page = folder / name
    if Path(name).name != name or not page.is_file():
        raise InputError(
            f"names the page {name!r}, which is not a file in {folder}", source=str(gold_file)
        )
    return page.read_bytes()


def read_pages(folder: Path) -> PageSet:
    """Read a page folder: text pages at its top, HTML pages in its `html/` subfolder.

    A file that cannot be used (not JSON, not in the format, naming a missing page) is
    reported in `problems` and the rest is read; a folder that does not exist or holds no
    gold at all raises InputError.
    """
    if not folder.is_dir():
        raise InputError(
            "no such folder (give the folder of NN-outlet.txt + .gold.json files)",
            source=str(folder),
        )
    text: list[tuple[TextGold, bytes]] = []
    html: list[tuple[HtmlGold, bytes]] = []
    problems: list[str] = []
    golds = sorted(folder.glob(f"*{GOLD_SUFFIX}"))
    stems = {p.name.removesuffix(GOLD_SUFFIX) for p in golds}
    for path in sorted(folder.glob(f"*{STANCE_SUFFIX}")):
        if path.name.removesuffix(STANCE_SUFFIX) not in stems:
            problems.append(
                f"{path}: no {path.name.replace(STANCE_SUFFIX, GOLD_SUFFIX)} beside it (not scored)"
            )
    for path in golds:
        stance_path = path.with_name(path.name.replace(GOLD_SUFFIX, STANCE_SUFFIX))
        try:
            stance = read_json(stance_path) if stance_path.exists() else None
            gold = text_gold(
                read_json(path), stance, source=str(path), stance_source=str(stance_path)
            )
            text.append((gold, _read_page(folder, gold.page, path)))
        except InputError as e:
            problems.append(str(e))
    expected = sorted((folder / "html").glob(f"*{EXPECTED_SUFFIX}"))
    for path in expected:
        try:
            exp = html_gold(read_json(path), source=str(path))
            html.append((exp, _read_page(path.parent, exp.page, path)))
        except InputError as e:
            problems.append(str(e))
    if not golds and not expected:
        raise InputError(
            f"no pages to score: no *{GOLD_SUFFIX} files and no html/*{EXPECTED_SUFFIX} files",
            source=str(folder),
        )
    return PageSet(folder.resolve().name, tuple(text), tuple(html), tuple(problems))
