"""``status --nagios`` in the core: which state the closures are in, and the exact plugin line."""

from __future__ import annotations

import datetime as dt

import pytest

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
from tui.core.case import Check
from tui.core.i18n import Translator
from tui.core.nagios import NagiosState, assess, nagios_line, plain, unknown_line
from tui.core.rules import CaseView, evaluate

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)
EN, SV = Translator("en"), Translator("sv")
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
) -> str:
    return (
        f"cases={cases};;;0 overdue_items={items};;0;0 overdue_checks={checks};;0;0 "
        f"rules_broken={broken};;0;0 due_soon={soon};0;;0 checks_due={due};0;;0"
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
            f"STANGNING OK - active cases: 0, nothing due within 14 d | {perf(cases=0)}",
            id="no-cases",
        ),
        pytest.param(
            [view_of(make_case(), D - 15 * DAY)],
            14,
            NagiosState.OK,
            f"STANGNING OK - active cases: 1, nothing due within 14 d | {perf()}",
            id="D-in-15-days",
        ),
        pytest.param(
            [view_of(make_case(), D - 14 * DAY)],
            14,
            NagiosState.WARNING,
            "STANGNING WARNING - due within 14 d: 4 (k7f3qa/vart-arbete, "
            "k7f3qa/bevaka-fraga-svar, k7f3qa/vardenhet-upphor, k7f3qa/fil-i-fail) | "
            f"{perf(soon=4)}",
            id="D-in-14-days",
        ),
        pytest.param(
            [view_of(make_case(), D - 14 * DAY)],
            13,
            NagiosState.OK,
            f"STANGNING OK - active cases: 1, nothing due within 13 d | {perf()}",
            id="warn-days-is-the-option",
        ),
        pytest.param(
            [watched(D + 7 * DAY, checked=D)],
            14,
            NagiosState.WARNING,
            "STANGNING WARNING - checks due today: 2 (k7f3qa/bevaka-fraga-svar, "
            f"k7f3qa/fil-i-fail) | {perf(due=2)}",
            id="checks-due-today",
        ),
        pytest.param(
            [watched(D + 6 * DAY, checked=D)],
            14,
            NagiosState.OK,
            f"STANGNING OK - active cases: 1, nothing due within 14 d | {perf()}",
            id="checked-six-days-ago",
        ),
        pytest.param(
            [watched(D + 8 * DAY, checked=D)],
            14,
            NagiosState.CRITICAL,
            "STANGNING CRITICAL - overdue checks: 2 (k7f3qa/bevaka-fraga-svar, "
            f"k7f3qa/fil-i-fail) | {perf(checks=2)}",
            id="checks-overdue",
        ),
        pytest.param(
            [view_of(make_case(items={"vart-arbete": done(D)}), D + DAY)],
            14,
            NagiosState.CRITICAL,
            "STANGNING CRITICAL - overdue items: 1, overdue checks: 2 (k7f3qa/vardenhet-upphor, "
            f"k7f3qa/bevaka-fraga-svar, k7f3qa/fil-i-fail) | {perf(items=1, checks=2)}",
            id="item-overdue",
        ),
        pytest.param(
            # EK/HSA closed the unit before T (the closing date was moved later afterwards).
            [broken_rule(D + 3 * DAY)],
            14,
            NagiosState.CRITICAL,
            "STANGNING CRITICAL - rules broken: 2 (k7f3qa/hsa-verksamhet, "
            f"k7f3qa/hsa-medarbetaruppdrag) | {perf(broken=2)}",
            id="rule-broken",
        ),
    ],
)
def test_state_and_exact_line(
    views: list[CaseView], warn_days: int, state: NagiosState, line: str
) -> None:
    assessment = assess(views, warn_days=warn_days)
    assert assessment.state is state
    assert nagios_line(assessment, EN) == line


def test_archived_cases_are_not_counted() -> None:
    finished = make_case(items=all_done(ALL_KEYS + GATED, T), case_id="klar22")
    still_open = make_case(items=all_done(BEFORE_D), case_id="open22")
    views = [view_of(finished, T + 30 * DAY), view_of(still_open, T - 30 * DAY)]
    assessment = assess(views, warn_days=14)
    assert assessment.cases == 1
    assert {finding.case_id for finding in assessment.findings} == {"open22"}


def test_at_most_five_findings_are_named() -> None:
    views = [
        view_of(make_case(case_id=f"case{n}"), D + DAY) for n in range(2)
    ]  # 2 overdue items and 2 overdue checks each
    line = nagios_line(assess(views, warn_days=14), EN)
    assert line.startswith("STANGNING CRITICAL - overdue items: 4, overdue checks: 4 (")
    assert "case0/vart-arbete, case0/vardenhet-upphor, case1/vart-arbete" in line
    assert ", +3 more) | " in line


def test_the_text_follows_the_language() -> None:
    line = nagios_line(assess([view_of(make_case(), D + DAY)], warn_days=14), SV)
    assert line.startswith(
        "STANGNING CRITICAL - försenade punkter: 2, försenade kontroller: 2 (k7f3qa/vart-arbete"
    )
    assert line.endswith(f"| {perf(items=2, checks=2)}")


def test_the_cadence_is_the_one_the_cases_were_evaluated_with() -> None:
    def state(cadence_days: int) -> NagiosState:
        view = watched(D + 3 * DAY, checked=D, cadence_days=cadence_days)
        return assess([view], warn_days=14).state

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
