"""Score the parser and the pre-annotators on real pages with hand gold (`evaluate --pages`).

I/O: `read_pages` reads the folder; everything else is pure.

The folder holds two sets (the format of the project's real-pages development set):

    NN-outlet.txt  + NN-outlet.gold.json  (+ NN-outlet.stance.json)     text scrapes
    html/NN-outlet.html + html/NN-outlet.expected.json                  raw HTML pages

Text pages, per page, on the parsed Article (its text without the title is the body):

    keep      the fraction of `body_must_keep` strings found in the body
    drop      the fraction of `boilerplate_must_drop` strings absent from the whole text (the
              title included: furniture taken for the title still reaches the annotators)
    title     equal to the gold title (null: the parser must report no title)
    dateline  outlet and place equal to the gold ones, case-insensitive; null means none

and, where the page has PER/ORG/QTY gold, the pre-annotations of that Article compared with
the gold as multisets of surface strings (offsets into the raw page mean nothing in the
parser's text):

    strict    a prediction and a gold item match when the strings are identical
    partial   ... or when one occurs inside the other at word boundaries ("Badan Pengawas Obat
              dan Makanan" and "Badan Pengawas Obat dan Makanan (BPOM)"; "Budi" and "Budi Santoso";
              "5" does not match "15"). Positions are not compared.

Each gold and each predicted item is used once, in a maximum matching (the most pairs, then
the closest: most total length of the shorter / length of the longer). An unmatched
prediction that matches an item of the page's optional list the same way is neither right
nor wrong (each optional item excuses one prediction); every other one is a false positive.

    QTY value   strict pairs in reading order (each gold quantity takes the first unused
                prediction with the same text); unless the gold says `value_scored: false`, a
                point value must equal `value`, a range `low` and `high` (relative 1e-6).

Stances, where the page has STANCE gold: strict = identical text; partial = the set's
overlap rule, the longest common substring of the two texts covers at least half of the
shorter one. Unmatched predictions that overlap any optional stance are ignored. On
partially matched pairs: polarity equal, and the holder right when both are null or the
predicted holder entity's text and the gold holder share a name token (`same_holder`).

HTML pages, per page: title equal; start (`body_first` in the text, with at most
START_SLACK characters before it once the title and the detected dateline are taken out);
end (`body_last` in the text); clean (each `must_not_contain` string absent); published
(equal, on pages that state a date); dateline (equal ignoring case and the kind of dash;
a page without one must get none).

All strings are compared after `normalise` (NFC, invisible characters out, curly quotes
straight, whitespace runs to one space). A page the parser rejects fails every check.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotate.evaluate import Accuracy, Counts, Evaluation, LabelScore, render_markdown, same_holder
from annotate.evaluate import render_table as render_label_table
from annotate.parse import parse_bytes
from annotate.preannotate import preannotate
from corpus.errors import InputError, NewsgoldError
from corpus.records import Article, Document, Quantity
from corpus.schemas import label_set

JSON = dict[str, Any]

START_SLACK = 200
"""Characters an HTML page's text may carry before `body_first` (besides title and dateline)."""

VALUE_TOLERANCE = 1e-6
"""Relative tolerance of a QTY value, as the set's README says."""

SHOWN_CHARS = 80
"""Longest string shown in an error line (longer ones are cut in the middle)."""

TEXT_METRICS: tuple[str, ...] = ("keep", "drop", "title", "dateline")
HTML_METRICS: tuple[str, ...] = ("title", "start", "end", "clean", "published", "dateline")

GOLD_SUFFIX = ".gold.json"
STANCE_SUFFIX = ".stance.json"
EXPECTED_SUFFIX = ".expected.json"

# --- normalisation ------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
_STRAIGHT = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f", '"'),
    }
)
# Any dash between the parts of a dateline ("Medan, Outlet -", "Medan, Outlet –", "Medan--").
_DATELINE_DASH = re.compile(r"\s*(?:--|[-\u2010-\u2015])\s*")


def normalise(text: str | None) -> str:
    """NFC, invisible characters removed, curly quotes straight, whitespace runs to one space.

    Scrapes and parsers differ in exactly these (a zero-width space, a non-breaking space, a
    typographic quote), none of which a reader sees.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_STRAIGHT)
    return " ".join(text.split())


def _dateline_key(text: str | None) -> str:
    return _DATELINE_DASH.sub(" - ", normalise(text)).strip(" -").casefold()


def _fold(text: str | None) -> str | None:
    return None if text is None else normalise(text).casefold()


def _shown(text: str) -> str:
    text = normalise(text)
    if len(text) <= SHOWN_CHARS:
        return text
    half = SHOWN_CHARS // 2
    return f"{text[: half - 1]}…{text[-half + 1 :]}"


# --- gold ---------------------------------------------------------------------------------


OutletPlace = tuple[str | None, str | None]
"""A dateline's outlet and place, either None when the dateline does not name it."""


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    text: str
    value: float | None
    low: float | None
    high: float | None
    scored: bool  # False where the gold says "value_scored": false


@dataclass(frozen=True, slots=True)
class GoldStance:
    text: str
    polarity: str
    holder: str | None


