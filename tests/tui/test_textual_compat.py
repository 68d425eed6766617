"""Each hook into Textual's private API (tui/app/widgets/textual_compat.py) still works: a Textual
upgrade that moves or changes one fails here, by name, before it breaks the dashboard."""

from __future__ import annotations

import inspect
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input, Static

from tui.app.keys.binding_text import translate_bindings
from tui.app.widgets.textual_compat import KeyFirst, bindings_of
from tui.core.i18n import Translator


class Probe(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f2", "mark", "app.key.quit", id="probe.mark")]

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("Stängning av enhet")
        yield Recording(self.seen)
        yield Footer()

    def action_mark(self) -> None:
        self.seen.append("marked")


class Recording(KeyFirst):
    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen

    async def key_first(self, event: object) -> None:
        self.seen.append(getattr(event, "key", "?"))
        if getattr(event, "key", "") == "x":
            event.prevent_default()  # type: ignore[attr-defined]


def test_a_nodes_own_bindings_are_reachable_and_translating_them_shows() -> None:
    app = Probe()
    bindings = bindings_of(app)
    assert "f2" in bindings.key_to_bindings
    translate_bindings(app, Translator("en"))
    found = bindings_of(app).key_to_bindings["f2"][0]
    assert found.description == Translator("en")("app.key.quit")


async def test_key_first_sees_every_key_before_the_input_and_may_keep_it() -> None:
    assert inspect.iscoroutinefunction(Input._on_key)  # the hook's other half
    app = Probe()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "x", "b")
        await pilot.pause()
        field = app.query_one(Recording)
        assert app.seen[:3] == ["a", "x", "b"]
        assert field.value == "ab"  # x was kept by key_first, the others typed
