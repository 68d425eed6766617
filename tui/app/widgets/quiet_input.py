"""A text input whose cursor does not blink: an idle dashboard sends nothing over SSH."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class QuietInput(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
