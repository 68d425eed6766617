"""What the dashboard shows, computed once per change: every case evaluated for today.

Pure: no Textual. The app rebuilds the board when the store or the day changes, and each pane
reads from it (attributes down). Filtering is by unit, HSA-ID or caregiver, case-insensitive.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tui.app.view.attention import (
    CHECK_DUE,
    CHECK_OVERDUE,
    MONITORING,
    OVERDUE,
    TODO,
    Attention,
    NextAction,
    item_attention,
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
    archived: int = 0  # complete cases kept in the archive, not on the board
    shows_complete: bool = False  # the archive's cases are among the lines
    kept: frozenset[str] = frozenset()  # complete cases shown anyway: completed here just now

    def by_id(self, case_id: str) -> CaseLine | None:
        return next((line for line in self.lines if line.case_id == case_id), None)

    def visible(self, text: str = "") -> list[CaseLine]:
        """The lines a list shows: the matching ones, the complete ones only when the board
        shows them (or they were completed here in this session: they stay, marked done)."""
        return [
            line
            for line in self.lines
            if (self.shows_complete or not line.complete or line.case_id in self.kept)
            and matches(line.view.case, text)
        ]

    @property
    def active_count(self) -> int:
        return sum(not line.complete for line in self.lines)

    @property
    def complete_count(self) -> int:
        return sum(line.complete for line in self.lines) + self.archived

    @property
    def empty(self) -> bool:
        """No case at all (the welcome is shown)."""
        return not self.lines and not self.archived

    def role_entries(self, role: Role, text: str = "") -> dict[Group, list[RoleEntry]]:
        """The role's open items across the matching cases, grouped, most urgent first."""
        groups: dict[Group, list[RoleEntry]] = {group: [] for group in Group}
        for line in self.visible(text):
            if line.complete:
                continue
            for item in line.view.open_items(role):
                entry = RoleEntry(line, item, item_attention(item), item.cadence)
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
    cases: Iterable[Case],
    template: Template,
    today: dt.date,
    cadence_days: int,
    views: ViewCache | None = None,
    *,
    archived: int = 0,
    complete: Sequence[CaseLine] | None = None,
    kept: frozenset[str] = frozenset(),
) -> Board:
    """The board of these cases today; ``views`` keeps each case's evaluation for the next
    board, so that one change re-evaluates one case (a Case is immutable: the same object
    on the same day evaluates the same).

    ``complete``: the archive's cases, evaluated apart (``evaluate_lines``, in a background
    thread), shown among the others; ``archived`` counts them while they are not. ``kept``:
    complete cases shown anyway (see ``Board.kept``)."""
    if views is None:
        views = ViewCache()
    views = views.for_day(today, cadence_days)
    # The order of every listing (CaseView.urgency_key): the command line's too.
    evaluated = by_urgency([views.view(case, template) for case in cases])
    views.keep_only(view.case.case_id for view in evaluated)
    lines = [views.line(view) for view in evaluated]
    if complete is None:
        return Board(today, cadence_days, lines, archived, kept=kept)
    folded = {line.case_id for line in lines}  # a change has reached these: the fold is newer
    rest = [line for line in complete if line.case_id not in folded]
    merged = list(heapq.merge(lines, rest, key=_line_order))
    return Board(today, cadence_days, merged, 0, shows_complete=True, kept=kept)


def _line_order(line: CaseLine) -> tuple[int, int, str, str]:
    return line.view.urgency_key()


def evaluate_lines(
    cases: Iterable[Case], template: Template, today: dt.date, cadence_days: int
) -> list[CaseLine]:
    """Each case's line for today, most urgent first, kept nowhere (for the archive's cases,
    evaluated in a background thread when the complete cases are asked for)."""
    views = by_urgency([evaluate(case, template, today, cadence_days) for case in cases])
    return [CaseLine(view, next_action(view)) for view in views]


class ViewCache:
    """Each case's evaluation and next action, for one day and one check cadence."""

    def __init__(self, today: dt.date | None = None, cadence_days: int = 0) -> None:
        self.today = today
        self.cadence_days = cadence_days
        self._views: dict[str, tuple[Case, CaseView]] = {}
        self._lines: dict[str, CaseLine] = {}

    def for_day(self, today: dt.date, cadence_days: int) -> ViewCache:
        """This cache, emptied first when the day or the cadence has changed."""
        if (today, cadence_days) != (self.today, self.cadence_days):
            self.today, self.cadence_days = today, cadence_days
            self._views.clear()
            self._lines.clear()
        return self

    def view(self, case: Case, template: Template) -> CaseView:
        assert self.today is not None
        kept = self._views.get(case.case_id)
        if kept is not None and kept[0] is case:
            return kept[1]
        view = evaluate(case, template, self.today, self.cadence_days)
        self._views[case.case_id] = (case, view)
        self._lines.pop(case.case_id, None)
        return view

    def line(self, view: CaseView) -> CaseLine:
        kept = self._lines.get(view.case.case_id)
        if kept is not None and kept.view is view:
            return kept
        line = CaseLine(view, next_action(view))
        self._lines[view.case.case_id] = line
        return line

    def keep_only(self, case_ids: Iterable[str]) -> None:
        """Forget cases no longer on the board."""
        wanted = set(case_ids)
        for case_id in [case_id for case_id in self._views if case_id not in wanted]:
            del self._views[case_id]
            self._lines.pop(case_id, None)
