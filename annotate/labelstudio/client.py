"""A small Label Studio client for newsgold. I/O: HTTP to Label Studio (label-studio-sdk).

The only module that imports `label_studio_sdk`. The connection comes from the
environment only: `LABEL_STUDIO_URL` and `LABEL_STUDIO_API_KEY` (a legacy token or a
personal access token; `scripts/labelstudio env --shell` prints both for the local server).
Both are passed explicitly to the SDK (it would default to localhost:8000, and it reads
the key from the environment at import time, not at call time).

Every SDK and transport error is wrapped once, here, into `LabelStudioError(message,
status=..., detail=...)` with a message that says what failed and how to fix it. The token
never appears in a message, a repr or a log line: `str()` of an SDK `ApiError` includes the
response headers (with Label Studio's session cookie), so only its status and the
`detail` / `validation_errors` of its body are ever used.

Retries: reads (GET) go through the SDK's own retries (connection errors, 5xx, 429: up to
`retries` more attempts, 1 s, 2 s, 4 s ... backoff). Creates and imports are sent once
(`max_retries: 0`): they are not idempotent, so the callers (push) re-read the server's
state before they try again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NoReturn

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError
from label_studio_sdk.core.parse_error import ParsingError

from annotate.labelstudio.config import canonical
from corpus.errors import LabelStudioError

URL_VARIABLE = "LABEL_STUDIO_URL"
KEY_VARIABLE = "LABEL_STUDIO_API_KEY"
START_HINT = "scripts/labelstudio start"
ENV_HINT = 'eval "$(scripts/labelstudio env --shell)"'

JSON = dict[str, Any]
_NO_RETRY: Any = {"max_retries": 0}
ALIVE_TIMEOUT = 10.0  # seconds a health check may take before the server counts as down


@dataclass(frozen=True, slots=True)
class Project:
    id: int
    title: str
    label_config: str = field(repr=False)
    description: str = field(default="", repr=False)
    created_at: str = ""
    instructions: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Task:
    """A task as listed: `annotations` are plain dicts (`completed_by` is a user id)."""

    id: int
    data: JSON = field(repr=False)
    annotations: tuple[JSON, ...] = field(default=(), repr=False)
    predictions: tuple[JSON, ...] = field(
        default=(), repr=False
    )  # {"result", "model_version", ...}
    updated_at: str = ""  # see `timestamp`; empty when the listing left it out


@dataclass(frozen=True, slots=True)
class TaskBounds:
    """A project's task count, lowest and highest task id, newest `updated_at` (see
    `timestamp`); all 0 / "" for a project without tasks."""

    total: int
    lowest: int
    highest: int
    newest: str


@dataclass(frozen=True, slots=True)
class TaskMark:
    """A task as a push's reconciliation lists it (#16): `meta` holds the mark of the push
    that imported it; `annotations` counts submitted and cancelled ones."""

    id: int
    data: JSON = field(repr=False)
    meta: JSON = field(default_factory=dict, repr=False)
    annotations: int = 0


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str = field(repr=False)


def _body_detail(body: Any) -> str:
    """A short, token-free description of an error body."""
    if isinstance(body, Mapping):
        parts = []
        if body.get("detail"):
            parts.append(str(body["detail"]))
        errors = body.get("validation_errors")
        if errors:
            parts.append(str(errors))
        if not parts:
            parts.append(str({k: v for k, v in body.items() if k not in ("exc_info", "id")}))
        text = "; ".join(parts)
    else:
        text = str(body or "")
    return text if len(text) <= 500 else text[:497] + "..."


class Client:
    """Connected to one Label Studio server (see `from_env`). Methods raise LabelStudioError."""

    def __init__(self, url: str, api_key: str, *, timeout: float = 60.0, retries: int = 2) -> None:
        self.url = url.rstrip("/")
        self._key = api_key
        if not self.url.startswith(("http://", "https://")):
            raise LabelStudioError(
                f"{URL_VARIABLE}={self.url!r} is not an http(s) URL. Fix: {ENV_HINT}"
            )
        if not api_key:
            raise LabelStudioError(f"{KEY_VARIABLE} is empty. Fix: {ENV_HINT}")
        # Our own httpx client, so that `close()` can release its connections.
        self._http = httpx.Client(timeout=timeout, follow_redirects=True)
        # Typed as Any: the SDK's generated models change between 2.x releases; this module
        # reads only the fields docs/labelstudio-sdk-notes.md lists as verified.
        sdk: Any = LabelStudio
        with self._errors("connecting"):
            self._sdk: Any = sdk(
                base_url=self.url,
                api_key=api_key,
                timeout=timeout,
                max_retries=retries,
                httpx_client=self._http,
            )

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, timeout: float = 60.0, retries: int = 2
    ) -> Client:
        """A client for `LABEL_STUDIO_URL` with `LABEL_STUDIO_API_KEY` (the only way in)."""
        env = os.environ if env is None else env
        url, key = env.get(URL_VARIABLE, ""), env.get(KEY_VARIABLE, "")
        missing = [name for name, value in ((URL_VARIABLE, url), (KEY_VARIABLE, key)) if not value]
        if missing:
            raise LabelStudioError(
                f"{' and '.join(missing)} not set. Fix: start a server with `{START_HINT}`, "
                f"then {ENV_HINT}"
            )
        return cls(url, key, timeout=timeout, retries=retries)

    def __repr__(self) -> str:
        return f"Client(url={self.url!r})"

    def close(self) -> None:
        """Close the HTTP connections (the client cannot be used afterwards)."""
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ errors

    @contextmanager
    def _errors(self, what: str, *, project: str | None = None) -> Iterator[None]:
        """Translate SDK and transport errors of `what` into one LabelStudioError."""
        try:
            yield
        except ApiError as e:
            self._raise_api(what, e.status_code, e.body, project)
        except httpx.ConnectError:
            raise LabelStudioError(
                f"cannot reach Label Studio at {self.url} while {what}: is it running? "
                f"{START_HINT} (then {ENV_HINT})",
                status=None,
                detail="connection refused",
            ) from None
        except httpx.TimeoutException as e:
            raise LabelStudioError(
                f"Label Studio at {self.url} did not answer in time while {what} "
                f"({type(e).__name__}); it may be overloaded: try again, or a smaller batch",
                detail=type(e).__name__,
            ) from None
        except httpx.TransportError as e:
            raise LabelStudioError(
                f"network error talking to Label Studio at {self.url} while {what} "
                f"({type(e).__name__}): is it running (or restarting), and is {URL_VARIABLE} "
                "its URL?",
                detail=type(e).__name__,
            ) from None
        except ParsingError as e:
            raise LabelStudioError(
                f"Label Studio at {self.url} answered {what} with a response the SDK cannot "
                f"read (HTTP {e.status_code}); is it Label Studio 1.23?",
                status=e.status_code,
            ) from None

    def _raise_api(self, what: str, status: int | None, body: Any, project: str | None) -> NoReturn:
        detail = _body_detail(body)
        if status in (401, 403):
            message = (
                f"Label Studio at {self.url} refused the API key (HTTP {status}) while {what}: "
                f"{detail}. Fix: check {KEY_VARIABLE} (a legacy token needs "
                "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=true on the server; for the local server "
                f"run {ENV_HINT})"
            )
        elif status == 404 and project is not None:
            message = (
                f"project {project} not found at {self.url} while {what}: {detail}. "
                "Fix: check the project title/id (`annotate push` creates it)"
            )
        elif status == 404:
            message = f"not found at {self.url} while {what}: {detail}"
        elif status is not None and status >= 500:
            message = (
                f"Label Studio at {self.url} failed (HTTP {status}) while {what}: {detail}. "
                f"See the server log (.labelstudio/server.log for the local server)"
            )
        else:
            message = f"Label Studio at {self.url} refused {what} (HTTP {status}): {detail}"
        raise LabelStudioError(message, status=status, detail=detail) from None

    # ----------------------------------------------------------------- reading

    def check_alive(self, *, timeout: float = ALIVE_TIMEOUT) -> None:
        """Raise at once (LabelStudioError) unless the server answers its health check within
        `timeout` seconds, with no retries: a stopped or hung server fails a push or pull here
        in seconds, not after every request's timeout and retries."""
        with self._errors("checking that it is up"):
            response = self._http.get(f"{self.url}/health", timeout=timeout)
        if response.status_code != 200:
            raise LabelStudioError(
                f"Label Studio at {self.url} is not healthy (GET /health: HTTP "
                f"{response.status_code}); see its log, or restart it: {START_HINT}",
                status=response.status_code,
            )

    def whoami(self) -> User:
        """The user the API key belongs to (a cheap check that URL and key work)."""
        with self._errors("checking the API key"):
            me = self._sdk.users.whoami()
        return User(int(me.id), str(getattr(me, "username", "") or ""))

    def projects(self) -> list[Project]:
        with self._errors("listing projects"):
            return [_project(p) for p in self._sdk.projects.list(page_size=100)]

    def find_project(self, title: str) -> Project | None:
        """The project with exactly this title (Label Studio's filter is a substring match)."""
        found = [project for project, _ in self.projects_titled(title)]
        if len(found) > 1:
            ids = ", ".join(str(p.id) for p in found)
            raise LabelStudioError(
                f"{len(found)} projects are titled {title!r} at {self.url} (ids {ids}); "
                "rename all but one in Label Studio so the title names one project"
            )
        return found[0] if found else None

    def project(self, title: str) -> Project:
        """The project titled `title`; LabelStudioError when there is none."""
        found = self.find_project(title)
        if found is None:
            raise LabelStudioError(
                f"no project titled {title!r} at {self.url}. Fix: check the title "
                "(exact, case-sensitive), or create it with `annotate push --project TITLE`",
                status=404,
                detail="unknown project",
            )
        return found

    def project_by_id(self, project_id: int) -> Project:
        with self._errors(f"reading project {project_id}", project=str(project_id)):
            return _project(self._sdk.projects.get(project_id))

    def check_config(self, project: Project, expected: str) -> None:
        """Raise when the project's labelling config is not `expected` (whitespace aside)."""
        if canonical(project.label_config or "<View/>") != canonical(expected):
            raise LabelStudioError(
                f"project {project.title!r} (id {project.id}) at {self.url} has a different "
                "labelling config than the one generated from schema/ (`annotate ls-config`). "
                "Fix: `annotate push --update-config` (Label Studio refuses it if existing "
                "annotations no longer fit), or paste `annotate ls-config` into the project's "
                "Settings → Labeling Interface",
                detail="config mismatch",
            )

    def tasks(
        self, project_id: int, *, annotations: bool = False, page_size: int = 500
    ) -> Iterator[Task]:
        """Every task of the project (id and data; annotations and predictions when asked
        for, which makes the listing about twice as slow), page by page."""
        # Without annotations, `include` trims the answer to what push reads. With them it
        # cannot be used: Label Studio then sends each annotation as {"id"} alone.
        kind: dict[str, str] = (
            {"fields": "all"} if annotations else {"fields": "task_only", "include": "id,data"}
        )
        with self._errors(f"listing the tasks of project {project_id}", project=str(project_id)):
            # Iterating the pager itself: it stops at the 404 that follows the last page.
            for t in self._sdk.tasks.list(project=project_id, page_size=page_size, **kind):
                yield _task(t)

    def task(self, task_id: int) -> Task:
        with self._errors(f"reading task {task_id}"):
            return _task(self._sdk.tasks.get(str(task_id)))

    def users(self) -> list[User]:
        with self._errors("listing users"):
            return [User(int(u.id), str(u.username or "")) for u in self._sdk.users.list()]

    # ----------------------------------------------------------------- writing

    def create_project(
        self, title: str, *, label_config: str, instructions: str = "", description: str = ""
    ) -> Project:
        """A new project (sent once: a retried create could make two)."""
        with self._errors(f"creating project {title!r}"):
            p = self._sdk.projects.create(
                title=title,
                label_config=label_config,
                description=description,
                expert_instruction=instructions,
                show_instruction=bool(instructions),
                request_options=_NO_RETRY,
            )
        return self.project_by_id(int(p.id))

    def update_project(
        self,
        project: Project,
        *,
        label_config: str | None = None,
        instructions: str | None = None,
        description: str | None = None,
    ) -> Project:
        changes: dict[str, Any] = {}
        if label_config is not None:
            changes["label_config"] = label_config
        if instructions is not None:
            changes["expert_instruction"] = instructions
            changes["show_instruction"] = bool(instructions)
        if description is not None:
            changes["description"] = description
        with self._errors(f"updating project {project.title!r}", project=str(project.id)):
            self._sdk.projects.update(project.id, **changes)
        return self.project_by_id(project.id)

    def delete_project(self, project_id: int) -> None:
        with self._errors(f"deleting project {project_id}", project=str(project_id)):
            self._sdk.projects.delete(project_id)

    def import_tasks(self, project_id: int, tasks: Sequence[JSON]) -> list[int]:
        """Import tasks (with their predictions) in one request, sent once; their new ids."""
        with self._errors(
            f"importing {len(tasks)} tasks into project {project_id}", project=str(project_id)
        ):
            r = self._sdk.projects.import_tasks(
                project_id, request=list(tasks), return_task_ids=True, request_options=_NO_RETRY
            )
        return [int(i) for i in (r.task_ids or [])]

    def create_annotation(
        self,
        task_id: int,
        result: Sequence[JSON],
        *,
        completed_by: int | None = None,
        ground_truth: bool = False,
        was_cancelled: bool = False,
    ) -> int:
        """Store an annotation on a task as the web UI would (sent once); its id."""
        extra: dict[str, Any] = {}
        if completed_by is not None:
            extra["completed_by"] = completed_by
        with self._errors(f"annotating task {task_id}"):
            a = self._sdk.annotations.create(
                id=task_id,
                result=list(result),
                ground_truth=ground_truth,
                was_cancelled=was_cancelled,
                request_options=_NO_RETRY,
                **extra,
            )
        return int(a.id)

    def delete_task(self, task_id: int) -> None:
        with self._errors(f"deleting task {task_id}"):
            self._sdk.tasks.delete(str(task_id))

    # ---------------------------------------------------------- concurrent pushes (#16)
    # What push needs to settle a race with another push (annotate/labelstudio/reconcile.py):
    # every project with a title and how full it is, tasks with their marks and annotation
    # counts, and deletes that count a 404 as done (a retried DELETE, or another push's).

    def projects_titled(self, title: str) -> list[tuple[Project, int]]:
        """Every project titled exactly `title`, lowest id first, with its number of tasks."""
        with self._errors(f"looking up project {title!r}"):
            found = [
                (_project(p), int(getattr(p, "task_number", 0) or 0))
                for p in self._sdk.projects.list(title=title, page_size=100)
                if p.title == title
            ]
        return sorted(found, key=lambda pair: pair[0].id)

    def task_marks(self, project_id: int, *, page_size: int = 500) -> Iterator[TaskMark]:
        """Every task of the project: id, data, meta and how many annotations it has."""
        include = "id,data,meta,total_annotations,cancelled_annotations"
        with self._errors(f"listing the tasks of project {project_id}", project=str(project_id)):
            for t in self._sdk.tasks.list(
                project=project_id, page_size=page_size, fields="task_only", include=include
            ):
                yield TaskMark(
                    id=int(t.id),
                    data=dict(t.data or {}),
                    meta=dict(t.meta or {}),
                    annotations=int(t.total_annotations or 0) + int(t.cancelled_annotations or 0),
                )

    def discard_task(self, task_id: int) -> bool:
        """Delete a task; False when it was already gone (404)."""
        return _unless_gone(self.delete_task, task_id)

    def discard_project(self, project_id: int) -> bool:
        """Delete a project and its tasks; False when it was already gone (404)."""
        return _unless_gone(self.delete_project, project_id)

    # ------------------------------------------------------ end of concurrent pushes (#16)

    def create_user(self, username: str, *, email: str, password: str | None = None) -> User:
        """A user in the admin's organization (e.g. a second annotator)."""
        extra = {"password": password} if password else {}
        with self._errors(f"creating user {username!r}"):
            u = self._sdk.users.create(
                username=username, email=email, request_options=_NO_RETRY, **extra
            )
        return User(int(u.id), str(u.username or username))

    # ------------------------------------------------------- pulling (export, probe)
    # Kept apart from the rest: `annotate pull` reads through these only.

    def export_tasks(self, project_id: int, ids: Sequence[int] | None = None) -> list[Task]:
        """The tasks of the project (all, or those of `ids` that belong to it), annotations
        included, from Label Studio's export endpoint (JSON, annotated or not).

        Listing tasks page by page with their annotations costs about twice as much. Ids are
        sent in the URL (`ids[]`, the name the server reads; the SDK's `ids` is ignored): keep
        `ids` to a few hundred. Read-only, so the SDK's retries apply."""
        what = f"exporting the tasks of project {project_id}"
        options: Any = {"additional_query_parameters": {"ids[]": [str(i) for i in ids or ()]}}
        with self._errors(what, project=str(project_id)):
            raw = b"".join(
                self._sdk.projects.exports.download_sync(
                    project_id,
                    export_type="JSON",
                    download_all_tasks=True,
                    request_options=options if ids else None,
                )
            )
        try:
            found = json.loads(raw)
        except ValueError:
            found = None
        if not isinstance(found, list) or not all(isinstance(t, Mapping) for t in found):
            raise LabelStudioError(
                f"Label Studio at {self.url} answered {what} with something other than a JSON "
                "list of tasks; is it Label Studio 1.23?",
                detail="unreadable export",
            )
        return [_task(t) for t in found]

    def _task_page(
        self, project_id: int, ordering: str, *, page: int = 1, page_size: int = 1
    ) -> tuple[int, list[tuple[int, str]]]:
        """(how many tasks the project has, [(id, updated_at)] of one page in `ordering`)."""
        query = json.dumps({"ordering": [ordering]})
        with self._errors(f"listing the tasks of project {project_id}", project=str(project_id)):
            pager = self._sdk.tasks.list(
                project=project_id,
                page=page,
                page_size=page_size,
                fields="task_only",
                include="id,updated_at",
                query=query,
            )
        items = [(int(t.id), timestamp(t.updated_at)) for t in pager.items or ()]
        return int(pager.response.total), items

    def task_bounds(self, project_id: int) -> TaskBounds:
        """How many tasks the project has, its lowest and highest task id, and the newest
        `updated_at`: three one-task pages, cheap whatever the project's size."""
        total, newest = self._task_page(project_id, "-tasks:updated_at")
        if not newest:
            return TaskBounds(0, 0, 0, "")
        _, lowest = self._task_page(project_id, "tasks:id")
        _, highest = self._task_page(project_id, "-tasks:id")
        return TaskBounds(total, lowest[0][0], highest[0][0], newest[0][1])

    def changed_since(
        self, project_id: int, since: str, *, limit: int | None = None, page_size: int = 25
    ) -> dict[int, str] | None:
        """task id -> updated_at of the tasks whose `updated_at` is `since` or later (newest
        first, page by page until an older one); None once more than `limit` have changed
        (listing them would cost about as much as exporting everything).

        Label Studio moves a task's `updated_at` when one of its annotations is created,
        changed or deleted, and when its data changes; new tasks are newer than any old one."""
        changed: dict[int, str] = {}
        page = 1
        while True:
            total, items = self._task_page(
                project_id, "-tasks:updated_at", page=page, page_size=page_size
            )
            changed.update((i, u) for i, u in items if u >= since)
            if limit is not None and len(changed) > limit:
                return None
            # Asking past the last page is an error (404), so stop at the total.
            if page * page_size >= total or not items or items[-1][1] < since:
                return changed
            page += 1


