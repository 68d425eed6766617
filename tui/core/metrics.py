"""``stangning metrics``: the closures and the store as Prometheus gauges, before any format.

The counts are ``findings.tally``'s, the rule ``status --nagios`` and the overview's title
count by. Days are whole calendar days in Europe/Stockholm from ``today`` (the checklist counts
days, and a day is not always 86,400 seconds), so the numbers are the ones ``status`` shows:

- ``stangning_case_next_threshold_days``: to the case's next threshold, labelled ``threshold``
  ``D`` (the closing date) until D, then ``T`` (D + 3 months); 0 on the day itself, negative
  once T has passed (the days since T, while the EK/HSA items wait).
- ``stangning_check_age_days``: since the last check of each monitored item that is being
  watched (from D until the item is finished); ``+Inf`` when it was never checked.

The store's health is what the dashboard's top bar shows (reachable, changes waiting) and what
``doctor`` counts (files in quarantine). A fact that could not be known is left out, not set
to 0: with the store unreadable only the store's gauges are written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.dates import days_until
from tui.core.findings import active, tally
from tui.core.i18n import Translator
from tui.core.rules import CaseView

PREFIX = "stangning_"
CASE_LABELS = ("case_id", "hsa_id")
NEVER = math.inf  # the age of a check never made


@dataclass(frozen=True)
class StoreHealth:
    reachable: bool
    pending: int | None = None  # changes in the local outbox; None: not known
    quarantined: int | None = None  # files in the share's quarantine; None: not listed


@dataclass(frozen=True)
class Sample:
    labels: tuple[str, ...]  # the values of the family's labels, in their order
    value: float


@dataclass(frozen=True)
class Family:
    """One gauge: ``name`` without the prefix, its HELP under ``monitoring.metrics.<name>``."""

    name: str
    help: str
    samples: tuple[Sample, ...]
    labels: tuple[str, ...] = ()
    unit: str = ""

    @property
    def full_name(self) -> str:
        return PREFIX + self.name


def _gauge(t: Translator, name: str, value: float, unit: str = "") -> Family:
    return Family(name, t(f"monitoring.metrics.{name}"), (Sample((), value),), unit=unit)


def case_families(views: Sequence[CaseView], cadence_days: int, t: Translator) -> list[Family]:
    """The closures' gauges over the active cases."""
    open_cases = active(views)
    counts = tally(open_cases)
    thresholds = []
    ages = []
    for view in open_cases:
        case = view.case
        label = "D" if view.today < case.closing else "T"
        days = view.days_to_next_threshold
        if days is None:  # T has passed (or is today): the days since it, as 0 or less
            days = days_until(view.today, view.threshold)
        thresholds.append(Sample((case.case_id, case.hsa_id, label), days))
        for item in view.items:
            cadence = item.cadence
            if cadence is not None:
                age = NEVER if cadence.days_since_last is None else cadence.days_since_last
                ages.append(Sample((case.case_id, case.hsa_id, item.key), age))
    return [
        _gauge(t, "open_cases", counts.cases),
        _gauge(t, "overdue_items", counts.overdue_items),
        _gauge(t, "overdue_checks", counts.overdue_checks),
        _gauge(t, "checks_due_today", counts.checks_due),
        _gauge(t, "rules_broken", counts.rules_broken),
        _gauge(t, "field_conflicts", counts.conflicts),
        Family(
            "case_next_threshold_days",
            t("monitoring.metrics.case_next_threshold_days"),
            tuple(thresholds),
            (*CASE_LABELS, "threshold"),
            "days",
        ),
        Family(
            "check_age_days",
            t("monitoring.metrics.check_age_days"),
            tuple(ages),
            (*CASE_LABELS, "item"),
            "days",
        ),
        _gauge(t, "check_cadence_days", cadence_days, "days"),
    ]


def store_families(health: StoreHealth, t: Translator) -> list[Family]:
    """The store's gauges; a count not known is a gauge without a sample."""

    def known(name: str, value: int | None) -> Family:
        samples = () if value is None else (Sample((), value),)
        return Family(name, t(f"monitoring.metrics.{name}"), samples)

    return [
        _gauge(t, "store_reachable", 1 if health.reachable else 0),
        known("store_pending_changes", health.pending),
        known("store_quarantined_files", health.quarantined),
    ]


def metric_families(
    views: Sequence[CaseView] | None, health: StoreHealth, cadence_days: int, t: Translator
) -> list[Family]:
    """Every gauge; ``views`` None: the store could not be read, only its health is known."""
    cases = [] if views is None else case_families(views, cadence_days, t)
    return cases + store_families(health, t)