@dataclass(frozen=True, slots=True)
class TextGold:
    """The gold of one text page (`NN-outlet.gold.json`, with its `.stance.json` if any).

    `entities` and `quantities` are None on a page without PER/ORG/QTY gold, `stances` on a
    page without a stance file. Entities are (label, text) pairs.
    """

    page: str
    title: str | None
    dateline: OutletPlace | None
    keep: tuple[str, ...]
    drop: tuple[str, ...]
    entities: tuple[tuple[str, str], ...] | None = None
    entities_optional: tuple[tuple[str, str], ...] = ()
    quantities: tuple[GoldQuantity, ...] | None = None
    quantities_optional: tuple[str, ...] = ()
    stances: tuple[GoldStance, ...] | None = None
    stances_optional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HtmlGold:
    """The expectations of one HTML page (`html/NN-outlet.expected.json`)."""

    page: str
    title: str
    dateline: str | None
    body_first: str
    body_last: str
    published: str | None
    furniture: tuple[str, ...]


def _nullable(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


_TEXT = {"type": "string", "minLength": 1}
_STR_OR_NULL = {"type": ["string", "null"]}
_NUM_OR_NULL = {"type": ["number", "null"]}
_STRINGS = {"type": "array", "items": _TEXT}


def _gold_schema() -> JSON:
    ls = label_set()
    entity = {
        "type": "object",
        "required": ["label", "text"],
        "properties": {"label": {"enum": list(ls.entity_labels)}, "text": _TEXT},
    }
    quantity = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": _TEXT,
            "value": _NUM_OR_NULL,
            "low": _NUM_OR_NULL,
            "high": _NUM_OR_NULL,
            "unit": _STR_OR_NULL,
            "value_scored": {"type": "boolean"},
        },
    }
    return {
        "type": "object",
        "required": ["file", "title", "dateline", "body_must_keep", "boilerplate_must_drop"],
        "properties": {
            "file": _TEXT,
            "title": _STR_OR_NULL,
            "dateline": _nullable(
                {
                    "type": "object",
                    "required": ["outlet", "place"],
                    "properties": {"outlet": _STR_OR_NULL, "place": _STR_OR_NULL},
                }
            ),
            "body_must_keep": _STRINGS,
            "boilerplate_must_drop": _STRINGS,
            "entities": _nullable({"type": "array", "items": entity}),
            "entities_optional": _nullable({"type": "array", "items": entity}),
            "quantities": _nullable({"type": "array", "items": quantity}),
            "quantities_optional": _nullable({"type": "array", "items": quantity}),
        },
    }


def _stance_schema() -> JSON:
    stance = {
        "type": "object",
        "required": ["text", "polarity", "holder"],
        "properties": {
            "text": _TEXT,
            "polarity": {"enum": list(label_set().polarity_names)},
            "holder": _STR_OR_NULL,
        },
    }
    optional = {"type": "object", "required": ["text"], "properties": {"text": _TEXT}}
    return {
        "type": "object",
        "required": ["stances"],
        "properties": {
            "stances": {"type": "array", "items": stance},
            "optional": {"type": "array", "items": optional},
        },
    }


def _expected_schema() -> JSON:
    return {
        "type": "object",
        "required": [
            "file",
            "title",
            "dateline",
            "body_first",
            "body_last",
            "published",
            "must_not_contain",
        ],
        "properties": {
            "file": _TEXT,
            "title": _TEXT,
            "dateline": _STR_OR_NULL,
            "body_first": _TEXT,
            "body_last": _TEXT,
            "published": _STR_OR_NULL,
            "must_not_contain": _STRINGS,
        },
    }


def _check(record: Any, schema: JSON, source: str) -> JSON:
    """`record` if it fits `schema`; else InputError naming the file and the JSON path."""
    from jsonschema import Draft202012Validator  # lazy: keeps `--help` fast

    found = sorted(Draft202012Validator(schema).iter_errors(record), key=lambda e: e.json_path)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise InputError(
            f"{first.json_path}: {first.message}{more}; see the page set's README for the format",
            source=source,
        )
    assert isinstance(record, dict)  # the schemas' top level is an object
    return record


def text_gold(
    gold: Any,
    stance: Any | None = None,
    *,
    source: str = "<gold>",
    stance_source: str = "<stance>",
) -> TextGold:
    """A text page's gold from its decoded `.gold.json` (and `.stance.json`, if any).

    Raises InputError naming the file and the JSON path when one does not fit the format.
    """
    g = _check(gold, _gold_schema(), source)
    s = None if stance is None else _check(stance, _stance_schema(), stance_source)
    dateline = g["dateline"]
    entities = g.get("entities")
    quantities = g.get("quantities")
    return TextGold(
        page=g["file"],
        title=g["title"],
        dateline=None if dateline is None else (dateline["outlet"], dateline["place"]),
        keep=tuple(g["body_must_keep"]),
        drop=tuple(g["boilerplate_must_drop"]),
        entities=None if entities is None else tuple((e["label"], e["text"]) for e in entities),
        entities_optional=tuple((e["label"], e["text"]) for e in g.get("entities_optional") or ()),
        quantities=None
        if quantities is None
        else tuple(
            GoldQuantity(
                q["text"],
                q.get("value"),
                q.get("low"),
                q.get("high"),
                q.get("value_scored", True),
            )
            for q in quantities
        ),
        quantities_optional=tuple(q["text"] for q in g.get("quantities_optional") or ()),
        stances=None
        if s is None
        else tuple(GoldStance(x["text"], x["polarity"], x["holder"]) for x in s["stances"]),
        stances_optional=() if s is None else tuple(x["text"] for x in s.get("optional", ())),
    )


