"""Scoring: strict and partial matching, QTY values, stance attributes, the CLI, the targets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from annotate.evaluate import (
    Counts,
    Item,
    LabelledSpan,
    document_spans,
    match_spans,
    overlapping,
    pair_documents,
    render_markdown,
    render_table,
    same_holder,
    score_documents,
    score_items,
)
from annotate.evaluate.runs import run_gold
from annotate.parse import parse_text
from corpus.errors import InputError
from corpus.records import Article, Document, Entity, Meta, Quantity, Stance, span_id
from tests.conftest import GOLD, invoke_annotate

TEXT = (
    "Judul Berita\n\n"
    "Presiden Joko Widodo menemui Komisi Pemberantasan Korupsi (KPK) di Jakarta. "
    '"Kami mendukung penuh," kata Jokowi. Anggaran naik 2,5 persen menjadi Rp 1,5 triliun.'
)
ARTICLE = parse_text(TEXT)


def at(fragment: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.text.index(fragment, start + 1)
    return start, start + len(fragment)


def ent(fragment: str, label: str) -> Entity:
    start, end = at(fragment)
    return Entity(span_id("entities", start, end), start, end, fragment, label)


def qty(
    fragment: str,
    value: float | None = None,
    unit: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> Quantity:
    start, end = at(fragment)
    return Quantity(span_id("quantities", start, end), start, end, fragment, value, low, high, unit)


def stance(fragment: str, polarity: str, holder: Entity | None) -> Stance:
    start, end = at(fragment)
    return Stance(
        span_id("stances", start, end),
        start,
        end,
        fragment,
        polarity,
        holder.id if holder else None,
        "KPK",
    )


def doc(
    entities: tuple[Entity, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    stances: tuple[Stance, ...] = (),
    article: Article = ARTICLE,
) -> Document:
    return Document(article, entities, quantities, stances, Meta("gold", "0.1"))


# --- matching ------------------------------------------------------------------------------


def test_overlapping_orders_by_overlap_then_text_order() -> None:
    # "Komisi Pemberantasan Korupsi" [0:28] against spans over parts of it.
    span = LabelledSpan(0, 28, "ORG")
    others = [
        LabelledSpan(7, 20, "ORG"),  # overlap 13
        LabelledSpan(30, 33, "ORG"),  # no overlap
        LabelledSpan(0, 6, "PER"),  # overlap 6, another label
        LabelledSpan(21, 28, "ORG"),  # overlap 7
        LabelledSpan(14, 21, "ORG"),  # overlap 7, earlier in the text: before [21:28]
        LabelledSpan(21, 28, "PER"),  # overlap 7, same start as [21:28] ORG: after it
    ]
    assert overlapping(span, others, lambda o: True) == [0, 4, 3, 5, 2]
    assert overlapping(span, others, span.same_label) == [0, 4, 3]
    assert overlapping(LabelledSpan(28, 30, "ORG"), others, lambda o: True) == []


def test_match_spans_strict_needs_same_offsets_and_label() -> None:
    gold = [LabelledSpan(0, 5, "PER"), LabelledSpan(10, 15, "ORG")]
    pred = [LabelledSpan(0, 5, "PER"), LabelledSpan(10, 15, "PER"), LabelledSpan(10, 14, "ORG")]
    matching = match_spans(gold, pred)
    assert matching.strict == ((0, 0),)
    assert matching.partial == ((0, 0), (1, 2))


def test_match_spans_one_prediction_over_two_gold_spans_counts_once() -> None:
    # "Komisi Pemberantasan Korupsi (KPK)" predicted whole; gold has the name and the acronym.
    gold = [LabelledSpan(0, 28, "ORG"), LabelledSpan(30, 33, "ORG")]
    pred = [LabelledSpan(0, 34, "ORG")]
    result = score_items([Item("d", "x" * 40, tuple(gold), tuple(pred))], ["ORG"])
    org = result.label("ORG")
    assert org.strict == Counts(tp=0, fp=1, fn=2)
    assert org.partial == Counts(tp=1, fp=0, fn=1)


def test_match_spans_two_predictions_inside_one_gold_span_count_once() -> None:
    gold = [LabelledSpan(0, 20, "PER")]
    pred = [LabelledSpan(0, 8, "PER"), LabelledSpan(9, 20, "PER")]
    result = score_items([Item("d", "x" * 20, tuple(gold), tuple(pred))], ["PER"])
    assert result.label("PER").partial == Counts(tp=1, fp=1, fn=0)


def test_match_spans_finds_the_maximum_matching_not_the_greedy_one() -> None:
    # Greedy by overlap pairs X with A (overlap 10) and leaves Y and B single; the maximum
    # matching pairs X with B and Y with A.
    gold = [LabelledSpan(0, 10, "ORG"), LabelledSpan(10, 12, "ORG")]
    pred = [LabelledSpan(0, 11, "ORG"), LabelledSpan(5, 10, "ORG")]
    assert len(match_spans(gold, pred).partial) == 2


def test_match_spans_keeps_exact_pairs_in_the_partial_matching() -> None:
    gold = [LabelledSpan(0, 10, "PER")]
    pred = [LabelledSpan(2, 10, "PER"), LabelledSpan(0, 10, "PER")]
    matching = match_spans(gold, pred)
    assert matching.strict == ((0, 1),)
    assert matching.partial == ((0, 1),)


def test_match_spans_identical_predictions_match_one_gold_span() -> None:
    gold = [LabelledSpan(0, 5, "PER")]
    pred = [LabelledSpan(0, 5, "PER"), LabelledSpan(0, 5, "PER")]
    result = score_items([Item("d", "x" * 5, tuple(gold), tuple(pred))], ["PER"])
    assert result.label("PER").strict == Counts(tp=1, fp=1, fn=0)
    assert result.label("PER").partial == Counts(tp=1, fp=1, fn=0)


spans = st.lists(
    st.builds(
        lambda a, n, label: LabelledSpan(a, a + n, label),
        st.integers(0, 30),
        st.integers(1, 8),
        st.sampled_from(["PER", "ORG"]),
    ),
    max_size=8,
)


@given(spans, spans, st.randoms())
def test_match_spans_counts_are_consistent_and_order_free(
    gold: list[LabelledSpan], pred: list[LabelledSpan], random: Random
) -> None:
    matching = match_spans(gold, pred)
    for pairs in (matching.strict, matching.partial):
        assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
        for g, p in pairs:
            assert gold[g].label == pred[p].label and gold[g].overlap(pred[p]) > 0
    assert set(matching.strict) <= set(matching.partial)
    for g, p in matching.strict:
        assert (gold[g].start, gold[g].end) == (pred[p].start, pred[p].end)
    shuffled_gold, shuffled_pred = list(gold), list(pred)
    random.shuffle(shuffled_gold)
    random.shuffle(shuffled_pred)
    again = match_spans(shuffled_gold, shuffled_pred)
    assert len(again.strict) == len(matching.strict)
    assert len(again.partial) == len(matching.partial)


# --- counts and documents -------------------------------------------------------------------


def test_counts_rates_and_undefined_values() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.gold, c.pred) == (5, 4)
    assert c.precision == 0.75 and c.recall == 0.6
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts(tp=0, fp=0, fn=4).precision is None
    assert Counts(tp=0, fp=0, fn=4).f1 == 0.0
    assert Counts().f1 is None


def test_score_documents_per_label_and_micro() -> None:
    jokowi, kpk_long = ent("Joko Widodo", "PER"), ent("Komisi Pemberantasan Korupsi", "ORG")
    gold = doc(
        (jokowi, kpk_long, ent("KPK", "ORG"), ent("Jokowi", "PER")),
        (qty("2,5 persen", 2.5, "%"),),
    )
    pred = doc(
        (
            ent("Presiden Joko Widodo", "PER"),  # title inside: partial only
            ent("Komisi Pemberantasan Korupsi (KPK)", "ORG"),  # one span for two
            ent("Jakarta", "ORG"),  # a city is not ORG
            ent("Jokowi", "PER"),
        ),
        (qty("2,5 persen", 2.5, "%"), qty("Rp 1,5 triliun", 1.5e12, "IDR")),
    )
    result = score_documents([(gold, pred)])
    assert [s.label for s in result.labels] == ["PER", "ORG", "QTY", "STANCE"]
    assert result.label("PER").strict == Counts(tp=1, fp=1, fn=1)
    assert result.label("PER").partial == Counts(tp=2, fp=0, fn=0)
    assert result.label("ORG").strict == Counts(tp=0, fp=2, fn=2)
    assert result.label("ORG").partial == Counts(tp=1, fp=1, fn=1)
    assert result.label("QTY").strict == Counts(tp=1, fp=1, fn=0)
    assert result.label("STANCE").strict == Counts()
    assert result.overall.strict == Counts(tp=2, fp=4, fn=3)
    assert result.overall.partial == Counts(tp=4, fp=2, fn=1)


def test_score_documents_refuses_different_texts() -> None:
    other = parse_text("Judul Lain\n\nIsi.")
    with pytest.raises(ValueError, match="predicted text differs"):
        score_documents([(doc(), doc(article=other))])


def test_document_spans_label_quantities_and_stances_from_the_schema() -> None:
    jokowi = ent("Jokowi", "PER")
    d = doc(
        (jokowi,),
        (qty("2,5 persen", 2.5, "%"),),
        (stance("Kami mendukung penuh,", "favor", jokowi),),
    )
    assert [(s.label, s.ref) for s in document_spans(d)] == [("PER", 0), ("QTY", 0), ("STANCE", 0)]


# --- QTY values ----------------------------------------------------------------------------


def test_quantity_value_accuracy_on_strict_matches_with_unit_apart() -> None:
    gold = doc(quantities=(qty("2,5 persen", 2.5, "%"), qty("Rp 1,5 triliun", 1.5e12, "IDR")))
    pred = doc(
        quantities=(
            qty("2,5 persen", 2.5 * (1 + 1e-12), None),  # value right within 1e-9, unit wrong
            qty("Rp 1,5 triliun", 1.5e9, "IDR"),  # value off by the scale word
        )
    )
    result = score_documents([(gold, pred)])
    assert (result.quantity_value.correct, result.quantity_value.total) == (1, 2)
    assert (result.quantity_unit.correct, result.quantity_unit.total) == (1, 2)


def test_quantity_ranges_compare_low_and_high_and_partial_matches_are_not_valued() -> None:
    gold = doc(quantities=(qty("2,5 persen", None, "%", low=2.0, high=3.0), qty("1,5", 1.5)))
    pred = doc(
        quantities=(qty("2,5 persen", None, "%", low=2.0, high=3.0), qty("1,5 triliun", 1.5e12))
    )
    result = score_documents([(gold, pred)])
    assert result.quantity_value.accuracy == 1.0 and result.quantity_value.total == 1
    pred_value = doc(quantities=(qty("2,5 persen", 2.5, "%"),))
    assert score_documents([(gold, pred_value)]).quantity_value.correct == 0


# --- stances -------------------------------------------------------------------------------


def test_stance_polarity_and_holder_on_partial_matches() -> None:
    jokowi_gold = ent("Jokowi", "PER")
    jokowi_full = ent("Joko Widodo", "PER")
    kpk = ent("KPK", "ORG")
    gold = doc(
        (jokowi_gold, jokowi_full, kpk),
        stances=(stance("Kami mendukung penuh,", "favor", jokowi_full),),
    )
    # Same person, another span ("Presiden Joko Widodo" for "Joko Widodo"): right holder.
    titled = ent("Presiden Joko Widodo", "PER")
    pred_ok = doc((titled,), stances=(stance("Kami mendukung penuh", "favor", titled),))
    # Another entity, and the wrong polarity.
    pred_bad = doc((kpk,), stances=(stance("Kami mendukung", "against", kpk),))
    ok = score_documents([(gold, pred_ok)])
    bad = score_documents([(gold, pred_bad)])
    assert (ok.stance_polarity.correct, ok.stance_holder.correct, ok.stance_holder.total) == (
        1,
        1,
        1,
    )
    assert (bad.stance_polarity.correct, bad.stance_holder.correct, bad.stance_holder.total) == (
        0,
        0,
        1,
    )
    assert ok.label("STANCE").strict == Counts(tp=0, fp=1, fn=1)  # boundary differs


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        (None, None, True),
        ("Tokayev", "Kassym-Jomart Tokayev", True),
        ("Sri Mulyani", "sri mulyani indrawati", True),
        ("Tokayev", None, False),
        (None, "Tokayev", False),
        ("Joko Widodo", "Jokowi", False),  # a nickname shares no token: counted wrong
        ("H. Ali", "H. Umar", False),  # tokens under three characters do not identify
        ("", "Tokayev", False),  # a dangling holder id names nobody
    ],
)
def test_same_holder_shares_a_name_token(gold: str | None, pred: str | None, same: bool) -> None:
    assert same_holder(gold, pred) is same


def test_stance_holder_null_on_both_sides_is_right_and_dangling_ids_are_wrong() -> None:
    gold = doc(stances=(stance("Kami mendukung penuh,", "favor", None),))
    pred = doc(stances=(stance("Kami mendukung penuh,", "favor", None),))
    assert score_documents([(gold, pred)]).stance_holder.correct == 1
    ghost = Stance(
        "s1", *at("Kami mendukung penuh,"), "Kami mendukung penuh,", "favor", "e0-1", "KPK"
    )
    assert score_documents([(gold, doc(stances=(ghost,)))]).stance_holder.correct == 0


# --- errors, pairing, rendering ----------------------------------------------------------------


def test_errors_are_classified_for_rule_writers() -> None:
    text = "Presiden Joko Widodo di Jakarta , kata Ani ."
    gold = (LabelledSpan(9, 20, "PER"), LabelledSpan(39, 42, "PER"))
    ignored = (LabelledSpan(24, 31, "LOCATION"),)
    pred = (LabelledSpan(0, 20, "PER"), LabelledSpan(24, 31, "ORG"), LabelledSpan(33, 37, "ORG"))
    result = score_items([Item("s1", text, gold, pred, ignored)], ["PER", "ORG"])
    classes = result.error_classes()
    assert classes[("fp", "PER", "boundary")] == 1
    assert classes[("fp", "ORG", "label")] == 1
    assert classes[("fp", "ORG", "spurious")] == 1
    assert classes[("fn", "PER", "boundary")] == 1
    assert classes[("fn", "PER", "missed")] == 1
    (over_loc,) = [e for e in result.errors if e.kind == "label"]
    assert over_loc.other == 'LOCATION "Jakarta"'
    assert over_loc.context == "Presiden Joko Widodo di [Jakarta] , kata Ani ."
    assert result.ignored_gold == (("LOCATION", 1),)


def test_errors_inside_a_stance_are_not_label_confusions() -> None:
    # Stances are clauses: a number inside a quoted stance is not a QTY/STANCE confusion.
    text = '"Ada dua usulan," kata Ani.'
    gold = (LabelledSpan(1, 15, "STANCE"),)
    pred = (LabelledSpan(5, 8, "QTY"), LabelledSpan(1, 14, "STANCE"))
    result = score_items([Item("s1", text, gold, pred)], ["QTY", "STANCE"])
    assert result.error_classes() == {
        ("fp", "QTY", "spurious"): 1,
        ("fp", "STANCE", "boundary"): 1,
        ("fn", "STANCE", "boundary"): 1,
    }


def test_frequent_errors_group_by_label_and_text() -> None:
    items = [Item(f"s{i}", "di Jakarta", (), (LabelledSpan(3, 10, "ORG"),)) for i in range(3)]
    items.append(Item("s9", "oleh BPS", (), (LabelledSpan(5, 8, "ORG"),)))
    result = score_items(items, ["ORG"])
    top = result.frequent_errors("fp", 1)
    assert len(top) == 1 and top[0].count == 3 and top[0].example.text == "Jakarta"
    assert top[0].kinds == (("spurious", 3),)
    assert result.to_dict(errors=1)["frequent_errors"]["fp"][0]["count"] == 3


def test_pair_documents_reports_missing_unknown_duplicate_and_mismatched() -> None:
    a = doc(article=parse_text("Satu\n\nIsi satu."))
    b = doc(article=parse_text("Dua\n\nIsi dua."))
    c = doc(article=parse_text("Tiga\n\nIsi tiga."))
    stray = doc(article=parse_text("Empat\n\nIsi empat."))
    changed = doc(article=Article.from_dict({**c.article.to_dict(), "text": "Tiga\n\nLain."}))
    pairing = pair_documents([a, b, c], [a, a, stray, changed])
    assert pairing.missing == (b.id,)
    assert pairing.unknown == (stray.id,)
    assert pairing.duplicate == (a.id,)
    assert pairing.mismatched == (c.id,)
    assert [g.id for g, _ in pairing.pairs] == [a.id, b.id, c.id]
    assert pairing.pairs[1][1].entities == () and not pairing.clean
    assert len(pairing.problems()) == 4


def test_render_table_and_json_shape() -> None:
    gold = doc((ent("Jokowi", "PER"),), (qty("2,5 persen", 2.5, "%"),))
    result = score_documents([(gold, gold)])
    table = render_table(result, title="demo")
    assert table.splitlines()[0] == "demo"
    assert "QTY value accuracy 1.000 (1/1)" in table
    d = result.to_dict()
    assert set(d) >= {"items", "labels", "micro", "quantity", "stance", "error_classes"}
    assert d["labels"]["PER"]["strict"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "gold": 1,
        "pred": 1,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert "| demo | PER | 1 | 1 | 1.000 |" in render_markdown([("demo", result)])


# --- the plain twin and the CLI -----------------------------------------------------------------


def run(*args: str) -> Result:
    """`annotate evaluate ARGS`, in this process."""
    return invoke_annotate("evaluate", *args)


@pytest.fixture
def gold_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    gold = doc((ent("Joko Widodo", "PER"), ent("KPK", "ORG")), (qty("2,5 persen", 2.5, "%"),))
    (folder / f"{gold.id}.json").write_text(json.dumps(gold.to_dict()), encoding="utf-8")
    return folder


def test_cli_evaluate_predictions_file_as_json(gold_folder: Path, tmp_path: Path) -> None:
    pred = doc((ent("Joko Widodo", "PER"), ent("Jakarta", "ORG")), (qty("2,5 persen", 2.5, "%"),))
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(json.dumps(pred.to_dict()) + "\n", encoding="utf-8")
    result = run("--gold", str(gold_folder), str(pred_file), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["items"] == 1
    assert report["labels"]["PER"]["strict"]["f1"] == 1.0
    assert report["labels"]["ORG"]["strict"] == {
        "tp": 0,
        "fp": 1,
        "fn": 1,
        "gold": 1,
        "pred": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert report["quantity"]["value"]["accuracy"] == 1.0
    table = run("--gold", str(gold_folder), str(pred_file))
    assert table.exit_code == 0
    assert table.stdout.splitlines()[1].split()[:3] == ["label", "gold", "pred"]


def test_cli_evaluate_reports_unknown_and_missing_ids(gold_folder: Path, tmp_path: Path) -> None:
    stray = doc(article=parse_text("Lain\n\nIsi lain."))
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(json.dumps(stray.to_dict()) + "\n", encoding="utf-8")
    result = run("--gold", str(gold_folder), str(pred_file), "--json")
    assert result.exit_code == 1
    assert f"1 gold documents have no prediction (scored as predicting nothing): {ARTICLE.id}" in (
        result.stderr
    )
    assert f"not in the gold set (not scored): {stray.id}" in result.stderr
    assert json.loads(result.stdout)["labels"]["PER"]["strict"]["fn"] == 1


def test_cli_evaluate_bad_label_map_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--conll", str(tmp_path), "--label-map", "PERSON=PEOPLE")
    assert result.exit_code == 2
    assert "'PEOPLE' is not a label" in result.stderr


def test_cli_evaluate_empty_gold_folder_is_an_error(tmp_path: Path) -> None:
    result = run("--gold", str(tmp_path), "--json")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: no gold Documents (*.json) to score against\n"


def test_run_gold_scores_a_predictions_file_and_reports_bad_lines(
    gold_folder: Path, tmp_path: Path
) -> None:
    pred = doc((ent("Joko Widodo", "PER"), ent("KPK", "ORG")))
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(
        json.dumps(pred.to_dict()) + "\n\nbukan json\n" + json.dumps({"id": "x"}) + "\n",
        encoding="utf-8",
    )
    result = run_gold(gold_folder, [pred_file])
    assert not result.ok
    assert result.source == str(pred_file)
    assert result.messages[0] == f"{pred_file}:3: invalid JSON at column 1: Expecting value"
    assert result.messages[1].startswith(f"{pred_file}:4: not a Document: ")
    assert len(result.messages) == 2  # the blank line is no record; the gold is paired
    assert result.evaluation.label("PER").strict == Counts(tp=1)
    assert result.evaluation.label("QTY").strict == Counts(fn=1)
    assert result.to_dict()["predictions"] == str(pred_file)
    assert result.render().splitlines()[0] == (
        f"{gold_folder}: 1 documents, predictions from {pred_file}"
    )
    assert result.markdown().splitlines()[2].startswith(f"| {gold_folder} | PER | 1 | 1 |")


def test_run_gold_without_predictions_runs_the_given_predictor(gold_folder: Path) -> None:
    seen: list[str] = []

    def predict(article: Article) -> Document:
        seen.append(article.id)
        return doc((ent("KPK", "ORG"),), article=article)

    result = run_gold(gold_folder, predict=predict)
    assert seen == [ARTICLE.id]
    assert result.ok and result.source == "live pre-annotator"
    assert result.evaluation.label("ORG").strict == Counts(tp=1)
    assert result.evaluation.label("PER").strict == Counts(fn=1)


def test_run_gold_refuses_a_missing_or_empty_gold_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        run_gold(tmp_path / "tidak-ada")
    with pytest.raises(InputError, match=r"no gold Documents \(\*\.json\) to score against"):
        run_gold(tmp_path)


def test_run_gold_reports_an_invalid_gold_file_and_scores_the_rest(
    gold_folder: Path, tmp_path: Path
) -> None:
    (gold_folder / "rusak.json").write_text("{", encoding="utf-8")
    result = run_gold(gold_folder, predict=lambda article: doc(article=article))
    assert result.messages == (
        f"{gold_folder / 'rusak.json'}: invalid JSON at line 1 column 2: "
        "Expecting property name enclosed in double quotes",
    )
    assert result.evaluation.items == 1


CONLL = """-DOCSTART- -X- O O

