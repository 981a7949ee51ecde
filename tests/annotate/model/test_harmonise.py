"""Training spans redrawn by our guidelines (annotate/model/harmonise.py) and the switch
that keeps them as published (`annotate train --as-published`).

Every text here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.model.examples import conll_examples, token_spans
from annotate.model.harmonise import to_guidelines


def redrawn(text: str, label: str) -> list[str]:
    """The pieces of one span over the whole of `text`, as text."""
    return [text[s:e] for s, e, _ in to_guidelines(text, [(0, len(text), label)], "ORG", "PER")]


@pytest.mark.parametrize(
    ("span", "label", "pieces"),
    [
        ("Komisi Pemilihan Umum (KPU)", "ORG", ["Komisi Pemilihan Umum", "KPU"]),
        ("Uni Eropa (UE),", "ORG", ["Uni Eropa", "UE"]),
        ("PT Sinar Jaya (Persero)", "ORG", ["PT Sinar Jaya (Persero)"]),
        ("(Partai Maju)", "ORG", ["Partai Maju"]),
        ('"Harian Pagi"', "ORG", ["Harian Pagi"]),
        ("Badan Pusat Statistik", "ORG", ["Badan Pusat Statistik"]),
        ("(Budi)", "PER", ["Budi"]),
        ("Presiden Budi", "PER", ["Budi"]),
        ("Dr. Rina Siregar", "PER", ["Rina Siregar"]),
        ("Kombes Pol Andreas Tobing", "PER", ["Andreas Tobing"]),
        ("KH Ahmad Dahlan", "PER", ["Ahmad Dahlan"]),
        ("Ms Rachel Green", "PER", ["Rachel Green"]),
        ("MS Pranoto", "PER", ["MS Pranoto"]),
        ("Dr (Rina)", "PER", ["Rina"]),  # a bracket bared by the title's leaving goes too
        ("Dr (", "PER", ["Dr"]),  # a bracket that opens nothing leaves
        ("Presiden", "PER", ["Presiden"]),
        ("Rina (Sari)", "PER", ["Rina (Sari)"]),
        ("Jakarta,", "LOC", ["Jakarta"]),
    ],
)
def test_spans_are_redrawn_by_our_guidelines(span: str, label: str, pieces: list[str]) -> None:
    assert redrawn(span, label) == pieces


def test_offsets_point_into_the_whole_text() -> None:
    text = "Kata Ketua Komisi Pemilihan Umum (KPU) kemarin."
    start = text.index("Komisi")
    end = text.index(")") + 1
    spans = to_guidelines(text, [(start, end, "ORG")], "ORG", "PER")
    assert [text[s:e] for s, e, _ in spans] == ["Komisi Pemilihan Umum", "KPU"]
    assert all(label == "ORG" for *_, label in spans)


def test_nothing_is_left_of_a_span_of_punctuation_only() -> None:
    assert to_guidelines("( )", [(0, 3, "ORG")], "ORG", "PER") == []


CONLL = """Ketua O
Komisi B-ORG
Pemilihan I-ORG
Umum I-ORG
( I-ORG
KPU I-ORG
) I-ORG
Presiden B-PER
Budi I-PER
Santoso I-PER
hadir O
. O
"""


def test_conll_training_spans_are_redrawn_unless_kept_as_published(tmp_path: Path) -> None:
    path = tmp_path / "mini.conll"
    path.write_text(CONLL, encoding="utf-8")
    (redrawn_example,) = conll_examples(path)
    (published,) = conll_examples(path, redraw=False)
    words = redrawn_example.words

    def as_text(tags: tuple[str, ...]) -> list[tuple[str, str]]:
        return sorted((" ".join(words[a:b]), label) for a, b, label in token_spans(tags))

    assert as_text(redrawn_example.gold_tags) == [
        ("Budi Santoso", "PER"),
        ("KPU", "ORG"),
        ("Komisi Pemilihan Umum", "ORG"),
    ]
    assert as_text(published.gold_tags) == [
        ("Komisi Pemilihan Umum ( KPU )", "ORG"),
        ("Presiden Budi Santoso", "PER"),
    ]


@given(
    st.text(alphabet="Ab (),.\"'DrKPU", min_size=1, max_size=30),
    st.sampled_from(["PER", "ORG", "LOC"]),
)
def test_redrawn_spans_stay_inside_and_have_clean_edges(text: str, label: str) -> None:
    for start, end, kept in to_guidelines(text, [(0, len(text), label)], "ORG", "PER"):
        assert 0 <= start < end <= len(text)
        assert kept == label
        piece = text[start:end]
        assert piece == piece.strip()
        assert piece[0] not in "\"',;:" and piece[-1] not in "\"',;:"
        assert not (piece.startswith("(") and piece.count("(") > piece.count(")"))
        assert not (piece.endswith(")") and piece.count(")") > piece.count("("))
