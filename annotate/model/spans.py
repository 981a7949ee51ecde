"""Pure. A model's span with its confidence, the shape review priority and combination read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoredSpan:
    """A labelled character span ``[start, end)`` the model proposes, with how sure it is.

    ``confidence`` is in ``[0, 1]``: the smallest CRF marginal of the span's tokens for their
    predicted tags (one unsure token makes the whole span unsure, which is what a reviewer needs).
    """

    start: int
    end: int
    label: str
    confidence: float

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span [{self.start}, {self.end}) is empty or negative")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")
