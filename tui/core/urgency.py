"""How urgent an item is, its monitoring checks weighed in: the one rule every front end reads.

The dashboard's symbols and colours, ``status`` (text, ``--json``, ``--nagios``), the order of
every listing, the exports and the report all come from here, so they cannot disagree. An item
whose rule says "watch" (monitoring, or may be finished now) is raised when its check is due
(``check_due``) or late (``check_overdue``); an item late by its own rule stays the most urgent.
"""

from __future__ import annotations

from enum import IntEnum

from tui.core.cadence import CheckCadence, CheckState
from tui.core.item_status import ItemStatus


class Urgency(IntEnum):
    """Lower is more urgent."""

    OVERDUE = 0
    CHECK_OVERDUE = 1
    TODO = 2
    CHECK_DUE = 3
    MONITORING = 4
    WAITING = 5
    DONE = 6
    NOT_APPLICABLE = 7

    @property
    def label(self) -> str:
        """As JSON says it: ``check_overdue``."""
        return self.name.lower()

    @property
    def check(self) -> bool:
        """About a monitoring check, not the item itself."""
        return self in (Urgency.CHECK_OVERDUE, Urgency.CHECK_DUE)

    @property
    def word(self) -> str:
        """The status word's key under ``status.``: a check reads as late or to do, and the
        item is named as a check ("Fil i fail (kontroll)")."""
        if self is Urgency.CHECK_OVERDUE:
            return "overdue"
        if self is Urgency.CHECK_DUE:
            return "todo"
        return self.label

    @property
    def is_open(self) -> bool:
        return self < Urgency.DONE


_BY_STATUS = {
    ItemStatus.OVERDUE: Urgency.OVERDUE,
    ItemStatus.TODO: Urgency.TODO,
    ItemStatus.MONITORING: Urgency.MONITORING,
    ItemStatus.WAITING: Urgency.WAITING,
    ItemStatus.DONE: Urgency.DONE,
    ItemStatus.NOT_APPLICABLE: Urgency.NOT_APPLICABLE,
}


def urgency_of(status: ItemStatus, cadence: CheckCadence | None) -> Urgency:
    """The item's own status, raised when its monitoring check is due or late."""
    found = _BY_STATUS[status]
    if cadence is not None and found > Urgency.TODO:
        if cadence.state is CheckState.OVERDUE:
            return Urgency.CHECK_OVERDUE
        if cadence.state is CheckState.DUE:
            return Urgency.CHECK_DUE
    return found
