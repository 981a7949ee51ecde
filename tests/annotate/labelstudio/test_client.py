"""The Label Studio client against a real server: connection, errors, secrets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotate.labelstudio.client import Client
from annotate.labelstudio.config import label_config
from annotate.labelstudio.push import push_tasks
from corpus.errors import LabelStudioError
from tests.annotate.labelstudio.conftest import free_port, gold_documents, make_project
from tests.conftest import REPO


def annotate_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotate", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def test_client_whoami_works_with_the_env_key(ls_client: Client) -> None:
    assert ls_client.whoami().id > 0


def test_create_project_accepts_the_generated_config(ls_client: Client, ls_project: str) -> None:
    project = make_project(ls_client, ls_project)
    assert project.title == ls_project
    ls_client.check_config(project, label_config())
    assert ls_client.find_project(ls_project) == project


def test_create_project_refuses_a_bad_config_with_400(ls_client: Client, ls_project: str) -> None:
    bad = label_config().replace('toName="text" perRegion', 'toName="nowhere" perRegion', 1)
    with pytest.raises(LabelStudioError) as caught:
        ls_client.create_project(ls_project, label_config=bad)
    assert caught.value.status == 400
    assert "refused creating project" in str(caught.value)
    assert "nowhere" in str(caught.value)


def test_config_mismatch_says_how_to_fix_it(ls_client: Client, ls_project: str) -> None:
    other = label_config().replace('hotkey="p"', 'hotkey="x"')
    ls_client.create_project(ls_project, label_config=other)
    with pytest.raises(LabelStudioError, match="different labelling config") as caught:
        push_tasks(ls_client, gold_documents()[:1], project=ls_project)
    assert "--update-config" in str(caught.value) and "annotate ls-config" in str(caught.value)
    report = push_tasks(ls_client, gold_documents()[:1], project=ls_project, update_config=True)
    assert len(report.created) == 1
    ls_client.check_config(ls_client.project(ls_project), label_config())


def test_wrong_token_is_refused_clearly(ls_env: dict[str, str]) -> None:
    wrong = "0" * 40
    with (
        Client(ls_env["LABEL_STUDIO_URL"], wrong) as client,
        pytest.raises(LabelStudioError) as caught,
    ):
        client.whoami()
    assert caught.value.status == 401
    message = str(caught.value)
    assert "refused the API key (HTTP 401)" in message and "LABEL_STUDIO_API_KEY" in message
    assert wrong not in message and "sessionid" not in message


def test_server_down_says_how_to_start_it() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with Client(url, "0" * 40, retries=0) as client, pytest.raises(LabelStudioError) as caught:
        client.whoami()
    assert str(caught.value).startswith(f"cannot reach Label Studio at {url}")
    assert "is it running? scripts/labelstudio start" in str(caught.value)
    assert caught.value.status is None


def test_unknown_project_is_reported(ls_client: Client) -> None:
    with pytest.raises(LabelStudioError, match="no project titled 'nope 1b2c'") as caught:
        ls_client.project("nope 1b2c")
    assert caught.value.status == 404


def test_missing_environment_names_the_variables() -> None:
    with pytest.raises(LabelStudioError, match="LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY not set"):
        Client.from_env({})


def test_client_repr_hides_the_token(ls_client: Client, ls_env: dict[str, str]) -> None:
    assert ls_env["LABEL_STUDIO_API_KEY"] not in repr(ls_client)
    assert repr(ls_client) == f"Client(url={ls_env['LABEL_STUDIO_URL']!r})"


def test_cli_never_shows_or_writes_the_token(
    ls_client: Client, ls_project: str, ls_env: dict[str, str], tmp_path: Path
) -> None:
    token = ls_env["LABEL_STUDIO_API_KEY"]
    env = {**os.environ, **ls_env}
    out, conflicts = tmp_path / "gold", tmp_path / "conflicts"
    gold = str(REPO / "data" / "gold")
    runs = [annotate_cli("push", gold, "--project", ls_project, env=env)]
    project = ls_client.project(ls_project)
    for task in list(ls_client.tasks(project.id))[:3]:
        ls_client.create_annotation(task.id, [])
    pull = ("pull", "--project", ls_project, "--out", str(out), "--conflicts", str(conflicts))
    runs.append(annotate_cli(*pull, env=env))
    runs.append(annotate_cli("pull", "--project", "no such 9x", "--out", str(out), env=env))
    wrong = {**env, "LABEL_STUDIO_API_KEY": token[::-1]}
    runs.append(annotate_cli("push", gold, "--project", ls_project, env=wrong))
    down = {**env, "LABEL_STUDIO_URL": f"http://127.0.0.1:{free_port()}"}
    runs.append(annotate_cli(*pull, env=down))

    assert [r.returncode for r in runs] == [0, 0, 1, 1, 1], [r.stderr for r in runs]
    assert json.loads(runs[1].stdout)["written"]
    assert "no project titled 'no such 9x'" in runs[2].stderr
    assert "refused the API key (HTTP 401)" in runs[3].stderr
    assert "cannot reach Label Studio at http://127.0.0.1:" in runs[4].stderr
    assert "Traceback" not in "".join(r.stderr for r in runs)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 4  # 3 gold files and the pull's state (checked for the token too)
    assert sum(p.name == f".gold-pull-{project.id}.state" for p in written) == 1
    for text in [r.stdout + r.stderr for r in runs] + [p.read_text() for p in written]:
        assert token not in text and token[::-1] not in text
        assert "sessionid" not in text
