"""What the dashboard takes from Textual beyond its public API: the one place that names
Textual's private parts. Each hook has a test in tests/tui/test_textual_compat.py that fails
loudly when an upgrade of Textual (pinned in pyproject.toml) moves or changes it.

- ``bindings_of``: a node's own bindings, to put the user's language into their descriptions
  (Textual reads descriptions from the class's BINDINGS, which name language-file keys) and to
  list them in the command palette in the screen's order.
- ``KeyFirst``: an Input that sees every key before the Input's own handling, to keep the
  order of keys typed ahead (see widgets/form_input.py).
- ``QuickEscapeDriver``: Textual's Linux driver, its input thread waking as often as a lone
  escape key needs. After an ESC byte Textual waits ESCDELAY for the rest of a possible key
  sequence, but its input thread only looks at the clock when its ``select`` times out, every
  100 ms: escape took 100–200 ms. This copy of ``LinuxDriver.run_input_thread`` differs in the
  timeout alone (the test holds the copy to Textual's source).
- ``normalized_keys``: Textual's own spelling of a list of keys ("?" is "question_mark"), as
  ``App.set_keymap`` spells a keymap, so that a keymap is checked in the names it is used in.
- ``LocalCommandPalette``: the command palette saying "No matches found" in the user's
  language. Textual writes the words into ``_start_no_matches_countdown``; this copy of it
  differs in the words alone (the test holds the copy to Textual's source).
"""

from __future__ import annotations

import contextlib
import io
import os
import selectors
import sys
from codecs import getincrementaldecoder
from typing import Any, cast

from rich.align import Align
from rich.text import Text
from textual import constants, events
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.binding import BindingsMap
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from textual.driver import Driver
from textual.keys import _normalize_key_list
from textual.widgets import Input
from textual.widgets.option_list import Option

__all__ = [
    "KeyFirst",
    "LocalCommandPalette",
    "bindings_of",
    "normalized_keys",
    "quick_escape_driver",
]

TEXTUAL_INPUT_WAKE = 0.1  # seconds: LinuxDriver.run_input_thread's select timeout


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


class LostTerminalWrites:
    """The driver's output file, whose writes after the terminal is gone (a dropped SSH
    session: EIO) go nowhere. Textual's writer thread dies on the first failed write, and the
    app then blocks for ever on its full queue while it shuts down."""

    def __init__(self, file: Any) -> None:
        self._file = file

    def write(self, text: str) -> int:
        try:
            return int(self._file.write(text))
        except OSError:
            return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError):
            self._file.flush()

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding: the file's own
        return getattr(self._file, name)


def quick_escape_driver() -> type[Driver] | None:
    """The driver for a terminal on Linux and other Unix systems (None elsewhere: Textual's)."""
    if sys.platform == "win32":
        return None
    from textual.drivers.linux_driver import LinuxDriver

    class QuickEscapeDriver(LinuxDriver):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # Duck-typed: the writer thread and the driver use write, flush and fileno only.
            self._file = cast("io.TextIOWrapper", LostTerminalWrites(self._file))

        def run_input_thread(self) -> None:
            """LinuxDriver.run_input_thread, the select timeout min(ESCDELAY, 0.1 s)."""
            wake = min(TEXTUAL_INPUT_WAKE, constants.ESCAPE_DELAY)
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)

            fileno = self.fileno
            EVENT_READ = selectors.EVENT_READ

            parser = XTermParser(self._debug)
            feed = parser.feed
            tick = parser.tick

            utf8_decoder = getincrementaldecoder("utf-8")().decode
            decode = utf8_decoder
            read = os.read

            def process_selector_events(
                selector_events: list[tuple[selectors.SelectorKey, int]],
                final: bool = False,
            ) -> None:
                for last, (_selector_key, mask) in loop_last(selector_events):
                    if mask & EVENT_READ:
                        unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                        if not unicode_data:
                            # This can occur if the stdin is piped
                            break
                        for event in feed(unicode_data):
                            self.process_message(event)
                for event in tick():
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    process_selector_events(selector.select(wake))
                selector.unregister(self.fileno)
                process_selector_events(selector.select(wake), final=True)

            finally:
                selector.close()
                try:
                    for _event in feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

    return QuickEscapeDriver


def normalized_keys(keys: str) -> str:
    """A comma-separated list of keys as Textual names them ("?,x" is "question_mark,x")."""
    return _normalize_key_list(keys)


class LocalCommandPalette(CommandPalette):
    """Textual's command palette, its "No matches found" in the words given."""

    def __init__(self, *, no_matches: str, placeholder: str) -> None:
        super().__init__(placeholder=placeholder)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """CommandPalette._start_no_matches_countdown, its text ``self.no_matches``."""
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            # If we were actually searching for something, show that we
            # found no matches.
            if search_value:
                command_list = self.query_one(CommandList)
                command_list.add_option(
                    Option(
                        Align.center(Text(self.no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                # The search value was empty, which means we were in
                # discover mode; in that case it makes no sense to show that
                # no matches were found. Lack of commands that can be
                # discovered is a situation we don't need to highlight.
                self._list_visible = False

        self._no_matches_timer = self.set_timer(
            self._NO_MATCHES_COUNTDOWN,
            _show_no_matches,
        )
