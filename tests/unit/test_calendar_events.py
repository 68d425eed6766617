"""The calendar a closure gives: D, T and a check series per watched item, with UIDs made of the
case id and the event's kind only, as all-day events Outlook accepts."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from tests.unit.conftest import (
    CLOSING,
    THRESHOLD,
    done,
    make_case,
    not_applicable,
    template,
    view_of,
)
from tui.core.case import ItemRecord
from tui.core.i18n import Translator
from tui.export.calendar import CalendarEvent, case_events
from tui.export.ics import PRODID, calendar_chunks, to_vevent, vevents_bytes

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)
SV = Translator("sv")
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def events_of(
    items: dict[str, ItemRecord] | None = None, today: dt.date = D, cadence: int = 7
) -> dict[str, CalendarEvent]:
    view = view_of(make_case(items=items), today)
    return {event.uid: event for event in case_events(view, template(), SV, cadence_days=cadence)}


def test_closing_threshold_and_a_check_series_per_watched_item() -> None:
    events = events_of()
    assert {uid: (e.day, e.every_days, e.until) for uid, e in events.items()} == {
        "k7f3qa-closing@stangning": (D, None, None),
        "k7f3qa-threshold@stangning": (T, None, None),
        "k7f3qa-check-bevaka-fraga-svar@stangning": (D, 7, T),
        "k7f3qa-check-fil-i-fail@stangning": (D, 7, T),
    }
    closing = events["k7f3qa-closing@stangning"]
    assert closing.summary == "Stängningsdatum: Vårdcentralen Exempel (SE2321000016-A2G8)"
    assert "Ta hand om Vårt arbete" in closing.description
    assert "Uppgifter i EK/HSA verksamhet" in events["k7f3qa-threshold@stangning"].description
    assert (
        "stangning check k7f3qa fil-i-fail"
        in events["k7f3qa-check-fil-i-fail@stangning"].description
    )


def test_the_events_do_not_change_as_days_pass() -> None:
    assert events_of(today=D - 30 * DAY) == events_of(today=D + 40 * DAY)


def test_a_finished_watch_ends_its_series_a_not_applicable_one_has_none() -> None:
    finished_early = D + 20 * DAY  # the closing date was moved after it was finished
    events = events_of({"fil-i-fail": done(finished_early), "bevaka-fraga-svar": not_applicable()})
    assert events["k7f3qa-check-fil-i-fail@stangning"].until == finished_early
    assert "k7f3qa-check-bevaka-fraga-svar@stangning" not in events
    assert (
        events_of({"fil-i-fail": done(T + 5 * DAY)})["k7f3qa-check-fil-i-fail@stangning"].until == T
    )


def calendar_bytes(events: list[CalendarEvent], *, name: str = "x", sequence: int = 0) -> bytes:
    """The file ``export ics`` writes of one case's events."""
    vevents = vevents_bytes(events, now=NOW, sequence=sequence)
    return b"".join(calendar_chunks([vevents], name=name))


@pytest.mark.parametrize(
    ("cadence", "rule"),
    [
        (7, "FREQ=WEEKLY;UNTIL=20260430"),
        (14, "FREQ=WEEKLY;UNTIL=20260430;INTERVAL=2"),
        (3, "FREQ=DAILY;UNTIL=20260430;INTERVAL=3"),
        (1, "FREQ=DAILY;UNTIL=20260430"),
    ],
)
def test_the_series_follows_the_cadence(cadence: int, rule: str) -> None:
    event = events_of(cadence=cadence)["k7f3qa-check-fil-i-fail@stangning"]
    data = calendar_bytes([event])
    assert f"RRULE:{rule}\r\n".encode() in data


def test_the_file_is_all_day_events_outlook_accepts() -> None:
    events = events_of()
    data = calendar_bytes(list(events.values()), name="Stängningar", sequence=12)
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//stangning//")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded as RFC 5545 asks
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["METHOD"] == "PUBLISH"
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 4
    for vevent in vevents:
        assert type(vevent.start) is dt.date  # VALUE=DATE: no time, no time zone
        assert vevent.end == vevent.start + DAY
        assert vevent["DTSTAMP"].dt == NOW
        assert vevent["SEQUENCE"] == 12
        assert vevent["TRANSP"] == "TRANSPARENT"
        assert vevent["X-MICROSOFT-CDO-ALLDAYEVENT"] == "TRUE"


def test_control_characters_in_names_do_not_reach_the_file() -> None:
    view = view_of(make_case(unit="Enhet\x1b[2J\x00"), D)
    events = case_events(view, template(), SV, cadence_days=7)
    data = calendar_bytes(list(events))
    assert b"\x1b" not in data and b"\x00" not in data
    summary = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]
    assert summary.startswith("Stängningsdatum: Enhet\\x1b[2J\\x00")


def test_a_calendar_written_as_it_goes_is_the_calendar_built_whole() -> None:
    """`export ics --all` streams the VCALENDAR around each case's events (a calendar of every
    archived case is too big to build whole): the bytes are what icalendar writes for it."""
    events = list(events_of().values())
    whole = icalendar.Calendar()
    for name, value in (
        ("prodid", PRODID),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", "Stängningar"),
        ("x-wr-timezone", "Europe/Stockholm"),
    ):
        whole.add(name, value)
    stamp = NOW.replace(microsecond=0)
    for event in events:
        whole.add_component(to_vevent(event, stamp=stamp, sequence=3))
    streamed = b"".join(
        calendar_chunks([vevents_bytes(events, now=NOW, sequence=3)], name="Stängningar")
    )
    assert streamed == whole.to_ical()
    assert b"".join(calendar_chunks([], name="x")).count(b"VCALENDAR") == 2
