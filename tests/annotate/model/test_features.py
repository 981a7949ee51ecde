"""Token features and BIO projection (annotate/model/features.py)."""

from __future__ import annotations

from annotate.model.features import project_tags, sentence_features, shape, spans_from_tags
from corpus.tokens import tokenize


def test_shape_collapses_repeated_character_classes() -> None:
    assert shape("Jakarta") == "Xx"
    assert shape("KPK") == "X"
    assert shape("Covid-19") == "Xx-d"
    assert shape("2,5") == "d,d"


def test_project_tags_marks_tokens_inside_each_span() -> None:
    text = "Kata Ketua KPU Hendra Gunawan kemarin"
    tokens = tokenize(text)
    tags = project_tags(tokens, [(11, 14, "ORG"), (15, 29, "PER")])
    assert tags == ["O", "O", "B-ORG", "B-PER", "I-PER", "O"]


def test_spans_from_tags_reads_b_and_i_and_a_stray_i() -> None:
    assert spans_from_tags(["B-PER", "I-PER", "O", "I-ORG", "B-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "ORG"),
        (4, 5, "ORG"),
    ]


def test_sentence_features_hold_the_word_its_neighbours_and_the_rules_tag() -> None:
    words = ["Menurut", "Agus", "Salim", "."]
    features = sentence_features(words, ["O", "B-PER", "I-PER", "O"])
    agus = set(features[1])
    assert {"w=agus", "sh=Xx", "init", "r=B-PER", "-1:w=menurut", "+1:w=salim"} <= agus
    assert "+1:r=I-PER" in agus and "-1:r=O" in agus
    assert "-2:edge" in agus
    assert "-1:r=edge" in features[0]
