"""pull_annotations against a real Label Studio: annotations made through the API the way the
web UI stores them, pulled back into gold Documents."""

from __future__ import annotations

import copy
import json
import re
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotate.labelstudio import config as c
from annotate.labelstudio import convert
from annotate.labelstudio.client import Client, Project, Task, User
from annotate.labelstudio.pull import (
    ANNOTATORS_DIR,
    CONFLICTS_FILE,
    Conflict,
    PullReport,
    project_salt,
    pseudonym,
    pull_annotations,
    render_conflicts,
)
from annotate.labelstudio.push import project_description, push_tasks
from corpus.errors import LabelStudioError
from corpus.records import Document, span_id
from corpus.schemas import guidelines
from corpus.validate import problems
from tests.annotate.labelstudio.conftest import gold_documents, on_both_databases, project_tasks

Result = list[dict[str, Any]]


def gold(name: str) -> Document:
    return next(d for d in gold_documents() if d.id.startswith(name))


def spans(doc: Document | dict[str, Any]) -> dict[str, Any]:
    d = doc.to_dict() if isinstance(doc, Document) else doc
    return {k: d[k] for k in ("entities", "quantities", "stances")}


def tasks_by_article(client: Client, title: str) -> dict[str, Task]:
    return {t.data.get("article_id"): client.task(t.id) for t in project_tasks(client, title)}


def predicted(task: Task) -> Result:
    """The task's prediction result as the server returns it (what "accept" copies)."""
    (prediction,) = task.predictions
    return copy.deepcopy(prediction["result"])


def new_user(client: Client) -> User:
    name = f"annotator-{uuid.uuid4().hex[:8]}"
    return client.create_user(name, email=f"{name}@example.org")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "gold"


@on_both_databases
def test_pull_round_trip_accepts_corrects_and_adds(
    ls_client: Client, ls_project: str, out: Path
) -> None:
    kz, accepted, truth = gold("terungkap"), gold("bps-inflasi"), gold("kpk-tetapkan")
    # The pre-annotation of the Kazakhstan article differs from its gold version in three
    # places, which the annotator fixes in Label Studio: an entity cut short, a missing
    # stance (with holder, polarity and target), and a wrong QTY value.
    wrong = kz.entities[0]
    short = replace(wrong, end=wrong.end - 8, text=kz.text[wrong.start : wrong.end - 8])
    missing = kz.stances[0]
    qty = next(q for q in kz.quantities if q.text == "68 tahun")
    pre_kz = kz.with_spans(
        entities=(short, *kz.entities[1:]),
        quantities=tuple(replace(q, value=99) if q == qty else q for q in kz.quantities),
        stances=kz.stances[1:],
        meta=replace(kz.meta, source="rules@test"),
    )
    push_tasks(ls_client, [pre_kz, accepted, truth], project=ls_project)
    tasks = tasks_by_article(ls_client, ls_project)
    assert tasks[kz.id].predictions[0]["model_version"] == "rules@test"

    result = predicted(tasks[kz.id])
    # 1. Correct the entity: the UI keeps the region id and changes its offsets.
    region = next(i for i in result if i.get("id") == span_id("entities", short.start, short.end))
    region["value"].update(start=wrong.start, end=wrong.end, text=wrong.text)
    # 2. Add the stance: a new region (UI-style random id), per-region polarity and target,
    #    and a relation from the stance to the holder's region.
    rid = "Xq3kP9sLm2"
    holder = next(e for e in kz.entities if e.id == missing.holder)
    value = {"start": missing.start, "end": missing.end}
    result += [
        {
            "id": rid,
            "from_name": c.LABELS,
            "to_name": c.TEXT,
            "type": "labels",
            "origin": "manual",
            "value": {**value, "text": missing.text, "labels": ["STANCE"]},
        },
        {
            "id": rid,
            "from_name": c.POLARITY,
            "to_name": c.TEXT,
            "type": "choices",
            "origin": "manual",
            "value": {**value, "choices": [missing.polarity]},
        },
        {
            "id": rid,
            "from_name": c.TARGET,
            "to_name": c.TEXT,
            "type": "textarea",
            "origin": "manual",
            "value": {**value, "text": [missing.target]},
        },
        {
            "from_id": rid,
            "to_id": span_id("entities", holder.start, holder.end),
            "type": "relation",
            "direction": "right",
        },
    ]
    # 3. Override the QTY value in its per-region value field.
    qid = span_id("quantities", qty.start, qty.end)
    field = next(i for i in result if i.get("id") == qid and i.get("from_name") == c.QTY_VALUE)
    field["value"]["text"] = ["68"]
    kz_annotation = ls_client.create_annotation(tasks[kz.id].id, result)
    accepted_annotation = ls_client.create_annotation(
        tasks[accepted.id].id, predicted(tasks[accepted.id])
    )
    ls_client.create_annotation(tasks[truth.id].id, predicted(tasks[truth.id]), ground_truth=True)

    report = pull_annotations(ls_client, project=ls_project, out_dir=out)
    assert report.problems == () and report.conflicts == ()
    assert sorted(report.written) == sorted([kz.id, accepted.id, truth.id])
    for expected in (kz, accepted, truth):
        record = json.loads((out / f"{expected.id}.json").read_text(encoding="utf-8"))
        assert problems(record) == []
        assert spans(record) == spans(expected)
        meta = record["meta"]
        assert meta["source"] == "gold"
        assert meta["guidelines_version"] == guidelines().version
        assert meta["labelstudio"]["task"] == tasks[expected.id].id
        (annotator,) = meta["annotators"]
        assert annotator.startswith("ann-") and len(annotator) == 16
        assert {k: v for k, v in record.items() if k not in ("meta", *spans(record))} == {
            k: v for k, v in expected.to_dict().items() if k not in ("meta", *spans(record))
        }
    kz_meta = json.loads((out / f"{kz.id}.json").read_text(encoding="utf-8"))["meta"]
    assert kz_meta["labelstudio"]["annotations"] == [kz_annotation]
    assert accepted_annotation != kz_annotation

    again = pull_annotations(ls_client, project=ls_project, out_dir=out)
    assert again.written == () and len(again.unchanged) == 3


