"""Confirm an action on an item, with an optional note: Enter confirms, Escape cancels.

Dismisses with the note ("" for none), or None when cancelled."""

from __future__ import annotations

from rich.text import Text

from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.widgets.quiet_input import QuietInput
from tui.core.i18n import Translator

NOTE_LENGTH = 500


class NotePrompt(TextPrompt):
    def __init__(
        self, t: Translator, title: str, subject: str, text: str, *, confirm: str, example: str
    ) -> None:
        """``example``: what a note on this item might say (the empty field shows it)."""
        texts = [Text(subject)] + ([Text(text, "dim")] if text else [])
        field = QuietInput(
            placeholder=example,
            id="note",
            max_length=NOTE_LENGTH,
            compact=True,
        )
        super().__init__(
            t,
            title,
            texts,
            label=t("app.prompt.note_label"),
            hint=t("app.prompt.hint"),
            confirm=confirm,
            field=field,
        )
