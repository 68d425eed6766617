"""Key m: the message to the regional mailbox (items 4 and 5), with copy to the clipboard
(OSC 52, which works over SSH in most terminals), save to a file where that does not work, and
save as an e-mail file (.eml) that Outlook and Thunderbird open as a draft ready to send."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from tui.app.flow.messages import SaveEmlRequested, SaveTextRequested
from tui.app.keys.binding_text import translate_bindings
from tui.app.widgets.quiet_input import QuietInput
from tui.core.i18n import Translator
from tui.core.mailbox import MailMessage
from tui.core.printable import safe


class MailDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "app.key.copy", id="mail.copy"),
        Binding("s", "save", "app.key.save_file", id="mail.save"),
        Binding("e", "save_eml", "app.key.save_eml", id="mail.eml"),
        Binding("escape,q", "close", "app.key.close", id="mail.close"),
    ]

    def __init__(self, t: Translator, message: MailMessage, default_path: str) -> None:
        super().__init__()
        self.t = t
        self.message = message
        self.default_path = default_path
        translate_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog mail"):
            yield Static(Text(t("app.mail.title"), "bold"), classes="mail-title")
            # Focused first: ↑↓ and PgUp/PgDn scroll the message where it is taller than the
            # terminal (at 80×24 it is); c, s and esc act from here too.
            with VerticalScroll(classes="mail-body", id="mail-body"):
                yield Static(Text(safe(self.message.as_text(), keep_newlines=True)), id="mail-text")
            with Horizontal(classes="form-row"):
                yield Static(Text(t("app.file.path")), classes="form-label")
                yield QuietInput(self.default_path, id="mail-path", compact=True)
            yield Static(Text(t("app.mail.keys"), "dim"), classes="mail-hint")
            with Horizontal(classes="mail-buttons"):
                yield Button(t("app.mail.copy"), variant="primary", id="copy", compact=True)
                yield Button(t("app.mail.save"), id="save", compact=True)
                yield Button(t("app.eml.button"), id="eml", compact=True)
                yield Button(t("app.mail.close"), id="close", compact=True)

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mail-body").focus()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.message.as_text())
        self.app.notify(self.t("app.mail.copied"), markup=False)

    def action_save(self) -> None:
        typed = self.query_one("#mail-path", Input).value
        self.post_message(SaveTextRequested(typed, Path(self.default_path), self.message.as_text()))

    def action_save_eml(self) -> None:
        """Ask where (the text file's name, .eml), then have the app write the e-mail file."""
        from tui.app.dialogs.save_file import SaveFileDialog

        default = Path(self.default_path).with_suffix(".eml")
        dialog = SaveFileDialog(
            self.t,
            self.t("app.eml.title"),
            self.t("app.eml.text", to=safe(self.message.to)),
            str(default),
        )

        def answered(typed: str | None) -> None:
            if typed is not None:
                self.post_message(SaveEmlRequested(typed, default, self.message))

        self.app.push_screen(dialog, answered)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "copy": self.action_copy,
            "save": self.action_save,
            "eml": self.action_save_eml,
            "close": self.action_close,
        }
        actions[event.button.id or "close"]()
