"""Read token-per-line BIO files (CoNLL style) as sentences with character-offset spans.

I/O: `read_corpus` reads files and folders, `evaluate_corpus` times the pre-annotator;
`parse_conll`, the label map and `sentence_items` are pure.

The files public Indonesian NER test sets come in:

    -DOCSTART- -X- O O       a document separator: skipped (it also ends a sentence)
    Presiden O               token and tag separated by spaces ...
    Joko\tB-PERSON           ... or by a tab (then a token may contain a space)
    Widodo NNP I-PER         more columns (a POS tag) are fine: the tag is the LAST column
    <blank line>             ends a sentence; CRLF and blank lines at start or end are fine

Tags are `O` or `<prefix>-<type>`, decoded by `corpus.tokens.tag_spans` (the one BIO
decoder, which also reads the release's tags back). IOB2 (every span starts with B-) and
IOB1 (B- only between two adjacent spans of one type) are both read by one rule: B- starts
a span, and I- continues the span before it only when that span has the same type;
otherwise it starts one. BIOES / BILOU (E-, S-, L-, U-) are read too.

A sentence's text is its tokens joined by single spaces, and a span's offsets index that
text: tokens `Joko Widodo` tagged B-PER I-PER in `Presiden Joko Widodo` are [9:20].

The label map turns a corpus's types into ours; a type mapped to nothing (or not in the
map) is not scored, but its spans stay as `ignored` gold spans, so a predicted ORG over a
gold LOCATION is a false positive and the error report can say what it was.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from annotate.evaluate import (
    Evaluation,
    Item,
    LabelledSpan,
    document_spans,
    render_table,
    score_items,
)
from corpus.errors import InputError
from corpus.records import Document
from corpus.schemas import label_set
from corpus.tokens import Tag, parse_tag, tag_spans

LabelMap = Mapping[str, str | None]

CONLL_SUFFIXES = frozenset({".conll", ".conll03", ".tsv", ".txt", ".bio", ".iob", ".iob2"})
"""Suffixes of the files read from a folder (each must also look like CoNLL: see `sniff`)."""

DOCSTART = "-DOCSTART-"


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A gold span in a sentence's text, with the corpus's own type ('PERSON', 'LOC')."""

    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    spans: tuple[TaggedSpan, ...]
    tokens: int
    where: str  # "file:line" of the sentence's first token


@dataclass(frozen=True, slots=True)
class Corpus:
    """The sentences of one corpus (a file, or a folder of files)."""

    name: str
    files: tuple[str, ...]
    sentences: tuple[Sentence, ...]

    @property
    def tokens(self) -> int:
        return sum(s.tokens for s in self.sentences)

    def types(self) -> set[str]:
        return {span.type for s in self.sentences for span in s.spans}


def _columns(line: str) -> list[str]:
    """[token, ..., tag]: the tag is the last whitespace-separated field; with a tab in the
    line the token is everything before the first tab (so it may hold a space)."""
    columns = line.split()
    if "\t" in line and len(columns) > 1:
        token = line.split("\t", 1)[0].strip()
        if token:
            columns[0] = token
    return columns


def parse_conll(text: str, *, source: str = "<conll>") -> list[Sentence]:
    """The sentences of a CoNLL-style BIO file's text (see the module docstring)."""
    return [
        _sentence(tokens, tags, f"{source}:{first_line}")
        for first_line, tokens, tags in _token_runs(text, source)
    ]


def _token_runs(text: str, source: str) -> Iterator[tuple[int, list[str], list[Tag]]]:
    """Each sentence as (line number of its first token, tokens, tags); a blank line or a
    -DOCSTART- line ends one. A line without a valid tag is an InputError naming it."""
    tokens: list[str] = []
    tags: list[Tag] = []
    first_line = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        columns = _columns(line) if line.strip() else []
        if not columns or columns[0] == DOCSTART:
            if tokens:
                yield first_line, tokens, tags
            tokens, tags = [], []
            continue
        if not tokens:
            first_line = number
        tags.append(_line_tag(columns, number, line, source))
        tokens.append(columns[0])
    if tokens:
        yield first_line, tokens, tags


