"""``stangning status``: every active case, most urgent first, optionally for one role."""

from __future__ import annotations

import pytest

from .conftest import OTHER_HSA_ID, Runner, add_case, case_list_json, ok, status_json

TODAY = "2026-03-10"  # frozen with --today; the closings below are fixed dates


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, dict[str, str]]:
    """A store (read-only for the tests) with, on 2026-03-10:

    - overdue: closed 2026-03-01, vart-arbete still open (overdue)
    - monitoring: closed 2026-02-01 (so its T is nearer), everything due before D done
    - ek_done: closed 2025-11-01 (past T), both EK/HSA items done, the rest open
    - future: closes 2026-06-01, nothing done (to do before D)
    """
    run = Runner(tmp_path_factory.mktemp("status"))
    ids = {
        "overdue": add_case(run, closing="2026-03-01", unit="Försenad"),
        "monitoring": add_case(run, closing="2026-02-01", unit="Bevakas", hsa_id=OTHER_HSA_ID),
        "ek_done": add_case(run, closing="2025-11-01", unit="EK klar"),
        "future": add_case(run, closing="2026-06-01", unit="Framtida"),
    }
    ok(run("done", ids["monitoring"], "vart-arbete"))
    ok(run("done", ids["monitoring"], "vardenhet-upphor"))
    ok(run("done", ids["ek_done"], "hsa-verksamhet"))
    ok(run("done", ids["ek_done"], "hsa-medarbetaruppdrag"))
    return run, ids


def by_id(data: dict) -> dict[str, dict]:
    return {case["id"]: case for case in data["cases"]}


def test_status_json_has_dates_phase_and_items_for_each_case(
    cases: tuple[Runner, dict[str, str]],
) -> None:
    run, ids = cases
    data = status_json(run, "--today", TODAY)
    assert data["today"] == TODAY
    assert data["role"] is None
    found = by_id(data)
    assert set(found) == set(ids.values())
    expected = {
        "overdue": ("2026-03-01", "2026-06-01", "monitoring"),
        "monitoring": ("2026-02-01", "2026-05-01", "monitoring"),
        "ek_done": ("2025-11-01", "2026-02-01", "ready_for_ek_hsa"),
        "future": ("2026-06-01", "2026-09-01", "before_closing"),
    }
    for name, (closing, threshold, phase) in expected.items():
        case = found[ids[name]]
        assert (case["closing"], case["threshold"], case["phase"]) == (closing, threshold, phase)
        assert [entry["key"] for entry in case["items"]] == [
            "vart-arbete",
            "bevaka-fraga-svar",
            "vardgivare-upphor",
            "sparrgrupp-upphor",
            "vardenhet-upphor",
            "hsa-verksamhet",
            "hsa-medarbetaruppdrag",
            "fil-i-fail",
        ]
        for entry in case["items"]:
            assert entry["state"] in {"open", "done", "na"}
            assert entry["status"] in {
                "overdue",
                "todo",
                "monitoring",
                "waiting",
                "done",
                "not_applicable",
            }


def test_status_json_item_states_and_statuses(cases: tuple[Runner, dict[str, str]]) -> None:
    run, ids = cases
    found = by_id(status_json(run, "--today", TODAY))

    def statuses(name: str) -> dict[str, tuple[str, str]]:
        return {e["key"]: (e["state"], e["status"]) for e in found[ids[name]]["items"]}

    overdue = statuses("overdue")
    assert overdue["vart-arbete"] == ("open", "overdue")
    assert overdue["fil-i-fail"] == ("open", "monitoring")
    assert overdue["hsa-verksamhet"] == ("open", "waiting")
    assert overdue["sparrgrupp-upphor"] == ("open", "not_applicable")  # level enhet
    monitoring = statuses("monitoring")
    assert monitoring["vart-arbete"] == ("done", "done")
    assert monitoring["bevaka-fraga-svar"] == ("open", "monitoring")
    ek_done = statuses("ek_done")
    assert ek_done["hsa-verksamhet"] == ("done", "done")
    assert ek_done["fil-i-fail"] == ("open", "todo")
    assert statuses("future")["vart-arbete"] == ("open", "todo")


def test_an_overdue_item_comes_before_a_late_check(cases: tuple[Runner, dict[str, str]]) -> None:
    run, ids = cases
    listed = status_json(run, "--today", TODAY)["cases"]
    order = [case["id"] for case in listed]
    assert order.index(ids["overdue"]) < order.index(ids["monitoring"])
    assert order[0] in {ids["overdue"], ids["ek_done"]}  # both have overdue items
    assert order[-1] in {ids["monitoring"], ids["future"]}
    worst = {case["id"]: case["status"] for case in listed}
    assert worst[ids["overdue"]] == "overdue"
    assert worst[ids["monitoring"]] == "check_overdue"  # its watches unchecked since D


def test_case_list_in_the_same_urgency_order(cases: tuple[Runner, dict[str, str]]) -> None:
    run, _ = cases
    status_order = [case["id"] for case in status_json(run, "--today", TODAY)["cases"]]
    list_order = [case["id"] for case in case_list_json(run, "--today", TODAY)]
    assert list_order == status_order


def test_status_text_lists_overdue_case_first(cases: tuple[Runner, dict[str, str]]) -> None:
    run, ids = cases
    text = ok(run("status", "--today", TODAY)).stdout
    assert text.splitlines()[0] == f"Dagens datum: {TODAY}"
    assert text.index(ids["overdue"]) < text.index(ids["monitoring"])
    assert "försenad" in text


def test_status_role_ek_hsa_lists_only_cases_with_open_ek_hsa_items(
    cases: tuple[Runner, dict[str, str]],
) -> None:
    run, ids = cases
    data = status_json(run, "--role", "ek_hsa", "--today", TODAY)
    assert data["role"] == "ek_hsa"
    listed = {case["id"] for case in data["cases"]}
    assert listed == {ids["overdue"], ids["monitoring"], ids["future"]}
    text = ok(run("status", "--role", "ek_hsa", "--today", TODAY)).stdout
    assert ids["ek_done"] not in text
    assert ids["overdue"] in text
    assert "EK/HSA: hsa-verksamhet" in text  # the next step is the role's own


def test_status_with_no_cases(run: Runner) -> None:
    assert status_json(run)["cases"] == []
    assert case_list_json(run) == []
    assert "Inga aktiva ärenden" in ok(run("status")).stdout
