"""Combine the rules' PER/ORG spans with the model's, one mode per label. Pure.

    model        the model's spans of the label only (the rules are only its features)
    rules        the rules' spans only (the model is ignored for that label)
    model-first  the model's spans, plus the rules' spans that overlap no model span
    rules-first  the rules' spans, plus the model's spans that overlap no rule span

"Overlap" is with a span of any label, so a rule ORG never sits inside a model PER. The
policy is chosen per label on the dev split at training time (`annotate train --dev`,
saved in the model's meta.json) and documented with its scores in docs/model.md.
Spans are (start, end, label) with any integer positions: characters or tokens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

MODES = ("model", "rules", "model-first", "rules-first")

S = tuple[int, int, str]

Policy = Mapping[str, str]
"""label → mode (one of MODES)."""


def check_policy(policy: Policy) -> None:
    bad = {label: mode for label, mode in policy.items() if mode not in MODES}
    if bad:
        label, mode = next(iter(bad.items()))
        raise ValueError(f"policy for {label}: {mode!r} is not one of {', '.join(MODES)}")


def _overlaps_any(span: tuple[int, int, str], others: Sequence[tuple[int, int, str]]) -> bool:
    return any(o[0] < span[1] and span[0] < o[1] for o in others)


def combine(rules: Sequence[S], model: Sequence[S], policy: Policy) -> list[S]:
    """The spans `policy` keeps, sorted by (start, end). Labels without a mode keep the
    rules' spans (the model never learned them)."""
    check_policy(policy)
    kept: list[S] = []
    for label in sorted({s[2] for s in [*rules, *model]}):
        mode = policy.get(label, "rules")
        mine_rules = [s for s in rules if s[2] == label]
        mine_model = [s for s in model if s[2] == label]
        if mode == "model":
            kept += mine_model
        elif mode == "rules":
            kept += mine_rules
        elif mode == "model-first":
            kept += mine_model + [s for s in mine_rules if not _overlaps_any(s, model)]
        else:
            kept += mine_rules + [s for s in mine_model if not _overlaps_any(s, rules)]
    return sorted(kept, key=lambda s: (s[0], s[1]))
