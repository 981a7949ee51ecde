"""Settle the races between concurrent pushes by the lowest-id rule. I/O: HTTP to Label Studio.

The rule and why it holds are in annotate/labelstudio/reconcile.py (the pure planning); this
module lists, creates and deletes. Writes whose answer was lost (no answer, 5xx, 408, 429;
under two writers SQLite answers "database is locked" as a 500) are retried with tenacity
after looking at what the server has, so a retry never makes a second project.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_chain, wait_fixed

from annotate.labelstudio.client import Client, Project, TaskMark
from annotate.labelstudio.reconcile import (
    ListedTask,
    TitledProject,
    ambiguous_projects,
    plan_duplicates,
    plan_project,
)
from corpus.errors import LabelStudioError

PUSH_MARK = "newsgold_push"  # key in a task's `meta`: the random id of the push that made it
SETTLE_WAIT = 1.0  # seconds before listing again once another push was seen writing


def too_large(e: BaseException) -> bool:
    """True when the server refused a request body over its upload limit (Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE, 250 MiB in Label Studio): nothing of it was carried out.
    Label Studio answers 500 "You cannot access body after reading from request's data
    stream"; a proxy in front of it answers 413."""
    return isinstance(e, LabelStudioError) and (
        e.status == 413 or (e.status == 500 and "request's data stream" in (e.detail or ""))
    )


def outcome_unknown(e: BaseException) -> bool:
    """True when a request may or may not have been carried out (no definite answer)."""
    return (
        isinstance(e, LabelStudioError)
        and (e.status is None or e.status >= 500 or e.status in (408, 429))
        and not too_large(e)
    )


def retrying(waits: Sequence[float], sleep: Callable[[float], None]) -> Retrying:
    """Retry a call whose outcome is unknown, waiting `waits` seconds in turn; then re-raise."""
    return Retrying(
        retry=retry_if_exception(outcome_unknown),
        wait=wait_chain(*(wait_fixed(w) for w in waits)) if waits else wait_fixed(0),
        stop=stop_after_attempt(len(waits) + 1),
        sleep=sleep,
        reraise=True,
    )


# ------------------------------------------------------------------------- project


def _too_many(client: Client, title: str, ids: Sequence[int]) -> LabelStudioError:
    listed = ", ".join(str(i) for i in ids)
    return LabelStudioError(
        f"{len(ids)} projects with tasks are titled {title!r} at {client.url} (ids {listed}); "
        "rename all but one in Label Studio so the title names one project"
    )


def titled_project(client: Client, title: str) -> Project | None:
    """The project titled `title`: the lowest id when a race left empty strays beside it
    (their pushes delete them); LabelStudioError when two of them hold tasks."""
    titled = client.projects_titled(title)
    if not titled:
        return None
    ambiguous = ambiguous_projects(TitledProject(p.id, False, n) for p, n in titled)
    if ambiguous:
        raise _too_many(client, title, [titled[0][0].id, *ambiguous])
    return titled[0][0]


def create_titled_project(
    client: Client, title: str, *, fields: dict[str, str], retry: Retrying
) -> tuple[Project, bool]:
    """Create the project (`fields`: label_config, instructions, description) unless a race
    made one first: (the project to push into, whether this push created it).

    The description must be unique to this push (it carries a random salt): it is how a
    project made by a request whose answer was lost is recognised as this push's own."""
    description = fields["description"]
    for attempt in retry:
        with attempt:
            if attempt.retry_state.attempt_number > 1 and any(
                p.description == description for p, _ in client.projects_titled(title)
            ):
                break  # the lost request did create it
            client.create_project(title, **fields)
    titled = client.projects_titled(title)
    if not titled:  # deleted by someone the moment it was made
        raise LabelStudioError(
            f"project {title!r} was created at {client.url} but is not listed any more; "
            "push again (it creates the project anew)"
        )
    plan = plan_project(TitledProject(p.id, p.description == description, n) for p, n in titled)
    for stray in plan.delete:
        for attempt in retry:
            with attempt:
                client.discard_project(stray)
    winner = next(p for p, _ in titled if p.id == plan.use)
    return winner, winner.description == description


# ---------------------------------------------------------------------------- tasks


@dataclass(frozen=True, slots=True)
class Removed:
    task_id: int
    article_id: str
    kept_task_id: int  # the copy that stays
    same_text: bool  # the kept copy has the text this push sent


@dataclass(frozen=True, slots=True)
class Settled:
    """What settling a project's tasks did."""

    removed: tuple[Removed, ...] = ()
    kept_annotated: tuple[Removed, ...] = ()  # this push's duplicates kept: they have annotations
    listings: int = 0


def _listed(marks: Sequence[TaskMark], mark: str, mine: set[int]) -> list[ListedTask]:
    return [
        ListedTask(
            id=t.id,
            article_id=str(t.data["article_id"]),
            has_annotations=t.annotations > 0,
            created_by_me=t.id in mine or t.meta.get(PUSH_MARK) == mark,
        )
        for t in marks
        if isinstance(t.data.get("article_id"), str)
    ]


def _removed(marks: Sequence[TaskMark], ids: Sequence[int]) -> list[Removed]:
    by_id = {t.id: t for t in marks}
    lowest: dict[str, TaskMark] = {}
    for t in sorted(marks, key=lambda t: t.id):
        lowest.setdefault(str(t.data.get("article_id")), t)
    found = []
    for task_id in ids:
        task = by_id[task_id]
        kept = lowest[str(task.data["article_id"])]
        same = kept.data.get("text_sha256") == task.data.get("text_sha256")
        found.append(Removed(task_id, str(task.data["article_id"]), kept.id, same))
    return found


def _others_wrote(marks: Sequence[TaskMark], listed: Sequence[ListedTask], seen_up_to: int) -> bool:
    """Whether a task another push made appeared after this push's first listing."""
    mine = {t.id for t in listed if t.created_by_me}
    return any(t.id > seen_up_to and t.id not in mine for t in marks)


def settle_tasks(
    client: Client,
    project_id: int,
    *,
    mark: str,
    mine: set[int],
    seen_up_to: int,
    retry: Retrying,
    sleep: Callable[[float], None],
) -> Settled:
    """Delete this push's copies of articles that have a lower task (see reconcile.py).

    `mine`: the ids of the tasks this push imported (those whose answer was lost carry
    `mark` in their meta); `seen_up_to`: the highest task id of the push's first listing.
    When another push wrote meanwhile, the project is listed once more after SETTLE_WAIT, for
    an import whose ids were handed out before this listing but committed after it."""
    removed: list[Removed] = []
    kept: dict[int, Removed] = {}
    listings = 0
    for _ in range(2):
        marks = list(client.task_marks(project_id))
        listings += 1
        listed = _listed(marks, mark, mine)
        plan = plan_duplicates(listed)
        for gone in _removed(marks, plan.delete):
            deleted = False
            for attempt in retry:
                with attempt:
                    deleted = client.discard_task(gone.task_id)
            if deleted:
                removed.append(gone)
        kept.update((k.task_id, k) for k in _removed(marks, plan.kept_annotated))
        if not _others_wrote(marks, listed, seen_up_to):
            break
        sleep(SETTLE_WAIT)
    return Settled(tuple(removed), tuple(kept.values()), listings)
