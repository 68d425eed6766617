"""The strip under a list that shows the selected row's case in full (see ``case_summary``).
It repaints only when the selection or the board changes; hidden while nothing is selected."""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import Static


class CaseStrip(Static):
    DEFAULT_CSS = """
    CaseStrip {
        height: auto;
        max-height: 10;
        padding: 0 1;
        border-top: solid $primary-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def show(self, content: RenderableType | None) -> None:
        self.display = content is not None
        if content is not None:
            self.update(content)
