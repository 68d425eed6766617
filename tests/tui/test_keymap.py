"""Your own keys: ``[keys]`` in the settings, by binding id, applied with App.set_keymap; the
footer, the help and the command palette show them; a wrong keymap is refused whole."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.tui.conftest import (
    SIZE,
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    notices,
    screen_text,
    select_row,
    until,
)
from tui.app import StangningApp, make_app
from tui.app.dialogs.case_form import CaseForm
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.key_places import binding_groups, declared
from tui.app.dialogs.note_prompt import NotePrompt
from tui.app.keys.keymap import checked_keymap, valid_key
from tui.app.screens.overview import OverviewScreen
from tui.config import Config, load_config
from tui.core.case import ItemState
from tui.core.errors import Refusal
from tui.core.i18n import Translator

ANGEN = "Barnavårdscentralen Ängen"


def footer(app: StangningApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_a_remapped_key_acts_and_the_footer_help_and_palette_show_it(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    app = app_for(demo_store, keys={"item.done": "d", "case.new": "N"})
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: "Kommandon" in footer(app))
        shown = footer(app)
        assert await select_row(pilot, app, case_id)
        await pilot.press("space")  # the old key does nothing now
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, NotePrompt)
        await pilot.press(*"klart", "enter")
        await pilot.pause()
        assert "Vårt arbete markerad klar" in notices(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.resize_terminal(100, 200)
        await pilot.pause()
        help_text = flat_text(app)
        await pilot.press("escape")
        await pilot.resize_terminal(*SIZE)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
    # The footer keeps its order: the remapped key first still, the new case key in its place.
    assert shown.startswith("d Klar c Kontroll ⏎ Öppna N Nytt / Filter"), shown
    assert "space" not in shown
    assert "d Klar" in help_text and "N Nytt" in help_text
    assert "space Klar" not in help_text and "n Nytt" not in help_text
    assert "d · Markera den valda punkten klar" in palette
    record = demo_store.store.case(case_id).item("vart-arbete")  # type: ignore[union-attr]
    assert record.state is ItemState.DONE and record.note == "klart"


async def test_the_welcome_names_the_users_own_new_case_key(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(empty_store, keys={"case.new": "N"})
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: "Välkommen" in screen_text(app))
        assert "Tryck N för att lägga till det första" in flat_text(app)


async def test_a_keymap_in_tomls_dotted_form_is_the_same_keymap(
    tmp_path: Path,
) -> None:
    """``item.done = "d"`` unquoted is a table in TOML; it names the same binding id."""
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nitem.done = "d"\n"case.new" = "?"\n', encoding="utf-8")
    config = load_config(path)
    assert dict(config.keys) == {"item.done": "d", "case.new": "?"}
    # "?" is spelled as Textual names it, and clashes with help's key
    with pytest.raises(Refusal) as refused:
        checked_keymap(config.keys, lambda: binding_groups([]))
    assert refused.value.code == "keys.clash"


@pytest.mark.parametrize(
    ("keys", "lang", "line"),
    [
        (
            {"item.donee": "d"},
            "sv",
            "okänt tangent-id item.donee; de kända är app.help, app.quit, case.back,",
        ),
        (
            {"item.done": "ctrl+"},
            "en",
            '[keys] in the settings: item.done = "ctrl+" is not a key',
        ),
        (
            {"item.done": "hyperspace"},
            "sv",
            '[keys] i inställningarna: item.done = "hyperspace" är ingen tangent',
        ),
        (
            {"item.done": "d", "item.check": "d"},
            "sv",
            "[keys] i inställningarna: tangenten d skulle gälla både item.done och item.check",
        ),
        (
            {"item.done": "c"},  # c is the check's key, which is not remapped
            "en",
            "[keys] in the settings: the key c would be both item.done and item.check",
        ),
        (
            {"item.done": "ctrl+p"},  # the command palette's key, the app's own
            "en",
            "the key ctrl+p would be both item.done and command_palette",
        ),
    ],
)
def test_a_wrong_keymap_is_refused_in_one_line_and_nothing_applied(
    empty_store: StoreSetup, keys: dict[str, str], lang: str, line: str
) -> None:
    with pytest.raises(Refusal) as refused:
        make_app(empty_store.store, Config(keys=keys), Translator(lang))
    message = Translator(lang).refusal(refused.value)
    assert line in message
    assert "\n" not in message


def test_the_default_keys_clash_nowhere() -> None:
    app_keys = declared([StangningApp])
    assert checked_keymap({}, lambda: binding_groups(app_keys)) == {}
    for group in binding_groups(app_keys):
        seen: dict[str, str] = {}
        for binding in group:
            for key in binding.key.split(","):
                assert seen.setdefault(key, binding.action) == binding.action, key


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("x", True),
        ("ctrl+x", True),
        ("f5", True),
        ("question_mark", True),
        ("slash", True),
        ("pagedown", True),
        ("space", True),
        ("G", True),
        ("", False),
        ("ctrl+", False),
        ("hyperspace", False),
        ("control+x", False),
    ],
)
def test_which_keys_are_keys(key: str, valid: bool) -> None:
    assert valid_key(key) is valid


README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_id_and_its_example_keymap_is_accepted() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("**Your own keys.**") :]
    example = section[section.index("```toml") + len("```toml") : section.index("```\n\n")]
    app_keys = declared([StangningApp])
    keymap = tomllib.loads(example)["keys"]
    assert checked_keymap(keymap, lambda: binding_groups(app_keys))
    listed = section[section.index("The ids:") : section.index("\n\n", section.index("The ids:"))]
    known = {b.id for group in binding_groups(app_keys) for b in group if b.id}
    assert set(re.findall(r"`([a-z_]+\.[a-z_]+)`", listed)) == known
