"""The first frame: the top bar and a line saying the cases are being read.

Light on purpose: the panes (with the board, the rules and their widgets) are imported in the
thread that opens the store, and replace this view when the store is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui.app.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from tui.app.flow.dashboard_api import Dashboard


class LoadingScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        app = cast("Dashboard", self.app)
        yield TopBar()
        yield Static(app.t("app.loading"), id="pane-title", markup=False)

    def on_mount(self) -> None:
        app = cast("Dashboard", self.app)
        self.query_one(TopBar).state = app.bar_state(app.first_pane)
