"""A new user at 80×24 with only the keyboard, the footer and ?: the footer shows the keys that
matter first, whole; n adds a case; space marks the unit's first item done; the overview changes."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import SIZE, AppFactory, StoreSetup, notices, screen_text, until
from tui.app.dialogs.case_form import CaseForm
from tui.app.dialogs.note_prompt import NotePrompt
from tui.app.screens.overview import OverviewScreen
from tui.app.widgets.key_footer import keys_that_fit
from tui.core.case import ItemState

FIRST_KEYS = "space Klar c Kontroll ⏎ Öppna n Nytt / Filter ? Hjälp q Avsluta"


def footer(app: object) -> str:
    lines = screen_text(app).splitlines()  # type: ignore[arg-type]
    return lines[-1] if lines else ""


def keys_part(line: str) -> str:
    """The footer without the command palette's key (docked on the right)."""
    return line.split("▏")[0].strip()


@pytest.mark.parametrize(
    ("widths", "room", "fit"),
    [
        ([10, 10, 5], 27, 3),  # 10 + 1 + 10 + 1 + 5: the last key needs no gap after it
        ([10, 10, 5], 26, 2),  # never half a key
        ([10, 10, 5], 9, 0),
        ([], 80, 0),
    ],
)
def test_keys_fit_whole_or_not_at_all(widths: list[int], room: int, fit: int) -> None:
    assert keys_that_fit(widths, room) == fit


async def test_the_footer_shows_the_first_keys_whole_at_80_columns(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Kommandon" in footer(app))  # mounted after the 1st frame
        narrow = footer(app)
        await pilot.press("enter")  # the case detail
        await pilot.pause()
        detail = footer(app)
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        wide_detail = footer(app)
        await pilot.press("escape")
        await pilot.pause()
        wide = footer(app)
    assert keys_part(narrow) == FIRST_KEYS  # the rest are left out whole, not cut
    assert narrow.rstrip().endswith("▏^p Kommandon")
    assert keys_part(detail) == "space Klar c Kontroll esc Tillbaka ? Hjälp r Rapport q Avsluta"
    assert keys_part(wide).startswith(f"{FIRST_KEYS} e Ändra m Mejl r Rapport")
    assert "e Ändra m Mejl n Nytt q Avsluta" in wide_detail


async def test_a_new_user_adds_a_case_marks_the_first_item_done_and_sees_the_change(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(
            pilot, lambda: "Tryck n för att lägga till det första" in screen_text(app)
        )
        # the footer mounts after the first frame; with no row there is no space key
        assert await until(
            pilot,
            lambda: keys_part(footer(app)) == "n Nytt / Filter ? Hjälp q Avsluta",
            seconds=10,
        ), footer(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
        for name, value in (
            ("caregiver", "Region Stockholm"),
            ("unit", "Vårdcentralen Exempel"),
            ("hsa_id", "SE2321000016-A2G8"),
            ("closing", "2027-01-31"),
        ):
            app.screen.query_one(f"#field-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        before = screen_text(app)
        assert keys_part(footer(app)) == FIRST_KEYS
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, NotePrompt)
        assert "Vårt arbete — Vårdcentralen Exempel" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        after = screen_text(app)
    assert "Enheten: Vårt arbete" in before
    assert "▶ Enheten     !  att göra Vårt arbete: senast D 2027-01-31 (om 67 d)" in before
    assert "Enheten: Vårt arbete" not in after
    assert "  Enheten     …  väntar   Bevaka fråga/svar: tidigast 2027-01-31" in after
    assert "Vårt arbete markerad klar" in notices(app)
    (case,) = empty_store.store.cases()
    assert case.item("vart-arbete").state is ItemState.DONE  # type: ignore[union-attr]
