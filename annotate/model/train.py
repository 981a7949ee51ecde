"""`annotate train`: read the training data, pick hyper-parameters and the combination
policy on a dev split, write the model folder.

I/O: reads CoNLL files and gold folders, writes the model folder (`folder.write_folder`);
`score` and `choose_policy` are pure.

With a dev split, each setting of GRID is trained on the training data and scored on dev
(strict span F1 over PER and ORG); the best one is the model. Then each combination mode
(`combine.MODES`) is scored on dev per label and the best is the policy. Without a dev
split the model uses DEFAULT and every label uses DEFAULT_POLICY.
"""

from __future__ import annotations

import dataclasses
import platform
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from annotate.model import combine as cb
from annotate.model.crf import Crf, Hyper, Tagged, example_features, train_weights
from annotate.model.examples import (
    Example,
    conll_examples,
    gold_examples,
    model_labels,
    token_spans,
)
from annotate.model.folder import ANNOTATOR, MODEL_VERSION, WEIGHTS, sha256_path, write_folder
from annotate.model.ner import by_our_guidelines
from corpus.errors import InputError

DEFAULT = Hyper()
GRID = (Hyper(c1=0.05, c2=0.01), Hyper(c1=0.1, c2=0.05), Hyper(c1=0.3, c2=0.05))
"""Small on purpose: training must stay under two minutes on two cores."""
DEFAULT_POLICY = "rules-first"
"""Without a dev split: the model only adds spans where the rules found none (the safest
policy outside the training data's domain, docs/model.md)."""


@dataclass(frozen=True, slots=True)
class TrainData:
    """What to train on: CoNLL files/folders and gold Document folders; an optional dev split."""

    conll: tuple[Path, ...] = ()
    gold: tuple[Path, ...] = ()
    dev: Path | None = None
    as_published: bool = False
    """Learn CoNLL spans as their corpus drew them, not redrawn by our guidelines
    (`annotate.model.harmonise`); the dev split follows the same choice."""

    def examples(self) -> list[Example]:
        if not self.conll and not self.gold:
            raise InputError("nothing to train on: give --conll PATH or --gold DIR")
        out: list[Example] = []
        for path in self.conll:
            out += conll_examples(path, redraw=not self.as_published)
        for folder in self.gold:
            out += gold_examples(folder)
        if not any(tag != "O" for e in out for tag in e.gold_tags):
            raise InputError("the training data has no PER or ORG span to learn from")
        return out

    def files(self) -> list[dict[str, str]]:
        return [
            {"kind": kind, "path": str(p), "sha256": sha256_path(p)}
            for kind, paths in (("conll", self.conll), ("gold", self.gold))
            for p in paths
        ]


# --- scoring on token spans ----------------------------------------------------------------

Spans = set[tuple[int, int, str]]


def score(golds: Sequence[Spans], preds: Sequence[Spans]) -> dict[str, dict[str, float]]:
    """Strict P/R/F1 per label and micro over all, from per-sequence span sets."""
    counts: dict[str, list[int]] = {}
    for gold, pred in zip(golds, preds, strict=True):
        for label in {s[2] for s in gold | pred}:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            c = counts.setdefault(label, [0, 0, 0])
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {label: _prf(*c) for label, c in sorted({**counts, "micro": totals}.items())}


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass(frozen=True, slots=True)
class DevRun:
    """A model's tags on the dev split, with the gold and the rules' spans to compare."""

    gold: list[Spans]
    rules: list[Spans]
    model: list[Spans]

    @classmethod
    def tag(cls, crf: Crf, dev: Sequence[Example], *, rule_features: bool = True) -> DevRun:
        seen = dev if rule_features else _without_rules(dev)
        tagged: list[Tagged] = [crf.tag(example_features(e), marginals=False) for e in seen]
        return cls(
            [token_spans(e.gold_tags) for e in dev],
            [token_spans(e.rule_tags) for e in dev],
            [_by_our_guidelines(e, token_spans(t.tags)) for e, t in zip(dev, tagged, strict=True)],
        )

    def policy_scores(self, policy: cb.Policy) -> dict[str, dict[str, float]]:
        preds = [
            set(cb.combine(sorted(r), sorted(m), policy))
            for r, m in zip(self.rules, self.model, strict=True)
        ]
        return score(self.gold, preds)


