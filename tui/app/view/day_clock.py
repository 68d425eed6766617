"""When the shown day turns: the next midnight in Europe/Stockholm.

Countdowns count whole days, so the dashboard repaints them once a day, at midnight, from a
one-shot timer that re-arms itself; never from a ticking timer (each repaint costs bytes over SSH).
"""

from __future__ import annotations

import datetime as dt

from tui.core.dates import stockholm

MARGIN_SECONDS = 2.0  # after midnight, so the date has certainly turned


def seconds_to_next_midnight(now: dt.datetime | None = None) -> float:
    """Seconds from ``now`` (default: the current moment; naive means UTC) to the next Stockholm
    midnight, on the wall clock (both times in the same zone)."""
    moment = dt.datetime.now(dt.UTC) if now is None else now
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    zone = stockholm()
    local = moment.astimezone(zone)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return max(0.0, (midnight - local).total_seconds()) + MARGIN_SECONDS
