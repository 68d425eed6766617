"""``stangning notify``: what one role has to do today, as the facts of a digest.

The findings are ``status --nagios --warn-days N``'s (nagios.assess over the active cases,
findings.py's rule), so the digest, the
plugin line and the dashboard cannot disagree: an item overdue by its own rule, a monitoring
check due or late (cadence.py), and an open item whose date is within ``days_ahead`` days. That
last kind is split in two: the items that became allowed today (T is today), and the rest (due
soon, or allowed since an earlier T). An item can be named twice (a check due today on an item
that may be finished from today): the two are different things to do.

Each section lists the most urgent first (urgency.py's order, then the nearest date, then the
cases' order of every listing). Pure: the wording is digest_text.py's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from tui.core.cadence import CheckState
from tui.core.findings import Kind
from tui.core.nagios import Thresholds, assess
from tui.core.rules import CaseView, ItemView
from tui.core.template import Role


class Section(StrEnum):
    """A part of the digest, in the order it is written."""

    OVERDUE = "overdue"  # an item late by its own rule (a before-closing item after D)
    CHECKS = "checks"  # a monitoring check due today or overdue
    ALLOWED_TODAY = "allowed_today"  # T is today: the gated items may be done, the watches end
    DUE_SOON = "due_soon"  # due (or allowed) within days_ahead days, or to do now


@dataclass(frozen=True)
class Entry:
    view: CaseView
    item: ItemView


@dataclass(frozen=True)
class Digest:
    role: Role
    today: dt.date
    days_ahead: int
    overdue: tuple[Entry, ...] = ()
    checks: tuple[Entry, ...] = ()
    allowed_today: tuple[Entry, ...] = ()
    due_soon: tuple[Entry, ...] = ()

    def entries(self, section: Section) -> tuple[Entry, ...]:
        found: tuple[Entry, ...] = getattr(self, section.value)
        return found

    def count(self, section: Section) -> int:
        return len(self.entries(section))

    @property
    def empty(self) -> bool:
        """Nothing to report: no mail, unless asked for one all the same."""
        return not any(self.entries(section) for section in Section)


def section_of(kind: Kind, item: ItemView, today: dt.date) -> Section | None:
    """Where a --nagios finding goes in the digest; None for one that is no step to take."""
    match kind:
        case Kind.OVERDUE_ITEMS:
            return Section.OVERDUE
        case Kind.OVERDUE_CHECKS | Kind.CHECKS_DUE:
            return Section.CHECKS
        case Kind.DUE_SOON:
            return Section.ALLOWED_TODAY if item.allowed_from == today else Section.DUE_SOON
        case Kind.RULES_BROKEN:
            return None  # already done (too early): case show and the dashboard warn of it
        case _:
            assert_never(kind)


def _check_key(entry: Entry) -> tuple[int, int]:
    cadence = entry.item.cadence
    if cadence is None:  # not a check (never so: the CHECKS section holds checks only)
        return (2, 0)
    return (0 if cadence.state is CheckState.OVERDUE else 1, -cadence.days_overdue)


def _item_key(entry: Entry) -> tuple[int, int]:
    days = entry.item.days_left
    return (int(entry.item.urgency), days if days is not None else 0)


def build_digest(
    views: Sequence[CaseView], role: Role, *, today: dt.date, days_ahead: int
) -> Digest:
    """The role's digest over the views (evaluated for ``today``), most urgent first."""
    order = {id(view): index for index, view in enumerate(views)}
    items = {
        (view.case.case_id, item.key): Entry(view, item) for view in views for item in view.items
    }
    sections: dict[Section, list[Entry]] = {section: [] for section in Section}
    # What ``status --nagios --warn-days DAYS_AHEAD`` alerts on, by the same thresholds.
    for finding in assess(views, Thresholds.from_days(days_ahead)).findings:
        entry = items[(finding.case_id, finding.item)]
        if entry.item.spec.role is not role:
            continue
        section = section_of(finding.kind, entry.item, today)
        if section is not None:
            sections[section].append(entry)

    def sorted_by(entries: list[Entry], *, checks: bool = False) -> tuple[Entry, ...]:
        first = _check_key if checks else _item_key
        return tuple(
            sorted(
                entries,
                key=lambda e: (*first(e), order[id(e.view)], e.view.items.index(e.item)),
            )
        )

    return Digest(
        role=role,
        today=today,
        days_ahead=days_ahead,
        overdue=sorted_by(sections[Section.OVERDUE]),
        checks=sorted_by(sections[Section.CHECKS], checks=True),
        allowed_today=sorted_by(sections[Section.ALLOWED_TODAY]),
        due_soon=sorted_by(sections[Section.DUE_SOON]),
    )
