"""What a push deletes after racing another push on one project or one title. Pure.

Two pushes (from two machines) may import the same article at the same time, or create a
project with the same title at the same time; no lock held on one machine can stop that. So
every push settles the race afterwards by one rule that every push applies the same way:
**the lowest id wins**. For each article the task with the lowest id is the one kept; a push
deletes the higher copies that it created itself. For a title the project with the lowest id
is the one used; a push deletes the project it created if that is not the lowest.

Why this ends with each article exactly once: a copy is deleted only when a lower copy is
visible, so the lowest copy always stays; and on SQLite (one writer at a time, ids in commit
order) every push that created a higher copy sees the lower one once its own import is done.
Nothing another push created, and no task that has annotations, is ever deleted: an annotated
duplicate is kept and reported instead (a person's work is never thrown away by a script).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListedTask:
    """What reconciliation needs to know about one task of the project."""

    id: int
    article_id: str
    has_annotations: bool
    created_by_me: bool


@dataclass(frozen=True, slots=True)
class DuplicatePlan:
    """Task ids to delete, and this push's duplicates that must stay (they have annotations)."""

    delete: tuple[int, ...] = ()
    kept_annotated: tuple[int, ...] = ()


def plan_duplicates(tasks: Iterable[ListedTask]) -> DuplicatePlan:
    """The copies this push created of an article that also has a task with a lower id
    (which stays), except those with annotations; ids in ascending order."""
    by_article: dict[str, list[ListedTask]] = defaultdict(list)
    for task in tasks:
        by_article[task.article_id].append(task)
    delete: list[int] = []
    kept: list[int] = []
    for copies in by_article.values():
        lowest = min(t.id for t in copies)
        for task in copies:
            if task.id == lowest or not task.created_by_me:
                continue
            (kept if task.has_annotations else delete).append(task.id)
    return DuplicatePlan(delete=tuple(sorted(delete)), kept_annotated=tuple(sorted(kept)))


@dataclass(frozen=True, slots=True)
class TitledProject:
    """One of the projects carrying the title a push asked for."""

    id: int
    created_by_me: bool
    task_count: int


@dataclass(frozen=True, slots=True)
class ProjectPlan:
    """The project to push into, and this push's own empty strays to delete."""

    use: int
    delete: tuple[int, ...] = ()


def plan_project(projects: Iterable[TitledProject]) -> ProjectPlan:
    """The lowest id is the project; the others this push created are deleted when empty.

    Raises ValueError when there is no project at all (the caller creates one first)."""
    ordered = sorted(projects, key=lambda p: p.id)
    if not ordered:
        raise ValueError("no project carries the title")
    winner, others = ordered[0], ordered[1:]
    strays = tuple(p.id for p in others if p.created_by_me and p.task_count == 0)
    return ProjectPlan(use=winner.id, delete=strays)


def ambiguous_projects(projects: Iterable[TitledProject]) -> tuple[int, ...]:
    """Ids of the projects besides the lowest that hold tasks (not a race's empty stray):
    the title is then truly ambiguous, and a person must rename all but one."""
    ordered = sorted(projects, key=lambda p: p.id)
    return tuple(p.id for p in ordered[1:] if p.task_count > 0)
