"""The heart of the checklist: EK/HSA items not before T, monitoring not finished before T.

``done`` and ``check`` act on the real today, so the cases close a number of days or months
before it."""

from __future__ import annotations

import pytest

from .conftest import (
    Runner,
    add_case,
    assert_refused,
    item,
    ok,
    plus_three_months,
    shifted,
    show_json,
    snapshot,
    today,
)

GATED = ("hsa-verksamhet", "hsa-medarbetaruppdrag")
MONITORED = ("fil-i-fail", "bevaka-fraga-svar")


@pytest.fixture(scope="module")
def recent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str]:
    """A store shared by tests that only get refusals (they write nothing; each test compares
    the store before and after itself): a case closed ten days ago, nothing done."""
    run = Runner(tmp_path_factory.mktemp("recent"))
    return run, add_case(run, closing=shifted(days=-10))


@pytest.mark.parametrize("key", GATED)
def test_ek_hsa_item_refused_ten_days_after_closing_and_nothing_written(
    recent: tuple[Runner, str], key: str
) -> None:
    run, case_id = recent
    threshold = plus_three_months(shifted(days=-10))
    days_left = (threshold - today()).days
    before = snapshot(run.store)
    assert before, "the store should hold the case"

    line = assert_refused(run("done", case_id, key), key, threshold.isoformat())
    assert f"om {days_left} dagar" in line
    assert "tidigast" in line

    assert snapshot(run.store) == before
    entry = item(show_json(run, case_id), key)
    assert (entry["state"], entry["by"], entry["at"]) == ("open", None, None)


def test_ek_hsa_item_refused_in_english_names_t_and_days(recent: tuple[Runner, str]) -> None:
    run, case_id = recent
    key = "hsa-medarbetaruppdrag"
    threshold = plus_three_months(shifted(days=-10))
    line = assert_refused(run("--lang", "en", "done", case_id, key))
    assert f"{threshold.isoformat()} at the earliest" in line
    assert f"in {(threshold - today()).days} days" in line


@pytest.fixture(scope="module")
def old(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str]:
    """A case closed four months ago, shared by tests that each finish a different item."""
    run = Runner(tmp_path_factory.mktemp("old"))
    return run, add_case(run, closing=shifted(months=-4))


@pytest.mark.parametrize("key", GATED)
def test_ek_hsa_item_done_four_months_after_closing(old: tuple[Runner, str], key: str) -> None:
    run, case_id = old
    result = ok(run("done", case_id, key, "--note", "borttagen i EK"))
    assert result.stdout == f"{key}: klar\n"
    entry = item(show_json(run, case_id), key)
    assert entry["state"] == "done"
    assert entry["status"] == "done"
    assert isinstance(entry["by"], str) and entry["by"]
    assert entry["at"].startswith(today().isoformat())
    assert entry["note"] == "borttagen i EK"
    assert entry["done_early"] is False


@pytest.mark.parametrize("key", MONITORED)
def test_monitoring_item_cannot_be_finished_ten_days_after_closing(
    recent: tuple[Runner, str], key: str
) -> None:
    run, case_id = recent
    threshold = plus_three_months(shifted(days=-10))
    before = snapshot(run.store)

    line = assert_refused(run("done", case_id, key), key, threshold.isoformat())
    assert "registrera en kontroll i stället" in line
    assert f"om {(threshold - today()).days} dagar" in line

    assert snapshot(run.store) == before
    assert item(show_json(run, case_id), key)["state"] == "open"


def test_monitoring_refusal_in_english_says_record_a_check(recent: tuple[Runner, str]) -> None:
    run, case_id = recent
    assert_refused(run("--lang", "en", "done", case_id, "fil-i-fail"), "record a check instead")


@pytest.mark.parametrize("key", MONITORED)
def test_check_recorded_on_monitoring_item_while_monitoring(run: Runner, key: str) -> None:
    case_id = add_case(run, closing=shifted(days=-10))
    result = ok(run("check", case_id, key, "--note", "x"))
    assert result.stdout == f"{key}: kontroll registrerad\n"
    data = show_json(run, case_id)
    entry = item(data, key)
    assert entry["state"] == "open"  # a check does not finish the monitoring
    assert entry["status"] == "monitoring"
    assert [check["note"] for check in entry["checks"]] == ["x"]
    check = entry["checks"][0]
    assert check["by"] and check["at"].startswith(today().isoformat())


def test_two_checks_are_both_kept_and_counted(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-10))
    ok(run("check", case_id, "fil-i-fail", "--note", "första"))
    ok(run("check", case_id, "fil-i-fail", "--note", "andra"))
    checks = item(show_json(run, case_id), "fil-i-fail")["checks"]
    # Both kept, oldest first by timestamp. (Two checks within the same second are ordered by
    # their random ids, not by when they were recorded, so the order of notes is not asserted.)
    assert sorted(check["note"] for check in checks) == ["andra", "första"]
    assert [check["at"] for check in checks] == sorted(check["at"] for check in checks)
    assert f"2 kontroller, senast {today().isoformat()}" in ok(run("case", "show", case_id)).stdout


@pytest.mark.parametrize("key", MONITORED)
def test_monitoring_item_finished_four_months_after_closing(
    old: tuple[Runner, str], key: str
) -> None:
    run, case_id = old
    result = ok(run("done", case_id, key))
    assert result.stdout == f"{key}: klar\n"
    entry = item(show_json(run, case_id), key)
    assert (entry["state"], entry["status"]) == ("done", "done")
    assert entry["by"]


def test_check_refused_before_closing(run: Runner) -> None:
    closing = shifted(days=5)
    case_id = add_case(run, closing=closing)
    before = snapshot(run.store)
    assert_refused(run("check", case_id, "fil-i-fail"), closing.isoformat(), "om 5 dagar")
    assert snapshot(run.store) == before


def test_check_refused_on_item_that_is_not_monitored(recent: tuple[Runner, str]) -> None:
    run, case_id = recent
    before = snapshot(run.store)
    assert_refused(run("check", case_id, "vart-arbete"), "vart-arbete", "bevakas inte")
    assert snapshot(run.store) == before


def test_check_refused_after_monitoring_finished(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(months=-4))
    ok(run("done", case_id, "fil-i-fail"))
    before = snapshot(run.store)
    assert_refused(run("check", case_id, "fil-i-fail"), "redan avslutad")
    assert snapshot(run.store) == before


def test_before_closing_item_can_be_done_late(run: Runner) -> None:
    # "vart-arbete" is due before D; after D it is overdue, and still may be done.
    case_id = add_case(run, closing=shifted(days=-10))
    ok(run("done", case_id, "vart-arbete", "--note", "12 utkast borttagna"))
    entry = item(show_json(run, case_id), "vart-arbete")
    assert (entry["state"], entry["status"], entry["note"]) == (
        "done",
        "done",
        "12 utkast borttagna",
    )
