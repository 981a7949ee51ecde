"""Push Documents to a Label Studio project as tasks with predictions. I/O: HTTP, input files.

`push_tasks(client, docs, *, project)` is idempotent and resumable:

1. The project is found by its exact title, or created with the generated labelling config
   and the guidelines as instructions. An existing project whose config differs from the
   generated one is refused (or updated with `update_config=True`).
2. The project's tasks are listed first: an article whose `article_id` is there with the
   same `text_sha256` is skipped; with another `text_sha256` it is reported as *changed*
   (never imported a second time, never overwritten).
3. The rest is imported in batches, each sent once (no SDK retry: an import is not
   idempotent). When a batch fails without a definite answer (connection lost, timeout,
   5xx), the tasks are listed again before retrying, so a batch that did land is not
   imported twice. A batch Label Studio refuses (400) is split to find the one bad task;
   a batch over the server's upload limit is split until it fits.

4. Concurrent pushes (two maintainers, two laptops: no local lock can stop them) settle
   afterwards by one rule, the lowest id wins (annotate/labelstudio/reconcile.py). Each push
   marks its tasks (`meta.newsgold_push`, random per run) and, after importing, lists the
   project and deletes the copies it made of an article that has a task with a lower id
   (never a task another push made, never one with annotations). A push that creates the
   project lists the projects with that title and, unless its own has the lowest id, deletes
   its own (still empty) project and pushes into the lowest; a push that had already chosen
   the project so deleted finds it gone (404) and starts again in the project that holds the
   title (it imports what is not there yet). Project creation and deletes
   whose answer is lost (a SQLite "database is locked" under two writers is a 500) are
   retried with tenacity; a project created by a lost request is recognised by its salt.

A run killed half-way therefore loses nothing and duplicates nothing: the next run skips
what landed and imports the rest. Two pushes at the same time end with each article once
and one project. (On PostgreSQL, where ids are not handed out in commit order, a push that
lists the project in the milliseconds between another import's id and its commit can miss
the lower copy; a second listing follows whenever another push was seen writing.)
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tenacity import Retrying

from annotate.labelstudio.client import Client, Project
from annotate.labelstudio.config import canonical, instructions, label_config
from annotate.labelstudio.convert import document_to_task
from annotate.labelstudio.race import (
    PUSH_MARK,
    Settled,
    create_titled_project,
    outcome_unknown,
    retrying,
    settle_tasks,
    titled_project,
    too_large,
)
from annotate.priority import ReviewPriority
from corpus.errors import InputError, LabelStudioError, NewsgoldError, SchemaError
from corpus.records import Article, Document
from corpus.records_io import iter_annotation_records
from corpus.validate import problems

if TYPE_CHECKING:
    from annotate.preannotate import EntityModel

SALT_LINE = "newsgold: annotator pseudonym salt {salt} (keep this line)"
SALT_PATTERN = re.compile(r"annotator pseudonym salt ([0-9a-f]{32})")
DEFAULT_BATCH_SIZE = 100
RETRY_WAITS = (1.0, 2.0, 4.0, 8.0)  # seconds before each retry of a batch with no answer

# Wraps the list of batches (e.g. in a progress bar) and yields them in order.
ProgressFn = Callable[[Sequence[Sequence[Document]]], Iterable[Sequence[Document]]]


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did (or, with `dry_run`, would do), by article id."""

    project: str
    project_id: int | None
    created: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (article id, why)
    # Articles whose copy this push deleted because a concurrent push's lower copy is there.
    duplicates_removed: tuple[str, ...] = ()
    dry_run: bool = False
    messages: tuple[str, ...] = field(default=(), repr=False)  # one line per change/failure

    @property
    def ok(self) -> bool:
        return not self.failed and not self.changed

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        where = f"project {self.project!r}" + (
            f" (id {self.project_id})" if self.project_id is not None else " (new)"
        )
        return (
            f"{where}: {len(self.created)} {verb}, {len(self.skipped)} already there, "
            f"{len(self.changed)} changed, {len(self.failed)} failed, "
            f"{len(self.duplicates_removed)} duplicates removed"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "project_id": self.project_id,
            "dry_run": self.dry_run,
            "created": list(self.created),
            "skipped": list(self.skipped),
            "changed": list(self.changed),
            "failed": [{"article_id": a, "error": why} for a, why in self.failed],
            "duplicates_removed": list(self.duplicates_removed),
        }


# ------------------------------------------------------------------------- project


def project_description(salt: str) -> str:
    return SALT_LINE.format(salt=salt)


