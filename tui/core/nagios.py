"""``stangning status --nagios``: the active closures as one monitoring-plugin line and a state.

Per the Monitoring Plugins Development Guidelines (also read by Nagios, Icinga and Checkmk):
exit status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, and one line ``SERVICE STATE - text |
perfdata``, the performance data as ``label=value;warn;crit;min;max`` with labels without
spaces (so they need no quotes) and the thresholds as ranges (see plugin_range.py).

The thresholds apply to each finding's days left (see findings.py: an open item's days to its
date, a check due today 0, a late item or check minus its days late): CRITICAL when the
critical range alerts (by default ``0:``, i.e. late), else WARNING when the warning range does
(by default ``@~:N`` with N = ``warn_days``: due within N days). A rule broken has no date and
is always CRITICAL. The performance data's ``days_left`` is the least of those days, with both
ranges; each count is of the findings that alert. Only active cases count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from tui.core.findings import KIND_ORDER, Finding, Kind, active, findings
from tui.core.i18n import Translator
from tui.core.plugin_range import LATE, Range, days_range
from tui.core.rules import CaseView

SERVICE = "STANGNING"
MAX_DETAILS = 5
DAYS_LABEL = "days_left"
UNDETERMINED = "U"  # the guidelines' value when none could be determined (nothing is open)


class NagiosState(IntEnum):
    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


@dataclass(frozen=True)
class Thresholds:
    warning: Range
    critical: Range = LATE

    @classmethod
    def from_days(cls, warn_days: int, crit_days: int | None = None) -> Thresholds:
        """``--warn-days N`` (``@~:N``) and ``--crit-days N`` (``@~:N``; without it: late)."""
        critical = LATE if crit_days is None else days_range(crit_days)
        return cls(days_range(warn_days), critical)

    def state(self, finding: Finding) -> NagiosState:
        if finding.days is None or self.critical.alerts(finding.days):
            return NagiosState.CRITICAL
        if self.warning.alerts(finding.days):
            return NagiosState.WARNING
        return NagiosState.OK


@dataclass(frozen=True)
class Alert:
    finding: Finding
    state: NagiosState


@dataclass(frozen=True)
class Assessment:
    cases: int
    thresholds: Thresholds
    alerts: tuple[Alert, ...]  # the findings that alert, most severe first
    days_left: int | None  # the least days left of any finding with a date; None: none

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(alert.finding for alert in self.alerts)

    def count(self, kind: Kind) -> int:
        return sum(1 for alert in self.alerts if alert.finding.kind is kind)

    @property
    def state(self) -> NagiosState:
        return max((alert.state for alert in self.alerts), default=NagiosState.OK)


def assess(views: Sequence[CaseView], thresholds: Thresholds) -> Assessment:
    """The findings over the active cases that alert, most severe first (then by kind, then
    in the views' order); checks at the cadence the views were evaluated with."""
    open_cases = active(views)
    found = findings(open_cases)
    alerts = [Alert(finding, thresholds.state(finding)) for finding in found]
    alerts = [alert for alert in alerts if alert.state is not NagiosState.OK]
    alerts.sort(key=lambda alert: (-alert.state, KIND_ORDER.index(alert.finding.kind)))
    days = [finding.days for finding in found if finding.days is not None]
    return Assessment(len(open_cases), thresholds, tuple(alerts), min(days, default=None))


def plain(text: str) -> str:
    """Text safe inside a plugin line: one line, and no '|' (which starts performance data)."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f|]", " ", text).split())


def perfdata(assessment: Assessment) -> str:
    """``cases=3;;;0 overdue_items=1;;;0 ... rules_broken=0;;0;0 ... days_left=-2;@~:14;0:``:
    the ranges where they decide the state (a rule broken above 0 is critical: the range "0"),
    ``U`` for the days when nothing is open."""
    parts = [f"cases={assessment.cases};;;0"]
    for kind in Kind:
        thresholds = ";;0" if kind is Kind.RULES_BROKEN else ";;"
        parts.append(f"{kind.value}={assessment.count(kind)}{thresholds};0")
    days = UNDETERMINED if assessment.days_left is None else str(assessment.days_left)
    ranges = assessment.thresholds
    parts.append(f"{DAYS_LABEL}={days};{ranges.warning};{ranges.critical}")
    return " ".join(parts)


def summary(assessment: Assessment, t: Translator) -> str:
    ranges = assessment.thresholds
    warn_days = ranges.warning.within_days()
    soon = [a.finding.days for a in assessment.alerts if a.finding.kind is Kind.DUE_SOON]
    # "due within 14 d" only where it is true (a critical range may reach further out).
    within = warn_days is not None and all(d is not None and d <= warn_days for d in soon)

    def kind_text(kind: Kind, count: int) -> str:
        if kind is Kind.DUE_SOON and not within:
            return t("monitoring.nagios.due_soon_range", count=count)
        return t(f"follow.nagios.{kind.value}", count=count, days=warn_days)

    counts = [kind_text(kind, count) for kind in Kind if (count := assessment.count(kind))]
    if not counts:
        if warn_days is None:
            return t(
                "monitoring.nagios.ok_range",
                cases=assessment.cases,
                warning=ranges.warning,
                critical=ranges.critical,
            )
        return t("follow.nagios.ok", cases=assessment.cases, days=warn_days)
    alerts = assessment.alerts
    details = [f"{a.finding.case_id}/{a.finding.item}" for a in alerts[:MAX_DETAILS]]
    more = len(alerts) - MAX_DETAILS
    if more > 0:
        details.append(t("follow.nagios.more", count=more))
    return f"{', '.join(counts)} ({', '.join(details)})"


def nagios_line(assessment: Assessment, t: Translator) -> str:
    state = assessment.state
    return f"{SERVICE} {state.name} - {plain(summary(assessment, t))} | {perfdata(assessment)}"


def unknown_line(reason: str) -> str:
    """The line for a check that could not look (the store unreadable): no performance data."""
    return f"{SERVICE} {NagiosState.UNKNOWN.name} - {plain(reason)}"
