"""Reading cases never crashes: a case holding values from a newer version (a level, an item state,
a checklist this version does not know) is listed as needing a newer stangning; one holding a
malformed value (that reached a ledger anyway, e.g. from an old local view) as unreadable; every
other case reads as before. And for any operations at all, folding and evaluating never raises."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.conftest import CASE_ID, CLOSING, HSA_ID, case_ops, hlc_at, make_op, stamp
from tui.core.cadence import overdue_checks
from tui.core.case import (
    CASE_FIELDS,
    Case,
    ItemState,
    Level,
    ProblemKind,
    UnsupportedCase,
    case_from_ledger,
    fold_cases,
    read_case,
)
from tui.core.case_fields import validate_case_fields, validate_date
from tui.core.case_json import case_to_dict
from tui.core.dates import threshold_date
from tui.core.errors import Refusal
from tui.core.history import case_history
from tui.core.history_text import describe_change, describe_field
from tui.core.i18n import Translator
from tui.core.nagios import Thresholds, assess, nagios_line
from tui.core.op_validation import operation_problem
from tui.core.operations import HybridClock, Ledger, Operation
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.core.unsupported_text import unsupported_line

CREATED = f"{CASE_ID}-"  # case_ops names the creating operation of field X "<case id>-X"
AT = stamp(CLOSING)
SV, EN = Translator("sv"), Translator("en")


def fold(ops: list[Operation]) -> Ledger:
    ledger = Ledger()
    ledger.apply_all(ops)
    return ledger


def with_field(field: str, value: Any, **values: Any) -> list[Operation]:
    """A whole case, plus one operation setting ``field`` (replacing its creating operation)."""
    base = (f"{CREATED}{field.removeprefix('case.')}",) if field.startswith("case.") else ()
    return [*case_ops(**values), make_op("x1", value, field=field, base=base, hlc=hlc_at(2000))]


def only_unsupported(ops: list[Operation]) -> UnsupportedCase:
    ledger = fold(ops)
    cases, unsupported = fold_cases(ledger)
    assert cases == []
    assert case_from_ledger(ledger, CASE_ID) is None  # existing callers: not a case they can use
    assert [found.case_id for found in unsupported] == [CASE_ID]
    assert read_case(ledger, CASE_ID) == unsupported[0]
    return unsupported[0]


# --- From a newer version: kept, listed as needing a newer stangning ----------------------------


NEWER: list[tuple[str, Any, ProblemKind, str]] = [
    ("case.level", "region", ProblemKind.LEVEL, 'nivån "region" är okänd'),
    ("case.template_version", 2, ProblemKind.TEMPLATE_VERSION, "checklistans version 2 är nyare"),
    (
        "item.fil-i-fail",
        {"state": "archived", "at": AT, "by": "anna"},
        ProblemKind.ITEM_STATE,
        'Fil i fail: läget "archived" är okänt',
    ),
]


@pytest.mark.parametrize(("field", "value", "kind", "text"), NEWER, ids=[n[0] for n in NEWER])
def test_a_case_from_a_newer_version_is_listed_as_needing_a_newer_stangning(
    field: str, value: Any, kind: ProblemKind, text: str
) -> None:
    found = only_unsupported(with_field(field, value))
    assert found.newer
    assert [problem.kind for problem in found.problems] == [kind]
    assert (found.unit, found.hsa_id) == ("Vårdcentralen Exempel", HSA_ID)
    assert field in found.reasons[0]
    line = unsupported_line(found, SV, default_template())
    assert line.startswith(f"{CASE_ID} Vårdcentralen Exempel ({HSA_ID}): ")
    assert "kräver en nyare version av stangning" in line
    assert text in line
    assert "needs a newer version of stangning" in unsupported_line(found, EN)


def test_a_case_created_with_a_newer_checklist_is_shown_by_a_version_that_ships_it() -> None:
    ledger = fold(case_ops(template_version=2))
    assert fold_cases(ledger)[0] == []
    cases, unsupported = fold_cases(ledger, template_version=2)
    assert [case.template_version for case in cases] == [2]
    assert unsupported == []


def test_a_case_with_several_newer_values_lists_every_reason() -> None:
    ops = [
        *case_ops(level="region", template_version=7),
        make_op("i1", {"state": "signed"}, field="item.vart-arbete", hlc=hlc_at(2000)),
    ]
    found = only_unsupported(ops)
    assert {problem.kind for problem in found.problems} == {
        ProblemKind.LEVEL,
        ProblemKind.TEMPLATE_VERSION,
        ProblemKind.ITEM_STATE,
    }
    assert found.newer


def test_fields_of_a_kind_this_version_does_not_know_are_ignored() -> None:
    extra = [
        make_op("a1", {"name": "beslut.pdf"}, field="attachment.a1", hlc=hlc_at(2000)),
        make_op("a2", None, field="signoff.x", hlc=hlc_at(2000)),
        make_op("p1", 3, field="case.priority", hlc=hlc_at(2000)),
        make_op("s1", {"state": "done", "at": AT, "by": "a"}, field="item.nytt-steg"),
        make_op(
            "d1", {"state": "done", "at": AT, "by": "a", "signed": True}, field="item.vart-arbete"
        ),
    ]
    cases, unsupported = fold_cases(fold([*case_ops(), *extra]))
    plain = case_from_ledger(fold([*case_ops(), *extra[-2:]]), CASE_ID)  # items are kept
    assert unsupported == []
    assert cases == [plain]
    assert cases[0].item("vart-arbete").state is ItemState.DONE


def test_other_cases_read_as_before_next_to_an_unsupported_one() -> None:
    ops = [
        *case_ops(case_id="good1"),
        *case_ops(case_id="newer", level="region"),
        *case_ops(case_id="broken", closing="2026-99-99"),
        *case_ops(case_id="good2"),
    ]
    cases, unsupported = fold_cases(fold(ops))
    assert [case.case_id for case in cases] == ["good1", "good2"]
    assert [(found.case_id, found.newer) for found in unsupported] == [
        ("newer", True),
        ("broken", False),
    ]


def test_a_case_not_fully_there_is_in_neither_list() -> None:
    ops = [op for op in case_ops(level="region") if op.field != "case.closing"]
    assert fold_cases(fold(ops)) == ([], [])


# --- Malformed values that reached a ledger anyway: unreadable, never a crash -----------------


MALFORMED: list[tuple[str, Any]] = [
    ("case.closing", "2026-99-99"),
    ("case.closing", "9999-12-31"),
    ("case.closing", None),
    ("case.removal", "x"),
    ("case.removal", "9999-12-31"),
    ("case.template_version", "x"),
    ("case.template_version", True),
    ("case.caregiver_ceases", "yes"),
    ("case.level", 5),
    ("case.unit", {"sv": "VC"}),
    ("case.hsa_id", None),
    ("item.fil-i-fail", "done"),
    ("item.fil-i-fail", {"state": 1}),
    ("item.fil-i-fail", {"state": "done", "at": "x"}),
    ("item.fil-i-fail", {"state": "done", "at": "9999-12-31T10:00:00"}),
    ("check.fil-i-fail.k1", "x"),
    ("check.fil-i-fail.k1", {"at": "9999-12-28T10:00:00+01:00", "by": "anna"}),
    ("check.fil-i-fail.k1", {"at": None, "by": "anna"}),
    ("note.n1", {"at": AT, "by": "anna", "text": 5}),
    ("note.n1", "ringt"),
    ("check.fil-i-fail", {"at": AT, "by": "anna"}),
]


@pytest.mark.parametrize(("field", "value"), MALFORMED, ids=[f"{f}={v!r}" for f, v in MALFORMED])
def test_a_malformed_value_in_a_ledger_makes_the_case_unreadable_not_a_crash(
    field: str, value: Any
) -> None:
    found = only_unsupported(with_field(field, value))
    assert not found.newer
    assert [problem.kind for problem in found.problems] == [ProblemKind.MALFORMED]
    assert field in found.reasons[0]
    assert "inte kan läsa" in unsupported_line(found, SV)
    assert "cannot read" in unsupported_line(found, EN)
    # and the share's validation refuses it
    assert operation_problem(make_op("x1", value, field=field)) is not None


def test_a_malformed_value_on_the_losing_side_of_a_conflict_is_unreadable_too() -> None:
    ops = [
        *case_ops(),
        make_op("c1", "2026-02-27", field="case.closing", base=(f"{CREATED}closing",)),
        make_op("c2", 20260228, field="case.closing", base=(f"{CREATED}closing",), hlc=hlc_at(1)),
    ]
    found = only_unsupported(ops)
    assert [problem.value for problem in found.problems] == ["20260228"]


def test_a_replaced_malformed_value_no_longer_matters() -> None:
    ops = [
        *with_field("case.closing", "2026-99-99"),
        make_op("fix", "2026-02-27", field="case.closing", base=("x1",), hlc=hlc_at(3000)),
    ]
    cases, unsupported = fold_cases(fold(ops))
    assert [case.closing for case in cases] == [dt.date(2026, 2, 27)]
    assert unsupported == []


def test_the_history_of_an_operation_with_a_clock_that_is_no_clock_does_not_raise() -> None:
    ops = [*case_ops(), make_op("h1", "VC", hlc="x"), make_op("h2", "VC", hlc="1.2.3")]
    entries = case_history(fold(ops), CASE_ID)
    assert {entry.at for entry in entries} >= {"x", "1.2.3"}


def test_a_supported_case_reads_exactly_as_before() -> None:
    ops = [
        *case_ops(level="vardenhet", removal="2026-03-01", caregiver_ceases=True),
        make_op(
            "i1", {"state": "na", "at": AT, "by": "a", "reason": "r"}, field="item.vart-arbete"
        ),
        make_op("k1", {"at": AT, "by": "anna", "note": None}, field="check.fil-i-fail.k1"),
        make_op("n1", {"at": AT, "by": "anna", "text": "ringt"}, field="note.n1"),
    ]
    case = case_from_ledger(fold(ops), CASE_ID)
    assert isinstance(case, Case)
    assert (case.level, case.removal, case.caregiver_ceases) == (
        Level.VARDENHET,
        dt.date(2026, 3, 1),
        True,
    )
    assert case.item("vart-arbete").state is ItemState.NOT_APPLICABLE
    assert [check.check_id for check in case.checks["fil-i-fail"]] == ["k1"]
    assert [note.text for note in case.notes] == ["ringt"]


# --- The extremes of the accepted dates ------------------------------------------------------


@pytest.mark.parametrize(
    ("closing", "threshold"),
    [
        (dt.date(2000, 1, 1), dt.date(2000, 4, 1)),
        (dt.date(2000, 11, 30), dt.date(2001, 2, 28)),
        (dt.date(2100, 11, 30), dt.date(2101, 2, 28)),  # 2100 and 2101 are no leap years
        (dt.date(2100, 12, 31), dt.date(2101, 3, 31)),
    ],
)
def test_the_threshold_of_the_extreme_closing_dates(closing: dt.date, threshold: dt.date) -> None:
    assert threshold_date(closing) == threshold


@pytest.mark.parametrize("closing", ["2000-01-01", "2100-12-31"])
@pytest.mark.parametrize("today", [dt.date(2000, 1, 1), dt.date(2100, 12, 31)])
def test_a_case_at_the_extremes_evaluates_on_the_extreme_days(closing: str, today: dt.date) -> None:
    check = {"at": "2999-12-31T23:59:59+01:00", "by": "anna", "note": None}
    ops = [*case_ops(closing=closing), make_op("k1", check, field="check.fil-i-fail.k1")]
    cases, _ = fold_cases(fold(ops))
    view = evaluate(cases[0], default_template(), today)
    json.dumps(case_to_dict(view, detail=True))
    overdue_checks(view)
    assert nagios_line(assess([view], Thresholds.from_days(14)), SV).startswith("STANGNING ")


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("closing", "9999-12-31"),
        ("closing", "9999-10-01"),
        ("closing", "2101-01-01"),
        ("closing", "1999-12-31"),
        ("removal", "2101-01-01"),
    ],
)
def test_dates_beyond_2100_or_before_2000_are_refused_at_input(field: str, raw: str) -> None:
    values = {"closing": "2026-01-31", "removal": None, field: raw}
    with pytest.raises(Refusal) as raised:
        validate_case_fields(caregiver="VG", unit="VC", hsa_id=HSA_ID, **values)
    assert raised.value.code == "field.date_range"
    assert SV.refusal(raised.value).startswith(f"{SV(f'field_name.{field}')}: {raw} ligger utanför")
    assert "2000-01-01 – 2100-12-31" in EN.refusal(raised.value)


@pytest.mark.parametrize("raw", ["2000-01-01", "2100-12-31"])
def test_the_extreme_dates_are_accepted_at_input(raw: str) -> None:
    assert validate_date("today", raw) == dt.date.fromisoformat(raw)
    fields = validate_case_fields(caregiver="VG", unit="VC", hsa_id=HSA_ID, closing=raw)
    assert fields.closing.isoformat() == raw


# --- Any operations at all: folding and evaluating never raises -------------------------------


def _json_values() -> st.SearchStrategy[Any]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=True, allow_infinity=True)
        | st.text(max_size=12)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=8,
    )


JSON_VALUES = _json_values()
CASE_IDS = ("k1", "k2")
TEMPLATE = default_template()
MONITORED = tuple(item.key for item in TEMPLATE.items if item.monitored)
OP_IDS = tuple(f"{case_id}-{name}" for case_id in CASE_IDS for name in CASE_FIELDS) + tuple(
    "abcdefgh"
)


def _mostly(
    good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any], one_in: int = 10
) -> st.SearchStrategy[Any]:
    """Mostly a value this version writes, one time in ``one_in`` an odd one."""
    return st.integers(1, one_in).flatmap(lambda n: odd if n == 1 else good)


DAYS = _mostly(
    st.sampled_from(["2000-01-01", "2026-01-31", "2026-04-30", "2028-02-29", "2100-12-31"])
    | st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["9999-12-31", "9999-10-01", "2101-01-01", "1999-12-31", "2026-99-99", ""]),
    one_in=4,
)
MOMENTS = _mostly(
    st.sampled_from([AT, "1970-01-01T00:00:00", "2999-12-31T23:59:59+01:00", "2026-01-31"])
    | st.datetimes(dt.datetime(1970, 1, 1), dt.datetime(2999, 12, 31)).map(dt.datetime.isoformat),
    st.sampled_from(["9999-12-31T23:59:59", "3000-01-01T00:00", "20260131T100000", "x", ""]),
    one_in=4,
)
TEXTS = _mostly(
    st.sampled_from(["anna", "Vårdcentralen Exempel", "Vårdcentralen \x1b[2J", "region"])
    | st.text(max_size=8),
    st.sampled_from(["", " ", "\udcff"]),
)
ODD = (
    st.sampled_from([None, True, False, 0, 1, 2, -1, 10**20, 1.0, float("nan"), "x"]) | JSON_VALUES
)
STATES = _mostly(st.sampled_from([state.value for state in ItemState]), st.just("archived"))
RECORDS = st.fixed_dictionaries(
    {"state": STATES},
    optional={"at": MOMENTS, "by": TEXTS, "note": TEXTS | st.none(), "reason": TEXTS | st.none()},
)
CHECKS = st.fixed_dictionaries({"at": MOMENTS, "by": TEXTS}, optional={"note": TEXTS | st.none()})
NOTES = st.fixed_dictionaries({"at": MOMENTS, "by": TEXTS, "text": TEXTS})
CASE_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "caregiver": TEXTS,
    "unit": TEXTS,
    "hsa_id": TEXTS,
    "closing": DAYS,
    "removal": DAYS | st.none(),
    "level": _mostly(st.sampled_from([level.value for level in Level]), st.just("region")),
    "caregiver_ceases": st.booleans(),
    "template_version": _mostly(st.just(TEMPLATE.version), st.just(TEMPLATE.version + 1)),
    "created_at": MOMENTS,
    "created_by": TEXTS,
}


@st.composite
def _field_and_value(draw: st.DrawFn) -> tuple[str, Any]:
    """A field of any kind and a value of its kind; now and then an odd field or value."""
    kind = draw(st.sampled_from(["case", "case", "item", "check", "note", "other"]))
    if kind == "case":
        name = draw(st.sampled_from(["closing", "closing", "removal", *CASE_FIELDS]))
        field, value = f"case.{name}", draw(CASE_VALUES[name])
    elif kind == "item":
        field, value = f"item.{draw(st.sampled_from(TEMPLATE.keys))}", draw(RECORDS)
    elif kind == "check":
        check_id = draw(st.sampled_from(["k1", "k2", "k3"]))
        field, value = f"check.{draw(st.sampled_from(MONITORED))}.{check_id}", draw(CHECKS)
    elif kind == "note":
        field, value = f"note.{draw(st.sampled_from(['n1', 'n2']))}", draw(NOTES)
    else:
        field = draw(st.sampled_from(["case.priority", "attachment.a1", "x", "item.", "check.x"]))
        value = draw(JSON_VALUES)
    if draw(st.integers(0, 7)) == 0:
        value = draw(ODD)
    if draw(st.integers(0, 15)) == 0:
        field = draw(st.text(max_size=10))
    return field, value


HLCS = _mostly(
    st.builds(HybridClock.format, st.integers(0, 10**15 - 1), st.integers(0, 10**6 - 1)),
    st.sampled_from(["x", "9", "", "000000000001000"]),
)


@st.composite
def _rows(draw: st.DrawFn) -> list[Any]:
    """Mostly what an operation holds at each place; sometimes any JSON value at one place.
    A case field's operation mostly replaces the field's creating operation, so it wins."""
    field, value = draw(_field_and_value())
    case_id = draw(_mostly(st.sampled_from(CASE_IDS), st.text(max_size=3)))
    replaced = [f"{case_id}-{field.removeprefix('case.')}"] if field.startswith("case.") else []
    base = draw(_mostly(st.just(replaced), st.lists(st.sampled_from(OP_IDS), max_size=3), 3))
    row: list[Any] = [
        draw(_mostly(st.sampled_from(OP_IDS), st.sampled_from(["", "x" * 201]))),
        draw(_mostly(st.sampled_from(["w1", "w2"]), st.just(""))),
        draw(_mostly(st.integers(0, 100), st.sampled_from([-1, 10**11]))),
        draw(HLCS),
        case_id,
        field,
        value,
        base,
        draw(_mostly(st.just("anna"), st.sampled_from(["", "\udcff"]))),
        draw(_mostly(st.just("jump1"), st.just(""))),
    ]
    if draw(st.integers(0, 7)) == 0:
        row[draw(st.integers(0, len(row) - 1))] = draw(JSON_VALUES)
    return row


ROWS = st.lists(_rows(), max_size=12)
TODAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def operations_from(rows: list[list[Any]]) -> list[Operation]:
    """The rows as a batch file holds them (through JSON), as far as Operation.from_row takes
    them, after two whole cases to change."""
    ops = [*case_ops(case_id="k1"), *case_ops(case_id="k2", level="vardenhet")]
    for row in json.loads(json.dumps(rows)):
        try:
            ops.append(Operation.from_row(row))
        except (ValueError, TypeError):
            continue
    return ops


def use_everything(
    ledger: Ledger, today: dt.date, *, printable: bool = True
) -> tuple[list[Case], list[UnsupportedCase]]:
    """What the front ends do with a ledger: every case evaluated, shown as JSON, checked for
    Nagios; its history described; the unsupported ones listed. ``printable``: every text can be
    written out (UTF-8)."""

    def out(text: str) -> None:
        if printable:
            text.encode("utf-8")

    template = default_template()
    cases, unsupported = fold_cases(ledger)
    views = []
    for case in cases:
        for day in (today, dt.date(2000, 1, 1), dt.date(2100, 12, 31)):
            view = evaluate(case, template, day)
            views.append(view)
            out(json.dumps(case_to_dict(view, detail=True), ensure_ascii=False))
            assert all(item.cadence is None or item.spec.monitored for item in view.items)
        for entry in case_history(ledger, case.case_id):
            for t in (SV, EN):
                out(describe_change(entry.old, entry.new, t))
                out(describe_field(entry.field, t, template))
                out(entry.at)
    out(nagios_line(assess(views, Thresholds.from_days(14)), SV))
    for found in unsupported:
        for t in (SV, EN):
            out(unsupported_line(found, t, template))
    return cases, unsupported


# STANGNING_SOAK_EXAMPLES=20000 for a soak run.
@settings(
    max_examples=int(os.environ.get("STANGNING_SOAK_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rows=ROWS, today=TODAYS)
def test_any_operations_fold_and_evaluate_without_raising(
    rows: list[list[Any]], today: dt.date
) -> None:
    ops = operations_from(rows)
    valid = []
    for op in ops:
        if operation_problem(op) is not None:
            continue
        valid.append(op)
    # What the share's validation lets through: every case is shown or needs a newer version.
    _, unsupported = use_everything(fold(valid), today)
    assert all(found.newer for found in unsupported)
    # Everything, malformed included (an old local view): still nothing raises (though a
    # replaced malformed text may show up in a history).
    use_everything(fold(ops), today, printable=False)
