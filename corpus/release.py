"""Publish a gold set as an immutable, versioned release; read, verify and push releases.

I/O: reads gold files and git state, writes release folders, reads Parquet, talks to the
Hugging Face Hub (the only module that imports huggingface_hub).

A release is `<out>/newsgold/<X.Y.Z>/`:

    README.md              dataset card; its YAML header declares both configs
    data/spans/<split>.parquet, data/tokens/<split>.parquet   (splits with documents)
    schema/                article and document JSON Schemas, guidelines.md
    manifest.json          sha256 and size of every other file, gold provenance

`publish` streams the gold files once (validate, build rows, write Parquet in row groups
of BATCH documents, diff against the previous release), reads what it wrote back and
compares it with the gold documents, then writes the card, schemas and manifest, makes
the files read-only and renames the temporary folder into place. Anything wrong before
the rename (a problem in the gold set, a write error, a read-back mismatch) removes the
temporary folder and leaves `<out>` as it was.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.agreement import Agreement, agreement
from corpus.build import Figures, build_rows, figures
from corpus.card import NAME, CardData, render_card
from corpus.diff import Diff, diff
from corpus.errors import InputError, NewsgoldError, ReleaseExistsError, SchemaError
from corpus.features import CONFIGS, decode_spans_row, features, view
from corpus.records import JSON, Document
from corpus.records_io import gold_files, iter_annotation_records, read_json
from corpus.schemas import guidelines, schema_dir
from corpus.split import SPLITS
from corpus.validate import Problem, problems

if TYPE_CHECKING:
    import datasets

# Wraps the stream of gold documents, e.g. with a progress bar (corpus.console.progress).
Progress = Callable[[Iterator[Document]], Iterator[Document]]
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
BATCH = 1000  # documents per Parquet row group
MANIFEST = "manifest.json"
SCHEMA_FILES = ("article.schema.json", "document.schema.json", "guidelines.md")


class HubError(NewsgoldError, RuntimeError):
    """The Hugging Face Hub refused a request or could not be reached."""


def parse_version(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of a release version 'X.Y.Z'."""
    match = SEMVER.match(version)
    if not match:
        raise InputError(f"version {version!r} is not of the form X.Y.Z (e.g. 1.0.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def releases(out_dir: Path) -> dict[str, Path]:
    """The published releases under `<out_dir>/newsgold/`, oldest version first."""
    root = out_dir / NAME
    if not root.is_dir():
        return {}
    found = [p for p in root.iterdir() if p.is_dir() and SEMVER.match(p.name)]
    return {p.name: p for p in sorted(found, key=lambda p: parse_version(p.name))}


def data_path(config: str, split: str) -> str:
    return f"data/{config}/{split}.parquet"


# --- gold input -------------------------------------------------------------------------------


def gold_source(gold_dir: Path) -> str | None:
    """The git commit the gold set is published from, or None when it is not tracked in git.
    Uncommitted changes are refused: a release must be what was reviewed and committed."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(gold_dir), *args], capture_output=True, text=True, check=False
        )

    if git("rev-parse", "--is-inside-work-tree").returncode != 0:
        return None
    dirty = git("status", "--porcelain", "--untracked-files=all", "--", ".").stdout.splitlines()
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise InputError(
            f"the gold set has {len(dirty)} uncommitted change(s) ({shown}); "
            "commit them, then publish",
            source=str(gold_dir),
        )
    if not git("ls-files", "--", ".").stdout.strip():
        return None  # inside a repository but not tracked (e.g. an ignored demo folder)
    return git("rev-parse", "HEAD").stdout.strip() or None


def file_problems(path: Path, record: Any, *, named: bool = True) -> list[Problem]:
    """Problems of one gold file's record: schema and invariants, and (`named`) a file name
    that is not `<id>.json`, the name every gold file has in a gold folder."""
    found = problems(record)
    if not found and named and record["id"] != path.stem:
        found.append(
            Problem(
                "/id",
                f"{record['id']!r} does not match the file name; a gold file is named "
                f"<id>.json, rename it to {record['id']}.json",
            )
        )
    return found


def gold_documents(gold_dir: Path, found: list[str]) -> Iterator[Document]:
    """The valid Documents of a gold folder in article-id order; every problem is appended
    to `found` as `file: /pointer: message` and its document skipped."""
    for path in sorted(gold_files(gold_dir), key=lambda p: p.stem):
        try:
            record = read_json(path)
        except InputError as e:
            found.append(str(e))
            continue
        located = file_problems(path, record)
        if located:
            found += [f"{path}: {p}" for p in located]
            continue
        yield Document.from_dict(record)


# --- writing ----------------------------------------------------------------------------------


class _ParquetSink:
    """Rows per (config, split), written in row groups of BATCH rows; a file is only
    created once its split has a document (an empty split has no file). With no root,
    rows are dropped (a build that only checks and counts)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.buffers: dict[tuple[str, str], list[JSON]] = {}
        self.writers: dict[tuple[str, str], Any] = {}
        self.num_bytes: dict[tuple[str, str], int] = {}
        self.schemas = {config: features(config).arrow_schema for config in CONFIGS}

    def add(self, config: str, split: str, row: JSON) -> None:
        buffer = self.buffers.setdefault((config, split), [])
        buffer.append(row)
        if len(buffer) >= BATCH:
            self._flush(config, split)

    def _flush(self, config: str, split: str) -> None:
        import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        rows = self.buffers.get((config, split))
        if not rows:
            return
        if self.root is None:
            rows.clear()
            return
        batch = pa.RecordBatch.from_pylist(rows, schema=self.schemas[config])
        key = (config, split)
        if key not in self.writers:
            path = self.root / data_path(config, split)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.writers[key] = pq.ParquetWriter(path, self.schemas[config])
        self.writers[key].write_batch(batch)
        self.num_bytes[key] = self.num_bytes.get(key, 0) + batch.nbytes
        rows.clear()

    def close(self) -> None:
        for config, split in list(self.buffers):
            self._flush(config, split)
        for writer in self.writers.values():
            writer.close()


def _fingerprint(value: Any) -> bytes:
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).digest()