def _by_our_guidelines(example: Example, spans: Spans) -> Spans:
    """The model's token spans of a dev example that `ner.by_our_guidelines` lets stand, so
    dev scores what the model does in use."""
    tokens = example.tokens
    chars = {
        (tokens[first][0], tokens[end - 1][1], label, 1.0): (first, end, label)
        for first, end, label in spans
    }
    return {chars[span] for span in by_our_guidelines(example.text, list(chars))}


def choose_policy(run: DevRun) -> tuple[dict[str, str], dict[str, Any]]:
    """The best mode per label on dev, and the dev scores of every uniform policy and of it."""
    labels = model_labels()
    table = {mode: run.policy_scores(dict.fromkeys(labels, mode)) for mode in cb.MODES}
    chosen = {
        label: max(cb.MODES, key=lambda m: (table[m].get(label, {}).get("f1", 0.0), m == "model"))
        for label in labels
    }
    return chosen, {**table, "chosen": run.policy_scores(chosen)}


# --- training --------------------------------------------------------------------------------


@dataclass
class TrainReport:
    meta: dict[str, Any]
    seconds: float
    sweep: list[dict[str, Any]] = field(default_factory=list)


def _dev_examples(path: Path, *, as_published: bool) -> list[Example]:
    """A dev split: gold Documents (a folder of *.json, or one .json file) or CoNLL."""
    is_gold = path.suffix == ".json" or (path.is_dir() and any(path.glob("*.json")))
    return gold_examples(path) if is_gold else conll_examples(path, redraw=not as_published)


def _without_rules(examples: Sequence[Example]) -> list[Example]:
    """The examples with every rule tag O (the rules' spans still count as 'rules' on dev)."""
    return [dataclasses.replace(e, rule_tags=("O",) * len(e.tokens)) for e in examples]


def _sweep(
    train: Sequence[Example], dev: Sequence[Example], tmp: Path, seed: int, rule_features: bool
) -> tuple[Hyper, Path, list[dict[str, Any]]]:
    """Train each GRID setting; the best on dev (micro F1 of the model alone) and its file."""
    results: list[tuple[float, Hyper, Path]] = []
    for i, hyper in enumerate(GRID):
        path = tmp / f"sweep-{i}.crfsuite"
        train_weights(train, path, hyper, seed=seed)
        run = DevRun.tag(Crf(path), dev, rule_features=rule_features)
        scores = run.policy_scores(dict.fromkeys(model_labels(), "model"))
        results.append((scores["micro"]["f1"], hyper, path))
    _, best, path = max(results, key=lambda r: r[0])  # the first of equals: GRID order
    summary = [{"hyper": h.params(), "dev_micro_f1": f1} for f1, h, _ in results]
    return best, path, summary


def parse_policy(spec: str) -> dict[str, str]:
    """'rules-first' (every label) or 'PER=model,ORG=rules-first' → label → mode."""
    labels = model_labels()
    if "=" not in spec:
        policy = dict.fromkeys(labels, spec.strip())
    else:
        pairs = [entry.partition("=") for entry in spec.split(",") if entry.strip()]
        policy = {label.strip(): mode.strip() for label, _, mode in pairs}
    unknown = sorted(set(policy) - set(labels))
    try:
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a model label ({', '.join(labels)})")
        cb.check_policy(policy)
    except ValueError as e:
        raise InputError(f"--policy {spec!r}: {e}") from None
    return {label: policy.get(label, "rules") for label in labels}


def train_model(
    out: Path,
    data: TrainData,
    *,
    seed: int = 0,
    rule_features: bool = True,
    policy: dict[str, str] | None = None,
) -> TrainReport:
    """Train, select on dev (if any) and write the model folder `out`. `policy` overrides
    the policy dev would choose (meta "policy_from" says which). `rule_features=False`
    trains the baseline that does not see the rules' tags (docs/model.md compares them)."""
    started = time.perf_counter()
    train = data.examples()
    dev = _dev_examples(data.dev, as_published=data.as_published) if data.dev is not None else []
    if not rule_features:
        train = _without_rules(train)
    sweep: list[dict[str, Any]] = []

    def fill(tmp: Path) -> dict[str, Any]:
        nonlocal sweep
        weights = tmp / WEIGHTS
        hyper = DEFAULT
        chosen = dict.fromkeys(model_labels(), DEFAULT_POLICY)
        dev_scores: dict[str, Any] = {}
        if dev:
            with tempfile.TemporaryDirectory(dir=tmp.parent) as scratch:
                hyper, best, sweep = _sweep(train, dev, Path(scratch), seed, rule_features)
                best.rename(weights)
            run = DevRun.tag(Crf(weights), dev, rule_features=rule_features)
            chosen, dev_scores = choose_policy(run)
            if policy is not None:
                dev_scores["given"] = run.policy_scores(policy)
        else:
            train_weights(train, weights, hyper, seed=seed)
        meta = _meta(data, hyper, policy or chosen, seed, dev_scores, sweep, len(train))
        source = "given" if policy is not None else "dev" if dev else "default"
        return {**meta, "rule_features": rule_features, "policy_from": source}

    meta = write_folder(out, fill, model_card)
    return TrainReport(meta, time.perf_counter() - started, sweep)


