"""What the open closures ask for, as findings and counts: one rule for ``status --nagios``,
``stangning metrics`` and the overview's title.

Per open item of an active case, its days to its date (negative when late): D for a
before-closing item (overdue after D), T for the gated ones and for a watch before T, today (0)
for an item that may be finished now. Per monitored item whose check is due (0) or overdue
(minus the days late). Checks due later are not findings: with a weekly cadence one would
always be near. A rule broken (an item finished before its rule allowed) has no date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tui.core.cadence import CheckState
from tui.core.rules import CaseView, ItemStatus, Phase


class Kind(StrEnum):
    """What a finding is; the value is its performance-data label. Most severe first."""

    OVERDUE_ITEMS = "overdue_items"  # a before-closing item still open after D
    OVERDUE_CHECKS = "overdue_checks"  # a monitoring check later than the cadence
    RULES_BROKEN = "rules_broken"  # an item finished before its rule allowed it
    DUE_SOON = "due_soon"  # any other open item; "due soon" when its days alert
    CHECKS_DUE = "checks_due"  # a monitoring check due today


KIND_ORDER = tuple(Kind)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    case_id: str
    item: str
    days: int | None  # days left to the item's date or check (negative: late); None: no date


def active(views: Sequence[CaseView]) -> list[CaseView]:
    """The cases that still ask something: an archived (complete) case asks nothing more."""
    return [view for view in views if view.phase is not Phase.COMPLETE]


def case_findings(view: CaseView) -> list[Finding]:
    """The case's findings in the checklist's order, rules broken first."""
    case_id = view.case.case_id
    found = [Finding(Kind.RULES_BROKEN, case_id, item.key, None) for item in view.violations]
    for item in view.items:
        days = item.days_left if item.days_left is not None else 0
        if item.status is ItemStatus.OVERDUE:
            found.append(Finding(Kind.OVERDUE_ITEMS, case_id, item.key, days))
        elif item.status.is_open:
            found.append(Finding(Kind.DUE_SOON, case_id, item.key, days))
        cadence = item.cadence
        if cadence is not None and cadence.state is CheckState.OVERDUE:
            found.append(Finding(Kind.OVERDUE_CHECKS, case_id, item.key, -cadence.days_overdue))
        elif cadence is not None and cadence.state is CheckState.DUE:
            found.append(Finding(Kind.CHECKS_DUE, case_id, item.key, 0))
    return found


def findings(views: Sequence[CaseView]) -> list[Finding]:
    """Every finding of the active cases, in the views' order."""
    return [finding for view in active(views) for finding in case_findings(view)]


@dataclass(frozen=True)
class Tally:
    """The counts a monitor reads, over the active cases."""

    cases: int
    overdue_items: int
    overdue_checks: int
    rules_broken: int
    checks_due: int
    conflicts: int  # fields two people changed at once, waiting for ``case resolve``


def tally(views: Sequence[CaseView]) -> Tally:
    open_cases = active(views)
    kinds = [finding.kind for finding in findings(open_cases)]
    return Tally(
        cases=len(open_cases),
        overdue_items=kinds.count(Kind.OVERDUE_ITEMS),
        overdue_checks=kinds.count(Kind.OVERDUE_CHECKS),
        rules_broken=kinds.count(Kind.RULES_BROKEN),
        checks_due=kinds.count(Kind.CHECKS_DUE),
        conflicts=sum(len(view.case.conflicts) for view in open_cases),
    )
