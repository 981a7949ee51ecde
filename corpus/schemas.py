"""The JSON Schemas and the label set read from them. I/O: reads the schema files once.

`schema/` at the repository root is the single source of truth for labels,
polarities and record shapes. This is the one module that reads it; the Label
Studio config, the dataset features, the card and the evaluator all get their
labels from here.

Installed from a wheel, the schemas live in `corpus/schema/` (hatch force-include);
in a checkout they are found at `<repo>/schema/`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SCHEMA_NAMES = ("article", "document")


def schema_dir() -> Path:
    """The folder holding `article.schema.json` and `document.schema.json`."""
    packaged = Path(str(resources.files("corpus"))) / "schema"
    if (packaged / "document.schema.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "schema"
    if (checkout / "document.schema.json").is_file():
        return checkout
    raise FileNotFoundError(
        f"newsgold schemas not found in {packaged} or {checkout}; reinstall the package"
    )


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed JSON Schema `name` ('article' or 'document')."""
    if name not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {name!r}; expected one of {', '.join(SCHEMA_NAMES)}")
    path = schema_dir() / f"{name}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of an enumeration in the schema, with its documentation."""

    value: str
    title: str
    description: str
    color: str | None = None
    hotkey: str | None = None


def _choices(def_name: str) -> tuple[Choice, ...]:
    definition = load_schema("document")["$defs"][def_name]
    if "enum" in definition:
        return tuple(Choice(v, v, "") for v in definition["enum"])
    return tuple(
        Choice(
            value=item["const"],
            title=item.get("title", item["const"]),
            description=item.get("description", ""),
            color=item.get("x-color"),
            hotkey=item.get("x-hotkey"),
        )
        for item in definition["oneOf"]
    )


@dataclass(frozen=True, slots=True)
class LabelSet:
    """Everything the code needs to know about labels, read from `schema/`."""

    labels: tuple[Choice, ...]
    entity_labels: tuple[str, ...]
    polarities: tuple[Choice, ...]
    bounds: tuple[Choice, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """All span labels in schema order (PER, ORG, QTY, STANCE)."""
        return tuple(c.value for c in self.labels)

    @property
    def polarity_names(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.polarities)

    @property
    def bound_names(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.bounds)

    def label(self, name: str) -> str:
        """`name` itself when the schema defines it as a label; code names the labels it means
        (`label_set().label("PER")`) instead of taking them by position, so reordering the
        schema cannot swap them, and a label the code needs but the schema lost fails loudly."""
        if name not in self.names:
            raise ValueError(
                f"schema/document.schema.json: $defs.label has no label {name!r} "
                f"(it has {', '.join(self.names)}); the pre-annotators need it"
            )
        return name

    @property
    def person_label(self) -> str:
        return self.label("PER")

    @property
    def org_label(self) -> str:
        return self.label("ORG")

    @property
    def quantity_label(self) -> str:
        """The label of `quantities` spans."""
        return self.label("QTY")

    @property
    def stance_label(self) -> str:
        """The label of `stances` spans."""
        return self.label("STANCE")

    @property
    def token_labels(self) -> tuple[str, ...]:
        """Labels that become BIO tags: entities and quantities, not stances."""
        return (*self.entity_labels, self.quantity_label)


@cache
def label_set() -> LabelSet:
    """The label set defined in `schema/document.schema.json`."""
    defs = load_schema("document")["$defs"]
    labels = _choices("label")
    entity_labels = tuple(defs["entity_label"]["enum"])
    names = [c.value for c in labels]
    # The schema lists entity labels first, then the quantity label, then the stance label:
    # the order of Label Studio's buttons, the card's tables and the BIO tag ids.
    if names[: len(entity_labels)] != list(entity_labels) or len(names) != len(entity_labels) + 2:
        raise ValueError(
            "schema/document.schema.json: $defs.label must list the entity labels first, "
            f"then the quantity and stance labels; got {names}"
        )
    found = LabelSet(labels, entity_labels, _choices("polarity"), _choices("bound"))
    if set(found.polarity_names) != set(Polarity):
        raise ValueError(
            "schema/document.schema.json: $defs.polarity must be exactly "
            f"{', '.join(Polarity)} (corpus.schemas.Polarity); "
            f"got {', '.join(found.polarity_names)}"
        )
    for name in ("PER", "ORG"):
        if name not in entity_labels:
            raise ValueError(f"schema/document.schema.json: $defs.entity_label has no {name!r}")
    for name in ("QTY", "STANCE"):
        found.label(name)  # raises, naming the schema file, when the code's label is gone
    return found


class Polarity(StrEnum):
    """A stance's polarity: the values of `$defs.polarity` (checked by `label_set()`).
    A StrEnum, so each member is the plain string the JSON holds."""

    FAVOR = "favor"
    AGAINST = "against"
    NEUTRAL = "neutral"


@dataclass(frozen=True, slots=True)
class Guidelines:
    """The annotation guidelines shipped with the schemas (`schema/guidelines.md`)."""

    version: str
    markdown: str


@cache
def guidelines() -> Guidelines:
    """The guidelines text and its version (from the `version:` line of its front matter)."""
    path = schema_dir() / "guidelines.md"
    markdown = path.read_text(encoding="utf-8")
    front, _, body = markdown.removeprefix("---\n").partition("\n---\n")
    fields = dict(line.split(":", 1) for line in front.splitlines() if ":" in line)
    version = fields.get("version", "").strip()
    if not markdown.startswith("---\n") or not version:
        raise ValueError(f"{path}: needs front matter with a 'version:' line")
    return Guidelines(version=version, markdown=body.lstrip("\n"))
