"""The `annotate` command line. I/O: reads inputs, writes JSON Lines to stdout, errors to stderr.

Each command parses its arguments, calls the plain function that does the work and
prints; batch commands process every input, report each failure, then exit 1.
"""

from __future__ import annotations

from typing import Annotated

import typer

from corpus.console import error, progress, write_json
from corpus.errors import NewsgoldError

app = typer.Typer(
    name="annotate",
    help="Parse and pre-annotate Indonesian news articles; move them to and from Label Studio.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # API tokens live in locals
    add_completion=False,
    rich_markup_mode=None,  # plain help: fast, and stable for the README reference
)

Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH", help="Article files or folders (.txt, .html); '-' reads standard input."
    ),
]
Pretty = Annotated[bool, typer.Option("--pretty", help="Indented JSON for a person.")]


@app.callback()
def _root() -> None:
    """Parse and pre-annotate Indonesian news articles; move them to and from Label Studio."""


@app.command()
def parse(paths: Paths, pretty: Pretty = False) -> None:
    """Parse raw articles (scraped text or HTML) into Articles, one JSON line each.

    Example: annotate parse data/articles > articles.jsonl
    """
    from annotate.sources import parse_paths

    failures = 0
    for result in progress(parse_paths(paths), total=None, description="parsing"):
        if isinstance(result, NewsgoldError):
            error(str(result))
            failures += 1
        else:
            write_json(result.to_dict(), pretty=pretty)
    if failures:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()
