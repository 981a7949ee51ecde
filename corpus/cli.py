"""The `corpus` command line. I/O: reads gold files, prints reports; errors to stderr.

Each command parses its arguments, calls the plain function that does the work and
prints; batch commands check every input, report each problem, then exit 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corpus.console import error, info

if TYPE_CHECKING:
    from corpus.provenance import Review

app = typer.Typer(
    name="corpus",
    help="Validate, build and publish the newsgold gold corpus.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # tokens live in locals
    add_completion=False,
    rich_markup_mode=None,  # plain help: fast, and stable for the README reference
)


Workers = Annotated[
    int | None,
    typer.Option(help="Processes that build the rows [default: one per CPU]; 1: no workers."),
]
Previous = Annotated[
    Path | None,
    typer.Option(help="Release folder the changelog compares with [default: the latest in OUT]."),
]
AgreementDir = Annotated[
    Path | None,
    typer.Option(help="Per-annotator Documents for the agreement figures (see corpus agreement)."),
]
PushToHub = Annotated[
    str | None,
    typer.Option(
        "--push-to-hub",
        metavar="ORG/NAME",
        help="Then upload the release to this Hub dataset repo and tag it vVERSION "
        "(token from HF_TOKEN; endpoint from HF_ENDPOINT).",
    ),
]
Preannotated = Annotated[
    Path | None,
    typer.Option(
        help="The pre-annotated Documents the gold set started from (annotate preannotate "
        "output): the card says how many spans people changed, added and deleted."
    ),
]


@app.callback()
def _root() -> None:
    """Validate, build and publish the newsgold gold corpus."""


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Gold folders or Document JSON files [default: data/gold]."
        ),
    ] = None,
    json_lines: Annotated[
        bool,
        typer.Option("--json", help="Problems as JSON Lines on stdout (file, pointer, message)."),
    ] = False,
) -> None:
    """Check gold Documents against the JSON Schema and the cross-field invariants.

    Each problem is one line: FILE: /json/pointer: message. In a folder every file must be
    named <id>.json and ids are unique. Exit 1 if any file has a problem.

    Example: corpus validate data/gold
    """
    from corpus.console import progress, write_json
    from corpus.errors import InputError
    from corpus.gold import validate_files
    from corpus.records_io import gold_files

    checked = bad = 0
    seen: dict[str, Path] = {}  # ids are unique across every folder given
    for path in paths or [Path("data/gold")]:
        try:
            files = gold_files(path)
        except InputError as e:
            error(str(e))
            bad += 1
            continue
        checks = validate_files(files, named=path.is_dir(), seen=seen)
        for check in progress(checks, total=len(files), description=f"validating {path}"):
            checked += 1
            bad += bool(check.problems)
            for problem in check.problems:
                if json_lines:
                    write_json(problem.to_dict())
                else:
                    error(str(problem))
    info(f"{checked} documents checked, {bad} with problems")
    if bad:
        raise typer.Exit(1)


@app.command()
def build(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold folder.")] = Path("data/gold"),
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write the Parquet files of both configs here (replaces an earlier build)."
        ),
    ] = None,
    workers: Workers = None,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for a person.")] = False,
) -> None:
    """Build the spans and tokens configs from the gold set; print split sizes and label counts.

    Checks what a release needs (every file valid, every span on token boundaries) without
    publishing anything. Exit 1 on any problem.

    Example: corpus build data/gold --out build/newsgold
    """
    from corpus.console import write_json
    from corpus.release import build as build_release

    with _refused("nothing built"):
        figures = build_release(gold, out, progress=_progress("building"), workers=workers)
    write_json(figures.to_dict(), pretty=pretty)
    if out is not None:
        info(f"wrote {out}")


@contextmanager
def _refused(consequence: str) -> Iterator[None]:
    """Turn a refused build or publish into its report on stderr and exit 1: each problem
    of a SchemaError and their count ('3 problems; nothing built'), or the one error."""
    from corpus.errors import NewsgoldError, SchemaError

    try:
        yield
    except SchemaError as e:
        for message in e.errors:
            error(message)
        info(f"{len(e.errors)} problems; {consequence}")
        raise typer.Exit(1) from None
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    except OSError as e:  # a write that failed midway: disk full, folder made read-only
        error(f"{e.filename}: cannot write: {e.strerror or e}; {consequence}")
        raise typer.Exit(1) from None


def _progress(description: str) -> Callable[[Iterator[Any], int], Iterator[Any]]:
    """A progress bar over the chunks of gold documents (only when stderr is a terminal)."""
    from corpus.console import progress

    return lambda items, total: progress(items, total=total, description=description)


def _review(preannotated: Path, gold: Path) -> Review:
    """The gold set against the pre-annotated Documents in `preannotated` (file or folder);
    an unreadable or invalid pre-annotated record stops it (InputError)."""
    from corpus.errors import InputError
    from corpus.provenance import review_of
    from corpus.records_io import iter_annotation_records
    from corpus.release import read_views
    from corpus.validate import problems

    def records() -> Iterator[Any]:
        for source, record in iter_annotation_records(preannotated):
            if isinstance(record, InputError):
                raise record
            found = problems(record)
            if found:
                raise InputError(f"not a valid Document ({found[0]})", source=source)
            yield record

    return review_of(records(), read_views(gold))


@app.command()
def publish(
    version: Annotated[str, typer.Option(help="Version of the release, X.Y.Z; must increase.")],
    gold: Annotated[Path, typer.Option(help="Gold folder (committed, valid).")] = Path("data/gold"),
    out: Annotated[Path, typer.Option(help="Releases go to OUT/newsgold/VERSION/.")] = Path("dist"),
    previous: Previous = None,
    agreement: AgreementDir = None,
    preannotated: Preannotated = None,
    push_to_hub: PushToHub = None,
    workers: Workers = None,
    silver: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="An `annotate crawl` output folder: its canonical articles become the "
            "machine-annotated `silver` config (gold articles left out).",
        ),
    ] = None,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for a person.")] = False,
) -> None:
    """Publish the gold set as an immutable release: Parquet data, card, schemas, manifest.

    Refused if the version exists or is not higher than the latest release, if the gold set
    has uncommitted changes, or if any gold file has a problem. Prints the release report.

    Example: corpus publish --version 1.0.0 --gold data/gold --out dist
    """
    import os

    from corpus.console import write_json
    from corpus.hub import hub_token
    from corpus.records_io import writable_folder
    from corpus.release import publish as publish_release
    from corpus.versions import parse_version

    with _refused("nothing published"):
        parse_version(version)
        # Check the token before building, so a missing one costs nothing.
        token = hub_token(os.environ) if push_to_hub else None
        review = _review(preannotated, gold) if preannotated else None
        writable_folder(out, option="--out")  # the first thing publishing creates
        report = publish_release(
            gold,
            version,
            out,
            previous=previous,
            agreement_dir=agreement,
            hub_repo=push_to_hub,
            progress=_progress(f"publishing {version}"),
            workers=workers,
            review=review,
            silver=silver,
        )
    info(f"published {report.path} ({report.figures.total.documents} documents)")
    result = report.to_dict()
    if push_to_hub and token:
        result["hub"] = _pushed(report.path, push_to_hub, token, pretty=pretty, published=result)
    write_json(result, pretty=pretty)


def _pushed(
    release: Path, repo: str, token: str, *, pretty: bool, published: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The report of pushing a release folder to the Hub (endpoint from HF_ENDPOINT). On
    failure: print `published` (the report of the release just published, which stays
    complete), then the error, and exit 1."""
    import os

    from corpus.console import write_json
    from corpus.errors import NewsgoldError
    from corpus.hub import push_release

    try:
        return push_release(
            release, repo, token=token, endpoint=os.environ.get("HF_ENDPOINT")
        ).to_dict()
    except NewsgoldError as e:
        if published is not None:
            write_json(published, pretty=pretty)
        error(str(e))
        raise typer.Exit(1) from None


