"""Publishing from git: the gold set is read as the commit the manifest records holds it,
never from the working tree; uncommitted and ignored gold files are refused by name."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from corpus import gold as gold_module
from corpus.errors import InputError
from corpus.gold import committed_gold, read_blobs
from corpus.release import publish, read_views
from corpus.stream import quiet, stream_gold

RELEASED = "2025-01-15"


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def commit_all(folder: Path, message: str = "gold") -> str:
    """Commit everything in `folder` (a repository is made there first if needed); the commit."""
    if not (folder / ".git").exists():
        git(folder, "init", "-q")
    git(folder, "add", "-A", ".")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)
    return git(folder, "rev-parse", "HEAD")


def test_publish_refuses_uncommitted_gold_and_records_the_commit(
    fixture_gold: Path, tmp_path: Path
) -> None:
    commit_all(fixture_gold)
    (fixture_gold / "notes.json").write_text("{}", "utf-8")
    with pytest.raises(InputError, match=r"1 uncommitted change\(s\) \(notes\.json\)"):
        publish(fixture_gold, "1.0.0", tmp_path / "dist")
    (fixture_gold / "notes.json").unlink()
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    assert report.manifest["gold"]["commit"] == git(fixture_gold, "rev-parse", "HEAD")


def test_publish_refuses_a_gold_file_git_ignores(fixture_gold: Path, tmp_path: Path) -> None:
    (fixture_gold / ".gitignore").write_text("local-*.json\n", "utf-8")
    commit_all(fixture_gold)
    # A valid gold file that `git status` does not show: the commit does not have it.
    first = sorted(fixture_gold.glob("*.json"))[0]
    shutil.copyfile(first, fixture_gold / "local-extra.json")
    with pytest.raises(InputError, match=r"1 gold file\(s\) that git does not track.*local-extra"):
        publish(fixture_gold, "1.0.0", tmp_path / "dist")
    assert not (tmp_path / "dist" / "newsgold" / "1.0.0").exists()


def test_publish_reads_the_recorded_commit_not_the_working_tree(
    fixture_gold: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = commit_all(fixture_gold)
    committed_views = list(read_views(fixture_gold))
    files = sorted(fixture_gold.glob("*.json"))
    real_gold_source = gold_module.gold_source

    def then_edited(gold_dir: Path) -> str | None:
        # The gold set changes after the check passed: none of it may reach the release.
        found = real_gold_source(gold_dir)
        files[0].write_text("not JSON", "utf-8")
        files[1].unlink()
        shutil.copyfile(files[2], fixture_gold / "added-later.json")
        return found

    monkeypatch.setattr("corpus.release.gold_source", then_edited)
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    assert report.manifest["gold"]["commit"] == commit
    assert list(read_views(report.path)) == committed_views


def test_publish_outside_git_reads_the_folder_and_records_no_commit(
    fixture_gold: Path, tmp_path: Path
) -> None:
    outside = subprocess.run(["git", "-C", str(fixture_gold), "rev-parse"], capture_output=True)
    assert outside.returncode != 0, "the test folder must not be inside a git repository"
    report = publish(fixture_gold, "1.0.0", tmp_path / "dist", released=RELEASED)
    assert report.manifest["gold"]["commit"] is None
    assert list(read_views(report.path)) == list(read_views(fixture_gold))


def test_committed_gold_lists_the_json_files_of_the_folder_in_that_commit(tmp_path: Path) -> None:
    gold = tmp_path / "repo" / "gold"
    (gold / "older").mkdir(parents=True)
    (gold / "b.json").write_text('{"id": "b"}\n', "utf-8")
    (gold / "a.json").write_text('{"id": "a"}\n', "utf-8")
    (gold / "README.md").write_text("Gold set.\n", "utf-8")
    (gold / "older" / "c.json").write_text('{"id": "c"}\n', "utf-8")
    (tmp_path / "repo" / "elsewhere.json").write_text("{}\n", "utf-8")
    first = commit_all(tmp_path / "repo")
    (gold / "a.json").write_text('{"id": "a", "edited": true}\n', "utf-8")
    commit_all(tmp_path / "repo", "edit a")
    (gold / "b.json").write_text("uncommitted", "utf-8")

    files = committed_gold(gold, first)
    assert [f.path for f in files] == [gold / "a.json", gold / "b.json"]
    assert read_blobs(gold, [f.blob for f in files]) == [b'{"id": "a"}\n', b'{"id": "b"}\n']


def test_committed_gold_refuses_a_file_committed_as_a_link(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "a"}), "utf-8")
    (tmp_path / "b.json").symlink_to("a.json")
    commit = commit_all(tmp_path)
    with pytest.raises(InputError, match=r"committed as symbolic links: b\.json; commit the"):
        committed_gold(tmp_path, commit)


def test_read_blobs_names_a_blob_the_repository_lacks(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", "utf-8")
    commit_all(tmp_path)
    with pytest.raises(InputError, match=rf"^{tmp_path}: git cannot read blob 0{{40}}: "):
        read_blobs(tmp_path, ["0" * 40])


def test_worker_processes_read_the_commit_too(
    fixture_gold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = commit_all(fixture_gold)
    in_process = stream_gold(fixture_gold, None, None, progress=quiet, workers=1, commit=commit)
    for path in fixture_gold.glob("*.json"):
        path.write_text("not JSON", "utf-8")  # the working tree no longer holds a record
    monkeypatch.setattr("corpus.stream.BATCH", 4)  # 11 documents: three tasks, two workers
    spawned = stream_gold(fixture_gold, None, None, progress=quiet, workers=2, commit=commit)
    assert spawned.files.hexdigest() == in_process.files.hexdigest()
    assert spawned.figures.to_dict() == in_process.figures.to_dict()
