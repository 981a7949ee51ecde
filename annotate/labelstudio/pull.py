"""Pull reviewed annotations from Label Studio into gold Documents. I/O: HTTP, writes files.

`pull_annotations(client, *, project, out_dir)` reads every task of the project and decides,
task by task:

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
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotate.labelstudio.client import Client, Project, Task
from annotate.labelstudio.config import canonical, label_config
from annotate.labelstudio.convert import (
    Conversion,
    QuantityReader,
    annotation_to_document,
    span_lines,
    task_article,
)
from annotate.labelstudio.push import SALT_PATTERN
from corpus.errors import InputError
from corpus.records import Article, Document, LabelStudioRef, Meta
from corpus.records_io import iter_records, read_json, write_json_atomic
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


def _existing(out_dir: Path) -> dict[str, dict[str, Any]]:
    """article id -> record of the gold files already in `out_dir` (unreadable ones left out)."""
    if not out_dir.is_dir():
        return {}
    found = {}
    for path, record in iter_records(out_dir):
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            found[path.stem] = record
    return found


def _write_if_changed(path: Path, record: dict[str, Any]) -> bool:
    if path.exists():
        try:
            if read_json(path) == record:
                return False
        except InputError:
            pass  # unreadable: overwrite it with the good record
    write_json_atomic(path, record)
    return True


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


def pull_annotations(
    client: Client,
    *,
    project: str,
    out_dir: Path,
    conflicts_dir: Path | None = None,
    read_quantity: QuantityReader | None = None,
    progress: TaskProgress | None = None,
) -> PullReport:
    """Write the reviewed Documents of `project` to `out_dir` (see the module doc)."""
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
    existing = _existing(out_dir)
    tally = _Tally()
    listed = client.tasks(proj.id, annotations=True)
    for task in progress(listed) if progress else listed:
        tally.tasks += 1
        _pull_task(task, where, tally)
    deleted = tuple(
        (article_id, int(_labelstudio(record).get("task", 0)))
        for article_id, record in sorted(existing.items())
        if _labelstudio(record).get("project") == proj.id and article_id not in tally.seen
    )
    conflicts_path = _write_conflicts(where, project, tally.conflicts)
    return PullReport(
        project=project,
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


def _pull_task(task: Task, where: _Where, tally: _Tally) -> None:
    """Read one task's annotations, decide, write what was decided (see the module doc)."""
    article_id = task.data.get("article_id")
    article_id = article_id if isinstance(article_id, str) else None
    annotations = list(_annotations(task))
    if not annotations:
        tally.unannotated += 1
        if article_id:
            tally.seen.setdefault(article_id, task.id)
        return
    try:
        article = task_article(task.data)
    except ValueError as e:
        tally.problems.append(TaskProblem(task.id, article_id, (str(e),)))
        return
    if article.id in tally.seen and tally.seen[article.id] != task.id:
        message = f"the article is also task {tally.seen[article.id]}: delete one of the two"
        tally.problems.append(TaskProblem(task.id, article.id, (message,)))
        return
    tally.seen[article.id] = task.id
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
        tally.problems.append(TaskProblem(task.id, article.id, (message,)))
        return
    _apply(decide(task, article.id, reads, base), task, article.id, where, tally)


def _apply(decision: Decision, task: Task, article_id: str, where: _Where, tally: _Tally) -> None:
    """Write the per-annotator and accepted Documents of `decision`; tally the rest."""
    for doc in decision.per_annotator:
        name = f"{doc.meta.annotators[0]}.json"
        path = where.conflicts_dir / ANNOTATORS_DIR / article_id / name
        _write_if_changed(path, doc.to_dict())
        tally.per_annotator += 1
    if decision.problems:
        tally.problems.append(TaskProblem(task.id, article_id, decision.problems))
    elif decision.conflict is not None:
        tally.conflicts.append(decision.conflict)
    elif decision.accepted is not None:
        record = decision.accepted.to_dict()
        if _write_if_changed(where.out_dir / f"{article_id}.json", record):
            tally.written.append(article_id)
        else:
            tally.unchanged.append(article_id)


def _write_conflicts(where: _Where, project: str, conflicts: Sequence[Conflict]) -> Path | None:
    """Write `conflicts.json` when there are conflicts, or an old one to clear; its path."""
    path = where.conflicts_dir / CONFLICTS_FILE
    if not conflicts and not path.exists():
        return None
    write_json_atomic(
        path,
        {
            "project": project,
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
