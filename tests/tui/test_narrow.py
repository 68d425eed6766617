"""The dashboard at 60×20, the smallest terminal it promises to be readable in (issue 12,
item 7): every tab keeps its key, `?` and `q` stay in the footer, and text that is cut ends in
"…" instead of stopping mid-word."""

from __future__ import annotations

from tests.tui.conftest import AppFactory, StoreSetup, screen_text

NARROW = (60, 20)


async def test_at_60x20_every_tab_and_the_help_and_quit_keys_stay(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """`?`, `q` and the "4 EK/HSA" tab vanished at 60 columns."""
    app = app_for(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].split()[:5] == ["1", "Översikt", "2", "3", "4"], lines[0]
        assert lines[0].rstrip().endswith("2026-11-25")
        footer = lines[-1]
        assert "? Hjälp" in footer and "q Avsluta" in footer, footer
        assert footer.startswith("space Klar")


def overview_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith((" !! ", " !  ", " ○  "))]


async def test_the_next_step_keeps_its_meaning_and_wider_never_cuts_more(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """At 80 columns "Nästa steg" ended "Förvaltning: Fil i fail (kont…"; at 120 the unit
    names were cut more than at 80 (the HSA-ID, T and phase took their room)."""
    app = app_for(demo_store)
    seen: dict[int, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen[80] = overview_rows(screen_text(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        seen[120] = overview_rows(screen_text(app))
    tallkrogen = next(row for row in seen[80] if "Tallkrogen" in row)
    assert tallkrogen.rstrip().endswith("(kontroll)") and "Förvaltning: Fil i" in tallkrogen
    for row in seen[120]:  # every unit and every next step whole at 120
        assert "…" not in row, row
    assert any("Geriatriska kliniken Björkhagen" in row for row in seen[120])
    assert any("Enheten: Bevaka fråga/svar (kontroll)" in row for row in seen[120])


async def test_at_60x20_cut_text_ends_in_an_ellipsis(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """At 60×20 the list's text ran off the edge, cut mid-word without an ellipsis."""
    app = app_for(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        rows = overview_rows(screen_text(app))
    assert rows
    for row in rows:
        assert len(row.rstrip()) <= 60
        assert row.rstrip().endswith(("…", "arbete", "verksamhet")), row  # cut, or whole
    assert any(row.rstrip().endswith("Enheten: Vårt ar…") for row in rows)
