"""The command palette (ctrl+p) in the user's language: "No matches found" showed in the
Swedish palette, and the commands were bare names; each now has a line on what it does, with
its key (issue 12, item 12)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding

import tui.app
from tests.tui.conftest import (
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    screen_text,
    select_row,
    until,
)
from tui.app.keys import bindings as keys
from tui.core.i18n import Translator

# What the palette says under a few commands (every command has such a line: see below).
LINES = {
    "sv": [
        "Klar space · Markera den valda punkten klar, med en anteckning om du vill",
        "Filter / · Visa bara ärenden vars enhet, HSA-ID eller vårdgivare innehåller en text",
    ],
    "en": [
        "Done space · Mark the selected item done, with a note if you like",
        "Filter / · Show only cases whose unit, HSA-ID or caregiver contains a text",
    ],
}


@pytest.mark.parametrize(("lang", "none"), [("sv", "Inga träffar"), ("en", "No matches found")])
async def test_the_palette_says_no_matches_in_the_users_language(
    demo_store: StoreSetup, app_for: AppFactory, lang: str, none: str
) -> None:
    app = app_for(demo_store, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        listed = flat_text(app)
        await pilot.press(*"qqqq")
        assert await until(pilot, lambda: none in screen_text(app))
        text = screen_text(app)
    assert lang == "en" or "No matches found" not in text
    for line in LINES[lang]:
        assert line in listed, line


def declared_bindings() -> list[Binding]:
    """Every binding the dashboard declares: the panes' lists and each screen's, dialog's and
    widget's ``BINDINGS`` (the palette lists those of the screen it is opened on)."""
    found = [b for screen in (keys.OVERVIEW, keys.ROLE_PANE, keys.CASE_DETAIL) for b in screen]
    for module_info in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                declared = vars(cls).get("BINDINGS", [])
                found += [b for b in declared if isinstance(b, Binding)]
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_command_has_a_line_on_what_it_does(lang: str) -> None:
    """The dialogs' keys too: ctrl+p in the mailbox dialog listed nothing (a missing line)."""
    t = Translator(lang)
    commands = {b.id for b in declared_bindings() if b.id is not None and b.description}
    assert {"mail.copy", "mail.eml", "confirm.yes", "form.save", "item.done"} <= commands
    for command in commands:
        assert t(f"app.command.{command}").strip(), command


async def test_the_palette_in_the_mailbox_dialog_lists_its_keys(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        listed = flat_text(app)
    assert "Kopiera c · " in listed, listed
    assert "e · Spara meddelandet som en e-postfil" in listed, listed


async def test_an_item_has_one_english_name_on_every_screen(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """The overview's next step and the case's item list name item 6 alike."""
    case_id = case_id_of(demo_store, "Psykiatrimottagningen Ekbacken")
    app = app_for(demo_store, lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        overview = screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        detail = screen_text(app)
    assert "EK/HSA: HSA unit" in overview
    row = next(line for line in detail.splitlines() if line.lstrip().startswith("6 "))
    assert "Data in EK/HSA: HSA unit" in row, row
    assert "the unit" not in row
