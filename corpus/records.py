"""Article and Document records: frozen dataclasses with `to_dict` / `from_dict`. Pure.

The JSON Schemas in `schema/` are the contract; these classes do not re-check it
(see `corpus.validate`). `to_dict` is the one serializer used for JSON Lines, gold
files, regression snapshots and releases, so all of them share key order and shape.
Offsets are half-open Python code-point offsets into `Article.text`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Self

JSON = dict[str, Any]


def sha256_text(text: str) -> str:
    """sha256 hex digest of `text` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Plain:
    """`to_dict` / `from_dict` for a dataclass whose JSON object has one key per field, in
    field order, with the field's value as it is."""

    __slots__ = ()
    # Set by @dataclass: the names of the fields __init__ takes by position, in order.
    __match_args__: ClassVar[tuple[str, ...]]

    def to_dict(self) -> JSON:
        return {name: getattr(self, name) for name in self.__match_args__}

    @classmethod
    def from_dict(cls, d: JSON) -> Self:
        # @dataclass gives each subclass its constructor; this class has none of its own.
        make: Callable[..., Self] = cls
        return make(*[d[name] for name in cls.__match_args__])


SPAN_ID_PREFIX = {"entities": "e", "quantities": "q", "stances": "s"}


def span_id(kind: str, start: int, end: int) -> str:
    """Content id of a span: 'e79-100' for an entity at [79:100]. Unique per kind and offsets,
    so re-annotating the same text gives the same ids (and a second push is a no-op)."""
    return f"{SPAN_ID_PREFIX[kind]}{start}-{end}"


@dataclass(frozen=True, slots=True)
class Offsets(_Plain):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline(_Plain):
    outlet: str | None
    place: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Removal(_Plain):
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Source(_Plain):
    format: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str | None  # None: the page shows no headline (the text starts with the body)
    outlet: str | None
    dateline: Dateline | None
    published: str | None
    url: str | None
    paragraphs: tuple[Offsets, ...]
    removed: tuple[Removal, ...]
    source: Source
    language: str = "id"
    text_sha256: str = field(default="")

    def __post_init__(self) -> None:
        # Derived, never stored separately from the text it describes.
        object.__setattr__(self, "text_sha256", sha256_text(self.text))

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "text": self.text,
            "text_sha256": self.text_sha256,
            "title": self.title,
            "outlet": self.outlet,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "published": self.published,
            "url": self.url,
            "language": self.language,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "removed": [r.to_dict() for r in self.removed],
            "source": self.source.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: JSON) -> Self:
        return cls(
            id=d["id"],
            text=d["text"],
            title=d["title"],
            outlet=d["outlet"],
            dateline=Dateline.from_dict(d["dateline"]) if d["dateline"] else None,
            published=d["published"],
            url=d["url"],
            paragraphs=tuple(Offsets.from_dict(p) for p in d["paragraphs"]),
            removed=tuple(Removal.from_dict(r) for r in d["removed"]),
            source=Source.from_dict(d["source"]),
            language=d["language"],
        )


@dataclass(frozen=True, slots=True)
class Entity(_Plain):
    id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Quantity(_Plain):
    id: str
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approximate: bool = False
    bound: str | None = None

    def to_dict(self) -> JSON:
        d = _Plain.to_dict(self)
        for name in ("value", "low", "high"):
            d[name] = _num(d[name])
        return d


def _num(x: float | None) -> float | int | None:
    """Whole numbers serialise as integers (1300, not 1300.0), so JSON and snapshots read well."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


@dataclass(frozen=True, slots=True)
class Stance(_Plain):
    id: str
    start: int
    end: int
    text: str
    polarity: str
    holder: str | None
    target: str


@dataclass(frozen=True, slots=True)
class LabelStudioRef:
    project: int
    task: int
    annotations: tuple[int, ...] = ()

    def to_dict(self) -> JSON:
        return {"project": self.project, "task": self.task, "annotations": list(self.annotations)}

    @classmethod
    def from_dict(cls, d: JSON) -> Self:
        return cls(d["project"], d["task"], tuple(d.get("annotations", ())))


@dataclass(frozen=True, slots=True)
class Meta:
    source: str
    guidelines_version: str | None = None
    labelstudio: LabelStudioRef | None = None
    annotators: tuple[str, ...] = ()
    created: str | None = None
    updated: str | None = None

    def to_dict(self) -> JSON:
        d: JSON = {"source": self.source, "guidelines_version": self.guidelines_version}
        if self.labelstudio is not None:
            d["labelstudio"] = self.labelstudio.to_dict()
        if self.annotators:
            d["annotators"] = list(self.annotators)
        if self.created is not None:
            d["created"] = self.created
        if self.updated is not None:
            d["updated"] = self.updated
        return d

    @classmethod
    def from_dict(cls, d: JSON) -> Self:
        ls = d.get("labelstudio")
        return cls(
            source=d["source"],
            guidelines_version=d.get("guidelines_version"),
            labelstudio=LabelStudioRef.from_dict(ls) if ls else None,
            annotators=tuple(d.get("annotators", ())),
            created=d.get("created"),
            updated=d.get("updated"),
        )


@dataclass(frozen=True, slots=True)
class Document:
    """An Article with its annotations. Serialised flat: the article's keys, then the spans."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    stances: tuple[Stance, ...] = ()
    meta: Meta = field(default_factory=lambda: Meta(source="gold"))

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def with_spans(
        self,
        *,
        entities: tuple[Entity, ...] | None = None,
        quantities: tuple[Quantity, ...] | None = None,
        stances: tuple[Stance, ...] | None = None,
        meta: Meta | None = None,
    ) -> Document:
        return replace(
            self,
            entities=self.entities if entities is None else entities,
            quantities=self.quantities if quantities is None else quantities,
            stances=self.stances if stances is None else stances,
            meta=self.meta if meta is None else meta,
        )

    def to_dict(self) -> JSON:
        d = self.article.to_dict()
        d["entities"] = [e.to_dict() for e in self.entities]
        d["quantities"] = [q.to_dict() for q in self.quantities]
        d["stances"] = [s.to_dict() for s in self.stances]
        d["meta"] = self.meta.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: JSON) -> Self:
        return cls(
            article=Article.from_dict(d),
            entities=tuple(Entity.from_dict(e) for e in d["entities"]),
            quantities=tuple(Quantity.from_dict(q) for q in d["quantities"]),
            stances=tuple(Stance.from_dict(s) for s in d["stances"]),
            meta=Meta.from_dict(d["meta"]),
        )
