"""Pure parts of the dashboard: columns giving way, the board's groups, the day clock."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tui.conftest import TODAY, StoreSetup, case_id_of
from tui.app.view.board import Board, Group, ViewCache, build_board
from tui.app.view.columns import Cell, Column, Row, fit_columns, fit_text, layout_row
from tui.app.view.day_clock import MARGIN_SECONDS, seconds_to_next_midnight
from tui.core import actions
from tui.core.rules import evaluate
from tui.core.template import Role, default_template

COLUMNS = [
    Column("status", "S", 4, 4),
    Column("unit", "Unit", 10, 30),
    Column("hsa", "HSA", 17, 17, priority=2),
    Column("phase", "Phase", 12, 12, priority=1),
    Column("next", "Next", 10, 30),
]


@pytest.mark.parametrize(
    ("width", "kept"),
    [
        (80, ["status", "unit", "hsa", "phase", "next"]),
        (50, ["status", "unit", "phase", "next"]),  # the highest priority number goes first
        (30, ["status", "unit", "next"]),
        (10, ["status", "unit", "next"]),  # never below the columns that are never dropped
    ],
)
def test_columns_give_way_by_priority(width: int, kept: list[str]) -> None:
    assert [slot.column.key for slot in fit_columns(COLUMNS, width)] == kept


def test_spare_room_is_shared_up_to_what_cells_need() -> None:
    fitted = fit_columns(COLUMNS, 90, {"unit": 14, "next": 40})
    widths = {slot.column.key: slot.width for slot in fitted}
    assert widths["unit"] == 14  # what its cells need, not more
    assert widths["next"] == 30  # its maximum


def test_cells_are_cropped_with_an_ellipsis_and_padded() -> None:
    assert fit_text("Vårdcentralen", 8) == "Vårdcen…"
    assert fit_text("ab", 4) == "ab  "
    assert fit_text("7", 3, align_right=True) == "  7"
    row = Row("k", {"status": Cell("!!", "red"), "unit": Cell("x")})
    pieces = layout_row(row, fit_columns(COLUMNS[:2], 20))
    assert "".join(text for text, _ in pieces) == "!!   x" + " " * 14  # 20 cells
    assert ("!!  ", "red") in pieces


def test_role_groups_hold_open_items_only(demo_store: StoreSetup) -> None:
    board = build_board(demo_store.store.cases(), default_template(), TODAY, 7)
    groups = board.role_entries(Role.EK_HSA)
    assert groups[Group.OVERDUE] == [] and groups[Group.MONITORING] == []
    todo = {(entry.line.view.case.unit, entry.item.key) for entry in groups[Group.TODO]}
    assert todo == {
        ("Ortopedmottagningen Stranden", "hsa-medarbetaruppdrag"),
        ("Psykiatrimottagningen Ekbacken", "hsa-verksamhet"),
        ("Psykiatrimottagningen Ekbacken", "hsa-medarbetaruppdrag"),
    }
    waiting = groups[Group.WAITING]
    assert len(waiting) == 12 and all(entry.item.next_date for entry in waiting)
    assert [entry.item.next_date for entry in waiting] == sorted(
        entry.item.next_date
        for entry in waiting  # type: ignore[type-var]
    )


def test_a_late_check_makes_the_item_overdue(demo_store: StoreSetup) -> None:
    board = build_board(demo_store.store.cases(), default_template(), TODAY, 7)
    solsidan = case_id_of(demo_store, "Rehabenheten Solsidan")
    overdue = board.role_entries(Role.UNIT)[Group.OVERDUE]
    entry = next(entry for entry in overdue if entry.line.case_id == solsidan)
    assert entry.item.key == "bevaka-fraga-svar" and entry.attention.check


def test_the_filter_matches_unit_hsa_id_and_caregiver(demo_store: StoreSetup) -> None:
    board = build_board(demo_store.store.cases(), default_template(), TODAY, 7)
    assert [line.view.case.unit for line in board.visible("ÄNGEN")] == ["Barnavårdscentralen Ängen"]
    assert len(board.visible("SE2321000016")) == 2
    assert [line.view.case.unit for line in board.visible("stranden orto")] == [
        "Ortopedmottagningen Stranden"
    ]


@pytest.mark.parametrize(
    ("now", "seconds"),
    [
        ("2026-11-25T23:59:00+01:00", 60),
        ("2026-11-25T00:00:00+01:00", 86_400),
        ("2026-03-28T23:00:00+01:00", 3_600),  # the night the clocks go forward
        ("2026-11-25T22:30:00+00:00", 1_800),  # 23:30 in Stockholm
    ],
)
def test_the_next_stockholm_midnight(now: str, seconds: int) -> None:
    assert seconds_to_next_midnight(dt.datetime.fromisoformat(now)) == seconds + MARGIN_SECONDS


def board_rows(board: Board) -> list[tuple[str, str, object]]:
    return [(line.case_id, line.view.phase.value, line.action) for line in board.lines]


def test_a_kept_board_shows_a_colleagues_change_and_the_next_day_as_a_new_one_would(
    demo_store: StoreSetup,
) -> None:
    """The dashboard keeps each case's fold and evaluation between boards (a change re-reads
    the cases it reached): what it shows is what a board built from nothing shows."""
    template = default_template()
    views = ViewCache()
    store = demo_store.store
    first = build_board(store.cases(), template, TODAY, 7, views)
    assert board_rows(first) == board_rows(build_board(store.cases(), template, TODAY, 7))
    solsidan = case_id_of(demo_store, "Rehabenheten Solsidan")
    colleague = demo_store.other_writer()
    case = colleague.case(solsidan)
    assert case is not None
    view = evaluate(case, template, TODAY)
    colleague.record(
        actions.record_check(
            view,
            template,
            "bevaka-fraga-svar",
            actor="kollega",
            now=f"{TODAY}T10:00:00+01:00",
            today=TODAY,
        )
    )
    colleague.close()
    store.refresh()
    after = build_board(store.cases(), template, TODAY, 7, views)
    assert board_rows(after) == board_rows(build_board(store.cases(), template, TODAY, 7))
    overdue = after.role_entries(Role.UNIT)[Group.OVERDUE]
    assert solsidan not in {entry.line.case_id for entry in overdue}  # the check counted
    tomorrow = TODAY + dt.timedelta(days=1)
    next_day = build_board(store.cases(), template, tomorrow, 7, views)
    assert board_rows(next_day) == board_rows(build_board(store.cases(), template, tomorrow, 7))
