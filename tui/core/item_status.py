"""Where an item stands today by the checklist's timing rules (see rules.py), before its
monitoring checks are weighed in (see urgency.py)."""

from __future__ import annotations

from enum import IntEnum


class ItemStatus(IntEnum):
    """The value orders urgency (lowest first)."""

    OVERDUE = 0
    TODO = 1
    MONITORING = 2
    WAITING = 3
    DONE = 4
    NOT_APPLICABLE = 5

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def is_open(self) -> bool:
        return self < ItemStatus.DONE
