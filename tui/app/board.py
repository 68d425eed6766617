"""What the dashboard shows, computed once per change: every case evaluated for today.

Pure: no Textual. The app rebuilds the board when the store or the day changes, and each pane
reads from it (attributes down). Filtering is by unit, HSA-ID or caregiver, case-insensitive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from tui.app.attention import (
    CHECK_DUE,
    CHECK_OVERDUE,
    MONITORING,
    OVERDUE,
    TODO,
    Attention,
    NextAction,
    item_attention,
    item_cadence,
    next_action,
)
from tui.core.cadence import CheckCadence
from tui.core.case import Case
from tui.core.rules import CaseView, ItemView, Phase, by_urgency, evaluate
from tui.core.template import Role, Template


class Group(StrEnum):
    """The four groups of a role's pane, in the order shown."""

    OVERDUE = "overdue"
    TODO = "todo"
    MONITORING = "monitoring"
    WAITING = "waiting"


@dataclass(frozen=True)
class CaseLine:
    view: CaseView
    action: NextAction | None

    @property
    def case_id(self) -> str:
        return self.view.case.case_id

    @property
    def complete(self) -> bool:
        return self.view.phase is Phase.COMPLETE


@dataclass(frozen=True)
class RoleEntry:
    line: CaseLine
    item: ItemView
    attention: Attention
    cadence: CheckCadence | None

    @property
    def group(self) -> Group:
        if self.attention in (OVERDUE, CHECK_OVERDUE):
            return Group.OVERDUE
        if self.attention in (TODO, CHECK_DUE):
            return Group.TODO
        if self.attention is MONITORING:
            return Group.MONITORING
        return Group.WAITING


def matches(case: Case, text: str) -> bool:
    needle = text.strip().casefold()
    if not needle:
        return True
    return any(needle in value.casefold() for value in (case.unit, case.hsa_id, case.caregiver))


@dataclass(eq=False)  # compared by identity: a new board means something changed
class Board:
    today: dt.date
    cadence_days: int
    lines: list[CaseLine] = field(default_factory=list)  # most urgent first

    def by_id(self, case_id: str) -> CaseLine | None:
        return next((line for line in self.lines if line.case_id == case_id), None)

    def visible(self, text: str = "", *, include_complete: bool = False) -> list[CaseLine]:
        return [
            line
            for line in self.lines
            if (include_complete or not line.complete) and matches(line.view.case, text)
        ]

    @property
    def active_count(self) -> int:
        return sum(not line.complete for line in self.lines)

    @property
    def complete_count(self) -> int:
        return sum(line.complete for line in self.lines)

    def role_entries(self, role: Role, text: str = "") -> dict[Group, list[RoleEntry]]:
        """The role's open items across the matching cases, grouped, most urgent first."""
        groups: dict[Group, list[RoleEntry]] = {group: [] for group in Group}
        for line in self.visible(text):
            for item in line.view.open_items(role):
                cadence = item_cadence(item, line.view, self.cadence_days)
                entry = RoleEntry(line, item, item_attention(item, cadence), cadence)
                groups[entry.group].append(entry)
        for entries in groups.values():
            entries.sort(key=_entry_order)
        return groups


def _entry_order(entry: RoleEntry) -> tuple[int, dt.date, str, str]:
    when = entry.item.next_date or (entry.cadence.next_check if entry.cadence else None)
    return (
        entry.attention.rank,
        when or entry.line.view.case.closing,
        entry.line.view.case.unit.casefold(),
        entry.item.key,
    )


def build_board(
    cases: Iterable[Case], template: Template, today: dt.date, cadence_days: int
) -> Board:
    views = by_urgency([evaluate(case, template, today) for case in cases])
    lines = [CaseLine(view, next_action(view, cadence_days)) for view in views]
    lines.sort(key=lambda line: (line.complete, line.action.attention.rank if line.action else 9))
    return Board(today, cadence_days, lines)
