"""The lowest-id rule that settles races between concurrent pushes (pure planning), and
which failed requests count as carried out or not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.labelstudio.race import outcome_unknown, too_large
from annotate.labelstudio.reconcile import (
    DuplicatePlan,
    ListedTask,
    ProjectPlan,
    TitledProject,
    ambiguous_projects,
    plan_duplicates,
    plan_project,
)
from corpus.errors import LabelStudioError


def tasks(*rows: tuple[int, str, bool, bool]) -> list[ListedTask]:
    return [ListedTask(*row) for row in rows]


def test_plan_duplicates_deletes_my_higher_copy() -> None:
    listed = tasks((10, "a", False, False), (11, "a", False, True), (12, "b", False, True))
    assert plan_duplicates(listed) == DuplicatePlan(delete=(11,))


def test_plan_duplicates_keeps_my_copy_when_it_is_the_lowest() -> None:
    listed = tasks((10, "a", False, True), (11, "a", False, False))
    assert plan_duplicates(listed) == DuplicatePlan()  # the other push deletes task 11


def test_plan_duplicates_never_deletes_another_push_task() -> None:
    listed = tasks((3, "a", False, False), (7, "a", False, False), (9, "a", False, True))
    assert plan_duplicates(listed) == DuplicatePlan(delete=(9,))


def test_plan_duplicates_keeps_an_annotated_copy_and_says_so() -> None:
    listed = tasks((4, "a", False, False), (5, "a", True, True), (6, "a", False, True))
    assert plan_duplicates(listed) == DuplicatePlan(delete=(6,), kept_annotated=(5,))


def test_plan_duplicates_deletes_all_my_extra_copies_in_id_order() -> None:
    # Two copies of one article from one push happen when a batch's answer was lost.
    listed = tasks((30, "a", False, True), (21, "b", False, True), (20, "a", False, False))
    listed += tasks((25, "a", False, True), (22, "b", False, False))
    assert plan_duplicates(listed) == DuplicatePlan(delete=(25, 30))  # 22 is not mine


def test_plan_duplicates_without_duplicates_deletes_nothing() -> None:
    assert plan_duplicates(tasks((1, "a", False, True), (2, "b", True, False))) == DuplicatePlan()
    assert plan_duplicates([]) == DuplicatePlan()


def test_plan_duplicates_lowest_copy_wins_whatever_the_listing_order() -> None:
    listed = tasks((8, "a", False, True), (2, "a", True, False), (5, "a", False, True))
    assert plan_duplicates(listed).delete == (5, 8)
    assert plan_duplicates(reversed(listed)).delete == (5, 8)


# (task id, article id, has annotations, made by: 0 = an earlier push, 1 or 2 = the racers)
Row = tuple[int, str, bool, int]


@st.composite
def race_listings(draw: st.DrawFn) -> list[Row]:
    """A project's tasks after two pushes raced on it (with some earlier tasks)."""
    n = draw(st.integers(1, 12))
    ids = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n, unique=True))
    articles = draw(st.lists(st.sampled_from("abcde"), min_size=n, max_size=n))
    annotated = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    makers = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    return list(zip(ids, articles, annotated, makers, strict=True))


def as_seen_by(push: int, rows: list[Row]) -> list[ListedTask]:
    return [ListedTask(i, a, n, maker == push) for i, a, n, maker in rows]


@given(race_listings())
def test_plan_duplicates_after_two_pushes_each_article_is_left_once(rows: list[Row]) -> None:
    deleted = set(plan_duplicates(as_seen_by(1, rows)).delete)
    deleted |= set(plan_duplicates(as_seen_by(2, rows)).delete)
    for article in {a for _, a, _, _ in rows}:
        copies = sorted(r for r in rows if r[1] == article)
        left = [r for r in copies if r[0] not in deleted]
        assert left[0] == copies[0]  # the lowest copy always stays
        gone = [r for r in copies if r[0] in deleted]
        assert all(not annotated and maker in (1, 2) for _, _, annotated, maker in gone)
        if all(not annotated and maker in (1, 2) for _, _, annotated, maker in copies[1:]):
            assert left == copies[:1]  # every racer's duplicate went


def test_plan_project_lowest_id_wins_and_my_empty_stray_goes() -> None:
    titled = [TitledProject(7, True, 0), TitledProject(5, False, 0)]
    assert plan_project(titled) == ProjectPlan(use=5, delete=(7,))


def test_plan_project_keeps_my_project_when_it_is_the_lowest() -> None:
    titled = [TitledProject(5, True, 0), TitledProject(7, False, 0)]
    assert plan_project(titled) == ProjectPlan(use=5)  # the other push deletes project 7


def test_plan_project_never_deletes_another_push_project_or_one_with_tasks() -> None:
    titled = [TitledProject(3, False, 9), TitledProject(4, False, 0), TitledProject(6, True, 2)]
    assert plan_project(titled) == ProjectPlan(use=3)


def test_plan_project_without_projects_is_refused() -> None:
    with pytest.raises(ValueError, match="no project carries the title"):
        plan_project([])


def test_ambiguous_projects_are_the_higher_ones_holding_tasks() -> None:
    titled = [TitledProject(9, False, 4), TitledProject(2, False, 1), TitledProject(5, False, 0)]
    assert ambiguous_projects(titled) == (9,)
    assert ambiguous_projects([TitledProject(2, False, 1), TitledProject(5, False, 0)]) == ()


@pytest.mark.parametrize(
    ("status", "detail", "unknown", "refused_as_too_large"),
    [
        (None, None, True, False),  # no answer at all
        (503, "Service Unavailable", True, False),
        (500, "database is locked", True, False),
        (500, "You cannot access body after reading from request's data stream", False, True),
        (413, "Request Entity Too Large", False, True),
        (400, "bad task", False, False),
        (429, None, True, False),
    ],
)
def test_an_answer_over_the_upload_limit_is_a_definite_refusal(
    status: int | None, detail: str | None, unknown: bool, refused_as_too_large: bool
) -> None:
    e = LabelStudioError("failed", status=status, detail=detail)
    assert outcome_unknown(e) is unknown
    assert too_large(e) is refused_as_too_large
