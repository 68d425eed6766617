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
        styles = {
            kind: self.get_component_rich_style(f"top-bar--{kind}", partial=True)
            for kind in ("active", "warning", "dim")
        }
        line = Text(no_wrap=True, overflow="crop")
        for text, kind in bar_pieces(state, self.size.width):
            line.append(text, styles.get(kind))
        line.truncate(self.size.width)
        return line


def _tabs(state: BarState, named: str) -> list[tuple[str, str]]:
    """The tabs: ``named`` "all" with their names, "active" only the lit one, "none" keys only."""
    pieces = []
    for tab in state.tabs:
        lit = tab.name == state.active
        show_name = named == "all" or (named == "active" and lit)
        pieces.append(
            (f" {tab.key} {tab.label} " if show_name else f" {tab.key} ", "active" if lit else "")
        )
    return pieces


def bar_pieces(state: BarState, width: int) -> list[tuple[str, str]]:
    """The line as (text, kind) pieces that fit ``width``: every tab stays (its key at least),
    and so do the share's state and the day; what gives way first is the names of the tabs not
    lit, then the user's name, then the lit tab's name."""
    sync = (state.sync, "" if state.sync_ok else "warning")
    day = (f"  {state.today.isoformat()} ", "dim")
    with_user = (f"  {safe(state.user)}  {state.today.isoformat()} ", "dim")
    choices = [
        (_tabs(state, "all"), [sync, with_user]),
        (_tabs(state, "active"), [sync, with_user]),
        (_tabs(state, "active"), [sync, day]),
        (_tabs(state, "none"), [sync, day]),
    ]
    for left, right in choices:
        used = sum(cell_len(text) for text, _ in [*left, *right])
        if used + 1 <= width:
            return [*left, (" " * (width - used), ""), *right]
    left, right = choices[-1]
    return [*left, (" ", ""), *right]
