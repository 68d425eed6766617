"""``stangning status --nagios``: the active closures as one monitoring-plugin line and a state.

Per the Nagios plugin guidelines (also read by Icinga and Checkmk): exit status 0 OK, 1 WARNING,
2 CRITICAL, 3 UNKNOWN, and one line ``SERVICE STATE - text | perfdata``, the performance data as
``label=value;warn;crit;min`` with labels without spaces (so they need no quotes).

- CRITICAL: an item overdue (a before-closing item still open after D), a monitoring check
  overdue (see cadence.py), or a rule broken (an item finished before its rule allowed it).
- WARNING: an open item whose date is within ``warn_days`` (D for before-closing items, T for the
  gated ones, today for items that may be finished now), or a check due today. Checks due later
  are left out: with a weekly cadence and a fortnight's warning one would always be there.
- OK otherwise. Only active cases count: an archived (complete) case asks nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from tui.core.cadence import CheckState
from tui.core.i18n import Translator
from tui.core.rules import CaseView, ItemStatus, Phase

SERVICE = "STANGNING"
MAX_DETAILS = 5


class NagiosState(IntEnum):
    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


class Kind(StrEnum):
    """What a finding is; the value is its performance-data label. Most severe first."""

    OVERDUE_ITEMS = "overdue_items"
    OVERDUE_CHECKS = "overdue_checks"
    RULES_BROKEN = "rules_broken"
    DUE_SOON = "due_soon"
    CHECKS_DUE = "checks_due"

    @property
    def state(self) -> NagiosState:
        critical = (Kind.OVERDUE_ITEMS, Kind.OVERDUE_CHECKS, Kind.RULES_BROKEN)
        return NagiosState.CRITICAL if self in critical else NagiosState.WARNING


KIND_ORDER = tuple(Kind)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    case_id: str
    item: str


@dataclass(frozen=True)
class Assessment:
    cases: int
    warn_days: int
    findings: tuple[Finding, ...]

    def count(self, kind: Kind) -> int:
        return sum(1 for finding in self.findings if finding.kind is kind)

    @property
    def state(self) -> NagiosState:
        return max((finding.kind.state for finding in self.findings), default=NagiosState.OK)


def _case_findings(view: CaseView, warn_days: int) -> list[Finding]:
    case_id = view.case.case_id
    found = [Finding(Kind.RULES_BROKEN, case_id, item.key) for item in view.violations]
    for item in view.items:
        if item.status is ItemStatus.OVERDUE:
            found.append(Finding(Kind.OVERDUE_ITEMS, case_id, item.key))
        elif item.status.is_open:
            days = item.days_left if item.days_left is not None else 0
            if days <= warn_days:
                found.append(Finding(Kind.DUE_SOON, case_id, item.key))
        cadence = item.cadence
        if cadence is not None and cadence.state is CheckState.OVERDUE:
            found.append(Finding(Kind.OVERDUE_CHECKS, case_id, item.key))
        elif cadence is not None and cadence.state is CheckState.DUE:
            found.append(Finding(Kind.CHECKS_DUE, case_id, item.key))
    return found


def assess(views: Sequence[CaseView], *, warn_days: int) -> Assessment:
    """The findings over the active cases, most severe kind first (then the views' order);
    checks at the cadence the views were evaluated with."""
    active = [view for view in views if view.phase is not Phase.COMPLETE]
    findings = [f for view in active for f in _case_findings(view, warn_days)]
    findings.sort(key=lambda finding: KIND_ORDER.index(finding.kind))
    return Assessment(len(active), warn_days, tuple(findings))


def plain(text: str) -> str:
    """Text safe inside a plugin line: one line, and no '|' (which starts performance data)."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f|]", " ", text).split())


def perfdata(assessment: Assessment) -> str:
    """``cases=3;;;0 overdue_items=1;;0;0 ... due_soon=2;0;;0``: a critical kind alerts above 0
    as critical, a warning kind above 0 as warning (the guidelines' range "0")."""
    parts = [f"cases={assessment.cases};;;0"]
    for kind in Kind:
        thresholds = ";0;" if kind.state is NagiosState.WARNING else ";;0"
        parts.append(f"{kind.value}={assessment.count(kind)}{thresholds};0")
    return " ".join(parts)


def summary(assessment: Assessment, t: Translator) -> str:
    counts = [
        t(f"follow.nagios.{kind.value}", count=count, days=assessment.warn_days)
        for kind in Kind
        if (count := assessment.count(kind))
    ]
    if not counts:
        return t("follow.nagios.ok", cases=assessment.cases, days=assessment.warn_days)
    details = [f"{f.case_id}/{f.item}" for f in assessment.findings[:MAX_DETAILS]]
    more = len(assessment.findings) - MAX_DETAILS
    if more > 0:
        details.append(t("follow.nagios.more", count=more))
    return f"{', '.join(counts)} ({', '.join(details)})"


def nagios_line(assessment: Assessment, t: Translator) -> str:
    state = assessment.state
    return f"{SERVICE} {state.name} - {plain(summary(assessment, t))} | {perfdata(assessment)}"


def unknown_line(reason: str) -> str:
    """The line for a check that could not look (the store unreadable): no performance data."""
    return f"{SERVICE} {NagiosState.UNKNOWN.name} - {plain(reason)}"
