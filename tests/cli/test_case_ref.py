"""CASE is the case id, or the unit's HSA-ID when exactly one active case has it."""

from __future__ import annotations

import json

import pytest

from .conftest import (
    HSA_ID,
    OTHER_HSA_ID,
    Runner,
    add_case,
    assert_refused,
    case_list_json,
    item,
    ok,
    shifted,
    show_json,
    snapshot,
    status_json,
)


@pytest.fixture(scope="module")
def two_units(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str, str]:
    """A store (read-only for the tests) with one case for each of two HSA-IDs."""
    run = Runner(tmp_path_factory.mktemp("two-units"))
    first = add_case(run, closing="2026-01-31", hsa_id=HSA_ID, unit="Första")
    second = add_case(run, closing="2026-01-31", hsa_id=OTHER_HSA_ID, unit="Andra")
    return run, first, second


@pytest.fixture(scope="module")
def shared_hsa_id(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str, str]:
    """A store shared by tests that only read or get refusals: two active cases (closed ten
    and twenty days ago) with the same HSA-ID."""
    run = Runner(tmp_path_factory.mktemp("shared-hsa-id"))
    first = add_case(run, closing=shifted(days=-10), unit="A")
    second = add_case(run, closing=shifted(days=-20), unit="B")
    return run, first, second


def test_hsa_id_finds_the_one_active_case(two_units: tuple[Runner, str, str]) -> None:
    run, first, second = two_units
    assert show_json(run, HSA_ID)["id"] == first
    assert show_json(run, OTHER_HSA_ID)["id"] == second
    assert f"Enhetens HSA-ID: {HSA_ID}" in ok(run("mail", HSA_ID)).stdout


def test_hsa_id_with_surrounding_spaces_still_found(two_units: tuple[Runner, str, str]) -> None:
    run, first, _ = two_units
    assert show_json(run, f" {HSA_ID} ")["id"] == first


def test_done_by_hsa_id_acts_on_that_case(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-10), hsa_id=HSA_ID)
    other = add_case(run, closing=shifted(days=-10), hsa_id=OTHER_HSA_ID)
    ok(run("done", HSA_ID, "vart-arbete"))
    cases = {case["id"]: case for case in status_json(run)["cases"]}
    assert item(cases[case_id], "vart-arbete")["state"] == "done"
    assert item(cases[other], "vart-arbete")["state"] == "open"


def test_two_active_cases_with_the_hsa_id_refused_listing_both(
    shared_hsa_id: tuple[Runner, str, str],
) -> None:
    run, first, second = shared_hsa_id
    before = snapshot(run.store)
    line = assert_refused(run("done", HSA_ID, "vart-arbete"), HSA_ID, first, second)
    assert "ange ärendets id" in line
    assert snapshot(run.store) == before
    cases = {case["id"]: case for case in status_json(run)["cases"]}
    for case_id in (first, second):
        assert item(cases[case_id], "vart-arbete")["state"] == "open"


def test_ambiguous_hsa_id_refused_in_english(shared_hsa_id: tuple[Runner, str, str]) -> None:
    run, first, second = shared_hsa_id
    assert_refused(run("--lang", "en", "case", "show", HSA_ID), first, second, "give the case id")


def test_case_id_still_works_when_hsa_id_is_shared(shared_hsa_id: tuple[Runner, str, str]) -> None:
    run, first, second = shared_hsa_id
    assert show_json(run, first)["unit"] == "A"
    assert ok(run("mail", second)).stdout.count("Enhet: B\n") == 1


def complete_case(run: Runner) -> str:
    """A case closed four months ago with every applicable item done (phase complete)."""
    case_id = add_case(run, closing=shifted(months=-4), unit="Gammal")
    for key in (
        "vart-arbete",
        "bevaka-fraga-svar",
        "vardenhet-upphor",
        "hsa-verksamhet",
        "hsa-medarbetaruppdrag",
        "fil-i-fail",
    ):
        ok(run("done", case_id, key))
    return case_id


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str, str]:
    """A store (read-only for the tests) where a unit's first closure is complete and a new
    closure of the same HSA-ID is active: (run, completed id, active id)."""
    run = Runner(tmp_path_factory.mktemp("old-and-new"))
    old = complete_case(run)
    active = add_case(run, closing=shifted(days=-10), unit="Ny")
    return run, old, active


def test_complete_case_is_not_listed_as_active(old_and_new: tuple[Runner, str, str]) -> None:
    run, old, active = old_and_new
    assert [case["id"] for case in case_list_json(run)] == [active]
    assert [case["id"] for case in status_json(run)["cases"]] == [active]
    assert show_json(run, old)["phase"] == "complete"  # still shown by its id


def test_hsa_id_ignores_a_completed_case_of_the_same_unit(
    old_and_new: tuple[Runner, str, str],
) -> None:
    run, _, active = old_and_new
    result = run("case", "show", HSA_ID, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == active
