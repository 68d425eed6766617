"""The top line: the panes with their keys, the filter, the day, and whether the share is
reachable and how many changes wait to be published. Repaints only when one of those changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.printable import safe


@dataclass(frozen=True)
class Tab:
    key: str  # the key that opens it: "1" … "4"
    name: str  # the pane it opens
    label: str


@dataclass(frozen=True)
class BarState:
    tabs: tuple[Tab, ...]
    active: str  # the pane shown ("" on the case detail: no tab lit)
    today: dt.date
    user: str
    sync: str  # "✓ synkad", "⚠ … nås inte · 2 väntar"
    sync_ok: bool


class TopBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"top-bar--active", "top-bar--warning", "top-bar--dim"}
    DEFAULT_CSS = """
    TopBar { height: 1; }
    """

    state: reactive[BarState | None] = reactive(None)

    def render(self) -> Text:
        state = self.state
        if state is None:
            return Text()
        active = self.get_component_rich_style("top-bar--active", partial=True)
        dim = self.get_component_rich_style("top-bar--dim", partial=True)
        warning = self.get_component_rich_style("top-bar--warning", partial=True)
        left = Text()
        for tab in state.tabs:
            style = active if tab.name == state.active else None
            left.append(f" {tab.key} {tab.label} ", style)
        right = Text()
        right.append(state.sync, None if state.sync_ok else warning)
        right.append(f"  {safe(state.user)}  {state.today.isoformat()} ", dim)
        width = self.size.width
        room = width - cell_len(right.plain)
        if room < cell_len(left.plain) + 1:
            left.truncate(max(0, room - 1), overflow="ellipsis")
        gap = max(1, width - cell_len(left.plain) - cell_len(right.plain))
        line = Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")
        line.truncate(width)
        return line
