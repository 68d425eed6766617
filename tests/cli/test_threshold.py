"""T = closing date + three calendar months (lag 1930:173, 1 §), as users see it in the JSON
output, and the phase a case is in on each side of D and T."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import Runner, add_case, item, show_json, status_json

# closing date D -> T; the month-end cases are the ones a naive "+ 90 days" or "+ 3 months on
# the day number" gets wrong.
THRESHOLDS = {
    "2026-01-31": "2026-04-30",
    "2025-11-30": "2026-02-28",
    "2023-11-30": "2024-02-29",
    "2026-05-31": "2026-08-31",
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, dict[str, str]]:
    """One store with a case per closing date (read-only for the tests): closing -> case id."""
    run = Runner(tmp_path_factory.mktemp("thresholds"))
    ids = {
        closing: add_case(run, closing=closing, unit=f"Enhet {closing}") for closing in THRESHOLDS
    }
    return run, ids


def day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def by_id(data: dict, case_id: str) -> dict:
    return next(case for case in data["cases"] if case["id"] == case_id)


@pytest.fixture(scope="module")
def status_on_new_year(cases: tuple[Runner, dict[str, str]]) -> dict:
    """``status --json --today 2026-01-01`` of the store above (asked once, read by each test)."""
    run, _ = cases
    return status_json(run, "--today", "2026-01-01")


@pytest.mark.parametrize(("closing", "threshold"), THRESHOLDS.items())
def test_status_json_threshold_is_three_calendar_months_after_closing(
    cases: tuple[Runner, dict[str, str]], status_on_new_year: dict, closing: str, threshold: str
) -> None:
    _, ids = cases
    case = by_id(status_on_new_year, ids[closing])
    assert case["closing"] == closing
    assert case["threshold"] == threshold


@pytest.mark.parametrize(("closing", "threshold"), THRESHOLDS.items())
def test_case_show_json_threshold_on_closing_day(
    cases: tuple[Runner, dict[str, str]], closing: str, threshold: str
) -> None:
    run, ids = cases
    data = show_json(run, ids[closing], "--today", closing)
    assert data["threshold"] == threshold
    assert data["phase"] == "monitoring"  # monitoring starts on D itself
    for key in ("hsa-verksamhet", "hsa-medarbetaruppdrag", "fil-i-fail", "bevaka-fraga-svar"):
        assert item(data, key)["allowed_from"] == threshold
    assert item(data, "hsa-verksamhet")["status"] == "waiting"
    assert item(data, "fil-i-fail")["status"] == "monitoring"


@pytest.mark.parametrize(("closing", "threshold"), THRESHOLDS.items())
def test_ek_hsa_items_open_on_t_itself_not_the_day_before(
    cases: tuple[Runner, dict[str, str]], closing: str, threshold: str
) -> None:
    run, ids = cases
    seen = {}
    for day in (day_before(threshold), threshold):
        data = show_json(run, ids[closing], "--today", day)
        seen[day] = (data["phase"], item(data, "hsa-verksamhet")["status"])
    assert seen == {
        day_before(threshold): ("monitoring", "waiting"),
        threshold: ("ready_for_ek_hsa", "todo"),  # "not before T" allows T itself
    }


def test_phase_before_closing_the_day_before_d(cases: tuple[Runner, dict[str, str]]) -> None:
    run, ids = cases
    data = show_json(run, ids["2026-01-31"], "--today", "2026-01-30")
    assert data["phase"] == "before_closing"
    assert item(data, "vart-arbete")["status"] == "todo"
    assert item(data, "fil-i-fail")["status"] == "waiting"
    assert (data["next_threshold"], data["days_to_next_threshold"]) == ("2026-01-31", 1)


def test_countdown_to_t_in_status_json(cases: tuple[Runner, dict[str, str]]) -> None:
    run, ids = cases
    data = status_json(run, "--today", "2026-02-10")
    case = by_id(data, ids["2026-01-31"])
    assert case["next_threshold"] == "2026-04-30"
    assert case["days_to_next_threshold"] == 79
