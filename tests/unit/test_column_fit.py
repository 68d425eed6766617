"""The one rule by which columns give way (``tui.core.column_fit``), as the command line's tables
use it: with ``whole``, a column of less importance shows only once the more important ones are
whole, so a wider terminal never cuts them more."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.core.column_fit import Column, fit_columns

# The command line's status table: what each column's cells need in full, by the demo.
COLUMNS = [
    Column("status", "Läge", 8, 8),
    Column("id", "ID", 6, 6),
    Column("unit", "Enhet", 18, 31, grow=1),
    Column("hsa_id", "HSA-ID", 17, 17, priority=1),
    Column("closing", "D", 10, 10, priority=4),
    Column("threshold", "T", 10, 10, priority=3),
    Column("phase", "Fas", 15, 15, priority=2),
    Column("countdown", "Nedräkning", 10, 10),
    Column("next", "Nästa steg", 30, 37),
]
NEEDED = {column.key: column.max_width or 0 for column in COLUMNS}


def widths(width: int, *, whole: bool) -> dict[str, int]:
    fitted = fit_columns(COLUMNS, width, NEEDED, gap=2, whole=whole)
    return {slot.column.key: slot.width for slot in fitted}


def test_at_80_the_columns_never_dropped_share_the_room() -> None:
    assert widths(80, whole=True) == {
        "status": 8, "id": 6, "unit": 18, "countdown": 10, "next": 30
    }  # fmt: skip


def test_without_whole_a_wider_terminal_cuts_the_unit_and_the_next_step_more() -> None:
    # The rule as the dashboard uses it: the minimums decide which columns stay.
    assert widths(120, whole=False)["next"] > widths(140, whole=False)["next"]


@given(st.integers(min_value=60, max_value=220), st.integers(min_value=1, max_value=40))
def test_with_whole_a_wider_terminal_never_cuts_a_column_more(width: int, more: int) -> None:
    narrow, wide = widths(width, whole=True), widths(width + more, whole=True)
    for key, shown in narrow.items():
        if key in wide:
            assert wide[key] >= shown
    assert {"status", "id", "unit", "countdown", "next"} <= wide.keys()


@given(st.integers(min_value=80, max_value=220))
def test_with_whole_every_column_shown_but_the_unit_and_next_step_is_whole(width: int) -> None:
    fitted = fit_columns(COLUMNS, width, NEEDED, gap=2, whole=True)
    used = sum(slot.width for slot in fitted) + 2 * (len(fitted) - 1)
    assert used <= width
    for slot in fitted:
        if slot.column.key not in {"unit", "next"}:
            assert slot.width == NEEDED[slot.column.key]
