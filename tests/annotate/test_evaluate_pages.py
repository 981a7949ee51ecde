"""Real-pages evaluation: the parser checks, string matching of spans, stances, HTML pages,
reading a page folder and the `annotate evaluate --pages` command. Every page is written here."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.evaluate.pages import (
    GoldQuantity,
    GoldStance,
    HtmlGold,
    PagesEvaluation,
    TextGold,
    best_pairs,
    contained,
    evaluate_pages,
    html_gold,
    match_strings,
    normalise,
    overlapping,
    read_pages,
    render_pages_markdown,
    render_table,
    score_html_page,
    score_text_page,
    text_gold,
)
from annotate.evaluate.pages.html import START_SLACK
from annotate.evaluate.runs import run_pages
from annotate.preannotate import article_from_text
from corpus.records import Article, Dateline, Document, Entity, Quantity, Stance
from tests.annotate.test_evaluate import run  # `annotate evaluate ...` in this process

TITLE = "Warga Desa Sukamaju Tolak Rencana Tambang Pasir"
BODY = (
    "Ratusan warga Desa Sukamaju berkumpul di balai desa pada Senin pagi.\n\n"
    "Kepala desa Budi Santoso mengatakan warga menolak rencana itu sejak awal.\n\n"
    "Rapat berikutnya digelar pekan depan."
)


def article(
    text: str = f"{TITLE}\n\n{BODY}",
    *,
    title: str | None = TITLE,
    dateline: tuple[str | None, str | None] | None = None,
    published: str | None = None,
) -> Article:
    """An Article as a parser would give it, with the title and dateline set by hand."""
    return replace(
        article_from_text(text),
        title=title or "",
        dateline=None if dateline is None else Dateline(dateline[0], dateline[1], "x -"),
        published=published,
    )


def gold(**fields: Any) -> TextGold:
    base: dict[str, Any] = {
        "page": "01-contoh.txt",
        "title": TITLE,
        "dateline": None,
        "keep": ("warga Desa Sukamaju berkumpul", "Rapat berikutnya digelar"),
        "drop": ("Baca juga: Harga Cabai Naik",),
    }
    return TextGold(**(base | fields))


def predicted(
    art: Article,
    *,
    entities: tuple[tuple[str, str], ...] = (),
    quantities: tuple[Quantity, ...] = (),
    stances: tuple[tuple[str, str, str | None], ...] = (),
) -> Document:
    """Predictions by text only (offsets do not matter to this scorer). Stances name their
    holder by the entity's text; an unknown holder text becomes a dangling id."""
    ents = tuple(Entity(f"e{i}", i, i + 1, text, label) for i, (label, text) in enumerate(entities))
    by_text = {e.text: e.id for e in ents}
    sts = tuple(
        Stance(f"s{i}", i, i + 1, text, polarity, None if h is None else by_text.get(h, "e99"), "t")
        for i, (text, polarity, h) in enumerate(stances)
    )
    return Document(art, ents, quantities, sts)


def qty(
    text: str, value: float | None = None, low: float | None = None, high: float | None = None
) -> Quantity:
    return Quantity(f"q{text}", 0, len(text), text, value, low, high)


# --- normalisation and matching ------------------------------------------------------------


def test_normalise_folds_what_readers_cannot_see() -> None:
    assert normalise("Kata\u00a0dia  \n “ya”\u200b ‘kan’ ") == "Kata dia \"ya\" 'kan'"
    assert normalise("Cafe\u0301") == "Café"
    assert normalise(None) == ""


def test_contained_needs_word_boundaries() -> None:
    assert contained("Badan Pengawas Obat dan Makanan (BPOM)", "Badan Pengawas Obat dan Makanan")
    assert contained("Rina", "Rina Wati") == pytest.approx(4 / 9)
    assert contained("15 persen", "5") is None
    assert contained("Rinaldi", "Rina") is None
    assert contained("Budi", "Budi") == 1.0


