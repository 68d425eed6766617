"""Mark an item not applicable ("ej aktuell"): the reason is required, as ``stangning na``'s
``--reason`` is. Enter or the button with no reason keeps the dialog open and says so; Escape
cancels.

Dismisses with the reason, or None when cancelled."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import Button, Input, Static

from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.widgets.quiet_input import QuietInput
from tui.core.i18n import Translator

REASON_LENGTH = 500


class ReasonPrompt(TextPrompt):
    def __init__(self, t: Translator, subject: str) -> None:
        field = QuietInput(
            placeholder=t("app.prompt.reason_placeholder"),
            id="reason",
            max_length=REASON_LENGTH,
            compact=True,
        )
        super().__init__(
            t,
            t("app.confirm.na_title"),
            [Text(subject), Text(t("app.confirm.na_text"), "dim")],
            label=t("app.prompt.reason_label"),
            hint=t("app.prompt.hint"),
            confirm=t("app.confirm.na_button"),
            field=field,
        )

    def _missing(self) -> None:
        """No reason: say so where the hint was, and stay open."""
        hint = self.query_one(".dialog-hint", Static)
        hint.update(Text(self.t("app.prompt.reason_missing"), "bold"))
        self.query_one("#reason", Input).focus()

    # These run before TextPrompt's handlers (a subclass's first); preventing the default
    # stops the dialog's own, which would dismiss it.
    @on(Input.Submitted)
    def _reason_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.prevent_default()
            event.stop()
            self._missing()

    @on(Button.Pressed, "#ok")
    def _reason_confirmed(self, event: Button.Pressed) -> None:
        if not self.query_one("#reason", Input).value.strip():
            event.prevent_default()
            event.stop()
            self._missing()
