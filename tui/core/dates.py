"""Calendar dates in Europe/Stockholm and the three-month rule (lag 1930:173, 1 §).

The month arithmetic is arrow's; arrow is imported on the first call, not with this module,
because the module is loaded before the dashboard's first frame and arrow takes ~20 ms to import.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

TIMEZONE = "Europe/Stockholm"
MONTHS_TO_THRESHOLD = 3


@cache  # called for every item of every case each time the dashboard's board is rebuilt
def threshold_date(closing: dt.date) -> dt.date:
    """T: the closing date plus three calendar months.

    A period of months ends on the day with the same number in the end month, or on the last day
    of that month where that day does not exist (2026-01-31 -> 2026-04-30). Weekends and holidays
    do not move it: it is a minimum waiting time, not a deadline.
    """
    import arrow

    shifted: dt.date = arrow.get(closing).shift(months=MONTHS_TO_THRESHOLD).date()
    return shifted


def stockholm() -> ZoneInfo:
    """The Europe/Stockholm time zone (``ZoneInfo`` keeps one instance per key)."""
    return ZoneInfo(TIMEZONE)


def today_in_stockholm() -> dt.date:
    """Today's calendar date in Europe/Stockholm."""
    return dt.datetime.now(stockholm()).date()


def now_in_stockholm() -> str:
    """The current moment as ISO 8601 with Stockholm's offset, to the second."""
    return dt.datetime.now(stockholm()).replace(microsecond=0).isoformat()


def moment_at(wall_ms: int) -> dt.datetime:
    """A moment given in milliseconds since the epoch, in Europe/Stockholm, to the second."""
    return dt.datetime.fromtimestamp(wall_ms // 1000, stockholm())


def parse_iso_date(text: str) -> dt.date:
    """Parse YYYY-MM-DD strictly; raises ValueError for anything else."""
    text = text.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def days_until(today: dt.date, day: dt.date) -> int:
    """Whole calendar days from today until day (negative when day is past)."""
    return (day - today).days
