"""The newsgold flow end to end on the bundled articles, with a local Label Studio.

    scripts/demo                      (installs uv and the locked environment first)
    scripts/demo --out /tmp/demo      another output folder (default: demo/)

Steps, each a call to the public functions the CLIs use:

1. start the local Label Studio (`annotate.labelstudio.server`; home `.labelstudio/` or
   $NEWSGOLD_LS_HOME, port 8080 or $NEWSGOLD_LS_PORT), or reuse the one already running;
2. parse `data/articles/` and pre-annotate every article (`parse_paths`, `preannotate`);
3. push them to the project "newsgold demo" (`push_tasks`: a second run pushes nothing);
4. DEMO STAND-IN FOR HUMAN REVIEW: submit each task's prediction, unchanged, as its
   annotation (`Client.task`, `Client.create_annotation`), for tasks not annotated yet;
5. pull the annotations into `<out>/gold/` (`pull_annotations`; never into data/gold);
6. validate them (`corpus.validate.problems`);
7. publish them as a release in `<out>/dist/newsgold/<version>/` (`corpus.release.publish`)
   and load it back with `datasets.load_dataset` (`figures_of_release`);
8. one turn of the model loop (docs/model.md): train a PER/ORG model on the pulled gold into
   `<out>/model/` (`annotate.model.train.train_model`, as `annotate train --gold`), then push
   the next batch pre-annotated by rules+model, each task with its review priority, to the
   project "<project> (next batch)" (as `annotate push --model`). The bundled articles stand
   in for that next batch: the demo has no other articles.

Releases are immutable and publishing a version twice is refused, so the first run
publishes 0.1.0 and every later run the next patch version (0.1.1, ...), whose changelog
compares it with the previous one. Delete `<out>/dist` (or pass another --out) to start
over at 0.1.0.

Progress goes to stderr (bars only on a terminal). A summary (paths, counts, seconds per
step) is written to `<out>/summary.json` and, when stdout is not a terminal, printed there
as one JSON line: `scripts/demo > summary.json` is quiet and scriptable.
The Label Studio login is never printed: `scripts/labelstudio env --print-login` shows it.

I/O: starts a local server, HTTP to it, writes under <out>/.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from annotate.labelstudio import server
from annotate.labelstudio.client import Client
from annotate.labelstudio.pull import pull_annotations
from annotate.labelstudio.push import push_tasks, submit_predictions_as_annotations
from annotate.model.review import review_priorities
from annotate.model.train import TrainData, train_model
from annotate.preannotate import load_model, preannotate
from annotate.sources import parse_paths
from corpus.build import Figures, figures_of
from corpus.console import error, info, progress, write_json
from corpus.errors import NewsgoldError, SchemaError
from corpus.provenance import review_of
from corpus.records import Article, Document
from corpus.records_io import iter_records, write_json_atomic
from corpus.release import figures_of_release, publish, read_views
from corpus.validate import problems
from corpus.versions import next_version

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
PROJECT = "newsgold demo"
FIRST_VERSION = "0.1.0"
STEPS = 8
STAND_IN = "DEMO STAND-IN FOR HUMAN REVIEW"

T = TypeVar("T")


class DemoError(Exception):
    """A step failed; the message says which and how to fix it."""


def _bar(description: str, total: int | None) -> Callable[[Iterable[T]], Iterator[T]]:
    return lambda items: progress(items, total=total, description=description)


class Demo:
    def __init__(self, out: Path, project: str) -> None:
        self.out = out
        self.project = project
        self.seconds: dict[str, float] = {}
        self.summary: dict[str, Any] = {"project": project, "out": str(out)}
        self.step = 0

    def say(self, message: str) -> None:
        info(f"[{self.step}/{STEPS}] {message}")

    def timed(self, name: str, began: float) -> str:
        self.seconds[name] = round(time.monotonic() - began, 1)
        return f"({self.seconds[name]} s)"

    # 1
    def label_studio(self) -> tuple[server.ServerInfo, Path]:
        self.step = 1
        began = time.monotonic()
        home = Path(os.environ.get("NEWSGOLD_LS_HOME") or ROOT / ".labelstudio")
        port = int(os.environ.get("NEWSGOLD_LS_PORT") or server.DEFAULT_PORT)
        running = server.status(home)
        if running is not None and server.is_healthy(running):
            how = "reused the running server"
            live = running
        else:
            if server.installed_version(home) is None:
                self.say(f"installing Label Studio {server.DEFAULT_VERSION} into {home}/venv ...")
            server.ensure_installed(home)
            self.say("starting Label Studio (the first start migrates its database: ~1 min) ...")
            live = server.start(home, port=running.port if running else port, timeout=600)
            how = "started"
        self.say(f"Label Studio at {live.url}: {how} {self.timed('label_studio', began)}")
        self.summary["label_studio"] = {"url": live.url, "home": str(home), "how": how}
        return live, home

    # 2
    def preannotate(self) -> list[Document]:
        self.step = 2
        began = time.monotonic()
        articles = _articles()
        docs = [preannotate(a) for a in _bar("pre-annotating", len(articles))(articles)]
        counts = figures_of(docs).total.labels
        shown = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.say(
            f"parsed and pre-annotated {len(docs)} articles: {shown} "
            f"{self.timed('preannotate', began)}"
        )
        self.summary["predicted"] = {"documents": len(docs), "labels": counts}
        return docs

    # 3
    def push(self, client: Client, docs: Sequence[Document]) -> int:
        self.step = 3
        began = time.monotonic()
        report = push_tasks(
            client, docs, project=self.project, progress=_bar("pushing", None), batch_size=20
        )
        for message in report.messages:
            error(message)
        if not report.ok or report.project_id is None:
            raise DemoError(f"push failed: {report.summary()}")
        self.say(f"push: {report.summary()} {self.timed('push', began)}")
        self.summary["push"] = report.to_dict()
        return report.project_id

    # 4
    def stand_in_review(self, client: Client, project_id: int) -> None:
        self.step = 4
        began = time.monotonic()
        report = submit_predictions_as_annotations(client, project_id)
        submitted, already = report.submitted, report.already_annotated
        self.say(
            f"{STAND_IN}: submitted the predictions of {submitted} tasks unchanged as their "
            f"annotations ({already} already annotated). Real reviewers correct them in the "
            f"browser instead. {self.timed('stand_in_review', began)}"
        )
        self.summary["stand_in_review"] = {"submitted": submitted, "already_annotated": already}

    # 5
    def pull(self, client: Client, gold: Path) -> None:
        self.step = 5
        began = time.monotonic()
        report = pull_annotations(
            client, project=self.project, out_dir=gold, progress=_bar("pulling", None)
        )
        for problem in report.problems:
            for message in problem.messages:
                error(f"task {problem.task} ({problem.article_id}): {message}")
        if not report.ok:
            raise DemoError(f"pull failed: {report.summary()}")
        self.say(f"pull into {_rel(gold)}: {report.summary()} {self.timed('pull', began)}")
        self.summary["pull"] = report.to_dict()

    # 6
    def validate(self, gold: Path) -> None:
        self.step = 6
        began = time.monotonic()
        checked = found = 0
        for path, record in iter_records(gold):
            checked += 1
            messages = [str(record)] if isinstance(record, NewsgoldError) else problems(record)
            for message in messages:
                error(f"{path}: {message}")
                found += 1
        if found or not checked:
            raise DemoError(f"validation: {found} problems in {checked} gold files in {gold}")
        self.say(f"validated {checked} gold documents: no problems {self.timed('validate', began)}")
        self.summary["validate"] = {"documents": checked, "problems": 0}

    # 7
    def publish(self, gold: Path, predicted: list[Document]) -> None:
        self.step = 7
        began = time.monotonic()
        dist = self.out / "dist"
        version = next_version(dist, first=FIRST_VERSION)
        try:
            report = publish(
                gold,
                version,
                dist,
                progress=lambda items, total: progress(
                    items, total=total, description=f"publishing {version}"
                ),
                # The card says what people changed of the pre-annotation: here, nothing.
                review=review_of((doc.to_dict() for doc in predicted), read_views(gold)),
            )
        except SchemaError as e:
            for message in e.errors:
                error(message)
            raise DemoError(f"publishing {version} refused: {len(e.errors)} problems") from None
        figures = figures_of_release(report.path)
        change = report.changelog
        since = (
            f"; since {report.previous}: {len(change.added)} added, {len(change.changed)} "
            f"changed, {len(change.removed)} removed, {change.unchanged} unchanged documents"
            if report.previous and change is not None
            else ""
        )
        self.say(f"published {_rel(report.path)}{since} {self.timed('publish', began)}")
        self.say(f"load_dataset({_rel(report.path)!r}, ...): {_describe(figures)}")
        self.summary["release"] = {
            "version": version,
            "path": str(report.path),
            "previous": report.previous,
            "splits": figures.to_dict(),
        }

    # 8
    def next_batch(self, client: Client, gold: Path) -> None:
        self.step = 8
        began = time.monotonic()
        model_dir = self.out / "model"
        trained = train_model(model_dir, TrainData(gold=(gold,)), seed=0)
        model = load_model(model_dir)
        docs = [preannotate(a, model=model) for a in _articles()]
        priorities = review_priorities(docs, model)
        report = push_tasks(
            client, docs, project=f"{self.project} (next batch)", priorities=priorities
        )
        if not report.ok:
            raise DemoError(f"push of the next batch failed: {report.summary()}")
        first = max(priorities.values(), key=lambda p: (p.score, p.article_id))
        self.say(
            f"trained {_rel(model_dir)} ({trained.meta['annotator']}@"
            f"{trained.meta['fingerprint']}) on {_rel(gold)}; next batch: {report.summary()}; "
            f"review first: {first.article_id} (priority {first.score}) "
            f"{self.timed('next_batch', began)}"
        )
        self.summary["next_batch"] = {
            "model": str(model_dir),
            "fingerprint": trained.meta["fingerprint"],
            "push": report.to_dict(),
            "priorities": {p.article_id: p.score for p in priorities.values()},
        }


def _articles() -> list[Article]:
    """The bundled articles, parsed (DemoError when one does not parse)."""
    articles, failures = [], 0
    for item in parse_paths([str(ARTICLES)]):
        if isinstance(item, NewsgoldError):
            error(str(item))
            failures += 1
        else:
            articles.append(item)
    if failures:
        raise DemoError(f"{failures} of the bundled articles in {ARTICLES} did not parse")
    return articles


def _describe(figures: Figures) -> str:
    sizes = ", ".join(f"{name} {s.documents}" for name, s in figures.splits.items())
    counted = ", ".join(f"{n} {label}" for label, n in figures.total.labels.items())
    return f"documents per split: {sizes}; labels: {counted}"


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/demo", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "demo", help="output folder (default: demo/)"
    )
    parser.add_argument("--project", default=PROJECT, help=f"Label Studio project ({PROJECT!r})")
    args = parser.parse_args(argv)
    out: Path = args.out.absolute()
    gold = out / "gold"
    if gold.resolve() == (ROOT / "data" / "gold").resolve():
        error("the demo never writes into data/gold: choose another --out")
        return 2
    # Our own bars (on a terminal only) say what is going on; datasets' would be noise.
    os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")
    demo = Demo(out, args.project)
    began = time.monotonic()
    try:
        live, home = demo.label_studio()
        docs = demo.preannotate()
        with Client(live.url, server.api_key(home)) as client:
            project_id = demo.push(client, docs)
            demo.stand_in_review(client, project_id)
            demo.pull(client, gold)
            demo.validate(gold)
            demo.publish(gold, docs)
            demo.next_batch(client, gold)
    except (DemoError, NewsgoldError, server.LabelStudioServerError) as e:
        error(f"step {demo.step}/{STEPS}: {e}")
        return 1
    demo.seconds["total"] = round(time.monotonic() - began, 1)
    review = f"{live.url}/projects/{project_id}/data"
    info(
        f"done in {demo.seconds['total']} s. Review by hand: open {review} and log in with the "
        "e-mail and password that `scripts/labelstudio env --print-login` prints."
    )
    demo.summary.update(review_url=review, seconds=demo.seconds)
    write_json_atomic(out / "summary.json", demo.summary)
    if not sys.stdout.isatty():
        write_json(demo.summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
