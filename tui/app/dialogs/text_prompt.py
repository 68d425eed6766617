"""A dialog that asks for one line of text: Enter or the confirm button answers, Escape cancels.

Dismisses with the text as typed, stripped ("" when left empty), or None when cancelled. The
note on an item (``NotePrompt``) and the path to save a file to (``SaveFileDialog``) are two
uses of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from tui.app.keys.binding_text import translate_bindings
from tui.app.widgets.quiet_input import QuietInput
from tui.core.i18n import Translator


class TextPrompt(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "app.key.cancel", id="prompt.cancel"),
    ]

    def __init__(
        self,
        t: Translator,
        title: str,
        texts: Sequence[Text],
        *,
        label: str,
        hint: str,
        confirm: str,
        field: QuietInput,
    ) -> None:
        super().__init__()
        self.t = t
        self._title, self._texts, self._label, self._hint = title, texts, label, hint
        self._confirm, self._field = confirm, field
        translate_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._title, "bold"), classes="dialog-title")
            for text in self._texts:
                yield Static(text, classes="dialog-text")
            yield Static(Text(self._label), classes="dialog-label")
            yield self._field
            yield Static(Text(self._hint, "dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._confirm, variant="primary", id="ok", compact=True)
                yield Button(self.t("app.confirm.cancel"), id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._field.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self._field.value.strip() if event.button.id == "ok" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
