"""What the screens and the help ask of the dashboard app: the app's side of "attributes down,
messages up", as a Protocol. The screens know this, not the app class, so that they and the
app (which imports them) do not import each other, not even for type checking; app.py makes
the type checker hold StangningApp to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

    from tui.app.flow.recorder import Recorder
    from tui.app.view.board import Board, CaseLine
    from tui.app.view.columns import Row
    from tui.app.widgets.top_bar import BarState
    from tui.config import Config
    from tui.core.errors import Refusal
    from tui.core.i18n import Translator
    from tui.core.template import Template
    from tui.store.case_store import CaseStore


class Dashboard(Protocol):
    t: Translator
    template: Template
    config: Config
    first_pane: str
    user: str
    filter_text: str
    show_complete: bool
    now: Callable[[], str]
    today: Callable[[], dt.date]
    read_only: bool  # --readonly: nothing can be changed
    keymap: Mapping[str, str]  # the user's own keys, by binding id

    @property
    def board(self) -> Board: ...

    @property
    def archive_rows(self) -> tuple[list[CaseLine], list[Row]] | None: ...

    @property
    def store(self) -> CaseStore: ...

    @property
    def loading(self) -> bool: ...

    @property
    def recorder(self) -> Recorder: ...

    def bar_state(self, pane: str) -> BarState: ...

    def set_filter(self, text: str) -> None: ...

    def toggle_complete(self) -> None: ...

    def take_focus_case(self) -> str | None: ...

    def notify_plain(self, text: str, *, warning: bool = False) -> None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Literal["information", "warning", "error"] = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def refuse(self, refusal: Refusal) -> None: ...

    def apply(self, change: Callable[[], object], done: str) -> bool: ...

    def open_case(self, case_id: str, item: str | None = None) -> None: ...

    def edit_case(self, case_id: str) -> None: ...

    def show_mail(self, case_id: str) -> None: ...

    def push_screen(self, screen: Screen[Any], *args: Any, **kwargs: Any) -> Any: ...

    def get_key_display(self, binding: Binding) -> str: ...
