"""Confirm an action on an item, with an optional note: Enter confirms, Escape cancels.

Dismisses with the note ("" for none), or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from tui.app.binding_text import translate_bindings
from tui.app.widgets.quiet_input import QuietInput
from tui.core.i18n import Translator


class NotePrompt(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "app.key.cancel", id="prompt.cancel"),
    ]

    def __init__(self, t: Translator, title: str, subject: str, text: str, *, confirm: str) -> None:
        super().__init__()
        self.t = t
        translate_bindings(self, t)
        self._title, self._subject, self._text, self._confirm = title, subject, text, confirm

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, "bold"), classes="dialog-title")
            yield Static(Text(self._subject), classes="dialog-text")
            if self._text:
                yield Static(Text(self._text, "dim"), classes="dialog-text")
            yield Static(Text(t("app.prompt.note_label")), classes="dialog-label")
            yield QuietInput(
                placeholder=t("app.prompt.note_placeholder"),
                id="note",
                max_length=500,
                compact=True,
            )
            yield Static(Text(t("app.prompt.hint"), "dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._confirm, variant="primary", id="ok", compact=True)
                yield Button(t("app.confirm.cancel"), id="cancel", compact=True)

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.dismiss(self.query_one("#note", Input).value.strip())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
