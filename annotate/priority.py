"""Review priority: which pushed task a reviewer should open first. Pure.

A task is worth reviewing first where the rules and the model disagree, and where the model
is unsure; per character, so a long article does not win just by being long:

    disagreements  spans one side has and the other lacks, or that the other has with another
                   label or other boundaries (a pair of overlapping spans counts once)
    uncertainty    1 - confidence, summed over the model's spans
    density        (disagreements + uncertainty) per PER_CHARS characters of text (a text
                   shorter than MIN_LENGTH counts as MIN_LENGTH: one odd span in a two-line
                   text is no reason to put it first)
    priority       density / (1 + density): the same order, in [0, 1)

Example (a 2,000-character article): the rules tag "Bank Jaya" ORG, the model tags it PER
with confidence 0.6 and also finds "Siti" PER (0.9) the rules missed: 2 disagreements +
0.5 uncertainty = 1.25 per 1,000 characters, priority 1.25 / 2.25 = 0.5555.

About a fifth of the tasks (`in_random_share`, a stable hash of the article id and a seed)
get a random priority instead, uniform in [0, 1) and also from a hash: reviewed in the same
queue, they are a random sample of the batch, on which the pre-annotation's measured quality
is unbiased. A task says which kind it is (`ReviewPriority.random`).

Why a bounded score: Label Studio's Data Manager sorts a task data field as text unless the
column is switched to Number (label_studio/data_manager/managers.py `apply_ordering`, 1.23);
numbers in [0, 1) cut to DIGITS places sort the same as text and as numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

from annotate.model.spans import ScoredSpan

PER_CHARS = 1_000
MIN_LENGTH = 500
RANDOM_SHARE = 0.2
# Places a priority keeps: enough to order a batch, few enough that JSON never writes one in
# exponent notation (which would sort wrongly as text).
DIGITS = 4
_SCALE = 10_000  # 10**DIGITS


class Span(Protocol):
    """A labelled span: the rules' entities (corpus.records.Entity) and ScoredSpan fit."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


def disagreements(rule_spans: Iterable[Span], model_spans: Iterable[Span]) -> int:
    """How many spans the two sides do not share: each span without an exact twin (same
    offsets and label) on the other side, a rule span and a model span that overlap
    (another label or other boundaries) counting once together."""
    rules = {(s.start, s.end, s.label) for s in rule_spans}
    model = {(s.start, s.end, s.label) for s in model_spans}
    only_rules, only_model = sorted(rules - model), sorted(model - rules)
    paired: set[tuple[int, int, str]] = set()
    for start, end, _ in only_rules:
        partner = next(
            (m for m in only_model if m not in paired and m[0] < end and start < m[1]), None
        )
        if partner is not None:
            paired.add(partner)
    return len(only_rules) + len(only_model) - len(paired)


def review_priority(
    rule_spans: Iterable[Span],
    model_spans: Iterable[ScoredSpan],
    text_length: int,
    *,
    labels: Collection[str] | None = None,
) -> float:
    """The priority of a task (module doc): higher is reviewed first, in [0, 1). `labels`
    limits the comparison to the labels the model predicts (a PER/ORG model says nothing
    about QTY); None compares every label."""
    if text_length < 0:
        raise ValueError(f"text_length must be 0 or more, not {text_length}")
    rules = [s for s in rule_spans if labels is None or s.label in labels]
    model = [s for s in model_spans if labels is None or s.label in labels]
    uncertainty = sum(1.0 - s.confidence for s in model)
    density = (disagreements(rules, model) + uncertainty) * PER_CHARS / max(text_length, MIN_LENGTH)
    return _truncate(density / (1.0 + density))


def _truncate(x: float) -> float:
    """`x` in [0, 1) cut (not rounded: 0.99996 must not become 1.0) to DIGITS places."""
    return int(x * _SCALE) / _SCALE


def _unit(*parts: str | int) -> float:
    """A number in [0, 1) from a sha256 of `parts`: the same on every machine and run
    (unlike hash(), which Python salts per process)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def in_random_share(article_id: str, *, seed: int, share: float = RANDOM_SHARE) -> bool:
    """Whether the task of `article_id` gets a random priority: true for about `share` of
    the ids, always the same ones for one seed."""
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must be between 0 and 1, not {share}")
    return _unit("share", seed, article_id) < share


def random_priority(article_id: str, *, seed: int) -> float:
    """The random priority of a task in the random share: uniform in [0, 1), from a hash."""
    return _truncate(_unit("priority", seed, article_id))


@dataclass(frozen=True, slots=True)
class ReviewPriority:
    """A task's priority and whether it was drawn at random (for unbiased measurement);
    `spans`: the model's confidence in each PER/ORG span the task's prediction shows
    (Label Studio shows it as the region's score, so a reviewer sees which spans to check)."""

    article_id: str
    score: float
    random: bool
    spans: tuple[ScoredSpan, ...] = ()


def prioritise(
    article_id: str,
    rule_spans: Iterable[Span],
    model_spans: Iterable[ScoredSpan],
    text_length: int,
    *,
    seed: int,
    share: float = RANDOM_SHARE,
    labels: Collection[str] | None = None,
) -> ReviewPriority:
    """The priority of one task: random for the random share, else `review_priority`."""
    if in_random_share(article_id, seed=seed, share=share):
        return ReviewPriority(article_id, random_priority(article_id, seed=seed), random=True)
    score = review_priority(rule_spans, model_spans, text_length, labels=labels)
    return ReviewPriority(article_id, score, random=False)


def review_order(priorities: Iterable[ReviewPriority]) -> list[ReviewPriority]:
    """A batch in review order: highest priority first, ties by article id."""
    return sorted(priorities, key=lambda p: (-p.score, p.article_id))