def test_pull_conflict_waits_for_a_ground_truth(
    ls_client: Client, ls_project: str, out: Path, tmp_path: Path
) -> None:
    doc, agreed, skipped = gold("terungkap"), gold("bps-inflasi"), gold("mk-gelar")
    push_tasks(ls_client, [doc, agreed, skipped], project=ls_project)
    tasks = tasks_by_article(ls_client, ls_project)
    other = new_user(ls_client)
    full = convert.document_result(doc)
    holders = {s.holder for s in doc.stances}
    dropped = next(e for e in doc.entities[3:] if e.id not in holders)
    partial = [i for i in full if i.get("id") != span_id("entities", dropped.start, dropped.end)]
    ls_client.create_annotation(tasks[doc.id].id, full)
    ls_client.create_annotation(tasks[doc.id].id, partial, completed_by=other.id)
    both = convert.document_result(agreed)
    ls_client.create_annotation(tasks[agreed.id].id, both)
    ls_client.create_annotation(tasks[agreed.id].id, both, completed_by=other.id)
    ls_client.create_annotation(tasks[skipped.id].id, [], was_cancelled=True)

    conflicts_dir = tmp_path / "conflicts"
    report = pull_annotations(
        ls_client, project=ls_project, out_dir=out, conflicts_dir=conflicts_dir
    )
    assert report.written == (agreed.id,)
    assert report.unannotated == 1  # the skipped (cancelled) one
    (conflict,) = report.conflicts
    assert (conflict.task, conflict.article_id) == (tasks[doc.id].id, doc.id)
    assert len(set(conflict.annotators)) == 2
    assert conflict.differences == (
        f"only {conflict.annotators[0]} (annotation {conflict.annotations[0]}): "
        f"{dropped.label} {dropped.start}:{dropped.end} {dropped.text!r}",
    )
    assert not (out / f"{doc.id}.json").exists()
    saved = json.loads((conflicts_dir / CONFLICTS_FILE).read_text(encoding="utf-8"))
    assert saved["conflicts"] == [conflict.to_dict()]
    agreed_meta = json.loads((out / f"{agreed.id}.json").read_text(encoding="utf-8"))["meta"]
    assert sorted(agreed_meta["annotators"]) == sorted(conflict.annotators)
    assert len(agreed_meta["labelstudio"]["annotations"]) == 2

    # One Document per annotator, one annotator each: what `corpus agreement` reads.
    per_annotator = sorted((conflicts_dir / ANNOTATORS_DIR).rglob("*.json"))
    assert len(per_annotator) == 4 == report.per_annotator
    for path in per_annotator:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert problems(record) == []
        assert [path.stem] == record["meta"]["annotators"]
        assert path.parent.name == record["id"]

    truth = ls_client.create_annotation(tasks[doc.id].id, partial, ground_truth=True)
    report = pull_annotations(
        ls_client, project=ls_project, out_dir=out, conflicts_dir=conflicts_dir
    )
    assert report.conflicts == () and report.written == (doc.id,)
    record = json.loads((out / f"{doc.id}.json").read_text(encoding="utf-8"))
    assert record["meta"]["labelstudio"]["annotations"] == [truth]
    assert len(record["entities"]) == len(doc.entities) - 1
    saved = json.loads((conflicts_dir / CONFLICTS_FILE).read_text(encoding="utf-8"))
    assert saved["conflicts"] == []


