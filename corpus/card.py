"""The dataset card (README.md) of a release. Pure.

The YAML header declares both configs with their data files, features and split sizes,
which is all `datasets.load_dataset` needs to load a release folder or Hub repo without a
loading script. The body gives what a researcher needs to use and cite one version:
how to load it, the fields and labels (from schema/), split sizes and label counts,
annotators, what they changed of the pre-annotation (corpus.provenance) and their agreement,
the guidelines version, the changes since the previous version, the files, and a BibTeX
citation. The header is written by PyYAML. Everything comes from `CardData`; the card holds
no clock and no machine-specific path, so the same release gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from corpus.agreement import Agreement
from corpus.build import Figures
from corpus.diff import Diff
from corpus.features import CONFIGS, features
from corpus.provenance import Review
from corpus.schemas import LabelSet, label_set
from corpus.silver import CONFIG as SILVER
from corpus.silver import SPLIT as SILVER_SPLIT
from corpus.silver import Silver, silver_features
from corpus.split import SPLITS, ratios
from corpus.tokens import bio_names

NAME = "newsgold"
TITLE = (
    f"{NAME}: a gold corpus of Indonesian news with persons, organisations, quantities and stance"
)
# How many ids of added, removed and changed documents the changelog lists.
CHANGELOG_LIMIT = 20


@dataclass(frozen=True, slots=True)
class CardData:
    version: str
    released: str  # ISO date
    guidelines_version: str
    figures: Figures
    data_files: dict[str, dict[str, str]]  # config → split → path inside the release
    num_bytes: dict[str, dict[str, int]]  # config → split → Arrow bytes
    annotators: int  # distinct annotator ids in the gold set
    multi_annotated: int  # documents with two annotators or more
    agreement: Agreement | None
    previous: str | None  # the version the changelog compares with
    changelog: Diff | None
    hub_repo: str | None = None
    gold_commit: str | None = None
    review: Review | None = None  # the gold set against its pre-annotation
    silver: Silver | None = None  # the machine-annotated crawl beside the gold, if any


def header(data: CardData) -> dict[str, Any]:
    """The YAML metadata: configs with data files, and per config its features and splits."""
    configs = [
        {
            "config_name": config,
            "data_files": [
                {"split": split, "path": path} for split, path in data.data_files[config].items()
            ],
            **({"default": True} if config == "spans" else {}),
        }
        for config in CONFIGS
    ]
    infos = [
        {
            "config_name": config,
            "features": features(config)._to_yaml_list(),
            "splits": [
                {
                    "name": split,
                    "num_bytes": data.num_bytes[config][split],
                    "num_examples": data.figures.splits[split].documents,
                }
                for split in data.data_files[config]
            ],
        }
        for config in CONFIGS
    ]
    if data.silver is not None:
        configs.append(
            {
                "config_name": SILVER,
                "data_files": [{"split": SILVER_SPLIT, "path": data.silver.path}],
            }
        )
        infos.append(
            {
                "config_name": SILVER,
                "features": silver_features()._to_yaml_list(),
                "splits": [
                    {
                        "name": SILVER_SPLIT,
                        "num_bytes": data.silver.num_bytes,
                        "num_examples": data.silver.figures.documents,
                    }
                ],
            }
        )
    return {
        "pretty_name": NAME,
        "language": ["id"],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition"],
        "tags": ["indonesian", "news", "ner", "stance", "quantities", "gold-standard"],
        "size_categories": [_size_category(data.figures.total.documents)],
        "configs": configs,
        "dataset_info": infos,
    }


def _size_category(documents: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if documents < limit:
            return name
    return "100K<n<1M"


# --- the body ---------------------------------------------------------------------------------


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _load_section(data: CardData) -> list[str]:
    if data.hub_repo:
        where, revision = f'"{data.hub_repo}"', f', revision="v{data.version}"'
    else:
        where, revision = f'"path/to/{NAME}/{data.version}"', ""
    lines = [
        "## Load it",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        f'spans = load_dataset({where}, "spans"{revision})',
        f'tokens = load_dataset({where}, "tokens"{revision})',
        "```",
        "",
    ]
    if data.hub_repo:
        lines += [
            f'`revision="v{data.version}"` pins this version: the tag `v{data.version}` always '
            "points at exactly these files. A local copy of the release folder loads the same "
            f'way: `load_dataset("path/to/{NAME}/{data.version}", "spans")`.',
            "",
        ]
    else:
        lines += [
            "The folder loads as it is: the configs and data files are declared in this "
            "card's YAML header, no loading script is needed.",
            "",
        ]
    return lines


def _spans_fields(labels: LabelSet) -> list[str]:
    """The `spans` config: one row per article, its fields."""
    lines = [
        "### `spans` (default)",
        "",
        "One row per article.",
        "",
    ]
    return lines + _table(
        ["field", "content"],
        [
            ["`id`", "stable article id (slug of the title and a hash of the source)"],
            ["`title`, `outlet`, `published`", "headline, outlet name, ISO date (or null)"],
            ["`text`", "canonical text: title, blank line, paragraphs separated by blank lines"],
            [
                "`entities`",
                "`id`, `start`, `end`, `text`, `label` "
                f"(ClassLabel: {', '.join(labels.entity_labels)})",
            ],
            [
                "`quantities`",
                "`id`, `start`, `end`, `text`, `value` or `low`/`high` (normalised number), "
                "`unit` (normalised: IDR, USD, %, tahun, km, ...; null for a bare count), "
                f"`approximate`, `bound` (ClassLabel: {', '.join(labels.bound_names)}; or null)",
            ],
            [
                "`stances`",
                "`id`, `start`, `end`, `text`, `polarity` (ClassLabel: "
                + ", ".join(labels.polarity_names)
                + "), `holder` (id of the holder in `entities`, or null), `target` (short phrase)",
            ],
        ],
    )


def _tokens_fields(labels: LabelSet) -> list[str]:
    """The `tokens` config and how the text is tokenized."""
    return [
        "### `tokens`",
        "",
        "One row per article: `tokens`, their `starts` and `ends` offsets in the `spans` text, "
        f"and `ner_tags`, BIO tags (ClassLabel: {', '.join(bio_names())}) over "
        f"{', '.join(labels.token_labels)}. Stances are not tagged here.",
        "",
        "The tokenizer (`corpus/tokens.py` in the newsgold repository) is written for "
        "Indonesian news: hyphenated names and numbers stay whole (`Kassym-Jomart`, `1.300`, "
        "`2,5`), the clitic *-nya* is split off (`setengahnya` → `setengah` `nya`; the "
        "guidelines keep it outside every span), rupiah glued to an amount is split "
        "(`Rp1.205` → `Rp` `1.205`), punctuation stands alone, and an emoji sequence is one "
        "token. Every gold span starts and ends on token boundaries: a release is refused "
        "otherwise, spans are never shifted to fit.",
    ]


def _fields_section() -> list[str]:
    labels = label_set()
    lines = [
        "## Configs and fields",
        "",
        "Offsets are half-open Python code-point offsets into `text`: "
        "`text[start:end] == span text`.",
        "",
        *_spans_fields(labels),
        "",
        *_tokens_fields(labels),
        "",
        "### Labels",
        "",
    ]
    lines += _table(
        ["label", "name", "what"],
        [[f"`{c.value}`", c.title, c.description] for c in labels.labels],
    )
    return [*lines, ""]


def _splits_section(data: CardData) -> list[str]:
    labels = label_set()
    ratio = ", ".join(f"{split} {round(r * 100)}%" for split, r in ratios().items())
    empty = [split for split in SPLITS if not data.figures.splits[split].documents]
    lines = [
        "## Splits and label counts",
        "",
        f"Each article's split comes from a hash of its id ({ratio}), so an article keeps its "
        "split in every version and adding articles never moves one.",
        "",
    ]
    if empty:
        lines += [
            "Empty in this version, and so left out of the data files (`load_dataset` returns "
            "only the splits that have documents): " + ", ".join(f"`{s}`" for s in empty) + ".",
            "",
        ]
    head = ["split", "documents", "tokens", *labels.names, *labels.polarity_names]
    rows = []
    for name, split in [*data.figures.splits.items(), ("total", data.figures.total)]:
        rows.append(
            [
                name,
                split.documents,
                split.tokens,
                *(split.labels[n] for n in labels.names),
                *(split.polarities[p] for p in labels.polarity_names),
            ]
        )
    lines += _table(head, rows)
    lines += [
        "",
        "Label columns count spans; " + ", ".join(labels.polarity_names) + " break down "
        f"the {labels.stance_label} spans by polarity.",
        "",
    ]
    return lines


def _silver_section(data: CardData) -> list[str]:
    """The machine-annotated config, said to be such, with the pre-annotators that made it."""
    silver = data.silver
    if silver is None:
        return []
    labels = label_set()
    figures = silver.figures
    lines = [
        "## Silver config: machine-annotated, not gold",
        "",
        f"**Machine-annotated: no person reviewed these annotations.** The `{SILVER}` config "
        f"holds {figures.documents} crawled articles (one per cluster of syndicated or "
        "re-published copies) annotated by the pre-annotators only, for pre-training or "
        "weak supervision. It is a config of its own, never part of the gold splits; "
        f"{silver.left_out} crawled article(s) that are in the gold set were left out of it. "
        "Its rows have the fields of `spans` and `source`, the pre-annotators that made them.",
        "",
        "```python",
        f'silver = load_dataset("path/to/{NAME}/{data.version}", "{SILVER}")',
        "```",
        "",
        "Pre-annotators (`source`: versions with the fingerprint of the exact rules and, "
        "where one was used, model):",
        "",
        *_table(
            ["source", "documents"], [[f"`{s}`", n] for s, n in sorted(silver.sources.items())]
        ),
        "",
    ]
    head = ["documents", "tokens", *labels.names, *labels.polarity_names]
    row = [
        figures.documents,
        figures.tokens,
        *(figures.labels[n] for n in labels.names),
        *(figures.polarities[p] for p in labels.polarity_names),
    ]
    return [*lines, *_table(head, [row]), ""]


def _review_lines(review: Review | None) -> list[str]:
    """What people changed against the pre-annotation, or that nobody changed anything."""
    if review is None:
        return [
            "How much people changed the pre-annotation was not measured for this release "
            "(it was published without the pre-annotated documents to compare with).",
            "",
        ]
    unmatched = (
        f" {review.unmatched} document(s) had no pre-annotation of the same text to compare "
        "with and are not counted."
        if review.unmatched
        else ""
    )
    if not review.reviewed:
        return [
            f"**Not reviewed by a person.** In all {review.documents} document(s) compared, the "
            "annotations are the pre-annotation submitted unchanged: no span was changed, "
            f"added or deleted.{unmatched}",
            "",
        ]
    lines = [
        f"Reviewed by people: in {review.edited} of the {review.documents} document(s) compared, "
        f"annotators changed {review.total('changed')}, added {review.total('added')} and "
        f"deleted {review.total('deleted')} span(s) of the pre-annotation (a span is its label "
        f"and offsets: a moved boundary is one deletion and one addition).{unmatched}",
        "",
    ]
    rows = [[label, c["changed"], c["added"], c["deleted"]] for label, c in review.spans.items()]
    return [*lines, *_table(["spans", "changed", "added", "deleted"], rows), ""]


def _annotation_section(data: CardData) -> list[str]:
    lines = [
        "## Annotation",
        "",
        "The annotations follow the newsgold annotation guidelines, version "
        f"{data.guidelines_version} (the full text is in `schema/guidelines.md`). They start "
        "from a pre-annotation by rules (`annotate preannotate` in the newsgold repository) "
        f"that annotators correct in Label Studio. {data.annotators} pseudonymous "
        f"annotator(s); {data.multi_annotated} document(s) annotated by two annotators or more.",
        "",
        *_review_lines(data.review),
    ]
    return lines + _agreement_lines(data)


def _agreement_lines(data: CardData) -> list[str]:
    lines: list[str] = []
    agreement = data.agreement
    if agreement is None or not agreement.documents:
        why = (
            "every document has one annotator"
            if not data.multi_annotated
            else "no per-annotator annotations were supplied with this release"
        )
        return [*lines, f"Inter-annotator agreement: not measured for this version ({why}).", ""]
    names = [*label_set().names, "all"]
    lines += [
        f"Inter-annotator agreement on the {agreement.documents} document(s) annotated by "
        f"{len(agreement.annotators)} annotators ({agreement.tokens} tokens). Span F1 is exact "
        "label and offset match between two annotators; Krippendorff's alpha (nominal) is over "
        "token labels.",
        "",
    ]
    f1_row = [
        "" if agreement.overall[n].f1 is None else f"{agreement.overall[n].f1:.3f}" for n in names
    ]
    lines += _table(["", *names], [["span F1", *f1_row]])
    alpha = agreement.alpha_per_label
    token_labels = label_set().token_labels
    alpha_cells = ["" if alpha.get(n) is None else f"{alpha[n]:.3f}" for n in token_labels]
    overall_alpha = "" if agreement.alpha is None else f"{agreement.alpha:.3f}"
    lines += [
        "",
        *_table(
            ["", *token_labels, "all token labels"],
            [["Krippendorff's alpha", *alpha_cells, overall_alpha]],
        ),
        "",
        "The figures rest on these documents only; if they were chosen as hard cases, they "
        "understate agreement over the whole corpus.",
        "",
    ]
    return lines


def _changelog_section(data: CardData) -> list[str]:
    if data.previous is None or data.changelog is None:
        return ["## Changes", "", "First release.", ""]
    change = data.changelog
    lines = [
        f"## Changes since {data.previous}",
        "",
        f"Documents: {len(change.added)} added, {len(change.removed)} removed, "
        f"{len(change.changed)} changed, {change.unchanged} unchanged.",
        "",
    ]
    lines += _table(
        ["spans", "added", "removed", "changed"],
        [[label, c["added"], c["removed"], c["changed"]] for label, c in change.labels.items()],
    )
    lines.append("")

    def listed(title: str, ids: list[str]) -> list[str]:
        if not ids:
            return []
        shown = [f"- `{i}`" for i in ids[:CHANGELOG_LIMIT]]
        if len(ids) > CHANGELOG_LIMIT:
            shown.append(f"- ... and {len(ids) - CHANGELOG_LIMIT} more")
        return [f"{title}:", "", *shown, ""]

    lines += listed("Added", change.added)
    lines += listed("Removed", change.removed)
    lines += listed("Changed", [c.id for c in change.changed])
    lines += [
        f"Span by span: `corpus diff <{data.previous} release> <this release>` in the "
        "newsgold repository.",
        "",
    ]
    return lines


def _files_section(data: CardData) -> list[str]:
    lines = ["## Files", ""]
    for config in CONFIGS:
        for split, path in data.data_files[config].items():
            lines.append(f"- `{path}`: `{config}` config, {split} split")
    if data.silver is not None:
        lines.append(f"- `{data.silver.path}`: `{SILVER}` config (machine-annotated, not gold)")
    lines += [
        "- `schema/`: the JSON Schemas of the records and the annotation guidelines "
        f"(version {data.guidelines_version})",
        "- `manifest.json`: the sha256 and size of every other file, to check that a copy is "
        "exactly this release",
        "",
        "This version never changes once published; corrections come as a new version. "
        + (f"Built from the gold set at commit `{data.gold_commit}`." if data.gold_commit else ""),
        "",
    ]
    return [line.rstrip() for line in lines]


def _bibtex(kind: str, key: str, fields: list[tuple[str, str | None]]) -> list[str]:
    """A BibTeX entry; fields whose value is None are left out."""
    given = [(name, value) for name, value in fields if value is not None]
    width = max(len(name) for name, _ in given)
    body = [f"  {name:<{width}} = {{{value}}}" for name, value in given]
    return [f"@{kind}{{{key},", *(f"{line}," for line in body[:-1]), body[-1], "}"]


def _citation_section(data: CardData) -> list[str]:
    url = f"https://huggingface.co/datasets/{data.hub_repo}" if data.hub_repo else None
    commit = f"; built from the gold set at commit {data.gold_commit}" if data.gold_commit else ""
    entry = _bibtex(
        "misc",
        f"{NAME}_{data.version.replace('.', '_')}",
        [
            ("title", f"{{{TITLE}}}"),  # double braces keep its capitals
            ("author", "{newsgold contributors}"),
            ("year", data.released[:4]),
            ("version", data.version),
            ("publisher", "Hugging Face" if url else None),
            ("url", url),
            ("howpublished", f"\\url{{{url}/tree/v{data.version}}}" if url else None),
            (
                "note",
                f"Dataset version {data.version}, released {data.released}; annotation "
                f"guidelines version {data.guidelines_version}{commit}",
            ),
        ],
    )
    where = (
        f"the tag `v{data.version}` of the Hub repository `{data.hub_repo}`"
        if data.hub_repo
        else "this release folder (`manifest.json` lists the sha256 of every file)"
    )
    return [
        "## Citation",
        "",
        f"Cite the version you used; it never changes. The data cited is {where}.",
        "",
        "```bibtex",
        *entry,
        "```",
        "",
    ]


def _description() -> str:
    labels = ", ".join(f"{c.title.lower()} ({c.value})" for c in label_set().labels)
    return f"Indonesian news articles annotated with {labels}"


def render_card(data: CardData) -> str:
    """README.md of a release: YAML header, then the card."""
    total = data.figures.total
    front = yaml.safe_dump(header(data), sort_keys=False, allow_unicode=True, width=100)
    lines = ["---", front.rstrip("\n"), "---", ""]
    lines += [
        f"# {NAME} {data.version}",
        "",
        f"{_description()}. Version {data.version}, released {data.released}: "
        f"{total.documents} documents, {total.tokens} tokens; annotation guidelines version "
        f"{data.guidelines_version}.",
        "",
    ]
    lines += _load_section(data)
    lines += _fields_section()
    lines += _splits_section(data)
    lines += _silver_section(data)
    lines += _annotation_section(data)
    lines += _changelog_section(data)
    lines += _files_section(data)
    lines += _citation_section(data)
    return "\n".join(lines).rstrip("\n") + "\n"
