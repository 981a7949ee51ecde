"""Run the pre-annotators on an article and combine their spans into one Document. Pure.

    preannotate(article)                 every family: PER, ORG, QTY, then STANCE
    preannotate("Judul\\n\\nIsi ...")      plain text, see `article_from_text`
    preannotate(article, annotators=("per.rules.v1", "org.rules.v1"))

Overlaps are resolved deterministically, in this order:

1. An ORG span whose tail is a PER span is cut before the person: head-word patterns run
   on into a name written right after the organisation ("Anggota [KPU] [Dimas Aryo
   Wicaksono]", "Analis [PT Cahaya Investama Sekuritas] [Dwi Rahayu Kusumaningrum]").
2. PER, ORG and QTY spans never overlap (guidelines §2): the longer span wins, then the
   label that comes first in the schema (PER, ORG, QTY), then the earlier span. A number
   inside a name therefore stays part of the name ("Densus 88").
3. STANCE spans are clauses and may contain the others; the stance rules run last, on the
   final entities, so every holder id names a kept entity.

With a trained model (`preannotate(article, model=load_model(folder))`), the rules run as
above, the model reads their PER/ORG spans as features, its combination policy decides which
PER/ORG spans stay, and rules 1 and 2 run again on the result before the stance rules.

`meta.source` is "rules@<version>" (with a model "rules@<version>+ner.crf.v1@<fingerprint>")
where the version changes with every edit of a rule module, a gazetteer file or this module
(`annotate.rules.rules_version`) and the fingerprint names the model's exact weights;
`meta.guidelines_version` is the version of `schema/guidelines.md`.
"""

from __future__ import annotations

import hashlib
import sys
import types
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from annotate.parse import article_id, clean_characters
from annotate.rules import (
    DEFAULT,
    ENTITY_RULES,
    QUANTITY_RULES,
    REGISTRY,
    STANCE_RULES,
    rules_version,
)
from annotate.rules.lexicon import ORG_CONNECTORS
from annotate.rules.spans import SortedSpans, overlaps
from corpus.errors import InputError, NewsgoldError, SchemaError
from corpus.records import (
    Article,
    Document,
    Entity,
    Meta,
    Offsets,
    Quantity,
    Source,
    Stance,
    span_id,
)
from corpus.records_io import json_lines
from corpus.schemas import guidelines, label_set

if TYPE_CHECKING:
    from annotate.model.spans import ScoredSpan

EntityOrQuantity = Entity | Quantity


def article_from_text(text: str) -> Article:
    """A minimal Article around plain text, for callers that have no parsed article.

    The text is NOT article-parsed (no boilerplate removal, no dateline split): it is only
    normalised as the canonical form requires (NFC, LF line ends, no zero-width or control
    characters, single spaces, no spaces at line ends; `annotate.parse.clean_characters`),
    so offsets index what the caller gave, up to those characters. Each non-empty line is a
    paragraph and the first line is the title. The id is a slug of the title and 12 hex
    digits of the text's sha256, so the same text always gets the same id.
    """
    canonical = clean_characters(text).strip("\n")
    if not canonical.strip():
        raise ValueError("cannot pre-annotate an empty text")
    paragraphs = []
    position = 0
    for line in canonical.split("\n"):
        if line:
            paragraphs.append(Offsets(position, position + len(line)))
        position += len(line) + 1
    title = canonical[paragraphs[0].start : paragraphs[0].end]
    return Article(
        id=article_id(title, canonical.encode("utf-8")),
        text=canonical,
        title=title,
        outlet=None,
        dateline=None,
        published=None,
        url=None,
        paragraphs=tuple(paragraphs),
        removed=(),
        source=Source("text", hashlib.sha256(text.encode("utf-8")).hexdigest()),
    )


