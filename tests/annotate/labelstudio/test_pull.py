"""pull_annotations against a real Label Studio: annotations made through the API the way the
web UI stores them, pulled back into gold Documents."""

from __future__ import annotations

import copy
import json
import re
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

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


# ------------------------------------------------------------ export and incremental pulls


class Recording:
    """The client, with each export's task ids recorded (None: the whole project)."""

    def __init__(self, client: Client, *, listing: bool = False) -> None:
        self._client = client
        self._listing = listing
        self.exports: list[list[int] | None] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def export_tasks(self, project_id: int, ids: list[int] | None = None) -> list[Task]:
        self.exports.append(None if ids is None else list(ids))
        if not self._listing:
            return self._client.export_tasks(project_id, ids)
        # What `annotate pull` read before: the tasks listed page by page with annotations.
        wanted = None if ids is None else set(ids)
        listed = self._client.tasks(project_id, annotations=True)
        return [t for t in listed if wanted is None or t.id in wanted]

    def exported(self) -> set[int] | None:
        if any(ids is None for ids in self.exports):
            return None
        return {i for ids in self.exports if ids is not None for i in ids}


def as_client(recording: Recording) -> Client:
    return cast(Client, recording)


def files(*folders: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folders` (relative path -> bytes, mtime in ns)."""
    return {
        f"{folder.name}/{p.relative_to(folder)}": (p.read_bytes(), p.stat().st_mtime_ns)
        for folder in folders
        if folder.exists()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def without_an_entity(doc: Document) -> Result:
    """The annotation result of `doc` less one entity that holds no stance: another
    annotator's valid, different reading."""
    holders = {s.holder for s in doc.stances}
    dropped = next(e for e in doc.entities[1:] if e.id not in holders)
    rid = span_id("entities", dropped.start, dropped.end)
    return [i for i in convert.document_result(doc) if i.get("id") != rid]


def mixed_project(client: Client, title: str) -> tuple[list[Document], dict[str, Task]]:
    """Tasks that are accepted, agreed by two, in conflict, ground truth, cancelled and not
    annotated (in this order); and the tasks by article id."""
    docs = gold_documents()[:6]
    push_tasks(client, docs, project=title)
    tasks = tasks_by_article(client, title)
    other = new_user(client)
    one, agreed, split, truth, cancelled, _ = (tasks[d.id].id for d in docs)
    client.create_annotation(one, convert.document_result(docs[0]))
    client.create_annotation(agreed, convert.document_result(docs[1]))
    client.create_annotation(agreed, convert.document_result(docs[1]), completed_by=other.id)
    client.create_annotation(split, convert.document_result(docs[2]))
    client.create_annotation(split, without_an_entity(docs[2]), completed_by=other.id)
    client.create_annotation(truth, without_an_entity(docs[3]), completed_by=other.id)
    client.create_annotation(truth, convert.document_result(docs[3]), ground_truth=True)
    client.create_annotation(cancelled, [], was_cancelled=True)
    return docs, tasks


def test_pull_through_the_export_writes_what_the_task_listing_gave(
    ls_client: Client, ls_project: str, tmp_path: Path
) -> None:
    mixed_project(ls_client, ls_project)
    exported, listed = Recording(ls_client), Recording(ls_client, listing=True)
    new = pull_annotations(as_client(exported), project=ls_project, out_dir=tmp_path / "a" / "gold")
    old = pull_annotations(as_client(listed), project=ls_project, out_dir=tmp_path / "b" / "gold")
    assert exported.exports and all(ids is not None for ids in exported.exports)  # id blocks
    assert new.to_dict() | {"conflicts_path": None} == old.to_dict() | {"conflicts_path": None}
    assert len(new.written) == 3 and len(new.conflicts) == 1 and new.unannotated == 2
    a = {
        k: v[0]
        for k, v in files(tmp_path / "a" / "gold", tmp_path / "a" / "gold-conflicts").items()
    }
    b = {
        k: v[0]
        for k, v in files(tmp_path / "b" / "gold", tmp_path / "b" / "gold-conflicts").items()
    }
    assert a == b and len(a) == 3 + 1 + 6  # gold, conflicts.json, 3 tasks x 2 annotators


def test_pull_with_nothing_changed_exports_and_rewrites_nothing(
    ls_client: Client, ls_project: str, out: Path
) -> None:
    mixed_project(ls_client, ls_project)
    first = pull_annotations(ls_client, project=ls_project, out_dir=out)
    before = files(out, out.parent / "gold-conflicts")
    state = out.parent / f".gold-pull-{first.project_id}.state"
    assert state.exists()
    recording = Recording(ls_client)
    again = pull_annotations(as_client(recording), project=ls_project, out_dir=out)
    assert recording.exports == []
    assert files(out, out.parent / "gold-conflicts") == before  # same bytes, same mtimes
    expected = first.to_dict() | {"written": [], "unchanged": list(first.written)}
    assert again.to_dict() == expected


def test_pull_after_a_change_exports_and_rewrites_exactly_that(
    ls_client: Client, ls_project: str, out: Path, tmp_path: Path
) -> None:
    docs, tasks = mixed_project(ls_client, ls_project)
    pull_annotations(ls_client, project=ls_project, out_dir=out)
    one, split = docs[0], docs[2]
    (out / f"{one.id}.json").unlink()  # a gold file removed by hand
    before = files(out, out.parent / "gold-conflicts")
    truth = ls_client.create_annotation(
        tasks[split.id].id, convert.document_result(split), ground_truth=True
    )
    recording = Recording(ls_client)
    report = pull_annotations(as_client(recording), project=ls_project, out_dir=out)
    assert recording.exported() == {tasks[split.id].id, tasks[one.id].id}
    assert sorted(report.written) == sorted([split.id, one.id])
    assert report.conflicts == ()
    after = files(out, out.parent / "gold-conflicts")
    rewritten = {k for k in after if before.get(k) != after[k]}
    assert {k for k in rewritten if k.startswith("gold/")} == {
        f"gold/{split.id}.json",
        f"gold/{one.id}.json",
    }
    # conflicts.json (now empty) and the split task's per-annotator files, nothing else.
    assert "gold-conflicts/conflicts.json" in rewritten
    assert all(
        k.startswith(
            ("gold/", "gold-conflicts/conflicts.json", f"gold-conflicts/annotators/{split.id}/")
        )
        for k in rewritten
    )
    record = json.loads((out / f"{split.id}.json").read_text(encoding="utf-8"))
    assert record["meta"]["labelstudio"]["annotations"] == [truth]
    # The same as pulling everything into an empty folder.
    full = tmp_path / "full" / "gold"
    pull_annotations(ls_client, project=ls_project, out_dir=full, full=True)
    assert {k: v[0] for k, v in files(out).items()} == {k: v[0] for k, v in files(full).items()}


def test_pull_with_a_corrupt_state_warns_and_pulls_everything(
    ls_client: Client, ls_project: str, out: Path
) -> None:
    mixed_project(ls_client, ls_project)
    first = pull_annotations(ls_client, project=ls_project, out_dir=out)
    state = out.parent / f".gold-pull-{first.project_id}.state"
    state.write_text('{"version": 1, "tasks": {"12": ', encoding="utf-8")
    recording = Recording(ls_client)
    report = pull_annotations(as_client(recording), project=ls_project, out_dir=out)
    (warning,) = report.warnings
    assert warning.startswith(f"{state}: the pull state is unreadable")
    assert recording.exports  # everything again
    assert report.written == () and sorted(report.unchanged) == sorted(first.written)
    json.loads(state.read_text(encoding="utf-8"))  # rewritten, whole
    quiet = Recording(ls_client)
    assert pull_annotations(as_client(quiet), project=ls_project, out_dir=out).warnings == ()
    assert quiet.exports == []
