"""``status --nagios`` in the core: which state the closures are in, and the exact plugin line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.conftest import (
    CLOSING,
    THRESHOLD,
    all_done,
    done,
    make_case,
    stamp,
    template,
    view_of,
)
from tui.core.cadence import CheckState
from tui.core.case import Check
from tui.core.findings import Kind
from tui.core.i18n import Translator
from tui.core.nagios import (
    Assessment,
    NagiosState,
    Thresholds,
    assess,
    nagios_line,
    plain,
    unknown_line,
)
from tui.core.plugin_range import parse_range
from tui.core.rules import CaseView, ItemStatus, evaluate

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)
EN, SV = Translator("en"), Translator("sv")
FORTNIGHT = Thresholds.from_days(14)
BEFORE_D = ("vart-arbete", "vardenhet-upphor")  # the before-closing items of an "enhet" case
ALL_KEYS = ("vart-arbete", "bevaka-fraga-svar", "vardenhet-upphor", "fil-i-fail")
GATED = ("hsa-verksamhet", "hsa-medarbetaruppdrag")


def perf(
    cases: int = 1,
    items: int = 0,
    checks: int = 0,
    broken: int = 0,
    soon: int = 0,
    due: int = 0,
    *,
    days: int | str,
    warn: str = "@~:14",
    crit: str = "0:",
) -> str:
    return (
        f"cases={cases};;;0 overdue_items={items};;;0 overdue_checks={checks};;;0 "
        f"rules_broken={broken};;0;0 due_soon={soon};;;0 checks_due={due};;;0 "
        f"days_left={days};{warn};{crit}"
    )


def watched(today: dt.date, checked: dt.date, cadence_days: int = 7) -> CaseView:
    """A case in its monitoring phase, everything before D done, both watches checked once."""
    look = (Check("c1", stamp(checked), "anna"),)
    case = make_case(
        items=all_done(BEFORE_D),
        checks={"bevaka-fraga-svar": look, "fil-i-fail": look},
    )
    return evaluate(case, template(), today, cadence_days)


def broken_rule(today: dt.date) -> CaseView:
    """EK/HSA closed the unit the day after D, long before T (the closing date was moved later
    after it had been done); everything else is in order."""
    look = (Check("c1", stamp(today), "anna"),)
    items = all_done(BEFORE_D) | all_done(GATED, D + DAY)
    case = make_case(items=items, checks={"bevaka-fraga-svar": look, "fil-i-fail": look})
    return view_of(case, today)


@pytest.mark.parametrize(
    ("views", "warn_days", "state", "line"),
    [
        pytest.param(
            [],
            14,
            NagiosState.OK,
            f"STANGNING OK - active cases: 0, nothing due within 14 d | {perf(cases=0, days='U')}",
            id="no-cases",
        ),
        pytest.param(
            [view_of(make_case(), D - 15 * DAY)],
            14,
            NagiosState.OK,
            f"STANGNING OK - active cases: 1, nothing due within 14 d | {perf(days=15)}",
            id="D-in-15-days",
        ),
        pytest.param(
            [view_of(make_case(), D - 14 * DAY)],
            14,
            NagiosState.WARNING,
            "STANGNING WARNING - due within 14 d: 4 (k7f3qa/vart-arbete, "
            "k7f3qa/bevaka-fraga-svar, k7f3qa/vardenhet-upphor, k7f3qa/fil-i-fail) | "
            f"{perf(soon=4, days=14)}",
            id="D-in-14-days",
        ),
        pytest.param(
            [view_of(make_case(), D - 14 * DAY)],
            13,
            NagiosState.OK,
            "STANGNING OK - active cases: 1, nothing due within 13 d | "
            f"{perf(days=14, warn='@~:13')}",
            id="warn-days-is-the-option",
        ),
        pytest.param(
            [watched(D + 7 * DAY, checked=D)],
            14,
            NagiosState.WARNING,
            "STANGNING WARNING - checks due today: 2 (k7f3qa/bevaka-fraga-svar, "
            f"k7f3qa/fil-i-fail) | {perf(due=2, days=0)}",
            id="checks-due-today",
        ),
        pytest.param(
            [watched(D + 6 * DAY, checked=D)],
            14,
            NagiosState.OK,
            f"STANGNING OK - active cases: 1, nothing due within 14 d | {perf(days=83)}",
            id="checked-six-days-ago",
        ),
        pytest.param(
            [watched(D + 8 * DAY, checked=D)],
            14,
            NagiosState.CRITICAL,
            "STANGNING CRITICAL - overdue checks: 2 (k7f3qa/bevaka-fraga-svar, "
            f"k7f3qa/fil-i-fail) | {perf(checks=2, days=-1)}",
            id="checks-overdue",
        ),
        pytest.param(
            [view_of(make_case(items={"vart-arbete": done(D)}), D + DAY)],
            14,
            NagiosState.CRITICAL,
            "STANGNING CRITICAL - overdue items: 1, overdue checks: 2 (k7f3qa/vardenhet-upphor, "
            f"k7f3qa/bevaka-fraga-svar, k7f3qa/fil-i-fail) | {perf(items=1, checks=2, days=-1)}",
            id="item-overdue",
        ),
        pytest.param(
            # EK/HSA closed the unit before T (the closing date was moved later afterwards).
            [broken_rule(D + 3 * DAY)],
            14,
            NagiosState.CRITICAL,
            "STANGNING CRITICAL - rules broken: 2 (k7f3qa/hsa-verksamhet, "
            f"k7f3qa/hsa-medarbetaruppdrag) | {perf(broken=2, days=86)}",
            id="rule-broken",
        ),
    ],
)
def test_state_and_exact_line(
    views: list[CaseView], warn_days: int, state: NagiosState, line: str
) -> None:
    assessment = assess(views, Thresholds.from_days(warn_days))
    assert assessment.state is state
    assert nagios_line(assessment, EN) == line


def test_archived_cases_are_not_counted() -> None:
    finished = make_case(items=all_done(ALL_KEYS + GATED, T), case_id="klar22")
    still_open = make_case(items=all_done(BEFORE_D), case_id="open22")
    views = [view_of(finished, T + 30 * DAY), view_of(still_open, T - 30 * DAY)]
    assessment = assess(views, FORTNIGHT)
    assert assessment.cases == 1
    assert {finding.case_id for finding in assessment.findings} == {"open22"}


def test_at_most_five_findings_are_named() -> None:
    views = [
        view_of(make_case(case_id=f"case{n}"), D + DAY) for n in range(2)
    ]  # 2 overdue items and 2 overdue checks each
    line = nagios_line(assess(views, FORTNIGHT), EN)
    assert line.startswith("STANGNING CRITICAL - overdue items: 4, overdue checks: 4 (")
    assert "case0/vart-arbete, case0/vardenhet-upphor, case1/vart-arbete" in line
    assert ", +3 more) | " in line


def test_the_text_follows_the_language() -> None:
    line = nagios_line(assess([view_of(make_case(), D + DAY)], FORTNIGHT), SV)
    assert line.startswith(
        "STANGNING CRITICAL - försenade punkter: 2, försenade kontroller: 2 (k7f3qa/vart-arbete"
    )
    assert line.endswith(f"| {perf(items=2, checks=2, days=-1)}")


def test_the_cadence_is_the_one_the_cases_were_evaluated_with() -> None:
    def state(cadence_days: int) -> NagiosState:
        view = watched(D + 3 * DAY, checked=D, cadence_days=cadence_days)
        return assess([view], FORTNIGHT).state

    assert state(3) is NagiosState.WARNING
    assert state(2) is NagiosState.CRITICAL
    assert state(4) is NagiosState.OK


@pytest.mark.parametrize(
    ("reason", "line"),
    [
        (
            "the case store /mnt/s does not exist",
            "STANGNING UNKNOWN - the case store /mnt/s does not exist",
        ),
        ("a | b\ncd", "STANGNING UNKNOWN - a b cd"),
        ("two\nlines|", "STANGNING UNKNOWN - two lines"),
    ],
)
def test_unknown_line(reason: str, line: str) -> None:
    assert unknown_line(reason) == line


def test_plain_text_cannot_start_performance_data_or_a_second_line() -> None:
    assert plain("a|b\r\nc\x1bd") == "a b c d"


# --- the thresholds: -w/-c ranges over each finding's days left ------------------------------


def ranges(warning: str, critical: str = "0:") -> Thresholds:
    return Thresholds(parse_range(warning, "-w"), parse_range(critical, "-c"))


def test_days_left_is_the_least_of_any_finding_and_u_without_one() -> None:
    late = assess([view_of(make_case(), D + 3 * DAY)], FORTNIGHT)
    assert late.days_left == -3  # the items due by D, and the checks due on D
    assert assess([], FORTNIGHT).days_left is None
    assert perf_of(assess([], FORTNIGHT)).endswith(" days_left=U;@~:14;0:")


def perf_of(assessment: Assessment) -> str:
    return nagios_line(assessment, EN).split(" | ")[1]


def test_a_critical_range_that_reaches_further_says_due_soon_not_within_n_days() -> None:
    view = view_of(make_case(), D - 20 * DAY)
    found = assess([view], ranges("@~:14", "@~:30"))
    assert found.state is NagiosState.CRITICAL
    assert nagios_line(found, EN).startswith("STANGNING CRITICAL - due soon: 4 (")
    within = assess([view], Thresholds.from_days(30, crit_days=25))
    assert nagios_line(within, EN).startswith("STANGNING CRITICAL - due within 30 d: 4 (")


def test_with_a_range_the_ok_line_names_both_ranges() -> None:
    found = assess([view_of(make_case(), D - 20 * DAY)], ranges("10:", "@~:-5"))
    assert nagios_line(found, EN) == (
        "STANGNING OK - active cases: 1, nothing alerts at -w 10: -c @~:-5 | "
        f"{perf(days=20, warn='10:', crit='@~:-5')}"
    )


def test_critical_findings_are_named_first() -> None:
    # Two days late with -c -1: (critical more than a day late): the late items are critical,
    # the checks due on D are two days late too; T's items are named after them.
    view = view_of(make_case(), D + 2 * DAY)
    found = assess([view], ranges("@~:100", "-1:"))
    assert [alert.state for alert in found.alerts] == sorted(
        (alert.state for alert in found.alerts), reverse=True
    )
    assert found.alerts[0].finding.kind is Kind.OVERDUE_ITEMS


def test_a_rule_broken_is_critical_whatever_the_ranges() -> None:
    found = assess([broken_rule(D + 3 * DAY)], ranges("~:", "~:"))
    assert found.state is NagiosState.CRITICAL
    assert [f.kind for f in found.findings] == [Kind.RULES_BROKEN, Kind.RULES_BROKEN]


@given(
    offset=st.integers(min_value=-40, max_value=130),
    checked=st.none() | st.integers(min_value=0, max_value=100),
    warn_days=st.integers(min_value=0, max_value=30),
)
def test_warn_days_keeps_the_rule_it_always_had(
    offset: int, checked: int | None, warn_days: int
) -> None:
    """--warn-days N (``-w @~:N -c 0:``): CRITICAL for anything late or a rule broken,
    WARNING for an open item due within N days or a check due today, else OK."""
    today = D + offset * DAY
    look = () if checked is None else (Check("c1", stamp(D + checked * DAY), "anna"),)
    case = make_case(
        items=all_done(BEFORE_D) if offset > 10 else {},
        checks={"bevaka-fraga-svar": look, "fil-i-fail": look},
    )
    view = evaluate(case, template(), today)
    late = any(item.status is ItemStatus.OVERDUE for item in view.items) or any(
        item.cadence is not None and item.cadence.state is CheckState.OVERDUE for item in view.items
    )
    soon = any(
        item.status.is_open and (item.days_left or 0) <= warn_days for item in view.items
    ) or any(
        item.cadence is not None and item.cadence.state is CheckState.DUE for item in view.items
    )
    expected = NagiosState.OK
    if late or view.violations:
        expected = NagiosState.CRITICAL
    elif soon:
        expected = NagiosState.WARNING
    assert assess([view], Thresholds.from_days(warn_days)).state is expected
