"""The `annotate` command line. I/O: reads inputs, writes JSON Lines to stdout, errors to stderr.

Each command parses its arguments, calls the plain function that does the work and
prints; batch commands process every input, report each failure, then exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from corpus.console import error, info, progress, write_json
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


@app.command()
def evaluate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="PRED.jsonl: predicted Documents (JSON Lines) to score against --gold; without "
            "it the live pre-annotator runs on the gold articles. With --conll: CoNLL BIO files "
            "or folders, one corpus each.",
        ),
    ] = None,
    gold: Annotated[
        Path, typer.Option(help="Gold Documents: a folder of JSON files, or one file.")
    ] = Path("data/gold"),
    conll: Annotated[
        bool,
        typer.Option(
            "--conll",
            help="Score the live pre-annotator on CoNLL NER test sets (the PATHs), one sentence "
            "at a time, instead of on gold Documents.",
        ),
    ] = False,
    label_map: Annotated[
        str,
        typer.Option(
            metavar="TYPE=LABEL,...",
            help="With --conll: corpus types mapped to labels, on top of the default (each label "
            "and its name: PERSON, ORGANIZATION/ORGANISATION, QUANTITY); 'TIME=' leaves a type "
            "unscored.",
        ),
    ] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON for scripts (one line per corpus with --conll).")
    ] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Markdown tables (as in docs/quality.md).")
    ] = False,
    errors: Annotated[
        int,
        typer.Option(
            metavar="N",
            min=0,
            help="Also list the N most frequent false positives and misses, with context.",
        ),
    ] = 0,
) -> None:
    """Score pre-annotations (P/R/F1 strict and partial) against gold Documents or CoNLL sets.

    Example: annotate evaluate --gold data/gold --errors 10
    """
    import importlib

    from annotate import conll as co
    from annotate import evaluate as ev
    from corpus.records import Document
    from corpus.records_io import iter_records
    from corpus.validate import problems

    # Looked up at run time: `evaluate` with PRED.jsonl works without the rules installed.
    def live() -> Any:
        try:
            return importlib.import_module("annotate.preannotate").preannotate
        except ModuleNotFoundError as e:
            if e.name != "annotate.preannotate":
                raise
            error("annotate.preannotate is missing: pass predicted Documents (PRED.jsonl)")
            raise typer.Exit(1) from None

    failures = 0
    if conll:
        if not paths:
            error("--conll needs at least one CoNLL file or folder")
            raise typer.Exit(2)
        try:
            mapping = co.parse_label_map(label_map)
        except NewsgoldError as e:
            error(str(e))
            raise typer.Exit(2) from None
        reports = []
        for path in paths:
            try:
                report = co.evaluate_corpus(co.read_corpus(path), live(), mapping)
            except NewsgoldError as e:
                error(str(e))
                failures += 1
                continue
            reports.append(report)
            info(f"{report.corpus}: {report.sentences:,} sentences in {report.seconds:.1f} s")
            if as_json:
                write_json(report.to_dict(errors=errors))
            elif not markdown:
                print(report.render(errors=errors) + "\n")  # noqa: T201  # the table is the output
        if markdown and reports:
            named = [(r.corpus, r.evaluation) for r in reports]
            print(ev.render_markdown(named) + "\n\n" + co.render_speed_markdown(reports))  # noqa: T201
        raise typer.Exit(1 if failures else 0)

    golds = []
    try:
        records = list(iter_records(gold))
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    for file, record in records:
        if isinstance(record, NewsgoldError):
            found = [str(record)]
        else:
            found = [f"{file}: {p}" for p in problems(record)]
            if not found:
                golds.append(Document.from_dict(record))
        for message in found:
            error(message)
        failures += bool(found)
    if not records:
        error(f"{gold}: no gold Documents (*.json) to score against")
        raise typer.Exit(1)
    if paths:
        predicted = []
        for path in paths:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                try:
                    predicted.append(Document.from_dict(json.loads(line)))
                except (ValueError, KeyError, TypeError) as e:
                    error(f"{path}:{number}: not a Document: {e}")
                    failures += 1
        pairing = ev.pair_documents(golds, predicted)
    else:
        annotate_live = live()
        pairing = ev.pair_documents(golds, [annotate_live(g.article) for g in golds])
    for message in pairing.problems():
        error(message)
    evaluation = ev.score_documents(pairing.pairs)
    source = ", ".join(map(str, paths)) if paths else "live pre-annotator"
    if as_json:
        write_json(
            {"gold": str(gold), "predictions": source, **evaluation.to_dict(errors=errors)}
            | {"missing": list(pairing.missing), "unknown": list(pairing.unknown)}
        )
    elif markdown:
        print(ev.render_markdown([(str(gold), evaluation)]))  # noqa: T201  # the table is the output
    else:
        title = f"{gold}: {evaluation.items} documents, predictions from {source}"
        print(ev.render_table(evaluation, title=title, errors=errors))  # noqa: T201
    if failures or not pairing.clean:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()
