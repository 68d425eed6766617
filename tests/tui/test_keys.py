"""/ filter, ? help, ctrl+p command palette, m mailbox message."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.tui.conftest import (
    SIZE,
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    screen_text,
    select_row,
    until,
)
from tui.app import StangningApp
from tui.app.dialogs.case_form import CaseForm
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.mail import MailDialog
from tui.app.screens.overview import OverviewScreen
from tui.app.widgets.row_list import RowList


async def test_filter_by_unit_hsa_id_or_caregiver(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"tallk")
        await pilot.pause()
        rows = app.screen.query_one(RowList).rows
        assert [row.cells["unit"].text for row in rows] == ["Vårdcentralen Tallkrogen"]
        await pilot.press("enter")  # keep the filter, back to the list
        await pilot.pause()
        assert "filter: tallk (esc rensar) · Aktiva stängningar: 1 av 8" in screen_text(app)
        await pilot.press("2")  # the filter holds in the role panes too
        await pilot.pause()
        text = screen_text(app)
        assert "Vårdcentralen Tal" in text and "Barnavårdscentralen" not in text
        await pilot.press("1", "slash", "ctrl+u", *"kvarnen vård")  # the caregiver's name
        await pilot.pause()
        rows = app.screen.query_one(RowList).rows
        assert [row.cells["unit"].text for row in rows] == ["Husläkarmottagningen Kvarnen"]
        await pilot.press("escape")  # clears it
        await pilot.pause()
        assert len(app.screen.query_one(RowList).rows) == 8
        assert "filter:" not in screen_text(app)


async def test_help_lists_every_key_the_abbreviations_and_why_three_months(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
    for key, word in (
        ("n", "Nytt"),
        ("space", "Klar"),
        ("c", "Kontroll"),
        ("u", "Ångra"),
        ("e", "Ändra"),
        ("m", "Mejl"),
        ("r", "Rapport"),
        ("a", "Visa/dölj avslutade"),
        ("/", "Filter"),
        ("?", "Hjälp"),
        ("q", "Avsluta"),
        ("1", "Översikt"),
        ("4", "EK/HSA:s punkter"),
        ("↓/j", "Ned"),
        ("^p", "Kommandon"),
        ("^s", "Spara"),
    ):
        assert f"{key} {word}" in text, (key, word)
    for expected in (
        "HSF Hälso- och sjukvårdsförvaltningen i Stockholm",
        "Varför tre månader",
        "Dölj fastnade intyg",
        "inte fristående Webcert",
        "lag 1930:173",
        "!! försenad",
    ):
        assert expected in text, expected


async def test_the_command_palette_lists_every_action(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=(100, 60)) as pilot:  # a command takes two lines
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        text = flat_text(app)
        for title in (
            "Nytt",
            "Klar",
            "Kontroll",
            "Ångra",
            "Ändra",
            "Mejl",
            "Öppna",
            "Filter",
            "Hjälp",
            "Rapport",
            "Visa/dölj avslutade",
        ):
            assert title in text, title
        assert "Focus Next" not in text  # only the dashboard's own keys, in its language
        await pilot.press(*"nytt", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CaseForm)


async def test_mail_copies_over_osc52_and_saves_to_a_file(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path
) -> None:
    case_id = case_id_of(demo_store, "Vårdcentralen Skogsbacken")
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MailDialog)
        text = flat_text(app)
        assert "Till: mitra.norden@regionstockholm.se" in text
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("Till: mitra.norden@regionstockholm.se")
        assert "Vårdcentralen Skogsbacken" in app.clipboard
        target = tmp_path / "meddelande.txt"
        app.screen.query_one("#mail-path").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MailDialog)
    assert target.read_text(encoding="utf-8") == app.clipboard


def burst(app: StangningApp, *keys: tuple[str, str]) -> None:
    """Keys as one read of the terminal delivers them: all queued before the first is handled
    (pilot.press waits for each)."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


TYPED_ORTO = (("slash", "/"), ("o", "o"), ("r", "r"), ("t", "t"), ("o", "o"))