def articles_from_lines(lines: Iterable[str], *, source: str) -> Iterator[Article | NewsgoldError]:
    """Articles from JSON Lines (what `annotate parse` writes), or the error of each bad line
    (named `source:line`), so one bad line never stops the others."""
    from corpus.validate import problems  # lazy: jsonschema is slow to import

    for where, record in json_lines(lines, source=source):
        if isinstance(record, InputError):
            yield record
            continue
        found = problems(record, "article")
        if found:
            yield SchemaError([str(p) for p in found], source=where)
        else:
            yield Article.from_dict(record)


def _without_trailing_connector(name: str) -> str:
    """`name` without the commas, spaces and connectors ("dan", "untuk", "of") left at its
    end where a person was cut off: "Dinas Pertanian dan [Budi]" → "Dinas Pertanian"."""
    name = name.rstrip(" ,")
    head, _, last = name.rpartition(" ")
    while head and last.lower() in ORG_CONNECTORS:
        name = head.rstrip(" ,")
        head, _, last = name.rpartition(" ")
    return name


def _cut_orgs_before_persons(
    text: str, orgs: Sequence[Entity], persons: Sequence[Entity]
) -> list[Entity]:
    person_starts = sorted(p.start for p in persons)
    person_end = {p.start: p.end for p in persons}
    out = []
    for org in orgs:
        # The first person starting inside the organisation span and reaching its end.
        i = bisect_right(person_starts, org.start)
        end = org.end
        while i < len(person_starts) and person_starts[i] < org.end:
            if person_end[person_starts[i]] >= org.end:
                end = person_starts[i]
                break
            i += 1
        if end != org.end:
            end = org.start + len(_without_trailing_connector(text[org.start : end]))
            if end <= org.start:
                continue
            org = Entity(
                span_id("entities", org.start, end),
                org.start,
                end,
                text[org.start : end],
                org.label,
            )
        out.append(org)
    return out


def resolve_overlaps(
    text: str, entities: Iterable[Entity], quantities: Iterable[Quantity]
) -> tuple[tuple[Entity, ...], tuple[Quantity, ...]]:
    """Non-overlapping entities and quantities (rules 1 and 2 of the module docstring)."""
    labels = label_set()
    order = {name: i for i, name in enumerate(labels.names)}
    person_label, org_label = labels.person_label, labels.org_label
    entities = list(entities)
    persons = [e for e in entities if e.label == person_label]
    orgs = _cut_orgs_before_persons(text, [e for e in entities if e.label == org_label], persons)
    others = [e for e in entities if e.label not in (person_label, org_label)]
    candidates: list[tuple[int, int, int, EntityOrQuantity]] = [
        (e.start - e.end, order[e.label], e.start, e) for e in [*persons, *orgs, *others]
    ]
    candidates += [(q.start - q.end, order[labels.quantity_label], q.start, q) for q in quantities]
    kept: list[EntityOrQuantity] = []
    taken = SortedSpans()  # the kept spans' places: one bisect per candidate
    for _, _, _, span in sorted(candidates, key=lambda c: c[:3]):
        if not overlaps(taken, span.start, span.end):
            taken.add(span.start, span.end)
            kept.append(span)
    kept.sort(key=lambda s: (s.start, s.end))
    return (
        tuple(s for s in kept if isinstance(s, Entity)),
        tuple(s for s in kept if isinstance(s, Quantity)),
    )


class EntityModel(Protocol):
    """A trained entity model that works with the rules (`annotate.model.ner.CrfModel`)."""

    @property
    def name(self) -> str:
        """Its registry name ("ner.crf.v1")."""
        ...

    @property
    def version(self) -> str:
        """The fingerprint of its weights."""
        ...

    def entities(self, text: str, rule_entities: Sequence[Entity]) -> list[Entity]:
        """The entities to keep, given the rules' (its combination policy decides)."""
        ...

    def scored_spans(
        self, text: str, rule_spans: Sequence[tuple[int, int, str]]
    ) -> tuple[ScoredSpan, ...]:
        """Its own PER/ORG spans with their confidence (for review priority)."""
        ...

    def span_confidence(
        self,
        text: str,
        rule_spans: Sequence[tuple[int, int, str]],
        spans: Sequence[tuple[int, int, str]],
    ) -> list[float]:
        """How sure it is of each given span, whoever drew it (a region's score)."""
        ...


