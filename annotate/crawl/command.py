"""The `annotate crawl` command. I/O: progress on stderr, the run's counts as JSON on stdout.

Registered on the `annotate` app by annotate/cli.py; the work is `pipeline.crawl`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corpus.console import error, info, write_json
from corpus.errors import NewsgoldError

if TYPE_CHECKING:
    from annotate.crawl.pipeline import Progress

CrawlInputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT",
        help="WARC/WARC.gz files, JSON Lines (.jsonl, .jsonl.gz) or Parquet files of {url, "
        "html | text}, or folders of .html/.txt pages; read in the order given.",
    ),
]
CrawlOut = Annotated[
    Path,
    typer.Option(
        "--out",
        metavar="DIR",
        help="Folder for the Parquet shards, stats.json and run.json; a folder holding an "
        "interrupted run of the same inputs is resumed.",
    ),
]
Executor = Annotated[
    str,
    typer.Option(
        metavar="local|ray",
        help="local: this machine (in-process with one worker, else worker processes); ray: "
        "Ray tasks on the cluster at RAY_ADDRESS, or on a local Ray started for the run.",
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        metavar="N",
        min=1,
        help="Worker processes [default: 1 with local, every CPU of the cluster with ray].",
    ),
]
ModelDir = Annotated[
    Path | None,
    typer.Option("--model", metavar="DIR", help="Also pre-annotate with the trained model in DIR."),
]
ShardPages = Annotated[
    int, typer.Option(metavar="N", min=1, help="Pages per shard (changing it starts a new run).")
]


def crawl(
    inputs: CrawlInputs,
    out: CrawlOut,
    executor: Executor = "local",
    workers: Workers = None,
    model: ModelDir = None,
    shard_pages: ShardPages = 500,
) -> None:
    """Crawl pages into Parquet shards of pre-annotated Documents: parse, drop non-articles and
    non-Indonesian pages, mark duplicates, count every stage (OUT/stats.json).

    Prints the counts as one JSON line when done; a killed run continues where it stopped
    when started again with the same arguments.

    Example: annotate crawl CC-NEWS-20250101.warc.gz --out crawl/ --workers 2
    """
    from annotate.crawl.pipeline import crawl as run
    from annotate.crawl.work import Settings

    settings = Settings(model=str(model) if model is not None else None)
    try:
        with _progress() as tell:
            stats = run(
                inputs,
                out,
                executor=executor,
                workers=workers,
                settings=settings,
                shard_pages=shard_pages,
                progress=tell,
            )
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    for message in stats.errors:
        error(message)
    info(stats.summary())
    write_json(stats.to_dict())
    if stats.errors:
        raise typer.Exit(1)


_STAGES = {"read": "reading pages", "processed": "processing pages", "written": "shards written"}


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """A function (stage, count) that advances one Rich bar per stage on a terminal, and
    does nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description:<17}"),
        BarColumn(),
        TextColumn("{task.completed:>9,.0f}"),  # no total is known while the input streams
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks = {stage: bar.add_task(label, total=None) for stage, label in _STAGES.items()}

        def tell(stage: str, count: int) -> None:
            bar.advance(tasks[stage], count)

        yield tell