def _meta(
    data: TrainData,
    hyper: Hyper,
    policy: dict[str, str],
    seed: int,
    dev_scores: dict[str, Any],
    sweep: list[dict[str, Any]],
    sequences: int,
) -> dict[str, Any]:
    from annotate.rules import rules_version
    from corpus.schemas import label_set

    return {
        "annotator": ANNOTATOR,
        "model_version": MODEL_VERSION,
        "labels": list(model_labels()),
        "schema_labels": list(label_set().names),
        "training_data": data.files(),
        "conll_spans": "as published" if data.as_published else "redrawn by our guidelines",
        "training_sequences": sequences,
        "dev": (
            {
                "path": str(data.dev),
                "sha256": sha256_path(data.dev),
                "scores": dev_scores,
                "sweep": sweep,
            }
            if data.dev is not None
            else None
        ),
        "policy": policy,
        "seed": seed,
        "hyperparameters": hyper.params(),
        "rules_version": rules_version(),
        "libraries": {
            "python-crfsuite": version("python-crfsuite"),
            "python": platform.python_version(),
        },
    }


def model_card(meta: dict[str, Any]) -> str:
    """MODEL_CARD.md: what the model is, what it was trained on, its dev scores, its limits."""
    data = "\n".join(
        f"- {d['kind']} `{d['path']}` (sha256 {d['sha256'][:12]}…)" for d in meta["training_data"]
    )
    dev = meta.get("dev")
    if dev:
        rows = "\n".join(
            f"| {name} | {s['PER']['f1']:.3f} | {s['ORG']['f1']:.3f} | {s['micro']['f1']:.3f} |"
            for name, s in dev["scores"].items()
            if "PER" in s and "ORG" in s
        )
        scores = (
            f"Strict span F1 on the dev split `{dev['path']}` (tokens of `corpus.tokens`), "
            "per combination policy:\n\n| policy | PER | ORG | micro |\n"
            "| --- | ---: | ---: | ---: |\n" + rows
        )
    else:
        scores = "No dev split was given: no scores, default settings and policy."
    policy = ", ".join(f"{k}: {v}" for k, v in meta["policy"].items())
    return f"""# Model card: {meta["annotator"]} {meta["fingerprint"]}

**What**: a linear-chain CRF (python-crfsuite {meta["libraries"]["python-crfsuite"]}) that tags
PER and ORG in Indonesian news text, one line at a time. Its features are the word, its shape,
affixes, capitalisation, gazetteer lists, the words around it and the tags the newsgold rules
({meta["rules_version"]}) gave it; it is used together with the rules (policy: {policy}).
QTY and STANCE stay with the rules.

**Trained on** ({meta["training_sequences"]} sequences, seed {meta["seed"]}, c1
{meta["hyperparameters"]["c1"]}, c2 {meta["hyperparameters"]["c2"]}; CoNLL spans
{meta["conll_spans"]}):

{data}

**Scores**: {scores}

**Limits**: trained on what is listed above only, so names and organisations of other kinds of
text are found mostly through the rules' tags and word shape; a span's confidence is the smallest
marginal of its tokens, which is a ranking signal, not a calibrated probability. It learns the
annotation guidelines of its training data: on text annotated to other guidelines the policy
chosen on an in-domain dev split can score below the rules alone (measured in docs/model.md);
choose the policy on our own gold (`--dev data/gold`) or use `--policy rules-first` there. The
rules' fingerprint is part of its input: after a rule edit, train again. See docs/model.md.
"""
