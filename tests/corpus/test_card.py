"""The dataset card: its YAML header is what `header()` says, the citation names the version,
and the provenance says what people changed of the pre-annotation."""

from __future__ import annotations

from dataclasses import replace

import yaml

from corpus.build import figures_of
from corpus.card import CardData, header, render_card
from corpus.features import CONFIGS
from corpus.provenance import Review, review_of
from corpus.split import SPLITS
from tests.corpus.gold_fixtures import document, gold_documents


def card_data() -> CardData:
    figures = figures_of(gold_documents())
    splits = figures.non_empty()
    return CardData(
        version="1.0.0",
        released="2025-01-15",
        guidelines_version="0.1",
        figures=figures,
        data_files={c: {s: f"data/{c}/{s}.parquet" for s in splits} for c in CONFIGS},
        num_bytes={c: dict.fromkeys(splits, 1234) for c in CONFIGS},
        annotators=1,
        multi_annotated=0,
        agreement=None,
        previous=None,
        changelog=None,
    )


def test_card_yaml_header_parses_back_to_the_header() -> None:
    data = card_data()
    card = render_card(data)
    assert card.startswith("---\n")
    front = card.split("---\n")[1]
    assert yaml.safe_load(front) == header(data)


def test_card_declares_only_splits_with_documents() -> None:
    data = card_data()
    configs = header(data)["configs"]
    declared = [[f["split"] for f in c["data_files"]] for c in configs]
    assert declared == [["train", "test"]] * len(CONFIGS)
    assert set(SPLITS) - {"train", "test"} == {"validation"}
    assert "Empty in this version" in render_card(data)


def test_card_counts_sentence_rows_for_the_sentences_config() -> None:
    data = card_data()
    examples = {
        info["config_name"]: {s["name"]: s["num_examples"] for s in info["splits"]}
        for info in header(data)["dataset_info"]
    }
    for split in ("train", "test"):
        figures = data.figures.splits[split]
        assert examples["spans"][split] == examples["tokens"][split] == figures.documents
        assert examples["sentences"][split] == figures.sentences > figures.documents


def _section(card: str, title: str) -> str:
    return card.split(f"## {title}\n")[1].split("\n## ")[0]


def test_citation_names_version_year_and_hub_url() -> None:
    data = replace(card_data(), hub_repo="newsgold/newsgold", gold_commit="abc1234")
    citation = _section(render_card(data), "Citation")
    assert "@misc{newsgold_1_0_0," in citation
    for field in (
        "year      = {2025}",
        "version   = {1.0.0}",
        "url       = {https://huggingface.co/datasets/newsgold/newsgold}",
        "howpublished = {\\url{https://huggingface.co/datasets/newsgold/newsgold/tree/v1.0.0}}",
        "at commit abc1234",
    ):
        assert field.split("=")[-1].strip() in citation, field
    assert citation.count("{") == citation.count("}")


def test_citation_without_a_hub_repo_has_no_url() -> None:
    citation = _section(render_card(card_data()), "Citation")
    assert "url" not in citation and "publisher" not in citation
    assert "version = {1.0.0}" in citation and "year    = {2025}" in citation


def test_provenance_not_measured_without_a_pre_annotation() -> None:
    annotation = _section(render_card(card_data()), "Annotation")
    assert "was not measured for this release" in annotation
    assert "by hand" not in render_card(card_data())


def test_predictions_submitted_unchanged_are_not_reviewed_by_a_person() -> None:
    doc = document("sample-kazakhstan.txt").to_dict()
    data = replace(card_data(), review=review_of([doc], [doc]))
    annotation = _section(render_card(data), "Annotation")
    assert "**Not reviewed by a person.** In all 1 document(s) compared" in annotation


def test_provenance_counts_what_people_changed() -> None:
    review = Review(documents=3, edited=2, unmatched=1)
    review.spans["PER"].update(changed=0, added=2, deleted=1)
    review.spans["STANCE"]["changed"] = 4
    annotation = _section(render_card(replace(card_data(), review=review)), "Annotation")
    assert "in 2 of the 3 document(s) compared, annotators changed 4, added 2 and " in annotation
    assert "deleted 1 span(s)" in annotation and "1 document(s) had no pre-annotation" in annotation
    assert "| PER | 0 | 2 | 1 |" in annotation and "| STANCE | 4 | 0 | 0 |" in annotation
