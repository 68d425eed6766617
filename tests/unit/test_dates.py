"""T = D + 3 calendar months (lag 1930:173, 1 §) and strict YYYY-MM-DD input."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.dates import days_until, parse_iso_date, threshold_date


@pytest.mark.parametrize(
    ("closing", "threshold"),
    [
        # The domain's own examples.
        ("2026-01-31", "2026-04-30"),
        ("2025-11-30", "2026-02-28"),
        ("2023-11-30", "2024-02-29"),
        ("2026-05-31", "2026-08-31"),
        # Month ends that do not exist three months on: the last day of that month.
        ("2026-03-31", "2026-06-30"),
        ("2026-08-31", "2026-11-30"),
        ("2025-11-29", "2026-02-28"),
        ("2024-11-29", "2025-02-28"),
        ("2023-11-29", "2024-02-29"),
        ("2023-11-28", "2024-02-28"),
        ("2099-11-30", "2100-02-28"),  # 2100 is not a leap year
        ("2099-11-29", "2100-02-28"),
        ("2399-11-29", "2400-02-29"),  # 2400 is
        # From a leap day: the same day number exists three months on.
        ("2024-02-29", "2024-05-29"),
        # Month ends that do exist: the same day number.
        ("2026-07-31", "2026-10-31"),
        ("2026-04-30", "2026-07-30"),
        ("2026-02-28", "2026-05-28"),
        # Ordinary days.
        ("2026-03-15", "2026-06-15"),
        ("2026-01-01", "2026-04-01"),
        ("2026-06-30", "2026-09-30"),
        # Over the new year.
        ("2026-10-31", "2027-01-31"),
        ("2026-11-25", "2027-02-25"),
        ("2026-11-30", "2027-02-28"),
        ("2026-12-31", "2027-03-31"),
        ("2026-12-01", "2027-03-01"),
        # Weekends do not move T (2026-05-02 is a Saturday; 2026-12-25 is Christmas Day).
        ("2026-02-02", "2026-05-02"),
        ("2026-09-25", "2026-12-25"),
    ],
)
def test_threshold_date(closing: str, threshold: str) -> None:
    assert threshold_date(dt.date.fromisoformat(closing)) == dt.date.fromisoformat(threshold)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@settings(max_examples=200, deadline=None)
@given(dates)
def test_threshold_is_same_day_number_three_months_on_or_that_months_last_day(
    closing: dt.date,
) -> None:
    threshold = threshold_date(closing)
    months = closing.year * 12 + closing.month - 1 + 3
    assert (threshold.year, threshold.month) == (months // 12, months % 12 + 1)
    assert threshold.day == min(closing.day, _last_day(threshold.year, threshold.month))


@settings(max_examples=200, deadline=None)
@given(dates)
def test_threshold_is_between_89_and_92_days_later(closing: dt.date) -> None:
    threshold = threshold_date(closing)
    assert threshold > closing
    assert 89 <= (threshold - closing).days <= 92
    assert isinstance(threshold, dt.date)
    assert not isinstance(threshold, dt.datetime)


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_threshold_never_runs_backwards(first: dt.date, second: dt.date) -> None:
    # A later closing date never gives an earlier T (moving D later can only move T later).
    early, late = sorted((first, second))
    assert threshold_date(early) <= threshold_date(late)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25", dt.date(2026, 11, 25)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("  2026-01-31 ", dt.date(2026, 1, 31)),
    ],
)
def test_parse_iso_date_accepts_yyyy_mm_dd(text: str, expected: dt.date) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-1-5",
        "2026-01-5",
        "25/11/2026",
        "2026/11/25",
        "20261125",
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-11-25T10:00",
        "2026-11-25x",
        "２０２６-11-25",
        "",
        "   ",
        "x",
    ],
)
def test_parse_iso_date_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(text)


@pytest.mark.parametrize(
    ("today", "day", "days"),
    [
        ("2026-02-10", "2026-04-30", 79),
        ("2026-04-30", "2026-04-30", 0),
        ("2026-05-01", "2026-04-30", -1),
        ("2026-12-31", "2027-01-01", 1),
    ],
)
def test_days_until(today: str, day: str, days: int) -> None:
    assert days_until(dt.date.fromisoformat(today), dt.date.fromisoformat(day)) == days
