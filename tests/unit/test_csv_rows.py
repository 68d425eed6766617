"""A closure spreadsheet checked row by row, sorted into new / already there / bad, and turned
into changes only when no row is bad."""

from __future__ import annotations

import datetime as dt
from itertools import count

import pytest

from tests.unit.conftest import make_case, template
from tui.core.bulk_import import import_changes, plan_import, unique_rows
from tui.core.case import Level
from tui.core.csv_rows import (
    escape_formula,
    read_header,
    read_row,
    read_rows,
    unescape_formula,
)
from tui.core.errors import Refusal

HEADER = ["caregiver", "unit", "hsa_id", "closing"]
COLUMNS = read_header(HEADER)
ROW = ["Region Stockholm", "Mottagning A", "SE2321000016-AA1", "2026-12-15"]


def refused(action: object, code: str) -> Refusal:
    with pytest.raises(Refusal) as caught:
        action()  # type: ignore[operator]
    assert caught.value.code == code, caught.value
    return caught.value


@pytest.mark.parametrize(
    ("header", "positions"),
    [
        (HEADER, {"caregiver": 0, "unit": 1, "hsa_id": 2, "closing": 3}),
        (
            ["HSA-ID", "Closing", " Unit ", "CAREGIVER", "Caregiver ceases", "note"],
            {
                "hsa_id": 0,
                "closing": 1,
                "unit": 2,
                "caregiver": 3,
                "caregiver_ceases": 4,
                "note": 5,
            },
        ),
    ],
)
def test_header_any_order_and_spelling(header: list[str], positions: dict[str, int]) -> None:
    assert read_header(header) == positions


@pytest.mark.parametrize(
    ("header", "code", "param"),
    [
        (["caregiver", "unit", "hsa_id"], "csv.missing_columns", "closing"),
        ([*HEADER, "stängningsdatum"], "csv.unknown_column", "stängningsdatum"),
        ([*HEADER, "Unit"], "csv.repeated_column", "Unit"),
    ],
)
def test_bad_header(header: list[str], code: str, param: str) -> None:
    refusal = refused(lambda: read_header(header), code)
    assert param in refusal.params.values()


def test_a_good_row_is_a_case() -> None:
    columns = read_header([*HEADER, "removal", "level", "caregiver_ceases", "note", "id"])
    row = read_row(7, [*ROW, "2026-12-31", "vardenhet", "ja", "flyttar till B", "abc234"], columns)
    assert row.line == 7
    assert row.case_id == "abc234"
    assert row.note == "flyttar till B"
    fields = row.fields
    assert (fields.unit, fields.hsa_id, fields.closing) == (
        "Mottagning A",
        "SE2321000016-AA1",
        dt.date(2026, 12, 15),
    )
    assert (fields.removal, fields.level, fields.caregiver_ceases) == (
        dt.date(2026, 12, 31),
        Level.VARDENHET,
        True,
    )


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        (["Region Stockholm", "", "SE2321000016-AA1", "2026-12-15"], "field.empty"),
        (["Region Stockholm", "A", "SE2321000017-AA1", "2026-12-15"], "hsa_id.check_digit"),
        (["Region Stockholm", "A", "SE2321000016-AA1", "15/12/2026"], "field.date"),
        ([*ROW, "", "x"], "csv.extra_cells"),
    ],
)
def test_a_bad_row_says_why(cells: list[str], code: str) -> None:
    refused(lambda: read_row(3, cells, COLUMNS), code)


@pytest.mark.parametrize(
    ("value", "ceases"),
    [("ja", True), ("JA", True), ("yes", True), ("x", True), ("", False), ("nej", False)],
)
def test_caregiver_ceases_yes_or_no(value: str, ceases: bool) -> None:
    columns = read_header([*HEADER, "caregiver_ceases"])
    assert read_row(2, [*ROW, value], columns).fields.caregiver_ceases is ceases


def test_caregiver_ceases_neither() -> None:
    columns = read_header([*HEADER, "caregiver_ceases"])
    refused(lambda: read_row(2, [*ROW, "kanske"], columns), "csv.yes_no")


