"""``stangning --readonly``: a wall-screen view. Every change key and the palette's change
commands say why not in one notice and change nothing; the top bar says read-only; the store
under it refuses to record. ``--pane N`` / ``--filter TEXT``: the dashboard starts there."""

from __future__ import annotations

import pytest

from tests.tui.conftest import (
    SIZE,
    Clock,
    StoreSetup,
    case_id_of,
    notices,
    record_notices,
    screen_text,
    select_row,
    until,
)
from tui.app import StangningApp, make_app
from tui.app.screens.case_detail import CaseDetailScreen
from tui.app.screens.overview import OverviewScreen
from tui.app.screens.role_pane import RolePaneScreen
from tui.config import Config
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.operations import Change
from tui.store.case_store import CaseStore
from tui.store.shared_log import SharedDriveLog

SOLSIDAN = "Rehabenheten Solsidan"  # its next step is a check: c and space both apply


def wall_store(setup: StoreSetup) -> CaseStore:
    """The store as a wall screen opens it: read-only, on a host of its own."""
    log = SharedDriveLog(setup.share, setup.local.parent / "wall", create=True)
    return CaseStore(log, read_only=True)


def wall_app(store: CaseStore, lang: str = "sv", **options: object) -> StangningApp:
    clock = Clock()
    app = make_app(
        store,
        Config(),
        Translator(lang),
        today=clock,
        now=clock.now,
        poll=False,
        **options,  # type: ignore[arg-type]
    )
    return record_notices(app)


def footer(app: StangningApp) -> str:
    return screen_text(app).splitlines()[-1]


# The change keys, where each applies, and the word each notice names it by.
CHANGE_KEYS = [
    ("space", "“Klar”"),
    ("c", "“Kontroll”"),
    ("u", "“Ångra”"),
    ("x", "“Ej aktuell”"),
    ("e", "“Ändra”"),
    ("n", "“Nytt”"),
]


async def test_every_change_key_says_why_not_and_changes_nothing(
    demo_store: StoreSetup,
) -> None:
    case_id = case_id_of(demo_store, SOLSIDAN)
    before = demo_store.other_writer("reader").cases()
    store = wall_store(demo_store)
    app = wall_app(store, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: "Kommandon" in footer(app))
        top = screen_text(app).splitlines()[0]
        shown = footer(app)
        for place in ("overview", "detail"):
            if place == "detail":
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, CaseDetailScreen)
                shown += footer(app)
            else:
                assert await select_row(pilot, app, case_id)
            for key, word in CHANGE_KEYS:
                told = len(notices(app))
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, (OverviewScreen, CaseDetailScreen)), (place, key)
                new = notices(app)[told:]
                assert new == [
                    f"Läsläge: {word} ändrar ärenden och går inte här (starta utan --readonly)."
                ], (place, key, new)
    assert "läsläge · ✓ synkad" in top
    for key in ("space Klar", "c Kontroll", "n Nytt", "e Ändra"):
        assert key not in shown  # not offered: the footer shows what works
    assert "⏎ Öppna" in shown and "? Hjälp" in shown
    assert store.log.pending_count() == 0  # type: ignore[attr-defined]
    assert demo_store.other_writer("reader2").cases() == before


async def test_the_palettes_change_commands_say_why_not(demo_store: StoreSetup) -> None:
    store = wall_store(demo_store)
    app = wall_app(store, lang="en", read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"not applicable", "enter")
        assert await until(pilot, lambda: len(notices(app)) == 1)
    assert notices(app) == [
        "Read-only: “Not applicable” changes cases and is not possible here "
        "(start without --readonly)."
    ]
    assert store.log.pending_count() == 0  # type: ignore[attr-defined]


def test_a_read_only_store_refuses_to_record(demo_store: StoreSetup) -> None:
    store = wall_store(demo_store)
    case_id = case_id_of(demo_store, SOLSIDAN)
    with pytest.raises(Refusal) as refused:
        store.record([Change(case_id, "case.unit", "Ändrad")])
    assert refused.value.code == "store.read_only"
    with pytest.raises(Refusal):
        store.snapshot()
    assert store.tidy() is False
    assert store.log.pending_count() == 0  # type: ignore[attr-defined]
    assert Translator("sv").refusal(refused.value).startswith("läsläge (--readonly)")


async def test_it_starts_on_the_pane_and_with_the_filter_asked_for(
    demo_store: StoreSetup,
) -> None:
    app = wall_app(demo_store.store, pane="caregiver_admin", filter_text="tall")
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, RolePaneScreen))
        await pilot.pause()
        text = screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        overview = screen_text(app)
    assert "filter: tall" in text
    assert "Vårdcentralen Tallkrogen" in text and "Rehabenheten Solsidan" not in text
    assert "filter: tall (esc rensar) · Aktiva stängningar: 1 av 8" in overview
