"""The Label Studio client against a real server: connection, errors, secrets."""

from __future__ import annotations

import pytest

from annotate.labelstudio.client import Client
from annotate.labelstudio.config import label_config
from tests.annotate.labelstudio.conftest import make_project

pytestmark = pytest.mark.integration


def test_client_whoami_works_with_the_env_key(ls_client: Client) -> None:
    assert ls_client.whoami().id > 0


def test_create_project_accepts_the_generated_config(ls_client: Client, ls_project: str) -> None:
    project = make_project(ls_client, ls_project)
    assert project.title == ls_project
    ls_client.check_config(project, label_config())
    assert ls_client.find_project(ls_project) == project
