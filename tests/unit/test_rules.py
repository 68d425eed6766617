"""The checklist's timing rules on a given day: statuses, phases, next steps and the gates.

Every case here closes on D = 2026-01-31, so T = 2026-04-30 (89 days later).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.unit.conftest import (
    CLOSING,
    ITEM_KEYS,
    THRESHOLD,
    all_done,
    done,
    make_case,
    not_applicable,
    stamp,
    view_of,
)
from tui.core.case import Case, Check, ItemRecord, ItemState, Level
from tui.core.errors import Refusal
from tui.core.rules import (
    ItemStatus,
    Phase,
    allow_check,
    allow_done,
    allow_not_applicable,
    allow_undo,
    by_urgency,
)
from tui.core.template import Role

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)

BEFORE_CLOSING = ("vart-arbete", "vardgivare-upphor", "sparrgrupp-upphor", "vardenhet-upphor")
MONITORED = ("bevaka-fraga-svar", "fil-i-fail")
NOT_BEFORE_T = ("hsa-verksamhet", "hsa-medarbetaruppdrag")
# Case fields that make every conditional item apply.
APPLIES: dict[str, dict[str, Any]] = {
    "vardgivare-upphor": {"caregiver_ceases": True},
    "sparrgrupp-upphor": {"level": Level.VARDENHET},
    "vardenhet-upphor": {"level": Level.ENHET},
}
# The before-closing items of an ordinary case (level enhet, caregiver goes on).
ENHET_BEFORE_CLOSING = ("vart-arbete", "vardenhet-upphor")


def case_for(key: str, items: dict[str, ItemRecord] | None = None, **fields: Any) -> Case:
    """A case to which ``key`` applies."""
    return make_case(items=items, **{**APPLIES.get(key, {}), **fields})


def refusal_of(action: Any, *args: Any) -> Refusal:
    with pytest.raises(Refusal) as refused:
        action(*args)
    return refused.value


# --- Statuses, item by item -------------------------------------------------------------------

TRANSITIONS = [
    # before_closing: to do up to and on D, overdue after it; the due date is D.
    *[
        (key, today, ItemStatus.TODO, D, (D - today).days)
        for key in BEFORE_CLOSING
        for today in (D - 30 * DAY, D - DAY, D)
    ],
    *[
        (key, today, ItemStatus.OVERDUE, D, (D - today).days)
        for key in BEFORE_CLOSING
        for today in (D + DAY, T, T + 30 * DAY)
    ],
    # monitor_until_threshold: waiting for D, monitoring from D until T-1, to do from T.
    *[
        row
        for key in MONITORED
        for row in (
            (key, D - 10 * DAY, ItemStatus.WAITING, D, 10),
            (key, D - DAY, ItemStatus.WAITING, D, 1),
            (key, D, ItemStatus.MONITORING, T, 89),
            (key, D + DAY, ItemStatus.MONITORING, T, 88),
            (key, T - DAY, ItemStatus.MONITORING, T, 1),
            (key, T, ItemStatus.TODO, None, None),
            (key, T + 100 * DAY, ItemStatus.TODO, None, None),
        )
    ],
    # not_before_threshold: waiting until T, to do on T itself.
    *[
        row
        for key in NOT_BEFORE_T
        for row in (
            (key, D - DAY, ItemStatus.WAITING, T, 90),
            (key, D, ItemStatus.WAITING, T, 89),
            (key, D + 10 * DAY, ItemStatus.WAITING, T, 79),
            (key, T - DAY, ItemStatus.WAITING, T, 1),
            (key, T, ItemStatus.TODO, None, None),
            (key, T + DAY, ItemStatus.TODO, None, None),
        )
    ],
]


@pytest.mark.parametrize(("key", "today", "status", "next_date", "days_left"), TRANSITIONS)
def test_open_item_status_on_a_day(
    key: str,
    today: dt.date,
    status: ItemStatus,
    next_date: dt.date | None,
    days_left: int | None,
) -> None:
    item = view_of(case_for(key), today).item(key)
    assert (item.status, item.next_date, item.days_left) == (status, next_date, days_left)
    assert item.applicable
    assert not item.done_early


@pytest.mark.parametrize("key", ITEM_KEYS)
@pytest.mark.parametrize("today", [D - DAY, D + DAY, T, T + DAY])
def test_a_done_item_is_done_with_no_date_pending(key: str, today: dt.date) -> None:
    item = view_of(case_for(key, {key: done(T)}), today).item(key)
    assert (item.status, item.next_date, item.days_left) == (ItemStatus.DONE, None, None)
    assert not item.status.is_open


@pytest.mark.parametrize("key", ITEM_KEYS)
def test_an_item_marked_not_applicable_is_closed(key: str) -> None:
    item = view_of(case_for(key, {key: not_applicable()}), D + DAY).item(key)
    assert item.status is ItemStatus.NOT_APPLICABLE
    assert not item.status.is_open


@pytest.mark.parametrize(
    ("key", "allowed_from"),
    [(key, None) for key in BEFORE_CLOSING] + [(key, T) for key in MONITORED + NOT_BEFORE_T],
)
def test_allowed_from_is_t_for_gated_items(key: str, allowed_from: dt.date | None) -> None:
    assert view_of(case_for(key), D).item(key).allowed_from == allowed_from


# --- Conditions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "ceases", "applicable"),
    [
        (Level.ENHET, False, {"vardenhet-upphor"}),
        (Level.VARDENHET, False, {"sparrgrupp-upphor"}),
        (Level.ENHET, True, {"vardenhet-upphor", "vardgivare-upphor"}),
        (Level.VARDENHET, True, {"sparrgrupp-upphor", "vardgivare-upphor"}),
    ],
)
def test_conditional_items_apply_only_when_their_condition_holds(
    level: Level, ceases: bool, applicable: set[str]
) -> None:
    view = view_of(make_case(level=level, caregiver_ceases=ceases), D - DAY)
    conditional = {"vardgivare-upphor", "sparrgrupp-upphor", "vardenhet-upphor"}
    for key in conditional:
        item = view.item(key)
        assert item.applicable is (key in applicable), key
        expected = ItemStatus.TODO if key in applicable else ItemStatus.NOT_APPLICABLE
        assert item.status is expected, key
    for key in set(ITEM_KEYS) - conditional:
        assert view.item(key).applicable, key


def test_an_inapplicable_item_stays_not_applicable_even_if_a_record_says_done() -> None:
    # Done while the case was at level vardenhet, then the level was corrected to enhet.
    case = make_case(level=Level.ENHET, items={"sparrgrupp-upphor": done(D - DAY)})
    item = view_of(case, D + DAY).item("sparrgrupp-upphor")
    assert (item.status, item.applicable) == (ItemStatus.NOT_APPLICABLE, False)


# --- Phases ----------------------------------------------------------------------------------

# Every item that applies to an ordinary case, in the checklist's order.
ENHET_APPLICABLE = tuple(
    key for key in ITEM_KEYS if key not in ("vardgivare-upphor", "sparrgrupp-upphor")
)


@pytest.mark.parametrize(
    ("today", "items", "phase", "next_threshold"),
    [
        (D - 30 * DAY, {}, Phase.BEFORE_CLOSING, D),
        (D - DAY, all_done(ENHET_BEFORE_CLOSING), Phase.BEFORE_CLOSING, D),
        (D, {}, Phase.MONITORING, T),
        (D + DAY, all_done(ENHET_BEFORE_CLOSING), Phase.MONITORING, T),
        (T - DAY, {}, Phase.MONITORING, T),
        (T, {}, Phase.READY_FOR_EK_HSA, None),
        (T + 365 * DAY, {}, Phase.READY_FOR_EK_HSA, None),
        # One applicable item still open: not complete.
        (T, all_done(ENHET_APPLICABLE[:-1], T), Phase.READY_FOR_EK_HSA, None),
        (T, all_done(ENHET_APPLICABLE[1:], T), Phase.READY_FOR_EK_HSA, None),
        # Every applicable item done (the others do not apply): complete, whatever the day.
        (T, all_done(ENHET_APPLICABLE, T), Phase.COMPLETE, None),
        (D - DAY, all_done(ENHET_APPLICABLE, T), Phase.COMPLETE, None),
        # Done or marked not applicable: complete.
        (
            T + DAY,
            {**all_done(ENHET_APPLICABLE, T), "fil-i-fail": not_applicable()},
            Phase.COMPLETE,
            None,
        ),
    ],
)
def test_phase_and_next_threshold(
    today: dt.date,
    items: dict[str, ItemRecord],
    phase: Phase,
    next_threshold: dt.date | None,
) -> None:
    view = view_of(make_case(items=items), today)
    assert view.phase is phase
    assert view.next_threshold == next_threshold
    expected_days = (next_threshold - today).days if next_threshold else None
    assert view.days_to_next_threshold == expected_days


# --- Next steps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "items", "role", "expected"),
    [
        # Before D: the unit's drafts first (to do, earliest in the checklist).
        (D - 5 * DAY, {}, None, ("vart-arbete", ItemStatus.TODO)),
        (D - 5 * DAY, {}, Role.UNIT, ("vart-arbete", ItemStatus.TODO)),
        (D - 5 * DAY, {}, Role.CAREGIVER_ADMIN, ("vardenhet-upphor", ItemStatus.TODO)),
        (D - 5 * DAY, {}, Role.EK_HSA, ("hsa-verksamhet", ItemStatus.WAITING)),
        # After D with nothing done: overdue.
        (D + DAY, {}, None, ("vart-arbete", ItemStatus.OVERDUE)),
        (D + DAY, {}, Role.CAREGIVER_ADMIN, ("vardenhet-upphor", ItemStatus.OVERDUE)),
        # Overdue beats an item earlier in the checklist that is only being monitored.
        (
            D + DAY,
            {"vart-arbete": done(D)},
            None,
            ("vardenhet-upphor", ItemStatus.OVERDUE),
        ),
        (
            D + DAY,
            {"vart-arbete": done(D)},
            Role.UNIT,
            ("bevaka-fraga-svar", ItemStatus.MONITORING),
        ),
        # Before-closing work done: monitoring until T, EK/HSA waits.
        (
            D + DAY,
            all_done(ENHET_BEFORE_CLOSING),
            None,
            ("bevaka-fraga-svar", ItemStatus.MONITORING),
        ),
        (
            D + DAY,
            all_done(ENHET_BEFORE_CLOSING),
            Role.CAREGIVER_ADMIN,
            ("fil-i-fail", ItemStatus.MONITORING),
        ),
        (
            D + DAY,
            all_done(ENHET_BEFORE_CLOSING),
            Role.EK_HSA,
            ("hsa-verksamhet", ItemStatus.WAITING),
        ),
        # On T everything left is to do.
        (T, all_done(ENHET_BEFORE_CLOSING), None, ("bevaka-fraga-svar", ItemStatus.TODO)),
        (T, all_done(ENHET_BEFORE_CLOSING), Role.EK_HSA, ("hsa-verksamhet", ItemStatus.TODO)),
        (
            T,
            {**all_done(ENHET_BEFORE_CLOSING), "hsa-verksamhet": done(T)},
            Role.EK_HSA,
            ("hsa-medarbetaruppdrag", ItemStatus.TODO),
        ),
        # Nothing open.
        (T, all_done(ENHET_APPLICABLE, T), None, None),
        (T, all_done(("bevaka-fraga-svar", "vart-arbete"), T), Role.UNIT, None),
    ],
)
def test_next_step(
    today: dt.date,
    items: dict[str, ItemRecord],
    role: Role | None,
    expected: tuple[str, ItemStatus] | None,
) -> None:
    step = view_of(make_case(items=items), today).next_step(role)
    assert (None if step is None else (step.key, step.status)) == expected


def test_open_items_of_a_role_keep_the_checklist_order() -> None:
    view = view_of(make_case(), D + DAY)
    assert [item.key for item in view.open_items(Role.CAREGIVER_ADMIN)] == [
        "vardenhet-upphor",
        "fil-i-fail",
    ]
    assert [item.key for item in view.open_items()] == list(ENHET_APPLICABLE)


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4, 5), (5, 4, 3, 2, 1, 0), (2, 4, 0, 5, 3, 1)])
def test_by_urgency(order: tuple[int, ...]) -> None:
    today = dt.date(2026, 3, 1)
    before_closing_done = all_done(ENHET_BEFORE_CLOSING, dt.date(2025, 12, 1))
    looked = (Check("c1", stamp(today - DAY), "anna"),)  # checked yesterday: in time
    watched = {"bevaka-fraga-svar": looked, "fil-i-fail": looked}
    cases = [
        # D passed with the drafts not handled: overdue.
        make_case(case_id="overdue", closing=dt.date(2026, 2, 1)),
        # Monitoring, the watches never checked since D: their checks are late, which comes
        # before anything merely to do (the dashboard's "!! försenad (kontroll)").
        make_case(case_id="latecheck", closing=dt.date(2026, 1, 20), items=before_closing_done),
        # D in five days: to do.
        make_case(case_id="todo", closing=today + 5 * DAY),
        # T passed: EK/HSA to do; no threshold ahead, so after the to-do with a countdown.
        make_case(
            case_id="ready", closing=dt.date(2025, 11, 1), items=before_closing_done, checks=watched
        ),
        # Monitoring, checked in time: T on 2026-04-10 is nearer than T on 2026-05-20.
        make_case(
            case_id="monnear",
            closing=dt.date(2026, 1, 10),
            items=before_closing_done,
            checks=watched,
        ),
        make_case(
            case_id="monfar",
            closing=dt.date(2026, 2, 20),
            items=before_closing_done,
            checks=watched,
        ),
    ]
    views = [view_of(cases[index], today) for index in order]
    assert [view.case.case_id for view in by_urgency(views)] == [
        "overdue",
        "latecheck",
        "todo",
        "ready",
        "monnear",
        "monfar",
    ]


# --- Done early ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "finished", "closing", "early"),
    [
        ("hsa-verksamhet", T - DAY, D, True),
        ("hsa-verksamhet", D + 10 * DAY, D, True),
        ("hsa-verksamhet", T, D, False),
        ("hsa-medarbetaruppdrag", T + DAY, D, False),
        ("bevaka-fraga-svar", T - DAY, D, True),
        ("fil-i-fail", T, D, False),
        # Before-closing items are never early.
        ("vart-arbete", D - 100 * DAY, D, False),
        ("vart-arbete", T + DAY, D, False),
        # Done on T, then the closing date moved six weeks later: now it was done too early.
        ("hsa-verksamhet", T, dt.date(2026, 3, 15), True),
        ("fil-i-fail", T, dt.date(2026, 3, 15), True),
    ],
)
def test_done_early(key: str, finished: dt.date, closing: dt.date, early: bool) -> None:
    case = make_case(closing=closing, items={key: done(finished)})
    view = view_of(case, max(finished, closing) + DAY)
    assert view.item(key).done_early is early
    assert [item.key for item in view.violations] == ([key] if early else [])


def test_done_early_uses_the_date_in_stockholm_not_utc() -> None:
    # 00:30 on T in Stockholm is still the day before T in UTC: it is not early.
    record = ItemRecord(ItemState.DONE, at=stamp(T, "00:30:00"), by="anna")
    view = view_of(make_case(items={"hsa-verksamhet": record}), T)
    assert not view.item("hsa-verksamhet").done_early


# --- Gates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "today", "items", "fields", "code"),
    [
        ("hsa-verksamhet", D + 10 * DAY, {}, {}, "rule.too_early"),
        ("hsa-verksamhet", D - DAY, {}, {}, "rule.too_early"),
        ("hsa-medarbetaruppdrag", T - DAY, {}, {}, "rule.too_early"),
        ("bevaka-fraga-svar", T - DAY, {}, {}, "rule.monitor_too_early"),
        ("fil-i-fail", D, {}, {}, "rule.monitor_too_early"),
        ("vart-arbete", D, {"vart-arbete": done(D - DAY)}, {}, "rule.already_done"),
        ("hsa-verksamhet", T + DAY, {"hsa-verksamhet": done(T)}, {}, "rule.already_done"),
        ("fil-i-fail", T, {"fil-i-fail": not_applicable()}, {}, "rule.is_not_applicable"),
        (
            "sparrgrupp-upphor",
            D - DAY,
            {},
            {"level": Level.ENHET},
            "rule.not_applicable_by_condition",
        ),
        (
            "vardenhet-upphor",
            D - DAY,
            {},
            {"level": Level.VARDENHET},
            "rule.not_applicable_by_condition",
        ),
        ("vardgivare-upphor", D - DAY, {}, {}, "rule.not_applicable_by_condition"),
    ],
)
def test_allow_done_refuses(
    key: str,
    today: dt.date,
    items: dict[str, ItemRecord],
    fields: dict[str, Any],
    code: str,
) -> None:
    item = view_of(make_case(items=items, **fields), today).item(key)
    assert refusal_of(allow_done, item, today).code == code


@pytest.mark.parametrize(
    ("key", "today"),
    [
        ("hsa-verksamhet", D + 10 * DAY),
        ("hsa-medarbetaruppdrag", T - DAY),
        ("bevaka-fraga-svar", D),
        ("fil-i-fail", D - DAY),
    ],
)
def test_too_early_names_t_and_the_days_left(key: str, today: dt.date) -> None:
    item = view_of(make_case(), today).item(key)
    refusal = refusal_of(allow_done, item, today)
    assert refusal.params == {"item": key, "threshold": T, "days": (T - today).days}


def test_already_done_names_who_and_when() -> None:
    record = done(D - DAY, by="bertil")
    item = view_of(make_case(items={"vart-arbete": record}), D).item("vart-arbete")
    refusal = refusal_of(allow_done, item, D)
    assert (refusal.params["by"], refusal.params["at"]) == ("bertil", record.at)


@pytest.mark.parametrize(
    ("key", "today"),
    [
        ("hsa-verksamhet", T),
        ("hsa-verksamhet", T + DAY),
        ("hsa-medarbetaruppdrag", T),
        ("bevaka-fraga-svar", T),
        ("fil-i-fail", T + 30 * DAY),
        ("vart-arbete", D - 30 * DAY),
        ("vart-arbete", D + 30 * DAY),  # overdue is still allowed: better late than never
        ("vardenhet-upphor", D),
    ],
)
def test_allow_done_allows(key: str, today: dt.date) -> None:
    allow_done(view_of(make_case(), today).item(key), today)


@pytest.mark.parametrize(
    ("key", "today", "items", "code"),
    [
        ("bevaka-fraga-svar", D - DAY, {}, "rule.check_too_early"),
        ("fil-i-fail", D - 30 * DAY, {}, "rule.check_too_early"),
        ("vart-arbete", D + DAY, {}, "rule.not_monitored"),
        ("hsa-verksamhet", T, {}, "rule.not_monitored"),
        ("fil-i-fail", T, {"fil-i-fail": done(T)}, "rule.check_finished"),
        ("bevaka-fraga-svar", D, {"bevaka-fraga-svar": not_applicable()}, "rule.check_finished"),
    ],
)
def test_allow_check_refuses(
    key: str, today: dt.date, items: dict[str, ItemRecord], code: str
) -> None:
    case = make_case(items=items)
    refusal = refusal_of(allow_check, view_of(case, today).item(key), today, case.closing)
    assert refusal.code == code


def test_check_too_early_names_d_and_the_days_left() -> None:
    today = D - 3 * DAY
    item = view_of(make_case(), today).item("fil-i-fail")
    refusal = refusal_of(allow_check, item, today, D)
    assert refusal.params == {"item": "fil-i-fail", "closing": D, "days": 3}


@pytest.mark.parametrize("key", MONITORED)
@pytest.mark.parametrize("today", [D, D + DAY, T - DAY, T, T + 60 * DAY])
def test_allow_check_allows_from_d_while_open(key: str, today: dt.date) -> None:
    allow_check(view_of(make_case(), today).item(key), today, D)


@pytest.mark.parametrize(
    ("items", "refused"),
    [
        ({}, True),
        ({"vart-arbete": ItemRecord(ItemState.OPEN, at=stamp(D), by="anna")}, True),  # undone
        ({"vart-arbete": done(D)}, False),
        ({"vart-arbete": not_applicable()}, False),
    ],
)
def test_allow_undo(items: dict[str, ItemRecord], refused: bool) -> None:
    item = view_of(make_case(items=items), D).item("vart-arbete")
    if refused:
        assert refusal_of(allow_undo, item).code == "rule.nothing_to_undo"
    else:
        allow_undo(item)


@pytest.mark.parametrize(
    ("key", "items", "refused"),
    [
        ("fil-i-fail", {}, None),
        ("hsa-verksamhet", {}, None),
        ("fil-i-fail", {"fil-i-fail": done(T)}, "rule.not_open"),
        ("fil-i-fail", {"fil-i-fail": not_applicable()}, "rule.not_open"),
        # Does not apply to a unit at level enhet anyway, and the refusal says so.
        ("sparrgrupp-upphor", {}, "rule.not_applicable_by_condition"),
    ],
)
def test_allow_not_applicable(key: str, items: dict[str, ItemRecord], refused: str | None) -> None:
    item = view_of(make_case(items=items), D).item(key)
    if refused:
        assert refusal_of(allow_not_applicable, item).code == refused
    else:
        allow_not_applicable(item)
