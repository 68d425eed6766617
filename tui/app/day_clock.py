"""When the shown day turns: the next midnight in Europe/Stockholm.

Countdowns count whole days, so the dashboard repaints them once a day, at midnight, from a
one-shot timer that re-arms itself; never from a ticking timer (each repaint costs bytes over SSH).
"""

from __future__ import annotations

import datetime as dt

import arrow

from tui.core.dates import TIMEZONE

MARGIN_SECONDS = 2.0  # after midnight, so the date has certainly turned


def seconds_to_next_midnight(now: dt.datetime | None = None) -> float:
    """Seconds from ``now`` (default: the current moment) to the next Stockholm midnight."""
    moment = arrow.get(now) if now is not None else arrow.now(TIMEZONE)
    local = moment.to(TIMEZONE)
    midnight = local.floor("day").shift(days=1)
    return max(0.0, float((midnight - local).total_seconds())) + MARGIN_SECONDS