def _iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[JSON]:
    import pyarrow.parquet as pq

    with path.open("rb") as f:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=BATCH, columns=columns):
            yield from batch.to_pylist()


def _read_back(root: Path, expected: dict[str, dict[str, bytes]]) -> list[str]:
    """Compare what the Parquet files hold with the fingerprints taken while writing."""
    mismatches: list[str] = []
    for config in CONFIGS:
        seen: set[str] = set()
        for split in SPLITS:
            path = root / data_path(config, split)
            if not path.exists():
                continue
            for row in _iter_rows(path):
                got = decode_spans_row(row) if config == "spans" else row
                if expected[config].get(row["id"]) != _fingerprint(got):
                    mismatches.append(f"{config}/{split}: {row['id']} differs from the gold file")
                seen.add(row["id"])
        missing = expected[config].keys() - seen
        mismatches += [f"{config}: {i} is missing" for i in sorted(missing)]
    return mismatches


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest_files(root: Path) -> dict[str, JSON]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST)
    return {
        p.relative_to(root).as_posix(): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
        for p in files
    }


# --- publish ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReleaseReport:
    version: str
    path: Path
    figures: Figures
    previous: str | None
    changelog: Diff | None
    agreement: Agreement | None
    manifest: JSON = field(default_factory=dict)

    def to_dict(self) -> JSON:
        return {
            "version": self.version,
            "path": str(self.path),
            "previous": self.previous,
            "figures": self.figures.to_dict(),
            "changes": None
            if self.changelog is None
            else {
                "added": len(self.changelog.added),
                "removed": len(self.changelog.removed),
                "changed": len(self.changelog.changed),
                "unchanged": self.changelog.unchanged,
                "labels": self.changelog.labels,
            },
            "agreement": None if self.agreement is None else self.agreement.to_dict(),
            "files": self.manifest.get("files", {}),
        }


def _previous_release(out_dir: Path, version: str, previous: Path | None) -> Path | None:
    """Check `version` is new and higher than every release in `out_dir`; the release the
    changelog compares with (`previous`, else the latest one)."""
    existing = releases(out_dir)
    target = out_dir / NAME / version
    if target.exists():
        raise ReleaseExistsError(version, str(target))
    if existing:
        latest = list(existing)[-1]
        if parse_version(latest) >= parse_version(version):
            raise InputError(
                f"version {version} is not higher than the latest release {latest} in "
                f"{out_dir / NAME}; versions must increase"
            )
    if previous is not None:
        return previous
    return list(existing.values())[-1] if existing else None