def html_gold(expected: Any, *, source: str = "<expected>") -> HtmlGold:
    """An HTML page's expectations from its decoded `.expected.json`; InputError when malformed."""
    e = _check(expected, _expected_schema(), source)
    return HtmlGold(
        page=e["file"],
        title=e["title"],
        dateline=e["dateline"],
        body_first=e["body_first"],
        body_last=e["body_last"],
        published=e["published"],
        furniture=tuple(e["must_not_contain"]),
    )


# --- reading a folder (I/O) -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageSet:
    """The pages of a folder with their gold; `problems` are files that could not be used."""

    name: str
    text: tuple[tuple[TextGold, bytes], ...] = ()
    html: tuple[tuple[HtmlGold, bytes], ...] = ()
    problems: tuple[str, ...] = ()


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read: {e}", source=str(path)) from None
    except json.JSONDecodeError as e:
        raise InputError(f"not JSON: {e}", source=str(path)) from None


def _read_page(folder: Path, name: str, gold_file: Path) -> bytes:
    page = folder / name
    if Path(name).name != name or not page.is_file():
        raise InputError(
            f"names the page {name!r}, which is not a file in {folder}", source=str(gold_file)
        )
    return page.read_bytes()


def read_pages(folder: Path) -> PageSet:
    """Read a page folder: text pages at its top, HTML pages in its `html/` subfolder.

    A file that cannot be used (not JSON, not in the format, naming a missing page) is
    reported in `problems` and the rest is read; a folder that does not exist or holds no
    gold at all raises InputError.
    """
    if not folder.is_dir():
        raise InputError(
            "no such folder (give the folder of NN-outlet.txt + .gold.json files)",
            source=str(folder),
        )
    text: list[tuple[TextGold, bytes]] = []
    html: list[tuple[HtmlGold, bytes]] = []
    problems: list[str] = []
    golds = sorted(folder.glob(f"*{GOLD_SUFFIX}"))
    stems = {p.name.removesuffix(GOLD_SUFFIX) for p in golds}
    for path in sorted(folder.glob(f"*{STANCE_SUFFIX}")):
        if path.name.removesuffix(STANCE_SUFFIX) not in stems:
            problems.append(
                f"{path}: no {path.name.replace(STANCE_SUFFIX, GOLD_SUFFIX)} beside it (not scored)"
            )
    for path in golds:
        stance_path = path.with_name(path.name.replace(GOLD_SUFFIX, STANCE_SUFFIX))
        try:
            stance = _read_json(stance_path) if stance_path.exists() else None
            gold = text_gold(
                _read_json(path), stance, source=str(path), stance_source=str(stance_path)
            )
            text.append((gold, _read_page(folder, gold.page, path)))
        except InputError as e:
            problems.append(str(e))
    expected = sorted((folder / "html").glob(f"*{EXPECTED_SUFFIX}"))
    for path in expected:
        try:
            exp = html_gold(_read_json(path), source=str(path))
            html.append((exp, _read_page(path.parent, exp.page, path)))
        except InputError as e:
            problems.append(str(e))
    if not golds and not expected:
        raise InputError(
            f"no pages to score: no *{GOLD_SUFFIX} files and no html/*{EXPECTED_SUFFIX} files",
            source=str(folder),
        )
    return PageSet(folder.resolve().name, tuple(text), tuple(html), tuple(problems))


# --- matching -----------------------------------------------------------------------------

Closeness = Callable[[str, str], float | None]
"""How closely a gold and a predicted string match, in (0, 1]; None when they do not match."""


def _assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Column of each row in a minimum-cost assignment (Hungarian method, rows <= columns)."""
    rows, cols = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: the row (1-based) holding column j; 0 is free
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0], j0 = row, 0
        slack, used = [inf] * (cols + 1), [False] * (cols + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, j0
                    if slack[j] < delta:
                        delta, j1 = slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
        while j0:
            owner[j0] = owner[way[j0]]
            j0 = way[j0]
    column = [0] * rows
    for j in range(1, cols + 1):
        if owner[j]:
            column[owner[j] - 1] = j - 1
    return column


def best_pairs(
    gold: Sequence[str], pred: Sequence[str], closeness: Closeness
) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: the most matching pairs, then the closest ones.

    Exact, not greedy: every pair is worth more than any sum of closeness values (which
    are at most 1 each), so a minimum-cost assignment first maximises the number of pairs.
    """
    if not gold or not pred:
        return []
    worth = [[closeness(g, p) for p in pred] for g in gold]
    big = min(len(gold), len(pred)) + 1.0
    flip = len(gold) > len(pred)  # the assignment wants no more rows than columns
    rows = [list(r) for r in zip(*worth, strict=True)] if flip else worth
    cost = [[0.0 if w is None else -(big + w) for w in r] for r in rows]
    pairs = []
    for i, j in enumerate(_assignment(cost)):
        gi, pi = (j, i) if flip else (i, j)
        if worth[gi][pi] is not None:
            pairs.append((gi, pi))
    return sorted(pairs)