def ensure_project(
    client: Client,
    title: str,
    *,
    update_config: bool = False,
    create: bool = True,
    retry: Retrying | None = None,
) -> Project | None:
    """The project titled `title` with newsgold's config, created when missing (`create`).

    When another push creates the same title at the same time, both end with the project of
    the lowest id (the other one's creator deletes it while it is still empty)."""
    expected = label_config()
    found = titled_project(client, title)
    if found is None:
        if not create:
            return None
        fields = {
            "label_config": expected,
            "instructions": instructions().html,
            "description": project_description(secrets.token_hex(16)),
        }
        found, ours = create_titled_project(
            client, title, fields=fields, retry=retry or retrying(RETRY_WAITS, time.sleep)
        )
        if ours:
            return found
    if canonical(found.label_config or "<View/>") != canonical(expected):
        if not update_config:
            client.check_config(found, expected)  # raises, saying how to fix it
        found = client.update_project(
            found, label_config=expected, instructions=instructions().html
        )
    return found


# ---------------------------------------------------------------------------- push


def existing_tasks(client: Client, project_id: int) -> dict[str, tuple[str, int]]:
    """article_id -> (text_sha256, task id) of the project's tasks (first task per article)."""
    found: dict[str, tuple[str, int]] = {}
    for task in client.tasks(project_id):
        article_id = task.data.get("article_id")
        if isinstance(article_id, str):
            found.setdefault(article_id, (str(task.data.get("text_sha256", "")), task.id))
    return found


@dataclass(slots=True)
class _Tally:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    task_ids: set[int] = field(default_factory=set)  # the tasks this push imported

    def fail(self, article_id: str, why: str) -> None:
        self.failed.append((article_id, why))
        self.messages.append(f"{article_id}: {why}")


def _plan(
    docs: Iterable[Document], existing: dict[str, tuple[str, int]], tally: _Tally
) -> list[Document]:
    """The Documents to import; the rest are tallied as skipped, changed or failed."""
    todo: list[Document] = []
    seen: dict[str, str] = {}
    for doc in docs:
        sha = doc.article.text_sha256
        if doc.id in seen:
            if seen[doc.id] != sha:
                tally.fail(doc.id, "given twice with different texts; push one of them")
            continue
        seen[doc.id] = sha
        if doc.id not in existing:
            todo.append(doc)
            continue
        there, task_id = existing[doc.id]
        if there == sha:
            tally.skipped.append(doc.id)
        else:
            tally.changed.append(doc.id)
            tally.messages.append(
                f"{doc.id}: the text changed since it was pushed (task {task_id} has "
                f"text_sha256 {there[:12]}…, this one {sha[:12]}…); not imported again. Fix: "
                f"delete task {task_id} in Label Studio and push again, or push to a new project"
            )
    return todo


@dataclass(frozen=True, slots=True)
class _Importer:
    """What every batch of one push is imported with."""

    client: Client
    project_id: int
    mark: str  # this run's mark on its tasks (annotate/labelstudio/race.py)
    waits: Sequence[float]
    sleep: Callable[[float], None]
    priorities: Mapping[str, ReviewPriority]


def _import_batch(run: _Importer, batch: Sequence[Document], tally: _Tally) -> None:
    client, project_id, mark, waits = run.client, run.project_id, run.mark, run.waits
    pending = list(batch)
    for attempt in range(len(waits) + 1):
        try:
            tasks = [_marked(d, mark, run.priorities.get(d.id)) for d in pending]
            ids = client.import_tasks(project_id, tasks)
        except LabelStudioError as e:
            if e.status == 404:
                raise  # the project is gone: no batch can land (push_tasks looks again)
            if not outcome_unknown(e):
                if len(pending) > 1 and (e.status == 400 or too_large(e)):
                    # One bad task makes Label Studio refuse the whole POST, and a body over
                    # its upload limit is refused whole: halve to find the task or to fit.
                    half = len(pending) // 2
                    for part in (pending[:half], pending[half:]):
                        _import_batch(run, part, tally)
                    return
                for d in pending:
                    tally.fail(d.id, _too_large_alone(d) if too_large(e) else str(e))
                return
            if attempt == len(waits):
                # No answer at all, several times: the server is down or hung, and so would
                # every later batch be. Stop with one error; a new push resumes (it skips what
                # landed), instead of a timeout and an error line per remaining document.
                raise LabelStudioError(
                    f"{e}; gave up after {attempt + 1} attempts with {len(tally.created)} "
                    "tasks created in this push. Run the push again once the server is back: "
                    "it skips the tasks that are there",
                    status=e.status,
                    detail=e.detail,
                ) from None
            run.sleep(waits[attempt])
            # No definite answer: what landed is on the server; import only the rest.
            try:
                landed = _landed(client, project_id, mark, tally)
            except LabelStudioError:
                continue  # still unreachable; the next attempt will tell
            for d in pending:
                if d.id in landed:  # ours landed, or a concurrent push imported it meanwhile
                    (tally.created if landed[d.id] else tally.skipped).append(d.id)
            pending = [d for d in pending if d.id not in landed]
            if not pending:
                return
        else:
            tally.created.extend(d.id for d in pending)
            tally.task_ids.update(ids)
            return