def publish(
    gold_dir: Path,
    version: str,
    out_dir: Path,
    *,
    previous: Path | None = None,
    agreement_dir: Path | None = None,
    released: str | None = None,
    hub_repo: str | None = None,
    progress: Progress | None = None,
) -> ReleaseReport:
    """Publish the gold set in `gold_dir` as `<out_dir>/newsgold/<version>/`.

    Refuses (and writes nothing) when the version exists (ReleaseExistsError) or is not
    higher than the latest release, when the gold set has uncommitted changes, or when any
    gold file has a problem or a span that BIO tags cannot hold (SchemaError listing every
    problem). `previous` is the release folder the changelog compares with (default: the
    latest release in `out_dir`); `agreement_dir` holds per-annotator Documents
    (corpus.agreement); `released` is the ISO date on the card (default: today, UTC);
    `hub_repo` ('org/name') is shown in the card's loading and citation instructions.
    """
    parse_version(version)
    previous_dir = _previous_release(out_dir, version, previous)
    if previous_dir is not None:
        broken = verify_release(previous_dir)
        if broken:
            raise InputError(
                f"the previous release does not match its manifest ({broken[0]}); "
                "pass --previous with an intact copy",
                source=str(previous_dir),
            )
    commit = gold_source(gold_dir)
    agreement_report = read_agreement(agreement_dir) if agreement_dir is not None else None
    released = released or datetime.now(UTC).date().isoformat()

    root = out_dir / NAME
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{version}.", suffix=".partial", dir=root))
    try:
        report = _write(
            tmp,
            gold_dir,
            version,
            previous_dir,
            commit,
            agreement_report,
            released,
            hub_repo,
            progress or _quiet,
        )
        for path in tmp.rglob("*"):
            if path.is_file():
                path.chmod(0o444)  # a release never changes
        tmp.chmod(0o755)  # mkdtemp makes it private
        target = root / version
        try:
            tmp.rename(target)  # atomic on one filesystem; fails if the target appeared
        except OSError:
            raise ReleaseExistsError(version, str(target)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ReleaseReport(
        version,
        target,
        report.figures,
        report.previous,
        report.changelog,
        report.agreement,
        report.manifest,
    )


def read_agreement(agreement_dir: Path) -> Agreement:
    """Agreement figures of the per-annotator Documents under `agreement_dir` (a folder of
    `*.json` and `*.jsonl` files, see corpus.agreement); every record must be valid."""
    docs: list[tuple[str, Document]] = []
    for source, record in iter_annotation_records(agreement_dir):
        if isinstance(record, InputError):
            raise record
        found = problems(record)
        if found:
            raise SchemaError([str(p) for p in found], source=source)
        docs.append((source, Document.from_dict(record)))
    return agreement(docs)


@dataclass(slots=True)
class _Streamed:
    """What one pass over the gold set learned while writing its rows."""

    figures: Figures = field(default_factory=Figures)
    expected: dict[str, dict[str, bytes]] = field(
        default_factory=lambda: {config: {} for config in CONFIGS}
    )
    content: Any = field(default_factory=hashlib.sha256)  # over ids and published views
    annotators: set[str] = field(default_factory=set)
    multi_annotated: int = 0
    changelog: Diff | None = None


def _stream(
    gold_dir: Path, sink: _ParquetSink, previous_dir: Path | None, *, progress: Progress
) -> _Streamed:
    """Validate, build and write every gold document once; SchemaError lists every problem."""
    found: list[str] = []
    state = _Streamed()

    def written_views() -> Iterator[JSON]:
        for doc in progress(gold_documents(gold_dir, found)):
            rows, misaligned = build_rows(doc)
            if misaligned:
                path = gold_dir / f"{doc.id}.json"
                found.extend(f"{path}: {p}" for p in misaligned)
                continue
            for config in CONFIGS:
                sink.add(config, rows.split, rows.rows[config])
            published = view(doc)
            state.expected["spans"][doc.id] = _fingerprint(published)
            state.expected["tokens"][doc.id] = _fingerprint(rows.rows["tokens"])
            state.content.update(f"{doc.id} {state.expected['spans'][doc.id].hex()}\n".encode())
            state.figures.add(doc, tokens=len(rows.rows["tokens"]["tokens"]))
            state.annotators.update(doc.meta.annotators)
            state.multi_annotated += len(doc.meta.annotators) >= 2
            yield published

    try:
        if previous_dir is not None:
            state.changelog = diff(read_views(previous_dir), written_views(), spans=False)
        else:
            for _ in written_views():
                pass
    finally:
        sink.close()
    if found:
        raise SchemaError(found, source=str(gold_dir))
    if not state.figures.total.documents:
        raise InputError("no gold documents to publish", source=str(gold_dir))
    return state


def build(
    gold_dir: Path, out_dir: Path | None = None, *, progress: Progress | None = None
) -> Figures:
    """Validate and build both configs of the gold set; with `out_dir`, write their Parquet
    files there (`data/<config>/<split>.parquet`, replacing an earlier build; not a release:
    no card, no manifest). The figures are those the card of a release would show."""
    if out_dir is None:
        return _stream(gold_dir, _ParquetSink(None), None, progress=progress or _quiet).figures
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".partial", dir=out_dir.parent))
    try:
        result = _stream(gold_dir, _ParquetSink(tmp), None, progress=progress or _quiet).figures
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def _quiet(items: Iterator[Document]) -> Iterator[Document]:
    return items


