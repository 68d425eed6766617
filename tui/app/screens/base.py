"""What every dashboard screen has: the top bar, the footer, the filter, and the global keys."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.lazy import Lazy
from textual.screen import Screen

from tui.app.keys.binding_text import translate_bindings
from tui.app.view.board import Board
from tui.app.view.typed_ahead import BACKSPACE, ENTER, typed_filter
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.top_bar import TopBar
from tui.core.printable import safe

if TYPE_CHECKING:
    from tui.app.flow.dashboard_api import Dashboard


TYPED_AHEAD_SECONDS = 1.0  # keys typed after `/` are the filter's for this long at most


class DashboardScreen(Screen[None]):
    pane_name: str = ""  # the tab lit in the top bar
    filters: ClassVar[bool] = True  # whether `/` applies here

    def __init__(self) -> None:
        super().__init__()
        self._stale = True  # the app's state changed while another screen was shown
        translate_bindings(self, self.dashboard.t)

    @property
    def dashboard(self) -> Dashboard:
        return cast("Dashboard", self.app)

    def compose(self) -> ComposeResult:
        yield TopBar()
        yield from self.compose_body()
        # Mounted just after the first frame: the filter line is hidden until `/`.
        bar = FilterBar(placeholder=self.dashboard.t("app.filter.placeholder"))
        translate_bindings(bar, self.dashboard.t)  # its esc in the footer, in the user's words
        yield Lazy(bar)
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    # --- data down: the app's reactives, watched ---------------------------------------------

    def on_mount(self) -> None:
        for name in ("shown_board", "filter_text"):
            self.watch(self.app, name, self._state_changed, init=False)
        self.watch(self.app, "share", self._show_bar, init=False)
        self.watch(self.app, "filter_text", self.refresh_bindings, init=False)  # esc clears it

    def on_screen_resume(self) -> None:
        self._show_bar()
        if self._stale:
            self._paint()

    def _state_changed(self) -> None:
        """The board or the filter changed: repainted now if shown, else when next shown."""
        self._stale = True
        if self.is_current:
            self._show_bar()
            self._paint()

    def _show_bar(self) -> None:
        if self.is_current:
            self.query_one(TopBar).state = self.dashboard.bar_state(self.pane_name)

    def _paint(self) -> None:
        app = self.dashboard
        if app.loading:
            return
        self._stale = False
        self.show_board(app.board)
        self.after_show()

    def after_show(self) -> None:
        """Called after the board is painted (e.g. to show or hide keys that need a row)."""

    def show_board(self, board: Board) -> None:
        """Paint the board; each screen shows its own part of it."""

    def pane_title(self, text: str) -> Text:
        """The line under the top bar: the filter first (if any), then the pane's summary."""
        app = self.dashboard
        line = Text()
        if app.filter_text:
            line.append(f"{app.t('app.filter.label')}: ", "bold")
            line.append(safe(app.filter_text), "reverse")
            line.append(f" ({app.t('app.filter.esc_clears')})")
            line.append(" · ")
        line.append(text)
        return line

    # --- filter -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_filter":
            return self.filters
        if action == "clear_filter":
            return self.filters and bool(self.dashboard.filter_text)
        return True

    def action_open_filter(self) -> None:
        keys, self._typed_ahead = self._typed_ahead, None
        typed = typed_filter(self.dashboard.filter_text, keys or ())
        bar = self.query_one(FilterBar)
        bar.open(typed.text, select=typed.selected)
        if typed.submitted:
            bar.close()

    def action_clear_filter(self) -> None:
        self.dashboard.set_filter("")

    # What was typed after `/` before the filter opened, and until when to keep collecting.
    _typed_ahead: list[str] | None = None
    _typed_until = 0.0

    def on_key(self, event: events.Key) -> None:
        """What is typed right after `/` (read from the terminal with it) reaches the screen
        before the filter has opened: letters, backspace and enter are kept for the filter and
        do not act as keys of their own ("/orto" typed fast opened the report on `r`)."""
        found = self.active_bindings.get(event.key)
        if found is not None and found.binding.action == "open_filter" and self.filters:
            self._typed_ahead, self._typed_until = [], time.monotonic() + TYPED_AHEAD_SECONDS
            return
        if self._typed_ahead is None or time.monotonic() > self._typed_until:
            self._typed_ahead = None
            return
        if event.is_printable and event.character:
            self._typed_ahead.append(event.character)
        elif event.key in (BACKSPACE, ENTER):
            self._typed_ahead.append(event.key)
        else:
            return
        event.stop()
        event.prevent_default()

    @on(FilterBar.Filtered)
    def _filter_changed(self, event: FilterBar.Filtered) -> None:
        self.dashboard.set_filter(event.text)
        if event.closed:
            self.focus_main()

    def focus_main(self) -> None:
        """Put the focus on the screen's main list."""
