"""A keyboard-first list of rows in columns, with a fixed header line and group headings.

Line API (ScrollView): only the lines on screen are painted, so 2,000 cases cost no more to show
than 20, and nothing repaints unless the rows, the cursor or the size change. Rows are plain text
with a tone per cell (never markup); the tones are styled in CSS. Columns give way by priority
when the widget is narrow (see ``columns.fit_columns``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.view.columns import (
    Column,
    Fitted,
    Row,
    fit_columns,
    fit_text,
    layout_header,
    layout_row,
    needed_widths,
)

TONES = ("late", "todo", "watch", "wait", "done", "dim", "strong")  # see app.tcss
MARGIN = 1  # a blank cell before the first column


class RowList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "app.key.up", show=False, id="list.up"),
        Binding("down,j", "cursor(1)", "app.key.down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "app.key.page_up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "app.key.page_down", show=False, id="list.page_down"),
        Binding("home,g", "edge(-1)", "app.key.first", show=False, id="list.first"),
        Binding("end,G", "edge(1)", "app.key.last", show=False, id="list.last"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--header",
        "row-list--heading",
        "row-list--cursor",
        "row-list--empty",
        *(f"row-list--{tone}" for tone in TONES),
    }

    cursor: reactive[int] = reactive(-1, init=False)
    """Index of the highlighted row in ``rows`` (-1: none)."""

    @dataclass
    class Highlighted(Message):
        row_list: RowList
        key: str | None

    @dataclass
    class Chosen(Message):
        row_list: RowList
        key: str

    def __init__(
        self, columns: Sequence[Column], *, empty_text: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.rows: list[Row] = []
        self.empty_text = empty_text
        self._fitted: list[Fitted] = []
        self._needed: dict[str, int] = {}

    # --- data ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], *, keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on the row with key ``keep`` (or the old key).
        No ``Highlighted`` is posted: the caller shows the selected row itself, with the new data
        (a message would have it built twice)."""
        keep = keep if keep is not None else self.selected_key
        self.rows = list(rows)
        self._needed = needed_widths(self.columns, self.rows)
        self._refit()
        index = next(
            (i for i, row in enumerate(self.rows) if row.key is not None and row.key == keep), -1
        )
        if index < 0:
            index = self._step(min(max(self.cursor, 0), len(self.rows)) - 1, 1)
        self._update_virtual_size()
        self.set_reactive(RowList.cursor, index)
        self._scroll_to_cursor()
        self.refresh()

    @property
    def selected_key(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    # --- geometry -----------------------------------------------------------------------------

    def _refit(self) -> None:
        width = self.scrollable_content_region.width - MARGIN
        self._fitted = fit_columns(self.columns, max(width, 0), self._needed, whole=True)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._refit()
        self._scroll_to_cursor()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)

    def _scroll_to_cursor(self) -> None:
        if self.cursor < 0:
            return
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    # --- cursor -------------------------------------------------------------------------------

    def _selectable(self, index: int) -> bool:
        return 0 <= index < len(self.rows) and self.rows[index].key is not None

    def _step(self, start: int, direction: int) -> int:
        """The first selectable row from ``start + direction`` on, or the current cursor."""
        index = start + direction
        while 0 <= index < len(self.rows):
            if self._selectable(index):
                return index
            index += direction
        return start if self._selectable(start) else -1

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected_key))

    def action_cursor(self, direction: int) -> None:
        self.cursor = self._step(self.cursor, direction)

    def action_page(self, direction: int) -> None:
        target = self.cursor + direction * max(1, self.scrollable_content_region.height - 2)
        target = min(max(target, 0), len(self.rows) - 1)
        found = target if self._selectable(target) else self._step(target, direction)
        if found < 0 or (found == target and not self._selectable(found)):
            found = self._step(target, -direction)
        self.cursor = found

    def action_edge(self, direction: int) -> None:
        start = -1 if direction < 0 else len(self.rows)
        self.cursor = self._step(start, 1 if direction < 0 else -1)

    def action_choose(self) -> None:
        """A click on the selected row (or a double click): the screen opens it. Enter is the
        screen's own key, so that the footer shows it."""
        key = self.selected_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and self._selectable(index):
            again = index == self.cursor
            self.cursor = index
            if again or event.chain > 1:
                self.action_choose()

    # --- painting -----------------------------------------------------------------------------

    def _tone(self, tone: str) -> Style:
        """The tone's own style (its colour, maybe a background and a text style)."""
        return self.get_component_rich_style(f"row-list--{tone}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("row-list--header", partial=True)
            return self._strip(layout_header(self._fitted), width, base + header)
        index = round(self.scroll_offset.y) + y - 1
        if not self.rows:
            if y == 1 and self.empty_text:
                return self._strip(
                    [(self.empty_text, "")],
                    width,
                    base + self.get_component_rich_style("row-list--empty", partial=True),
                )
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if row.key is None:
            heading = self.get_component_rich_style("row-list--heading", partial=True)
            return self._strip([(fit_text(row.heading, width - MARGIN), "")], width, base + heading)
        extra = (
            self.get_component_rich_style("row-list--cursor", partial=True)
            if index == self.cursor
            else None
        )
        return self._strip(layout_row(row, self._fitted), width, base, extra)

    def _strip(
        self, pieces: list[tuple[str, str]], width: int, style: Style, over: Style | None = None
    ) -> Strip:
        row = style + over if over is not None else style

        def paint(tone: str) -> Style:
            # The tone over the cursor: a status keeps its colour (and the overdue badge its
            # background) on the selected row; the cursor's colour is for the rest of the row.
            return row + self._tone(tone) if tone else row

        segments = [Segment(" " * MARGIN, paint(""))]
        segments += [Segment(text, paint(tone)) for text, tone in pieces]
        return Strip(segments).extend_cell_length(width, paint("")).crop(0, width)
