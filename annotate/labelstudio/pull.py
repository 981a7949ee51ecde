"""Pull reviewed annotations from Label Studio into gold Documents. I/O: HTTP, writes files.

`pull_annotations(client, *, project, out_dir)` reads the tasks of the project through Label
Studio's export endpoint (in blocks of task ids, see `pull_fetch`) and decides, task by task,
in task id order:

- only submitted, non-cancelled annotations count (skipped ones are `was_cancelled`;
  drafts are not annotations);
- a ground-truth annotation (Label Studio's star, one per task) wins: it is the reviewed,
  adjudicated version;
- otherwise a task with one annotation is accepted, and a task whose annotators all agree
  (same spans and attributes) is accepted with all of them as annotators;
- a task whose annotators disagree is a *conflict*: nothing is written for it until someone
  marks one annotation as ground truth. Conflicts go to `<conflicts>/conflicts.json`.

Every task with two annotators or more also gets one Document per annotator in
`<conflicts>/annotators/<article_id>/<annotator>.json`, the input `corpus agreement` reads.

Written Documents are `<out_dir>/<article_id>.json` (atomic writes), `meta.source` "gold",
`meta.labelstudio` {project, task, annotations}, `meta.annotators` pseudonymous ids
("ann-" + 12 hex of sha256(per-project salt + user id); never e-mails), the guidelines
version the project was created with. A task with bad input (unknown labels, offsets outside
the text, region text not matching the task text, data without article_id, ...) is
reported with its task id and skipped; the other tasks are still pulled. A gold file of this
project whose task no longer exists in Label Studio is reported as deleted and kept.

Incremental: each pull leaves a state file next to `out_dir` (`pull_state`). The next pull
asks Label Studio which tasks changed since (newest `updated_at` first), exports only those
and the ones whose files were edited or removed since, and replays the rest from the state:
a pull with nothing changed exports nothing and rewrites nothing, and its report is the one
a full pull would give. When tasks were deleted (the task count says so) it pulls everything.
A file already holding what a pull would write is left alone (not even its time changes).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotate.labelstudio.client import Client, Project, Task, TaskBounds
from annotate.labelstudio.config import canonical, label_config
from annotate.labelstudio.convert import (
    Conversion,
    QuantityReader,
    annotation_to_document,
    span_lines,
    task_article,
)
from annotate.labelstudio.pull_fetch import (
    BLOCK,
    chunks,
    id_blocks,
    prefetched,
    stale,
    unwritten_claims,
)
from annotate.labelstudio.pull_state import (
    CONFLICTS,
    OUT,
    PullState,
    TaskRecord,
    fingerprint,
    load_state,
    save_state,
    sha256,
    state_path,
)
from annotate.labelstudio.push import SALT_PATTERN
from corpus.errors import InputError
from corpus.records import Article, Document, LabelStudioRef, Meta
from corpus.records_io import gold_files, json_bytes, read_json_bytes, write_bytes_atomic
from corpus.schemas import guidelines

GOLD_SOURCE = "gold"
CONFLICTS_FILE = "conflicts.json"
ANNOTATORS_DIR = "annotators"
_VERSION = re.compile(r"guidelines, version ([^<\s]+)</strong>")

TaskProgress = Callable[[Iterable[Task]], Iterable[Task]]


@dataclass(frozen=True, slots=True)
class TaskProblem:
    task: int
    article_id: str | None
    messages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "article_id": self.article_id, "problems": list(self.messages)}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Annotators of one task who disagree; `differences` lists each side's own spans."""

    task: int
    article_id: str
    annotators: tuple[str, ...]
    annotations: tuple[int, ...]
    differences: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Conflict:
        return cls(
            task=int(d["task"]),
            article_id=str(d["article_id"]),
            annotators=tuple(d["annotators"]),
            annotations=tuple(int(a) for a in d["annotations"]),
            differences=tuple(d["differences"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "article_id": self.article_id,
            "annotators": list(self.annotators),
            "annotations": list(self.annotations),
            "differences": list(self.differences),
        }


@dataclass(frozen=True, slots=True)
class PullReport:
    project: str
    project_id: int
    tasks: int = 0
    written: tuple[str, ...] = ()  # article ids written or rewritten with new content
    unchanged: tuple[str, ...] = ()  # article ids whose gold file already had this content
    unannotated: int = 0  # tasks with no submitted, non-cancelled annotation
    conflicts: tuple[Conflict, ...] = ()
    problems: tuple[TaskProblem, ...] = ()
    deleted: tuple[tuple[str, int], ...] = ()  # (article id, task id) gone from Label Studio
    per_annotator: int = 0  # Documents written for `corpus agreement`
    conflicts_path: str | None = None
    warnings: tuple[str, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.conflicts

    def summary(self) -> str:
        return (
            f"project {self.project!r} (id {self.project_id}): {self.tasks} tasks; "
            f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.conflicts)} conflicts, {len(self.problems)} with problems, "
            f"{self.unannotated} not annotated, {len(self.deleted)} deleted"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "project_id": self.project_id,
            "tasks": self.tasks,
            "written": list(self.written),
            "unchanged": list(self.unchanged),
            "unannotated": self.unannotated,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "problems": [p.to_dict() for p in self.problems],
            "deleted": [{"article_id": a, "task": t} for a, t in self.deleted],
            "per_annotator": self.per_annotator,
            "conflicts_path": self.conflicts_path,
        }


# ----------------------------------------------------------------------- pseudonyms


def project_salt(project: Project) -> str:
    """The salt `annotate push` put in the project description; for a project made some
    other way, a stable one derived from its id and creation time."""
    found = SALT_PATTERN.search(project.description or "")
    if found:
        return found.group(1)
    return hashlib.sha256(f"newsgold:{project.id}:{project.created_at}".encode()).hexdigest()[:32]


def pseudonym(salt: str, user_id: int) -> str:
    """'ann-' + 12 hex digits: the same user gets the same id within a project, and the id
    says nothing about who it is (never an e-mail or a user name)."""
    return "ann-" + hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()[:12]


def _user_id(annotation: Mapping[str, Any]) -> int:
    by: Any = annotation["completed_by"]
    # tasks.list gives the user id, tasks.get a {"id", "email", ...} dict.
    return int(by["id"] if isinstance(by, Mapping) else by)


# --------------------------------------------------------------------------- deciding


@dataclass(frozen=True, slots=True)
class _Read:
    annotation: int
    annotator: str
    conversion: Conversion
    updated: str | None
    truth: bool


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one task (pure: from the task and its annotations' conversions)."""

    accepted: Document | None = None
    per_annotator: tuple[Document, ...] = ()
    conflict: Conflict | None = None
    problems: tuple[str, ...] = ()


def _merge(reads: Sequence[_Read], base: Meta) -> Document:
    doc = reads[0].conversion.document
    updated = max((r.updated for r in reads if r.updated), default=None)
    assert base.labelstudio is not None
    meta = replace(
        base,
        labelstudio=replace(base.labelstudio, annotations=tuple(r.annotation for r in reads)),
        annotators=tuple(dict.fromkeys(r.annotator for r in reads)),
        updated=updated,
    )
    return doc.with_spans(meta=meta)


def decide(task: Task, article_id: str, reads: Sequence[_Read], base: Meta) -> Decision:
    """Accept, report a conflict, or report problems for one task's annotations.

    `reads` are the task's submitted annotations, oldest first, each flagged as ground
    truth or not (`_Read.truth`); a ground truth decides alone.
    """
    per_annotator = tuple(_merge([r], base) for r in reads if r.conversion.ok)
    per_annotator = per_annotator if len(reads) > 1 else ()
    truths = [r for r in reads if r.truth]
    deciding = truths[-1:] or list(reads)
    bad = tuple(
        f"annotation {r.annotation} by {r.annotator}: {p}"
        for r in deciding
        for p in r.conversion.problems
    )
    if bad:
        return Decision(per_annotator=per_annotator, problems=bad)
    lines = [set(span_lines(r.conversion.document)) for r in deciding]
    if all(line == lines[0] for line in lines):
        return Decision(accepted=_merge(deciding, base), per_annotator=per_annotator)
    common = set.intersection(*lines)
    differences = tuple(
        f"only {r.annotator} (annotation {r.annotation}): {line}"
        for r, own in zip(deciding, lines, strict=True)
        for line in sorted(own - common)
    )
    conflict = Conflict(
        task=task.id,
        article_id=article_id,
        annotators=tuple(r.annotator for r in deciding),
        annotations=tuple(r.annotation for r in deciding),
        differences=differences,
    )
    return Decision(per_annotator=per_annotator, conflict=conflict)


# ------------------------------------------------------------------------------ pull


def _guidelines_version(project: Project) -> str:
    found = _VERSION.search(project.instructions or "")
    return found.group(1) if found else guidelines().version


def _existing(out_dir: Path) -> dict[str, tuple[str, bytes]]:
    """name stem -> (sha256, bytes) of the JSON files already in `out_dir` (unreadable ones
    have an empty sha). Parsed only when needed (`_gold_record`): most are known by hash."""
    if not out_dir.is_dir():
        return {}
    found: dict[str, tuple[str, bytes]] = {}
    for path in gold_files(out_dir):
        try:
            data = path.read_bytes()
        except OSError:
            found[path.stem] = ("", b"")
            continue
        found[path.stem] = (sha256(data), data)
    return found


def _gold_record(data: bytes) -> dict[str, Any] | None:
    """The gold record in `data`, or None for anything else (broken JSON, not a record)."""
    try:
        record = json.loads(data.decode("utf-8"))
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        return None
    ok = isinstance(record, dict) and isinstance(record.get("id"), str)
    return record if ok else None


def _write_if_changed(path: Path, record: dict[str, Any]) -> tuple[bool, str]:
    """Write `record` unless the file already holds it; (written?, sha256 of the file now)."""
    data = json_bytes(record)
    try:
        old, parsed = read_json_bytes(path)
        if old == data or parsed == record:
            return False, sha256(old)
    except InputError:
        pass  # missing or unreadable: write the good record
    write_bytes_atomic(path, data)
    return True, sha256(data)


def _read(
    project_id: int,
    task_id: int,
    annotation: Mapping[str, Any],
    article: Article,
    base: Meta,
    salt: str,
    read_quantity: QuantityReader | None,
) -> _Read:
    annotation_id = int(annotation["id"])
    annotator = pseudonym(salt, _user_id(annotation))
    meta = replace(
        base,
        labelstudio=LabelStudioRef(project_id, task_id, (annotation_id,)),
        annotators=(annotator,),
    )
    conversion = annotation_to_document(
        article, annotation.get("result") or [], meta=meta, read_quantity=read_quantity
    )
    updated = annotation.get("updated_at")
    return _Read(
        annotation_id,
        annotator,
        conversion,
        str(updated) if updated else None,
        bool(annotation.get("ground_truth")),
    )


def _annotations(task: Task) -> Iterator[Mapping[str, Any]]:
    for a in task.annotations:
        if not a.get("was_cancelled"):
            yield a


@dataclass(frozen=True, slots=True)
class _Where:
    """One pull's fixed inputs: the project and where its Documents go."""

    project: Project
    out_dir: Path
    conflicts_dir: Path
    salt: str
    guidelines_version: str
    read_quantity: QuantityReader | None


@dataclass(slots=True)
class _Tally:
    """What the pull found so far, task by task."""

    tasks: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[TaskProblem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # article id -> task id
    unannotated: int = 0
    per_annotator: int = 0
    records: dict[int, TaskRecord] = field(default_factory=dict)  # for the state file


@dataclass(frozen=True, slots=True)
class _Assessed:
    """One task on its own (pure): its record, and the Documents it would write."""

    record: TaskRecord
    accepted: Document | None = None
    per_annotator: tuple[Document, ...] = ()


@dataclass(frozen=True, slots=True)
class _Source:
    """Where a pull's tasks come from: the export of the project, the next block exported
    while this one is converted."""

    client: Client
    where: _Where
    progress: TaskProgress | None

    def _export(self, ids: range | list[int] | None) -> list[Task]:
        tasks = self.client.export_tasks(self.where.project.id, None if ids is None else list(ids))
        return sorted(tasks, key=lambda t: t.id)

    def tasks(self, blocks: Sequence[range | list[int] | None]) -> Iterable[Task]:
        found = (t for block in prefetched(self._export, blocks) for t in block)
        return self.progress(found) if self.progress else found

    def assessed(self, ids: set[int]) -> dict[int, _Assessed]:
        return {t.id: _assess(t, self.where) for t in self.tasks(chunks(ids))}


def pull_annotations(
    client: Client,
    *,
    project: str,
    out_dir: Path,
    conflicts_dir: Path | None = None,
    read_quantity: QuantityReader | None = None,
    progress: TaskProgress | None = None,
    full: bool = False,
) -> PullReport:
    """Write the reviewed Documents of `project` to `out_dir` (see the module doc).

    Only tasks that changed since the last pull into `out_dir` are exported again (see
    `annotate.labelstudio.pull_state`); `full=True` exports every task whatever the state
    says. The result is the same either way."""
    client.check_alive()  # a down or hung server: one error in seconds
    proj = client.project(project)
    where = _Where(
        project=proj,
        out_dir=out_dir,
        conflicts_dir=conflicts_dir or out_dir.parent / f"{out_dir.name}-conflicts",
        salt=project_salt(proj),
        guidelines_version=_guidelines_version(proj),
        read_quantity=read_quantity,
    )
    warnings = []
    if canonical(proj.label_config or "<View/>") != canonical(label_config()):
        warnings.append(
            f"project {project!r} has another labelling config than `annotate ls-config`; "
            "results that do not fit are reported per task"
        )
    bounds = client.task_bounds(proj.id)  # before any export: its newest time is the watermark
    path = state_path(out_dir, proj.id)
    key = fingerprint(proj.id, where.salt, where.guidelines_version, where.conflicts_dir.resolve())
    # A custom QTY reader cannot be fingerprinted: such a pull neither uses nor keeps a state.
    keep = read_quantity is None
    state, warning = load_state(path, project_id=proj.id, fingerprint=key) if keep else (None, "")
    warnings += [warning] if warning else []
    existing = _existing(out_dir)
    source = _Source(client, where, progress)
    tally = _Tally()
    if state is None or full or not _pull_changed(source, state, bounds, existing, tally):
        tally = _Tally()
        for task in source.tasks(id_blocks(bounds)):
            _apply(_assess(task, where), where, tally)
    if keep:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            save_state(path, PullState(proj.id, key, bounds.newest, now, tally.records))
        except OSError as e:  # the Documents are written; only the next pull's shortcut is lost
            warnings.append(
                f"{path}: cannot write the pull state ({e.strerror or e}); the next pull "
                "exports everything again"
            )
    return _report(where, tally, existing, warnings)


def _pull_changed(
    source: _Source,
    state: PullState,
    bounds: TaskBounds,
    existing: Mapping[str, tuple[str, bytes]],
    tally: _Tally,
) -> bool:
    """Export only what changed since `state`, then apply every task in id order; False
    (nothing applied) when tasks were deleted, which the state cannot tell apart from the
    rest, or when much changed: the caller then pulls everything."""
    where = source.where
    # Past a quarter of the project, listing what changed costs about what exporting it does.
    limit = max(BLOCK, bounds.total // 4)
    changed = source.client.changed_since(where.project.id, state.watermark, limit=limit)
    if changed is None:
        return False
    new = set(changed) - set(state.tasks)
    if bounds.total != len(state.tasks) + len(new):
        return False
    out_shas = {name: sha for name, (sha, _) in existing.items()}
    wanted = stale(state.tasks, changed, out_shas, where.conflicts_dir)
    fresh = source.assessed(wanted)
    records = {**state.tasks, **{i: a.record for i, a in fresh.items()}}
    order = sorted(set(records) - (wanted - set(fresh)))  # less those deleted meanwhile
    fresh |= source.assessed(unwritten_claims(order, records, set(fresh)))
    for i in order:
        _apply(fresh.get(i) or _Assessed(records[i]), where, tally, replay=i not in fresh)
    return True


def _assess(task: Task, where: _Where) -> _Assessed:
    """What one task gives on its own: not annotated, a problem with its data, or the
    decision on its annotations (see the module doc)."""
    article_id = task.data.get("article_id")
    annotations = list(_annotations(task))
    record = TaskRecord(
        task=task.id,
        updated_at=task.updated_at,
        annotations=tuple(int(a["id"]) for a in annotations if isinstance(a.get("id"), int)),
        article_id=article_id if isinstance(article_id, str) else None,
        annotated=bool(annotations),
    )
    if not annotations:
        return _Assessed(record)
    try:
        article = task_article(task.data)
    except ValueError as e:
        return _Assessed(replace(record, problems=(str(e),)))
    record = replace(record, article_id=article.id, claims=True)
    proj = where.project
    base = Meta(
        source=GOLD_SOURCE,
        guidelines_version=where.guidelines_version,
        labelstudio=LabelStudioRef(project=proj.id, task=task.id),
    )
    try:
        reads = [
            _read(proj.id, task.id, a, article, base, where.salt, where.read_quantity)
            for a in sorted(annotations, key=lambda a: int(a["id"]))
        ]
    except (KeyError, TypeError, ValueError) as e:
        message = f"an annotation lacks its id or user ({type(e).__name__}: {e})"
        return _Assessed(replace(record, problems=(message,)))
    decision = decide(task, article.id, reads, base)
    record = replace(
        record,
        problems=decision.problems,
        conflict=decision.conflict.to_dict() if decision.conflict else None,
        accepted=decision.accepted is not None,
        per_annotator=len(decision.per_annotator),
    )
    return _Assessed(record, decision.accepted, decision.per_annotator)


def _apply(assessed: _Assessed, where: _Where, tally: _Tally, *, replay: bool = False) -> None:
    """Check the task against the ones before it (one task per article), write its
    Documents (a `replay` of an unchanged task finds them written already) and tally."""
    record = assessed.record
    tally.tasks += 1
    article_id = record.article_id
    files: Mapping[str, str] | None = {}
    if not record.annotated:
        tally.unannotated += 1
        if article_id:
            tally.seen.setdefault(article_id, record.task)
    elif not record.claims or article_id is None:
        tally.problems.append(TaskProblem(record.task, article_id, record.problems))
    elif tally.seen.get(article_id, record.task) != record.task:
        message = f"the article is also task {tally.seen[article_id]}: delete one of the two"
        tally.problems.append(TaskProblem(record.task, article_id, (message,)))
        files = None  # nothing written: a later pull must make its Documents if it is alone
    else:
        tally.seen[article_id] = record.task
        files = record.files if replay else _write(assessed, article_id, where, tally)
        tally.per_annotator += record.per_annotator
        if record.problems:
            tally.problems.append(TaskProblem(record.task, article_id, record.problems))
        elif record.conflict is not None:
            tally.conflicts.append(Conflict.from_dict(record.conflict))
        elif record.accepted and replay:
            tally.unchanged.append(article_id)
    tally.records[record.task] = replace(record, files=files)


def _write(assessed: _Assessed, article_id: str, where: _Where, tally: _Tally) -> dict[str, str]:
    """Write the task's per-annotator and accepted Documents; their file keys and hashes."""
    files = {}
    for doc in assessed.per_annotator:
        name = f"{ANNOTATORS_DIR}/{article_id}/{doc.meta.annotators[0]}.json"
        _, files[f"{CONFLICTS}:{name}"] = _write_if_changed(
            where.conflicts_dir / name, doc.to_dict()
        )
    if assessed.accepted is not None and not assessed.record.problems:
        name = f"{article_id}.json"
        written, files[f"{OUT}:{article_id}"] = _write_if_changed(
            where.out_dir / name, assessed.accepted.to_dict()
        )
        (tally.written if written else tally.unchanged).append(article_id)
    return files


def _report(
    where: _Where,
    tally: _Tally,
    existing: Mapping[str, tuple[str, bytes]],
    warnings: Sequence[str],
) -> PullReport:
    proj = where.project
    unseen = {
        article_id: _gold_record(data)
        for article_id, (_, data) in sorted(existing.items())
        if article_id not in tally.seen
    }
    deleted = tuple(
        (article_id, int(_labelstudio(record).get("task", 0)))
        for article_id, record in unseen.items()
        if record is not None and _labelstudio(record).get("project") == proj.id
    )
    conflicts_path = _write_conflicts(where, tally.conflicts)
    return PullReport(
        project=proj.title,
        project_id=proj.id,
        tasks=tally.tasks,
        written=tuple(tally.written),
        unchanged=tuple(tally.unchanged),
        unannotated=tally.unannotated,
        conflicts=tuple(tally.conflicts),
        problems=tuple(tally.problems),
        deleted=deleted,
        per_annotator=tally.per_annotator,
        conflicts_path=str(conflicts_path) if conflicts_path else None,
        warnings=tuple(warnings),
    )


def _write_conflicts(where: _Where, conflicts: Sequence[Conflict]) -> Path | None:
    """Write `conflicts.json` when there are conflicts, or an old one to clear; its path.
    An unchanged file is left as it is."""
    path = where.conflicts_dir / CONFLICTS_FILE
    if not conflicts and not path.exists():
        return None
    _write_if_changed(
        path,
        {
            "project": where.project.title,
            "project_id": where.project.id,
            "conflicts": [c.to_dict() for c in conflicts],
        },
    )
    return path


def _labelstudio(record: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = record.get("meta")
    ls = meta.get("labelstudio") if isinstance(meta, Mapping) else None
    return ls if isinstance(ls, Mapping) else {}


def render_conflicts(report: PullReport, *, width: int = 120, shown: int = 6) -> str:
    """The conflicts as a text table (task, article, annotators, first differences)."""
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{len(report.conflicts)} conflicts: nothing written until one annotation is "
        "marked ground truth",
        title_justify="left",
    )
    for column in ("task", "article", "annotators", "differences"):
        table.add_column(column, overflow="fold")
    for c in report.conflicts:
        more = len(c.differences) - shown
        lines = [*c.differences[:shown], *([f"... and {more} more"] if more > 0 else [])]
        table.add_row(str(c.task), c.article_id, "\n".join(c.annotators), "\n".join(lines))
    buffer = StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(table)
    where = f"\nall of them: {report.conflicts_path}" if report.conflicts_path else ""
    return buffer.getvalue().rstrip("\n") + where