def _plain(x: Any) -> Mapping[str, Any]:
    if isinstance(x, Mapping):
        return x
    dumped: Mapping[str, Any] = x.model_dump()
    return dumped


def timestamp(value: Any) -> str:
    """One spelling of a Label Studio time (the SDK gives datetimes, the export strings), so
    that times from both can be compared: ISO 8601 in UTC, microseconds, `+00:00`."""
    if value is None or value == "":
        return ""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.isoformat(timespec="microseconds")


def _task(t: Any) -> Task:
    def get(name: str) -> Any:
        # The export gives plain dicts, the SDK's listings models.
        return t.get(name) if isinstance(t, Mapping) else getattr(t, name, None)

    return Task(
        id=int(get("id")),
        data=dict(get("data") or {}),
        annotations=tuple(dict(_plain(a)) for a in get("annotations") or ()),
        # The export lists predictions by id only: those are left out.
        predictions=tuple(
            dict(_plain(p)) for p in get("predictions") or () if not isinstance(p, int)
        ),
        updated_at=timestamp(get("updated_at")),
    )


def _project(p: Any) -> Project:
    return Project(
        id=int(p.id),
        title=str(p.title or ""),
        label_config=str(getattr(p, "label_config", "") or ""),
        description=str(getattr(p, "description", "") or ""),
        created_at=str(getattr(p, "created_at", "") or ""),
        instructions=str(getattr(p, "expert_instruction", "") or ""),
    )


def _unless_gone(delete: Callable[[int], None], ident: int) -> bool:
    """Run `delete(ident)`; False when the thing was already gone (404), e.g. deleted by a
    DELETE whose answer was lost and that was then retried (#16)."""
    try:
        delete(ident)
    except LabelStudioError as e:
        if e.status != 404:
            raise
        return False
    return True
