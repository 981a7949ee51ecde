"""Pre-annotation rules: one pure function per label family, in a registry of versioned names.

    "per.rules.v1"     annotate_persons(text)            -> tuple[Entity, ...]   (person.py)
    "org.rules.v1"     annotate_orgs(text)               -> tuple[Entity, ...]   (org.py)
    "qty.rules.v1"     annotate_quantities(text)         -> tuple[Quantity, ...] (quantity.py)
    "stance.rules.v1"  annotate_stances(text, entities)  -> tuple[Stance, ...]   (stance.py)

A name never changes meaning: a rule that behaves differently gets a new name (".v2"),
and `rules_version()` changes with every edit of a rule module or a gazetteer file.

I/O: `rules_version()` reads the rule sources and gazetteers once, to fingerprint them.
The rule functions themselves are pure; each family module is imported on first use,
so `import annotate.rules` stays light.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.records import Entity, Quantity, Stance

RULES_VERSION = "0.1.0"
"""The rules' release; `rules_version()` appends a fingerprint of the exact sources."""

RULES_DIR = Path(__file__).resolve().parent
GAZETTEER_DIR = RULES_DIR.parent / "gazetteers"
PIPELINE_FILE = RULES_DIR.parent / "preannotate.py"

EntityAnnotator = Callable[[str], "tuple[Entity, ...]"]
QuantityAnnotator = Callable[[str], "tuple[Quantity, ...]"]
StanceAnnotator = Callable[[str, "tuple[Entity, ...]"], "tuple[Stance, ...]"]


def annotate_persons(text: str) -> tuple[Entity, ...]:
    """PER entities (see `annotate.rules.person`)."""
    from annotate.rules.person import annotate_persons as run

    return run(text)


def annotate_orgs(text: str) -> tuple[Entity, ...]:
    """ORG entities (see `annotate.rules.org`)."""
    from annotate.rules.org import annotate_orgs as run

    return run(text)


def annotate_quantities(text: str) -> tuple[Quantity, ...]:
    """QTY spans (see `annotate.rules.quantity`)."""
    from annotate.rules.quantity import annotate_quantities as run

    return run(text)


def annotate_stances(text: str, entities: tuple[Entity, ...]) -> tuple[Stance, ...]:
    """STANCE spans with holders among `entities` (see `annotate.rules.stance`)."""
    from annotate.rules.stance import annotate_stances as run

    return run(text, entities)


ENTITY_RULES: dict[str, EntityAnnotator] = {
    "per.rules.v1": annotate_persons,
    "org.rules.v1": annotate_orgs,
}
QUANTITY_RULES: dict[str, QuantityAnnotator] = {"qty.rules.v1": annotate_quantities}
STANCE_RULES: dict[str, StanceAnnotator] = {"stance.rules.v1": annotate_stances}

REGISTRY: dict[str, EntityAnnotator | QuantityAnnotator | StanceAnnotator] = {
    **ENTITY_RULES,
    **QUANTITY_RULES,
    **STANCE_RULES,
}
"""Every pre-annotator by its versioned name."""

DEFAULT: tuple[str, ...] = tuple(REGISTRY)
"""What `preannotate` runs unless told otherwise: every family."""


def source_files(rules_dir: Path = RULES_DIR, gazetteer_dir: Path = GAZETTEER_DIR) -> list[Path]:
    """The files whose content decides the rules' output: rule modules (subpackages
    included), the pipeline that resolves overlaps, and every gazetteer list."""
    files = sorted(rules_dir.rglob("*.py")) + sorted(gazetteer_dir.glob("*.txt"))
    if PIPELINE_FILE.is_file() and rules_dir == RULES_DIR:
        files.append(PIPELINE_FILE)
    return files


def fingerprint(files: Iterable[Path], annotators: Iterable[str] = DEFAULT) -> str:
    """8 hex digits of sha256 over the files' names and bytes and the annotator names."""
    digest = hashlib.sha256()
    for name in sorted(annotators):
        digest.update(f"annotator:{name}\n".encode())
    for path in files:
        data = path.read_bytes()
        digest.update(f"file:{path.name}:{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:8]


@cache
def rules_version(annotators: tuple[str, ...] = DEFAULT) -> str:
    """'0.1.0+1a2b3c4d': the release plus a fingerprint of the sources (computed once)."""
    return f"{RULES_VERSION}+{fingerprint(source_files(), annotators)}"