def test_overlapping_is_half_the_shorter_in_one_piece() -> None:
    gold_text = "kami menolak"  # the shorter one, 12 characters: 6 in one piece are enough
    assert overlapping(gold_text, "kami menyambut baik usulan itu") is not None  # "kami men"
    assert overlapping(gold_text, "kami sepakat dengan usulan itu") is None  # "kami " only
    assert overlapping(gold_text, "kami") == 1.0 / 3  # all of the shorter one
    # Two pieces of 4 do not add up: only the longest common substring counts.
    assert overlapping("abcdXXXXefgh", "abcd-efgh") is None
    assert overlapping("sama", "sama") == 1.0
    assert overlapping("Kami", "kami") == pytest.approx(3 / 4)  # case counts: "ami" is common


def test_best_pairs_is_a_maximum_matching_not_a_greedy_one() -> None:
    gold_texts = ["Kami menolak rencana itu", "harga naik"]
    pred_texts = ["Kami menolak rencana itu karena harga naik", "Kami menolak"]
    # Greedy by closeness would pair the long prediction with the first gold span and leave
    # the short one unmatched; the maximum matching pairs both.
    assert best_pairs(gold_texts, pred_texts, overlapping) == [(0, 1), (1, 0)]


def test_best_pairs_prefers_the_closer_pair_among_maximum_matchings() -> None:
    assert best_pairs(["Budi Santoso"], ["Budi", "Budi Santoso"], contained) == [(0, 1)]
    assert best_pairs(["Budi", "Budi Santoso"], ["Budi Santoso"], contained) == [(1, 0)]
    assert best_pairs([], ["Budi"], contained) == []


def _brute_force(worth: list[list[float | None]]) -> tuple[int, float]:
    """(pairs, total closeness) of the best matching, by trying every one."""
    rows, cols = len(worth), len(worth[0]) if worth else 0
    best = (0, 0.0)
    for k in range(min(rows, cols), 0, -1):
        for chosen in itertools.combinations(range(rows), k):
            for perm in itertools.permutations(range(cols), k):
                ws = [worth[r][c] for r, c in zip(chosen, perm, strict=True)]
                if all(w is not None for w in ws):
                    total = sum(w for w in ws if w is not None)
                    best = max(best, (k, total))
        if best[0]:
            return best
    return best


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    ).filter(lambda m: len({len(r) for r in m}) == 1)
)
def test_best_pairs_agrees_with_brute_force(matrix: list[list[int | None]]) -> None:
    worth = [[None if w is None else w / 4 for w in row] for row in matrix]
    gold_ids = [str(i) for i in range(len(worth))]
    pred_ids = [str(j) for j in range(len(worth[0]))]
    pairs = best_pairs(gold_ids, pred_ids, lambda g, p: worth[int(g)][int(p)])
    assert len({g for g, _ in pairs}) == len({p for _, p in pairs}) == len(pairs)
    total = sum(worth[g][p] or 0.0 for g, p in pairs)
    count, best = _brute_force(worth)
    assert len(pairs) == count
    assert total == pytest.approx(best)


def test_match_strings_optional_items_excuse_one_prediction_each() -> None:
    found = match_strings(["Rina"], ["Yusuf", "Yusuf", "Rina"], contained, ["Yusuf"])
    assert (found.counts.tp, found.counts.fp, found.counts.fn) == (1, 1, 0)
    found = match_strings(["Rina"], ["Yusuf", "Yusuf"], contained, ["Yusuf"], optional_once=False)
    assert (found.counts.tp, found.counts.fp, found.counts.fn) == (0, 0, 1)


# --- text pages: the parser -----------------------------------------------------------------


def test_text_page_keep_drop_title_and_dateline() -> None:
    art = article(
        f"{TITLE}\n\n{BODY}\n\nBaca juga: Harga Cabai Naik", dateline=("WARTA.ID", "BANDUNG")
    )
    score = score_text_page(
        gold(
            keep=(
                "warga Desa Sukamaju berkumpul",
                "Rapat berikutnya digelar",
                "tidak ada di halaman",
            ),
            drop=("Baca juga: Harga Cabai Naik", "Terpopuler Hari Ini"),
            dateline=("Warta.id", "Bandung"),  # case is ignored
        ),
        art,
    )
    assert (score.keep.correct, score.keep.total) == (2, 3)
    assert (score.drop.correct, score.drop.total) == (1, 2)
    assert score.title and score.dateline
    kinds = [(m.kind, m.detail) for m in score.misses]
    assert kinds == [
        ("keep: lost", '"tidak ada di halaman"'),
        ("drop: kept", '"Baca juga: Harga Cabai Naik"'),
    ]


