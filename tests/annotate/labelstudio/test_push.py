"""push_tasks and `annotate push` against a real Label Studio: idempotent, resumable, safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotate.labelstudio import server
from annotate.labelstudio.client import Client
from annotate.labelstudio.config import label_config
from annotate.labelstudio.push import (
    SALT_PATTERN,
    load_documents,
    push_tasks,
    submit_predictions_as_annotations,
)
from annotate.priority import ReviewPriority
from corpus.errors import InputError, LabelStudioError, SchemaError
from corpus.records import Document
from tests.annotate.labelstudio.conftest import (
    article_counts,
    copies,
    free_port,
    gold_documents,
    project_tasks,
)
from tests.conftest import REPO


def test_push_creates_project_tasks_and_predictions(ls_client: Client, ls_project: str) -> None:
    docs = gold_documents()
    seen: list[int] = []

    def progress(batches: Sequence[Sequence[Document]]) -> Any:
        for batch in batches:
            seen.append(len(batch))
            yield batch

    report = push_tasks(ls_client, docs, project=ls_project, batch_size=4, progress=progress)
    assert report.created == tuple(d.id for d in docs)
    assert (report.skipped, report.changed, report.failed) == ((), (), ())
    assert seen == [4, 4, 3]
    project = ls_client.project(ls_project)
    ls_client.check_config(project, label_config())
    assert SALT_PATTERN.search(project.description)
    assert "guidelines, version" in project.instructions
    tasks = project_tasks(ls_client, ls_project)
    assert sorted(t.data["article_id"] for t in tasks) == sorted(d.id for d in docs)
    by_id = {d.id: d for d in docs}
    for task in tasks:
        doc = by_id[task.data["article_id"]]
        assert task.data["text"] == doc.text
        assert task.data["text_sha256"] == doc.article.text_sha256
    full = ls_client.task(tasks[0].id)
    assert full.data["article"]["id"] == tasks[0].data["article_id"]


def test_push_sends_the_review_priority_the_caller_gives(
    ls_client: Client, ls_project: str
) -> None:
    docs = gold_documents()[:3]
    priorities = {docs[0].id: ReviewPriority(docs[0].id, 0.75, random=False)}
    report = push_tasks(ls_client, docs, project=ls_project, priorities=priorities)
    assert report.failed == ()
    data = {t.data["article_id"]: t.data for t in project_tasks(ls_client, ls_project)}
    assert data[docs[0].id]["priority"] == 0.75
    assert data[docs[0].id]["priority_random"] is False
    assert "priority" not in data[docs[1].id]  # none given, none sent


def test_push_twice_creates_nothing_new(ls_client: Client, ls_project: str) -> None:
    docs = gold_documents()
    push_tasks(ls_client, docs[:5], project=ls_project)
    again = push_tasks(ls_client, docs, project=ls_project, batch_size=3)
    assert again.skipped == tuple(d.id for d in docs[:5])
    assert again.created == tuple(d.id for d in docs[5:])
    third = push_tasks(ls_client, docs, project=ls_project)
    assert (third.created, len(third.skipped)) == ((), len(docs))
    assert article_counts(ls_client, ls_project) == {d.id: 1 for d in docs}


def test_push_reports_an_article_whose_text_changed(ls_client: Client, ls_project: str) -> None:
    docs = gold_documents()[:2]
    push_tasks(ls_client, docs, project=ls_project)
    edited = replace(docs[0], article=replace(docs[0].article, text=docs[0].text + " Tambahan."))
    report = push_tasks(ls_client, [edited, docs[1]], project=ls_project)
    assert report.changed == (docs[0].id,)
    assert report.skipped == (docs[1].id,)
    assert not report.ok
    assert "the text changed since it was pushed" in report.messages[0]
    assert "delete task" in report.messages[0]
    tasks = project_tasks(ls_client, ls_project)
    assert len(tasks) == 2
    assert {t.data["text"] for t in tasks} == {d.text for d in docs}  # not overwritten


def test_push_dry_run_changes_nothing(ls_client: Client, ls_project: str) -> None:
    report = push_tasks(ls_client, gold_documents(), project=ls_project, dry_run=True)
    assert report.dry_run and report.project_id is None and len(report.created) == 11
    assert "would create" in report.summary()
    assert ls_client.find_project(ls_project) is None


class LostAnswers(Client):
    """Imports for real, then loses the answer of the first `lose` imports (as when the
    connection drops after the server committed the batch)."""

    def __init__(self, client: Client, lose: int) -> None:
        self.__dict__.update(client.__dict__)
        self.lose = lose
        self.imports = 0

    def import_tasks(self, project_id: int, tasks: Sequence[dict[str, Any]]) -> list[int]:
        self.imports += 1
        ids = super().import_tasks(project_id, tasks)
        if self.imports <= self.lose:
            raise LabelStudioError("connection lost", status=None)
        return ids


def test_push_after_a_lost_answer_does_not_import_the_batch_twice(
    ls_client: Client, ls_project: str
) -> None:
    docs = gold_documents()
    waits: list[float] = []
    flaky = LostAnswers(ls_client, lose=2)
    report = push_tasks(
        flaky, docs, project=ls_project, batch_size=4, retry_waits=(0.01,) * 3, sleep=waits.append
    )
    assert sorted(report.created) == sorted(d.id for d in docs)
    assert report.failed == ()
    assert waits == [0.01, 0.01]  # one wait per lost answer, then the batch was found on the server
    assert flaky.imports == 3  # batches 1 and 2 landed once each, batch 3 normally
    assert article_counts(ls_client, ls_project) == {d.id: 1 for d in docs}


class OneBadTask(Client):
    """Breaks the task of one article so that Label Studio refuses any POST holding it."""

    def __init__(self, client: Client, article_id: str) -> None:
        self.__dict__.update(client.__dict__)
        self.article_id = article_id

    def import_tasks(self, project_id: int, tasks: Sequence[dict[str, Any]]) -> list[int]:
        broken = [
            {"data": {"article_id": t["data"]["article_id"]}}
            if t["data"]["article_id"] == self.article_id
            else t
            for t in tasks
        ]
        return super().import_tasks(project_id, broken)


def test_push_isolates_a_task_label_studio_refuses(ls_client: Client, ls_project: str) -> None:
    docs = gold_documents()
    bad = docs[6].id
    report = push_tasks(OneBadTask(ls_client, bad), docs, project=ls_project, batch_size=100)
    assert [a for a, _ in report.failed] == [bad]
    assert "HTTP 400" in report.failed[0][1] and '"text" key is expected' in report.failed[0][1]
    assert sorted(report.created) == sorted(d.id for d in docs if d.id != bad)
    assert article_counts(ls_client, ls_project) == {d.id: 1 for d in docs if d.id != bad}


def _push_command(paths: list[str], *args: str) -> list[str]:
    return [sys.executable, "-m", "annotate", "push", *paths, *args]


def _run_push(paths: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """`annotate push` run to the end in a subprocess; it must exit 0."""
    done = subprocess.run(
        _push_command(paths, *args),
        cwd=REPO,
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_push_killed_half_way_then_run_again_has_each_article_once(
    ls_client: Client, ls_project: str, tmp_path: Path, ls_env: dict[str, str]
) -> None:
    docs = copies(gold_documents(), 60)
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs), encoding="utf-8")
    command = _push_command([str(jsonl)], "--project", ls_project, "--batch-size", "2")
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ
    )
    try:
        landed = 0
        deadline = time.monotonic() + 120
        while landed < 6 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            found = ls_client.find_project(ls_project)
            landed = sum(1 for _ in ls_client.tasks(found.id)) if found else 0
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "push finished before it could be killed"
    counts = article_counts(ls_client, ls_project)
    assert 6 <= len(counts) < len(docs)
    assert set(counts.values()) == {1}

    report = push_tasks(ls_client, docs, project=ls_project, batch_size=25)
    assert len(report.created) + len(report.skipped) == len(docs)
    assert len(report.skipped) == len(counts)
    assert article_counts(ls_client, ls_project) == {d.id: 1 for d in docs}


def test_push_after_a_server_restart_loses_and_duplicates_nothing(
    own_server: tuple[Path, server.ServerInfo],
) -> None:
    home, info = own_server
    key = server.api_key(home)
    docs = gold_documents()
    title = f"restart {uuid.uuid4().hex[:8]}"
    with Client(info.url, key) as client:
        push_tasks(client, docs[:6], project=title)
    server.stop(home)
    # Usually "connection refused"; a freed port in the ephemeral range can also connect to
    # itself and reset: either way a clear LabelStudioError, and nothing was half-done.
    with (
        Client(info.url, key, retries=0) as down,
        pytest.raises(LabelStudioError, match=r"cannot reach|network error talking to"),
    ):
        push_tasks(down, docs, project=title)
    # Same home and database; a new port, as the old one may have been taken meanwhile.
    restarted = server.start(home, port=free_port(), timeout=300)
    with Client(restarted.url, key) as client:
        report = push_tasks(client, docs, project=title)
        assert report.skipped == tuple(d.id for d in docs[:6])
        assert report.created == tuple(d.id for d in docs[6:])
        assert article_counts(client, title) == {d.id: 1 for d in docs}
        client.delete_project(client.project(title).id)


def test_a_batch_over_the_upload_limit_is_split_until_it_fits(
    own_server: tuple[Path, server.ServerInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Label Studio refuses a request body over DATA_UPLOAD_MAX_MEMORY_SIZE with a 500 and
    imports nothing of it: the push halves the batch (a definite refusal, not a lost answer)
    and names a task that is over the limit on its own."""
    home, _ = own_server
    docs = gold_documents()  # each task is 18-27 kB of JSON
    title = f"upload limit {uuid.uuid4().hex[:8]}"
    key = server.api_key(home)

    def restart(limit: int) -> str:
        monkeypatch.setenv("DATA_UPLOAD_MAX_MEMORY_SIZE", str(limit))
        server.stop(home)
        return server.start(home, port=free_port(), timeout=300).url

    with Client(restart(100_000), key, retries=0) as client:
        report = push_tasks(client, docs[:6], project=title, batch_size=6, retry_waits=(0.1,))
        assert report.created == tuple(d.id for d in docs[:6]) and report.failed == ()
        assert article_counts(client, title) == {d.id: 1 for d in docs[:6]}
    with Client(restart(15_000), key, retries=0) as client:
        report = push_tasks(client, docs, project=title, batch_size=5, retry_waits=(0.1,))
        assert report.skipped == tuple(d.id for d in docs[:6]) and report.created == ()
        assert [a for a, _ in report.failed] == [d.id for d in docs[6:]]
        assert all("over the server's upload limit" in why for _, why in report.failed)
        assert all("DATA_UPLOAD_MAX_MEMORY_SIZE" in why for _, why in report.failed)
        assert article_counts(client, title) == {d.id: 1 for d in docs[:6]}
        client.delete_project(client.project(title).id)


