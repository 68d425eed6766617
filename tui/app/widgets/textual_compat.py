"""What the dashboard takes from Textual beyond its public API: the one place that names
Textual's private parts. Each hook has a test in tests/tui/test_textual_compat.py that fails
loudly when an upgrade of Textual (pinned in pyproject.toml) moves or changes it.

- ``bindings_of``: a node's own bindings, to put the user's language into their descriptions
  (Textual reads descriptions from the class's BINDINGS, which name language-file keys) and to
  list them in the command palette in the screen's order.
- ``KeyFirst``: an Input that sees every key before the Input's own handling, to keep the
  order of keys typed ahead (see widgets/form_input.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widgets import Input

if TYPE_CHECKING:
    pass

__all__ = ["KeyFirst", "bindings_of"]


def bindings_of(node: DOMNode) -> BindingsMap:
    """The node's own bindings (``DOMNode._bindings``): changing them changes what the footer,
    the help and the palette show for this node."""
    return node._bindings


class KeyFirst(Input):
    """An Input whose ``key_first`` sees each key before the Input handles it. Textual calls
    each class's own ``_on_key`` along the MRO, this one before ``Input._on_key``, and stops
    when a handler calls ``event.prevent_default()``: ``key_first`` does so for a key it has
    handled."""

    async def key_first(self, event: events.Key) -> None:
        """Handle the key here (and prevent the Input's default), or leave it to the Input."""

    async def _on_key(self, event: events.Key) -> None:
        await self.key_first(event)
