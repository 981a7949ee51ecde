"""The pull state file and the choice of what an incremental pull exports (no server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.labelstudio import pull_fetch as pf
from annotate.labelstudio import pull_state as ps
from annotate.labelstudio.client import TaskBounds, timestamp
from annotate.labelstudio.pull_state import PullState, TaskRecord, fingerprint

WHEN = "2026-03-02T10:00:00.000001+00:00"
LATER = "2026-03-02T10:05:00.000000+00:00"


def accepted(task: int, article: str, files: dict[str, str] | None) -> TaskRecord:
    return TaskRecord(
        task=task,
        updated_at=WHEN,
        annotations=(task * 10,),
        article_id=article,
        annotated=True,
        claims=True,
        accepted=True,
        files=files,
    )


def state(*records: TaskRecord) -> PullState:
    return PullState(
        7, fingerprint("x"), WHEN, "2026-03-02T10:00:01+00:00", {r.task: r for r in records}
    )


def test_state_round_trips_through_its_file(tmp_path: Path) -> None:
    conflict = {
        "task": 2,
        "article_id": "b",
        "annotators": ["ann-1", "ann-2"],
        "annotations": [3, 4],
        "differences": ["only ann-1 (annotation 3): PER 0:4 'Budi'"],
    }
    saved = state(
        accepted(1, "a", {"out:a": "f" * 64}),
        TaskRecord(2, WHEN, (3, 4), "b", True, True, conflict=conflict, per_annotator=2, files={}),
        TaskRecord(3, WHEN, (), None, False, files={}),
        accepted(4, "a", None),
    )
    path = ps.state_path(tmp_path / "gold", 7)
    ps.save_state(path, saved)
    assert path == tmp_path / ".gold-pull-7.state"
    assert not path.name.endswith(".json")  # nothing that reads the gold JSON picks it up
    assert not list(tmp_path.glob(".*.tmp"))  # written via a temp file, renamed
    loaded, warning = ps.load_state(path, project_id=7, fingerprint=saved.fingerprint)
    assert warning == "" and loaded == saved


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe", b"[]", b'{"version": 1}', b'{"version": 99, "tasks": {}}'],
    ids=["broken JSON", "not UTF-8", "a list", "fields missing", "another version"],
)
def test_unreadable_state_is_named_in_a_warning_and_not_used(
    tmp_path: Path, content: bytes
) -> None:
    path = ps.state_path(tmp_path / "gold", 7)
    path.write_bytes(content)
    loaded, warning = ps.load_state(path, project_id=7, fingerprint="x")
    assert loaded is None
    assert warning.startswith(f"{path}: the pull state is unreadable")
    assert "pulling everything" in warning and "\n" not in warning


def test_state_of_another_project_or_code_is_silently_not_used(tmp_path: Path) -> None:
    path = ps.state_path(tmp_path / "gold", 7)
    saved = state(accepted(1, "a", {}))
    ps.save_state(path, saved)
    assert ps.load_state(path, project_id=8, fingerprint=saved.fingerprint) == (None, "")
    assert ps.load_state(path, project_id=7, fingerprint=fingerprint("y")) == (None, "")
    assert ps.load_state(tmp_path / "missing.state", project_id=7, fingerprint="x") == (None, "")


def test_stale_tasks_are_new_changed_or_with_edited_files(tmp_path: Path) -> None:
    good, edited = ps.sha256(b"one"), ps.sha256(b"two")
    records = {
        1: accepted(1, "a", {"out:a": good}),
        2: accepted(2, "b", {"out:b": good}),
        3: accepted(3, "c", {"out:c": good}),
        4: accepted(4, "d", {"conflicts:annotators/d/ann-1.json": good}),
    }
    (tmp_path / "annotators" / "d").mkdir(parents=True)
    (tmp_path / "annotators" / "d" / "ann-1.json").write_bytes(b"one")
    out_shas = {"a": good, "b": good, "c": edited}
    changed = {1: WHEN, 2: LATER, 9: LATER}  # 1 as before, 2 changed, 9 new
    assert pf.stale(records, changed, out_shas, tmp_path) == {2, 3, 9}
    (tmp_path / "annotators" / "d" / "ann-1.json").write_bytes(b"two")
    assert pf.stale(records, {}, out_shas, tmp_path) == {3, 4}


def test_a_second_task_of_an_article_is_fetched_once_it_is_alone() -> None:
    # Task 2 was the second task of article "a" last time (no files); task 1 now has another
    # article, so task 2 claims "a" and must write it.
    records = {
        1: accepted(1, "z", {"out:z": "0" * 64}),
        2: accepted(2, "a", None),
        3: accepted(3, "a", None),  # still a second task of "a"
    }
    assert pf.unwritten_claims([1, 2, 3], records, fresh={1}) == {2}
    # An unannotated first task also holds its article: nothing to fetch.
    waiting = TaskRecord(0, WHEN, (), "a", annotated=False, files={})
    assert pf.unwritten_claims([0, 2], {0: waiting, 2: records[2]}, fresh=set()) == set()


def test_id_blocks_cover_the_range_or_ask_for_all_at_once() -> None:
    blocks = pf.id_blocks(TaskBounds(total=450, lowest=101, highest=550, newest=WHEN))
    assert [b[0] for b in blocks if b is not None] == [101, 101 + pf.BLOCK, 101 + 2 * pf.BLOCK]
    assert sum(len(b) for b in blocks if b is not None) == 450
    assert pf.id_blocks(TaskBounds(10, 1, 100_000, WHEN)) == [None]  # thinly spread ids
    assert pf.id_blocks(TaskBounds(0, 0, 0, "")) == []
    assert pf.chunks([5, 1, *range(1000, 1000 + pf.BLOCK)])[0][:3] == [1, 5, 1000]


def test_prefetched_keeps_order_and_raises_where_the_fetch_failed() -> None:
    fetched: list[int] = []

    def fetch(block: int) -> int:
        fetched.append(block)
        if block == 3:
            raise RuntimeError("server gone")
        return block * 10

    assert list(pf.prefetched(fetch, [1, 2])) == [10, 20]
    got = []
    with pytest.raises(RuntimeError, match="server gone"):
        for value in pf.prefetched(fetch, [1, 2, 3, 4]):
            got.append(value)
    assert got == [10, 20]


def test_timestamps_from_the_export_and_the_sdk_compare_equal() -> None:
    from datetime import UTC, datetime

    exported = "2026-03-02T10:00:00.000001Z"
    listed = datetime(2026, 3, 2, 10, 0, 0, 1, tzinfo=UTC)
    assert timestamp(exported) == timestamp(listed) == WHEN
    assert timestamp(None) == ""
    assert json.dumps(timestamp("2026-03-02T10:00:00Z")) == '"2026-03-02T10:00:00.000000+00:00"'