def test_text_page_keep_counts_the_body_only_and_drop_the_whole_text() -> None:
    # A banner taken for the title: it is kept furniture, and a keep string in it is not body.
    art = article(f"Baca juga: Harga Cabai Naik\n\n{BODY}", title="Baca juga: Harga Cabai Naik")
    score = score_text_page(gold(keep=("Harga Cabai",)), art)
    assert score.keep.correct == 0
    assert score.drop.correct == 0
    assert not score.title
    assert ("title", f'got "Baca juga: Harga Cabai Naik", want "{TITLE}"') in [
        (m.kind, m.detail) for m in score.misses
    ]


@pytest.mark.parametrize(
    ("got", "want", "right"),
    [
        (None, None, True),
        (("WARTA.ID", None), ("warta.id", None), True),
        ((None, "Bandung"), (None, "BANDUNG"), True),
        (("WARTA.ID", "Bandung"), (None, "Bandung"), False),  # the gold names no outlet
        (("WARTA.ID", "Bandung"), None, False),  # the page has no dateline
        (None, (None, "Bandung"), False),
    ],
)
def test_text_page_dateline_compares_outlet_and_place(
    got: tuple[str | None, str | None] | None,
    want: tuple[str | None, str | None] | None,
    right: bool,
) -> None:
    assert score_text_page(gold(dateline=want), article(dateline=got)).dateline is right


def test_text_page_without_a_title_must_get_none() -> None:
    assert score_text_page(gold(title=None), article(BODY, title=None)).title
    score = score_text_page(gold(title=None), article())
    assert not score.title
    assert score.misses[-1].detail == f'got "{TITLE}", want none'


def test_a_rejected_page_fails_every_check() -> None:
    g = gold(
        entities=(("PER", "Budi Santoso"), ("ORG", "Dinas Perikanan")),
        quantities=(GoldQuantity("2 hektare", 2, None, None, True),),
        stances=(GoldStance("warga menolak", "against", "Budi Santoso"),),
    )
    score = score_text_page(g, None, error="01-contoh.txt: the file is empty")
    assert (score.keep.correct, score.drop.correct, score.title, score.dateline) == (
        0,
        0,
        False,
        False,
    )
    assert [(s.label, s.strict.fn, s.partial.fn, s.strict.tp) for s in score.labels] == [
        ("PER", 1, 1, 0),
        ("ORG", 1, 1, 0),
        ("QTY", 1, 1, 0),
        ("STANCE", 1, 1, 0),
    ]
    assert score.misses[0].kind == "parse error"


def test_a_page_with_gold_needs_its_pre_annotation() -> None:
    with pytest.raises(ValueError, match="pass its pre-annotation"):
        score_text_page(gold(entities=()), article())


# --- text pages: the pre-annotators ----------------------------------------------------------


def test_entities_are_multisets_of_surface_strings_with_optional_items() -> None:
    g = gold(
        entities=(("PER", "Budi Santoso"), ("PER", "Budi Santoso"), ("PER", "Rina")),
        entities_optional=(("PER", "Yusuf"),),
        quantities=(),
    )
    pred = predicted(
        article(),
        entities=(
            ("PER", "Budi Santoso"),
            ("PER", "Yusuf"),
            ("PER", "Yusuf"),
            ("PER", "Rina Wati"),
            ("PER", "Budi"),
            ("ORG", "Budi Santoso"),  # another label never matches
        ),
    )
    score = score_text_page(g, article(), pred)
    per, org = score.label("PER"), score.label("ORG")
    assert per is not None and org is not None
    # Strict: one "Budi Santoso"; one "Yusuf" is excused by the optional item, the other is not.
    assert (per.strict.tp, per.strict.fp, per.strict.fn) == (1, 3, 2)
    # Partial: "Rina Wati" holds "Rina", "Budi" sits in the second "Budi Santoso".
    assert (per.partial.tp, per.partial.fp, per.partial.fn) == (3, 1, 0)
    assert (org.strict.tp, org.strict.fp, org.strict.fn) == (0, 1, 0)
    fps = sorted(m.detail for m in score.misses if m.kind == "PER: false positive")
    assert fps == ['"Budi"', '"Rina Wati"', '"Yusuf"']
    assert [m.detail for m in score.misses if m.kind == "PER: missed"] == [
        '"Budi Santoso"',
        '"Rina"',
    ]


