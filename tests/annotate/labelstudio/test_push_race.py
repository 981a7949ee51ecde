"""Concurrent pushes on one Label Studio (issue #16): two real `annotate push` processes
racing, and races staged in one process at a chosen moment (deterministic).

Each race pushes the same articles from two processes released at the same moment, and held
again before their first import until both get there (so their copies always meet), into an
existing project or under a title that does not exist yet, with its own title so races are
independent. Afterwards every article is there exactly once, one project carries the title,
both pushes exit 0, and between them their reports created each article once.

Both kinds race on SQLite and on PostgreSQL (`@on_both_databases`). NEWSGOLD_PUSH_RACES
sets how many races of each kind run per database (default 3, a minute or two; issue #16
asks for 100 once: `NEWSGOLD_PUSH_RACES=100 pytest tests/.../test_push_race.py -k two`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from annotate.labelstudio.client import Client, Project, TaskMark
from annotate.labelstudio.convert import document_to_task
from annotate.labelstudio.push import ensure_project, push_tasks
from annotate.labelstudio.race import PUSH_MARK
from corpus.errors import LabelStudioError
from corpus.records import Document
from tests.annotate.labelstudio.conftest import (
    article_counts,
    copies,
    gold_documents,
    make_project,
    on_both_databases,
)
from tests.conftest import REPO

RACES = int(os.environ.get("NEWSGOLD_PUSH_RACES") or 3)
ARTICLES = 12
BATCH_SIZE = "3"  # several imports per push, so the two interleave


# Each push imports the CLI, then waits at a start line the test lifts once both are ready:
# started together by `Popen` alone, one push's interpreter start-up can outlast the other
# push, and then nothing races. A push also waits, before its first import, until the other
# has reached its first import too (at most a minute): both have read the project by then, so
# both import every article and their copies meet every time. Released only at the start, a
# push on a busy machine (CI) could list the project after the other had filled it, and then
# nothing raced (seen in CI: 0 duplicates in 3 of 3 races into an existing project).
_AT_THE_LINE = """
import sys, time
from pathlib import Path
from annotate.cli import main
from annotate.labelstudio.client import Client
ready, other, go, *args = sys.argv[1:]

def appeared(path, seconds):
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True

import_tasks = Client.import_tasks

def import_when_both_import(self, project_id, tasks):
    if not Path(ready + ".importing").exists():
        Path(ready + ".importing").touch()
        if not appeared(Path(other + ".importing"), 60):
            print("waited a minute for the other push's first import; going on", file=sys.stderr)
    return import_tasks(self, project_id, tasks)

Client.import_tasks = import_when_both_import
Path(ready).touch()
if not appeared(Path(go), 120):
    sys.exit("the race was never started")
