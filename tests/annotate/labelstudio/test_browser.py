"""Offsets in a real browser: Label Studio 1.23.2's labelling page in Chromium (docs/offsets.md).

A text with an emoji, a ZWJ sequence, a flag, a skin tone, a combining accent and an
astral letter before its spans is pushed with predictions; the test reads what the page
highlights and what a mouse selection stores. If a Label Studio release starts counting
UTF-16 units (as JavaScript does) instead of code points, these tests fail.

Chromium is Debian's (`apt-get install -y chromium`; `scripts/test` installs it when it
can), or the one named by $NEWSGOLD_CHROMIUM. Without a browser the tests FAIL: they are
the only check of what the page does. Each test leaves a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from annotate.labelstudio import server
from annotate.labelstudio.client import Client
from annotate.labelstudio.convert import annotation_to_document
from annotate.labelstudio.push import push_tasks
from annotate.parse import parse_text
from corpus.records import Document, Entity, Meta, Quantity, Stance, span_id
from corpus.schemas import label_set
from tests.annotate.labelstudio.conftest import LS_HOME
from tests.conftest import REPO

pytestmark = pytest.mark.integration

ARTIFACTS = REPO / "tests" / "artifacts"
# The machine's network is closed: Chromium must not try its background calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
]
TIMEOUT_MS = 60_000  # the labelling page of a cold server on a busy 2-core machine is slow

# Every kind of character whose UTF-16 length differs from its code-point length, or that
# a browser may treat as one glyph, sits before a span: 😀 (1 code point, 2 UTF-16 units),
# a ZWJ family (5, 8), a flag (2, 4), a skin tone (2, 4), q + combining dot (2, 2),
# and the letter U+1D400 (1, 2) inside a span.
RAW = (
    "Kunjungan 😀 Joko Widodo ke Jakarta\n\n"
    "Pagi ini 👨\u200d👩\u200d👧 Sri Mulyani dari Kementerian Keuangan bertemu q\u0307 Tokayev "
    "di 🇮🇩 Jakarta.\n\n"
    'Tokayev berkata, "Kami menolak \U0001d400 kerusuhan itu." '
    "Harga naik 👍🏽 2,5 persen, kata Fajar."
)


def chromium_path() -> str:
    """$NEWSGOLD_CHROMIUM, else Debian's chromium; fail (never skip) when there is none."""
    configured = os.environ.get("NEWSGOLD_CHROMIUM")
    candidates = (
        [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium") or ""]
    )
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        f"no Chromium for the browser test (looked for {', '.join(filter(None, candidates))}). "
        "Fix: `apt-get install -y chromium` (scripts/test does it when it runs as root or "
        "with password-less sudo), or set NEWSGOLD_CHROMIUM to a Chromium/Chrome executable. "
        "Do not run `playwright install`: it downloads a browser.",
        pytrace=False,
    )


def _document() -> Document:
    """RAW with hand-made spans of every kind after the awkward characters."""
    article = parse_text(RAW)
    text = article.text
    labels = label_set()
    per, org = labels.entity_labels

    def entity(word: str, label: str, occurrence: int = 0) -> Entity:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(word, start + 1)
        return Entity(
            span_id("entities", start, start + len(word)), start, start + len(word), word, label
        )

    tokayev = entity("Tokayev", per, occurrence=1)
    entities = (
        entity("Joko Widodo", per),
        entity("Sri Mulyani", per),
        entity("Kementerian Keuangan", org),
        entity("Tokayev", per),
        tokayev,
    )
    q_start = text.index("2,5 persen")
    quantity = Quantity(
        span_id("quantities", q_start, q_start + 10),
        q_start,
        q_start + 10,
        "2,5 persen",
        value=2.5,
        unit="%",
    )
    quote = "Kami menolak \U0001d400 kerusuhan itu."
    s_start = text.index(quote)
    stance = Stance(
        span_id("stances", s_start, s_start + len(quote)),
        s_start,
        s_start + len(quote),
        quote,
        labels.polarity_names[1],
        tokayev.id,
        "kerusuhan",
    )
    return Document(
        article=article,
        entities=tuple(sorted(entities, key=lambda e: e.start)),
        quantities=(quantity,),
        stances=(stance,),
        meta=Meta(source="model@browser-test"),
    )


def _regions(doc: Document) -> dict[str, tuple[int, int]]:
    """Region id -> (start, end) of every span pushed as a prediction."""
    spans: list[Entity | Quantity | Stance] = [*doc.entities, *doc.quantities, *doc.stances]
    return {s.id: (s.start, s.end) for s in spans}


# Reads every highlighted region of the text: region id -> its DOM text (the text of its
# highlight spans in document order; a region is split where it crosses another one) and
# the `data-start` / `data-end` Label Studio writes on its first / last span.
_READ_REGIONS = """(ids) => {
  const root = document.querySelector('.lsf-richtext__container');
  const out = {};
  if (!root) return out;
  for (const id of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');
    const own = new RegExp('^htx-highlight-' + escaped + '-\\\\d+$');
    const spans = Array.from(root.querySelectorAll('.htx-highlight'))
      .filter(el => Array.from(el.classList).some(c => own.test(c)));
    if (spans.length === 0) continue;
    out[id] = {
      text: spans.map(el => el.textContent).join(''),
      start: spans[0].getAttribute('data-start'),
      end: spans[spans.length - 1].getAttribute('data-end'),
    };
  }
  return out;
}"""

