"""Plain-text output: aligned tables that fit the terminal, and user data made safe for it."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tui.cell_text import cell_len, fit_text
from tui.core.column_fit import Column, Fitted, fit_columns
from tui.core.printable import safe

TABLE_GAP = 2  # spaces between a table's columns


@dataclass(frozen=True)
class TableColumn:
    """How a table's column gives way in a narrow terminal (the core's ``fit_columns``)."""

    title: str
    min_width: int | None = None  # None: never cut (as wide as its widest cell)
    priority: int = 0  # 0: always shown; higher numbers give way first
    grow: int = 0  # who gets room first (lower first) when cells are cut


def terminal_width(wide: bool) -> int | None:
    """The width tables fit: the terminal's (``COLUMNS`` first, as ``shutil`` reads it) when
    standard output is a terminal; None (every cell in full) with ``--wide``, or when the
    output goes to a pipe or a file, where nothing is cut."""
    if wide or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def table(
    columns: Sequence[TableColumn | str],
    rows: Sequence[Sequence[object]],
    width: int | None = None,
) -> str:
    """Aligned columns, user data made safe. With a ``width``, the columns give way by
    priority and the cells that must be cut end in "…", so no line is wider."""
    specs = [TableColumn(c) if isinstance(c, str) else c for c in columns]
    cells = [[safe(cell) for cell in row] for row in rows]
    needed = {
        str(index): max(cell_len(spec.title), *(cell_len(row[index]) for row in cells))
        for index, spec in enumerate(specs)
    }
    laid_out = _columns(specs, needed)
    fitted = [Fitted(column, needed[column.key]) for column in laid_out]
    if width is not None:
        fitted = fit_columns(_squeezed(laid_out, width), width, needed, gap=TABLE_GAP, whole=True)
    lines = [[spec.title for spec in specs], *cells]
    text = [
        (" " * TABLE_GAP)
        .join(fit_text(line[int(slot.column.key)], slot.width) for slot in fitted)
        .rstrip()
        for line in lines
    ]
    if width is not None:  # even the columns never dropped are too wide: cut the lines
        text = [fit_text(line, width).rstrip() if cell_len(line) > width else line for line in text]
    return "\n".join(text)


def _squeezed(columns: list[Column], width: int) -> list[Column]:
    """The columns, their minimums lowered when even those never dropped do not fit: the
    column that grows last gives up cells first, down to half its minimum, then the next."""
    always = [column for column in columns if not column.priority]
    over = sum(c.min_width for c in always) + TABLE_GAP * (len(always) - 1) - width
    lowered = {}
    for column in sorted(always, key=lambda column: -column.grow):
        if over <= 0:
            break
        if column.min_width < (column.max_width or 0):  # a column that may be cut
            cut = min(over, column.min_width - column.min_width // 2)
            lowered[column.key] = column.min_width - cut
            over -= cut
    return [replace(c, min_width=lowered.get(c.key, c.min_width)) for c in columns]


def _columns(specs: Sequence[TableColumn], needed: dict[str, int]) -> list[Column]:
    columns = []
    for index, spec in enumerate(specs):
        full = needed[str(index)]
        least = full if spec.min_width is None else min(spec.min_width, full)
        columns.append(Column(str(index), spec.title, least, full, spec.priority, grow=spec.grow))
    return columns


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def json_item(data: Any) -> str:
    """``data`` as to_json writes it as an item of a list: ``"[\n" + ",\n".join(items) +
    "\n]"`` is to_json of the list."""
    return "  " + to_json(data).replace("\n", "\n  ")


def json_list(items: Iterable[bytes]) -> Iterator[str]:
    """The list of json_item texts (in UTF-8) as to_json prints it, line end included."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item.decode("utf-8")
        first = False
    yield "[]\n" if first else "\n]\n"


def write_stdout(chunks: Iterable[bytes]) -> None:
    """Bytes on standard output, after anything printed before them."""
    sys.stdout.flush()
    for chunk in chunks:
        sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
