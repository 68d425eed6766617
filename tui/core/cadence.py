"""How often the monitored items (Fråga/svar, fil i fail) are looked at.

From the closing date D until the item is finished, a check is expected every ``cadence_days``
days: the next one is due ``cadence_days`` after the last check (the first one on D itself). On
that day the check is due; after it, overdue. ``rules.evaluate`` works it out for every item
(``ItemView.cadence``); ``urgency.py`` weighs it into what is most urgent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tui.core.case import Check
from tui.core.item_status import ItemStatus

if TYPE_CHECKING:
    from tui.core.rules import CaseView, ItemView

DEFAULT_CADENCE_DAYS = 7


class CheckState(StrEnum):
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CheckCadence:
    state: CheckState
    last: dt.date | None  # the day of the last check, if any
    days_since_last: int | None
    next_check: dt.date
    days_overdue: int  # 0 unless overdue


def cadence_of(
    *,
    monitored: bool,
    status: ItemStatus,
    checks: Sequence[Check],
    closing: dt.date,
    today: dt.date,
    cadence_days: int = DEFAULT_CADENCE_DAYS,
) -> CheckCadence | None:
    """The item's check state today, or None when no checks are expected (not a monitored item,
    finished, not applicable, or before the closing date)."""
    watching = status in (ItemStatus.MONITORING, ItemStatus.TODO)
    if not monitored or not watching or today < closing:
        return None
    last_check = checks[-1] if checks else None
    last = dt.date.fromisoformat(last_check.at[:10]) if last_check else None
    # Checks from before D (the closing date was moved later) do not start the watch.
    counted = last if last is not None and last >= closing else None
    next_check = counted + dt.timedelta(days=cadence_days) if counted else closing
    if today < next_check:
        state = CheckState.OK
    elif today == next_check:
        state = CheckState.DUE
    else:
        state = CheckState.OVERDUE
    return CheckCadence(
        state=state,
        last=last,
        days_since_last=(today - last).days if last else None,
        next_check=next_check,
        days_overdue=max(0, (today - next_check).days),
    )


def overdue_checks(view: CaseView) -> list[ItemView]:
    """The case's monitored items whose check is overdue today."""
    return [
        item
        for item in view.items
        if item.cadence is not None and item.cadence.state is CheckState.OVERDUE
    ]