sys.argv = ["annotate", *args]
main()
"""


def _race(title: str, jsonl: Path, line: Path) -> list[dict[str, Any]]:
    """Start two pushes of `jsonl` into `title` at the same moment; their JSON reports."""
    line.mkdir()
    go = line / "go"
    readies = [line / f"ready-{n}" for n in range(2)]
    args = ["push", str(jsonl), "--project", title, "--batch-size", BATCH_SIZE]
    pushes = [
        subprocess.Popen(
            [sys.executable, "-c", _AT_THE_LINE, str(ready), str(other), str(go), *args],
            cwd=REPO,
            env=os.environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for ready, other in zip(readies, reversed(readies), strict=True)
    ]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in readies):
        if time.monotonic() > deadline or any(p.poll() is not None for p in pushes):
            break  # communicate() below says which push never got ready
        time.sleep(0.01)
    go.touch()
    reports = []
    for push in pushes:
        out, err = push.communicate(timeout=300)
        assert push.returncode == 0, f"a push into {title!r} failed:\n{err}"
        reports.append(json.loads(out))
    return reports


def _check(client: Client, title: str, reports: list[dict[str, Any]], ids: set[str]) -> int:
    """Assert the race left each article once in one project; duplicates the pushes removed."""
    titled = client.projects_titled(title)
    assert len(titled) == 1, f"{len(titled)} projects titled {title!r}: {titled}"
    ((project, _),) = titled
    assert {r["project_id"] for r in reports} == {project.id}
    assert article_counts(client, title) == dict.fromkeys(ids, 1)
    first, second = (set(r["created"]) for r in reports)
    assert not first & second and first | second == ids  # each article created by one push
    for report in reports:
        assert set(report["created"]) | set(report["skipped"]) == ids
        assert report["changed"] == [] and report["failed"] == []
    client.delete_project(project.id)
    return sum(len(r["duplicates_removed"]) for r in reports)


@pytest.fixture
def race_input(tmp_path: Path) -> tuple[Path, set[str]]:
    docs = copies(gold_documents(), ARTICLES)
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs), encoding="utf-8")
    return jsonl, {d.id for d in docs}


def _next_project_id(client: Client) -> int:
    """The id the next project will get (ids are never reused: a gap is a deleted project)."""
    probe = make_project(client, f"race probe {uuid.uuid4().hex[:8]}").id
    client.delete_project(probe)
    return probe + 1


@pytest.mark.slow
@on_both_databases
@pytest.mark.parametrize("kind", ["existing project", "new title"])
def test_two_pushes_leave_each_article_once_in_one_project(
    ls_client: Client,
    ls_env: dict[str, str],
    race_input: tuple[Path, set[str]],
    kind: str,
    tmp_path: Path,
) -> None:
    jsonl, ids = race_input
    removed = []
    first_id = _next_project_id(ls_client)
    for i in range(RACES):
        title = f"race {kind} {i} {uuid.uuid4().hex[:8]}"
        if kind == "existing project":
            # As a push makes it: a create whose answer is lost ("database is locked" after
            # the row was written) must not leave a second project with the title.
            ensure_project(ls_client, title)
        removed.append(_check(ls_client, title, _race(title, jsonl, tmp_path / f"line-{i}"), ids))
        print(f"race {i} ({kind}): ok, {removed[-1]} duplicates removed", flush=True)
    # One project per race is the one kept; the others were made by pushes and removed by
    # them (an upper bound: another session sharing the server also takes project ids).
    strays = _next_project_id(ls_client) - 1 - first_id - RACES
    print(f"\n{RACES} races ({kind}): duplicates removed per race {removed}; {strays} stray")
    print("projects made and removed by the pushes")
    assert strays + sum(removed) > 0, "the pushes never overlapped: the test raced nothing"


# ---------------------------------------------------------- races staged in one process
# A client that lets "another push" act at a chosen moment of this push, deterministically.


class Staged(Client):
    """Runs `before_import` before this push's first import, `before_listing` before its
    first reconciliation listing, and `before_create` before it creates its project."""

    def __init__(self, client: Client, **hooks: Callable[[], None]) -> None:
        self.__dict__.update(client.__dict__)
        self.hooks = dict(hooks)

    def _run(self, name: str) -> None:
        hook = self.hooks.pop(name, None)
        if hook is not None:
            hook()

    def import_tasks(self, project_id: int, tasks: Sequence[dict[str, Any]]) -> list[int]:
        self._run("before_import")
        return super().import_tasks(project_id, tasks)

    def task_marks(self, project_id: int, *, page_size: int = 500) -> Iterator[TaskMark]:
        self._run("before_listing")
        return super().task_marks(project_id, page_size=page_size)

    def create_project(self, title: str, **fields: Any) -> Project:
        self._run("before_create")
        return super().create_project(title, **fields)


def _other_push(client: Client, title: str, docs: Sequence[Document]) -> list[int]:
    """What a concurrent push would import (its own mark)."""
    project = client.project(title)
    tasks = [{**document_to_task(d), "meta": {PUSH_MARK: "other"}} for d in docs]
    return client.import_tasks(project.id, tasks)


def test_push_removes_its_copies_when_another_push_imported_first(
    ls_client: Client, ls_project: str
) -> None:
    docs = gold_documents()[:4]
    make_project(ls_client, ls_project)
    staged = Staged(ls_client, before_import=lambda: _other_push(ls_client, ls_project, docs[1:3]))
    report = push_tasks(staged, docs, project=ls_project, batch_size=2)
    assert report.duplicates_removed == (docs[1].id, docs[2].id)
    assert report.created == (docs[0].id, docs[3].id)
    assert report.skipped == (docs[1].id, docs[2].id)
    assert report.ok and "2 duplicates removed" in report.summary()
    assert article_counts(ls_client, ls_project) == {d.id: 1 for d in docs}
    listed = ls_client.task_marks(report.project_id or 0)
    marks = {t.data["article_id"]: t.meta[PUSH_MARK] for t in listed}
    assert marks[docs[1].id] == marks[docs[2].id] == "other"  # the other push's lower copies stay


def test_push_never_deletes_a_later_copy_another_push_made(
    ls_client: Client, ls_project: str
) -> None:
    docs = gold_documents()[:3]
    make_project(ls_client, ls_project)
    other: list[int] = []
    staged = Staged(
        ls_client, before_listing=lambda: other.extend(_other_push(ls_client, ls_project, docs))
    )
    report = push_tasks(staged, docs, project=ls_project)
    assert report.duplicates_removed == () and report.created == tuple(d.id for d in docs)
    # Those are the other push's to delete (it sees this push's lower copies).
    assert article_counts(ls_client, ls_project) == {d.id: 2 for d in docs}
    assert {t.id for t in ls_client.task_marks(report.project_id or 0)} >= set(other)


def test_push_keeps_its_duplicate_once_it_has_annotations(
    ls_client: Client, ls_project: str
) -> None:
    docs = gold_documents()[:2]
    project = make_project(ls_client, ls_project)

    def annotate_ours() -> None:
        ours = [t for t in ls_client.task_marks(project.id) if t.meta.get(PUSH_MARK) != "other"]
        ls_client.create_annotation(ours[0].id, [])

    staged = Staged(
        ls_client,
        before_import=lambda: _other_push(ls_client, ls_project, docs),
        before_listing=annotate_ours,
    )
    report = push_tasks(staged, docs, project=ls_project)
    assert report.duplicates_removed == (docs[1].id,)
    assert article_counts(ls_client, ls_project) == {docs[0].id: 2, docs[1].id: 1}
    assert "kept because it already has annotations" in report.messages[0]


def test_push_that_lost_the_title_race_deletes_its_project_and_uses_the_winner(
    ls_client: Client, ls_project: str
) -> None:
    docs = gold_documents()[:2]
    winner: list[Project] = []
    staged = Staged(
        ls_client, before_create=lambda: winner.append(make_project(ls_client, ls_project))
    )
    report = push_tasks(staged, docs, project=ls_project)
    titled = ls_client.projects_titled(ls_project)
    assert [(p.id, n) for p, n in titled] == [(winner[0].id, 2)]
    assert report.project_id == winner[0].id


class LostCreate(Client):
    """Creates the project for real, then loses the answer (a 500 after the commit)."""

    def __init__(self, client: Client) -> None:
        self.__dict__.update(client.__dict__)
        self.creates = 0

    def create_project(self, title: str, **fields: Any) -> Project:
        self.creates += 1
        super().create_project(title, **fields)
        raise LabelStudioError("database is locked", status=500)


def test_push_after_a_lost_create_answer_makes_one_project(
    ls_client: Client, ls_project: str
) -> None:
    waits: list[float] = []
    lost = LostCreate(ls_client)
    report = push_tasks(lost, gold_documents()[:2], project=ls_project, sleep=waits.append)
    assert lost.creates == 1 and waits == [1.0]  # found its own project by its salt
    assert len(ls_client.projects_titled(ls_project)) == 1
    assert len(report.created) == 2 and report.ok


def test_push_refuses_a_title_two_projects_with_tasks_carry(
    ls_client: Client, ls_project: str
) -> None:
    for _ in range(2):
        project = make_project(ls_client, ls_project)
        ls_client.import_tasks(project.id, [document_to_task(gold_documents()[0])])
    with pytest.raises(LabelStudioError, match=r"2 projects with tasks are titled .*rename all"):
        push_tasks(ls_client, gold_documents()[:1], project=ls_project)
    for p, _ in ls_client.projects_titled(ls_project):
        ls_client.delete_project(p.id)


def test_push_whose_project_is_deleted_under_it_pushes_into_the_one_left(
    ls_client: Client, ls_project: str
) -> None:
    # Seen in a race for a new title: this push chose a project that its creator then
    # deleted as an empty stray (the creator saw another project of the title).
    docs = gold_documents()[:3]
    chosen = make_project(ls_client, ls_project)
    other: list[Project] = []

    def creator_settles() -> None:
        other.append(make_project(ls_client, ls_project))
        # The other push imported one article into its project already.
        task = {**document_to_task(docs[0]), "meta": {PUSH_MARK: "other"}}
        ls_client.import_tasks(other[0].id, [task])
        ls_client.delete_project(chosen.id)

    staged = Staged(ls_client, before_import=creator_settles)
    report = push_tasks(staged, docs, project=ls_project, batch_size=2)
    assert report.project_id == other[0].id
    assert report.created == (docs[1].id, docs[2].id) and report.skipped == (docs[0].id,)
    assert report.ok
    assert f"project {chosen.id} was deleted while this push used it" in report.messages[0]
    assert [p.id for p, _ in ls_client.projects_titled(ls_project)] == [other[0].id]
    assert article_counts(ls_client, ls_project) == {d.id: 1 for d in docs}


def test_push_whose_project_is_deleted_with_no_other_left_fails_with_the_404(
    ls_client: Client, ls_project: str
) -> None:
    chosen = make_project(ls_client, ls_project)
    staged = Staged(ls_client, before_import=lambda: ls_client.delete_project(chosen.id))
    with pytest.raises(LabelStudioError, match=rf"project {chosen.id} not found") as raised:
        push_tasks(staged, gold_documents()[:2], project=ls_project)
    assert raised.value.status == 404
    assert ls_client.projects_titled(ls_project) == []  # nothing made behind the user's back
