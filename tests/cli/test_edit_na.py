"""``case edit`` (T follows the closing date) and ``na`` / ``undo``."""

from __future__ import annotations

from .conftest import (
    Runner,
    add_case,
    assert_refused,
    item,
    ok,
    shifted,
    show_json,
    snapshot,
)


def test_edit_closing_moves_t(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-15")
    result = ok(run("case", "edit", case_id, "--closing", "2026-01-31"))
    assert result.stdout == f"ärende {case_id} ändrat: stängningsdatum\n"
    data = show_json(run, case_id, "--today", "2026-02-10")
    assert (data["closing"], data["threshold"]) == ("2026-01-31", "2026-04-30")
    assert item(data, "hsa-verksamhet")["allowed_from"] == "2026-04-30"


def test_edit_closing_changes_what_done_allows(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(months=-4))
    closing = shifted(days=-10)
    ok(run("case", "edit", case_id, "--closing", closing.isoformat()))
    assert_refused(run("done", case_id, "hsa-verksamhet"), "tidigast")
    assert item(show_json(run, case_id), "hsa-verksamhet")["state"] == "open"


def test_edit_with_the_same_values_refused(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-31", unit="Enhet A", extra=("--level", "enhet"))
    before = snapshot(run.store)
    same = ("--closing", "2026-01-31", "--unit", "Enhet A", "--level", "enhet")
    assert_refused(run("case", "edit", case_id, *same), "inget att ändra")
    assert_refused(run("case", "edit", case_id), "inget att ändra")
    assert snapshot(run.store) == before


def test_edit_several_fields_at_once(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-31", unit="Gammalt namn")
    edit = ("--unit", "Nytt namn", "--removal", "2026-02-15", "--level", "vardenhet")
    result = ok(run("case", "edit", case_id, *edit))
    assert result.stdout.startswith(f"ärende {case_id} ändrat: ")
    data = show_json(run, case_id)
    assert (data["unit"], data["removal"], data["level"]) == (
        "Nytt namn",
        "2026-02-15",
        "vardenhet",
    )
    # the level decides which of items 4 and 5 applies
    assert item(data, "sparrgrupp-upphor")["applicable"] is True
    assert item(data, "vardenhet-upphor")["applicable"] is False
    ok(run("case", "edit", case_id, "--no-removal"))
    assert show_json(run, case_id)["removal"] is None


def test_edit_caregiver_ceases(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-31")
    result = run("case", "edit", case_id, "--caregiver-ceases")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"ärende {case_id} ändrat: ")
    data = show_json(run, case_id)
    assert data["caregiver_ceases"] is True
    assert item(data, "vardgivare-upphor")["applicable"] is True


def test_edit_closing_after_removal_refused(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-31", extra=("--removal", "2026-02-15"))
    before = snapshot(run.store)
    assert_refused(run("case", "edit", case_id, "--closing", "2026-03-01"), "2026-02-15")
    assert snapshot(run.store) == before


def test_na_and_undo_on_ceasing_caregiver_item(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-31", extra=("--caregiver-ceases",))
    result = ok(run("na", case_id, "vardgivare-upphor", "--reason", "x"))
    assert result.stdout == "vardgivare-upphor: ej aktuell\n"
    entry = item(show_json(run, case_id), "vardgivare-upphor")
    assert (entry["state"], entry["status"], entry["reason"]) == ("na", "not_applicable", "x")
    assert entry["applicable"] is True  # applicable by its condition, set aside by a person
    assert entry["by"]

    result = ok(run("undo", case_id, "vardgivare-upphor"))
    assert result.stdout == "vardgivare-upphor: öppen igen\n"
    entry = item(show_json(run, case_id), "vardgivare-upphor")
    assert entry["state"] == "open"
    assert entry["status"] in {"todo", "overdue"}


def test_na_twice_refused(run: Runner) -> None:
    case_id = add_case(run, closing="2026-01-31", extra=("--caregiver-ceases",))
    ok(run("na", case_id, "vardgivare-upphor", "--reason", "vårdgivaren finns kvar"))
    before = snapshot(run.store)
    assert_refused(run("na", case_id, "vardgivare-upphor", "--reason", "igen"), "inte öppen")
    assert snapshot(run.store) == before
    assert item(show_json(run, case_id), "vardgivare-upphor")["reason"] == "vårdgivaren finns kvar"


def test_undo_reopens_a_done_item(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-10))
    ok(run("done", case_id, "vart-arbete"))
    ok(run("undo", case_id, "vart-arbete"))
    entry = item(show_json(run, case_id), "vart-arbete")
    assert (entry["state"], entry["status"]) == ("open", "overdue")


def test_done_refused_on_item_marked_not_applicable(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-10), extra=("--caregiver-ceases",))
    ok(run("na", case_id, "vardgivare-upphor", "--reason", "x"))
    assert_refused(run("done", case_id, "vardgivare-upphor"), "ej aktuell", "ångra först")
