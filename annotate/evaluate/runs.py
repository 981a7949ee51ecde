"""`annotate evaluate` as plain functions: read the inputs, score, return what to show.

I/O: reads gold folders, prediction files, CoNLL sets and page folders, and runs the live
pre-annotator. Nothing is printed: each run returns a result that renders itself as JSON,
a text table or Markdown, with the messages the command writes to stderr.

    run_gold    gold Documents against prediction files, or against the live pre-annotator
    run_conll   the live pre-annotator on CoNLL NER test sets, one report per corpus
    run_pages   the parser and the pre-annotator on real pages with hand gold
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from annotate import conll
from annotate.evaluate import pages as ep
from annotate.evaluate.documents import Pairing, pair_documents, score_documents
from annotate.evaluate.metrics import JSON, Evaluation
from annotate.evaluate.report import render_markdown, render_table
from annotate.preannotate import preannotate
from corpus.errors import InputError, NewsgoldError
from corpus.records import Article, Document
from corpus.records_io import iter_records, json_lines
from corpus.validate import problems as record_problems

LIVE = "live pre-annotator"
"""The prediction source named in the output when no prediction files are given."""


class EvaluateRun(Protocol):
    """What `annotate evaluate` shows of a run (gold Documents or a page folder)."""

    @property
    def messages(self) -> tuple[str, ...]:
        """Lines for stderr: files or records that could not be used, pages the parser rejected."""
        ...

    @property
    def ok(self) -> bool:
        """False when an input could not be used (the command then exits 1)."""
        ...

    def to_dict(self, *, errors: int = 0) -> JSON: ...

    def render(self, *, errors: int = 0) -> str: ...

    def markdown(self) -> str: ...


# --- gold Documents -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldRun:
    """Gold Documents scored against predictions.

    `problems`: unusable gold files and prediction lines, then what did not pair (gold
    without a prediction, unknown or repeated ids, predictions on another text).
    """

    gold: Path
    source: str  # the prediction files, or LIVE
    evaluation: Evaluation
    pairing: Pairing
    problems: tuple[str, ...] = ()

    @property
    def messages(self) -> tuple[str, ...]:
        return self.problems

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self, *, errors: int = 0) -> JSON:
        return {
            "gold": str(self.gold),
            "predictions": self.source,
            **self.evaluation.to_dict(errors=errors),
            "missing": list(self.pairing.missing),
            "unknown": list(self.pairing.unknown),
        }

    def render(self, *, errors: int = 0) -> str:
        title = f"{self.gold}: {self.evaluation.items} documents, predictions from {self.source}"
        return render_table(self.evaluation, title=title, errors=errors)

    def markdown(self) -> str:
        return render_markdown([(str(self.gold), self.evaluation)])


def read_gold(gold: Path) -> tuple[list[Document], list[str]]:
    """The valid gold Documents of a folder (or one file), and a message per problem found.

    Raises InputError when `gold` does not exist or holds no `*.json` file.
    """
    records = list(iter_records(gold))
    if not records:
        raise InputError("no gold Documents (*.json) to score against", source=str(gold))
    docs: list[Document] = []
    problems: list[str] = []
    for file, record in records:
        if isinstance(record, NewsgoldError):
            problems.append(str(record))
            continue
        found = [f"{file}: {p}" for p in record_problems(record)]
        if found:
            problems += found
        else:
            docs.append(Document.from_dict(record))
    return docs, problems


def read_predictions(paths: Iterable[Path]) -> tuple[list[Document], list[str]]:
    """The Documents of JSON Lines files, and a message per line that is not one. A file that
    cannot be read stops the run (InputError): its scores would be those of no predictions."""
    docs: list[Document] = []
    problems: list[str] = []
    for path in paths:
        for where, record in json_lines(_prediction_lines(path), source=str(path)):
            if isinstance(record, InputError):
                problems.append(str(record))
                continue
            try:
                docs.append(Document.from_dict(record))
            except (ValueError, KeyError, TypeError) as e:
                problems.append(f"{where}: not a Document: {e}")
    return docs, problems


def _prediction_lines(path: Path) -> list[str]:
    """The lines of one prediction file; InputError saying what is wrong and what to do."""
    if path.is_dir():
        raise InputError(
            "is a folder; give the JSON Lines file of predicted Documents "
            "(`annotate preannotate ... > predictions.jsonl`)",
            source=str(path),
        )
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(
            "no such file; give a JSON Lines file of predicted Documents "
            "(`annotate preannotate ... > predictions.jsonl`)",
            source=str(path),
        ) from None
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid UTF-8 at byte {e.start}; predictions are UTF-8 JSON Lines "
            "(re-save the file as UTF-8)",
            source=str(path),
        ) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=str(path)) from None


def run_gold(
    gold: Path,
    predictions: Sequence[Path] = (),
    *,
    predict: Callable[[Article], Document] = preannotate,
) -> GoldRun:
    """Score prediction files (JSON Lines of Documents) against the gold Documents in `gold`;
    without files, `predict` runs on each gold article. InputError when `gold` is unusable."""
    golds, problems = read_gold(gold)
    if predictions:
        predicted, unreadable = read_predictions(predictions)
        problems += unreadable
    else:
        predicted = [predict(g.article) for g in golds]
    pairing = pair_documents(golds, predicted)
    source = ", ".join(map(str, predictions)) if predictions else LIVE
    return GoldRun(
        gold,
        source,
        score_documents(pairing.pairs),
        pairing,
        (*problems, *pairing.problems()),
    )


# --- CoNLL sets -----------------------------------------------------------------------------


def run_conll(
    paths: Iterable[Path],
    label_map: conll.LabelMap,
    *,
    predict: Callable[[str], Document] = preannotate,
) -> Iterator[conll.CorpusReport | NewsgoldError]:
    """Each CoNLL corpus (a file or a folder) scored, or the error that stopped it, in order."""
    for path in paths:
        try:
            yield conll.evaluate_corpus(conll.read_corpus(path), predict, label_map)
        except NewsgoldError as e:
            yield e


def conll_markdown(reports: Sequence[conll.CorpusReport]) -> str:
    """The scores of every corpus in one Markdown table, then what each held and its speed."""
    named = [(r.corpus, r.evaluation) for r in reports]
    return render_markdown(named) + "\n\n" + conll.render_speed_markdown(reports)


# --- real pages -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PagesRun:
    """A page folder scored. `problems` are files that could not be used (the run fails);
    `rejected` the messages of pages the parser rejected (scored as failing every check)."""

    folder: Path
    evaluation: ep.PagesEvaluation
    problems: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    @property
    def messages(self) -> tuple[str, ...]:
        return (*self.problems, *self.rejected)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self, *, errors: int = 0) -> JSON:
        return {"folder": str(self.folder), **self.evaluation.to_dict(errors=errors)}

    def render(self, *, errors: int = 0) -> str:
        return ep.render_table(self.evaluation, errors=errors)

    def markdown(self) -> str:
        return ep.render_pages_markdown(self.evaluation)


def run_pages(folder: Path, *, predict: Callable[[Article], Document] = preannotate) -> PagesRun:
    """Read a page folder and score every page; InputError when the folder is unusable."""
    page_set = ep.read_pages(folder)
    evaluation = ep.evaluate_pages(page_set, predict=predict)
    rejected = [
        *(p.error for p in evaluation.text if p.error),
        *(h.error for h in evaluation.html if h.error),
    ]
    return PagesRun(folder, evaluation, page_set.problems, tuple(rejected))