def test_quantity_values_pair_strings_in_reading_order() -> None:
    g = gold(
        entities=(),
        quantities=(
            GoldQuantity("10 persen", 10, None, None, True),
            GoldQuantity("10 persen", 10, None, None, True),
            GoldQuantity("2-3 ton", None, 2, 3, True),
            GoldQuantity("ratusan", None, 100, 999, False),
            GoldQuantity("Rp1,5 miliar", 1.5e9, None, None, True),
        ),
        quantities_optional=("(46)",),
    )
    pred = predicted(
        article(),
        quantities=(
            qty("10 persen", 10),
            qty("10 persen", 1),  # the second one is wrong
            qty("2-3 ton", 2.5, 2, 3),  # a range is judged on its ends
            qty("ratusan", None, 1, 2),  # value not scored
            qty("Rp1,5 miliar", 1.5e9 * (1 + 5e-7)),  # within the relative 1e-6
            qty("(46)", 46),
        ),
    )
    score = score_text_page(g, article(), pred)
    q = score.label("QTY")
    assert q is not None
    assert (q.strict.tp, q.strict.fp, q.strict.fn) == (5, 0, 0)
    assert (score.quantity_value.correct, score.quantity_value.total) == (3, 4)
    assert [m.detail for m in score.misses if m.kind == "QTY: wrong value"] == [
        '"10 persen" got 1, want 10'
    ]
    tight = score_text_page(
        gold(entities=(), quantities=(GoldQuantity("5 km", 5, None, None, True),)),
        article(),
        predicted(article(), quantities=(qty("5 km", 5.0001),)),
    )
    assert tight.quantity_value.correct == 0


def test_stances_by_overlap_with_polarity_and_holder() -> None:
    g = gold(
        stances=(
            GoldStance("warga menolak rencana itu sejak awal", "against", "Budi Santoso"),
            GoldStance("Rapat berikutnya digelar pekan depan", "neutral", None),
            GoldStance("kami mendukung program desa", "favor", "Rahmat"),
        ),
        stances_optional=("Ratusan warga Desa Sukamaju berkumpul",),
    )
    pred = predicted(
        article(),
        entities=(("PER", "Budi"), ("PER", "Ra")),
        stances=(
            ("menolak rencana itu sejak awal", "against", "Budi"),  # overlap, holder shares "Budi"
            ("Rapat berikutnya digelar pekan depan.", "favor", None),  # polarity wrong
            ("kami mendukung program", "favor", "Ra"),  # "Ra" is under three letters
            ("warga Desa Sukamaju berkumpul di balai", "neutral", None),  # optional: ignored
            ("sesuatu yang lain sama sekali", "neutral", None),  # spurious
        ),
    )
    score = score_text_page(g, article(), pred)
    stance = score.label("STANCE")
    assert stance is not None
    assert (stance.partial.tp, stance.partial.fp, stance.partial.fn) == (3, 1, 0)
    # Strictly nothing is identical, and the optional item excuses only an identical text.
    assert (stance.strict.tp, stance.strict.fp, stance.strict.fn) == (0, 5, 3)
    assert (score.stance_polarity.correct, score.stance_polarity.total) == (2, 3)
    assert (score.stance_holder.correct, score.stance_holder.total) == (2, 3)
    kinds = sorted(m.kind for m in score.misses)
    assert kinds == ["STANCE: false positive", "STANCE: holder", "STANCE: polarity"]


def test_stance_holder_dangling_id_names_nobody() -> None:
    g = gold(stances=(GoldStance("kami mendukung program desa", "favor", None),))
    pred = predicted(article(), stances=(("kami mendukung program desa", "favor", "Tidak Ada"),))
    assert score_text_page(g, article(), pred).stance_holder.correct == 0


# --- HTML pages -----------------------------------------------------------------------------

