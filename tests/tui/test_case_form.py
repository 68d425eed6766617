"""n (new case) and e (edit): inline validation; nothing saved until every field is valid."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import (
    SIZE,
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    screen_text,
    select_row,
)
from tui.app.dialogs.case_form import CaseForm
from tui.app.widgets.row_list import RowList


def fill(app: object, **values: str) -> None:
    screen = app.screen  # type: ignore[attr-defined]
    for name, value in values.items():
        screen.query_one(f"#field-{name}", Input).value = value


async def test_bad_hsa_id_shows_the_error_and_saves_nothing(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
        fill(app, caregiver="Region Stockholm", unit="Vårdcentralen Exempel")
        app.screen.query_one("#field-hsa_id", Input).focus()
        await pilot.press(*"SE2321000017-A2G8", "tab")  # a wrong check digit, typed
        await pilot.pause()
        assert "kontrollsiffran i organisationsnumret 2321000017 stämmer inte" in flat_text(app)
        fill(app, closing="2026-13-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)  # not saved: the form stays
        assert "2026-13-01 är inget giltigt datum" in flat_text(app)
        assert app.focused is app.screen.query_one("#field-hsa_id")  # the first bad field
    assert empty_store.store.cases() == []
    assert empty_store.store.log.pending_count() == 0  # type: ignore[attr-defined]


async def test_a_new_case_is_saved_and_selected_on_the_overview(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        fill(
            app,
            caregiver="Region Stockholm",
            unit="Vårdcentralen Exempel",
            hsa_id="SE2321000016-A2G8",
            closing="2027-01-31",
            removal="2027-01-01",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)  # removal before closing is refused too
        assert "ligger före stängningsdatum" in flat_text(app)
        fill(app, removal="2027-02-15")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        selected = app.screen.query_one(RowList).selected_key
    (case,) = empty_store.store.cases()
    assert (case.unit, case.hsa_id, case.removal.isoformat()) == (  # type: ignore[union-attr]
        "Vårdcentralen Exempel",
        "SE2321000016-A2G8",
        "2027-02-15",
    )
    assert case.threshold.isoformat() == "2027-04-30"  # 31 January + 3 months
    assert "Vårdcentralen Exempel" in text and "Enheten: Vårt arbete" in text
    assert "D om 67 d" in text
    assert selected == case.case_id


async def test_edit_changes_the_case_and_resolves_a_conflict(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, "Geriatriska kliniken Björkhagen")
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
        assert "i konflikt" in flat_text(app)
        fill(app, unit="Geriatriska kliniken B", removal="2026-12-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
    case = demo_store.store.case(case_id)
    assert case is not None and case.unit == "Geriatriska kliniken B"
    assert case.removal is not None and case.removal.isoformat() == "2026-12-20"
    assert case.conflicts == ()
    assert "⚠ Geriatriska" not in text and "Geriatriska kliniken B" in text


async def test_escape_asks_before_it_throws_away_a_half_filled_form(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    """`esc` threw away a half-filled form without asking (issue 12, item 11)."""
    from tui.app.dialogs.confirm import ConfirmDialog

    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, (CaseForm, ConfirmDialog))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Region")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Kasta det du skrivit?" in screen_text(app)
        await pilot.press("escape")  # no: back to the form, the text kept
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
        assert app.screen.query_one("#field-caregiver", Input).value == "Region"
        await pilot.press("escape", "y")  # yes: thrown away
        await pilot.pause()
        assert not isinstance(app.screen, (CaseForm, ConfirmDialog))
    assert empty_store.store.cases() == []


async def test_each_field_is_checked_as_it_is_typed_and_t_follows_d(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    """A field was checked only after Tab; an empty date read "stängningsdatum:  är inget
    giltigt datum"; T was not shown (issue 12, item 11)."""
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-closing", Input).focus()
        await pilot.press(*"2026-13-01")  # no Tab: still in the field
        await pilot.pause()
        assert app.focused is app.screen.query_one("#field-closing")
        assert "2026-13-01 är inget giltigt datum" in flat_text(app)
        assert "T (D + 3 månader)" not in flat_text(app)
        await pilot.press(*["backspace"] * 10)
        await pilot.pause()
        text = flat_text(app)
        assert "stängningsdatum får inte vara tomt" in text and "giltigt" not in text
        await pilot.press(*"2026-11-30")
        await pilot.pause()
        text = flat_text(app)
        assert "T (D + 3 månader): 2027-02-28" in text and "giltigt" not in text
        assert "enhet får inte vara tomt" not in text  # a field not yet visited is not scolded


async def test_keys_typed_ahead_land_in_the_right_fields(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    """A burst (a slow SSH link, tmux send-keys) keeps its order across Tab and Enter."""
    from textual import events

    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        burst = [*"Reg", "tab", *"VC", "enter", *"SE2321000016-A2G8", "enter", *"2027-01-31"]
        for key in burst:  # all queued before the app handles any of them
            character = key if len(key) == 1 else None
            app.post_message(events.Key(key, character))
        await pilot.pause()
        values = {
            name: app.screen.query_one(f"#field-{name}", Input).value
            for name in ("caregiver", "unit", "hsa_id", "closing")
        }
    assert values == {
        "caregiver": "Reg",
        "unit": "VC",
        "hsa_id": "SE2321000016-A2G8",
        "closing": "2027-01-31",
    }


async def test_an_hsa_id_another_active_case_carries_is_named_as_it_is_typed(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """The rule of ``stangning case add``: a second active closure of one unit is most likely
    the same closure entered twice; the form says which case, and still saves."""
    case_id = case_id_of(demo_store, "Geriatriska kliniken Björkhagen")
    existing = demo_store.store.case(case_id)
    assert existing is not None
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("e")  # its own HSA-ID is no warning when the case itself is edited
        await pilot.pause()
        assert "finns också på aktiva ärenden" not in flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        fill(app, caregiver="Region Stockholm", unit="Geriatriken", closing="2027-01-31")
        app.screen.query_one("#field-hsa_id", Input).focus()
        await pilot.press(*existing.hsa_id)
        await pilot.pause()
        warned = flat_text(app)
        await pilot.press("backspace")  # no longer a valid HSA-ID: the warning goes
        await pilot.pause()
        gone = flat_text(app)
        await pilot.press(existing.hsa_id[-1], "ctrl+s")
        await pilot.pause()
    assert (
        f"HSA-ID:t {existing.hsa_id} finns också på aktiva ärenden: "
        f"{case_id} (Geriatriska kliniken Björkhagen)" in warned
    )
    assert "finns också på aktiva ärenden" not in gone
    assert [c.hsa_id for c in demo_store.store.cases()].count(existing.hsa_id) == 2  # saved