def test_push_cli_pushes_documents_and_prints_the_report(
    ls_client: Client, ls_project: str, ls_env: dict[str, str]
) -> None:
    gold = REPO / "data" / "gold"
    done = _run_push([str(gold)], "--project", ls_project, "--batch-size", "5")
    report = json.loads(done.stdout)
    assert len(report["created"]) == 11 and report["failed"] == []
    assert f"project {ls_project!r}" in done.stderr and "11 created" in done.stderr
    assert len(project_tasks(ls_client, ls_project)) == 11


def test_load_documents_reads_articles_documents_and_reports_bad_inputs(tmp_path: Path) -> None:
    articles = REPO / "data" / "articles"
    gold = REPO / "data" / "gold"
    parsed = list(load_documents([str(articles)]))
    assert len(parsed) == 11 and all(isinstance(d, Document) for d in parsed)
    assert all(d.meta.source.startswith("rules@") for d in parsed if isinstance(d, Document))

    one = tmp_path / "one.jsonl"
    doc = gold_documents()[0]
    one.write_text(
        json.dumps(doc.to_dict()) + "\n" + json.dumps(doc.article.to_dict()) + "\n{oops\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.json").write_text('{"id": "x"}', encoding="utf-8")
    got = list(load_documents([str(one), str(tmp_path / "bad.json"), str(gold / "nope.json")]))
    assert got[0] == doc  # a Document is pushed as it is
    assert isinstance(got[1], Document) and got[1].meta.source.startswith("rules@")
    assert isinstance(got[2], InputError) and "one.jsonl:3" in str(got[2])
    assert isinstance(got[3], SchemaError) and "bad.json" in str(got[3])
    assert isinstance(got[4], InputError) and "nope.json" in str(got[4])
    from_folder = list(load_documents([str(gold)]))
    assert from_folder == gold_documents()


