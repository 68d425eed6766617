"""How often the monitored items are looked at: a check is due on D, then every 7 days after the
last one; after that day it is overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.conftest import CLOSING, THRESHOLD, done, make_case, stamp, template, view_of
from tui.core.cadence import CheckState, overdue_checks
from tui.core.case import Check
from tui.core.rules import evaluate

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)


def checks_on(*days: dt.date) -> tuple[Check, ...]:
    return tuple(Check(f"k{n}", stamp(day), "anna") for n, day in enumerate(days))


@pytest.mark.parametrize(
    ("today", "checked", "state", "next_check", "since", "overdue"),
    [
        (D, (), CheckState.DUE, D, None, 0),
        (D + 3 * DAY, (), CheckState.OVERDUE, D, None, 3),
        (D, (D,), CheckState.OK, D + 7 * DAY, 0, 0),
        (D + 6 * DAY, (D,), CheckState.OK, D + 7 * DAY, 6, 0),
        (D + 7 * DAY, (D,), CheckState.DUE, D + 7 * DAY, 7, 0),
        (D + 8 * DAY, (D,), CheckState.OVERDUE, D + 7 * DAY, 8, 1),
        (D + 9 * DAY, (D,), CheckState.OVERDUE, D + 7 * DAY, 9, 2),
        (D + 20 * DAY, (D, D + 15 * DAY), CheckState.OK, D + 22 * DAY, 5, 0),
        # After T the item is still to be finished: checks are still expected until it is.
        (T + 10 * DAY, (T,), CheckState.OVERDUE, T + 7 * DAY, 10, 3),
    ],
)
def test_each_items_check_as_the_rules_see_it(
    today: dt.date,
    checked: tuple[dt.date, ...],
    state: CheckState,
    next_check: dt.date,
    since: int | None,
    overdue: int,
) -> None:
    case = make_case(checks={"fil-i-fail": checks_on(*checked)})
    cadence = view_of(case, today).item("fil-i-fail").cadence
    assert cadence is not None
    assert (cadence.state, cadence.next_check, cadence.days_since_last) == (
        state,
        next_check,
        since,
    )
    assert cadence.days_overdue == overdue


@pytest.mark.parametrize(
    ("key", "today", "items"),
    [
        ("fil-i-fail", D - DAY, {}),  # before D nothing is watched yet
        ("fil-i-fail", T + DAY, {"fil-i-fail": done(T)}),  # finished
        ("vart-arbete", D + 30 * DAY, {}),  # not a monitored item
        ("hsa-verksamhet", T + 30 * DAY, {}),
    ],
)
def test_no_checks_expected(key: str, today: dt.date, items: dict) -> None:
    item = view_of(make_case(items=items), today).item(key)
    assert item.cadence is None


@pytest.mark.parametrize("cadence_days", [1, 14])
def test_the_cadence_is_a_parameter(cadence_days: int) -> None:
    case = make_case(checks={"fil-i-fail": checks_on(D)})
    today = D + cadence_days * DAY
    cadence = evaluate(case, template(), today, cadence_days).item("fil-i-fail").cadence
    assert cadence is not None
    assert cadence.state is CheckState.DUE


def test_overdue_checks_lists_the_monitored_items_behind() -> None:
    case = make_case(checks={"bevaka-fraga-svar": checks_on(D + 10 * DAY)})
    view = view_of(case, D + 12 * DAY)
    assert [item.key for item in overdue_checks(view)] == ["fil-i-fail"]


def test_moving_the_closing_date_later_starts_the_watch_again_on_the_new_d() -> None:
    # Checked on the old D (2026-01-31); the closing was then moved to 2026-03-15.
    new_d = dt.date(2026, 3, 15)
    case = make_case(closing=new_d, checks={"fil-i-fail": checks_on(D)})
    cadence = view_of(case, new_d).item("fil-i-fail").cadence
    assert cadence is not None
    assert (cadence.state, cadence.next_check, cadence.days_overdue) == (CheckState.DUE, new_d, 0)
