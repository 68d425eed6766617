"""Enter: one case — its eight items in the seed's order, the selected item's state, notes and
instructions, the case fields, and the history. Escape goes back."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.keys import bindings as keys
from tui.app.screens.selection import Selection, SelectionScreen
from tui.app.view.board import Board
from tui.app.view.case_rows import item_columns, item_rows
from tui.app.view.case_text import case_fields, case_heading, history_text, item_detail
from tui.app.widgets.row_list import RowList


class CaseDetailScreen(SelectionScreen):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.CASE_DETAIL]
    filters = False

    def __init__(self, case_id: str, item: str | None = None) -> None:
        self.case_id = case_id
        self._first_item = item
        super().__init__()

    def compose_body(self) -> ComposeResult:
        t = self.dashboard.t
        yield Static(id="case-heading", markup=False)
        yield RowList(item_columns(t), id="case-items")
        with VerticalScroll(id="case-scroll"):
            yield Static(id="item-detail", markup=False)
            yield Static(id="case-fields", markup=False)
            yield Static(id="case-history", markup=False)

    def focus_main(self) -> None:
        self.query_one(RowList).focus()

    def on_mount(self) -> None:
        self.focus_main()

    def show_board(self, board: Board) -> None:
        app, t = self.dashboard, self.dashboard.t
        line = board.by_id(self.case_id)
        if line is None:
            self.query_one("#case-heading", Static).update(
                Text(t("app.detail.gone", case_id=self.case_id))
            )
            return
        view = line.view
        self.query_one("#case-heading", Static).update(case_heading(view, app.template, t))
        items = self.query_one(RowList)
        items.set_rows(item_rows(view, app.template, t, board.cadence_days), keep=self._first_item)
        self._first_item = None
        self.query_one("#case-fields", Static).update(case_fields(view, app.template, t))
        self.query_one("#case-history", Static).update(
            history_text(app.store.history(self.case_id), app.template, t)
        )
        self._show_item(items.selected_key)

    def _show_item(self, key: str | None) -> None:
        app = self.dashboard
        line = app.board.by_id(self.case_id)
        if line is None or key is None:
            return
        view = line.view
        detail = item_detail(view, view.item(key), app.template, app.t, app.board.cadence_days)
        self.query_one("#item-detail", Static).update(detail)

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show_item(event.key)

    def selection(self) -> Selection | None:
        key = self.query_one(RowList).selected_key
        return Selection(self.case_id, key) if key else None

    def action_back(self) -> None:
        self.dismiss(None)
