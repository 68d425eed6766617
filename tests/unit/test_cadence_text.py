"""What the panes, ``status`` and the report say about a monitored item's checks, day by day
around the boundaries: due on D, then every 7 days after the last check; overdue the day after."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.conftest import CLOSING, make_case, stamp, template
from tui.core.cadence import CheckCadence
from tui.core.cadence_text import (
    cadence_text,
    check_state_text,
    checked_days_ago_text,
    last_checked_text,
)
from tui.core.case import Check
from tui.core.i18n import Translator
from tui.core.rules import evaluate

D = CLOSING
DAY = dt.timedelta(days=1)


def cadence_on(today: dt.date, *checked: dt.date, cadence_days: int = 7) -> CheckCadence | None:
    looks = tuple(Check(f"c{n}", stamp(day), "anna") for n, day in enumerate(checked))
    case = make_case(checks={"fil-i-fail": looks})
    return evaluate(case, template(), today, cadence_days).item("fil-i-fail").cadence


@pytest.mark.parametrize(
    ("today", "checked", "sv", "en"),
    [
        (D, (), "kontroll i dag · aldrig kontrollerad", "check due today · never checked"),
        (
            D + DAY,
            (),
            "kontroll försenad 1 d · aldrig kontrollerad",
            "check overdue 1 d · never checked",
        ),
        (
            D,
            (D,),
            "nästa kontroll 2026-02-07 · senast kontrollerad i dag",
            "next check 2026-02-07 · last checked today",
        ),
        (
            D + DAY,
            (D,),
            "nästa kontroll 2026-02-07 · senast kontrollerad i går",
            "next check 2026-02-07 · last checked yesterday",
        ),
        (
            D + 6 * DAY,
            (D,),
            "nästa kontroll 2026-02-07 · senast kontrollerad för 6 dagar sedan",
            "next check 2026-02-07 · last checked 6 days ago",
        ),
        (
            D + 7 * DAY,
            (D,),
            "kontroll i dag · senast kontrollerad för 7 dagar sedan",
            "check due today · last checked 7 days ago",
        ),
        (
            D + 8 * DAY,
            (D,),
            "kontroll försenad 1 d · senast kontrollerad för 8 dagar sedan",
            "check overdue 1 d · last checked 8 days ago",
        ),
    ],
)
def test_cadence_in_words_at_the_day_boundaries(
    today: dt.date, checked: tuple[dt.date, ...], sv: str, en: str
) -> None:
    cadence = cadence_on(today, *checked)
    assert cadence is not None
    assert cadence_text(cadence, Translator("sv")) == sv
    assert cadence_text(cadence, Translator("en")) == en


def test_the_words_follow_the_configured_cadence() -> None:
    cadence = cadence_on(D + 3 * DAY, D, cadence_days=3)
    assert cadence is not None
    t = Translator("en")
    assert check_state_text(cadence, t) == "check due today"
    assert last_checked_text(cadence, t) == "last checked 3 days ago"


@pytest.mark.parametrize(
    ("days", "sv"),
    [
        (None, "aldrig kontrollerad"),
        (0, "senast kontrollerad i dag"),
        (1, "senast kontrollerad i går"),
        (12, "senast kontrollerad för 12 dagar sedan"),
    ],
)
def test_days_since_the_last_check_in_words_without_a_cadence(days: int | None, sv: str) -> None:
    assert checked_days_ago_text(days, Translator("sv")) == sv