def _too_large_alone(doc: Document) -> str:
    size = len(json.dumps(document_to_task(doc), ensure_ascii=False).encode())
    return (
        f"its task alone ({size:,} bytes of JSON) is over the server's upload limit; raise "
        "DATA_UPLOAD_MAX_MEMORY_SIZE in the Label Studio server's environment and push again"
    )


def _marked(doc: Document, mark: str, priority: ReviewPriority | None) -> dict[str, Any]:
    """The task of `doc` (with its review priority, if any), marked as made by this push
    (see annotate/labelstudio/race.py)."""
    return {**document_to_task(doc, priority=priority), "meta": {PUSH_MARK: mark}}


def _landed(client: Client, project_id: int, mark: str, tally: _Tally) -> dict[str, bool]:
    """article_id -> whether this push made a task of it, for every article in the project;
    the ids of the tasks this push made are added to `tally.task_ids`."""
    landed: dict[str, bool] = {}
    for task in client.task_marks(project_id):
        article_id = task.data.get("article_id")
        if not isinstance(article_id, str):
            continue
        ours = task.meta.get(PUSH_MARK) == mark
        if ours:
            tally.task_ids.add(task.id)
        landed[article_id] = landed.get(article_id, False) or ours
    return landed


def _account(settled: Settled, tally: _Tally) -> None:
    """Move the articles whose copy was removed from `created` to `skipped` (or `changed`)."""
    gone = {r.article_id for r in settled.removed}
    tally.created = [a for a in tally.created if a not in gone]
    for r in settled.removed:
        tally.removed.append(r.article_id)
        if r.same_text:
            tally.skipped.append(r.article_id)
            continue
        tally.changed.append(r.article_id)
        tally.messages.append(
            f"{r.article_id}: a concurrent push imported it with another text (task "
            f"{r.kept_task_id}), so this push's copy was removed. Fix: check task "
            f"{r.kept_task_id} in Label Studio; to replace its text, delete it and push again"
        )
    for k in settled.kept_annotated:
        tally.messages.append(
            f"{k.article_id}: task {k.task_id} duplicates task {k.kept_task_id} (two pushes "
            "ran at once) and was kept because it already has annotations. Fix: keep the "
            "better-annotated one and delete the other in Label Studio"
        )


