"""The `annotate` command line. I/O: reads inputs, writes JSON Lines to stdout, errors to stderr.

Each command parses its arguments, calls the plain function that does the work and
prints; batch commands process every input, report each failure, then exit 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from annotate.crawl.command import crawl as crawl_command
from corpus.console import dumps, error, info, progress, write_json
from corpus.errors import InputError, NewsgoldError

if TYPE_CHECKING:
    from annotate.preannotate import EntityModel
    from corpus.records import Article, Document

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
ModelDir = Annotated[
    Path | None,
    typer.Option(
        "--model",
        metavar="DIR",
        help="Also run a trained PER/ORG model (a folder from `annotate train`), combined "
        "with the rules by the policy in its meta.json.",
    ),
]


def _load_model(folder: Path | None) -> EntityModel | None:
    """The model in `folder` (None: none); a bad folder exits 2 with a one-line reason."""
    if folder is None:
        return None
    from annotate.preannotate import load_model

    try:
        return load_model(folder)
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(2) from None


@app.callback()
def _root() -> None:
    """Parse and pre-annotate Indonesian news articles; move them to and from Label Studio."""


@app.command()
def parse(
    paths: Paths,
    pretty: Pretty = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Instead of JSON, print each source line of a text scrape as title, kept or "
            "dropped, with the reason.",
        ),
    ] = False,
) -> None:
    """Parse raw articles (scraped text or HTML) into Articles, one JSON line each.

    `--explain page.txt` shows instead why each line of a text scrape was kept or dropped.

    Example: annotate parse data/articles > articles.jsonl
    """
    from annotate.sources import parse_paths

    if explain:
        _explain(paths)
        return
    failures = 0
    for result in progress(parse_paths(paths), total=None, description="parsing"):
        if isinstance(result, NewsgoldError):
            error(str(result))
            failures += 1
        else:
            write_json(result.to_dict(), pretty=pretty)
    if failures:
        raise typer.Exit(1)


def _explain(paths: list[str]) -> None:
    from annotate.parse import MAX_BYTES, decode, explain_text, looks_like_html
    from annotate.sources import iter_inputs

    failures = 0
    for item in iter_inputs(paths, limit=MAX_BYTES):
        try:
            if isinstance(item, NewsgoldError):
                raise item
            text = decode(item.data, source=item.name)
            if looks_like_html(text):
                raise InputError(
                    "--explain reads text scrapes; an HTML page is extracted by trafilatura "
                    "first (parse it without --explain)",
                    source=item.name,
                )
            verdicts, about = explain_text(text)
        except NewsgoldError as e:
            error(str(e))
            failures += 1
            continue
        typer.echo(f"== {item.name}  ({about})")
        for line in verdicts:
            if line.verdict != "blank":
                notes = "; ".join(line.notes)
                typer.echo(f"{line.number:>5}  {line.verdict:<7}  {line.text}")
                if notes:
                    typer.echo(f"{'':>5}  {'':<7}  ^ {notes}")
    if failures:
        raise typer.Exit(1)


@app.command("preannotate")
def preannotate_articles(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Article files or folders (.txt, .html), or with --articles JSON Lines of "
            "Articles; '-' reads standard input.",
        ),
    ],
    pretty: Pretty = False,
    articles: Annotated[
        bool,
        typer.Option("--articles", help="Inputs are JSON Lines of Articles (`annotate parse`)."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also print, on stderr, each STANCE with the rules that chose its holder and "
            "polarity and the polarity's score (0-1; low: review first).",
        ),
    ] = False,
    model_dir: ModelDir = None,
) -> None:
    """Pre-annotate articles with the rules (PER, ORG, QTY, STANCE), one Document JSON line each.

    With --model DIR a trained PER/ORG model (`annotate train`) runs with the rules.

    Example: annotate preannotate data/articles > predicted.jsonl
    """
    from annotate.preannotate import preannotate
    from annotate.sources import parse_paths

    model = _load_model(model_dir)
    failures = 0
    items = _read_articles(paths) if articles else parse_paths(paths)
    for item in progress(items, total=None, description="pre-annotating"):
        if isinstance(item, NewsgoldError):
            error(str(item))
            failures += 1
        else:
            doc = preannotate(item, model=model)
            write_json(doc.to_dict(), pretty=pretty)
            if explain:
                from annotate.rules.stance import explain_stances

                for line in explain_stances(doc.article.text, doc.entities):
                    info(dumps(line.to_dict()))
    if failures:
        raise typer.Exit(1)


def _read_articles(paths: list[str]) -> Iterator[Article | NewsgoldError]:
    """The Articles of JSON Lines files ('-': standard input), or the error of each bad line."""
    from annotate.preannotate import articles_from_lines

    for arg in paths:
        try:
            text = sys.stdin.read() if arg == "-" else Path(arg).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            yield InputError(f"cannot read: {e}", source=arg)
            continue
        yield from articles_from_lines(text.splitlines(), source=arg)


app.command("crawl")(crawl_command)

EvaluatePaths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="PRED.jsonl: predicted Documents (JSON Lines) to score against --gold; without "
        "it the live pre-annotator runs on the gold articles. With --conll: CoNLL BIO files "
        "or folders, one corpus each.",
    ),
]
GoldFolder = Annotated[
    Path, typer.Option(help="Gold Documents: a folder of JSON files, or one file.")
]
ConllSets = Annotated[
    bool,
    typer.Option(
        "--conll",
        help="Score the live pre-annotator on CoNLL NER test sets (the PATHs), one sentence "
        "at a time, instead of on gold Documents.",
    ),
]
LabelMapSpec = Annotated[
    str,
    typer.Option(
        metavar="TYPE=LABEL,...",
        help="With --conll: corpus types mapped to labels, on top of the default (each label "
        "and its name: PERSON, ORGANIZATION/ORGANISATION, QUANTITY); 'TIME=' leaves a type "
        "unscored.",
    ),
]
AsJson = Annotated[
    bool, typer.Option("--json", help="JSON for scripts (one line per corpus with --conll).")
]
AsMarkdown = Annotated[
    bool, typer.Option("--markdown", help="Markdown tables (as in docs/quality.md).")
]
ErrorCount = Annotated[
    int,
    typer.Option(
        metavar="N",
        min=0,
        help="Also list the N most frequent false positives and misses, with context (with "
        "--pages: N of each kind of error).",
    ),
]
PageFolder = Annotated[
    Path | None,
    typer.Option(
        "--pages",
        metavar="DIR",
        help="Score the parser and the live pre-annotator on real pages with hand gold "
        "instead: NN-x.txt + NN-x.gold.json (+ NN-x.stance.json) and html/NN-x.html + "
        "NN-x.expected.json (docs/quality.md, 'Real pages').",
    ),
]


@app.command()
def evaluate(
    paths: EvaluatePaths = None,
    gold: GoldFolder = Path("data/gold"),
    conll: ConllSets = False,
    label_map: LabelMapSpec = "",
    as_json: AsJson = False,
    markdown: AsMarkdown = False,
    errors: ErrorCount = 0,
    pages: PageFolder = None,
    model_dir: ModelDir = None,
) -> None:
    """Score pre-annotations (P/R/F1) on gold Documents, CoNLL sets or real pages (parser too).

    With --model DIR the live pre-annotator includes a trained model (`annotate train`).

    Example: annotate evaluate --gold data/gold --errors 10
    """
    from functools import partial

    from annotate.evaluate import runs
    from annotate.preannotate import preannotate

    if pages is not None and (conll or paths):
        error("--pages scores a page folder on its own: drop --conll and the PATHs")
        raise typer.Exit(2)
    if model_dir is not None and paths and not conll:
        error("--model runs the live pre-annotator: drop the prediction files (PATHs)")
        raise typer.Exit(2)
    predict = partial(preannotate, model=_load_model(model_dir))
    if conll:
        _evaluate_conll(
            paths or [],
            label_map,
            as_json=as_json,
            markdown=markdown,
            errors=errors,
            predict=predict,
        )
        return
    try:
        result: runs.EvaluateRun = (
            runs.run_pages(pages, predict=predict)
            if pages is not None
            else runs.run_gold(gold, paths or [], predict=predict)
        )
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    for message in result.messages:
        error(message)
    if as_json:
        write_json(result.to_dict(errors=errors))
    elif markdown:
        typer.echo(result.markdown())
    else:
        typer.echo(result.render(errors=errors))
    if not result.ok:
        raise typer.Exit(1)


def _evaluate_conll(
    paths: list[Path],
    label_map: str,
    *,
    as_json: bool,
    markdown: bool,
    errors: int,
    predict: Callable[[str], Document],
) -> None:
    """`annotate evaluate --conll`: score each corpus and print it as soon as it is scored;
    exit 1 when a corpus could not be read (the others are still scored)."""
    from annotate import conll as co
    from annotate.evaluate import runs

    if not paths:
        error("--conll needs at least one CoNLL file or folder")
        raise typer.Exit(2)
    try:
        mapping = co.parse_label_map(label_map)
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(2) from None
    reports, failures = [], 0
    for outcome in runs.run_conll(paths, mapping, predict=predict):
        if isinstance(outcome, NewsgoldError):
            error(str(outcome))
            failures += 1
            continue
        reports.append(outcome)
        info(f"{outcome.corpus}: {outcome.sentences:,} sentences in {outcome.seconds:.1f} s")
        if as_json:
            write_json(outcome.to_dict(errors=errors))
        elif not markdown:
            typer.echo(outcome.render(errors=errors) + "\n")
    if markdown and reports:
        typer.echo(runs.conll_markdown(reports))
    raise typer.Exit(1 if failures else 0)


DevSplit = Annotated[
    Path | None,
    typer.Option(
        "--dev",
        metavar="PATH",
        help="A dev split (CoNLL, or a folder of gold Documents): picks the "
        "hyper-parameters and the rules/model policy.",
    ),
]
PolicySpec = Annotated[
    str | None,
    typer.Option(
        "--policy",
        metavar="MODE|LABEL=MODE,...",
        help="How model and rules combine, instead of the best on --dev: model, rules, "
        "model-first or rules-first, for every label or per label (docs/model.md).",
    ),
]
AsPublished = Annotated[
    bool,
    typer.Option(
        "--as-published",
        help="Learn the CoNLL spans as their corpus drew them. By default they are "
        "redrawn by our guidelines first: no titles in PER, 'Name (ACRONYM)' as two "
        "ORG spans, no brackets or quote marks at the edges (docs/model.md).",
    ),
]


@app.command()
def train(
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="The model folder to write.")],
    gold: Annotated[
        list[Path] | None,
        typer.Option("--gold", metavar="DIR", help="Gold Documents to train on (repeatable)."),
    ] = None,
    conll_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--conll",
            metavar="PATH",
            help="CoNLL BIO files or folders to train on (repeatable); PER/PERSON and "
            "ORG/ORGANIZATION are learned, other types are O.",
        ),
    ] = None,
    dev: DevSplit = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Training order seed.")] = 0,
    policy: PolicySpec = None,
    as_published: AsPublished = False,
) -> None:
    """Train the PER/ORG model (a CRF that reads the rules' tags) into a model folder.

    The same data and seed give a byte-identical model. See docs/model.md.

    Example: annotate train --out models/ner --gold data/gold --conll train.txt --dev dev.txt
    """
    from annotate.model.train import TrainData, parse_policy, train_model

    data = TrainData(tuple(conll_files or ()), tuple(gold or ()), dev, as_published)
    try:
        chosen = parse_policy(policy) if policy is not None else None
        report = train_model(out, data, seed=seed, policy=chosen)
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    meta = report.meta
    dev_f1 = (meta.get("dev") or {}).get("scores", {}).get("chosen", {}).get("micro", {})
    info(
        f"{out}: {meta['annotator']}@{meta['fingerprint']}, {meta['training_sequences']} "
        f"sequences, {report.seconds:.1f} s, policy {meta['policy']}"
        + (f", dev micro F1 {dev_f1['f1']:.3f}" if dev_f1 else "")
    )
    write_json({"out": str(out), **meta})


ProjectTitle = Annotated[
    str, typer.Option("--project", metavar="TITLE", help="Label Studio project title (exact).")
]


def _check_title(project: str) -> None:
    """Refuse a project title that is blank, has spaces around it or holds a control
    character: Label Studio would create a project nobody can find by its title."""
    if not project.strip() or project != project.strip() or not project.isprintable():
        error(
            f"--project {project!r} is not a usable project title: give the title as shown "
            'in Label Studio, e.g. --project "newsgold batch 1"'
        )
        raise typer.Exit(2)


@app.command("ls-config")
def ls_config() -> None:
    """Print the Label Studio labelling config (XML) generated from schema/.

    Example: annotate ls-config > label_config.xml
    """
    from annotate.labelstudio.config import label_config

    typer.echo(label_config(), nl=False)


CrawlDir = Annotated[
    Path, typer.Argument(metavar="DIR", help="The --out folder of `annotate crawl`.")
]


@app.command("select")
def select_articles(
    crawl: CrawlDir,
    n: Annotated[int, typer.Option("--n", min=1, help="Articles in the batch.")],
    out: Annotated[
        Path, typer.Option("--out", help="JSON Lines file of the batch's Documents (*.jsonl).")
    ],
    seed: Annotated[int, typer.Option(help="The same seed and crawl give the same batch.")] = 0,
    gold: Annotated[
        Path | None,
        typer.Option(help="Gold Documents to stay clear of [default: data/gold if it exists]."),
    ] = None,
    pushed: Annotated[
        list[Path] | None,
        typer.Option(metavar="PATH", help="Documents pushed already (repeat for more files)."),
    ] = None,
    priority: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help='JSON Lines of {"id", "priority"}: weights the draw.'),
    ] = None,
) -> None:
    """Choose the next batch to annotate: canonical crawl articles, stratified by outlet and
    month, none a near-duplicate of gold or already pushed articles.

    Example: annotate select crawl-out --n 200 --out batch-2.jsonl --pushed batch-1.jsonl
    """
    from annotate.crawl.batch import select_batch, write_batch

    if out.suffix != ".jsonl":
        error(f"{out}: --out must end in .jsonl (`annotate push` reads .jsonl as Documents)")
        raise typer.Exit(1)
    known = list(pushed or [])
    if gold is not None or Path("data/gold").is_dir():
        known.insert(0, gold or Path("data/gold"))
    try:
        selection, problems = select_batch(crawl, n=n, seed=seed, known=known, priority=priority)
        write_batch(out, selection)
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    except OSError as e:
        error(f"{out}: cannot write: {e.strerror or e}")
        raise typer.Exit(1) from None
    for problem in problems:
        error(str(problem))
    info(
        f"{len(selection.chosen)} of {selection.offered} canonical articles chosen from "
        f"{len(selection.strata)} outlet-months; {len(selection.skipped)} skipped as copies "
        f"of gold, pushed or chosen articles; written to {out}"
    )
    write_json(selection.summary())
    if problems:
        raise typer.Exit(1)


PushPaths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Raw articles (.txt/.html files or folders; parsed and pre-annotated), or "
        "Document / Article JSON and JSON Lines files (folders: *.json, *.jsonl).",
    ),
]
BatchSize = Annotated[int, typer.Option(metavar="N", min=1, help="Tasks per import request.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Say what would be created; change nothing.")
]
UpdateConfig = Annotated[
    bool,
    typer.Option(
        "--update-config",
        help="Replace an existing project's labelling config with the generated one.",
    ),
]


@app.command()
def push(
    paths: PushPaths,
    project: ProjectTitle,
    batch_size: BatchSize = 100,
    dry_run: DryRun = False,
    update_config: UpdateConfig = False,
    model_dir: ModelDir = None,
) -> None:
    """Push Documents to a Label Studio project as tasks with predictions (never twice).

    Connection from LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY. Articles already in the
    project are skipped; an article whose text changed is reported, not pushed again.
    With --model DIR raw articles are pre-annotated with the rules and the model, and every
    task gets a review priority (data.priority: sort the Data Manager by it, highest first;
    docs/labelstudio.md) and each PER/ORG region the model's confidence in it as its score.

    Example: annotate push data/articles --project "newsgold batch 1"
    """
    from annotate.labelstudio.client import Client
    from annotate.labelstudio.push import load_documents, push_tasks

    _check_title(project)
    model = _load_model(model_dir)
    docs = []
    failures = 0
    for item in load_documents(paths, model=model):
        if isinstance(item, NewsgoldError):
            error(str(item))
            failures += 1
        else:
            docs.append(item)
    priorities = None
    if model is not None:
        from annotate.model.review import review_priorities

        priorities = review_priorities(docs, model)
    try:
        with Client.from_env() as client:
            report = push_tasks(
                client,
                docs,
                project=project,
                batch_size=batch_size,
                dry_run=dry_run,
                update_config=update_config,
                priorities=priorities,
                progress=lambda batches: progress(
                    batches, total=len(batches), description="pushing"
                ),
            )
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    for message in report.messages:
        error(message)
    info(report.summary())
    write_json(report.to_dict())
    if failures or not report.ok:
        raise typer.Exit(1)


@app.command()
def pull(
    project: ProjectTitle,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the gold Documents (<article_id>.json).")
    ] = Path("data/gold"),
    conflicts: Annotated[
        Path | None,
        typer.Option(
            "--conflicts",
            help="Folder for conflicts.json and the per-annotator Documents that "
            "`corpus agreement` reads [default: OUT-conflicts next to OUT].",
        ),
    ] = None,
) -> None:
    """Pull reviewed annotations from Label Studio into gold Documents, one file per article.

    Ground-truth annotations win; a task whose annotators disagree is reported as a conflict
    and written only once one annotation is marked ground truth.

    Example: annotate pull --project "newsgold batch 1" --out data/gold
    """
    from annotate.labelstudio.client import Client
    from annotate.labelstudio.pull import pull_annotations, render_conflicts
    from corpus.records_io import writable_folder

    _check_title(project)
    try:
        # Before asking Label Studio for anything: a pull that cannot be written is wasted.
        writable_folder(out, option="--out")
        if conflicts is not None:
            writable_folder(conflicts, option="--conflicts")
        with Client.from_env() as client:
            report = pull_annotations(
                client,
                project=project,
                out_dir=out,
                conflicts_dir=conflicts,
                progress=lambda tasks: progress(tasks, total=None, description="pulling"),
            )
    except NewsgoldError as e:
        error(str(e))
        raise typer.Exit(1) from None
    except OSError as e:  # a write that failed midway (disk full, folder removed)
        error(f"{e.filename}: cannot write: {e.strerror or e}; pull again once it is fixed")
        raise typer.Exit(1) from None
    for warning in report.warnings:
        info(f"warning: {warning}")
    for problem in report.problems:
        for message in problem.messages:
            error(f"task {problem.task} ({problem.article_id or 'no article id'}): {message}")
    for article_id, task in report.deleted:
        error(f"{out / (article_id + '.json')}: task {task} was deleted in Label Studio; kept")
    if report.conflicts:
        info(render_conflicts(report))
    info(report.summary())
    write_json(report.to_dict())
    if report.problems:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()
