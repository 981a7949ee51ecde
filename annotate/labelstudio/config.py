"""The Label Studio labelling config and project instructions, generated from `schema/`. Pure.

Nothing here is hand-copied: labels, titles, colours (`x-color`), hotkeys (`x-hotkey`),
polarities and bounds come from `corpus.schemas.label_set()`, the instructions from
`schema/guidelines.md`. The generated interface:

    <Labels name="label">      PER / ORG / QTY / STANCE on the article <Text name="text">
    <Relations>                one relation, "holder", from a STANCE region to a PER/ORG one
    STANCE region selected:    <Choices name="polarity" perRegion>,
                               <TextArea name="target" perRegion>
    QTY region selected:       <TextArea name="value" perRegion> ("1300" or "low-high"),
                               <TextArea name="unit" perRegion>, <Choices name="approximate"
                               perRegion> (one checkbox), <Choices name="bound" perRegion>

`convert.py` reads and writes results with exactly these names (the constants below).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from corpus.schemas import Choice, guidelines, label_set

# Control and object tag names: the `from_name` / `to_name` of every result item.
TEXT = "text"
LABELS = "label"
POLARITY = "polarity"
TARGET = "target"
QTY_VALUE = "value"
QTY_UNIT = "unit"
QTY_APPROXIMATE = "approximate"
QTY_BOUND = "bound"
HOLDER = "holder"  # the one relation label
APPROXIMATE_CHOICE = "approximate"  # the value of the single "approximate" checkbox

VALUE_HINT = "value (1300, 2.5, 1500000000000) or range low-high (2000000000-3000000000)"
UNIT_HINT = "unit code: IDR, USD, %, pp, tahun, km, ton, ... (empty for a bare count)"
TARGET_HINT = "target: what the position is about, 2-8 words from the article"


def _el(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, /, **more: str
) -> ET.Element:
    return ET.SubElement(parent, tag, {**(attrs or {}), **more})


def _hint(choice: Choice) -> str:
    if choice.description and choice.title != choice.value:
        return f"{choice.title}: {choice.description}"
    return choice.description or choice.title


def _region_fields(parent: ET.Element, label: str, title: str) -> ET.Element:
    """A block shown only while a region with `label` is selected."""
    view = _el(
        parent,
        "View",
        visibleWhen="region-selected",
        whenTagName=LABELS,
        whenLabelValue=label,
    )
    _el(view, "Header", value=title, size="6")
    return view


def _per_region(label: str) -> dict[str, str]:
    # perRegion + whenLabelValue: the value belongs to the selected region, and only to
    # regions carrying `label` (Label Studio's PerRegion mixin checks region.hasLabel).
    return {"toName": TEXT, "perRegion": "true", "whenLabelValue": label}


def label_config() -> str:
    """The labelling config XML for newsgold projects (stable: snapshot-tested)."""
    root = ET.Element("View")
    _label_tags(root)
    _el(root, "Text", name=TEXT, value=f"${TEXT}")
    relations = _el(root, "Relations", choice="single")
    _el(relations, "Relation", value=HOLDER)
    _stance_fields(root)
    _quantity_fields(root)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def _label_tags(root: ET.Element) -> None:
    """One <Label> per schema label, with its hint, colour and hotkey."""
    tags = _el(root, "Labels", name=LABELS, toName=TEXT, showInline="true")
    for choice in label_set().labels:
        attrs = {"value": choice.value, "hint": _hint(choice)}
        if choice.color:
            attrs["background"] = choice.color
        if choice.hotkey:
            attrs["hotkey"] = choice.hotkey
        _el(tags, "Label", attrs)


def _stance_fields(root: ET.Element) -> None:
    """Polarity and target of the selected STANCE region."""
    labels = label_set()
    stance = labels.stance_label
    block = _region_fields(root, stance, f"{stance}: polarity, target, holder relation")
    polarity = _el(
        block,
        "Choices",
        name=POLARITY,
        choice="single-radio",
        layout="inline",
        **_per_region(stance),
    )
    for choice in labels.polarities:
        _el(polarity, "Choice", value=choice.value, hint=_hint(choice))
    _el(
        block,
        "TextArea",
        name=TARGET,
        rows="1",
        maxSubmissions="1",
        editable="true",
        placeholder=TARGET_HINT,
        **_per_region(stance),
    )


def _quantity_fields(root: ET.Element) -> None:
    """Value, unit, approximate and bound of the selected QTY region."""
    labels = label_set()
    qty = labels.quantity_label
    block = _region_fields(root, qty, f"{qty}: value (empty = read from the text), unit, flags")
    for name, hint in ((QTY_VALUE, VALUE_HINT), (QTY_UNIT, UNIT_HINT)):
        _el(
            block,
            "TextArea",
            name=name,
            rows="1",
            maxSubmissions="1",
            editable="true",
            placeholder=hint,
            **_per_region(qty),
        )
    approximate = _el(
        block,
        "Choices",
        name=QTY_APPROXIMATE,
        choice="multiple",
        layout="inline",
        **_per_region(qty),
    )
    _el(
        approximate,
        "Choice",
        value=APPROXIMATE_CHOICE,
        hint="a qualifier outside the span (sekitar, hampir, kurang lebih) or a vague amount",
    )
    bound = _el(
        block, "Choices", name=QTY_BOUND, choice="single", layout="inline", **_per_region(qty)
    )
    for choice in labels.bounds:
        _el(bound, "Choice", value=choice.value, hint=_hint(choice))


def canonical(xml: str) -> str:
    """`xml` without formatting whitespace, for comparing a project's config with ours."""
    return ET.canonicalize(xml, strip_text=True)


@dataclass(frozen=True, slots=True)
class Instructions:
    """Project instructions: the guidelines as HTML (Label Studio's `expert_instruction`)."""

    version: str
    html: str


def instructions() -> Instructions:
    """The annotation guidelines rendered to HTML, headed by their version."""
    from markdown_it import MarkdownIt  # rich's Markdown renderer; lazy to keep imports light

    g = guidelines()
    # html=False: the guidelines are Markdown only, never raw HTML passed through.
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(g.markdown)
    header = f"<p><strong>newsgold annotation guidelines, version {g.version}</strong></p>\n"
    return Instructions(version=g.version, html=header + body)
