"""What users do to a case: the changes an action returns, or the refusal it raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.conftest import (
    CASE_ID,
    CLOSING,
    HSA_ID,
    THRESHOLD,
    done,
    hlc_at,
    make_case,
    make_op,
    not_applicable,
    template,
    view_of,
)
from tui.core.actions import (
    CASE_ID_ALPHABET,
    add_note,
    create_case,
    edit_case,
    mark_done,
    mark_not_applicable,
    new_case_id,
    record_check,
    resolve_conflict,
    undo,
)
from tui.core.case import CASE_FIELDS, Case, Conflict, Level, case_from_ledger
from tui.core.case_fields import CaseFields
from tui.core.errors import Refusal
from tui.core.operations import Change, Ledger

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)
NOW = "2026-04-30T09:15:00+02:00"
ACTOR = "anna"

FIELDS = CaseFields(
    caregiver="Region Stockholm",
    unit="Vårdcentralen Exempel",
    hsa_id=HSA_ID,
    closing=D,
    removal=dt.date(2026, 2, 15),
    level=Level.VARDENHET,
    caregiver_ceases=True,
)


def refusal_of(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Refusal:
    with pytest.raises(Refusal) as refused:
        action(*args, **kwargs)
    return refused.value


# --- create_case -----------------------------------------------------------------------------


def test_create_case_sets_every_case_field() -> None:
    changes = create_case(FIELDS, template(), case_id=CASE_ID, actor=ACTOR, now=NOW)
    assert {change.case_id for change in changes} == {CASE_ID}
    assert {change.field: change.value for change in changes} == {
        "case.caregiver": "Region Stockholm",
        "case.unit": "Vårdcentralen Exempel",
        "case.hsa_id": HSA_ID,
        "case.closing": "2026-01-31",
        "case.removal": "2026-02-15",
        "case.level": "vardenhet",
        "case.caregiver_ceases": True,
        "case.template_version": template().version,
        "case.created_at": NOW,
        "case.created_by": ACTOR,
    }
    assert sorted(change.field for change in changes) == sorted(f"case.{f}" for f in CASE_FIELDS)


def test_a_created_case_reads_back_from_its_operations() -> None:
    changes = create_case(FIELDS, template(), case_id=CASE_ID, actor=ACTOR, now=NOW)
    ledger = Ledger()
    for number, change in enumerate(changes):
        ledger.apply(make_op(f"op{number}", change.value, field=change.field, hlc=hlc_at(number)))
    case = case_from_ledger(ledger, CASE_ID)
    assert case is not None
    assert (case.unit, case.closing, case.removal, case.level, case.caregiver_ceases) == (
        "Vårdcentralen Exempel",
        D,
        dt.date(2026, 2, 15),
        Level.VARDENHET,
        True,
    )
    assert (case.threshold, case.created_by, case.conflicts) == (T, ACTOR, ())


def test_create_case_without_removal_stores_none() -> None:
    fields = CaseFields("Region Stockholm", "VC", HSA_ID, D)
    changes = create_case(fields, template(), case_id=CASE_ID, actor=ACTOR, now=NOW)
    values = {change.field: change.value for change in changes}
    assert (values["case.removal"], values["case.level"]) == (None, "enhet")


# --- mark_done, record_check, undo, mark_not_applicable --------------------------------------


@pytest.mark.parametrize(
    ("key", "today"),
    [("hsa-verksamhet", T), ("vart-arbete", D - DAY), ("fil-i-fail", T + DAY)],
)
@pytest.mark.parametrize(("note", "stored_note"), [(None, None), ("", None), ("klart", "klart")])
def test_mark_done(key: str, today: dt.date, note: str | None, stored_note: str | None) -> None:
    view = view_of(make_case(), today)
    changes = mark_done(view, template(), key, actor=ACTOR, now=NOW, today=today, note=note)
    value = {"state": "done", "at": NOW, "by": ACTOR, "note": stored_note, "reason": None}
    assert changes == [Change(CASE_ID, f"item.{key}", value)]


@pytest.mark.parametrize(
    ("key", "today", "items", "code"),
    [
        ("hsa-verksamhet", D + 10 * DAY, {}, "rule.too_early"),
        ("bevaka-fraga-svar", T - DAY, {}, "rule.monitor_too_early"),
        ("vart-arbete", D, {"vart-arbete": done(D)}, "rule.already_done"),
        ("sparrgrupp-upphor", D, {}, "rule.not_applicable_by_condition"),
        ("no-such-item", T, {}, "item.unknown"),
        ("", T, {}, "item.unknown"),
    ],
)
def test_mark_done_refuses(key: str, today: dt.date, items: dict[str, Any], code: str) -> None:
    view = view_of(make_case(items=items), today)
    refusal = refusal_of(mark_done, view, template(), key, actor=ACTOR, now=NOW, today=today)
    assert refusal.code == code


def test_unknown_item_lists_the_keys() -> None:
    view = view_of(make_case(), T)
    refusal = refusal_of(undo, view, template(), "vart_arbete", actor=ACTOR, now=NOW)
    assert refusal.params["item"] == "vart_arbete"
    assert refusal.params["choices"].split(", ") == list(template().keys)


@pytest.mark.parametrize("key", ["bevaka-fraga-svar", "fil-i-fail"])
@pytest.mark.parametrize(
    ("note", "stored_note"), [(None, None), ("", None), ("inga fel", "inga fel")]
)
def test_record_check(key: str, note: str | None, stored_note: str | None) -> None:
    view = view_of(make_case(), D + DAY)
    [change] = record_check(view, template(), key, actor=ACTOR, now=NOW, today=D + DAY, note=note)
    prefix = f"check.{key}."
    assert change.case_id == CASE_ID
    assert change.field.startswith(prefix)
    assert change.field[len(prefix) :]  # a check id
    assert change.value == {"at": NOW, "by": ACTOR, "note": stored_note}


def test_two_checks_get_two_fields() -> None:
    view = view_of(make_case(), D)
    first, second = (
        record_check(view, template(), "fil-i-fail", actor=ACTOR, now=NOW, today=D)[0]
        for _ in range(2)
    )
    assert first.field != second.field


@pytest.mark.parametrize(
    ("key", "today", "items", "code"),
    [
        ("fil-i-fail", D - DAY, {}, "rule.check_too_early"),
        ("vart-arbete", D, {}, "rule.not_monitored"),
        ("fil-i-fail", T, {"fil-i-fail": done(T)}, "rule.check_finished"),
        ("fil-i-faill", D, {}, "item.unknown"),
    ],
)
def test_record_check_refuses(key: str, today: dt.date, items: dict[str, Any], code: str) -> None:
    view = view_of(make_case(items=items), today)
    refusal = refusal_of(record_check, view, template(), key, actor=ACTOR, now=NOW, today=today)
    assert refusal.code == code


@pytest.mark.parametrize("record", [done(D), not_applicable()])
def test_undo_opens_the_item_again(record: Any) -> None:
    view = view_of(make_case(items={"vart-arbete": record}), D)
    changes = undo(view, template(), "vart-arbete", actor=ACTOR, now=NOW)
    value = {"state": "open", "at": NOW, "by": ACTOR, "note": None, "reason": None}
    assert changes == [Change(CASE_ID, "item.vart-arbete", value)]


@pytest.mark.parametrize(
    ("key", "code"), [("vart-arbete", "rule.nothing_to_undo"), ("nope", "item.unknown")]
)
def test_undo_refuses(key: str, code: str) -> None:
    view = view_of(make_case(), D)
    assert refusal_of(undo, view, template(), key, actor=ACTOR, now=NOW).code == code


def test_mark_not_applicable() -> None:
    view = view_of(make_case(), D)
    reason = "ingen inläsning från Webcert"
    changes = mark_not_applicable(
        view, template(), "fil-i-fail", actor=ACTOR, now=NOW, reason=reason
    )
    value = {"state": "na", "at": NOW, "by": ACTOR, "note": None, "reason": reason}
    assert changes == [Change(CASE_ID, "item.fil-i-fail", value)]


@pytest.mark.parametrize(
    ("key", "reason", "items", "code"),
    [
        ("fil-i-fail", "", {}, "rule.reason_required"),
        ("fil-i-fail", "  \t", {}, "rule.reason_required"),
        ("fil-i-fail", "klart", {"fil-i-fail": done(T)}, "rule.not_open"),
        ("fil-i-fail", "igen", {"fil-i-fail": not_applicable()}, "rule.not_open"),
        ("sparrgrupp-upphor", "enhet", {}, "rule.not_applicable_by_condition"),
        ("okand", "skäl", {}, "item.unknown"),
    ],
)
def test_mark_not_applicable_refuses(
    key: str, reason: str, items: dict[str, Any], code: str
) -> None:
    view = view_of(make_case(items=items), D)
    refusal = refusal_of(
        mark_not_applicable, view, template(), key, actor=ACTOR, now=NOW, reason=reason
    )
    assert refusal.code == code


# --- edit_case -------------------------------------------------------------------------------

BASE = make_case(removal=dt.date(2026, 2, 15))


@pytest.mark.parametrize(
    ("updates", "expected"),
    [
        ({"unit": "Vårdcentralen Ny"}, {"case.unit": "Vårdcentralen Ny"}),
        (
            {"unit": BASE.unit, "closing": dt.date(2026, 2, 1)},
            {"case.closing": "2026-02-01"},
        ),
        ({"level": Level.VARDENHET}, {"case.level": "vardenhet"}),
        ({"level": Level.ENHET, "caregiver_ceases": True}, {"case.caregiver_ceases": True}),
        ({"removal": None}, {"case.removal": None}),
        ({"removal": dt.date(2026, 3, 1)}, {"case.removal": "2026-03-01"}),
        ({"hsa_id": "SE5565594230-YJ54"}, {"case.hsa_id": "SE5565594230-YJ54"}),
        (
            {"caregiver": "Ny vårdgivare", "unit": "Ny enhet"},
            {"case.caregiver": "Ny vårdgivare", "case.unit": "Ny enhet"},
        ),
    ],
)
def test_edit_case_returns_only_what_differs(
    updates: dict[str, Any], expected: dict[str, Any]
) -> None:
    changes = edit_case(BASE, updates)
    assert {change.field: change.value for change in changes} == expected
    assert {change.case_id for change in changes} == {CASE_ID}


@pytest.mark.parametrize(
    "updates",
    [
        {},
        {"unit": BASE.unit},
        {"closing": D, "removal": dt.date(2026, 2, 15), "level": Level.ENHET},
        {"caregiver_ceases": False},
    ],
)
def test_edit_case_with_nothing_new_is_refused(updates: dict[str, Any]) -> None:
    assert refusal_of(edit_case, BASE, updates).code == "case.nothing_changed"


@pytest.mark.parametrize(
    "updates",
    [
        {"removal": D - DAY},
        {"closing": dt.date(2026, 3, 1)},  # after the removal date already on the case
        {"closing": dt.date(2026, 3, 1), "removal": dt.date(2026, 2, 28)},
    ],
)
def test_edit_case_refuses_a_removal_before_the_closing_date(updates: dict[str, Any]) -> None:
    assert refusal_of(edit_case, BASE, updates).code == "field.removal_before_closing"


def test_edit_case_may_move_closing_and_removal_together() -> None:
    updates = {"closing": dt.date(2026, 3, 1), "removal": dt.date(2026, 3, 1)}
    changes = edit_case(BASE, updates)
    assert {change.field: change.value for change in changes} == {
        "case.closing": "2026-03-01",
        "case.removal": "2026-03-01",
    }


def conflicted(case: Case, field: str, *values: Any) -> Case:
    ops = tuple(make_op(f"op{n}", value, field=field) for n, value in enumerate(values))
    return Case(**{**case.__dict__, "conflicts": (Conflict(field, values, ops),)})


def test_edit_case_records_the_winners_value_again_to_resolve_a_conflict() -> None:
    case = conflicted(BASE, "case.unit", BASE.unit, "Annat namn")
    changes = edit_case(case, {"unit": BASE.unit})
    assert changes == [Change(CASE_ID, "case.unit", BASE.unit)]


# --- Conflicts and notes ---------------------------------------------------------------------


@pytest.mark.parametrize(("choice", "value"), [(1, "Vinnaren"), (2, "Förloraren")])
def test_resolve_conflict_keeps_the_chosen_value(choice: int, value: str) -> None:
    case = conflicted(BASE, "case.unit", "Vinnaren", "Förloraren")
    assert resolve_conflict(case, "case.unit", choice) == [Change(CASE_ID, "case.unit", value)]


@pytest.mark.parametrize(
    ("field", "choice", "code"),
    [
        ("case.unit", 0, "conflict.choice"),
        ("case.unit", 3, "conflict.choice"),
        ("case.closing", 1, "conflict.none"),
    ],
)
def test_resolve_conflict_refuses(field: str, choice: int, code: str) -> None:
    case = conflicted(BASE, "case.unit", "Vinnaren", "Förloraren")
    assert refusal_of(resolve_conflict, case, field, choice).code == code


def test_resolve_conflict_on_a_case_without_conflicts() -> None:
    refusal = refusal_of(resolve_conflict, BASE, "case.unit")
    assert (refusal.code, refusal.params["fields"]) == ("conflict.none", "–")


def test_add_note() -> None:
    [change] = add_note(CASE_ID, actor=ACTOR, now=NOW, text="Ring enheten på måndag")
    assert change.case_id == CASE_ID
    assert change.field.startswith("note.")
    assert change.value == {"at": NOW, "by": ACTOR, "text": "Ring enheten på måndag"}


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_add_note_refuses_an_empty_note(text: str) -> None:
    refusal = refusal_of(add_note, CASE_ID, actor=ACTOR, now=NOW, text=text)
    assert (refusal.code, refusal.params) == ("field.empty", {"field": "note"})


# --- Case ids --------------------------------------------------------------------------------


def test_new_case_id_is_six_unambiguous_characters() -> None:
    ids = [new_case_id() for _ in range(300)]
    for case_id in ids:
        assert len(case_id) == 6
        assert set(case_id) <= set(CASE_ID_ALPHABET)
    assert len(set(ids)) > 290  # random, not a counter or a constant


@pytest.mark.parametrize("char", ["0", "o", "1", "l", "i"])
def test_the_case_id_alphabet_has_no_lookalikes(char: str) -> None:
    assert char not in CASE_ID_ALPHABET