def push_tasks(
    client: Client,
    docs: Iterable[Document],
    *,
    project: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ProgressFn | None = None,
    dry_run: bool = False,
    update_config: bool = False,
    retry_waits: Sequence[float] = RETRY_WAITS,
    sleep: Callable[[float], None] = time.sleep,
    priorities: Mapping[str, ReviewPriority] | None = None,
) -> PushReport:
    """Create the tasks of `docs` that `project` does not have yet (see the module doc).
    `priorities` (article id → annotate.priority.ReviewPriority, computed by the caller from
    the rules' and the model's spans) go into the task data; without them tasks carry none."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    client.check_alive()
    retry = retrying(retry_waits, sleep)
    docs = list(docs)  # a push whose project is deleted under it starts again (below)
    found = ensure_project(
        client, project, update_config=update_config, create=not dry_run, retry=retry
    )
    tally = _Tally()
    for turn in range(1, PROJECT_TURNS + 1):
        try:
            existing = existing_tasks(client, found.id) if found is not None else {}
            if dry_run or found is None:
                tally.created.extend(d.id for d in _plan(docs, existing, tally))
            else:
                run = _Importer(client, found.id, secrets.token_hex(8), retry_waits, sleep,
                                priorities or {})  # fmt: skip
                _push_into(run, docs, existing, tally, retry, progress, batch_size)
            break
        except LabelStudioError as e:
            # In a race to create the title, the push that made a project deletes it (still
            # empty when it looked) once it sees an older one with the title; a push that had
            # already chosen that project finds it gone. The older one is the project now.
            survivor = _survivor(client, project, found, e, last=turn == PROJECT_TURNS)
            tally = _Tally(messages=[*tally.messages, _moved(found, survivor)])
            found = survivor
    return PushReport(
        project=project,
        project_id=found.id if found is not None else None,
        created=tuple(tally.created),
        skipped=tuple(tally.skipped),
        changed=tuple(tally.changed),
        failed=tuple(tally.failed),
        duplicates_removed=tuple(tally.removed),
        dry_run=dry_run,
        messages=tuple(tally.messages),
    )


PROJECT_TURNS = 3  # a push starts again at most twice in the project that holds the title


def _push_into(
    run: _Importer,
    docs: Sequence[Document],
    existing: dict[str, tuple[str, int]],
    tally: _Tally,
    retry: Retrying,
    progress: ProgressFn | None,
    batch_size: int,
) -> None:
    """Import what the project lacks (`existing`: its tasks) in batches, then settle the
    duplicates of a race."""
    todo = _plan(docs, existing, tally)
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    for batch in progress(batches) if progress else batches:
        _import_batch(run, batch, tally)
    if tally.task_ids:
        seen_up_to = max((task_id for _, task_id in existing.values()), default=0)
        settled = settle_tasks(
            run.client,
            run.project_id,
            mark=run.mark,
            mine=tally.task_ids,
            seen_up_to=seen_up_to,
            retry=retry,
            sleep=run.sleep,
        )
        _account(settled, tally)


def _survivor(
    client: Client, title: str, used: Project | None, error: LabelStudioError, *, last: bool
) -> Project:
    """The project that holds `title` now that `used` is gone; `error` again when the
    error is not that (a 404), or no other project has the title, or turns ran out."""
    if error.status != 404 or used is None or last:
        raise error
    survivor = titled_project(client, title)
    if survivor is None or survivor.id == used.id:
        raise error
    return survivor


def _moved(gone: Project | None, survivor: Project) -> str:
    return (
        f"project {gone.id if gone else '?'} was deleted while this push used it (a concurrent "
        f"push created the title at the same moment); pushed into project {survivor.id}, "
        "which holds the title"
    )


# ---------------------------------------------------------------------------- inputs

DOCUMENT_SUFFIXES = frozenset({".json", ".jsonl"})


def _record(value: Any, source: str) -> Document | Article | NewsgoldError:
    """A Document (has span lists) or an Article (to pre-annotate), checked by the schema."""
    if not isinstance(value, dict):
        return InputError("expected a JSON object (a Document or an Article)", source=source)
    kind = "document" if "entities" in value else "article"
    found = problems(value, kind)
    if found:
        return SchemaError([str(p) for p in found], source=source)
    return Document.from_dict(value) if kind == "document" else Article.from_dict(value)


def _json_records(path: Path) -> Iterator[Document | Article | NewsgoldError]:
    """The records of one `.json` (one record) or `.jsonl` (one a line) file; a record that
    cannot be read or used is its error, naming the file (and the line)."""
    try:
        for source, value in iter_annotation_records(path):
            yield value if isinstance(value, InputError) else _record(value, source)
    except InputError as e:  # the file does not exist
        yield e


def load_documents(
    paths: Iterable[str], *, model: EntityModel | None = None
) -> Iterator[Document | NewsgoldError]:
    """Documents from PATHs: Document/Article JSON or JSON Lines files (folders: `*.json`,
    `*.jsonl`), and raw articles (.txt/.html), which are parsed; Articles are pre-annotated
    (by the rules, and with a trained `model` when given)."""
    from annotate.sources import INPUT_SUFFIXES, parse_paths

    raw: list[str] = []
    records: list[Iterator[Document | Article | NewsgoldError]] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in DOCUMENT_SUFFIXES)
            records.extend(_json_records(p) for p in found)
            if any(p.suffix.lower() in INPUT_SUFFIXES for p in path.rglob("*") if p.is_file()):
                raw.append(arg)
            elif not found:
                records.append(
                    iter([InputError("folder has no articles or Documents", source=arg)])
                )
        elif path.suffix in DOCUMENT_SUFFIXES:
            records.append(_json_records(path))
        else:
            raw.append(arg)
    for item in chain(chain.from_iterable(records), parse_paths(raw)):
        if isinstance(item, NewsgoldError | Document):
            yield item
        else:
            # Imported here: the rules load their gazetteers, which only raw articles need.
            from annotate.preannotate import preannotate

            yield preannotate(item, model=model)


@dataclass(frozen=True, slots=True)
class StandInReport:
    submitted: int
    already_annotated: int


def submit_predictions_as_annotations(client: Client, project_id: int) -> StandInReport:
    """DEMO STAND-IN FOR HUMAN REVIEW: submit each unannotated task's latest prediction,
    unchanged, as its annotation. Real reviewers correct predictions in the browser instead;
    this exists so the demo and the benchmarks can run the whole flow without a person."""
    submitted = already = 0
    for listed in client.tasks(project_id, annotations=True):
        if listed.annotations:
            already += 1
            continue
        task = client.task(listed.id)  # with its predictions
        if task.predictions:
            latest = max(task.predictions, key=lambda p: int(p.get("id") or 0))
            client.create_annotation(task.id, latest["result"])
            submitted += 1
    return StandInReport(submitted, already)