Menteri O
Keuangan O
Sri B-PERSON
Mulyani I-PERSON
mengunjungi O
Bank B-ORGANIZATION
Dunia I-ORGANIZATION
di O
Washington B-LOCATION
. O
"""


def test_cli_evaluate_conll_table_json_and_markdown(tmp_path: Path) -> None:
    corpus = tmp_path / "contoh.conll"
    corpus.write_text(CONLL, encoding="utf-8")
    table = run("--conll", str(corpus), "--errors", "2")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.startswith(f"{tmp_path.name}/contoh.conll: 1 sentences, 10 tokens")
    assert "gold spans not scored (a prediction over them is a false positive): LOCATION 1" in (
        table.stdout
    )
    assert table.stderr.startswith(f"{tmp_path.name}/contoh.conll: 1 sentences in ")
    report = json.loads(run("--conll", str(corpus), "--json").stdout)
    assert report["gold_spans"] == {"PER": 1, "ORG": 1}
    assert list(report["labels"]) == ["PER", "ORG"]
    markdown = run("--conll", str(corpus), str(tmp_path / "tidak-ada"), "--markdown")
    assert markdown.exit_code == 1
    assert f"error: {tmp_path / 'tidak-ada'}: no such file or folder" in markdown.stderr
    assert markdown.stdout.count(f"| {tmp_path.name}/contoh.conll |") == 4  # PER, ORG, micro, speed


def test_cli_evaluate_conll_needs_a_path() -> None:
    result = run("--conll")
    assert result.exit_code == 2
    assert result.stderr == "error: --conll needs at least one CoNLL file or folder\n"


# --- the targets on the bundled gold set ---------------------------------------------------------

GOLD_READY = any(GOLD.glob("*.json"))
RULES_READY = importlib.util.find_spec("annotate.preannotate") is not None


@pytest.mark.skipif(
    not (GOLD_READY and RULES_READY),
    reason="waiting for data/gold/*.json and annotate/preannotate.py to land "
    f"(gold present: {GOLD_READY}, pre-annotator present: {RULES_READY})",
)
def test_preannotator_meets_the_targets_on_the_bundled_gold() -> None:
    result = run("--gold", str(GOLD), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    print(run("--gold", str(GOLD)).stdout)
    for label in ("PER", "ORG", "QTY"):
        assert report["labels"][label]["strict"]["f1"] >= 0.90, label
    assert report["quantity"]["value"]["accuracy"] >= 0.95
    assert report["stance"]["holder"]["accuracy"] >= 0.8
