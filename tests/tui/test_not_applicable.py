"""Key x: "ej aktuell" (not applicable), as ``stangning na`` does it: the reason is required.
It had no key, no palette entry and no help line (issue 12, item 15)."""

from __future__ import annotations

from tests.tui.conftest import (
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    notices,
    screen_text,
    select_row,
    until,
)
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.reason_prompt import ReasonPrompt
from tui.app.screens.case_detail import CaseDetailScreen
from tui.app.screens.role_pane import RolePaneScreen
from tui.core.case import ItemState

ANGEN = "Barnavårdscentralen Ängen"
TALLKROGEN = "Vårdcentralen Tallkrogen"  # its item 1 is done


async def test_x_marks_the_item_not_applicable_with_a_required_reason(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    app = app_for(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, RolePaneScreen)
        assert await select_row(pilot, app, f"{case_id}|vart-arbete")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonPrompt)
        asked = flat_text(app)
        await pilot.press("enter")  # no reason: the dialog stays and says so
        await pilot.pause()
        assert isinstance(app.screen, ReasonPrompt)
        missing = flat_text(app)
        await pilot.press(*"inga intyg utfärdas", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RolePaneScreen)
    assert "Markera punkten som ej aktuell" in asked
    assert "Vårt arbete — Barnavårdscentralen Ängen" in asked and "Skäl (krävs):" in asked
    assert "Skriv ett skäl först" in missing
    assert "Vårt arbete markerad ej aktuell" in notices(app)
    record = demo_store.store.case(case_id).item("vart-arbete")  # type: ignore[union-attr]
    assert record.state is ItemState.NOT_APPLICABLE and record.reason == "inga intyg utfärdas"


async def test_x_on_an_item_that_is_not_open_is_refused_without_a_dialog(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, TALLKROGEN)
    app = app_for(demo_store, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        await pilot.press("x")  # item 1, done already
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
    assert any("is not open" in notice for notice in notices(app)), notices(app)
    record = demo_store.store.case(case_id).item("vart-arbete")  # type: ignore[union-attr]
    assert record.state is ItemState.DONE


async def test_help_and_palette_list_not_applicable(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store, lang="en")
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"not app")
        assert await until(pilot, lambda: "Not applicable" in screen_text(app))
        palette = flat_text(app)
    assert "x Not applicable" in help_text
    assert "Not applicable x · Mark the selected item not applicable, with a reason" in palette