def test_stand_in_review_submits_each_prediction_once(ls_client: Client, ls_project: str) -> None:
    docs = gold_documents()[:3]
    report = push_tasks(ls_client, docs, project=ls_project)
    assert report.project_id is not None
    first = submit_predictions_as_annotations(ls_client, report.project_id)
    assert (first.submitted, first.already_annotated) == (3, 0)
    again = submit_predictions_as_annotations(ls_client, report.project_id)
    assert (again.submitted, again.already_annotated) == (0, 3)
    for listed in ls_client.tasks(report.project_id, annotations=True):
        task = ls_client.task(listed.id)
        assert len(listed.annotations) == 1
        assert listed.annotations[0]["result"] == task.predictions[0]["result"]


def test_push_cli_with_a_model_names_it_and_ranks_the_tasks(
    ls_client: Client, ls_project: str, ls_env: dict[str, str], tmp_path: Path
) -> None:
    from annotate.model.train import TrainData, train_model

    model = tmp_path / "ner"
    conll = REPO / "tests" / "annotate" / "model" / "train.conll"
    fingerprint = train_model(model, TrainData(conll=(conll,)), seed=0).meta["fingerprint"]
    articles = REPO / "data" / "articles"
    done = _run_push([str(articles)], "--project", ls_project, "--model", str(model))
    tasks = list(ls_client.tasks(ls_client.project(ls_project).id))
    assert tasks and len(tasks) == len(json.loads(done.stdout)["created"])
    for task in tasks:
        assert 0.0 <= task.data["priority"] < 1.0
        assert isinstance(task.data["priority_random"], bool)
        (prediction,) = ls_client.task(task.id).predictions
        assert prediction["model_version"].endswith(f"+ner.crf.v1@{fingerprint}")
        # Label Studio keeps each PER/ORG region's score (the model's confidence in it).
        regions = [r for r in prediction["result"] if r["type"] == "labels"]
        entities = [r for r in regions if r["value"]["labels"][0] in ("PER", "ORG")]
        assert entities and all(0.0 <= r["score"] <= 1.0 for r in entities)
        assert not any("score" in r for r in regions if r not in entities)
