"""Training and scoring sequences for the CRF: tokens, the rules' tags and gold tags.

I/O: `conll_examples` and `gold_examples` read files; both run the rule pre-annotator
(pure) on every text, so the rules' tags seen in training are the ones seen in use.

A text becomes one sequence per line (a CoNLL sentence is one line; a Document's
paragraphs are lines), tokenised by `corpus.tokens.tokenize`, the tokenizer of the
release, so a span that is whole tokens in the release is whole tokens here. Only PER
and ORG are learned; other gold types (LOC, QTY) are O for the model.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotate.model.features import SpanLike, Token, project_tags
from annotate.model.harmonise import to_guidelines
from corpus.schemas import label_set
from corpus.tokens import tokenize

RULE_ANNOTATORS = ("per.rules.v1", "org.rules.v1", "qty.rules.v1")
"""The rules whose PER/ORG output the model sees: entities after overlap resolution with
quantities, as `preannotate` keeps them (stances do not change entities)."""


def model_labels() -> tuple[str, str]:
    """The labels the model learns, named through the schema (PER, ORG)."""
    labels = label_set()
    return labels.person_label, labels.org_label


@dataclass(frozen=True, slots=True)
class Example:
    """One line of text as a tagged sequence: token offsets (into `text`), words, the
    rules' BIO tags and the gold BIO tags (all O when there is no gold)."""

    text: str
    tokens: tuple[Token, ...]
    rule_tags: tuple[str, ...]
    gold_tags: tuple[str, ...]

    @property
    def words(self) -> list[str]:
        return [self.text[s:e] for s, e in self.tokens]


def rule_spans(text: str) -> list[SpanLike]:
    """The rules' PER/ORG spans of a text, as `preannotate` keeps them."""
    from annotate.preannotate import preannotate

    doc = preannotate(text, annotators=RULE_ANNOTATORS)
    if doc.text != text:  # the text was not canonical: its offsets would not line up
        return []
    wanted = model_labels()
    return [(e.start, e.end, e.label) for e in doc.entities if e.label in wanted]


def line_examples(
    text: str, gold: Iterable[SpanLike], rules: Iterable[SpanLike]
) -> Iterator[Example]:
    """One Example per non-empty line of `text` (spans are offsets into the whole text)."""
    wanted = model_labels()
    gold = [s for s in gold if s[2] in wanted]
    rules = list(rules)
    tokens = tokenize(text)
    starts = [t[0] for t in tokens]
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        line_tokens = tuple(tokens[bisect_left(starts, start) : bisect_left(starts, end)])
        if line_tokens:
            yield Example(
                text,
                line_tokens,
                tuple(project_tags(line_tokens, rules)),
                tuple(project_tags(line_tokens, gold)),
            )
        start = end + 1


def conll_examples(path: Path, *, redraw: bool = True) -> list[Example]:
    """Examples of a CoNLL BIO file or folder; types map to labels by the default map
    (PER/PERSON → PER, ORG/ORGANIZATION → ORG; LOC and the rest → O). With `redraw` the
    gold spans are redrawn by our guidelines first (`annotate.model.harmonise`)."""
    from annotate.conll import default_label_map, read_corpus

    mapping = default_label_map()
    person, org = model_labels()
    out: list[Example] = []
    for sentence in read_corpus(path).sentences:
        gold = [
            (s.start, s.end, label)
            for s in sentence.spans
            if (label := mapping.get(s.type)) is not None
        ]
        if redraw:
            gold = to_guidelines(sentence.text, gold, org=org, person=person)
        out += line_examples(sentence.text, gold, rule_spans(sentence.text))
    return out


def gold_examples(folder: Path) -> list[Example]:
    """Examples of the gold Documents in a folder (or one file); InputError when unusable."""
    from annotate.evaluate.runs import read_gold
    from corpus.errors import InputError

    docs, problems = read_gold(folder)
    if problems:
        raise InputError(
            f"{len(problems)} unusable gold records: {problems[0]}", source=str(folder)
        )
    out: list[Example] = []
    for doc in docs:
        gold = [(e.start, e.end, e.label) for e in doc.entities]
        out += line_examples(doc.text, gold, rule_spans(doc.text))
    return out


def token_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(first token, end token, label) of each span in BIO tags, as a set for scoring."""
    from annotate.model.features import spans_from_tags

    return set(spans_from_tags(tags))
