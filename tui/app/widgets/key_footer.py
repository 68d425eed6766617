"""The footer: the keys in the screen's order, compact, and only keys that fit whole.

Textual's footer cuts the last key that does not fit in half ("m Me▏^p Kommandon") and hides the
rest. This one leaves such keys out altogether, so what a new user needs first (listed first by
the screens, see ``keys``) is always readable at 80 columns; every key is also in ? and ctrl+p.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer

from tui.app.widgets.textual_compat import FooterKey

GAP = 1  # the compact footer's margin after each key
PALETTE = "-command-palette"


def key_width(key: FooterKey) -> int:
    """Cells a compact key takes: "space Klar" (the key, a space, the description)."""
    width = cell_len(key.key_display)
    return width + 1 + cell_len(key.description) if key.description else width


def keys_that_fit(widths: list[int], room: int) -> int:
    """How many keys, from the first, fit whole in ``room`` cells (a gap after each but the last
    is not needed)."""
    used = 0
    for count, width in enumerate(widths):
        if used + width > room:
            return count
        used += width + GAP
    return len(widths)


def shown_keys(screen: Screen[object], app: App[object]) -> tuple[tuple[object, ...], ...]:
    """What the footer would show for the screen's bindings now: each shown key's key, label,
    description, action and whether it is enabled (Footer.compose's input, from public API)."""
    return tuple(
        (binding.key, app.get_key_display(binding), binding.description, binding.action, enabled)
        for _node, binding, enabled, _tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "app.command_palette"
    )


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: tuple[tuple[object, ...], ...] | None = None

    async def recompose(self) -> None:
        """Rebuilt only when the keys it shows change: Textual asks again at each focus change
        and binding refresh (six times for one escape in the filter), and each rebuild styles
        every key anew."""
        if not self.is_attached:  # its screen was closed before the rebuild came round
            return
        shown = shown_keys(self.screen, self.app)
        if shown == self._shown and self.children:
            return
        await super().recompose()
        self._shown = shown if self.children else None
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = [key for key in self.query(FooterKey) if not key.has_class(PALETTE)]
        room = self.size.width
        for palette in self.query(FooterKey).filter(f".{PALETTE}"):
            room -= key_width(palette) + 2  # its border on the left, its margin on the right
        shown = keys_that_fit([key_width(key) for key in keys], room)
        for index, key in enumerate(keys):
            key.display = index < shown