def identical(gold: str, pred: str) -> float | None:
    return 1.0 if gold == pred else None


def contained(gold: str, pred: str) -> float | None:
    """One string inside the other at word boundaries; closeness = shorter / longer length."""
    short, long = sorted((gold, pred), key=len)
    if not short or not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long):
        return None
    return len(short) / len(long)


def overlapping(gold: str, pred: str) -> float | None:
    """The longest common substring covers half the shorter string; closeness = it / longer."""
    if not gold or not pred:
        return None
    matcher = difflib.SequenceMatcher(None, gold, pred, autojunk=False)
    common = matcher.find_longest_match(0, len(gold), 0, len(pred)).size
    if 2 * common < min(len(gold), len(pred)):
        return None
    return common / max(len(gold), len(pred))


@dataclass(frozen=True, slots=True)
class StringMatch:
    """Gold and predicted strings matched: the pairs, the misses and the false positives."""

    pairs: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]  # gold indices
    spurious: tuple[int, ...]  # predicted indices: unmatched, and not excused by an optional item

    @property
    def counts(self) -> Counts:
        return Counts(len(self.pairs), len(self.spurious), len(self.missed))


def match_strings(
    gold: Sequence[str],
    pred: Sequence[str],
    closeness: Closeness,
    optional: Sequence[str] = (),
    *,
    optional_once: bool = True,
) -> StringMatch:
    """Match gold and predicted strings; unmatched predictions that match an optional item
    are excused (each optional item excuses one with `optional_once`, else any number)."""
    pairs = best_pairs(gold, pred, closeness)
    matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    left = [pi for pi in range(len(pred)) if pi not in matched_pred]
    if optional_once:
        excused = {left[li] for _, li in best_pairs(optional, [pred[pi] for pi in left], closeness)}
    else:
        excused = {pi for pi in left if any(closeness(o, pred[pi]) is not None for o in optional)}
    return StringMatch(
        tuple(pairs),
        tuple(gi for gi in range(len(gold)) if gi not in matched_gold),
        tuple(pi for pi in left if pi not in excused),
    )