@app.command()
def push(
    release: Annotated[
        Path, typer.Argument(metavar="RELEASE", help="Release folder, e.g. dist/newsgold/1.0.0.")
    ],
    repo: Annotated[str, typer.Argument(metavar="ORG/NAME", help="Hub dataset repository.")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for a person.")] = False,
) -> None:
    """Upload a published release folder to a Hub dataset repo and tag the commit vVERSION.

    The token comes from HF_TOKEN only, the endpoint from HF_ENDPOINT. Refused if the
    release does not match its manifest or the tag exists.

    Example: corpus push dist/newsgold/1.0.0 my-org/newsgold
    """
    import os

    from corpus.console import write_json
    from corpus.hub import hub_token

    with _refused("nothing pushed"):
        token = hub_token(os.environ)
    write_json(_pushed(release, repo, token, pretty=pretty), pretty=pretty)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="A", help="Gold folder or release folder.")],
    new: Annotated[Path, typer.Argument(metavar="B", help="Gold folder or release folder.")],
    json_output: Annotated[
        bool, typer.Option("--json", help="The diff as one JSON object.")
    ] = False,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON (with --json).")] = False,
) -> None:
    """Show documents added, removed and changed between two gold sets or releases, span by span.

    Spans are matched by label and offsets; per-label totals count added, removed and
    changed spans. A release folder is checked against its manifest first: one that does
    not match it (or has none) is refused.

    Example: corpus diff dist/newsgold/1.0.0 data/gold
    """
    from corpus.console import write_json
    from corpus.diff import diff as diff_views
    from corpus.diff import format_diff
    from corpus.errors import NewsgoldError
    from corpus.manifest import check_release, is_release
    from corpus.release import read_views

    try:
        for path in (old, new):
            if is_release(path):
                check_release(path)  # a tampered or incomplete release is not read
        result = diff_views(read_views(old), read_views(new))
    except (NewsgoldError, ValueError) as e:
        error(str(e))
        raise typer.Exit(1) from None
    if json_output:
        write_json(result.to_dict(), pretty=pretty)
    else:
        sys.stdout.write(format_diff(result, str(old), str(new)))