HTML_GOLD = HtmlGold(
    page="01-contoh.html",
    title=TITLE,
    dateline="BANDUNG, Warta.id –",
    body_first="Ratusan warga Desa Sukamaju",
    body_last="digelar pekan depan.",
    published="2024-05-06",
    furniture=("Baca juga: Harga Cabai Naik", "Foto: dokumentasi warga"),
)


def html_article(before: str = "", dateline: str | None = "Bandung, WARTA.ID -") -> Article:
    art = article(f"{TITLE}\n\n{before}{BODY}", published="2024-05-06")
    return replace(
        art, dateline=None if dateline is None else Dateline("WARTA.ID", "Bandung", dateline)
    )


def test_html_page_all_checks_pass() -> None:
    score = score_html_page(HTML_GOLD, html_article())
    assert (score.title, score.start, score.end, score.published, score.dateline) == (True,) * 5
    assert (score.clean.correct, score.clean.total, score.before_body) == (2, 2, 0)
    assert score.misses == ()


def test_html_page_start_allows_some_text_before_the_body() -> None:
    assert score_html_page(HTML_GOLD, html_article("x" * START_SLACK + "\n\n")).start
    late = score_html_page(HTML_GOLD, html_article("x" * (START_SLACK + 1) + "\n\n"))
    assert not late.start
    assert late.before_body == START_SLACK + 1
    lost = score_html_page(replace(HTML_GOLD, body_first="Paragraf yang hilang"), html_article())
    assert not lost.start and lost.before_body is None


def test_html_page_failures() -> None:
    art = replace(
        html_article("Foto: dokumentasi warga\n\n", dateline=None),
        title=f"{TITLE} - Warta",
        published="2024-05-07",
    )
    score = score_html_page(replace(HTML_GOLD, body_last="kalimat terakhir"), art)
    assert not (score.title or score.end or score.published or score.dateline)
    assert (score.clean.correct, score.clean.total) == (1, 2)
    assert [m.kind for m in score.misses] == [
        "html: title",
        "html: end",
        "html: furniture kept",
        "html: published",
        "html: dateline",
    ]


def test_html_page_without_date_or_dateline() -> None:
    g = replace(HTML_GOLD, published=None, dateline=None)
    score = score_html_page(g, html_article(dateline=None))
    assert score.published is None and score.dateline
    assert not score_html_page(g, html_article()).dateline
    failed = score_html_page(HTML_GOLD, None, error="01-contoh.html: not UTF-8")
    assert (failed.title, failed.start, failed.end, failed.published, failed.clean.correct) == (
        False,
        False,
        False,
        False,
        0,
    )


# --- totals and rendering ------------------------------------------------------------------


