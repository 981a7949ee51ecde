"""Push a release folder to the Hugging Face Hub as one tagged commit.

I/O: talks to the Hub (the only module that imports huggingface_hub); reads HF_TOKEN from
the mapping it is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from corpus.card import NAME
from corpus.errors import InputError, NewsgoldError, ReleaseExistsError
from corpus.manifest import MANIFEST, read_manifest, verify_release
from corpus.records import JSON

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


class HubError(NewsgoldError, RuntimeError):
    """The Hugging Face Hub refused a request or could not be reached."""


@dataclass(frozen=True, slots=True)
class PushPlan:
    """What a push uploads: the release folder, as one commit, tagged vX.Y.Z."""

    repo_id: str
    version: str
    tag: str
    files: tuple[str, ...]
    commit_message: str


@dataclass(frozen=True, slots=True)
class PushReport:
    repo_id: str
    tag: str
    commit: str
    url: str

    def to_dict(self) -> JSON:
        return {"repo_id": self.repo_id, "tag": self.tag, "commit": self.commit, "url": self.url}


def push_plan(release_dir: Path, repo_id: str) -> PushPlan:
    """Check a release can be pushed (intact, a valid repo id) and say what will be sent."""
    if not REPO_ID.match(repo_id):
        raise InputError(f"{repo_id!r} is not a Hub repository id of the form ORG/NAME")
    broken = verify_release(release_dir)
    if broken:
        raise InputError(f"the release does not match its manifest: {broken[0]}")
    manifest = read_manifest(release_dir)
    version = manifest["version"]
    files = (*manifest["files"], MANIFEST)
    return PushPlan(repo_id, version, f"v{version}", tuple(sorted(files)), f"{NAME} {version}")


def push_release(
    release_dir: Path, repo_id: str, *, token: str, endpoint: str | None = None
) -> PushReport:
    """Upload a release folder to the dataset repo `repo_id` as one commit and tag it
    `vX.Y.Z`, so `load_dataset(repo_id, config, revision="vX.Y.Z")` gets exactly this
    release. Refuses a tag that exists (ReleaseExistsError). `endpoint` overrides the Hub
    URL (HF_ENDPOINT). Errors never contain the token."""
    import httpx2

    # This is the one module allowed to talk to the Hub (ruff bans the import elsewhere).
    from huggingface_hub import HfApi  # noqa: TID251
    from huggingface_hub.errors import HfHubHTTPError  # noqa: TID251

    plan = push_plan(release_dir, repo_id)
    api = HfApi(endpoint=endpoint, token=token)
    where = endpoint or "https://huggingface.co"
    try:
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
        refs = api.list_repo_refs(repo_id, repo_type="dataset")
        if any(ref.name == plan.tag for ref in refs.tags):
            raise ReleaseExistsError(plan.version, f"{repo_id}@{plan.tag}")
        commit = api.upload_folder(
            repo_id=repo_id,
            repo_type="dataset",
            folder_path=release_dir,
            commit_message=plan.commit_message,
            # The repo's main branch shows the latest release: files of an older release
            # that this one does not have are removed (older tags keep them).
            delete_patterns=["*"],
        )
        api.create_tag(
            repo_id,
            tag=plan.tag,
            revision=commit.oid,
            repo_type="dataset",
            tag_message=plan.commit_message,
        )
    except (HfHubHTTPError, httpx2.HTTPError, OSError) as e:
        detail = str(e).replace(token, "***") if token else str(e)
        raise HubError(
            f"pushing {release_dir} to {repo_id} at {where} failed: {type(e).__name__}: "
            f"{detail}; the local release is complete, retry with "
            f"`corpus push {release_dir} {repo_id}`"
        ) from None
    url = f"{where.rstrip('/')}/datasets/{repo_id}/tree/{plan.tag}"
    return PushReport(repo_id, plan.tag, commit.oid, url)


def hub_token(environ: Mapping[str, str]) -> str:
    """The Hub token, from HF_TOKEN only (never from a file or the command line)."""
    token = environ.get("HF_TOKEN", "").strip()
    if not token:
        raise InputError("set HF_TOKEN to a Hugging Face token with write access to push")
    return token