@app.command()
def agreement(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH", help="Folder (or file) of per-annotator Documents: *.json, *.jsonl."
        ),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="The figures as one JSON object.")
    ] = False,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON (with --json).")] = False,
) -> None:
    """Inter-annotator agreement: pairwise span F1 per label and Krippendorff's alpha on tokens.

    Each Document holds one annotator's annotation of an article (its meta.annotators has
    exactly that annotator); articles annotated by two annotators or more are compared.

    Example: corpus agreement data/gold-conflicts/annotators --json
    """
    from corpus.console import write_json
    from corpus.errors import NewsgoldError, SchemaError
    from corpus.gold import read_agreement

    try:
        result = read_agreement(path)
    except SchemaError as e:
        for message in e.errors:
            error(f"{e.source}: {message}")
        raise typer.Exit(1) from None
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    if json_output:
        write_json(result.to_dict(), pretty=pretty)
    else:
        sys.stdout.write(format_agreement(result))


def format_agreement(result: Any) -> str:
    """Agreement figures for a person."""
    from corpus.schemas import label_set

    names = [*label_set().names, "all"]
    lines = [
        f"{result.documents} articles annotated by two annotators or more "
        f"({', '.join(result.annotators) or 'none'}), {result.tokens} tokens",
        "",
        f"{'span F1':24}" + "".join(f"{n:>9}" for n in names),
    ]

    def cells(values: list[float | None]) -> str:
        return "".join(f"{'-':>9}" if v is None else f"{v:>9.3f}" for v in values)

    lines.append(f"{'all pairs':24}" + cells([result.overall[n].f1 for n in names]))
    for pair in result.pairs:
        label = f"{pair.a} / {pair.b}"
        lines.append(f"{label[:24]:24}" + cells([pair.labels[n].f1 for n in names]))
    token_labels = list(label_set().token_labels)
    lines += [
        "",
        f"{'Krippendorff alpha':24}" + "".join(f"{n:>9}" for n in [*token_labels, "all"]),
        f"{'tokens':24}"
        + cells([result.alpha_per_label.get(n) for n in token_labels] + [result.alpha]),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Console-script entry point."""
    app()
