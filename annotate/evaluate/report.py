"""An Evaluation as a plain-text table for a person or a Markdown table for the docs. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from annotate.evaluate.metrics import Accuracy, Evaluation
from corpus.schemas import label_set


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _acc(a: Accuracy) -> str:
    return f"{_num(a.accuracy)} ({a.correct}/{a.total})"


def _unit(evaluation: Evaluation) -> str:
    # Left out where units were not scored (gold whose unit convention differs from ours).
    return (
        f", unit accuracy {_acc(evaluation.quantity_unit)}"
        if evaluation.quantity_unit.total
        else ""
    )


def _accuracies(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The QTY value and stance accuracies, where scored, each with the matches it is on
    ("strict" or "partial")."""
    ls = label_set()
    scored = {s.label for s in evaluation.labels}
    found = []
    if ls.quantity_label in scored and evaluation.quantity_value.total:
        value = f"{ls.quantity_label} value accuracy {_acc(evaluation.quantity_value)}"
        found.append((value + _unit(evaluation), "strict"))
    if ls.stance_label in scored and evaluation.stance_polarity.total:
        stance = (
            f"{ls.stance_label} polarity accuracy {_acc(evaluation.stance_polarity)}, "
            f"holder accuracy {_acc(evaluation.stance_holder)}"
        )
        found.append((stance, "partial"))
    return found


_MATCHED = {"strict": "strictly", "partial": "partially"}


def render_table(evaluation: Evaluation, *, title: str = "", errors: int = 0) -> str:
    """A plain-text table for a person: per label strict and partial P/R/F1 with counts."""
    head = (
        f"{'label':<8} {'gold':>6} {'pred':>6} │ {'strict tp':>9} {'P':>6} {'R':>6} {'F1':>6}"
        f" │ {'partial tp':>10} {'P':>6} {'R':>6} {'F1':>6}"
    )
    lines = [title] if title else []
    lines += [head, "─" * len(head)]
    for score in (*evaluation.labels, evaluation.overall):
        s, p = score.strict, score.partial
        lines.append(
            f"{score.label:<8} {s.gold:>6} {s.pred:>6} │ {s.tp:>9} {_num(s.precision):>6}"
            f" {_num(s.recall):>6} {_num(s.f1):>6} │ {p.tp:>10} {_num(p.precision):>6}"
            f" {_num(p.recall):>6} {_num(p.f1):>6}"
        )
    lines += [f"{accuracy} (on {on} matches)" for accuracy, on in _accuracies(evaluation)]
    if evaluation.ignored_gold:
        ignored = ", ".join(f"{tag} {n}" for tag, n in evaluation.ignored_gold)
        lines.append(
            f"gold spans not scored (a prediction over them is a false positive): {ignored}"
        )
    if errors:
        lines += ["", "error classes (spans without a strict match):"]
        for (side, label, kind), n in sorted(
            evaluation.error_classes().items(), key=lambda kv: (-kv[1], kv[0])
        ):
            lines.append(f"  {n:>6}  {_SIDE[side]:<15} {label:<8} {kind}")
        for side in ("fp", "fn"):
            lines += ["", f"most frequent {_SIDES[side]}:"]
            for f in evaluation.frequent_errors(side, errors):
                kinds = ", ".join(f"{k} {n}" for k, n in f.kinds)
                other = f" vs {f.example.other}" if f.example.other else ""
                lines.append(
                    f'  {f.count:>4} x {f.example.label} "{f.example.text}" ({kinds}){other}'
                )
                lines.append(f"        {f.example.context}")
    return "\n".join(lines)


_SIDE = {"fp": "false positive", "fn": "miss"}
_SIDES = {"fp": "false positives", "fn": "misses"}


def render_markdown(evaluations: Sequence[tuple[str, Evaluation]]) -> str:
    """A Markdown table (one row per corpus and scored label, then micro) for docs/quality.md,
    followed by the QTY value and stance accuracies where they were scored."""
    lines = [
        "| corpus | label | gold | pred | strict P | strict R | strict F1 "
        "| partial P | partial R | partial F1 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    notes = []
    for name, evaluation in evaluations:
        for score in (*evaluation.labels, evaluation.overall):
            s, p = score.strict, score.partial
            lines.append(
                f"| {name} | {score.label} | {s.gold} | {s.pred} | {_num(s.precision)} "
                f"| {_num(s.recall)} | **{_num(s.f1)}** | {_num(p.precision)} "
                f"| {_num(p.recall)} | {_num(p.f1)} |"
            )
        notes += [
            f"- {name}: {accuracy}, on {_MATCHED[on]} matched spans."
            for accuracy, on in _accuracies(evaluation)
        ]
    return "\n".join([*lines, *(["", *notes] if notes else [])])
