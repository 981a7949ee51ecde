"""ORG names found by their surroundings: the targeted scans find what a full scan finds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotate.rules.gazetteer import odd_orgs
from annotate.rules.org_sources import BUSINESS_RE, business_names, odd_org_mentions
from annotate.rules.spans import mentions

BUSINESS_PARTS = st.sampled_from(
    ["kedai", "kopi", "rumah", "makan", "kafé", " ", "‘", "’", "'", "Kopi", "Bu", "dan", "&", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BUSINESS_PARTS, max_size=25))
@example(["kedai", " ", "‘", "Kopi", "’", "kedai", " ", "'", "Bu", "'"])  # one right after another
def testbusiness_names_are_what_the_pattern_finds_scanning_the_text(parts: list[str]) -> None:
    # The names are looked for only before quotes: the same as scanning with the pattern.
    text = "".join(parts)
    assert business_names(text) == [m.span("name") for m in BUSINESS_RE.finditer(text)]


# Pieces of the names runs cannot hold, and what may stand around them.
ODD_PARTS = st.sampled_from(
    [*sorted(odd_orgs()), "S&", "&P", "OPEC", "+", "Kementerian ", "Desa", " ", ".", "-", "x", "@"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ODD_PARTS, max_size=12))
def testodd_org_mentions_are_the_mentions_of_every_odd_name(parts: list[str]) -> None:
    # One scan per shared key finds what one scan per name finds.
    text = "".join(parts)
    assert sorted(odd_org_mentions(text)) == sorted(mentions(text, odd_orgs(), 0, len(text)))
