"""The dashboard starts without a race (issue 11, item 5): with the store open already, the
first frame is the first pane; a store that opens after the user has quit is closed, not
shown, and quitting then raises nothing."""

from __future__ import annotations

import threading

from tests.tui.conftest import SIZE, TODAY, Clock, StoreSetup, screen_text, until
from tui.app import StangningApp, make_app
from tui.app.screens.base import DashboardScreen
from tui.app.screens.panes import PANES
from tui.config import Config
from tui.core.i18n import Translator
from tui.store.case_store import CaseStore


def app_on(store: CaseStore) -> StangningApp:
    clock = Clock()
    return make_app(store, Config(), Translator("sv"), today=clock, now=clock.now, poll=False)


async def test_an_open_store_shows_the_first_pane_in_the_first_frame(
    demo_store: StoreSetup,
) -> None:
    app = app_on(demo_store.store)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, DashboardScreen)  # no loading view in between
        assert TODAY.isoformat() in screen_text(app)


async def test_a_store_opened_after_quitting_is_closed_and_nothing_breaks(
    demo_store: StoreSetup,
) -> None:
    release, closed = threading.Event(), threading.Event()
    store = demo_store.store
    real_close = store.close

    def close() -> None:
        closed.set()
        real_close()

    store.close = close  # type: ignore[method-assign]

    def slow_opener() -> CaseStore:
        release.wait(10)  # a share that answers late
        return store

    clock = Clock()
    app = make_app(slow_opener, Config(), Translator("sv"), today=clock, now=clock.now, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        release.set()
        await pilot.pause()
    assert closed.wait(10), "the late store was left open"
    assert app.return_code in (0, None)


async def test_the_other_panes_are_built_while_the_first_is_read(
    demo_store: StoreSetup,
) -> None:
    """A pane's first visit costs what any visit costs: the panes not shown yet are built in
    the background after the first frame, and showing one then shows its cases at once."""
    app = app_on(demo_store.store)
    async with app.run_test(size=SIZE) as pilot:
        panes = [app.get_screen(name) for name in PANES[1:]]
        assert await until(pilot, lambda: all(pane.is_mounted for pane in panes))
        assert app.screen.pane_name == "overview"  # type: ignore[attr-defined]  # never shown
        await pilot.press("4")
        await pilot.pause()
        assert "EK/HSA" in screen_text(app).splitlines()[1]


async def test_building_the_panes_never_closes_what_the_user_opened(
    demo_store: StoreSetup,
) -> None:
    app = app_on(demo_store.store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")  # the help, before any pane was built
        assert await until(pilot, lambda: "Hjälp" in screen_text(app))
        await pilot.pause(1.5)  # the time the panes take to be built
        assert "Hjälp" in screen_text(app)
        await pilot.press("escape")
        assert await until(pilot, lambda: all(app.get_screen(p).is_mounted for p in PANES[1:]))
