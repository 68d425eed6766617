"""The filter line (key ``/``): narrows every list to cases whose unit, HSA-ID or caregiver
contains the text. Enter keeps the filter and returns to the list; Escape clears it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from tui.app.widgets.quiet_input import QuietInput


class FilterBar(QuietInput):
    @dataclass
    class Filtered(Message):
        """The user typed in the filter bar (``closed``: and left it)."""

        text: str
        closed: bool = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "app.key.clear_filter", id="filter.clear"),
    ]
    DEFAULT_CSS = """
    FilterBar { display: none; }
    FilterBar.-textual-compact { padding: 0 1; background: $boost; }
    """

    def __init__(self, *, placeholder: str) -> None:
        # Compact: one line with no border. (A bordered Input one line high shows only its top
        # border, and the typed text is hidden under it.)
        super().__init__(placeholder=placeholder, compact=True)

    def open(self, text: str, *, select: bool = True) -> None:
        """Show the filter with ``text``, selected (typing replaces a kept filter) or, for
        letters typed ahead, with the cursor after it."""
        self.select_on_focus = select
        self.value = text
        self.cursor_position = len(text)
        # Shown and focused now, not later (a CSS class and Widget.focus wait their turn in the
        # queue): the keys typed right after `/`, read from the terminal with it, are filtered.
        self.display = True
        self.screen.set_focus(self)

    def close(self) -> None:
        self.display = False
        self.post_message(self.Filtered(self.value, closed=True))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Filtered(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()

    def action_clear(self) -> None:
        self.value = ""
        self.close()
