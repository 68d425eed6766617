"""A case and its evaluation as JSON-ready data (status --json, case show --json)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.unit.conftest import (
    CASE_ID,
    CLOSING,
    HSA_ID,
    ITEM_KEYS,
    THRESHOLD,
    all_done,
    done,
    make_case,
    stamp,
    view_of,
)
from tui.core.case import Check, Level
from tui.core.case_json import case_to_dict

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("closing", "threshold"),
    [
        ("2026-01-31", "2026-04-30"),
        ("2025-11-30", "2026-02-28"),
        ("2023-11-30", "2024-02-29"),
        ("2026-05-31", "2026-08-31"),
        ("2026-12-31", "2027-03-31"),
    ],
)
def test_threshold_in_json(closing: str, threshold: str) -> None:
    case = make_case(closing=dt.date.fromisoformat(closing))
    data = case_to_dict(view_of(case, dt.date(2026, 1, 1)))
    assert (data["closing"], data["threshold"]) == (closing, threshold)


@pytest.mark.parametrize(
    ("today", "items", "phase", "status", "next_threshold", "days"),
    [
        (D - 10 * DAY, {}, "before_closing", "todo", "2026-01-31", 10),
        (D + DAY, {}, "monitoring", "overdue", "2026-04-30", 88),
        # Never checked since D: the watches' checks are late (as the dashboard says).
        (D + DAY, all_done(["vart-arbete", "vardenhet-upphor"]), "monitoring", "check_overdue",
         "2026-04-30", 88),
        (T, all_done(["vart-arbete", "vardenhet-upphor"]), "ready_for_ek_hsa", "todo", None, None),
        (
            T,
            all_done(
                ["vart-arbete", "vardenhet-upphor", "bevaka-fraga-svar", "fil-i-fail",
                 "hsa-verksamhet", "hsa-medarbetaruppdrag"],
                T,
            ),
            "complete",
            "done",
            None,
            None,
        ),
    ],
)  # fmt: skip
def test_phase_and_status_strings(
    today: dt.date,
    items: dict,
    phase: str,
    status: str,
    next_threshold: str | None,
    days: int | None,
) -> None:
    data = case_to_dict(view_of(make_case(items=items), today))
    assert (data["phase"], data["status"]) == (phase, status)
    assert (data["next_threshold"], data["days_to_next_threshold"]) == (next_threshold, days)


def test_items_in_the_seeds_order_with_their_rules() -> None:
    data = case_to_dict(view_of(make_case(level=Level.VARDENHET), D + DAY))
    assert [item["key"] for item in data["items"]] == list(ITEM_KEYS)
    by_key = {item["key"]: item for item in data["items"]}
    assert by_key["vart-arbete"]["checks"] == []
    assert (by_key["vart-arbete"]["status"], by_key["vart-arbete"]["days_left"]) == ("overdue", -1)
    assert (by_key["hsa-verksamhet"]["status"], by_key["hsa-verksamhet"]["allowed_from"]) == (
        "waiting",
        "2026-04-30",
    )
    assert by_key["sparrgrupp-upphor"]["applicable"] is True
    assert (by_key["vardenhet-upphor"]["applicable"], by_key["vardenhet-upphor"]["status"]) == (
        False,
        "not_applicable",
    )
    assert by_key["fil-i-fail"]["rule"] == "monitor_until_threshold"
    assert by_key["hsa-medarbetaruppdrag"]["role"] == "ek_hsa"


def test_next_steps_per_role() -> None:
    data = case_to_dict(view_of(make_case(), D + DAY))
    assert data["next_step"] == {
        "item": "vart-arbete",
        "role": "unit",
        "status": "overdue",
        "check": False,
    }
    assert data["next_steps"] == {
        "unit": "vart-arbete",
        "caregiver_admin": "vardenhet-upphor",
        "ek_hsa": "hsa-verksamhet",
    }


def test_checks_violations_and_detail() -> None:
    checks = {"fil-i-fail": (Check("k1", "2026-02-02T09:00:00+01:00", "anna", "inga fel"),)}
    items = {"hsa-verksamhet": done(D + 10 * DAY, by="bertil")}
    data = case_to_dict(view_of(make_case(items=items, checks=checks), D + 20 * DAY), detail=True)
    by_key = {item["key"]: item for item in data["items"]}
    assert by_key["fil-i-fail"]["checks"] == [
        {"id": "k1", "at": "2026-02-02T09:00:00+01:00", "by": "anna", "note": "inga fel"}
    ]
    assert data["violations"] == ["hsa-verksamhet"]
    assert (by_key["hsa-verksamhet"]["done_early"], by_key["hsa-verksamhet"]["by"]) == (
        True,
        "bertil",
    )
    assert (data["id"], data["hsa_id"], data["template_version"]) == (CASE_ID, HSA_ID, 1)
    assert (data["notes"], data["conflicts"], data["conflict_values"]) == ([], [], {})


def test_detail_only_when_asked() -> None:
    data = case_to_dict(view_of(make_case(), D))
    assert "notes" not in data
    assert "template_version" not in data


@pytest.mark.parametrize(
    "name", ["[red]x[/] \x1b[2J", "Vårdcentralen Å\u00e4ö", 'citat " och \\ bakstreck', "\u202e"]
)
def test_names_round_trip_through_json_unchanged(name: str) -> None:
    data = case_to_dict(view_of(make_case(unit=name, caregiver=name), D), detail=True)
    back = json.loads(json.dumps(data))
    assert (back["unit"], back["caregiver"]) == (name, name)
    assert back == data


def test_a_watch_checked_in_time_is_monitoring_and_a_late_one_names_its_check() -> None:
    before = all_done(["vart-arbete", "vardenhet-upphor"])
    look = (Check("c1", stamp(D + DAY), "anna"),)
    checked = make_case(items=before, checks={"bevaka-fraga-svar": look, "fil-i-fail": look})
    data = case_to_dict(view_of(checked, D + 3 * DAY))
    assert data["status"] == "monitoring"
    assert data["next_step"] == {
        "item": "bevaka-fraga-svar",
        "role": "unit",
        "status": "monitoring",
        "check": False,
    }
    late = make_case(items=before, checks={"bevaka-fraga-svar": look})  # fil i fail never
    data = case_to_dict(view_of(late, D + 3 * DAY))
    assert data["status"] == "check_overdue"
    assert data["next_step"]["item"] == "fil-i-fail" and data["next_step"]["check"]
    fil = next(item for item in data["items"] if item["key"] == "fil-i-fail")
    assert (fil["status"], fil["urgency"]) == ("monitoring", "check_overdue")
    assert fil["check"] == {
        "state": "overdue",
        "next_check": D.isoformat(),
        "last": None,
        "days_overdue": 3,
    }
