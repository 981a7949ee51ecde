"""The linear-chain CRF (python-crfsuite): train a weights file, tag sequences with marginals.

I/O: `train_weights` writes a weights file; `Crf` reads one. Tagging itself is pure.

Training is L-BFGS, which has no randomness: the same sequences in the same order give a
byte-identical weights file. The seed decides that order (a seeded shuffle), so a
different seed is a (slightly) different model and the same seed is the same model.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from annotate.model.examples import Example
from annotate.model.features import sentence_features, spans_from_tags


@dataclass(frozen=True, slots=True)
class Hyper:
    """CRF training settings: L1 and L2 regularisation, L-BFGS iterations, and features
    seen fewer than `min_freq` times are dropped."""

    c1: float = 0.1
    c2: float = 0.05
    max_iterations: int = 100
    min_freq: int = 1

    def params(self) -> dict[str, float | int | bool]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "feature.minfreq": self.min_freq,
            "feature.possible_transitions": True,
        }


def example_features(example: Example) -> list[list[str]]:
    return sentence_features(example.words, example.rule_tags)


def train_weights(examples: Sequence[Example], out: Path, hyper: Hyper, *, seed: int) -> None:
    """Train on `examples` (in an order decided by `seed`) and write the weights to `out`."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(hyper.params())
    for i in order:
        example = examples[i]
        trainer.append(example_features(example), list(example.gold_tags))
    trainer.train(str(out))


@dataclass(frozen=True, slots=True)
class Tagged:
    """A sequence tagged: the BIO tags, and for each token the marginal probability of its
    tag (how sure the CRF is of that token, given the whole sentence)."""

    tags: tuple[str, ...]
    confidence: tuple[float, ...]

    def spans(self) -> list[tuple[int, int, str, float]]:
        """(first token, end token, label, confidence) of each span; a span's confidence is
        its least sure token's (one doubtful token makes the span doubtful)."""
        return [
            (first, end, label, min(self.confidence[first:end]))
            for first, end, label in spans_from_tags(self.tags)
        ]


class Crf:
    """A trained CRF, read from its weights file."""

    def __init__(self, weights: Path) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(weights))
        self._labels = frozenset(self._tagger.labels())

    def tag(self, features: list[list[str]], *, marginals: bool = True) -> Tagged:
        """Tags of one sequence; with `marginals`, each token's probability for its tag
        (computed only for tokens inside spans unless all are wanted: see `uncertainty`)."""
        if not features:
            return Tagged((), ())
        tags = tuple(self._tagger.tag(features))
        if not marginals:
            return Tagged(tags, (1.0,) * len(tags))
        marginal = self._tagger.marginal
        confidence = tuple(marginal(tag, i) if tag != "O" else 1.0 for i, tag in enumerate(tags))
        return Tagged(tags, confidence)

    def span_confidence(
        self, features: list[list[str]], spans: Sequence[tuple[int, int, str]]
    ) -> list[float]:
        """For each (first token, end token, label) span, whatever the CRF itself tagged there,
        how sure the CRF is of exactly that span given the whole sequence: the smallest
        marginal of its tags (B-label, then I-label) and of the next token not continuing it
        (so a piece of a longer name is doubtful). 0 for a label the CRF never learned."""
        if not spans:
            return []
        self._tagger.set(features)
        known, marginal, n = self._labels, self._tagger.marginal, len(features)

        def sure(tag: str, i: int) -> float:
            if tag not in known:
                return 0.0
            return min(1.0, max(0.0, float(marginal(tag, i))))  # rounding stays in [0, 1]

        out = []
        for first, end, label in spans:
            inside = [sure(f"{'I' if i > first else 'B'}-{label}", i) for i in range(first, end)]
            after = 1.0 - sure(f"I-{label}", end) if end < n else 1.0
            out.append(min(*inside, after))
        return out

    def uncertainty(self, features: list[list[str]]) -> list[float]:
        """Each token's uncertainty: 1 minus the marginal of its most likely tag (0: sure)."""
        if not features:
            return []
        tags = self._tagger.tag(features)
        marginal = self._tagger.marginal
        return [1.0 - marginal(tag, i) for i, tag in enumerate(tags)]