def _load_crf(folder: Path) -> EntityModel:
    from annotate.model.ner import CrfModel

    return CrfModel.load(folder)


MODEL_ANNOTATORS: dict[str, Callable[[Path], EntityModel]] = {"ner.crf.v1": _load_crf}
"""Trained pre-annotators by registry name; a model folder's meta.json names its own."""


def load_model(folder: Path) -> EntityModel:
    """The model in a folder, loaded by the annotator its meta.json names (InputError with
    a one-line reason when the folder is not a usable model)."""
    from annotate.model.folder import read_meta

    name = read_meta(folder).get("annotator")
    if name not in MODEL_ANNOTATORS:
        raise InputError(
            f"meta.json names annotator {name!r}; known: {', '.join(sorted(MODEL_ANNOTATORS))}",
            source=str(folder),
        )
    return MODEL_ANNOTATORS[str(name)](folder)


def _with_model(
    text: str, model: EntityModel, entities: Sequence[Entity], quantities: Sequence[Quantity]
) -> tuple[tuple[Entity, ...], tuple[Quantity, ...]]:
    """The model's entities (combined with the rules' by its policy), overlaps resolved
    again with every quantity the rules found (rules 1 and 2 of the module docstring)."""
    return resolve_overlaps(text, model.entities(text, entities), quantities)


def preannotate(
    text_or_article: str | Article,
    *,
    annotators: Sequence[str] = DEFAULT,
    model: EntityModel | None = None,
) -> Document:
    """Pre-annotate an Article (or plain text, see `article_from_text`) with the named rules,
    and with a trained `model` (`load_model`) when given."""
    unknown = [name for name in annotators if name not in REGISTRY]
    if unknown:
        raise ValueError(
            f"unknown annotator {unknown[0]!r}; choose from {', '.join(sorted(REGISTRY))}"
        )
    article = (
        text_or_article
        if isinstance(text_or_article, Article)
        else article_from_text(text_or_article)
    )
    text = article.text
    found_entities: list[Entity] = []
    found_quantities: list[Quantity] = []
    for name in annotators:
        if name in ENTITY_RULES:
            found_entities += ENTITY_RULES[name](text)
        elif name in QUANTITY_RULES:
            found_quantities += QUANTITY_RULES[name](text)
    entities, quantities = resolve_overlaps(text, found_entities, found_quantities)
    source = f"rules@{rules_version(tuple(sorted(annotators)))}"
    if model is not None:
        entities, quantities = _with_model(text, model, entities, found_quantities)
        source += f"+{model.name}@{model.version}"
    stances: dict[tuple[int, int], Stance] = {}
    for name in annotators:
        if name in STANCE_RULES:
            for stance in STANCE_RULES[name](text, entities):
                stances.setdefault((stance.start, stance.end), stance)
    return Document(
        article=article,
        entities=entities,
        quantities=quantities,
        stances=tuple(stances[k] for k in sorted(stances)),
        meta=Meta(
            source=source,
            guidelines_version=guidelines().version,
        ),
    )


class _CallableModule(types.ModuleType):
    """This module, callable as its main function.

    The package exports `preannotate` (the function) lazily; once this module is imported,
    Python also binds `annotate.preannotate` to the module itself, so whichever of the two a
    caller ends up holding, calling it pre-annotates."""

    def __call__(
        self,
        text_or_article: str | Article,
        *,
        annotators: Sequence[str] = DEFAULT,
        model: EntityModel | None = None,
    ) -> Document:
        return preannotate(text_or_article, annotators=annotators, model=model)


sys.modules[__name__].__class__ = _CallableModule
