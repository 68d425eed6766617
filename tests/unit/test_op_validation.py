"""Validating operations read from the share: a malformed one is refused with a reason naming the
field and the value (the store quarantines its batch with it); one from a newer version passes,
so it is kept; everything this version writes passes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.unit.conftest import CASE_ID, CLOSING, make_op, stamp, template, view_of
from tui.core.actions import (
    add_note,
    create_case,
    edit_case,
    mark_done,
    mark_not_applicable,
    record_check,
    resolve_conflict,
    undo,
)
from tui.core.case import CASE_FIELDS, Case, case_from_ledger
from tui.core.case_fields import validate_case_fields
from tui.core.op_validation import (
    CASE_VALUE_CHECKS,
    InvalidOperation,
    operation_problem,
    show,
    validate_operations,
)
from tui.core.operations import Change, HybridClock, Ledger, Operation

AT = stamp(CLOSING)
ITEM = {"state": "done", "at": AT, "by": "anna", "note": None, "reason": None}
CHECK = {"at": AT, "by": "anna", "note": None}
NOTE = {"at": AT, "by": "anna", "text": "ringt enheten"}
ARABIC_DIGITS = "".join(chr(0x0660 + int(d)) for d in "000000000001000")


def op_with(**fields: Any) -> Operation:
    return make_op("op1", "VC", base=("op0",))._replace(**fields)


def reason_of(op: Operation) -> str:
    with pytest.raises(InvalidOperation) as raised:
        validate_operations([op])
    return raised.value.reason.split(": ", 1)[1]  # after "operation 1 (op1): "


# (field, value, words the reason must hold): values no version of stangning writes.
MALFORMED_VALUES: list[tuple[str, Any, tuple[str, ...]]] = [
    ("case.closing", "2026-99-99", ("case.closing", '"2026-99-99"', "not a date")),
    ("case.closing", "9999-12-31", ("case.closing", '"9999-12-31"', "outside")),
    ("case.closing", "2101-01-01", ("case.closing", "outside 2000-01-01..2100-12-31")),
    ("case.closing", "1999-12-31", ("case.closing", "outside")),
    ("case.closing", "20260131", ("case.closing", "not a date")),
    ("case.closing", "2026-1-31", ("case.closing", "not a date")),
    ("case.closing", "2026-01-31T10:00", ("case.closing", "not a date")),
    ("case.closing", "２０２６-01-31", ("case.closing", "not a date")),
    ("case.closing", None, ("case.closing", "null")),
    ("case.closing", 20260131, ("case.closing", "20260131")),
    ("case.removal", "x", ("case.removal", '"x"')),
    ("case.removal", "", ("case.removal", '""')),
    ("case.removal", 7, ("case.removal", "7")),
    ("case.removal", "9999-12-31", ("case.removal", "outside")),
    ("case.template_version", "x", ("case.template_version", '"x"', "version")),
    ("case.template_version", True, ("case.template_version", "true")),
    ("case.template_version", 1.0, ("case.template_version", "1.0")),
    ("case.template_version", 0, ("case.template_version", "0")),
    ("case.template_version", None, ("case.template_version", "null")),
    ("case.caregiver_ceases", "yes", ("case.caregiver_ceases", '"yes"', "true or false")),
    ("case.caregiver_ceases", 1, ("case.caregiver_ceases", "1")),
    ("case.caregiver_ceases", None, ("case.caregiver_ceases", "null")),
    ("case.level", 5, ("case.level", "5")),
    ("case.level", "", ("case.level", "empty")),
    ("case.level", ["enhet"], ("case.level", "[…]")),
    ("case.unit", 5, ("case.unit", "not a text")),
    ("case.unit", None, ("case.unit", "null")),
    ("case.unit", {"sv": "VC"}, ("case.unit", "{…}")),
    ("case.unit", "VC \udcff", ("case.unit", "Unicode")),
    ("case.caregiver", False, ("case.caregiver", "false")),
    ("case.hsa_id", 2321000016, ("case.hsa_id", "2321000016")),
    ("case.created_at", 5, ("case.created_at", "5")),
    ("case.created_by", ["anna"], ("case.created_by",)),
    ("item.fil-i-fail", "done", ("item.fil-i-fail", '"done"', "not an object")),
    ("item.fil-i-fail", None, ("item.fil-i-fail", "null")),
    ("item.fil-i-fail", [], ("item.fil-i-fail", "[…]")),
    ("item.fil-i-fail", {}, ("item.fil-i-fail.state", "missing")),
    ("item.fil-i-fail", {**ITEM, "state": 1}, ("item.fil-i-fail.state", "1")),
    ("item.fil-i-fail", {**ITEM, "state": ""}, ("item.fil-i-fail.state", "empty")),
    ("item.fil-i-fail", {**ITEM, "at": "x"}, ("item.fil-i-fail.at", '"x"', "timestamp")),
    ("item.fil-i-fail", {**ITEM, "at": "9999-12-31T10:00:00"}, ("item.fil-i-fail.at", "outside")),
    ("item.fil-i-fail", {**ITEM, "at": "2026-01-31Tx"}, ("item.fil-i-fail.at", "timestamp")),
    ("item.fil-i-fail", {**ITEM, "at": "20260131T100000"}, ("item.fil-i-fail.at", "timestamp")),
    ("item.fil-i-fail", {**ITEM, "at": ""}, ("item.fil-i-fail.at", '""')),
    ("item.fil-i-fail", {**ITEM, "at": 5}, ("item.fil-i-fail.at", "5")),
    ("item.fil-i-fail", {**ITEM, "by": 5}, ("item.fil-i-fail.by", "5")),
    ("item.fil-i-fail", {**ITEM, "note": 5}, ("item.fil-i-fail.note", "5")),
    ("item.fil-i-fail", {**ITEM, "reason": []}, ("item.fil-i-fail.reason", "[…]")),
    ("check.fil-i-fail.k1", "x", ("check.fil-i-fail.k1", '"x"', "not an object")),
    ("check.fil-i-fail.k1", {}, ("check.fil-i-fail.k1.at", "missing")),
    ("check.fil-i-fail.k1", {**CHECK, "at": "x"}, ("check.fil-i-fail.k1.at", '"x"')),
    ("check.fil-i-fail.k1", {**CHECK, "at": "9999-12-31T10:00:00"}, ("k1.at", "outside")),
    ("check.fil-i-fail.k1", {"at": AT}, ("check.fil-i-fail.k1.by", "missing")),
    ("check.fil-i-fail.k1", {**CHECK, "by": None}, ("check.fil-i-fail.k1.by", "null")),
    ("check.fil-i-fail.k1", {**CHECK, "note": 5}, ("check.fil-i-fail.k1.note", "5")),
    ("note.n1", "ringt", ("note.n1", '"ringt"', "not an object")),
    ("note.n1", {**NOTE, "text": 5}, ("note.n1.text", "5")),
    ("note.n1", {**NOTE, "text": None}, ("note.n1.text", "null")),
    ("note.n1", {"at": AT, "by": "anna"}, ("note.n1.text", "missing")),
    ("note.n1", {**NOTE, "at": None}, ("note.n1.at", "null")),
    ("note.n1", {**NOTE, "by": 5}, ("note.n1.by", "5")),
]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    MALFORMED_VALUES,
    ids=[f"{field}={value!r}" for field, value, _ in MALFORMED_VALUES],
)
def test_a_malformed_value_is_refused_naming_field_and_value(
    field: str, value: Any, words: tuple[str, ...]
) -> None:
    reason = reason_of(op_with(field=field, value=value))
    for word in words:
        assert word in reason


# (operation fields, words the reason must hold): malformed envelopes.
MALFORMED_OPERATIONS: list[tuple[dict[str, Any], tuple[str, ...]]] = [
    ({"hlc": "x"}, ("hlc", '"x"', "not a clock")),
    ({"hlc": "9"}, ("hlc", '"9"')),
    ({"hlc": ""}, ("hlc",)),
    ({"hlc": "000000000001000"}, ("hlc",)),
    ({"hlc": "00000000000100.000000"}, ("hlc",)),
    ({"hlc": "000000000001000.0000000"}, ("hlc",)),
    ({"hlc": "000000000001000.000000\n"}, ("hlc",)),
    ({"hlc": " 000000000001000.000000"}, ("hlc",)),
    ({"hlc": "-00000000001000.000000"}, ("hlc",)),
    ({"hlc": f"{ARABIC_DIGITS}.000000"}, ("hlc",)),
    ({"op_id": ""}, ("op_id", "empty")),
    ({"op_id": "x" * 201}, ("op_id", "longer than 200")),
    ({"writer": ""}, ("writer", "empty")),
    ({"writer": "w" * 201}, ("writer", "200")),
    ({"actor": ""}, ("actor", "empty")),
    ({"actor": "anna\udcff"}, ("actor", "Unicode")),
    ({"host": ""}, ("host", "empty")),
    ({"host": "h" * 500}, ("host", "200")),
    ({"case_id": ""}, ("case_id", "empty")),
    ({"seq": -1}, ("seq", "-1")),
    ({"seq": 10**10}, ("seq", "10000000000")),
    ({"base": ("",)}, ("base", "empty")),
    ({"base": ("a", "b" * 201)}, ("base", "200")),
    ({"field": ""}, ("field", "empty")),
    ({"field": "case"}, ("field", '"case"', "<kind>.<name>")),
    ({"field": ".unit"}, ("field", '".unit"')),
    ({"field": "case."}, ("field", '"case."')),
    ({"field": "item.", "value": ITEM}, ("field", '"item."')),
    ({"field": "note.", "value": NOTE}, ("field", '"note."')),
    ({"field": "check.fil-i-fail", "value": CHECK}, ("field", "check.<item>.<id>")),
    ({"field": "check..k1", "value": CHECK}, ("field", "check.<item>.<id>")),
    ({"field": "check.fil-i-fail.", "value": CHECK}, ("field", "check.<item>.<id>")),
    ({"field": "x." + "y" * 200}, ("field", "200")),
]


@pytest.mark.parametrize(
    ("fields", "words"),
    MALFORMED_OPERATIONS,
    ids=[repr(fields)[:60] for fields, _ in MALFORMED_OPERATIONS],
)
def test_a_malformed_operation_is_refused_naming_what(
    fields: dict[str, Any], words: tuple[str, ...]
) -> None:
    reason = reason_of(op_with(**fields))
    for word in words:
        assert word in reason


# Values from a newer version: well formed, unknown here. They pass and are kept.
NEWER: list[tuple[str, Any]] = [
    ("case.level", "region"),
    ("case.template_version", 2),
    ("case.template_version", 10**30),
    ("item.fil-i-fail", {**ITEM, "state": "archived"}),
    ("item.fil-i-fail", {**ITEM, "signed_by": ["anna", "bertil"]}),  # a key added later
    ("item.nytt-steg", ITEM),  # an item a newer checklist adds
    ("check.fil-i-fail.k1", {**CHECK, "photo": "x.png"}),
    ("note.n1", {**NOTE, "pinned": True}),
    ("case.priority", 3),  # a case field added later: any value
    ("case.priority", None),
    ("attachment.a1", {"name": "beslut.pdf"}),  # a field kind added later: any value
    ("attachment.a1", None),
    ("signoff.x", [1, {"y": None}]),
]


@pytest.mark.parametrize(("field", "value"), NEWER, ids=[f"{f}={v!r}"[:60] for f, v in NEWER])
def test_a_value_from_a_newer_version_passes(field: str, value: Any) -> None:
    assert operation_problem(op_with(field=field, value=value)) is None


# Well-formed values at the edges, as this version may write them.
VALID_EDGES: list[dict[str, Any]] = [
    {"field": "case.closing", "value": "2000-01-01"},
    {"field": "case.closing", "value": "2100-12-31"},
    {"field": "case.removal", "value": None},
    {"field": "case.removal", "value": "2100-12-31"},
    {"field": "case.created_at", "value": None},
    {"field": "case.unit", "value": "Vårdcentralen Åre \x1b[2J"},  # escaped when shown
    {"field": "case.template_version", "value": 1},
    {"field": "case.caregiver_ceases", "value": False},
    {"field": "item.fil-i-fail", "value": {"state": "open"}},
    {"field": "item.fil-i-fail", "value": {**ITEM, "at": "1970-01-01T01:00:00+01:00"}},
    {"field": "item.fil-i-fail", "value": {**ITEM, "at": "2999-12-31T23:59:59+01:00"}},
    {"field": "check.fil-i-fail.a.b", "value": CHECK},  # an id with a dot
    {"hlc": "000000000000000.000000"},
    {"hlc": "999999999999999.999999"},  # a clock far ahead is not malformed
    {"seq": 0},
    {"seq": 9_999_999_999},
    {"base": ()},
    {"op_id": "x" * 200, "writer": "w" * 200, "actor": "a" * 200, "host": "h" * 200},
]


@pytest.mark.parametrize("fields", VALID_EDGES, ids=[repr(f)[:60] for f in VALID_EDGES])
def test_well_formed_values_at_the_edges_pass(fields: dict[str, Any]) -> None:
    assert operation_problem(op_with(**fields)) is None


def test_every_known_case_field_has_a_check() -> None:
    assert set(CASE_VALUE_CHECKS) == set(CASE_FIELDS)


def test_invalid_operation_is_a_value_error_with_its_reason_as_message() -> None:
    error = InvalidOperation('hlc: "x" is not a clock')
    assert isinstance(error, ValueError)
    assert str(error) == error.reason


def test_a_batch_is_refused_at_its_first_bad_operation_and_the_reason_says_which() -> None:
    good = [make_op(f"g{n}", "VC") for n in range(4)]
    bad = make_op("b1", "2026-99-99", field="case.closing")
    worse = make_op("b2", "x", field="case.template_version")
    with pytest.raises(InvalidOperation) as raised:
        validate_operations([*good[:2], bad, *good[2:], worse])
    assert raised.value.reason.startswith('operation 3 ("b1"): case.closing: "2026-99-99"')
    validate_operations(good)
    validate_operations([])


def test_a_long_value_is_shown_cut_short() -> None:
    reason = reason_of(op_with(field="case.closing", value="x" * 10_000))
    assert len(reason) < 120
    assert "…" in reason


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("x", '"x"'),
        ("rad\nbrytning", '"rad\\nbrytning"'),
        ("\udcff", '"\\udcff"'),
        (None, "null"),
        (True, "true"),
        (9, "9"),
        (10**40, "a very large number"),
        (1.5, "1.5"),
        ([1], "[…]"),
        ({"a": 1}, "{…}"),
    ],
)
def test_values_are_shown_short_and_printable(value: Any, shown: str) -> None:
    assert show(value) == shown
    show(value).encode("utf-8")  # never a lone surrogate in a reason


# --- Everything this version writes passes ----------------------------------------------------


def operations_of(changes: list[Change], ledger: Ledger, clock: HybridClock) -> list[Operation]:
    ops = [
        Operation(
            op_id=f"op{ledger.count + number}",
            writer="jump1-anna-0a1b2c3d",
            seq=ledger.count + number + 1,
            hlc=clock.now(1_767_222_000_000 + ledger.count + number),
            case_id=change.case_id,
            field=change.field,
            value=change.value,
            base=ledger.heads(change.case_id, change.field),
            actor="anna",
            host="jump1",
        )
        for number, change in enumerate(changes)
    ]
    ledger.apply_all(ops)
    return ops


def test_every_operation_this_version_writes_passes() -> None:
    ledger, clock, tmpl, now = Ledger(), HybridClock(), template(), stamp(CLOSING)
    fields = validate_case_fields(
        caregiver="Region Stockholm",
        unit="Vårdcentralen Exempel",
        hsa_id="SE2321000016-A2G8",
        closing="2100-12-31",
        removal="2100-12-31",
        level="vardenhet",
        caregiver_ceases=True,
    )
    written = operations_of(
        create_case(fields, tmpl, case_id=CASE_ID, actor="anna", now=now), ledger, clock
    )

    def case() -> Case:
        found = case_from_ledger(ledger, CASE_ID)
        assert found is not None
        return found

    today = dt.date(2101, 4, 1)  # after T, so every action is allowed
    steps = [
        lambda: record_check(
            view_of(case(), dt.date(2101, 1, 2)),
            tmpl,
            "fil-i-fail",
            actor="anna",
            now=now,
            today=dt.date(2101, 1, 2),
            note="ingen fil",
        ),
        lambda: record_check(
            view_of(case(), dt.date(2101, 1, 2)),
            tmpl,
            "fil-i-fail",
            actor="anna",
            now=now,
            today=dt.date(2101, 1, 2),
        ),
        lambda: mark_done(
            view_of(case(), today), tmpl, "vart-arbete", actor="a", now=now, today=today
        ),
        lambda: mark_done(
            view_of(case(), today),
            tmpl,
            "fil-i-fail",
            actor="a",
            now=now,
            today=today,
            note="klart",
        ),
        lambda: undo(view_of(case(), today), tmpl, "vart-arbete", actor="anna", now=now),
        lambda: mark_not_applicable(
            view_of(case(), today), tmpl, "vart-arbete", actor="anna", now=now, reason="gäller inte"
        ),
        lambda: add_note(CASE_ID, actor="anna", now=now, text="ringt enheten"),
        lambda: edit_case(case(), {"unit": "VC Ny", "removal": None, "caregiver_ceases": False}),
    ]
    for step in steps:
        written += operations_of(step(), ledger, clock)
    # A colleague changed the unit without seeing the edit (both replace the creating "op1"):
    # a conflict, then its resolution.
    ledger.apply(make_op("rival", "VC Annan", base=("op1",), writer="w9", hlc=clock.now(0)))
    assert [conflict.field for conflict in case().conflicts] == ["case.unit"]
    written += operations_of(resolve_conflict(case(), "case.unit", 2), ledger, clock)
    assert case().conflicts == ()
    assert len(written) > 15
    validate_operations(written)
