"""The command palette (ctrl+p): every action of the screen it was opened on, found by name.

Built from the screen's own (translated) key bindings plus the app's, so the palette, the footer
and the help always list the same actions, each with its key (the user's own, see
``keys.keymap``) and a line on what it does (``app.command.<binding id>`` in the language files).
Only the dashboard's own keys (each has an id): Textual's focus and copy keys are not actions of
the checklist, and have no name in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app.keys.binding_text import PREFIX
from tui.app.keys.keymap import remapped
from tui.app.widgets.textual_compat import bindings_of
from tui.core.i18n import Translator


class Keyed(Protocol):
    """What the palette reads of the dashboard app (flow/dashboard_api.Dashboard has it)."""

    t: Translator
    keymap: Mapping[str, str]


@dataclass(frozen=True)
class PaletteEntry:
    title: str
    key: str
    action: str
    about: str  # what it does, in a line

    @property
    def help(self) -> str:
        """The line under the title: "space · Markera den valda punkten klar, …"."""
        return f"{self.key} · {self.about}"


class DashboardCommands(Provider):
    def entries(self) -> Iterator[PaletteEntry]:
        dashboard = cast("Keyed", self.app)
        seen: set[str] = set()
        sources = (bindings_of(self.screen), bindings_of(self.app))
        for bindings in sources:
            for _key, binding in bindings:
                if binding.id is None or not binding.description:
                    continue
                if binding.description.startswith(PREFIX):  # not translated: not ours
                    continue
                if binding.action in seen or binding.action == "command_palette":
                    continue
                seen.add(binding.action)
                key = self.app.get_key_display(remapped(binding, dashboard.keymap))
                about = dashboard.t(f"app.command.{binding.id}")
                yield PaletteEntry(binding.description, key, binding.action, about)

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(entry.title, partial(self._run, entry.action), help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(entry.title),
                    partial(self._run, entry.action),
                    help=entry.help,
                )
