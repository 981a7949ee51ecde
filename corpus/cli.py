"""The `corpus` command line. I/O: reads gold files, prints reports; errors to stderr.

Each command parses its arguments, calls the plain function that does the work and
prints; batch commands check every input, report each problem, then exit 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corpus.console import error, info

app = typer.Typer(
    name="corpus",
    help="Validate, build and publish the newsgold gold corpus.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # tokens live in locals
    add_completion=False,
    rich_markup_mode=None,  # plain help: fast, and stable for the README reference
)


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
) -> None:
    """Check gold Documents against the JSON Schema and the cross-field invariants.

    Example: corpus validate data/gold
    """
    from corpus.errors import InputError
    from corpus.records_io import iter_records
    from corpus.validate import problems

    checked = bad = 0
    for path in paths or [Path("data/gold")]:
        try:
            records = list(iter_records(path))
        except InputError as e:
            error(str(e))
            bad += 1
            continue
        for file, record in records:
            checked += 1
            if isinstance(record, InputError):
                found = [str(record)]
            else:
                found = [f"{file}: {p}" for p in problems(record)]
            for message in found:
                error(message)
            bad += bool(found)
    info(f"{checked} documents checked, {bad} with problems")
    if bad:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()