def _line_tag(columns: list[str], number: int, line: str, source: str) -> Tag:
    """The tag of line `number` (its last column), or an InputError saying what is wrong."""
    if len(columns) < 2:
        raise InputError(
            f"line {number}: expected a token and a tag separated by a space or tab, "
            f"got {line.strip()!r}",
            source=source,
        )
    try:
        return parse_tag(columns[-1])
    except ValueError as e:
        raise InputError(
            f"line {number}: {e}; the tag must be the last column", source=source
        ) from None


def _sentence(tokens: list[str], tags: list[Tag], where: str) -> Sentence:
    """Tokens joined by single spaces, with the tagged spans' offsets into that text."""
    starts = list(accumulate((len(token) + 1 for token in tokens[:-1]), initial=0))
    spans = tuple(
        TaggedSpan(starts[first], starts[end - 1] + len(tokens[end - 1]), kind)
        for first, end, kind in tag_spans(tags)
    )
    return Sentence(" ".join(tokens), spans, len(tokens), where)


def sniff(text: str) -> bool:
    """Whether the first token line of `text` looks like 'token ... tag' (for folder scans)."""
    for raw in text.split("\n", 200)[:200]:
        line = raw.strip()
        if not line:
            continue
        columns = _columns(line)
        if columns[0] == DOCSTART:
            continue
        try:
            parse_tag(columns[-1])
        except ValueError:
            return False
        return len(columns) >= 2
    return False


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 at byte {e.start}", source=str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=str(path)) from None


def read_corpus(path: Path) -> Corpus:
    """Read one corpus: a CoNLL file, or every CoNLL file in a folder (sorted, not recursive).

    In a folder, files with a CONLL_SUFFIXES suffix whose first line does not look like
    'token tag' (a SOURCE.txt next to the data) are passed over.
    """
    if path.is_file():
        text = _read_text(path)
        return Corpus(
            f"{path.parent.name}/{path.name}",
            (str(path),),
            tuple(parse_conll(text, source=str(path))),
        )
    if not path.is_dir():
        raise InputError("no such file or folder", source=str(path))
    files: list[str] = []
    sentences: list[Sentence] = []
    for file in sorted(p for p in path.iterdir() if p.is_file() and p.suffix in CONLL_SUFFIXES):
        text = _read_text(file)
        if sniff(text):
            files.append(str(file))
            sentences += parse_conll(text, source=str(file))
    if not files:
        raise InputError(
            f"no CoNLL files in this folder (looked for {', '.join(sorted(CONLL_SUFFIXES))} "
            "files whose lines are 'token ... tag')",
            source=str(path),
        )
    return Corpus(path.name, tuple(files), tuple(sentences))


# --- label map ----------------------------------------------------------------------------


def default_label_map() -> dict[str, str | None]:
    """Corpus types → our labels: each label to itself and its schema title, upper-cased.

    From the schema's titles this gives PER/PERSON → PER, ORG/ORGANISATION (and the
    -IZATION spelling) → ORG, QTY/QUANTITY → QTY. Every other type is not scored.
    """
    mapping: dict[str, str | None] = {}
    by_value = {c.value: c for c in label_set().labels}
    for label in label_set().token_labels:
        title = by_value[label].title.upper()
        for name in (label, title, title.replace("ISATION", "IZATION")):
            mapping[name.upper()] = label
    return mapping


def parse_label_map(spec: str, base: LabelMap | None = None) -> dict[str, str | None]:
    """`base` (default: the default map) updated by 'PERSON=PER,GPE=' (empty: not scored)."""
    allowed = {label.upper(): label for label in label_set().token_labels}
    mapping = dict(default_label_map() if base is None else base)
    for entry in filter(None, (e.strip() for e in spec.split(","))):
        source, equals, target = (part.strip() for part in entry.partition("="))
        if not equals or not source:
            raise InputError(
                f"--label-map entry {entry!r} is not TYPE=LABEL; write e.g. PERSON=PER or GPE= "
                "(an empty label means the type is not scored)"
            )
        if target and target.upper() not in allowed:
            raise InputError(
                f"--label-map entry {entry!r}: {target!r} is not a label; use one of "
                f"{', '.join(allowed.values())}, or nothing to leave {source} unscored"
            )
        mapping[source.upper()] = allowed[target.upper()] if target else None
    return mapping


