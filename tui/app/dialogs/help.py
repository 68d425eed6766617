"""Key ?: every key, the symbols, the abbreviations, the scope notes and why three months."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.app.keys.binding_text import translate_bindings
from tui.core.i18n import Translator


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "app.key.close", id="help.close"),
        Binding("j", "scroll(1)", show=False, id="help.down"),
        Binding("k", "scroll(-1)", show=False, id="help.up"),
    ]

    def __init__(self, t: Translator, body: Text) -> None:
        super().__init__()
        self.body = body
        translate_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"), VerticalScroll(id="help-scroll"):
            yield Static(self.body, id="help-text")

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-scroll").scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
