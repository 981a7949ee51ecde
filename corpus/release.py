"""Publish a gold set as an immutable, versioned release; build it without publishing; read
releases back. I/O: reads gold files and git state, writes release folders, reads Parquet.

A release is `<out>/newsgold/<X.Y.Z>/`:

    README.md              dataset card; its YAML header declares the configs
    data/<config>/<split>.parquet   spans, tokens, sentences (splits with documents); silver
    schema/                article and document JSON Schemas, guidelines.md
    manifest.json          sha256 and size of every other file, gold provenance

`publish` streams the gold files once (corpus.stream: validate, build rows, write Parquet
in row groups of BATCH documents, diff against the previous release), reads every Parquet
file back and checks it holds exactly the rows built from the gold files (row count and a
digest of every value, corpus.parquet), then writes the card, schemas and manifest
(corpus.manifest), makes the files read-only and renames the temporary folder into place.
Anything wrong before the rename (a problem in the gold set, a write error, a read-back
mismatch) removes the temporary folder and leaves `<out>` as it was; one left by a killed
publish is removed by the next (corpus.partial). Versions are in
corpus.versions, gold checks in corpus.gold, the Hub push in corpus.hub.

Rows are built by spawned worker processes: a script calling `publish` with more than one
worker must guard its entry point with `if __name__ == "__main__":`. A gold set of at most
BATCH documents is built in this process.
"""

from __future__ import annotations

import glob
import heapq
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.agreement import Agreement
from corpus.build import Figures, figures
from corpus.card import NAME, CardData, render_card
from corpus.diff import Diff
from corpus.errors import InputError, NewsgoldError, ReleaseExistsError
from corpus.features import CONFIGS, decode_spans_row, view
from corpus.gold import gold_source, read_agreement
from corpus.manifest import is_release, read_manifest, verify_release, write_manifest
from corpus.parquet import ParquetSink, data_path, iter_rows
from corpus.partial import partial_folder
from corpus.provenance import Review
from corpus.records import JSON, Document, sha256_text
from corpus.records_io import gold_files, read_json
from corpus.schemas import guidelines, schema_dir
from corpus.silver import write_silver
from corpus.split import SPLITS
from corpus.stream import Progress, Streamed, default_workers, quiet, stream_gold
from corpus.versions import parse_version, previous_release

if TYPE_CHECKING:
    import datasets

SCHEMA_FILES = ("article.schema.json", "document.schema.json", "guidelines.md")


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


@dataclass(frozen=True, slots=True)
class _Release:
    """What a release records besides the rows of its gold files."""

    version: str
    released: str  # ISO date
    previous_dir: Path | None  # the release the changelog compares with
    previous: str | None  # its version
    commit: str | None  # of the gold set
    agreement: Agreement | None
    hub_repo: str | None
    review: Review | None  # what people changed of the pre-annotation, when known
    silver: Path | None = None  # a crawl folder whose canonical articles become `silver`


# --- publish ----------------------------------------------------------------------------------


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
    workers: int | None = None,
    review: Review | None = None,
    silver: Path | None = None,
) -> ReleaseReport:
    """Publish the gold set in `gold_dir` as `<out_dir>/newsgold/<version>/`.

    Refuses (and writes nothing) when the version exists (ReleaseExistsError) or is not
    higher than the latest release, when the gold set has uncommitted changes, or when any
    gold file has a problem or a span that BIO tags cannot hold (SchemaError listing every
    problem). A gold folder tracked in git is read as the commit the manifest records has it
    (corpus.gold.committed_gold), never from the working tree; one outside git (or in a
    folder git does not track) is read from the folder, and the manifest has no commit.
    `previous` is the release folder the changelog compares with (default: the
    latest release in `out_dir`); `agreement_dir` holds per-annotator Documents
    (corpus.agreement); `released` is the ISO date on the card (default: today, UTC);
    `hub_repo` ('org/name') is shown in the card's loading and citation instructions;
    `review` (corpus.provenance.review_of) is what people changed of the pre-annotation;
    `workers` processes build the rows (default: one per CPU; 1 builds in this process);
    `silver`, an `annotate crawl` output folder, adds the machine-annotated `silver` config
    (corpus.silver), gold articles left out. Workers are spawned (module doc).
    """
    parse_version(version)
    previous_dir = _intact_previous(out_dir, version, previous)
    release = _Release(
        version=version,
        released=released or datetime.now(UTC).date().isoformat(),
        previous_dir=previous_dir,
        previous=None if previous_dir is None else read_manifest(previous_dir)["version"],
        commit=gold_source(gold_dir),
        agreement=read_agreement(agreement_dir) if agreement_dir is not None else None,
        hub_repo=hub_repo,
        review=review,
        silver=silver,
    )
    root = out_dir / NAME
    root.mkdir(parents=True, exist_ok=True)
    # Every hidden .partial folder in OUT/newsgold/ is a publish's (corpus.partial).
    with partial_folder(root, version, leftovers=".*.partial") as tmp:
        report = _write(tmp, gold_dir, release, progress or quiet, workers or default_workers())
        for path in tmp.rglob("*"):
            if path.is_file():
                path.chmod(0o444)  # a release never changes
        tmp.chmod(0o755)  # mkdtemp makes it private
        target = root / version
        try:
            tmp.rename(target)  # atomic on one filesystem; fails if the target appeared
        except OSError:
            raise ReleaseExistsError(version, str(target)) from None
    return replace(report, path=target)