def scored_labels(types: Iterable[str], label_map: LabelMap) -> tuple[str, ...]:
    """Our labels that the corpus's types map to, in schema order: only these are scored.

    A corpus without quantities then does not count predicted quantities as false positives.
    """
    mapped = {label_map.get(t) for t in types}
    return tuple(label for label in label_set().names if label in mapped)


def gold_spans(
    sentence: Sentence, label_map: LabelMap
) -> tuple[list[LabelledSpan], list[LabelledSpan]]:
    """The sentence's spans as (scored spans with our labels, ignored spans with their type)."""
    scored, ignored = [], []
    for s in sentence.spans:
        label = label_map.get(s.type)
        if label is None:
            ignored.append(LabelledSpan(s.start, s.end, s.type))
        else:
            scored.append(LabelledSpan(s.start, s.end, label))
    return scored, ignored


def sentence_items(
    sentences: Sequence[Sentence], predictions: Sequence[Document], label_map: LabelMap
) -> Iterator[Item]:
    """Scoring items from sentences and the Documents predicted on their texts (same order)."""
    if len(sentences) != len(predictions):
        raise ValueError(f"{len(sentences)} sentences but {len(predictions)} predictions")
    for sentence, doc in zip(sentences, predictions, strict=True):
        if doc.text != sentence.text:
            raise ValueError(
                f"{sentence.where}: the pre-annotator changed the sentence text "
                f"({sentence.text[:40]!r} became {doc.text[:40]!r}); offsets would not compare"
            )
        scored, ignored = gold_spans(sentence, label_map)
        yield Item(
            sentence.where,
            sentence.text,
            tuple(scored),
            tuple(document_spans(doc)),
            tuple(ignored),
        )


# --- one corpus, scored -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusReport:
    """A corpus scored: what was read, how fast the pre-annotator ran, and the scores."""

    corpus: str
    files: tuple[str, ...]
    sentences: int
    tokens: int
    gold: tuple[tuple[str, int], ...]  # scored gold spans per label
    seconds: float  # pre-annotation time only (reading and scoring excluded)
    evaluation: Evaluation

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self, *, errors: int = 0) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "files": list(self.files),
            "sentences": self.sentences,
            "tokens": self.tokens,
            "gold_spans": dict(self.gold),
            "seconds": round(self.seconds, 3),
            "sentences_per_second": round(self.sentences_per_second, 1),
            **self.evaluation.to_dict(errors=errors),
        }

    def render(self, *, errors: int = 0) -> str:
        title = (
            f"{self.corpus}: {self.sentences:,} sentences, {self.tokens:,} tokens, "
            f"pre-annotated in {self.seconds:.1f} s ({self.sentences_per_second:,.0f} sentences/s)"
        )
        return render_table(self.evaluation, title=title, errors=errors)


def evaluate_corpus(
    corpus: Corpus, preannotate: Callable[[str], Document], label_map: LabelMap
) -> CorpusReport:
    """Pre-annotate every sentence's text and score it against the corpus's gold spans."""
    labels = scored_labels(corpus.types(), label_map)
    started = time.perf_counter()
    predictions = [preannotate(s.text) for s in corpus.sentences]
    seconds = time.perf_counter() - started
    evaluation = score_items(sentence_items(corpus.sentences, predictions, label_map), labels)
    gold = Counter(
        label_map[s.type]
        for sentence in corpus.sentences
        for s in sentence.spans
        if label_map.get(s.type) is not None
    )
    return CorpusReport(
        corpus.name,
        corpus.files,
        len(corpus.sentences),
        corpus.tokens,
        tuple((label, gold[label]) for label in labels),
        seconds,
        evaluation,
    )


def render_speed_markdown(reports: Sequence[CorpusReport]) -> str:
    """A Markdown table of what each corpus held and how fast it was pre-annotated."""
    lines = [
        "| corpus | files | sentences | tokens | gold spans scored | not scored | seconds "
        "| sentences/s |",
        "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: |",
    ]
    for r in reports:
        gold = ", ".join(f"{label} {n}" for label, n in r.gold)
        ignored = ", ".join(f"{t} {n}" for t, n in r.evaluation.ignored_gold) or "–"
        lines.append(
            f"| {r.corpus} | {len(r.files)} | {r.sentences:,} | {r.tokens:,} | {gold} "
            f"| {ignored} | {r.seconds:.1f} | {r.sentences_per_second:,.0f} |"
        )
    return "\n".join(lines)
