"""Training, the model folder and its meta.json (annotate/model/train.py, folder.py).

Trained on tests/annotate/model/train.conll: sixteen sentences written for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from annotate.model.examples import line_examples
from annotate.model.folder import CARD, META, WEIGHTS, read_meta, sha256_file
from annotate.model.train import TrainData, _by_our_guidelines, parse_policy, train_model
from corpus.errors import InputError
from corpus.schemas import label_set

HERE = Path(__file__).resolve().parent
TRAIN = HERE / "train.conll"
DEV = HERE / "dev.conll"


def test_same_data_and_seed_give_a_byte_identical_model(tmp_path: Path) -> None:
    data = TrainData(conll=(TRAIN,))
    train_model(tmp_path / "a", data, seed=7)
    train_model(tmp_path / "b", data, seed=7)
    for name in (WEIGHTS, META, CARD):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_seed_is_recorded_and_orders_the_training(tmp_path: Path) -> None:
    data = TrainData(conll=(TRAIN,))
    a = train_model(tmp_path / "a", data, seed=1).meta
    b = train_model(tmp_path / "b", data, seed=2).meta
    assert (a["seed"], b["seed"]) == (1, 2)
    assert a["training_data"] == b["training_data"]


def test_meta_names_data_labels_scores_and_versions(tmp_path: Path) -> None:
    report = train_model(tmp_path / "m", TrainData(conll=(TRAIN,), dev=DEV), seed=0)
    meta = json.loads((tmp_path / "m" / META).read_text())
    assert meta == report.meta
    assert meta["annotator"] == "ner.crf.v1"
    assert meta["fingerprint"] == sha256_file(tmp_path / "m" / WEIGHTS)[:12]
    assert meta["training_data"] == [
        {"kind": "conll", "path": str(TRAIN), "sha256": sha256_file(TRAIN)}
    ]
    labels = label_set()
    assert meta["labels"] == [labels.person_label, labels.org_label]
    assert set(meta["policy"]) == set(meta["labels"])
    assert meta["dev"]["sha256"] == sha256_file(DEV)
    assert 0.0 <= meta["dev"]["scores"]["chosen"]["micro"]["f1"] <= 1.0
    assert len(meta["dev"]["sweep"]) >= 2
    assert meta["libraries"]["python-crfsuite"]
    assert meta["rules_version"].startswith("0.")
    card = (tmp_path / "m" / CARD).read_text()
    assert meta["fingerprint"] in card and "train.conll" in card


def test_training_replaces_an_old_model_but_not_another_folder(tmp_path: Path) -> None:
    out = tmp_path / "m"
    train_model(out, TrainData(conll=(TRAIN,)), seed=0)
    train_model(out, TrainData(conll=(TRAIN,)), seed=3)
    assert read_meta(out)["seed"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # no temporary folder left
    other = tmp_path / "notes"
    other.mkdir()
    (other / "todo.txt").write_text("x")
    with pytest.raises(InputError, match="exists and is not a model folder"):
        train_model(other, TrainData(conll=(TRAIN,)))


def test_nothing_to_learn_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing to train on"):
        train_model(tmp_path / "m", TrainData())
    empty = tmp_path / "o.conll"
    empty.write_text("Harga O\nnaik O\n")
    with pytest.raises(InputError, match="no PER or ORG span"):
        train_model(tmp_path / "m", TrainData(conll=(empty,)))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: None, "no such model folder"),
        (lambda d: d.mkdir(), r"not a model folder \(no meta.json\)"),
        (lambda d: (d.mkdir(), (d / META).write_text("{")), "meta.json is unreadable"),
    ],
)
def test_a_bad_model_folder_gets_a_one_line_error(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    folder = tmp_path / "m"
    make(folder)
    with pytest.raises(InputError, match=message) as raised:
        read_meta(folder)
    assert "\n" not in str(raised.value)


def test_changed_weights_are_detected(tmp_path: Path) -> None:
    out = tmp_path / "m"
    train_model(out, TrainData(conll=(TRAIN,)), seed=0)
    (out / WEIGHTS).write_bytes((out / WEIGHTS).read_bytes() + b"\0")
    with pytest.raises(InputError, match=r"do not match meta\.json's fingerprint"):
        read_meta(out)


def test_gold_documents_train_a_model_too(tmp_path: Path) -> None:
    from tests.conftest import GOLD

    meta = train_model(tmp_path / "m", TrainData(gold=(GOLD,)), seed=0).meta
    assert [d["kind"] for d in meta["training_data"]] == ["gold"]
    assert meta["training_sequences"] > 20


def test_a_given_policy_overrides_the_one_dev_would_choose(tmp_path: Path) -> None:
    policy = parse_policy("PER=rules-first")
    assert policy == {"PER": "rules-first", "ORG": "rules"}
    meta = train_model(tmp_path / "m", TrainData(conll=(TRAIN,), dev=DEV), policy=policy).meta
    assert meta["policy"] == policy and meta["policy_from"] == "given"
    assert "given" in meta["dev"]["scores"]


@pytest.mark.parametrize(
    ("spec", "message"), [("both", "'both' is not one of"), ("LOC=model", "not a model label")]
)
def test_a_bad_policy_is_refused_by_name(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_policy(spec)


def test_gold_documents_can_be_the_dev_split(tmp_path: Path) -> None:
    from tests.conftest import GOLD

    meta = train_model(tmp_path / "m", TrainData(conll=(TRAIN,), dev=GOLD), seed=0).meta
    assert meta["dev"]["path"] == str(GOLD)
    assert meta["dev"]["scores"]["rules"]["micro"]["f1"] > 0.5  # the rules' own gold set


def test_meta_says_whether_conll_spans_were_redrawn(tmp_path: Path) -> None:
    redrawn = train_model(tmp_path / "a", TrainData(conll=(TRAIN,)), seed=0).meta
    published = TrainData(conll=(TRAIN,), as_published=True)
    kept = train_model(tmp_path / "b", published, seed=0).meta
    assert redrawn["conll_spans"] == "redrawn by our guidelines"
    assert kept["conll_spans"] == "as published"


def test_dev_scores_the_model_as_our_guidelines_let_it_stand() -> None:
    text = "Budi Santoso tinggal di Jalan MT Suryadi ."
    (example,) = line_examples(text, (), ())
    words = example.words
    person, street = (0, 2, "PER"), (words.index("MT"), words.index("Suryadi") + 1, "PER")
    assert _by_our_guidelines(example, {person, street}) == {person}
