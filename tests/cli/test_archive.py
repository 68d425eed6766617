"""A complete case leaves the active views (``status``, ``case list``) but stays searchable:
``case list --all``, ``case show``, ``report``, ``export csv --all``."""

from __future__ import annotations

import pytest

from .conftest import OTHER_HSA_ID, Runner, add_case, case_list_json, ok, shifted, status_json

ALL_OPEN_ITEMS = (
    "vart-arbete",
    "bevaka-fraga-svar",
    "vardenhet-upphor",
    "hsa-verksamhet",
    "hsa-medarbetaruppdrag",
    "fil-i-fail",
)


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str, str]:
    run = Runner(tmp_path_factory.mktemp("archive"))
    finished = add_case(run, closing=shifted(months=-4), unit="Avslutad mottagning")
    for key in ALL_OPEN_ITEMS:
        ok(run("done", finished, key))
    active = add_case(run, closing=shifted(days=20), hsa_id=OTHER_HSA_ID)
    return run, finished, active


def test_a_complete_case_leaves_the_active_views(archived: tuple[Runner, str, str]) -> None:
    run, finished, active = archived
    assert [case["id"] for case in case_list_json(run)] == [active]
    assert [case["id"] for case in status_json(run)["cases"]] == [active]
    assert finished not in ok(run("case", "list")).stdout
    assert finished not in ok(run("status")).stdout


def test_case_list_all_shows_it_as_complete(archived: tuple[Runner, str, str]) -> None:
    run, finished, active = archived
    listed = {case["id"]: case["phase"] for case in case_list_json(run, "--all")}
    assert listed == {finished: "complete", active: "before_closing"}
    text = ok(run("case", "list", "--all")).stdout
    line = next(line for line in text.splitlines() if line.startswith(finished))
    assert "Avslutad mottagning" in line and "avslutad" in line


def test_it_is_still_found_shown_and_reported(archived: tuple[Runner, str, str]) -> None:
    run, finished, _ = archived
    assert "Avslutad mottagning" in ok(run("case", "show", finished)).stdout
    assert "| Fas | avslutad |" in ok(run("report", finished)).stdout


def test_exports_take_it_only_with_all(archived: tuple[Runner, str, str]) -> None:
    run, finished, _ = archived
    assert finished not in ok(run("export", "csv")).stdout
    assert finished in ok(run("export", "csv", "--all")).stdout
    assert f"{finished}-closing@stangning" not in ok(run("export", "ics")).stdout
    assert f"{finished}-closing@stangning" in ok(run("export", "ics", "--all")).stdout