def _write(
    root: Path,
    gold_dir: Path,
    version: str,
    previous_dir: Path | None,
    commit: str | None,
    agreement_report: Agreement | None,
    released: str,
    hub_repo: str | None,
    progress: Progress,
) -> ReleaseReport:
    sink = _ParquetSink(root)
    state = _stream(gold_dir, sink, previous_dir, progress=progress)
    counts, changelog = state.figures, state.changelog
    mismatches = _read_back(root, state.expected)
    if mismatches:
        raise NewsgoldError(
            f"the written release does not read back as the gold set ({mismatches[0]}, "
            f"{len(mismatches)} in all); nothing was published"
        )

    (root / "schema").mkdir()
    for name in SCHEMA_FILES:
        shutil.copyfile(schema_dir() / name, root / "schema" / name)
    data_files = {
        config: {s: data_path(config, s) for s in SPLITS if (config, s) in sink.writers}
        for config in CONFIGS
    }
    num_bytes = {
        config: {s: sink.num_bytes[(config, s)] for s in data_files[config]} for config in CONFIGS
    }
    previous_version = None
    if previous_dir is not None:
        previous_version = json.loads((previous_dir / MANIFEST).read_text(encoding="utf-8"))[
            "version"
        ]
    card = CardData(
        version=version,
        released=released,
        guidelines_version=guidelines().version,
        figures=counts,
        data_files=data_files,
        num_bytes=num_bytes,
        annotators=len(state.annotators),
        multi_annotated=state.multi_annotated,
        agreement=agreement_report,
        previous=previous_version,
        changelog=changelog,
        hub_repo=hub_repo,
        gold_commit=commit,
    )
    (root / "README.md").write_text(render_card(card), encoding="utf-8")
    manifest: JSON = {
        "name": NAME,
        "version": version,
        "released": released,
        "previous": previous_version,
        "guidelines_version": guidelines().version,
        "gold": {
            "commit": commit,
            "documents": counts.total.documents,
            "content_sha256": state.content.hexdigest(),
        },
        "files": _manifest_files(root),
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return ReleaseReport(
        version, root, counts, previous_version, changelog, agreement_report, manifest
    )


# --- reading ----------------------------------------------------------------------------------


def is_release(path: Path) -> bool:
    return (path / MANIFEST).is_file() or (path / "data" / "spans").is_dir()


def read_views(path: Path) -> Iterator[JSON]:
    """Published views (corpus.features.view) of a release folder or a gold folder, in
    article-id order, one at a time."""
    if is_release(path):
        streams = [
            (decode_spans_row(row) for row in _iter_rows(path / data_path("spans", split)))
            for split in SPLITS
            if (path / data_path("spans", split)).exists()
        ]
        # Each split file is in id order, and the split of an id never changes.
        yield from heapq.merge(*streams, key=lambda v: v["id"])
        return
    for file in sorted(gold_files(path), key=lambda p: p.stem):
        record = read_json(file)
        try:
            yield view(Document.from_dict(record))
        except (KeyError, TypeError, AttributeError):
            raise InputError(
                "not a Document; run `corpus validate` on it", source=str(file)
            ) from None


def verify_release(path: Path) -> list[str]:
    """Every difference between a release folder and its manifest (empty: intact)."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        return [f"{path}: no {MANIFEST}; not a release folder"]
    listed: dict[str, JSON] = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
    actual = {
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    found = [f"{path / name}: not in the manifest" for name in sorted(actual - listed.keys())]
    for name, entry in sorted(listed.items()):
        file = path / name
        if not file.is_file():
            found.append(f"{file}: missing")
        elif sha256_file(file) != entry["sha256"]:
            found.append(f"{file}: sha256 differs from the manifest")
    return found


def load_release(path: Path | str, **kwargs: Any) -> dict[str, datasets.DatasetDict]:
    """Both configs of a release with `datasets.load_dataset`, as a user loads them: a
    release folder, or a Hub repo id with `revision="vX.Y.Z"` in kwargs."""
    from datasets import load_dataset

    return {config: load_dataset(str(path), config, **kwargs) for config in CONFIGS}


def figures_of_release(path: Path | str, **kwargs: Any) -> Figures:
    """Split sizes and label counts of a release, computed from what `load_dataset` returns."""
    return figures(load_release(path, **kwargs))


# --- the Hub ----------------------------------------------------------------------------------


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


REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


def push_plan(release_dir: Path, repo_id: str) -> PushPlan:
    """Check a release can be pushed (intact, a valid repo id) and say what will be sent."""
    if not REPO_ID.match(repo_id):
        raise InputError(f"{repo_id!r} is not a Hub repository id of the form ORG/NAME")
    broken = verify_release(release_dir)
    if broken:
        raise InputError(f"the release does not match its manifest: {broken[0]}")
    manifest = json.loads((release_dir / MANIFEST).read_text(encoding="utf-8"))
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