@pytest.mark.parametrize("case_id", ["K7F3QA", "k7-f3", "a" * 33])
def test_a_case_id_is_lowercase_letters_and_digits(case_id: str) -> None:
    columns = read_header([*HEADER, "id"])
    refused(lambda: read_row(2, [*ROW, case_id], columns), "csv.case_id")


@pytest.mark.parametrize("text", ["=SUMMA(A1)", "+46", "-x", "@x", "Vanlig enhet", "'citat"])
def test_formula_protection_round_trips(text: str) -> None:
    assert unescape_formula(escape_formula(text)) == text
    assert not escape_formula(text).startswith(("=", "+", "-", "@"))


def test_every_row_is_checked_and_the_bad_ones_named_by_line() -> None:
    rows = [
        (2, ROW),
        (3, ["Region Stockholm", "B", "SE2321000017-AA2", "2026-12-15"]),
        (5, ["Region Stockholm", "C", "SE2321000016-AA3", "2026-13-01"]),
    ]
    good, bad = read_rows(rows, COLUMNS)
    assert [row.line for row in good] == [2]
    assert [(problem.line, problem.refusal.code) for problem in bad] == [
        (3, "hsa_id.check_digit"),
        (5, "field.date"),
    ]


def test_no_rows_is_refused() -> None:
    refused(lambda: read_rows([], COLUMNS), "csv.empty")


def test_plan_skips_cases_already_there_by_id_or_by_hsa_id_and_closing() -> None:
    existing = [
        make_case(case_id="old111", hsa_id="SE2321000016-AA1", closing=dt.date(2026, 12, 15)),
        make_case(case_id="old222", hsa_id="SE2321000016-ZZ9", closing=dt.date(2026, 1, 31)),
    ]
    columns = read_header([*HEADER, "id"])
    good, bad = read_rows(
        [
            (2, [*ROW, ""]),  # same HSA-ID and closing date as old111
            (3, ["R", "B", "SE2321000016-BB2", "2026-12-15", "old222"]),  # old222's id
            (4, ["R", "C", "SE2321000016-AA1", "2026-12-16", ""]),  # another closing date: new
        ],
        columns,
    )
    assert bad == []
    plan = plan_import(good, existing)
    assert [(skip.line, skip.case_id) for skip in plan.skipped] == [(2, "old111"), (3, "old222")]
    assert [row.line for row in plan.new] == [4]
    assert plan.rows == 3


def test_the_same_case_twice_in_one_file_is_a_bad_row() -> None:
    rows = [
        (2, ROW),
        (3, ["R", "B", "SE2321000017-BB2", "2026-12-15"]),  # bad in itself
        (4, ["Annan", "Annan", *ROW[2:]]),  # the case of line 2 again
    ]
    good, bad = unique_rows(*read_rows(rows, COLUMNS))
    assert [row.line for row in good] == [2]
    assert [(problem.line, problem.refusal.code) for problem in bad] == [
        (3, "hsa_id.check_digit"),
        (4, "csv.repeated_row"),
    ]
    assert bad[1].refusal.params == {"first": 2}


def test_changes_create_every_new_case_with_its_note_and_given_id() -> None:
    columns = read_header([*HEADER, "note", "id"])
    good, _ = read_rows(
        [
            (2, [*ROW, "flyttar", ""]),
            (3, ["R", "B", "SE2321000016-BB2", "2026-12-20", "", "abc234"]),
        ],
        columns,
    )
    ids = count()
    changes, new_ids = import_changes(
        plan_import(good, []),
        template(),
        taken={"gen0"},  # the first generated id is taken: the next one is used
        actor="anna",
        now="2026-11-25T10:00:00+01:00",
        make_id=lambda: f"gen{next(ids)}",
    )
    assert new_ids == ["gen1", "abc234"]
    fields = {(change.case_id, change.field): change.value for change in changes}
    assert fields["gen1", "case.unit"] == "Mottagning A"
    assert fields["abc234", "case.closing"] == "2026-12-20"
    notes = [change.value["text"] for change in changes if change.field.startswith("note.")]
    assert notes == ["flyttar"]
