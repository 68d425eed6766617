"""Rows of cells laid out in columns that give way by priority when the terminal is narrow.

Pure: the lists (overview, role panes, a case's items) describe their columns and rows here;
``fit_columns`` (the core's rule, which the command line's tables follow too) decides which
columns fit a width and how wide each is; ``layout_row`` turns a row into padded, cropped
pieces of text with a tone each (``fit_text``, shared with the command line), which the list
widget paints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tui.cell_text import ELLIPSIS, cell_len, fit_text
from tui.core.column_fit import GAP, Column, Fitted, fit_columns

__all__ = [
    "ELLIPSIS",
    "GAP",
    "Cell",
    "Column",
    "Fitted",
    "Row",
    "choose",
    "fit_columns",
    "fit_text",
    "layout_header",
    "layout_row",
    "needed_widths",
]


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = ""  # a tone the widget styles: late, todo, watch, wait, done, dim, strong
    short: str | None = None  # shown instead when the text does not fit
    keep_end: int = 0  # characters at the end that stay when the text is cut: " (kontroll)"


@dataclass(frozen=True)
class Row:
    key: str | None  # None: a heading, not selectable
    cells: Mapping[str, Cell] = field(default_factory=dict)
    heading: str = ""

    @cached_property
    def widths(self) -> dict[str, int]:
        """Each cell's width in full (measured once: a list measures every row it shows)."""
        return {key: cell_len(cell.text) for key, cell in self.cells.items()}


def needed_widths(columns: Sequence[Column], rows: Sequence[Row]) -> dict[str, int]:
    """How wide each column would have to be to show every cell (and its title) in full."""
    needed = {column.key: cell_len(column.title) for column in columns}
    for row in rows:
        for key, width in row.widths.items():
            if key in needed and width > needed[key]:
                needed[key] = width
    return needed


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
        text = choose(cell, slot.width)
        keep_end = cell.keep_end if text is cell.text else 0
        fitted_text = fit_text(
            text, slot.width, align_right=slot.column.align_right, keep_end=keep_end
        )
        pieces.append((fitted_text, cell.tone))
    return pieces


def layout_header(fitted: Sequence[Fitted]) -> list[tuple[str, str]]:
    header = Row(None, {slot.column.key: Cell(slot.column.title) for slot in fitted})
    return layout_row(header, fitted)
