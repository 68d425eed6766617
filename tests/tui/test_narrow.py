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
