"""A text input whose cursor does not blink: an idle dashboard sends nothing over SSH. (A
KeyFirst: a subclass may see each key first, see textual_compat.)"""

from __future__ import annotations

from typing import Any

from tui.app.widgets.textual_compat import KeyFirst


class QuietInput(KeyFirst):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
