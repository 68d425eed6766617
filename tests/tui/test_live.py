"""Live: other users' changes appear without a key press; the day turning moves countdowns; the
header shows pending changes and an unreachable share; q warns while changes wait."""

from __future__ import annotations

import datetime as dt
import shutil

from tests.tui.conftest import (
    SIZE,
    AppFactory,
    Clock,
    StoreSetup,
    case_id_of,
    flat_text,
    screen_text,
    until,
)
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.widgets.row_list import RowList
from tui.core import actions
from tui.core.case_fields import validate_case_fields
from tui.core.rules import evaluate
from tui.core.template import default_template


async def test_a_second_writer_shows_up_within_the_poll_interval(
    demo_store: StoreSetup, app_for: AppFactory, clock: Clock
) -> None:
    case_id = case_id_of(demo_store, "Husläkarmottagningen Kvarnen")
    app = app_for(demo_store, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert "Att göra nu (2)" in screen_text(app)
        other = demo_store.other_writer("colleague")
        view = evaluate(other.case(case_id), default_template(), clock())  # type: ignore[arg-type]
        other.record(
            actions.mark_done(
                view,
                default_template(),
                "vart-arbete",
                actor="kollega",
                now="2026-11-25T09:00:00+01:00",
                today=clock(),
            )
        )
        other.close()
        assert await until(pilot, lambda: "Att göra nu (1)" in screen_text(app), seconds=3)


async def test_a_colleagues_change_rebuilds_the_rows_of_that_case_only(
    demo_store: StoreSetup, app_for: AppFactory, clock: Clock
) -> None:
    """One change evaluates and builds the row of the case it reached; the other cases' rows
    are the ones already built (issue 11: a change updates only the rows it touches)."""
    case_id = case_id_of(demo_store, "Husläkarmottagningen Kvarnen")
    app = app_for(demo_store, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        overview = app.get_screen("overview")
        memo = overview._rows  # type: ignore[attr-defined]
        built, rows = memo.built, {row.key: row for row in overview.query_one(RowList).rows}
        other = demo_store.other_writer("colleague")
        case = other.case(case_id)
        assert case is not None
        other.record(actions.edit_case(case, {"unit": "Kvarnen Nya"}))
        other.close()
        assert await until(pilot, lambda: "Kvarnen Nya" in screen_text(app), seconds=3)
        after = {row.key: row for row in overview.query_one(RowList).rows}
    assert memo.built == built + 1
    assert [key for key in after if after[key] is not rows[key]] == [case_id]


async def test_the_countdown_moves_when_the_day_turns(
    demo_store: StoreSetup, app_for: AppFactory, clock: Clock
) -> None:
    app = app_for(demo_store, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "D om 6 d" in screen_text(app)
        clock.day += dt.timedelta(days=1)
        assert await until(pilot, lambda: "D om 5 d" in screen_text(app), seconds=3)
        assert "2026-11-26" in screen_text(app)


async def test_pending_changes_and_an_unreachable_share_show_in_the_header(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: "✓ synkad" in screen_text(app))
        shutil.move(demo_store.share, demo_store.share.with_name("away"))  # the mount is gone
        await pilot.press("space")  # the next step of the first case (vart-arbete, overdue)
        await pilot.pause()
        await pilot.press("enter")
        assert await until(pilot, lambda: "⚠ delad mapp nås ej · 1 väntar" in screen_text(app))
        top = screen_text(app).splitlines()[0]  # the EK/HSA tab vanished here (issue 12, item 7)
        assert top.split("⚠")[0].split() == ["1", "Översikt", "2", "3", "4"], top
        assert top.rstrip().endswith("2026-11-25")
        shutil.move(demo_store.share.with_name("away"), demo_store.share)  # and back
        assert await until(pilot, lambda: "✓ synkad" in screen_text(app))


async def test_a_share_swapped_for_another_store_stops_the_sync_and_mixes_nothing_in(
    demo_store: StoreSetup, app_for: AppFactory, clock: Clock
) -> None:
    app = app_for(demo_store, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: "✓ synkad" in screen_text(app))
        shown = {case.case_id for case in app.store.cases()}
        # Someone mounts another store's folder at the same path; it has a case of its own.
        shutil.move(demo_store.share, demo_store.share.with_name("ours"))
        foreign = demo_store.other_writer("stranger")
        view_changes = actions.create_case(
            validate_case_fields(
                caregiver="Annan region",
                unit="Främmande enhet",
                hsa_id="SE2321000016-ZZZ9",
                closing="2026-06-30",
            ),
            case_id="foreign1",
            actor="x",
            now="2026-11-25T09:00:00+01:00",
            template=default_template(),
        )
        foreign.record(view_changes)
        foreign.close()
        assert await until(pilot, lambda: "annat ärendelager" in screen_text(app), seconds=4)
        assert {case.case_id for case in app.store.cases()} == shown
        assert "Främmande enhet" not in screen_text(app)


async def test_quit_warns_while_changes_wait_to_be_published(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)  # no poll: nothing gets published
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "↑ 1 väntar" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Ändringar som ännu inte publicerats till den delade mappen: 1" in flat_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_with_nothing_pending_exits_at_once(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_store_can_be_opened_after_the_first_frame(
    demo_store: StoreSetup, clock: Clock
) -> None:
    """The command line hands the app a function that opens the store (in a background thread),
    so a large store or a slow share does not delay the first frame."""
    from tui.app import make_app
    from tui.config import Config
    from tui.core.i18n import Translator

    app = make_app(lambda: demo_store.store, Config(), Translator("sv"), today=clock, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: "Aktiva stängningar: 8" in screen_text(app))


async def test_a_store_that_cannot_be_opened_ends_the_app_with_the_reason(clock: Clock) -> None:
    from tui.app import make_app
    from tui.config import Config
    from tui.core.errors import Refusal
    from tui.core.i18n import Translator

    def refuse() -> None:
        raise Refusal("store.mismatch", path="/delad", local="/lokal")

    app = make_app(refuse, Config(), Translator("sv"), today=clock, poll=False)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2
    assert app.failure is not None and app.failure.code == "store.mismatch"
