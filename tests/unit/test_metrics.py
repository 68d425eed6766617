"""``stangning metrics`` in the core: which gauges the closures give, counted by the same rule
as ``status --nagios``."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.unit.conftest import CLOSING, THRESHOLD, all_done, make_case, stamp, view_of
from tui.core.case import Check
from tui.core.findings import Kind
from tui.core.i18n import Translator
from tui.core.metrics import Family, StoreHealth, metric_families
from tui.core.nagios import Thresholds, assess

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)
EN = Translator("en")
BEFORE_D = ("vart-arbete", "vardenhet-upphor")
HEALTHY = StoreHealth(reachable=True, pending=0, quarantined=0)


def by_name(families: list[Family]) -> dict[str, Family]:
    return {family.full_name: family for family in families}


def values(family: Family) -> dict[tuple[str, ...], float]:
    return {sample.labels: sample.value for sample in family.samples}


@pytest.mark.parametrize(
    ("today", "label", "days"),
    [
        (D - 10 * DAY, "D", 10),
        (D, "T", 89),
        (T - DAY, "T", 1),
        (T, "T", 0),
        (T + 5 * DAY, "T", -5),
    ],
)
def test_days_to_the_next_threshold(today: dt.date, label: str, days: int) -> None:
    found = by_name(metric_families([view_of(make_case(), today)], HEALTHY, 7, EN))
    gauge = found["stangning_case_next_threshold_days"]
    assert gauge.labels == ("case_id", "hsa_id", "threshold")
    assert values(gauge) == {("k7f3qa", "SE2321000016-A2G8", label): days}


def test_the_age_of_each_watched_items_last_check() -> None:
    look = (Check("c1", stamp(D + 2 * DAY), "anna"),)
    case = make_case(items=all_done(BEFORE_D), checks={"fil-i-fail": look})
    found = by_name(metric_families([view_of(case, D + 5 * DAY)], HEALTHY, 7, EN))
    assert values(found["stangning_check_age_days"]) == {
        ("k7f3qa", "SE2321000016-A2G8", "bevaka-fraga-svar"): math.inf,
        ("k7f3qa", "SE2321000016-A2G8", "fil-i-fail"): 3,
    }
    before_d = by_name(metric_families([view_of(case, D - DAY)], HEALTHY, 7, EN))
    assert values(before_d["stangning_check_age_days"]) == {}  # nothing is watched yet


def test_the_counts_are_the_nagios_counts() -> None:
    views = [
        view_of(make_case(case_id=f"case{n}"), D + n * DAY) for n in range(4)
    ]  # on D, and 1-3 days after: items and checks late
    found = by_name(metric_families(views, HEALTHY, 7, EN))
    nagios = assess(views, Thresholds.from_days(14))
    assert values(found["stangning_open_cases"]) == {(): nagios.cases}
    for name, kind in (
        ("overdue_items", Kind.OVERDUE_ITEMS),
        ("overdue_checks", Kind.OVERDUE_CHECKS),
        ("rules_broken", Kind.RULES_BROKEN),
        ("checks_due_today", Kind.CHECKS_DUE),
    ):
        assert values(found[f"stangning_{name}"]) == {(): nagios.count(kind)}, name
    assert values(found["stangning_overdue_items"]) == {(): 6}
    assert values(found["stangning_checks_due_today"]) == {(): 2}


def test_a_complete_case_is_not_counted() -> None:
    keys = ("vart-arbete", "bevaka-fraga-svar", "vardenhet-upphor", "fil-i-fail")
    complete = make_case(items=all_done((*keys, "hsa-verksamhet", "hsa-medarbetaruppdrag"), T))
    found = by_name(metric_families([view_of(complete, T + DAY)], HEALTHY, 7, EN))
    assert values(found["stangning_open_cases"]) == {(): 0}
    assert values(found["stangning_case_next_threshold_days"]) == {}


def test_what_is_not_known_is_left_out() -> None:
    found = by_name(metric_families(None, StoreHealth(reachable=False), 7, EN))
    assert set(found) == {
        "stangning_store_reachable",
        "stangning_store_pending_changes",
        "stangning_store_quarantined_files",
    }
    assert values(found["stangning_store_reachable"]) == {(): 0}
    assert values(found["stangning_store_pending_changes"]) == {}
    assert values(found["stangning_store_quarantined_files"]) == {}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_gauge_has_help_text(lang: str) -> None:
    families = metric_families([view_of(make_case(), D)], HEALTHY, 7, Translator(lang))
    assert len(families) == 12
    for family in families:
        assert family.full_name.startswith("stangning_")
        assert family.help and "\n" not in family.help
        assert family.unit == "" or family.full_name.endswith(f"_{family.unit}")
