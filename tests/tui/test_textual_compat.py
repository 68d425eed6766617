"""Each hook into Textual's private API (tui/app/widgets/textual_compat.py) still works: a Textual
upgrade that moves or changes one fails here, by name, before it breaks the dashboard."""

from __future__ import annotations

import ast
import contextlib
import inspect
import textwrap
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input, Static

from tui.app.keys.binding_text import translate_bindings
from tui.app.widgets.textual_compat import (
    TEXTUAL_INPUT_WAKE,
    KeyFirst,
    LocalCommandPalette,
    bindings_of,
    normalized_keys,
    quick_escape_driver,
)
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


class _Normalised(ast.NodeTransformer):
    """A function's tree without docstrings, the copy's ``wake`` read as Textual's 0.1."""

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        body = [
            statement
            for statement in body
            if not (
                isinstance(statement, ast.Assign)
                and [getattr(target, "id", "") for target in statement.targets] == ["wake"]
            )
        ]
        node.body = body
        node.decorator_list = []
        node.name = "f"
        self.generic_visit(node)
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id == "wake":
            return ast.Constant(TEXTUAL_INPUT_WAKE)
        if node.id == "_event":
            node.id = "event"
        return node


def _tree(function: object) -> str:
    source = textwrap.dedent(inspect.getsource(function))  # type: ignore[arg-type]
    return ast.dump(_Normalised().visit(ast.parse(source)))


def test_the_quick_escape_driver_is_textuals_input_loop_with_a_shorter_wait() -> None:
    """QuickEscapeDriver.run_input_thread is a copy of Textual's: an upgrade that changes the
    original fails here, to be copied again (the copy differs in the select timeout alone)."""
    from textual.drivers.linux_driver import LinuxDriver

    driver = quick_escape_driver()
    assert driver is not None and issubclass(driver, LinuxDriver)
    assert _tree(driver.run_input_thread) == _tree(LinuxDriver.run_input_thread)
    assert "selector.select(0.1)" in inspect.getsource(LinuxDriver.run_input_thread)


class _OwnWords(_Normalised):
    """The palette copy's tree, ``self.no_matches`` read as Textual's own words."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if node.attr == "no_matches" and getattr(node.value, "id", "") == "self":
            return ast.Constant(TEXTUAL_NO_MATCHES)
        self.generic_visit(node)
        return node


TEXTUAL_NO_MATCHES = "No matches found"


def test_the_local_palette_is_textuals_no_matches_countdown_with_other_words() -> None:
    """LocalCommandPalette._start_no_matches_countdown is a copy of Textual's: an upgrade
    that changes the original fails here, to be copied again (the copy differs in the words
    alone)."""
    from textual.command import CommandPalette

    original = inspect.getsource(CommandPalette._start_no_matches_countdown)
    assert f'"{TEXTUAL_NO_MATCHES}"' in original
    copy = textwrap.dedent(inspect.getsource(LocalCommandPalette._start_no_matches_countdown))
    assert ast.dump(_OwnWords().visit(ast.parse(copy))) == _tree(
        CommandPalette._start_no_matches_countdown
    )


def test_keys_are_normalised_as_set_keymap_normalises_them() -> None:
    assert normalized_keys("?,x, ctrl+d") == "question_mark,x,ctrl+d"
    assert App._normalize_keymap({"probe": "?,x"}) == {"probe": normalized_keys("?,x")}


def test_writes_to_a_terminal_that_hung_up_go_nowhere() -> None:
    """After a dropped SSH session every write to the terminal fails (EIO); Textual's writer
    thread died on the first one and the app, shutting down, blocked on its full queue: the
    process never ended (seen under load as "the program did not end")."""
    import os
    import pty

    from tui.app.widgets.textual_compat import LostTerminalWrites

    main, follower = pty.openpty()
    terminal = os.fdopen(follower, "w", encoding="utf-8")
    os.close(main)  # the connection drops
    try:
        with pytest.raises(OSError):
            terminal.write("x" * 100_000)
            terminal.flush()
        lost = LostTerminalWrites(terminal)
        assert lost.write("\x1b[?1000l") == len("\x1b[?1000l")
        lost.flush()
        assert lost.fileno() == follower
    finally:
        with contextlib.suppress(OSError):
            terminal.close()
