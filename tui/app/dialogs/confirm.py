"""A yes/no question: Enter or y says yes, Escape or n says no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from tui.app.keys.binding_text import translate_bindings
from tui.core.i18n import Translator


class ConfirmDialog(ModalScreen[bool | None]):
    """Dismisses with True (yes) or False (no); a caller takes None as no, too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j", "answer(True)", "app.key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "app.key.no", id="confirm.no"),
    ]

    def __init__(self, t: Translator, title: str, text: str, *, yes: str, no: str) -> None:
        super().__init__()
        translate_bindings(self, t)
        self._title, self._text, self._yes, self._no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, "bold"), classes="dialog-title")
            yield Static(Text(self._text), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, variant="primary", id="yes", compact=True)
                yield Button(self._no, id="no", compact=True)

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
