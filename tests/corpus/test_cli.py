"""The corpus commands end to end: validate a folder of broken records, build, publish, push."""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corpus.cli import app
from corpus.schemas import label_set
from tests.conftest import REPO
from tests.corpus.conftest import write_gold
from tests.corpus.gold_fixtures import document

runner = CliRunner()
PER, ORG = label_set().entity_labels


def broken_folder(folder: Path) -> tuple[Path, dict[str, Any]]:
    """A gold folder with one good file and one file per kind of breakage."""
    doc = document("sample-kazakhstan.txt")
    write_gold(folder, [doc])
    base = doc.to_dict()

    def broken(name: str, change: Any) -> None:
        record = copy.deepcopy(base)
        change(record)
        record["id"] = name
        (folder / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")

    broken("bad-offsets", lambda r: r["entities"][1].update(end=10**6))
    broken("text-mismatch", lambda r: r["entities"][0].update(text="Tokayev"))
    broken("unknown-label", lambda r: r["entities"][2].update(label="LOC"))
    broken("dangling-holder", lambda r: r["stances"][0].update(holder="e1-2"))
    broken("wrong-type", lambda r: r["quantities"][0].update(start="10"))
    (folder / "truncated.json").write_text(json.dumps(base)[:500], "utf-8")
    record = copy.deepcopy(base)
    (folder / "wrong-name.json").write_text(json.dumps(record), "utf-8")
    return folder, base


def test_validate_reports_every_broken_record_with_file_and_pointer(tmp_path: Path) -> None:
    folder, base = broken_folder(tmp_path / "gold")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    e0, e1 = base["entities"][:2]
    # The file is cut inside the text, whose string starts after `"text": ` (1-based column).
    blob = json.dumps(base)
    text_column = blob.index('"text": ') + len('"text": ') + 1
    assert result.stderr.splitlines() == [
        f"error: {folder}/bad-offsets.json: /entities/1: offsets [{e1['start']}:1000000] are "
        f"outside the text (length {len(base['text'])})",
        f"error: {folder}/dangling-holder.json: /stances/0/holder: 'e1-2' is not the id of "
        "an entity",
        f"error: {folder}/text-mismatch.json: /entities/0: text[{e0['start']}:{e0['end']}] is "
        f"'Kassym-Jomart Tokayev', not 'Tokayev'",
        f"error: {folder}/truncated.json: invalid JSON at line 1 column {text_column}: "
        "Unterminated string starting at",
        f"error: {folder}/unknown-label.json: /entities/2/label: 'LOC' is not one of "
        f"{list(label_set().entity_labels)}",
        f"error: {folder}/wrong-name.json: /id: {base['id']!r} does not match the file name; "
        f"a gold file is named <id>.json, rename it to {base['id']}.json",
        f"error: {folder}/wrong-type.json: /quantities/0/start: '10' is not of type 'integer'",
        "8 documents checked, 7 with problems",
    ]


def test_validate_json_lines_give_file_pointer_and_message(tmp_path: Path) -> None:
    folder, _ = broken_folder(tmp_path / "gold")
    result = runner.invoke(app, ["validate", str(folder), "--json"])
    assert result.exit_code == 1
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(Path(f["file"]).name, f["pointer"]) for f in found} == {
        ("bad-offsets.json", "/entities/1"),
        ("dangling-holder.json", "/stances/0/holder"),
        ("text-mismatch.json", "/entities/0"),
        ("truncated.json", None),
        ("unknown-label.json", "/entities/2/label"),
        ("wrong-name.json", "/id"),
        ("wrong-type.json", "/quantities/0/start"),
    }
    assert all(f["message"] for f in found)