def test_pull_reports_bad_tasks_and_pulls_the_others(
    ls_client: Client, ls_project: str, out: Path
) -> None:
    docs = gold_documents()[:4]
    good = gold("viral-di-tiktok")
    push_tasks(ls_client, [*docs, good], project=ls_project)
    project = ls_client.project(ls_project)
    (raw_task,) = ls_client.import_tasks(project.id, [{"data": {"text": "Halo Budi Santoso."}}])
    tasks = tasks_by_article(ls_client, ls_project)

    def broken(doc: Document, change: dict[str, Any]) -> Result:
        result = convert.document_result(doc)
        result[0]["value"].update(change)
        return result

    unknown, outside, moved, no_holder = docs
    ls_client.create_annotation(tasks[unknown.id].id, broken(unknown, {"labels": ["LOC"]}))
    end = len(outside.text) + 10
    ls_client.create_annotation(tasks[outside.id].id, broken(outside, {"end": end}))
    start = moved.entities[0].start + 2
    ls_client.create_annotation(tasks[moved.id].id, broken(moved, {"start": start}))
    result = convert.document_result(no_holder)
    stance_id = span_id("stances", no_holder.stances[0].start, no_holder.stances[0].end)
    result.append(convert.relation(stance_id, "gone"))
    ls_client.create_annotation(tasks[no_holder.id].id, result)
    ls_client.create_annotation(raw_task, convert.document_result(good)[:1])
    ls_client.create_annotation(tasks[good.id].id, convert.document_result(good))

    report = pull_annotations(ls_client, project=ls_project, out_dir=out)
    assert report.written == (good.id,)
    # The emoji article: code-point offsets went to Label Studio and came back unchanged.
    assert any(ord(ch) > 0xFFFF for ch in good.text)
    pulled = json.loads((out / f"{good.id}.json").read_text(encoding="utf-8"))
    assert spans(pulled) == spans(good)
    found = {p.article_id: " | ".join(p.messages) for p in report.problems}
    assert "unknown label 'LOC'" in found[unknown.id]
    assert f"is outside the text (length {len(outside.text)})" in found[outside.id]
    assert "Label Studio shows" in found[moved.id] and "re-select the span" in found[moved.id]
    assert "points at a region that is missing" in found[no_holder.id]
    assert "no article_id" in found[None]
    assert {p.task for p in report.problems if p.article_id is None} == {raw_task}
    assert all(str(p.task) for p in report.problems)

    ls_client.delete_task(tasks[good.id].id)
    report = pull_annotations(ls_client, project=ls_project, out_dir=out)
    assert report.deleted == ((good.id, tasks[good.id].id),)
    assert (out / f"{good.id}.json").exists()  # kept: the gold file is not ours to delete


def test_pull_unknown_project_is_a_clear_error(ls_client: Client, out: Path) -> None:
    with pytest.raises(LabelStudioError, match="no project titled 'no such project 7f3a'"):
        pull_annotations(ls_client, project="no such project 7f3a", out_dir=out)


def test_pseudonyms_are_stable_per_project_and_never_user_names() -> None:
    salt = "0123456789abcdef0123456789abcdef"
    project = Project(7, "p", "<View/>", description=project_description(salt))
    assert project_salt(project) == salt
    assert pseudonym(salt, 3) == pseudonym(salt, 3) != pseudonym(salt, 4)
    assert pseudonym(salt, 3) != pseudonym("f" * 32, 3)  # another project, another id
    assert re.fullmatch(r"ann-[0-9a-f]{12}", pseudonym(salt, 3))
    other = Project(8, "q", "<View/>", created_at="2026-01-01T00:00:00Z")
    assert project_salt(other) == project_salt(other) != project_salt(replace(other, id=9))


def test_render_conflicts_lists_task_article_annotators_and_differences() -> None:
    conflict = Conflict(
        task=12,
        article_id="terungkap-ada-peran-asing",
        annotators=("ann-aaaaaaaaaaaa", "ann-bbbbbbbbbbbb"),
        annotations=(1, 2),
        differences=tuple(
            f"only ann-aaaaaaaaaaaa (annotation 1): PER {i}:{i + 4} 'Budi'" for i in range(8)
        ),
    )
    report = PullReport("p", 1, conflicts=(conflict,), conflicts_path="x/conflicts.json")
    table = render_conflicts(report)
    assert "1 conflicts: nothing written until one annotation is marked ground truth" in table
    assert "terungkap-ada-peran-asing" in table and "ann-bbbbbbbbbbbb" in table
    assert "PER 0:4 'Budi'" in table and "... and 2 more" in table
    assert table.endswith("all of them: x/conflicts.json")
