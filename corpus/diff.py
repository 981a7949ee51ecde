"""What changed between two versions of the corpus: documents and spans per label. Pure.

Both sides are streams of published views (`corpus.features.view`: the article fields and
the span lists of a Document) sorted by article id, as a gold folder or a release gives
them (`corpus.release.read_views`); they are merged in one pass, so two releases of 100k
documents compare in constant memory.

A span is identified by its label and offsets. Same label and offsets with another text,
value, unit, bound, polarity, holder or target is a *changed* span; anything else is
*added* or *removed* (a PER that becomes ORG is one PER removed and one ORG added). A
stance holder is compared by the entity it points at (label and offsets), not by its id.
Per-label totals count the spans of added and removed documents too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from corpus.records import JSON
from corpus.schemas import label_set

ARTICLE_FIELDS_COMPARED = ("title", "outlet", "published", "text")
CHANGES = ("added", "removed", "changed")
# Fields compared for a span with the same label and offsets, per span list.
_COMPARED = {
    "entities": ("text",),
    "quantities": ("text", "value", "low", "high", "unit", "approximate", "bound"),
    "stances": ("text", "polarity", "holder", "target"),
}


@dataclass(frozen=True, slots=True)
class SpanChange:
    change: str  # added, removed or changed
    label: str
    start: int
    end: int
    text: str
    details: tuple[tuple[str, Any, Any], ...] = ()  # (field, before, after) of a changed span

    def to_dict(self) -> JSON:
        out: JSON = {
            "change": self.change,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.details:
            out["details"] = {name: [before, after] for name, before, after in self.details}
        return out

    def line(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}[self.change]
        what = f"{mark} {self.label} {self.start}:{self.end} {self.text!r}"
        changes = ", ".join(
            f"{name} {before!r} → {after!r}" for name, before, after in self.details
        )
        return f"{what} ({changes})" if changes else what


@dataclass(frozen=True, slots=True)
class DocumentChange:
    id: str
    fields: tuple[str, ...]  # article fields that changed
    spans: tuple[SpanChange, ...]

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "fields": list(self.fields),
            "spans": [span.to_dict() for span in self.spans],
        }


def _empty_counts() -> dict[str, dict[str, int]]:
    return {label: dict.fromkeys(CHANGES, 0) for label in label_set().names}


@dataclass(slots=True)
class Diff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[DocumentChange] = field(default_factory=list)
    unchanged: int = 0
    labels: dict[str, dict[str, int]] = field(default_factory=_empty_counts)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> JSON:
        return {
            "documents": {
                "added": list(self.added),
                "removed": list(self.removed),
                "changed": [change.id for change in self.changed],
                "unchanged": self.unchanged,
            },
            "labels": {label: dict(counts) for label, counts in self.labels.items()},
            "changed": [change.to_dict() for change in self.changed],
        }


def _spans(view: JSON) -> dict[tuple[str, int, int], tuple[str, JSON]]:
    """Spans of a view keyed by (label, start, end), with their list name."""
    labels = label_set()
    entities = {e["id"]: e for e in view["entities"]}
    keyed: dict[tuple[str, int, int], tuple[str, JSON]] = {}
    for kind in ("entities", "quantities", "stances"):
        for span in view[kind]:
            if kind == "entities":
                label = span["label"]
            elif kind == "quantities":
                label = labels.quantity_label
            else:
                label = labels.stance_label
                holder = entities.get(span["holder"]) if span["holder"] is not None else None
                # Compare holders by what they point at: ids may be renumbered.
                span = {
                    **span,
                    "holder": None
                    if holder is None
                    else f"{holder['label']} {holder['start']}:{holder['end']}",
                }
            keyed[(label, span["start"], span["end"])] = (kind, span)
    return keyed


def diff_documents(old: JSON, new: JSON) -> DocumentChange | None:
    """What changed in one document between two views of it (None if nothing)."""
    fields = tuple(name for name in ARTICLE_FIELDS_COMPARED if old[name] != new[name])
    before, after = _spans(old), _spans(new)
    changes: list[SpanChange] = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[2], k[0])):
        label, start, end = key
        if key not in after:
            changes.append(SpanChange("removed", label, start, end, before[key][1]["text"]))
        elif key not in before:
            changes.append(SpanChange("added", label, start, end, after[key][1]["text"]))
        else:
            kind, old_span = before[key]
            new_span = after[key][1]
            details = tuple(
                (name, old_span[name], new_span[name])
                for name in _COMPARED[kind]
                if old_span[name] != new_span[name]
            )
            if details:
                changes.append(SpanChange("changed", label, start, end, new_span["text"], details))
    if not fields and not changes:
        return None
    return DocumentChange(new["id"], fields, tuple(changes))


def _sorted(views: Iterable[JSON], side: str) -> Iterator[JSON]:
    previous: str | None = None
    for view in views:
        if previous is not None and view["id"] <= previous:
            raise ValueError(
                f"{side}: documents must come sorted by id without repeats; "
                f"{view['id']!r} comes after {previous!r}"
            )
        previous = view["id"]
        yield view


def diff(old: Iterable[JSON], new: Iterable[JSON], *, spans: bool = True) -> Diff:
    """Compare two id-sorted streams of views. With `spans=False` the per-document span
    lists are dropped (the per-label totals are kept): for large changelogs."""
    result = Diff()
    old_views, new_views = _sorted(old, "old"), _sorted(new, "new")
    a, b = next(old_views, None), next(new_views, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a["id"] < b["id"]):
            assert a is not None
            result.removed.append(a["id"])
            _count(result, _spans(a), "removed")
            a = next(old_views, None)
        elif a is None or b["id"] < a["id"]:
            result.added.append(b["id"])
            _count(result, _spans(b), "added")
            b = next(new_views, None)
        else:
            change = diff_documents(a, b)
            if change is None:
                result.unchanged += 1
            else:
                for span in change.spans:
                    result.labels[span.label][span.change] += 1
                if not spans:
                    change = DocumentChange(change.id, change.fields, ())
                result.changed.append(change)
            a, b = next(old_views, None), next(new_views, None)
    return result


def _count(result: Diff, keyed: dict[tuple[str, int, int], tuple[str, JSON]], change: str) -> None:
    for label, _, _ in keyed:
        result.labels[label][change] += 1


def format_diff(result: Diff, old_name: str, new_name: str, *, limit: int | None = None) -> str:
    """The diff for a person: a summary, a per-label table, then each changed document
    (with at most `limit` of each list when given)."""
    lines = [
        f"{old_name} → {new_name}",
        f"documents: {len(result.added)} added, {len(result.removed)} removed, "
        f"{len(result.changed)} changed, {result.unchanged} unchanged",
        "",
        f"{'spans':8} {'added':>7} {'removed':>7} {'changed':>7}",
    ]
    for label, counts in result.labels.items():
        lines.append(
            f"{label:8} {counts['added']:>7} {counts['removed']:>7} {counts['changed']:>7}"
        )

    def capped(items: list[str]) -> list[str]:
        if limit is None or len(items) <= limit:
            return items
        return [*items[:limit], f"... and {len(items) - limit} more"]

    for title, ids in (("added", result.added), ("removed", result.removed)):
        if ids:
            lines += ["", f"{title}:", *(f"  {i}" for i in capped(ids))]
    if result.changed:
        lines += ["", "changed:"]
        shown = result.changed if limit is None else result.changed[:limit]
        for change in shown:
            fields = f" ({', '.join(change.fields)} changed)" if change.fields else ""
            lines.append(f"  {change.id}{fields}")
            lines += [f"    {span.line()}" for span in change.spans]
        if limit is not None and len(result.changed) > limit:
            lines.append(f"  ... and {len(result.changed) - limit} more")
    return "\n".join(lines) + "\n"
