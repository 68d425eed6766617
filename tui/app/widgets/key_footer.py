"""The footer: the screen's keys in the screen's order, compact, and only keys that fit whole.

One widget painting one line from the screen's active bindings (public API). Textual's footer
is a container of a widget per key, built again (mounted and styled anew) a frame after each
focus change and binding refresh; this one repaints in the same frame as the screen. Textual's
footer also cuts the last key that does not fit in half ("m Me▏^p Kommandon") and hides the
rest; this one leaves such keys out altogether, so what a new user needs first (listed first by
the screens, see ``keys.bindings``) is always readable at 80 columns; every key is also in ?
and ctrl+p. A click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.widget import Widget

from tui.app.widgets.textual_compat import bindings_of

GAP = 1  # cells after each key
SEPARATOR = "▏"  # before the command palette's key, at the right end
PALETTE_ACTION = "command_palette"
# Shown however narrow the terminal: the way to every other key, and the way out.
PINNED = frozenset({"app.help", "app.quit"})


@dataclass(frozen=True)
class FooterEntry:
    key: str  # the key pressed ("space")
    display: str  # what the footer shows for it ("space", "⏎", "^p")
    description: str
    enabled: bool
    pinned: bool = False

    @property
    def width(self) -> int:
        """Cells the entry takes: "space Klar" (the key, a space, the description)."""
        width = cell_len(self.display)
        return width + 1 + cell_len(self.description) if self.description else width


def keys_shown(entries: list[FooterEntry], room: int) -> list[FooterEntry]:
    """The entries that fit whole in ``room``, in their order: the pinned ones always (room
    kept for them first), the others from the first as long as they fit."""
    pinned = [entry for entry in entries if entry.pinned]
    others = [entry for entry in entries if not entry.pinned]
    left = room - sum(entry.width + GAP for entry in pinned)
    chosen = {id(entry) for entry in others[: keys_that_fit([e.width for e in others], left)]}
    return [entry for entry in entries if entry.pinned or id(entry) in chosen]


def keys_that_fit(widths: list[int], room: int) -> int:
    """How many keys, from the first, fit whole in ``room`` cells (a gap after each but the last
    is not needed)."""
    used = 0
    for count, width in enumerate(widths):
        if used + width > room:
            return count
        used += width + GAP
    return len(widths)


class KeyFooter(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--separator { color: $foreground 20%; }
    }
    """
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, FooterEntry]] = []  # where each key was painted

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def entries(self) -> tuple[list[FooterEntry], FooterEntry | None]:
        """The keys to show, one per action in the screen's order, and the palette's key."""
        keys: list[FooterEntry] = []
        palette: FooterEntry | None = None
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self._in_declared_order():
            entry = FooterEntry(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                enabled,
                binding.id in PINNED,
            )
            if binding.action == PALETTE_ACTION:
                palette = entry
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(entry)
        return keys, palette

    def _in_declared_order(self) -> list[ActiveBinding]:
        """The screen's active bindings in the order the screen declares them: a key the
        user's keymap moves (Textual puts a remapped key last) keeps its place. The focused
        widget's own keys (the open filter's esc) come first, as Textual lists them."""
        declared: dict[str, int] = {}
        for _key, binding in bindings_of(self.screen):
            declared.setdefault(binding.action, len(declared))
        active = list(self.screen.active_bindings.values())
        return sorted(active, key=lambda found: declared.get(found.binding.action, -1))

    def render(self) -> Text:
        keys, palette = self.entries()
        width = self.size.width
        room = width
        if palette is not None:
            room -= palette.width + 2  # the separator before it, a cell after it
        shown = keys_shown(keys, room)
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for entry in shown:
            self._paint(line, entry)
            line.append(" " * GAP)
        if palette is not None:
            line.append(" " * max(0, width - line.cell_len - palette.width - 2))
            line.append(SEPARATOR, self.get_component_rich_style("key-footer--separator"))
            self._paint(line, palette)
            line.append(" ")
        return line

    def _paint(self, line: Text, entry: FooterEntry) -> None:
        start = line.cell_len
        dim = Style(dim=not entry.enabled)
        line.append(entry.display, self.get_component_rich_style("key-footer--key") + dim)
        if entry.description:
            text = self.get_component_rich_style("key-footer--description") + dim
            line.append(" " + entry.description, text)
        self._spans.append((start, line.cell_len, entry))

    def on_click(self, event: events.Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return
