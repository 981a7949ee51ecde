"""The trained model at work and inside `preannotate` (annotate/model/ner.py, preannotate.py).

The model is trained once on tests/annotate/model/train.conll (sentences written for these
tests); the texts below are new sentences in the same patterns.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotate.model.examples import rule_spans
from annotate.model.ner import CrfModel, by_our_guidelines
from annotate.model.spans import ScoredSpan
from annotate.model.train import TrainData, train_model
from annotate.preannotate import load_model, preannotate
from annotate.rules import rules_version
from corpus.errors import InputError

HERE = Path(__file__).resolve().parent
TEXT = "Menteri Keuangan Sri Wahyuni mengatakan Bank Indonesia akan menahan suku bunga ."


@pytest.fixture(scope="module")
def model(folder: Path) -> CrfModel:
    return CrfModel.load(folder)


def test_scored_span_checks_its_fields() -> None:
    assert ScoredSpan(0, 3, "PER", 0.5).confidence == 0.5
    with pytest.raises(ValueError, match="outside"):
        ScoredSpan(0, 3, "PER", 1.5)
    with pytest.raises(ValueError, match="empty"):
        ScoredSpan(3, 3, "PER", 0.5)


def test_scored_spans_find_a_training_sentence_with_confidences(model: CrfModel) -> None:
    spans = model.scored_spans(TEXT, rule_spans(TEXT))
    found = {(TEXT[s.start : s.end], s.label) for s in spans}
    assert found == {("Sri Wahyuni", "PER"), ("Bank Indonesia", "ORG")}
    assert all(0.0 < s.confidence <= 1.0 for s in spans)


def test_span_confidence_trusts_the_models_own_spans_and_doubts_others(model: CrfModel) -> None:
    rules = rule_spans(TEXT)
    own = model.scored_spans(TEXT, rules)
    person = TEXT.index("Sri Wahyuni")
    others = [
        (person, person + len("Sri Wahyuni"), "ORG"),  # the right words, the wrong label
        (person, person + len("Sri"), "PER"),  # a piece of the name
        (0, len("Menteri"), "PER"),  # a word that is no name
    ]
    sure = model.span_confidence(TEXT, rules, [(s.start, s.end, s.label) for s in own] + others)
    # Its own spans: at most their tokens' confidence (the next token also counts), still sure.
    assert all(0.5 < c <= s.confidence + 1e-9 for c, s in zip(sure, own, strict=False))
    assert all(c < 0.5 for c in sure[len(own) :])
    assert all(0.0 <= c <= 1.0 for c in sure)


def test_span_confidence_is_zero_where_no_line_holds_the_span(model: CrfModel) -> None:
    text = "Sri Wahyuni datang .\nBank Indonesia diam ."
    crossing = (0, len(text), "PER")  # over the line break
    inside_a_token = (1, 2, "PER")  # starts no token
    assert model.span_confidence(text, [], [crossing, inside_a_token]) == [0.0, 0.0]
    assert model.span_confidence(text, [], []) == []


def test_span_confidence_of_a_label_the_model_never_learned_is_zero(tmp_path: Path) -> None:
    lines = (HERE / "train.conll").read_text(encoding="utf-8").splitlines()
    persons_only = [line.replace("B-ORG", "O").replace("I-ORG", "O") for line in lines]
    (tmp_path / "per.conll").write_text("\n".join(persons_only) + "\n", encoding="utf-8")
    train_model(tmp_path / "m", TrainData(conll=(tmp_path / "per.conll",)), seed=0)
    model = CrfModel.load(tmp_path / "m")
    bank = TEXT.index("Bank Indonesia")
    person = TEXT.index("Sri Wahyuni")
    spans = [(bank, bank + len("Bank Indonesia"), "ORG"), (person, person + 11, "PER")]
    sure = model.span_confidence(TEXT, rule_spans(TEXT), spans)
    assert sure[0] == 0.0 < sure[1]  # no error for the unknown label, a score for the other


def test_token_uncertainty_covers_every_token(model: CrfModel) -> None:
    rows = model.token_uncertainty(TEXT, rule_spans(TEXT))
    assert [TEXT[s:e] for s, e, _ in rows] == TEXT.split(" ")
    assert all(0.0 <= u < 1.0 for _, _, u in rows)


def test_preannotate_with_the_model_names_both_fingerprints(folder: Path) -> None:
    model = load_model(folder)
    doc = preannotate(TEXT, model=model)
    assert doc.meta.source == f"rules@{rules_version()}+ner.crf.v1@{model.version}"
    assert {(e.text, e.label) for e in doc.entities} >= {("Sri Wahyuni", "PER")}
    assert preannotate(TEXT).meta.source == f"rules@{rules_version()}"


def test_the_policy_decides_between_rules_and_model(model: CrfModel) -> None:
    text = "Pelatih Indra Sjafri memanggil dua puluh pemain ke Jakarta ."
    rules_only = preannotate(text)
    with_rules = preannotate(
        text, model=dataclasses.replace(model, policy={"PER": "rules", "ORG": "rules"})
    )
    assert with_rules.entities == rules_only.entities
    by_model = preannotate(
        text, model=dataclasses.replace(model, policy={"PER": "model", "ORG": "model"})
    )
    expected = {(s.start, s.end, s.label) for s in model.scored_spans(text, rule_spans(text))}
    assert {(e.start, e.end, e.label) for e in by_model.entities} == expected
    assert ("Indra Sjafri", "PER") in {(e.text, e.label) for e in by_model.entities}


def test_load_model_refuses_a_folder_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a model folder"):
        load_model(tmp_path)


def test_model_spans_our_guidelines_rule_out_are_dropped() -> None:
    text = (
        "Gempa Kuat Guncang Tanjung Sari, Sari Mulia Ikut Mengungsi\n"
        "Sari Mulia, warga Desa Tuamaju, mengungsi ke Jalan MT Suryadi bersama "
        "Budi Santoso. Indeks Nusa Tiga Puluh turun."
    )

    def at(name: str, label: str, nth: int = 0) -> tuple[int, int, str, float]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return (start, start + len(name), label, 0.9)

    kept = [at("Sari Mulia", "PER", 0), at("Sari Mulia", "PER", 1), at("Budi Santoso", "PER")]
    dropped = [
        at("Guncang Tanjung Sari", "PER"),  # a headline's capitals the body never writes
        at("Desa Tuamaju", "ORG"),  # an administrative place
        at("MT Suryadi", "PER"),  # a street
        at("Nusa Tiga Puluh", "ORG"),  # an index
    ]
    assert by_our_guidelines(text, sorted(kept + dropped)) == sorted(kept)
