"""Ask where to save a file (key r: the closure report): a path filled in with a default that
the user may change. Enter or the button saves, Escape cancels.

Dismisses with the path as typed ("" for the default), or None when cancelled."""

from __future__ import annotations

from rich.text import Text

from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.widgets.quiet_input import QuietInput
from tui.core.i18n import Translator


class SaveFileDialog(TextPrompt):
    def __init__(self, t: Translator, title: str, text: str, default_path: str) -> None:
        self.default_path = default_path
        super().__init__(
            t,
            title,
            [Text(text)],
            label=t("app.file.path"),
            hint=t("app.file.hint"),
            confirm=t("app.file.save"),
            field=QuietInput(default_path, id="save-path", compact=True),
        )