async def test_letters_typed_right_after_slash_go_into_the_filter(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """Typed fast, "/orto" filtered on "o" at best and opened the closure report on `r`."""
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, *TYPED_ORTO)
        assert await until(pilot, lambda: app.filter_text == "orto")
        assert "Stängningsrapport" not in screen_text(app)
        await pilot.press("p")  # the cursor is after what was typed
        assert await until(pilot, lambda: app.filter_text == "ortop")


async def test_slash_a_filter_and_enter_typed_fast_keep_the_filter(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, *TYPED_ORTO, ("backspace", ""), ("o", "o"), ("enter", "\r"))
        assert await until(pilot, lambda: "filter: orto" in flat_text(app))
        await pilot.pause()
        assert isinstance(app.focused, RowList)  # back on the list, no case opened
        assert isinstance(app.screen, OverviewScreen)
        assert "Ortopedmottagningen" in screen_text(app)


async def test_letters_typed_fast_replace_a_kept_filter_as_typed_slowly_do(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "v", "enter")  # a kept filter: "v"
        assert await until(pilot, lambda: app.filter_text == "v")
        burst(app, *TYPED_ORTO)
        assert await until(pilot, lambda: app.filter_text == "orto")


@pytest.mark.parametrize(
    ("lang", "words"), [("sv", "esc Rensa filtret"), ("en", "esc Clear the filter")]
)
async def test_the_open_filters_footer_names_esc_in_the_users_words(
    demo_store: StoreSetup, app_for: AppFactory, lang: str, words: str
) -> None:
    """The footer said "esc app.key.clear_filter" (issue 12, item 3)."""
    app = app_for(demo_store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert await until(pilot, lambda: words in screen_text(app).splitlines()[-1])
        assert "app.key" not in screen_text(app)


async def test_the_typed_filter_shows_on_its_own_line_at_80x24(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """After `/` only the input's top border showed ("▊▔▔▔…"); the typed text was hidden
    under the footer (issue 12, item 3)."""
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"orto")
        assert await until(pilot, lambda: app.filter_text == "orto")
        lines = screen_text(app).splitlines()
        assert lines[-2].strip() == "orto"  # the filter line, just above the footer
        assert "▔" not in screen_text(app)
        assert lines[-1].startswith("esc Rensa filtret")


async def test_esc_on_the_list_clears_a_kept_filter_in_every_pane(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """`esc` did not clear a kept filter (help says it does) and the filter followed into the
    role panes with "inga öppna punkter" as if there were none (issue 12, item 4)."""
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"orto", "enter")
        assert await until(pilot, lambda: "filter: orto (esc rensar) ·" in screen_text(app))
        await pilot.press("2")  # the unit has nothing open for Ortopedmottagningen
        await pilot.pause()
        assert "inga öppna punkter matchar filtret (esc rensar det)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)
        assert app.filter_text == "" and "filter:" not in text and "matchar" not in text
        assert "esc Rensa" not in text.splitlines()[-1]
        await pilot.press("1", "slash", *"orto", "enter", "escape")
        await pilot.pause()
        assert app.filter_text == "" and len(app.screen.query_one(RowList).rows) == 8


async def test_the_mail_dialog_scrolls_to_every_line_at_80x24(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """At 80×24 the message stopped at "Nivå: …": the closing date, the desired removal date
    and "Hela vårdgivaren upphör." could not be seen nor scrolled to, and the signature had no
    name (issue 12, item 5)."""
    case_id = case_id_of(demo_store, "Husläkarmottagningen Kvarnen")  # the caregiver ceases
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MailDialog)
        seen = [screen_text(app)]
        for _ in range(6):
            await pilot.press("down", "down", "down")
            await pilot.pause()
            seen.append(screen_text(app))
        shown = "\n".join(seen)
        for line in (
            "Stängningsdatum: 20",
            "Önskemål om datum för avtakning:",
            "Hela vårdgivaren upphör.",
            "Med vänlig hälsning",
            app.user,
        ):
            assert line in shown, line
        assert "Till: mitra.norden@regionstockholm.se" in seen[0]
        assert all("Spara till fil:" in screen for screen in seen)  # the keys stay in view
        assert "…" not in seen[0].splitlines()[6]  # nothing of the list beside the border