def test_validate_reports_an_id_used_twice_across_folders(tmp_path: Path) -> None:
    doc = document("sample-kazakhstan.txt")
    first = write_gold(tmp_path / "a", [doc])
    second = write_gold(tmp_path / "b", [doc])
    result = runner.invoke(app, ["validate", str(first), str(second)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {second}/{doc.id}.json: /id: {doc.id!r} is also the id of {first}/{doc.id}.json",
        "2 documents checked, 1 with problems",
    ]


def test_validate_accepts_the_bundled_gold_set() -> None:
    result = runner.invoke(app, ["validate", str(REPO / "data" / "gold")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "11 documents checked, 0 with problems\n"


def test_build_prints_figures_and_writes_parquet(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [document("sample-kazakhstan.txt")])
    result = runner.invoke(app, ["build", str(gold), "--out", str(tmp_path / "build")])
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["train"]["documents"] == 1
    assert figures["train"]["labels"][PER] == 3
    assert sorted(
        p.relative_to(tmp_path).as_posix() for p in (tmp_path / "build").rglob("*.parquet")
    ) == [
        "build/data/sentences/train.parquet",
        "build/data/spans/train.parquet",
        "build/data/tokens/train.parquet",
    ]


def test_publish_twice_is_refused_with_a_message(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [document("sample-kazakhstan.txt")])
    args = ["publish", "--version", "1.0.0", "--gold", str(gold), "--out", str(tmp_path / "dist")]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["version"] == "1.0.0"
    second = runner.invoke(app, args)
    assert second.exit_code == 1
    assert second.stderr == (
        f"error: release 1.0.0 already exists at {tmp_path}/dist/newsgold/1.0.0; releases are "
        "immutable, publish a higher version instead\n"
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_corpus(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING"))}
    return subprocess.run(
        [sys.executable, "-m", "corpus", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )


@pytest.mark.slow
def test_push_to_an_unreachable_hub_fails_clearly_and_never_shows_the_token(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [document("sample-kazakhstan.txt")])
    token = "hf_NEVERPRINTED0123456789abcdef"
    endpoint = f"http://127.0.0.1:{closed_port()}"
    env = {"HF_TOKEN": token, "HF_ENDPOINT": endpoint, "HF_HOME": str(tmp_path / "hf-home")}
    args = ["publish", "--version", "1.0.0", "--gold", str(gold), "--out", str(tmp_path / "dist")]
    result = run_corpus([*args, "--push-to-hub", "newsgold/newsgold"], env)
    assert result.returncode == 1
    release = tmp_path / "dist" / "newsgold" / "1.0.0"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: pushing {release} to newsgold/newsgold at {endpoint} failed: ConnectError: "
        f"[Errno 111] Connection refused; the local release is complete, retry with "
        f"`corpus push {release} newsgold/newsgold`"
    ]
    assert json.loads(result.stdout)["version"] == "1.0.0"  # the local release was published
    # The same release pushed again, as the message says, fails the same way.
    again = run_corpus(["push", str(release), "newsgold/newsgold"], env)
    assert again.returncode == 1 and "Connection refused" in again.stderr
    written = [p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()]
    for output in (result.stdout, result.stderr, again.stdout, again.stderr):
        assert token not in output
    assert not any(token.encode() in blob for blob in written)


def test_publish_to_hub_without_a_token_publishes_nothing(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [document("sample-kazakhstan.txt")])
    result = runner.invoke(
        app,
        [
            *["publish", "--version", "1.0.0", "--gold", str(gold)],
            *["--out", str(tmp_path / "dist"), "--push-to-hub", "newsgold/newsgold"],
        ],
        env={"HF_TOKEN": ""},
    )
    assert result.exit_code == 1
    assert (
        result.stderr == "error: set HF_TOKEN to a Hugging Face token with write access to push\n"
    )
    assert not (tmp_path / "dist").exists()


def test_publish_with_the_pre_annotation_states_what_people_changed(tmp_path: Path) -> None:
    doc = document("sample-kazakhstan.txt")
    gold = write_gold(tmp_path / "gold", [doc])
    predicted = write_gold(tmp_path / "predicted", [doc.with_spans(entities=doc.entities[1:])])
    args = ["publish", "--version", "1.0.0", "--gold", str(gold), "--out", str(tmp_path / "dist")]
    result = runner.invoke(app, [*args, "--preannotated", str(predicted)])
    assert result.exit_code == 0, result.stderr
    card = (tmp_path / "dist/newsgold/1.0.0/README.md").read_text("utf-8")
    assert "annotators changed 0, added 1 and deleted 0 span(s)" in card


def test_publish_refuses_an_invalid_pre_annotation(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [document("sample-kazakhstan.txt")])
    broken = tmp_path / "predicted.jsonl"
    broken.write_text('{"id": "x"}\n', encoding="utf-8")
    args = ["publish", "--version", "1.0.0", "--gold", str(gold), "--out", str(tmp_path / "dist")]
    result = runner.invoke(app, [*args, "--preannotated", str(broken)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {broken}:1: not a valid Document (/: ")
    assert not (tmp_path / "dist/newsgold/1.0.0").exists()
