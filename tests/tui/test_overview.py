"""The overview (key 1): one line per active closure, readable without colour, fitting 80×24."""

from __future__ import annotations

import threading

from tests.tui.conftest import (
    SIZE,
    TODAY,
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    notices,
    open_store,
    screen_text,
    until,
)
from tui.core.actions import create_case
from tui.core.case import Case
from tui.core.case_fields import validate_case_fields
from tui.core.findings import Kind
from tui.core.nagios import Thresholds, assess
from tui.core.rules import evaluate
from tui.core.template import default_template


def header_line(text: str) -> str:
    """The list's column titles (under the pane title, which may take two lines)."""
    return next(line for line in text.splitlines() if line.startswith(" Status "))


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
    assert "T om 80 d" in barnavard and "Enheten: Vårt arbete" in barnavard
    assert "D om 6 d" in text  # before closing: counting down to D
    assert "T passerad" in text  # ready for EK/HSA
    assert "⚠ Geriatriska kliniken" in text  # the conflict is marked


async def test_overview_drops_columns_by_priority_and_adds_them_when_wide(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        narrow = header_line(screen_text(app))
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        wide = header_line(screen_text(app))
    assert all(word in narrow for word in ("Status", "Enhet", "Nedräkning", "Nästa steg"))
    assert "HSA-ID" not in narrow and "Vårdgivare" not in narrow
    assert all(word in wide for word in ("HSA-ID", "Fas", " D ", " T ", "Nedräkning"))


async def test_empty_store_tells_a_new_user_how_to_add_the_first_case(
    empty_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        # the welcome, and the footer with its key (mounted just after the pane's first frame)
        assert await until(
            pilot, lambda: "n Nytt" in screen_text(app) and "Välkommen" in screen_text(app)
        )
        text = screen_text(app)
    assert "Välkommen till stangning" in text
    assert "Tryck n för att lägga till det första" in text


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
        assert "avslutade: 1, dolda (a visar)" in flat_text(app)
        await pilot.press("a")
        assert await until(pilot, lambda: "visas (a döljer)" in flat_text(app))
        text = screen_text(app)
        shown = flat_text(app)
        await pilot.press("a")
        await pilot.pause()
        hidden_again = screen_text(app)
    assert "Ungdomsmottagningen Lugn" in text and "✓  klar" in text
    assert "avslutade: 1, visas (a döljer)" in shown
    assert "Ungdomsmottagningen Lugn" not in hidden_again


async def test_complete_cases_stay_in_the_archive_until_asked_for_and_are_folded_apart(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """At 10,000 cases the dashboard holds the open ones: the complete ones are counted from
    the archive's index, and read (outside the store's ledger) only when `a` shows them."""
    demo_store.store.close()  # saved: the finished closure goes to this host's archive
    again = open_store(demo_store.share.parent)
    assert again.store.archived_count() == 1

    def folded_units() -> set[str]:
        return {case.unit for case in again.store.fold_open()[0]}

    app = app_for(again)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "avslutade: 1, dolda (a visar)" in flat_text(app)
        assert "Ungdomsmottagningen Lugnet" not in folded_units()
        await pilot.press("a")
        assert await until(pilot, lambda: "Ungdomsmottagningen Lugn" in screen_text(app))
        assert "avslutade: 1, visas (a döljer)" in flat_text(app)
        assert "Ungdomsmottagningen Lugnet" not in folded_units()


async def test_the_archive_is_read_in_the_background_and_the_keys_go_on_meanwhile(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """`a` at 10,000 cases reads and evaluates thousands of finished closures: a worker thread
    does it, the overview says so, and the keys answer while it runs."""
    demo_store.store.close()
    again = open_store(demo_store.share.parent)
    release = threading.Event()
    real_read = again.store.read_archived

    def slow_read() -> list[Case]:
        release.wait(10)
        return real_read()

    again.store.read_archived = slow_read  # type: ignore[method-assign]
    app = app_for(again)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert await until(pilot, lambda: "avslutade: 1, läses in" in flat_text(app))
        await pilot.press("2")  # the keys answer while the archive is read
        assert await until(pilot, lambda: "Enheten —" in flat_text(app))
        await pilot.press("1")
        built = app.screen._rows.built  # type: ignore[attr-defined]
        release.set()
        assert await until(pilot, lambda: "Ungdomsmottagningen Lugn" in screen_text(app))
        assert "avslutade: 1, visas (a döljer)" in flat_text(app)
        # The finished case's row was built in the thread that read it, not on the UI thread.
        assert app.screen._rows.built == built  # type: ignore[attr-defined]


async def test_an_archive_that_cannot_be_read_is_one_warning_and_the_open_cases_stay(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    demo_store.store.close()
    again = open_store(demo_store.share.parent)

    def broken_read() -> list[Case]:
        raise PermissionError(13, "Permission denied")

    again.store.read_archived = broken_read  # type: ignore[method-assign]
    app = app_for(again)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = screen_text(app).splitlines()[4]
        await pilot.press("a")
        expected = "De avslutade ärendena kunde inte läsas: Permission denied"
        assert await until(pilot, lambda: expected in notices(app))
        assert "avslutade: 1, dolda (a visar)" in flat_text(app)
        assert screen_text(app).splitlines()[4] == before


async def test_the_strip_shows_the_selected_case_in_full_at_80_columns(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    angen = demo_store.store.case(case_id_of(demo_store, "Barnavårdscentralen Ängen"))
    tallkrogen = demo_store.store.case(case_id_of(demo_store, "Vårdcentralen Tallkrogen"))
    assert angen is not None and tallkrogen is not None
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "HSA-ID" not in header_line(screen_text(app))  # the column gave way…
        first = screen_text(app)
        await pilot.press("j")  # the selection moves: the strip follows
        await pilot.pause()
        second = screen_text(app)
    # … and the strip shows what it left out, for the selected row only
    assert angen.hsa_id in first and tallkrogen.hsa_id not in first
    assert f"D {angen.closing} · T {angen.threshold} · Fas: bevakning · T om 80 d" in first
    assert "Vårdgivare: Region Stockholm" in first
    assert "▶ Enheten     !! försenad Vårt arbete: D var 2026-11-13 (för 12 d sedan)" in first
    assert "  Förvaltning ○  bevakas  Fil i fail: nästa kontroll 2026-11-27" in first
    assert "  EK/HSA      …  väntar   HSA verksamhet: tidigast 2027-02-13 (om 80 d)" in first
    assert tallkrogen.hsa_id in second and angen.hsa_id not in second
    assert f"T {tallkrogen.threshold}" in second
    assert "▶ Förvaltning !! försenad Fil i fail (kontroll): kontroll försenad 1 d" in second
    assert all(len(line) == 80 for line in second.splitlines())


async def test_the_strip_is_hidden_when_no_case_matches(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ingen sådan enhet", "enter")
        await pilot.pause()
        text = screen_text(app)
    assert "Inga ärenden matchar filtret" in text
    assert "Vårdgivare:" not in text and "▶" not in text


async def test_the_title_counts_overdue_items_and_checks_as_nagios_does(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    views = [evaluate(case, default_template(), TODAY) for case in demo_store.store.cases()]
    found = assess(views, Thresholds.from_days(14))
    items, checks = found.count(Kind.OVERDUE_ITEMS), found.count(Kind.OVERDUE_CHECKS)
    assert (items, checks) == (1, 5)
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = flat_text(app)
        await pilot.press("slash", *"ängen", "enter")  # counted over the cases shown
        await pilot.pause()
        filtered = flat_text(app)
    assert (
        "Aktiva stängningar: 8 · försenade punkter: 1 · försenade kontroller: 5 · "
        "avslutade: 1, dolda (a visar)"
    ) in text
    assert "Aktiva stängningar: 1 av 8 · försenade punkter: 1 · försenade kontroller: 0" in filtered


async def test_items_are_shown_by_name_never_by_key(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    keys = default_template().keys
    app = app_for(demo_store)
    async with app.run_test(size=(200, 50)) as pilot:  # no column cut
        await pilot.pause()
        texts = [screen_text(app)]
        for pane in "234":
            await pilot.press(pane)
            await pilot.pause()
            texts.append(screen_text(app))
    overview, unit, caregiver_admin, ek_hsa = texts
    for text in texts:
        assert not [key for key in keys if key in text]
    assert "Enheten: Bevaka fråga/svar (kontroll)" in overview
    assert "EK/HSA: HSA medarbetaruppdrag" in overview
    assert "Bevaka fråga/svar (kontroll)" in unit
    assert "Spärrgrupp i TC upphör" in caregiver_admin or "Vårdenhet i TC upphör" in caregiver_admin
    assert "HSA verksamhet" in ek_hsa and "HSA medarbetaruppdrag" in ek_hsa


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
    assert "!! overdue" in text and "Unit: Vårt arbete" in text


async def test_the_first_configured_role_opens_first(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store, roles=("ek_hsa", "unit"), display_name="Cecilia Holm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert app.screen.pane_name == "ek_hsa"  # type: ignore[attr-defined]
    assert "Lokal EK/HSA-administratör" in text and "Cecilia Holm" in text


async def test_a_conflict_is_explained_where_its_mark_shows(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """`⚠` on a row, in the strip and in the case header was never explained there: the
    conflict was two PageDowns deep in the case detail (issue 12, item 8)."""
    from tests.tui.conftest import select_row
    from tui.app.view.role_rows import entry_key

    case_id = case_id_of(demo_store, "Geriatriska kliniken Björkhagen")
    case = demo_store.store.case(case_id)
    assert case is not None
    (conflict,) = case.conflicts
    values = " / ".join(str(value) for value in conflict.values)
    said = (
        f"⚠ Konflikt i önskat datum för avtakning: {values} — två ändrade "
        "samtidigt. Ändra ärendet (e) och spara för att välja."
    )
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        assert "⚠ Geriatriska" in screen_text(app)
        assert said in flat_text(app)  # in the strip under the list
        await pilot.press("enter")  # the case: its heading says it first
        await pilot.pause()
        heading = " ".join(" ".join(screen_text(app).splitlines()[1:6]).split())
        assert said in heading
        await pilot.press("escape", "2")  # a role pane's strip
        await pilot.pause()
        assert await select_row(pilot, app, entry_key(case_id, "bevaka-fraga-svar"))
        assert said in flat_text(app)
