"""What the dashboard looks like, screen by screen, at 80×24 (pytest-textual-snapshot): the
overview, each role pane, a case's detail, the help, the new-case form and the mailbox dialog
in a 256-colour terminal, and the overview in 16 colours and without colour (NO_COLOR). Every
app comes from the one factory (make_app) on the demo store, with the clock frozen on
2026-11-25, a fixed user name and the terminal set, so the pictures are the same on every
machine.

A change that alters a screen on purpose: look at the report's diff, then run
``python -m pytest tests/tui/test_snapshots.py --snapshot-update`` and commit the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tui.conftest import SIZE, AppFactory, StoreSetup
from tui.app import StangningApp
from tui.app.look.colour_mode import ColourMode

Snap = Callable[..., bool]


@pytest.fixture(autouse=True)
def same_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialogs offer to save in the working folder and show its path: the same on every
    machine (nothing is saved)."""
    monkeypatch.chdir("/tmp")


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 256-colour terminal (the app reads it when it is made); a test may change it."""
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def demo_app(app_for: AppFactory, demo_store: StoreSetup) -> StangningApp:
    return app_for(demo_store, display_name="Anna Admin")


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("overview", []),
        ("unit_pane", ["2"]),
        ("caregiver_admin_pane", ["3"]),
        ("ek_hsa_pane", ["4"]),
        ("case_detail", ["enter"]),
        ("help", ["question_mark"]),
        ("new_case_form", ["n"]),
        ("mailbox_dialog", ["enter", "m"]),
    ],
)
def test_each_screen_looks_as_it_did(
    name: str,
    keys: list[str],
    snap_compare: Snap,
    app_for: AppFactory,
    demo_store: StoreSetup,
) -> None:
    assert snap_compare(demo_app(app_for, demo_store), terminal_size=SIZE, press=keys)


def test_the_overview_in_16_colours(
    snap_compare: Snap,
    app_for: AppFactory,
    demo_store: StoreSetup,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm")  # the terminal's own 16 colours
    app = demo_app(app_for, demo_store)
    assert app.colour_mode is ColourMode.STANDARD
    assert snap_compare(app, terminal_size=SIZE)


def test_the_overview_without_colour(
    snap_compare: Snap,
    app_for: AppFactory,
    demo_store: StoreSetup,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(app_for, demo_store)
    assert app.colour_mode is ColourMode.NONE
    assert snap_compare(app, terminal_size=SIZE)
