"""Key 1: one line per active closure, most urgent first, and the selected one in full below it
(at 80 columns the HSA-ID, D, T and phase columns give way; the strip still shows them); a
welcome when the store is empty."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from tui.app.keys import bindings as keys
from tui.app.keys.keymap import remapped
from tui.app.screens.selection import Selection, SelectionScreen
from tui.app.view.board import Board, CaseLine
from tui.app.view.case_summary import case_summary
from tui.app.view.overview_rows import overdue_counts, overview_columns, overview_row
from tui.app.view.row_memo import RowMemo
from tui.app.widgets.case_strip import CaseStrip
from tui.app.widgets.row_list import RowList
from tui.core.i18n import Translator
from tui.core.rules import ItemStatus


def overdue_text(lines: list[CaseLine], cadence_days: int, t: Translator) -> str:
    """ "försenade punkter: 1 · försenade kontroller: 5", counted as ``status --nagios`` does."""
    items, checks = overdue_counts(lines, cadence_days)
    if not items and not checks:
        return t("app.overview.nothing_overdue")
    return " · ".join(
        (
            t("follow.nagios.overdue_items", count=items),
            t("follow.nagios.overdue_checks", count=checks),
        )
    )


class OverviewScreen(SelectionScreen):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.OVERVIEW]
    pane_name = "overview"

    def __init__(self) -> None:
        super().__init__()
        app = self.dashboard
        self._rows = RowMemo[CaseLine](
            lambda line: overview_row(line, app.template, app.t),
            key=lambda line: line.case_id,
            source=lambda line: line,
        )

    _archive_kept: object = None  # the archive's lines whose rows were kept last

    def compose_body(self) -> ComposeResult:
        t = self.dashboard.t
        yield Static(id="pane-title", markup=False)
        yield RowList(overview_columns(t), empty_text=t("app.overview.no_match"), id="cases")
        yield Static(id="welcome", markup=False)
        yield CaseStrip(id="case-strip")

    def focus_main(self) -> None:
        self.query_one(RowList).focus()

    def show_board(self, board: Board) -> None:
        app, t = self.dashboard, self.dashboard.t
        self._rows.retain(line.case_id for line in board.lines)  # the others' rows go
        archive = app.archive_rows
        if archive is not None and archive[0] is not self._archive_kept:
            self._archive_kept = archive[0]
            self._rows.keep(*archive)  # built in the thread that read the archive
        lines = board.visible(app.filter_text)
        cases = self.query_one(RowList)
        cases.empty_text = t("app.overview.no_match")
        cases.set_rows(self._rows.rows(lines), keep=app.take_focus_case())
        empty = board.empty
        self.query_one("#welcome").display = empty
        cases.display = not empty
        if empty:
            new = app.get_key_display(remapped(keys.NEW_CASE, app.keymap))  # the user's own
            self.query_one("#welcome", Static).update(Text(t("app.welcome", new=new)))
        self._show_strip(cases.selected_key)
        title = t("app.overview.title", active=board.active_count)
        if app.filter_text:
            shown = sum(not line.complete for line in lines)
            title = t("app.overview.title_filtered", shown=shown, active=board.active_count)
        if board.active_count:
            title += " · " + overdue_text(lines, board.cadence_days, t)
        if board.complete_count:
            if board.shows_complete:
                key = "app.overview.complete_shown"
            elif app.show_complete:  # asked for, being read
                key = "app.overview.complete_reading"
            else:
                key = "app.overview.complete_hidden"
            title += " · " + t(key, count=board.complete_count)
        self.query_one("#pane-title", Static).update(self.pane_title(title))

    def _show_strip(self, key: str | None) -> None:
        app = self.dashboard
        line = app.board.by_id(key) if key else None
        strip = self.query_one(CaseStrip)
        if line is None:
            strip.show(None)
            return
        strip.show(case_summary(line, app.template, app.t, app.board.cadence_days))

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show_strip(event.key)

    def selection(self) -> Selection | None:
        key = self.query_one(RowList).selected_key
        line = self.dashboard.board.by_id(key) if key else None
        if line is None:
            return None
        action = line.action
        check = next(
            (
                item.key
                for item in line.view.items
                if item.spec.monitored and item.status in (ItemStatus.MONITORING, ItemStatus.TODO)
            ),
            None,
        )
        if action is not None and action.cadence is not None:
            check = action.item.key
        return Selection(line.case_id, action.item.key if action else None, check)

    @on(RowList.Chosen)
    def _chosen(self, event: RowList.Chosen) -> None:
        self.dashboard.open_case(event.key)

    def action_toggle_complete(self) -> None:
        self.dashboard.toggle_complete()
