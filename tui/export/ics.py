"""Calendar events as an iCalendar file (RFC 5545), made with the ``icalendar`` library.

Every event is all-day (DTSTART;VALUE=DATE, DTEND the next day): D and T are calendar dates in
Europe/Stockholm, so no time zone is needed and none is guessed. Outlook's habits are followed:
METHOD:PUBLISH, the events marked free (TRANSP:TRANSPARENT and Microsoft's busy status), weekly
series as FREQ=WEEKLY. SEQUENCE is the number of changes the case has had, so a re-import sees
a newer version of an event it has and updates it (the UID is the same) instead of adding one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from icalendar import Calendar, Event

from tui import __version__
from tui.core.dates import TIMEZONE
from tui.core.printable import escape_controls
from tui.export.calendar import CalendarEvent

PRODID = f"-//stangning//stangning {__version__}//SV"


def _text(value: str) -> str:
    """Calendar text may hold no control characters but line breaks (RFC 5545, 3.3.11): any
    other is written as a visible escape."""
    return escape_controls(value, keep_newlines=True)


def _rule(event: CalendarEvent) -> dict[str, Any]:
    every = event.every_days or 1
    if every % 7 == 0:
        rule: dict[str, Any] = {"freq": "weekly", "interval": every // 7}
    else:
        rule = {"freq": "daily", "interval": every}
    if rule["interval"] == 1:
        del rule["interval"]
    rule["until"] = event.until
    return rule


def to_vevent(event: CalendarEvent, *, stamp: dt.datetime, sequence: int) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", sequence)
    vevent.add("dtstart", event.day)
    vevent.add("dtend", event.day + dt.timedelta(days=1))
    vevent.add("summary", _text(event.summary))
    vevent.add("description", _text(event.description))
    if event.every_days is not None:
        vevent.add("rrule", _rule(event))
    vevent.add("transp", "TRANSPARENT")
    vevent.add("x-microsoft-cdo-alldayevent", "TRUE")
    vevent.add("x-microsoft-cdo-busystatus", "FREE")
    return vevent


def vevents_bytes(events: Iterable[CalendarEvent], *, now: dt.datetime, sequence: int) -> bytes:
    """One case's events as the VEVENT text of a calendar (see calendar_chunks)."""
    stamp = _stamp(now)
    return b"".join(to_vevent(event, stamp=stamp, sequence=sequence).to_ical() for event in events)


def calendar_chunks(vevents: Iterable[bytes], *, name: str) -> Iterator[bytes]:
    """The VCALENDAR around VEVENT texts, as the calendar's ``to_ical`` writes it: a calendar
    of every case streams out rather than being built whole (icalendar's objects of 50,000
    events are hundreds of megabytes)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-wr-timezone", TIMEZONE)
    whole: bytes = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert whole.endswith(end)
    yield whole[: -len(end)]
    yield from vevents
    yield end


def _stamp(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC).replace(microsecond=0)
