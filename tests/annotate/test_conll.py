"""CoNLL reader: columns, sentence breaks, BIO variants, offsets, label map, corpus scoring."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.conll import (
    TaggedSpan,
    default_label_map,
    evaluate_corpus,
    gold_spans,
    parse_conll,
    parse_label_map,
    read_corpus,
    render_speed_markdown,
    scored_labels,
    sentence_items,
)
from annotate.evaluate import Counts, LabelledSpan
from annotate.parse import parse_text
from corpus.errors import InputError
from corpus.records import Document, Entity, Meta, span_id

# Hand-made: not taken from any public corpus.
SMALL = """Presiden O
Joko B-PER
Widodo I-PER
menemui O
Dewan B-ORG
Pers I-ORG
. O

Harga O
naik O
5 B-QUANTITY
persen I-QUANTITY
di O
Bandung B-LOC
"""


def spans_text(text: str, spans: tuple[TaggedSpan, ...]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.type) for s in spans]


def test_parse_conll_joins_tokens_and_offsets_index_the_text() -> None:
    first, second = parse_conll(SMALL, source="small.txt")
    assert first.text == "Presiden Joko Widodo menemui Dewan Pers ."
    assert first.spans == (TaggedSpan(9, 20, "PER"), TaggedSpan(29, 39, "ORG"))
    assert spans_text(second.text, second.spans) == [
        ("5 persen", "QUANTITY"),
        ("Bandung", "LOC"),
    ]
    assert (first.tokens, first.where, second.where) == (7, "small.txt:1", "small.txt:9")


def test_parse_conll_crlf_and_blank_lines_at_start_and_end() -> None:
    crlf = "\r\n\r\n" + SMALL.replace("\n", "\r\n") + "\r\n\r\n\r\n"
    sentences = parse_conll(crlf)
    assert [(s.text, s.spans) for s in sentences] == [(s.text, s.spans) for s in parse_conll(SMALL)]
    assert "\r" not in sentences[0].text
    assert sentences[0].where == "<conll>:3"
    assert [s.text for s in parse_conll("\n\n\nA O\n\n\n\nB O\n")] == ["A", "B"]


def test_parse_conll_tabs_spaces_and_extra_columns_take_the_last_as_tag() -> None:
    space = "Ani B-PER\nbekerja O\ndi O\nBank B-ORG\nJaya I-ORG\n"
    tab = space.replace(" ", "\t")
    three = "Ani NNP B-PER\nbekerja VB O\ndi IN O\nBank NNP B-ORG\nJaya NNP I-ORG\n"
    mixed = "Ani\tNNP  B-PER\nbekerja\t VB\tO\ndi IN O\nBank\tNNP\tB-ORG\nJaya NNP I-ORG\n"
    expected = parse_conll(space)
    for variant in (tab, three, mixed):
        assert parse_conll(variant) == expected
    # With tabs as separators, a token may hold a space.
    (sentence,) = parse_conll("New York\tB-LOC\nraya\tO\n")
    assert sentence.text == "New York raya"
    assert spans_text(sentence.text, sentence.spans) == [("New York", "LOC")]


def test_parse_conll_docstart_lines_are_skipped_and_break_sentences() -> None:
    text = "-DOCSTART- -X- O O\n\nA B-PER\n-DOCSTART- O\nB B-PER\n\n-DOCSTART-\tO\n"
    sentences = parse_conll(text)
    assert [s.text for s in sentences] == ["A", "B"]


def test_parse_conll_i_without_b_starts_a_span_iob1_and_iob2() -> None:
    # IOB1: I- opens a span, B- only separates two adjacent spans of one type.
    iob1 = "Ani I-PER\nBudi B-PER\nCitra I-PER\ndan O\nKPK I-ORG\nDedi I-PER\n"
    (s,) = parse_conll(iob1)
    assert spans_text(s.text, s.spans) == [
        ("Ani", "PER"),
        ("Budi Citra", "PER"),
        ("KPK", "ORG"),
        ("Dedi", "PER"),
    ]
    iob2 = "Ani B-PER\nBudi B-PER\nCitra I-PER\ndan O\nKPK B-ORG\nDedi B-PER\n"
    assert parse_conll(iob2) == parse_conll(iob1)


def test_parse_conll_reads_bioes_and_long_type_names() -> None:
    (s,) = parse_conll("Ani S-PERSON\nBank B-ORGANIZATION\nJaya E-ORGANIZATION\nKPK S-ORG\n")
    assert spans_text(s.text, s.spans) == [
        ("Ani", "PERSON"),
        ("Bank Jaya", "ORGANIZATION"),
        ("KPK", "ORG"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Ani B-PER\nbekerja\n", "line 2: expected a token and a tag"),
        ("Ani B-PER\nbekerja NNP\n", "line 2: tag 'NNP' is not O or B-/I-/E-/S-<type>"),
        ("Ani X-PER\n", "line 1: tag 'X-PER'"),
    ],
)
def test_parse_conll_bad_lines_name_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_conll(text, source="f.tsv")


tokens = st.lists(
    st.tuples(
        st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=6),
        st.sampled_from(["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "E-ORG", "S-PER"]),
    ),
    min_size=1,
    max_size=15,
)


@given(tokens)
def test_parse_conll_spans_cover_whole_tokens(rows: list[tuple[str, str]]) -> None:
    (sentence,) = parse_conll("".join(f"{token} {tag}\n" for token, tag in rows))
    words = [token for token, _ in rows]
    assert sentence.text == " ".join(words)
    starts = {sum(len(w) + 1 for w in words[:i]) for i in range(len(words))}
    ends = {start + len(w) for start, w in zip(sorted(starts), words, strict=True)}
    tagged = sum(tag != "O" for _, tag in rows)
    for span in sentence.spans:
        assert span.start in starts and span.end in ends and span.start < span.end
    assert sum(len(sentence.text[s.start : s.end].split(" ")) for s in sentence.spans) <= tagged
    assert all(a.end < b.start for a, b in zip(sentence.spans, sentence.spans[1:], strict=False))


# --- label map ------------------------------------------------------------------------------


def test_default_label_map_comes_from_the_schema() -> None:
    mapping = default_label_map()
    assert mapping == {
        "PER": "PER",
        "PERSON": "PER",
        "ORG": "ORG",
        "ORGANISATION": "ORG",
        "ORGANIZATION": "ORG",
        "QTY": "QTY",
        "QUANTITY": "QTY",
    }


def test_parse_label_map_overrides_and_empty_target_ignores() -> None:
    mapping = parse_label_map("GPE=org, quantity= ,Person=PER")
    assert mapping["GPE"] == "ORG"
    assert mapping["QUANTITY"] is None
    assert mapping["PERSON"] == "PER" and mapping["ORGANIZATION"] == "ORG"
    assert parse_label_map("") == default_label_map()


@pytest.mark.parametrize(
    ("spec", "message"),
    [("PERSON", "is not TYPE=LABEL"), ("=PER", "is not TYPE=LABEL"), ("X=LOC", "'LOC' is not")],
)
def test_parse_label_map_rejects_bad_entries(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_label_map(spec)


def test_gold_spans_keep_unscored_types_apart() -> None:
    _, second = parse_conll(SMALL)
    scored, ignored = gold_spans(second, default_label_map())
    assert scored == [LabelledSpan(11, 19, "QTY")]
    assert ignored == [LabelledSpan(23, 30, "LOC")]
    scored, ignored = gold_spans(second, parse_label_map("QUANTITY="))
    assert scored == [] and len(ignored) == 2


def test_scored_labels_are_those_the_corpus_has() -> None:
    mapping = default_label_map()
    assert scored_labels({"PERSON", "LOC", "ORG"}, mapping) == ("PER", "ORG")
    assert scored_labels({"QUANTITY", "PER", "TIME"}, mapping) == ("PER", "QTY")


# --- files, folders, scoring -------------------------------------------------------------------


def test_read_corpus_folder_reads_conll_files_and_passes_over_notes(tmp_path: Path) -> None:
    (tmp_path / "test.02.tsv").write_text("Budi\tB-PERSON\n", encoding="utf-8")
    (tmp_path / "test.01.tsv").write_text(
        "Ani\tB-PERSON\n\nKPK\tB-ORGANIZATION\n", encoding="utf-8"
    )
    (tmp_path / "SOURCE.txt").write_text("Where this data came from, and its licence\n")
    (tmp_path / "LICENSE").write_text("MIT\n")
    corpus = read_corpus(tmp_path)
    assert corpus.name == tmp_path.name
    assert [Path(f).name for f in corpus.files] == ["test.01.tsv", "test.02.tsv"]
    assert [s.text for s in corpus.sentences] == ["Ani", "KPK", "Budi"]
    assert corpus.sentences[2].where.endswith("test.02.tsv:1")
    single = read_corpus(tmp_path / "test.01.tsv")
    assert single.name == f"{tmp_path.name}/test.01.tsv" and len(single.sentences) == 2


def test_read_corpus_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_corpus(tmp_path / "absent")
    (tmp_path / "notes.txt").write_text("just prose here\n")
    with pytest.raises(InputError, match="no CoNLL files in this folder"):
        read_corpus(tmp_path)
    (tmp_path / "bad.tsv").write_bytes(b"Ani \xff B-PER\n")
    with pytest.raises(InputError, match=r"bad\.tsv: not valid UTF-8 at byte 4"):
        read_corpus(tmp_path / "bad.tsv")


def fake_preannotate(text: str) -> Document:
    """Tags 'Widodo' and any 'Bandung' as PER/ORG: one boundary error, one false positive."""
    article = parse_text("t\n\nx")
    article = article.__class__.from_dict({**article.to_dict(), "text": text})
    entities = []
    for word, label in (("Joko Widodo", "PER"), ("Bandung", "ORG"), ("Pers", "ORG")):
        if word in text:
            start = text.index(word)
            end = start + len(word)
            entities.append(Entity(span_id("entities", start, end), start, end, word, label))
    return Document(article, tuple(entities), meta=Meta("rules@test"))


def test_evaluate_corpus_scores_only_the_corpus_labels(tmp_path: Path) -> None:
    (tmp_path / "small.conll").write_text(SMALL, encoding="utf-8")
    report = evaluate_corpus(read_corpus(tmp_path), fake_preannotate, default_label_map())
    evaluation = report.evaluation
    assert [s.label for s in evaluation.labels] == ["PER", "ORG", "QTY"]
    assert evaluation.label("PER").strict == Counts(tp=1, fp=0, fn=0)
    # "Pers" inside gold "Dewan Pers": boundary; "Bandung" over a gold LOC: false positive.
    assert evaluation.label("ORG").strict == Counts(tp=0, fp=2, fn=1)
    assert evaluation.label("ORG").partial == Counts(tp=1, fp=1, fn=0)
    assert evaluation.label("QTY").strict == Counts(tp=0, fp=0, fn=1)
    assert evaluation.ignored_gold == (("LOC", 1),)
    assert (report.sentences, report.tokens, report.gold) == (
        2,
        13,
        (("PER", 1), ("ORG", 1), ("QTY", 1)),
    )
    d = report.to_dict(errors=3)
    assert d["corpus"] == tmp_path.name and d["sentences"] == 2
    assert {e["text"] for e in d["frequent_errors"]["fp"]} == {"Pers", "Bandung"}
    assert report.render(errors=2).startswith(f"{tmp_path.name}: 2 sentences, 13 tokens")
    assert f"| {tmp_path.name} | 1 | 2 | 13 | PER 1, ORG 1, QTY 1 | LOC 1 |" in (
        render_speed_markdown([report])
    )


def test_sentence_items_refuse_a_changed_text() -> None:
    sentences = parse_conll(SMALL)
    changed = fake_preannotate(sentences[0].text + " ")
    with pytest.raises(ValueError, match="changed the sentence text"):
        list(sentence_items(sentences[:1], [changed], default_label_map()))
