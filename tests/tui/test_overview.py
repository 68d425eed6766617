"""The overview (key 1): one line per active closure, readable without colour, fitting 80×24."""

from __future__ import annotations

from tests.tui.conftest import SIZE, AppFactory, StoreSetup, screen_text
from tui.core.actions import create_case
from tui.core.case_fields import validate_case_fields
from tui.core.template import default_template


async def test_overview_shows_every_active_closure_with_status_words(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
    lines = text.splitlines()
    assert len(lines) == 24 and all(len(line) == 80 for line in lines)
    assert "Aktiva stängningar: 8" in text
    assert "avslutade: 1" in text  # the complete one is counted, not listed
    assert "Ungdomsmottagningen Lugnet" not in text
    # Status is words and symbols, not only colour (NO_COLOR is set for every test).
    assert "!! försenad" in text and "!  att göra" in text
    barnavard = next(line for line in lines if "Barnavårdscentralen Ängen" in line)
    assert "T om 80 d" in barnavard and "Enheten: vart-arbete" in barnavard
    assert "D om 6 d" in text  # before closing: counting down to D
    assert "T passerad" in text  # ready for EK/HSA
    assert "⚠ Geriatriska kliniken" in text  # the conflict is marked


async def test_overview_drops_columns_by_priority_and_adds_them_when_wide(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        narrow = screen_text(app).splitlines()[2]
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        wide = screen_text(app).splitlines()[2]
    assert all(word in narrow for word in ("Status", "Enhet", "Nedräkning", "Nästa steg"))
    assert "HSA-ID" not in narrow and "Vårdgivare" not in narrow
    assert all(word in wide for word in ("HSA-ID", "Fas", " D ", " T ", "Nedräkning"))


async def test_empty_store_tells_a_new_user_how_to_add_the_first_case(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "Välkommen till stangning" in text
    assert "Tryck n för att lägga till det första" in text
    assert "n Nytt" in text  # and the footer shows the key


async def test_user_data_is_never_markup(empty_store: StoreSetup, app_for: AppFactory) -> None:
    fields = validate_case_fields(
        caregiver="[b]Vård[/b]",
        unit="[red]x[/] \x1b[2J",
        hsa_id="SE2321000016-A2G8",
        closing="2026-12-10",
    )
    empty_store.store.record(
        create_case(
            fields, default_template(), case_id="abcdef", actor="t", now="2026-11-20T10:00:00+01:00"
        )
    )
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        detail = screen_text(app)
    assert "[red]x[/] \\x1b[2J" in text
    assert "\x1b" not in text
    assert "[red]x[/] \\x1b[2J" in detail


async def test_completed_cases_shown_with_a(demo_store: StoreSetup, app_for: AppFactory) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        text = screen_text(app)
    assert "Ungdomsmottagningen Lugn" in text and "✓  klar" in text


async def test_vim_keys_move_the_selection(demo_store: StoreSetup, app_for: AppFactory) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cases = app.screen.query_one("#cases")
        first = cases.selected_key  # type: ignore[attr-defined]
        await pilot.press("j", "j")
        third = cases.selected_key  # type: ignore[attr-defined]
        await pilot.press("k", "k")
        again = cases.selected_key  # type: ignore[attr-defined]
    assert first is not None and third != first and again == first


async def test_english(demo_store: StoreSetup, app_for: AppFactory) -> None:
    app = app_for(demo_store, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "Overview" in text and "Active closures: 8" in text
    assert "!! overdue" in text and "Unit: vart-arbete" in text


async def test_the_first_configured_role_opens_first(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store, roles=("ek_hsa", "unit"), display_name="Cecilia Holm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert app.screen.pane_name == "ek_hsa"  # type: ignore[attr-defined]
    assert "Lokal EK/HSA-administratör" in text and "Cecilia Holm" in text
