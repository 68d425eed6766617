"""Rows of cells laid out in columns that give way by priority when the terminal is narrow.

Pure: the lists (overview, role panes, a case's items) describe their columns and rows here;
``fit_columns`` decides which columns fit a width and how wide each is; ``layout_row`` turns a
row into padded, cropped pieces of text with a tone each, which the list widget paints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rich.cells import cell_len, set_cell_size

GAP = 1  # cells between columns
ELLIPSIS = "…"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    min_width: int
    max_width: int | None = None  # None: as wide as the room left allows
    priority: int = 0  # 0 is never dropped; higher numbers go first
    align_right: bool = False
    grow: int = 0  # who gets spare room first (lower first), up to what its cells need


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = ""  # a tone the widget styles: late, todo, watch, wait, done, dim, strong
    short: str | None = None  # shown instead when the text does not fit


@dataclass(frozen=True)
class Row:
    key: str | None  # None: a heading, not selectable
    cells: Mapping[str, Cell] = field(default_factory=dict)
    heading: str = ""

    @cached_property
    def widths(self) -> dict[str, int]:
        """Each cell's width in full (measured once: a list measures every row it shows)."""
        return {key: cell_len(cell.text) for key, cell in self.cells.items()}


@dataclass(frozen=True)
class Fitted:
    column: Column
    width: int


def _total(columns: Sequence[Column]) -> int:
    return sum(column.min_width for column in columns) + GAP * max(0, len(columns) - 1)


def fit_columns(
    columns: Sequence[Column], width: int, needed: Mapping[str, int] | None = None
) -> list[Fitted]:
    """Keep the columns that fit at their minimum (dropping the highest priority numbers
    first), then share the room left, a cell at a time, among the columns whose cells need
    more (``needed``, default: the maximum), never past their maximum: first those with the
    lowest ``grow``, then the next."""
    kept = list(columns)
    for priority in sorted(
        {column.priority for column in columns if column.priority}, reverse=True
    ):
        if _total(kept) <= width:
            break
        kept = [column for column in kept if column.priority != priority]
    widths = {column.key: column.min_width for column in kept}
    wants = {}
    for column in kept:
        want = (needed or {}).get(column.key, column.max_width or width)
        wants[column.key] = min(want, column.max_width) if column.max_width is not None else want
    room = width - _total(kept)
    for rank in sorted({column.grow for column in kept}):
        growers = [c for c in kept if c.grow == rank and wants[c.key] > widths[c.key]]
        while room > 0 and growers:  # a cell each in turn: the room is shared fairly
            for column in list(growers):
                if room <= 0:
                    break
                widths[column.key] += 1
                room -= 1
                if widths[column.key] >= wants[column.key]:
                    growers.remove(column)
    return [Fitted(column, widths[column.key]) for column in kept]


def needed_widths(columns: Sequence[Column], rows: Sequence[Row]) -> dict[str, int]:
    """How wide each column would have to be to show every cell (and its title) in full."""
    needed = {column.key: cell_len(column.title) for column in columns}
    for row in rows:
        for key, width in row.widths.items():
            if key in needed and width > needed[key]:
                needed[key] = width
    return needed


def fit_text(text: str, width: int, *, align_right: bool = False) -> str:
    """Exactly ``width`` cells: padded, or cropped with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    pad = " " * (width - cell_len(text))
    return pad + text if align_right else text + pad


def choose(cell: Cell, width: int) -> str:
    if cell.short is not None and cell_len(cell.text) > width:
        return cell.short
    return cell.text


def layout_row(row: Row, fitted: Sequence[Fitted]) -> list[tuple[str, str]]:
    """(text, tone) pieces that together are exactly the fitted width."""
    pieces: list[tuple[str, str]] = []
    for index, slot in enumerate(fitted):
        if index:
            pieces.append((" " * GAP, ""))
        cell = row.cells.get(slot.column.key, Cell(""))
        pieces.append(
            (
                fit_text(choose(cell, slot.width), slot.width, align_right=slot.column.align_right),
                cell.tone,
            )
        )
    return pieces


def layout_header(fitted: Sequence[Fitted]) -> list[tuple[str, str]]:
    header = Row(None, {slot.column.key: Cell(slot.column.title) for slot in fitted})
    return layout_row(header, fitted)