# Viewport coordinates for a mouse drag over the `occurrence`-th `needle` of the rendered
# text: the left edge of its first character, the right edge of its last one.
_DRAG_POINTS = """([needle, occurrence]) => {
  const root = document.querySelector('.lsf-richtext__container');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let total = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, total]);
    total += n.data.length;
  }
  const all = nodes.map(([n]) => n.data).join('');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = all.indexOf(needle, at + 1);
  if (at < 0) return null;
  const locate = (offset, isEnd) => {
    for (const [node, base] of nodes) {
      const len = node.data.length;
      if (offset < base + len || (isEnd && offset === base + len)) return [node, offset - base];
    }
    return null;
  };
  const range = document.createRange();
  range.setStart(...locate(at, false));
  range.setEnd(...locate(at + needle.length, true));
  const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
  const first = rects[0], last = rects[rects.length - 1];
  return {
    from: [first.left + 1, first.top + first.height / 2],
    to: [last.right - 1, last.top + last.height / 2],
  };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        yield playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser: Browser, ls_server: server.ServerInfo
) -> Iterator[Page]:
    """A logged-in labelling session; its last screen goes to tests/artifacts/<test>.png."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    email, password = server.admin_login(LS_HOME)
    page.goto(f"{ls_server.url}/user/login/")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png")
        context.close()


def _push(client: Client, title: str, doc: Document) -> tuple[int, int]:
    """(project id, task id) of `doc` pushed with its prediction, as `annotate push` does."""
    report = push_tasks(client, [doc], project=title)
    assert report.ok and report.created == (doc.id,) and report.project_id is not None
    (task,) = client.tasks(report.project_id)
    return report.project_id, task.id


def _open_task(page: Page, base_url: str, project_id: int, task_id: int) -> None:
    page.goto(f"{base_url}/projects/{project_id}/data?task={task_id}")
    line = page.locator(".lsf-richtext__container .lsf-richtext__line").first
    expect(line).to_be_visible(timeout=TIMEOUT_MS)


def _wait_for_regions(page: Page, ids: list[str]) -> dict[str, Any]:
    page.wait_for_function(
        f"(ids) => {{ const r = ({_READ_REGIONS})(ids); return ids.every(id => id in r); }}",
        arg=ids,
    )
    regions: dict[str, Any] = page.evaluate(_READ_REGIONS, ids)
    return regions


def test_browser_predictions_highlight_their_code_point_spans(
    page: Page, ls_server: server.ServerInfo, ls_client: Client, ls_project: str
) -> None:
    doc = _document()
    project_id, task_id = _push(ls_client, ls_project, doc)
    _open_task(page, ls_server.url, project_id, task_id)

    spans = _regions(doc)
    shown = _wait_for_regions(page, list(spans))

    text = doc.text
    # Lines are separate elements, so a region's DOM text has no line breaks.
    expected = {
        rid: {"text": text[s:e].replace("\n", ""), "start": str(s), "end": str(e)}
        for rid, (s, e) in spans.items()
    }
    assert shown == expected


def test_browser_selection_after_emoji_is_stored_in_code_points(
    page: Page, ls_server: server.ServerInfo, ls_client: Client, ls_project: str
) -> None:
    doc = _document()
    text = doc.text
    project_id, task_id = _push(ls_client, ls_project, doc)
    _open_task(page, ls_server.url, project_id, task_id)
    _wait_for_regions(page, list(_regions(doc)))

    # A reviewer adds the missing PER "Fajar" (after 😀, 👨‍👩‍👧, 🇮🇩, U+1D400 and 👍🏽), sloppily:
    # the selection takes the space before it too.
    per = label_set().entity_labels[0]
    page.locator(".lsf-label__text", has_text=re.compile(rf"^{per}$")).click()
    points = page.evaluate(_DRAG_POINTS, [" Fajar", 0])
    page.mouse.move(*points["from"])
    page.mouse.down()
    page.mouse.move(*points["to"], steps=5)
    page.mouse.up()
    drawn_span = page.locator(".lsf-richtext__container .htx-highlight", has_text="Fajar")
    expect(drawn_span).to_have_count(1, timeout=TIMEOUT_MS)
    with page.expect_response(
        lambda r: (
            re.search(r"/api/tasks/\d+/annotations", r.url) is not None
            and r.request.method == "POST"
        )
    ) as saved:
        page.get_by_role("button", name="Submit").click()
    assert saved.value.status == 201

    (annotation,) = ls_client.task(task_id).annotations
    result = annotation["result"]
    drawn = [r for r in result if r.get("origin") == "manual"]
    assert len(drawn) == 1
    value = drawn[0]["value"]
    start = text.index(" Fajar")
    # Stored as Python code points, the space included; JavaScript's UTF-16 offset differs.
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 9
    assert (value["start"], value["end"], value["labels"]) == (start, start + 6, [per])

    pulled = annotation_to_document(doc.article, result, meta=Meta(source="gold"))
    assert pulled.problems == ()
    fajar = Entity(span_id("entities", start + 1, start + 6), start + 1, start + 6, "Fajar", per)
    assert pulled.document.entities == tuple(sorted([*doc.entities, fajar], key=lambda e: e.start))
    assert pulled.document.quantities == doc.quantities
    assert pulled.document.stances == doc.stances
