"""Learning curve: does reviewing in priority order teach the model faster than random order?

A simulation of the loop in docs/model.md on a CoNLL training corpus standing in for
reviewed gold. The corpus is cut into tasks of `--task-sentences` consecutive sentences
(a task is what an annotator reviews). A first batch, the same for both orders, is
"reviewed" (its gold tags taken) and a model trained on it; then, round after round, the
next `--batch` tasks are reviewed and the model retrained on everything reviewed so far:

- random order: the next tasks are a seeded random sample of the rest;
- priority order: the rest are ranked as `annotate push --model` ranks tasks
  (`annotate.priority.prioritise`: rule-model disagreement and model uncertainty per
  1,000 characters, with the same 20% random share), by the model of the previous round.

After each round the model (with the rules' tags as features, as `annotate train` builds
it; c1/c2 at their defaults, no sweep) is scored on the dev split: strict span F1 of the
model alone and of the rules-first combination. Prints one Markdown table (docs/model.md).

Example: uv run python scripts/simulate_review.py --train train.txt --dev dev.txt
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from annotate.model.crf import Crf, Hyper, example_features, train_weights
from annotate.model.examples import Example, conll_examples, model_labels, token_spans
from annotate.model.spans import ScoredSpan
from annotate.model.train import DevRun
from annotate.priority import prioritise

Task = tuple[str, tuple[Example, ...]]


def make_tasks(examples: Sequence[Example], size: int) -> list[Task]:
    """Consecutive sentences in tasks of `size` (the last may be shorter), with stable ids."""
    return [
        (f"task-{i // size:05d}", tuple(examples[i : i + size]))
        for i in range(0, len(examples), size)
    ]


TERMS = ("both", "uncertainty", "disagreements")
"""Which terms of the priority rank the tasks: both (what push uses), or one of them alone
(an ablation: the other side's spans are made to agree, or the model made sure)."""


def task_priority(crf: Crf, task: Task, seed: int, terms: str = "both") -> float:
    """The task's review priority under `crf`, as push computes it (token offsets stand in
    for characters inside one task; each sentence's spans are shifted past the last)."""
    rules: list[ScoredSpan] = []
    model: list[ScoredSpan] = []
    offset = 0
    for example in task[1]:
        for first, end, label in token_spans(example.rule_tags):
            rules.append(ScoredSpan(offset + first, offset + end, label, 1.0))
        for first, end, label, conf in crf.tag(example_features(example)).spans():
            model.append(ScoredSpan(offset + first, offset + end, label, conf))
        offset += len(example.tokens) + 1
    if terms == "uncertainty":
        rules = model  # nothing to disagree about
    elif terms == "disagreements":
        model = [ScoredSpan(s.start, s.end, s.label, 1.0) for s in model]  # no doubt
    length = sum(len(e.text) for e in task[1])
    return prioritise(task[0], rules, model, length, seed=seed, labels=model_labels()).score


def dev_scores(crf: Crf, dev: Sequence[Example]) -> tuple[float, float]:
    """Dev micro F1 of the model alone and of rules-first."""
    run = DevRun.tag(crf, dev)
    labels = model_labels()
    alone = run.policy_scores(dict.fromkeys(labels, "model"))["micro"]["f1"]
    first = run.policy_scores(dict.fromkeys(labels, "rules-first"))["micro"]["f1"]
    return alone, first


def train(reviewed: Sequence[Task], path: Path, seed: int) -> Crf:
    examples = [e for _, task in reviewed for e in task]
    train_weights(examples, path, Hyper(), seed=seed)
    return Crf(path)


def curve(
    tasks: list[Task], dev: list[Example], order: str, args: argparse.Namespace, tmp: Path
) -> list[tuple[int, int, float, float]]:
    """(tasks reviewed, sentences reviewed, dev F1 model, dev F1 rules-first) per round."""
    rng = random.Random(args.seed)
    rest = list(tasks)
    rng.shuffle(rest)
    reviewed, rest = rest[: args.first], rest[args.first :]
    rows = []
    for round_no in range(args.rounds + 1):
        crf = train(reviewed, tmp / f"{order}-{round_no}.crfsuite", args.seed)
        alone, first = dev_scores(crf, dev)
        rows.append((len(reviewed), sum(len(t[1]) for t in reviewed), alone, first))
        print(f"  {order} round {round_no}: {rows[-1]}", file=sys.stderr)
        if round_no == args.rounds or not rest:
            break
        if order == "priority":
            ranked = {t[0]: task_priority(crf, t, args.seed, args.priority) for t in rest}
            rest.sort(key=lambda t: (-ranked[t[0]], t[0]))
        reviewed, rest = reviewed + rest[: args.batch], rest[args.batch :]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True, help="CoNLL training corpus")
    parser.add_argument("--dev", type=Path, required=True, help="CoNLL dev split (scored)")
    parser.add_argument("--task-sentences", type=int, default=10, help="sentences per task")
    parser.add_argument("--first", type=int, default=10, help="tasks in the first batch")
    parser.add_argument("--batch", type=int, default=15, help="tasks reviewed per round")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--priority", choices=TERMS, default="both", help="the priority's terms (ablation)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    tasks = make_tasks(conll_examples(args.train), args.task_sentences)
    dev = conll_examples(args.dev)
    with tempfile.TemporaryDirectory() as tmp:
        results = {o: curve(tasks, dev, o, args, Path(tmp)) for o in ("random", "priority")}
    print(
        f"{len(tasks)} tasks of {args.task_sentences} sentences; seed {args.seed}; "
        f"priority: {args.priority}; "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(
        "| tasks reviewed | sentences (random / priority) | random: model | priority: model "
        "| random: rules-first | priority: rules-first |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r, p in zip(results["random"], results["priority"], strict=True):
        print(f"| {r[0]} | {r[1]} / {p[1]} | {r[2]:.3f} | {p[2]:.3f} | {r[3]:.3f} | {p[3]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
