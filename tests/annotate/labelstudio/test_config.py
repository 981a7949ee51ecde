"""The labelling config is generated from schema/ and only from it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pytest_regressions.file_regression import FileRegressionFixture

from annotate.labelstudio import config
from corpus.schemas import guidelines, label_set


def _parse() -> ET.Element:
    return ET.fromstring(config.label_config())


def test_label_config_snapshot(file_regression: FileRegressionFixture) -> None:
    file_regression.check(config.label_config(), extension=".xml")


def test_label_config_labels_and_choices_are_exactly_the_schema_ones() -> None:
    root = _parse()
    labels = label_set()
    assert [e.get("value") for e in root.iter("Label")] == list(labels.names)
    choices = {
        ch.get("name"): [e.get("value") for e in ch.iter("Choice")] for ch in root.iter("Choices")
    }
    assert choices == {
        config.POLARITY: list(labels.polarity_names),
        config.QTY_APPROXIMATE: [config.APPROXIMATE_CHOICE],
        config.QTY_BOUND: list(labels.bound_names),
    }
    assert [e.get("value") for e in root.iter("Relation")] == [config.HOLDER]


def test_label_config_labels_carry_schema_colours_hotkeys_and_titles() -> None:
    by_value = {e.get("value"): e for e in _parse().iter("Label")}
    for choice in label_set().labels:
        label = by_value[choice.value]
        assert label.get("background") == choice.color
        assert label.get("hotkey") == choice.hotkey
        assert (label.get("hint") or "").startswith(choice.title)


def test_label_config_per_region_fields_show_only_for_their_label() -> None:
    root = _parse()
    labels = label_set()
    shown_for = {
        e.get("name"): e.get("whenLabelValue") for e in root.iter() if e.get("perRegion") == "true"
    }
    stance, qty = labels.stance_label, labels.quantity_label
    assert shown_for == {
        config.POLARITY: stance,
        config.TARGET: stance,
        config.QTY_VALUE: qty,
        config.QTY_UNIT: qty,
        config.QTY_APPROXIMATE: qty,
        config.QTY_BOUND: qty,
    }
    blocks = [v for v in root.iter("View") if v.get("visibleWhen") == "region-selected"]
    assert {b.get("whenLabelValue") for b in blocks} == {stance, qty}
    assert all(b.get("whenTagName") == config.LABELS for b in blocks)


def test_label_config_every_control_points_at_the_text() -> None:
    root = _parse()
    (text,) = root.iter("Text")
    assert (text.get("name"), text.get("value")) == (config.TEXT, "$text")
    controls = [e for e in root.iter() if e.tag in ("Labels", "Choices", "TextArea")]
    assert controls and all(e.get("toName") == config.TEXT for e in controls)


def test_canonical_ignores_formatting_whitespace() -> None:
    xml = config.label_config()
    squeezed = "".join(line.strip() for line in xml.splitlines())
    assert config.canonical(squeezed) == config.canonical(xml)
    assert config.canonical(xml.replace('"PER"', '"PERSON"')) != config.canonical(xml)


def test_instructions_are_the_guidelines_as_html() -> None:
    got = config.instructions()
    assert got.version == guidelines().version
    assert f"version {got.version}" in got.html
    assert "<h1>newsgold annotation guidelines</h1>" in got.html
    assert "<table>" in got.html
    assert "---" not in got.html.split("\n", 2)[1]  # front matter is not shown