def test_totals_and_renderings() -> None:
    g = gold(entities=(("PER", "Budi Santoso"),), quantities=())
    art = article()
    text = score_text_page(g, art, predicted(art, entities=(("PER", "Budi Santoso"),)))
    bad = score_text_page(gold(page="02-lain.txt", title="Judul Lain"), art)
    html = score_html_page(HTML_GOLD, html_article())
    evaluation = PagesEvaluation("contoh", (text, bad), (html,))
    assert evaluation.text_total("keep").correct == 4
    assert evaluation.text_total("title").correct == 1
    assert evaluation.html_total("clean").total == 2
    annotators = evaluation.annotators()
    assert annotators.items == 1
    assert annotators.label("PER").strict.f1 == 1.0

    table = render_table(evaluation, errors=5)
    assert "text pages: keep 1.000 (4/4), drop 1.000 (2/2), title 0.500 (1/2)" in table
    assert "title:\n    1 x got " in table and "[02-lain]" in table
    markdown = render_pages_markdown(evaluation)
    assert "| contoh (2) | 1.000 (4/4) | 1.000 (2/2) | 0.500 (1/2) | 1.000 (2/2) |" in markdown
    assert "| contoh | PER | 1 | 1 | 1.000 |" in markdown
    assert (
        "- contoh: pre-annotators scored on the text pages with gold (PER/ORG/QTY: 1, STANCE: 0)."
        in markdown
    )
    assert "| contoh/html (1) | 1.000 (1/1) |" in markdown
    # The docs table carries counts only, never page text.
    assert "Budi" not in markdown and "Sukamaju" not in markdown
    d = evaluation.to_dict(errors=1)
    assert d["text"]["title"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert d["errors"]["title"] == [
        {"count": 1, "pages": ["02-lain.txt"], "detail": f'got "{TITLE}", want "Judul Lain"'}
    ]


# --- reading a folder ------------------------------------------------------------------------

PAGE = f"{TITLE}\n\nBANDUNG, Warta.id - {BODY}\n\nBaca juga: Harga Cabai Naik\n"
HTML = (
    f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
    "<p>BANDUNG, Warta.id - Ratusan warga Desa Sukamaju berkumpul di balai desa pada Senin "
    "pagi untuk membahas rencana tambang pasir di tepi sungai.</p>"
    "<p>Kepala desa Budi Santoso mengatakan warga menolak rencana itu sejak awal karena "
    "sawah mereka bergantung pada air sungai.</p>"
    "<p>Rapat berikutnya digelar pekan depan.</p></article></body></html>"
)


def write_folder(folder: Path) -> Path:
    (folder / "html").mkdir(parents=True)
    (folder / "01-contoh.txt").write_text(PAGE, encoding="utf-8")
    page_gold = {
        "file": "01-contoh.txt",
        "title": TITLE,
        "dateline": {"outlet": "Warta.id", "place": "BANDUNG"},
        # "sudah lama" is not on the page: it is lost whatever the parser does.
        "body_must_keep": ["warga Desa Sukamaju berkumpul", "sudah lama"],
        # Body text listed as furniture: kept whatever the parser does.
        "boilerplate_must_drop": ["Kepala desa Budi Santoso mengatakan"],
        "entities": [{"label": "PER", "text": "Budi Santoso", "start": 0, "end": 12}],
        "quantities": [],
        "entities_optional": [],
        "quantities_optional": [],
        "optional_zones": [],
        "notes": "",
    }
    (folder / "01-contoh.gold.json").write_text(json.dumps(page_gold), encoding="utf-8")
    stance = {"file": "01-contoh.txt", "stances": [], "optional": [], "notes": ""}
    (folder / "01-contoh.stance.json").write_text(json.dumps(stance), encoding="utf-8")
    (folder / "html" / "01-contoh.html").write_text(HTML, encoding="utf-8")
    expected: dict[str, Any] = {
        "file": "01-contoh.html",
        "title": TITLE,
        "dateline": "BANDUNG, Warta.id -",
        "body_first": "Ratusan warga Desa Sukamaju",
        "body_last": "digelar pekan depan.",
        "published": None,
        "must_not_contain": ["Baca juga"],
    }
    (folder / "html" / "01-contoh.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    return folder


def test_read_pages_reads_text_stance_and_html(tmp_path: Path) -> None:
    pages = read_pages(write_folder(tmp_path / "contoh"))
    assert pages.name == "contoh" and pages.problems == ()
    [(g, raw)] = pages.text
    assert g.dateline == ("Warta.id", "BANDUNG") and g.stances == () and raw == PAGE.encode()
    assert g.entities == (("PER", "Budi Santoso"),)
    [(h, _)] = pages.html
    assert h.body_last == "digelar pekan depan."
    evaluation = evaluate_pages(pages)
    [text] = evaluation.text
    assert (text.keep.correct, text.keep.total, text.drop.correct) == (1, 2, 0)
    assert [s.label for s in text.labels] == ["PER", "ORG", "QTY", "STANCE"]


def test_read_pages_reports_each_bad_file_and_reads_the_rest(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "contoh")
    (folder / "02-rusak.gold.json").write_text("{not json", encoding="utf-8")
    bad_gold = json.loads((folder / "01-contoh.gold.json").read_text(encoding="utf-8"))
    (folder / "03-kurang.gold.json").write_text(
        json.dumps({**bad_gold, "body_must_keep": "satu string"}), encoding="utf-8"
    )
    (folder / "04-hilang.gold.json").write_text(
        json.dumps({**bad_gold, "file": "04-hilang.txt"}), encoding="utf-8"
    )
    (folder / "05-yatim.stance.json").write_text("{}", encoding="utf-8")
    (folder / "01-contoh.stance.json").write_text(
        json.dumps({"stances": [{"text": "x", "polarity": "marah", "holder": None}]}),
        encoding="utf-8",
    )
    (folder / "html" / "02-kosong.expected.json").write_text("{}", encoding="utf-8")
    pages = read_pages(folder)
    assert pages.text == () and len(pages.html) == 1
    problems = "\n".join(pages.problems)
    assert f"{folder / '05-yatim.stance.json'}: no 05-yatim.gold.json beside it" in problems
    assert f"{folder / '01-contoh.stance.json'}: $.stances[0].polarity: 'marah' is not one of" in (
        problems
    )
    assert f"{folder / '02-rusak.gold.json'}: invalid JSON at line 1 column" in problems
    assert f"{folder / '03-kurang.gold.json'}: $.body_must_keep: 'satu string' is not of type" in (
        problems
    )
    assert f"{folder / '04-hilang.gold.json'}: names the page '04-hilang.txt', which is not" in (
        problems
    )
    assert f"{folder / 'html' / '02-kosong.expected.json'}: $: 'file' is a required property" in (
        problems
    )
    assert all("\n" not in p for p in pages.problems)


def test_read_pages_needs_a_folder_with_gold(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such folder"):
        read_pages(tmp_path / "tidak-ada")
    with pytest.raises(ValueError, match=r"no pages to score: no \*\.gold\.json files"):
        read_pages(tmp_path)


def test_text_gold_and_html_gold_from_dicts() -> None:
    g = text_gold(
        {
            "file": "a.txt",
            "title": None,
            "dateline": None,
            "body_must_keep": [],
            "boilerplate_must_drop": [],
            "quantities": [{"text": "ratusan", "low": 100, "high": 999, "value_scored": False}],
        },
        {"stances": [{"text": "ya", "polarity": "favor", "holder": "Budi"}], "optional": []},
    )
    assert g.entities is None and g.quantities == (GoldQuantity("ratusan", None, 100, 999, False),)
    assert g.stances == (GoldStance("ya", "favor", "Budi"),)
    expected: dict[str, Any] = {
        "file": "x.html",
        "title": None,
        "dateline": None,
        "body_first": "a",
        "body_last": "b",
        "published": None,
        "must_not_contain": [],
    }
    with pytest.raises(ValueError, match=r"^x\.expected\.json: \$\.title: None is not of type"):
        html_gold(expected, source="x.expected.json")


# --- the command ---------------------------------------------------------------------------


def test_run_pages_scores_the_folder_and_reports_unusable_files(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "contoh")
    result = run_pages(folder)
    assert result.ok and result.messages == ()
    assert result.to_dict()["folder"] == str(folder)
    assert result.render().startswith("contoh: 1 text pages, 1 HTML pages")
    assert result.markdown().startswith("| text pages | keep | drop | title | dateline |")
    (folder / "09-rusak.gold.json").write_text("[", encoding="utf-8")
    broken = run_pages(folder)
    assert not broken.ok
    assert broken.messages[0].startswith(f"{folder / '09-rusak.gold.json'}: invalid JSON")
    assert broken.evaluation.text == result.evaluation.text


def test_cli_evaluate_pages_table_json_and_errors(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "contoh")
    table = run("--pages", str(folder), "--errors", "3")
    assert table.exit_code == 0, table.stderr
    assert "contoh: 1 text pages, 1 HTML pages" in table.stdout
    assert "text pages: keep 0.500 (1/2), drop 0.000 (0/1)" in table.stdout
    assert 'keep: lost:\n    1 x "sudah lama"  [01-contoh]' in table.stdout
    assert 'drop: kept:\n    1 x "Kepala desa Budi Santoso mengatakan"  [01-contoh]' in table.stdout
    report = json.loads(run("--pages", str(folder), "--json").stdout)
    assert report["folder"] == str(folder)
    assert report["text"]["keep"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["html"]["clean"]["total"] == 1
    assert report["annotators"]["labels"]["PER"]["strict"]["gold"] == 1


def test_cli_evaluate_pages_bad_input(tmp_path: Path) -> None:
    missing = run("--pages", str(tmp_path / "tidak-ada"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"error: {tmp_path / 'tidak-ada'}: no such folder")
    assert len(missing.stderr.splitlines()) == 1
    both = run("--pages", str(tmp_path), "--conll")
    assert both.exit_code == 2
    assert "--pages scores a page folder on its own" in both.stderr
