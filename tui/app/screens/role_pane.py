"""Keys 2–4: one role's open items across all cases — overdue, to do now, monitoring (with the
last check), waiting (with the date and the countdown until allowed) — and the selected item and
its case in full below."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from tui.app.keys import bindings as keys
from tui.app.screens.selection import Selection, SelectionScreen
from tui.app.view.board import Board, RoleEntry
from tui.app.view.case_summary import entry_summary
from tui.app.view.role_rows import entry_key, entry_row, role_columns, role_rows, split_key
from tui.app.view.row_memo import RowMemo
from tui.app.widgets.case_strip import CaseStrip
from tui.app.widgets.row_list import RowList
from tui.core.template import Role


class RolePaneScreen(SelectionScreen):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.ROLE_PANE]
    opens_on_item = True

    def __init__(self, role: Role) -> None:
        self.role = role
        self.pane_name = role.value
        self._entries: dict[str, RoleEntry] = {}
        super().__init__()
        t = self.dashboard.t
        self._rows = RowMemo[RoleEntry](
            lambda entry: entry_row(entry, t),
            key=lambda entry: entry_key(entry.line.case_id, entry.item.key),
            source=lambda entry: entry.line,  # the same line: the same item, the same row
        )

    def compose_body(self) -> ComposeResult:
        t = self.dashboard.t
        yield Static(id="pane-title", markup=False)
        yield RowList(role_columns(t), empty_text=t("app.role.nothing"), id="items")
        yield CaseStrip(id="case-strip")

    def focus_main(self) -> None:
        self.query_one(RowList).focus()

    def show_board(self, board: Board) -> None:
        app, t = self.dashboard, self.dashboard.t
        groups = board.role_entries(self.role, app.filter_text)
        self._entries = {
            entry_key(entry.line.case_id, entry.item.key): entry
            for entries in groups.values()
            for entry in entries
        }
        items = self.query_one(RowList)
        nothing = t("app.role.no_match") if app.filter_text else t("app.role.nothing")
        items.empty_text = nothing
        items.set_rows(role_rows(groups, t, self._rows.rows))
        self._show_strip(items.selected_key)
        summary = " · ".join(
            t(f"app.count.{group.value}", count=len(entries))
            for group, entries in groups.items()
            if entries
        )
        name = app.template.role_name(self.role, t.lang)
        title = f"{name} — {summary or nothing}"
        self.query_one("#pane-title", Static).update(self.pane_title(title))

    def _show_strip(self, key: str | None) -> None:
        entry = self._entries.get(key) if key else None
        self.query_one(CaseStrip).show(
            entry_summary(entry, self.dashboard.template, self.dashboard.t)
            if entry is not None
            else None
        )

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show_strip(event.key)

    def selection(self) -> Selection | None:
        key = self.query_one(RowList).selected_key
        if key is None:
            return None
        case_id, item = split_key(key)
        return Selection(case_id, item)

    @on(RowList.Chosen)
    def _chosen(self, event: RowList.Chosen) -> None:
        case_id, item = split_key(event.key)
        self.dashboard.open_case(case_id, item)