def _intact_previous(out_dir: Path, version: str, previous: Path | None) -> Path | None:
    """The release the changelog compares with (corpus.versions.previous_release), checked
    against its manifest."""
    previous_dir = previous_release(out_dir, version, previous)
    if previous_dir is not None:
        broken = verify_release(previous_dir)
        if broken:
            raise InputError(
                f"the previous release does not match its manifest ({broken[0]}); "
                "pass --previous with an intact copy",
                source=str(previous_dir),
            )
    return previous_dir


def _write(
    root: Path, gold_dir: Path, release: _Release, progress: Progress, workers: int
) -> ReleaseReport:
    """Write every file of a release into `root`: Parquet (checked), schemas, card, manifest."""
    sink = ParquetSink(root)
    previous_views = None if release.previous_dir is None else read_views(release.previous_dir)
    state = stream_gold(
        gold_dir, sink, previous_views, progress=progress, workers=workers, commit=release.commit
    )
    mismatches = sink.check()
    if mismatches:
        raise NewsgoldError(
            f"the written release does not read back as the gold set ({mismatches[0]}, "
            f"{len(mismatches)} in all); nothing was published"
        )
    silver = None
    if release.silver is not None:
        gold = {key for v in read_views(gold_dir) for key in (v["id"], sha256_text(v["text"]))}
        silver = write_silver(release.silver, root, gold)
    (root / "schema").mkdir()
    for name in SCHEMA_FILES:
        shutil.copyfile(schema_dir() / name, root / "schema" / name)
    card = replace(_card_data(release, state, sink), silver=silver)
    (root / "README.md").write_text(render_card(card), encoding="utf-8")
    manifest = write_manifest(
        root,
        {
            "name": NAME,
            "version": release.version,
            "released": release.released,
            "previous": release.previous,
            "guidelines_version": guidelines().version,
            "gold": {
                "commit": release.commit,
                "documents": state.figures.total.documents,
                "files_sha256": state.files.hexdigest(),
            },
            **({"silver": silver.to_dict()} if silver is not None else {}),
        },
    )
    return ReleaseReport(
        release.version,
        root,
        state.figures,
        release.previous,
        state.changelog,
        release.agreement,
        manifest,
    )


def _card_data(release: _Release, state: Streamed, sink: ParquetSink) -> CardData:
    """Everything the card of a release shows (corpus.card), from one pass over its gold set
    and the Parquet files written."""
    data_files = {
        config: {s: data_path(config, s) for s in SPLITS if (config, s) in sink.writers}
        for config in CONFIGS
    }
    num_bytes = {
        config: {s: sink.num_bytes[(config, s)] for s in data_files[config]} for config in CONFIGS
    }
    return CardData(
        version=release.version,
        released=release.released,
        guidelines_version=guidelines().version,
        figures=state.figures,
        data_files=data_files,
        num_bytes=num_bytes,
        annotators=len(state.annotators),
        multi_annotated=state.multi_annotated,
        agreement=release.agreement,
        previous=release.previous,
        changelog=state.changelog,
        hub_repo=release.hub_repo,
        gold_commit=release.commit,
        review=release.review,
    )


# --- build ------------------------------------------------------------------------------------


def build(
    gold_dir: Path,
    out_dir: Path | None = None,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Figures:
    """Validate and build every config of the gold set; with `out_dir`, write their Parquet
    files there (`data/<config>/<split>.parquet`, replacing an earlier build; not a release:
    no card, no manifest). The figures are those the card of a release would show."""
    workers = workers or default_workers()
    progress = progress or quiet
    if out_dir is None:
        return stream_gold(gold_dir, None, None, progress=progress, workers=workers).figures
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with partial_folder(
        out_dir.parent, out_dir.name, leftovers=f".{glob.escape(out_dir.name)}.*.partial"
    ) as tmp:
        sink = ParquetSink(tmp)
        result = stream_gold(gold_dir, sink, None, progress=progress, workers=workers)
        mismatches = sink.check()
        if mismatches:
            raise NewsgoldError(f"{mismatches[0]}; nothing was built")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    return result.figures


# --- reading ----------------------------------------------------------------------------------


def read_views(path: Path) -> Iterator[JSON]:
    """Published views (corpus.features.view) of a release folder or a gold folder, in
    article-id order, one at a time."""
    if is_release(path):
        streams = [
            (decode_spans_row(row) for row in iter_rows(path / data_path("spans", split)))
            for split in SPLITS
            if (path / data_path("spans", split)).exists()
        ]
        # Each split file is in id order, and the split of an id never changes.
        yield from heapq.merge(*streams, key=lambda v: v["id"])
        return
    for file in sorted(gold_files(path), key=lambda p: p.stem):
        record = read_json(file)
        try:
            yield view(Document.from_dict(record).to_dict())
        except (KeyError, TypeError, AttributeError):
            raise InputError(
                "not a Document; run `corpus validate` on it", source=str(file)
            ) from None


def load_release(path: Path | str, **kwargs: Any) -> dict[str, datasets.DatasetDict]:
    """Every config of a release with `datasets.load_dataset`, as a user loads them: a
    release folder, or a Hub repo id with `revision="vX.Y.Z"` in kwargs."""
    from datasets import load_dataset

    return {config: load_dataset(str(path), config, **kwargs) for config in CONFIGS}


def figures_of_release(path: Path | str, **kwargs: Any) -> Figures:
    """Split sizes and label counts of a release, computed from what `load_dataset` returns."""
    return figures(load_release(path, **kwargs))