# --- scores ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Miss:
    """One thing scored wrong on a page, for `--errors`."""

    kind: str
    page: str
    detail: str

    def to_dict(self) -> JSON:
        return {"kind": self.kind, "page": self.page, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class TextPageScore:
    page: str
    keep: Accuracy
    drop: Accuracy
    title: bool
    dateline: bool
    labels: tuple[LabelScore, ...] = ()  # the labels the page has gold for
    quantity_value: Accuracy = field(default_factory=Accuracy)
    stance_polarity: Accuracy = field(default_factory=Accuracy)
    stance_holder: Accuracy = field(default_factory=Accuracy)
    misses: tuple[Miss, ...] = ()
    error: str | None = None

    def label(self, name: str) -> LabelScore | None:
        return next((s for s in self.labels if s.label == name), None)

    def to_dict(self) -> JSON:
        return {
            "page": self.page,
            "error": self.error,
            "keep": self.keep.to_dict(),
            "drop": self.drop.to_dict(),
            "title": self.title,
            "dateline": self.dateline,
            "labels": {s.label: s.to_dict() for s in self.labels},
            "quantity_value": self.quantity_value.to_dict(),
            "stance_polarity": self.stance_polarity.to_dict(),
            "stance_holder": self.stance_holder.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class HtmlPageScore:
    page: str
    title: bool
    start: bool
    end: bool
    clean: Accuracy
    published: bool | None  # None: the page states no date
    dateline: bool
    before_body: int | None = None  # characters before body_first; None when it is missing
    misses: tuple[Miss, ...] = ()
    error: str | None = None

    def to_dict(self) -> JSON:
        return {
            "page": self.page,
            "error": self.error,
            "title": self.title,
            "start": self.start,
            "before_body": self.before_body,
            "end": self.end,
            "clean": self.clean.to_dict(),
            "published": self.published,
            "dateline": self.dateline,
        }


def _body(article: Article) -> str:
    """The text after the title paragraph (the whole text when there is no title)."""
    if article.title and article.text.startswith(article.title):
        return article.text[len(article.title) :]
    return article.text


def _same_number(gold: float | None, pred: float | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(gold - pred) <= VALUE_TOLERANCE * max(abs(gold), abs(pred))


def _value_right(gold: GoldQuantity, pred: Quantity) -> bool:
    if gold.low is not None or gold.high is not None:  # a range: both ends count
        return _same_number(gold.low, pred.low) and _same_number(gold.high, pred.high)
    return _same_number(gold.value, pred.value)


def _same_dateline(got: OutletPlace | None, want: OutletPlace | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return all(_fold(a) == _fold(b) for a, b in zip(got, want, strict=True))


def _quoted(text: str | None) -> str:
    return f'"{_shown(text)}"' if text else "none"


def _fails(page: str, error: str, kind: str) -> Miss:
    return Miss(kind, page, f"the parser rejected the page: {error}")


def score_text_page(
    gold: TextGold, article: Article | None, predicted: Document | None = None, *, error: str = ""
) -> TextPageScore:
    """Score one text page: `article` is the parse (None when the parser rejected the page)
    and `predicted` its pre-annotation (needed when the page has entity or stance gold)."""
    page = gold.page
    if article is None:
        return _failed_text_page(gold, error or "no Article")
    misses: list[Miss] = []
    body, whole = normalise(_body(article)), normalise(article.text)
    lost = [k for k in gold.keep if normalise(k) not in body]
    kept = [d for d in gold.drop if normalise(d) in whole]
    misses += [Miss("keep: lost", page, f'"{_shown(k)}"') for k in lost]
    misses += [Miss("drop: kept", page, f'"{_shown(d)}"') for d in kept]
    title_ok = normalise(gold.title) == normalise(article.title)
    if not title_ok:
        misses.append(
            Miss("title", page, f"got {_quoted(article.title)}, want {_quoted(gold.title)}")
        )
    got = None if article.dateline is None else (article.dateline.outlet, article.dateline.place)
    want = gold.dateline
    dateline_ok = _same_dateline(got, want)
    if not dateline_ok:
        misses.append(
            Miss("dateline", page, f"got {_outlet_place(got)}, want {_outlet_place(want)}")
        )
    labels: list[LabelScore] = []
    value = polarity = holder = Accuracy()
    if gold.entities is not None or gold.stances is not None:
        if predicted is None:
            raise ValueError(f"{page}: the page has entity or stance gold; pass its pre-annotation")
        if gold.entities is not None:
            entity_scores, value, found = _score_entities(gold, predicted)
            labels += entity_scores
            misses += found
        if gold.stances is not None:
            stance_score, polarity, holder, found = _score_stances(gold, predicted)
            labels.append(stance_score)
            misses += found
    return TextPageScore(
        page,
        Accuracy(len(gold.keep) - len(lost), len(gold.keep)),
        Accuracy(len(gold.drop) - len(kept), len(gold.drop)),
        title_ok,
        dateline_ok,
        tuple(labels),
        value,
        polarity,
        holder,
        tuple(misses),
    )


def _outlet_place(dateline: OutletPlace | None) -> str:
    if dateline is None:
        return "none"
    outlet, place = dateline
    return f"outlet {outlet or '–'} / place {place or '–'}"


def _failed_text_page(gold: TextGold, error: str) -> TextPageScore:
    """A page the parser rejected: nothing kept, nothing dropped, every gold item missed."""
    ls = label_set()
    labels = []
    if gold.entities is not None:
        for label in ls.entity_labels:
            n = sum(1 for lb, _ in gold.entities if lb == label)
            labels.append(LabelScore(label, Counts(fn=n), Counts(fn=n)))
        n = len(gold.quantities or ())
        labels.append(LabelScore(ls.quantity_label, Counts(fn=n), Counts(fn=n)))
    if gold.stances is not None:
        n = len(gold.stances)
        labels.append(LabelScore(ls.stance_label, Counts(fn=n), Counts(fn=n)))
    return TextPageScore(
        gold.page,
        Accuracy(0, len(gold.keep)),
        Accuracy(0, len(gold.drop)),
        False,
        False,
        tuple(labels),
        misses=(_fails(gold.page, error, "parse error"),),
        error=error,
    )


def _score_entities(
    gold: TextGold, predicted: Document
) -> tuple[list[LabelScore], Accuracy, list[Miss]]:
    ls = label_set()
    page = gold.page
    scores, misses = [], []
    groups = [
        (
            label,
            [t for lb, t in gold.entities or () if lb == label],
            [t for lb, t in gold.entities_optional if lb == label],
            [e.text for e in predicted.entities if e.label == label],
        )
        for label in ls.entity_labels
    ]
    quantities = sorted(predicted.quantities, key=lambda q: (q.start, q.end))
    groups.append(
        (
            ls.quantity_label,
            [q.text for q in gold.quantities or ()],
            list(gold.quantities_optional),
            [q.text for q in quantities],
        )
    )
    for label, gold_texts, optional, pred_texts in groups:
        g, o, p = ([normalise(t) for t in ts] for ts in (gold_texts, optional, pred_texts))
        strict = match_strings(g, p, identical, o)
        partial = match_strings(g, p, contained, o)
        scores.append(LabelScore(label, strict.counts, partial.counts))
        misses += [Miss(f"{label}: false positive", page, f'"{p[i]}"') for i in strict.spurious]
        misses += [Miss(f"{label}: missed", page, f'"{g[i]}"') for i in strict.missed]

    # QTY values: gold quantities in reading order, each with the first unused prediction of
    # the same text (the strict pairs, in order).
    value = Accuracy()
    waiting: dict[str, list[int]] = {}
    for i, q in enumerate(quantities):
        waiting.setdefault(normalise(q.text), []).append(i)
    for gq in gold.quantities or ():
        queue = waiting.get(normalise(gq.text))
        if not queue:
            continue
        pq = quantities[queue.pop(0)]
        if not gq.scored:
            continue
        right = _value_right(gq, pq)
        value += Accuracy(int(right), 1)
        if not right:
            misses.append(
                Miss(
                    f"{ls.quantity_label}: wrong value",
                    page,
                    f'"{normalise(gq.text)}" got {_number(pq.value, pq.low, pq.high)}, '
                    f"want {_number(gq.value, gq.low, gq.high)}",
                )
            )
    return scores, value, misses


def _number(value: float | None, low: float | None, high: float | None) -> str:
    """A value or a range for an error line: "1.5e+09", "2–3", "none"."""

    def shown(x: float | None) -> str:
        return "none" if x is None else f"{x:g}"

    return shown(value) if low is None and high is None else f"{shown(low)}–{shown(high)}"


def _score_stances(
    gold: TextGold, predicted: Document
) -> tuple[LabelScore, Accuracy, Accuracy, list[Miss]]:
    label = label_set().stance_label
    page = gold.page
    stances = gold.stances or ()
    names = {e.id: e.text for e in predicted.entities}
    g = [normalise(s.text) for s in stances]
    p = [normalise(s.text) for s in predicted.stances]
    o = [normalise(t) for t in gold.stances_optional]
    strict = match_strings(g, p, identical, o, optional_once=False)
    partial = match_strings(g, p, overlapping, o, optional_once=False)
    misses = [
        Miss(
            f"{label}: missed",
            page,
            f'{stances[i].polarity}, holder {stances[i].holder}: "{_shown(g[i])}"',
        )
        for i in partial.missed
    ]
    misses += [
        Miss(f"{label}: false positive", page, f'{predicted.stances[i].polarity}: "{_shown(p[i])}"')
        for i in partial.spurious
    ]
    polarity = holder = Accuracy()
    for gi, pi in partial.pairs:
        gs, ps = stances[gi], predicted.stances[pi]
        # A dangling holder id names nobody: it never matches a holder.
        p_holder = None if ps.holder is None else names.get(ps.holder, "")
        polarity += Accuracy(int(gs.polarity == ps.polarity), 1)
        holder += Accuracy(int(same_holder(gs.holder, p_holder)), 1)
        if gs.polarity != ps.polarity:
            misses.append(
                Miss(
                    f"{label}: polarity",
                    page,
                    f'got {ps.polarity}, want {gs.polarity}: "{_shown(g[gi])}"',
                )
            )
        if not same_holder(gs.holder, p_holder):
            misses.append(
                Miss(
                    f"{label}: holder", page, f'got {p_holder}, want {gs.holder}: "{_shown(g[gi])}"'
                )
            )
    return LabelScore(label, strict.counts, partial.counts), polarity, holder, misses


def score_html_page(gold: HtmlGold, article: Article | None, *, error: str = "") -> HtmlPageScore:
    """Score one HTML page's parse (None when the parser rejected the page)."""
    page = gold.page
    has_date = gold.published is not None
    if article is None:
        return HtmlPageScore(
            page,
            False,
            False,
            False,
            Accuracy(0, len(gold.furniture)),
            False if has_date else None,
            False,
            misses=(_fails(page, error or "no Article", "html: parse error"),),
            error=error or "no Article",
        )
    misses = []
    text, title = normalise(article.text), normalise(article.title)
    dateline = article.dateline.text if article.dateline else None
    title_ok = title == normalise(gold.title)
    if not title_ok:
        misses.append(
            Miss("html: title", page, f"got {_quoted(title)}, want {_quoted(gold.title)}")
        )
    at = text.find(normalise(gold.body_first))
    before_body = None
    if at < 0:
        misses.append(
            Miss("html: start", page, f'body_first not in the text: "{_shown(gold.body_first)}"')
        )
    else:
        before = text[:at]
        for part in (title, normalise(dateline)):
            if part:
                before = before.replace(part, "", 1)
        before_body = len(before.strip())
        if before_body > START_SLACK:
            misses.append(
                Miss(
                    "html: start",
                    page,
                    f'{before_body} characters before the body: "{_shown(before)}"',
                )
            )
    end_ok = normalise(gold.body_last) in text
    if not end_ok:
        misses.append(
            Miss("html: end", page, f'body_last not in the text: "{_shown(gold.body_last)}"')
        )
    leaked = [f for f in gold.furniture if normalise(f) in text]
    misses += [Miss("html: furniture kept", page, f'"{_shown(f)}"') for f in leaked]
    published = article.published == gold.published if has_date else None
    if published is False:
        misses.append(
            Miss("html: published", page, f"got {article.published}, want {gold.published}")
        )
    if gold.dateline is None:
        dateline_ok = dateline is None
    else:
        dateline_ok = dateline is not None and _dateline_key(dateline) == _dateline_key(
            gold.dateline
        )
    if not dateline_ok:
        misses.append(
            Miss("html: dateline", page, f"got {_quoted(dateline)}, want {_quoted(gold.dateline)}")
        )
    return HtmlPageScore(
        page,
        title_ok,
        before_body is not None and before_body <= START_SLACK,
        end_ok,
        Accuracy(len(gold.furniture) - len(leaked), len(gold.furniture)),
        published,
        dateline_ok,
        before_body,
        tuple(misses),
    )


# --- the whole folder ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PagesEvaluation:
    """Scores of every page of a folder (the `--json` output is `to_dict`)."""

    name: str
    text: tuple[TextPageScore, ...] = ()
    html: tuple[HtmlPageScore, ...] = ()

    def text_total(self, metric: str) -> Accuracy:
        """keep / drop (strings) or title / dateline (pages) over the text pages."""
        total = Accuracy()
        for p in self.text:
            got = getattr(p, metric)
            total += got if isinstance(got, Accuracy) else Accuracy(int(got), 1)
        return total

    def html_total(self, metric: str) -> Accuracy:
        """title / start / end / published / dateline (pages) or clean (strings) over HTML pages."""
        total = Accuracy()
        for p in self.html:
            got = getattr(p, metric)
            if isinstance(got, Accuracy):
                total += got
            elif got is not None:  # published is None on a page that states no date
                total += Accuracy(int(got), 1)
        return total

    def annotators(self) -> Evaluation:
        """The pre-annotators on the text pages with gold, as an `annotate.evaluate` Evaluation."""
        strict: dict[str, Counts] = {}
        partial: dict[str, Counts] = {}
        value = polarity = holder = Accuracy()
        scored = [p for p in self.text if p.labels]
        for p in scored:
            for s in p.labels:
                strict[s.label] = strict.get(s.label, Counts()) + s.strict
                partial[s.label] = partial.get(s.label, Counts()) + s.partial
            value += p.quantity_value
            polarity += p.stance_polarity
            holder += p.stance_holder
        labels = tuple(
            LabelScore(lb, strict[lb], partial[lb]) for lb in label_set().names if lb in strict
        )
        # Units are not compared: the set puts counted nouns in `unit` ("tiga orang": orang),
        # our guidelines leave them out (unit null).
        return Evaluation(
            labels, len(scored), value, stance_polarity=polarity, stance_holder=holder
        )

    def gold_pages(self) -> str:
        """Which text pages the pre-annotators were scored on, in words."""
        ls = label_set()

        def pages_with(label: str) -> int:
            return sum(1 for p in self.text if p.label(label) is not None)

        spans = "/".join(ls.token_labels)
        stances = ls.stance_label
        return (
            f"text pages with gold ({spans}: {pages_with(ls.quantity_label)}, "
            f"{stances}: {pages_with(stances)})"
        )

    def misses(self) -> list[Miss]:
        return [
            *(m for p in self.text for m in p.misses),
            *(m for h in self.html for m in h.misses),
        ]

    def to_dict(self, *, errors: int = 0) -> JSON:
        d: JSON = {
            "name": self.name,
            "text": {
                "pages": len(self.text),
                **{m: self.text_total(m).to_dict() for m in TEXT_METRICS},
                "parse_errors": [p.page for p in self.text if p.error],
            },
            "annotators": self.annotators().to_dict(),
            "html": {
                "pages": len(self.html),
                **{m: self.html_total(m).to_dict() for m in HTML_METRICS},
                "parse_errors": [p.page for p in self.html if p.error],
            },
            "text_pages": [p.to_dict() for p in self.text],
            "html_pages": [p.to_dict() for p in self.html],
        }
        if errors:
            d["errors"] = {
                kind: [{"count": n, "pages": pages, "detail": detail} for n, pages, detail in found]
                for kind, found in grouped_misses(self.misses(), errors).items()
            }
        return d


def grouped_misses(misses: Iterable[Miss], n: int) -> dict[str, list[tuple[int, list[str], str]]]:
    """Per kind, the first `n` distinct details with how often and on which pages they occur
    (the most frequent first, then in page order)."""
    kinds: dict[str, dict[str, list[str]]] = {}
    for m in misses:
        kinds.setdefault(m.kind, {}).setdefault(m.detail, []).append(m.page)
    return {
        kind: sorted(
            ((len(pages), sorted(set(pages)), detail) for detail, pages in details.items()),
            key=lambda found: -found[0],  # stable: equal counts stay in page order
        )[:n]
        for kind, details in kinds.items()
    }


def evaluate_pages(pages: PageSet) -> PagesEvaluation:
    """Parse every page, pre-annotate the text pages that have entity or stance gold, score."""
    text = []
    for gold, raw in pages.text:
        try:
            article = parse_bytes(raw, source=gold.page)
        except NewsgoldError as e:
            text.append(score_text_page(gold, None, error=str(e)))
            continue
        wanted = gold.entities is not None or gold.stances is not None
        text.append(score_text_page(gold, article, preannotate(article) if wanted else None))
    html = []
    for exp, raw in pages.html:
        try:
            html.append(score_html_page(exp, parse_bytes(raw, source=exp.page)))
        except NewsgoldError as e:
            html.append(score_html_page(exp, None, error=str(e)))
    return PagesEvaluation(pages.name, tuple(text), tuple(html))


# --- rendering ----------------------------------------------------------------------------


def _rate(a: Accuracy) -> str:
    return "–" if a.accuracy is None else f"{a.accuracy:.3f} ({a.correct}/{a.total})"


def _ok(value: bool | None) -> str:
    return "–" if value is None else "ok" if value else "FAIL"


def _f1(score: LabelScore | None, partial: bool = False) -> str:
    if score is None:
        return "–"
    f1 = (score.partial if partial else score.strict).f1
    return "–" if f1 is None else f"{f1:.3f}"


def render_table(evaluation: PagesEvaluation, *, errors: int = 0) -> str:
    """Plain-text tables for a person: per page, the totals, and with `errors` what went wrong."""
    ls = label_set()
    entity_labels = (*ls.entity_labels, ls.quantity_label)
    lines = [
        f"{evaluation.name}: {len(evaluation.text)} text pages, {len(evaluation.html)} HTML pages"
    ]
    if evaluation.text:
        head = (
            f"{'text page':<24} {'keep':>5} {'drop':>6} {'title':>5} {'dateln':>6}"
            + "".join(f" {lb:>6}" for lb in entity_labels)
            + f" {ls.stance_label:>6}"
        )
        lines += ["", head, "─" * len(head)]
        for p in evaluation.text:
            lines.append(
                f"{p.page.removesuffix('.txt'):<24} {p.keep.correct:>2}/{p.keep.total:<2}"
                f" {p.drop.correct:>3}/{p.drop.total:<2} {_ok(p.title):>5} {_ok(p.dateline):>6}"
                + "".join(f" {_f1(p.label(lb)):>6}" for lb in entity_labels)
                + f" {_f1(p.label(ls.stance_label), partial=True):>6}"
                + (f"  {p.error}" if p.error else "")
            )
        lines += [
            "",
            "text pages: "
            + ", ".join(f"{m} {_rate(evaluation.text_total(m))}" for m in TEXT_METRICS),
            f"(columns {', '.join(entity_labels)}: strict F1; {ls.stance_label}: F1 by overlap)",
        ]
        annotators = evaluation.annotators()
        if annotators.labels:
            lines += [
                "",
                render_label_table(
                    annotators,
                    title=f"pre-annotators on the {evaluation.gold_pages()}",
                ),
            ]
    if evaluation.html:
        head = (
            f"{'HTML page':<24} {'title':>5} {'start':>5} {'end':>5} {'clean':>6}"
            f" {'pub':>5} {'dateln':>6}"
        )
        lines += ["", head, "─" * len(head)]
        for h in evaluation.html:
            before = "" if h.before_body is None else f"  {h.before_body} chars before the body"
            lines.append(
                f"{h.page.removesuffix('.html'):<24} {_ok(h.title):>5} {_ok(h.start):>5}"
                f" {_ok(h.end):>5} {h.clean.correct:>3}/{h.clean.total:<2}"
                f" {_ok(h.published):>5} {_ok(h.dateline):>6}"
                + (f"  {h.error}" if h.error else before)
            )
        lines += [
            "",
            "HTML pages: "
            + ", ".join(f"{m} {_rate(evaluation.html_total(m))}" for m in HTML_METRICS),
        ]
    if errors:
        for kind, found in grouped_misses(evaluation.misses(), errors).items():
            lines += ["", f"{kind}:"]
            for n, pages, detail in found:
                where = ", ".join(p.removesuffix(".txt").removesuffix(".html") for p in pages)
                lines.append(f"  {n:>3} x {detail}  [{where}]")
    return "\n".join(lines)


def _totals_row(
    kind: str, row: str, metrics: Sequence[str], total: Callable[[str], Accuracy]
) -> list[str]:
    """A one-row Markdown table: `kind` in the corner, one column per metric."""
    return [
        f"| {kind} | " + " | ".join(metrics) + " |",
        "| --- |" + " ---: |" * len(metrics),
        f"| {row} | " + " | ".join(_rate(total(m)) for m in metrics) + " |",
    ]


def render_pages_markdown(evaluation: PagesEvaluation) -> str:
    """Markdown tables of the totals for docs/quality.md (no page text: only counts)."""
    name = evaluation.name
    lines = []
    if evaluation.text:
        row = f"{name} ({len(evaluation.text)})"
        lines += _totals_row("text pages", row, TEXT_METRICS, evaluation.text_total)
        annotators = evaluation.annotators()
        if annotators.labels:
            lines += [
                "",
                render_markdown([(name, annotators)]),
                f"- {name}: pre-annotators scored on the {evaluation.gold_pages()}.",
            ]
    if evaluation.html:
        row = f"{name}/html ({len(evaluation.html)})"
        lines += [
            *([""] if lines else []),
            *_totals_row("HTML pages", row, HTML_METRICS, evaluation.html_total),
        ]
    return "\n".join(lines)
