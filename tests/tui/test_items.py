"""Keys on items: space (done, with a note), c (check), u (undo), gates shown and refused."""

from __future__ import annotations

from tests.tui.conftest import (
    SIZE,
    TODAY,
    AppFactory,
    StoreSetup,
    case_id_of,
    flat_text,
    notices,
    screen_text,
    select_row,
    until,
)
from tui.app import StangningApp
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.note_prompt import NotePrompt
from tui.app.screens.case_detail import CaseDetailScreen
from tui.app.screens.role_pane import RolePaneScreen
from tui.app.widgets.row_list import RowList
from tui.cli.case_text import case_detail_text
from tui.core.cadence_text import cadence_text
from tui.core.case import ItemState
from tui.core.i18n import Translator
from tui.core.rules import evaluate
from tui.core.template import default_template

ANGEN = "Barnavårdscentralen Ängen"


async def test_done_from_the_unit_pane_persists_through_the_store(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    app = app_for(demo_store, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, RolePaneScreen)
        text = screen_text(app)
        assert "Försenade (3)" in text and "Väntar på sitt datum" in text
        assert app.screen.query_one(RowList).selected_key == f"{case_id}|vart-arbete"
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, NotePrompt)
        assert "Ta hand om Vårt arbete" in screen_text(app)
        await pilot.press(*"12 utkast borttagna", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RolePaneScreen)
        assert "Försenade (2)" in screen_text(app)
        # Recorded at once in the local outbox, published by the background poll.
        assert await until(pilot, lambda: demo_store.store.log.pending_count() == 0)  # type: ignore[attr-defined]
    record = demo_store.other_writer().case(case_id).item("vart-arbete")  # type: ignore[union-attr]
    assert record.state is ItemState.DONE and record.note == "12 utkast borttagna"


async def test_a_gated_item_is_refused_with_its_date(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert await select_row(pilot, app, f"{case_id}|hsa-verksamhet")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        line = next(line for line in lines if "Barnavård" in line and "HSA verksamhet" in line)
        assert "tidigast 2027-02-13 (om 80 d)" in line  # the gate is shown before any key
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, RolePaneScreen)  # no dialog: refused at once
        assert any(
            "punkten HSA verksamhet får göras tidigast 2027-02-13" in notice
            and "om 80 dagar" in notice
            for notice in notices(app)
        )  # the item by its name, not its key
    assert demo_store.store.case(case_id).item("hsa-verksamhet").state is ItemState.OPEN  # type: ignore[union-attr]
    assert demo_store.store.log.pending_count() == 0  # type: ignore[attr-defined]


async def test_check_records_a_monitoring_check(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, "Rehabenheten Solsidan")
    before = len(demo_store.store.case(case_id).checks["bevaka-fraga-svar"])  # type: ignore[union-attr]
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert await select_row(pilot, app, f"{case_id}|bevaka-fraga-svar")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NotePrompt)
        await pilot.press(*"inga nya", "enter")
        await pilot.pause()
        text = screen_text(app)
    checks = demo_store.store.case(case_id).checks["bevaka-fraga-svar"]  # type: ignore[union-attr]
    assert len(checks) == before + 1 and checks[-1].note == "inga nya"
    assert "nästa kontroll 2026-12-02" in text  # no longer late: the next is a week away


def flat_lines(app: StangningApp) -> str:
    """The screen's lines, each stripped, one per line."""
    return "\n".join(line.strip() for line in screen_text(app).splitlines()) + "\n"


async def test_undo_asks_first_then_opens_the_item_again(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, "Vårdcentralen Tallkrogen")
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        assert "12 utkast borttagna, 3 dolda" in screen_text(app)  # item 1's note, selected first
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert demo_store.store.case(case_id).item("vart-arbete").state is ItemState.DONE  # type: ignore[union-attr]
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("enter")  # yes
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        assert "!! försenad" in screen_text(app)  # open again, and late: D has passed
        # Nobody has done it now: the row and the status name no doer (it said "root").
        row = next(line for line in screen_text(app).splitlines() if "Vårt arbete" in line)
        assert "root" not in row
        assert "Status: !! försenad\n" in flat_lines(app)
    assert demo_store.store.case(case_id).item("vart-arbete").state is ItemState.OPEN  # type: ignore[union-attr]
    shown = case_detail_text(
        evaluate(demo_store.store.case(case_id), default_template(), TODAY),  # type: ignore[arg-type]
        default_template(),
        Translator("sv"),
    )
    row = next(line for line in shown.splitlines() if line.startswith("vart-arbete "))
    assert "root" not in row


async def test_case_detail_shows_items_fields_instructions_and_history(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    app = app_for(demo_store)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        app.open_case(case_id, "fil-i-fail")
        await pilot.pause()
        text = screen_text(app)
    for expected in (
        "1 !! försenad",
        "Kontroll av fil i fail",
        "Inlästningslogg",  # the item's instructions (the seed's spelling)
        "Type: show all types",
        "SE5565594230",
        "Stängningsdatum (D)",
        "2027-02-13",
        "Historik",
        "bengt.ek@forv-jump-01",
    ):
        assert expected in text, expected


async def test_escape_leaves_the_case_and_digits_switch_panes(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.pane_name == "overview"  # type: ignore[attr-defined]
        await pilot.press("enter", "3")
        await pilot.pause()
        assert app.screen.pane_name == "caregiver_admin"  # type: ignore[attr-defined]
        assert "Vårdgivarspecifik förvaltning" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.pane_name == "overview"  # type: ignore[attr-defined]


async def test_a_role_pane_shows_the_selected_item_in_full_below(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, "Rehabenheten Solsidan")
    case = demo_store.store.case(case_id)
    assert case is not None
    view = evaluate(case, default_template(), TODAY)
    item = view.item("bevaka-fraga-svar")
    cadence = item.cadence
    assert cadence is not None
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert await select_row(pilot, app, f"{case_id}|bevaka-fraga-svar")
        await pilot.pause()
        text = screen_text(app)
        flat = flat_text(app)
    row = next(line for line in text.splitlines() if line.startswith(" !! Rehabenheten"))
    assert "för 32 dagar sedan" not in row  # cut in the list at 80 columns …
    assert "Rehabenheten Solsidan · SE5565594230-13NU · Vårdgivare: Region Stockholm" in text
    assert (
        "!! försenad Bevaka fråga/svar (kontroll) — Bevaka Fråga/svar i Vårt arbete i TakeCare"
        in flat
    )
    # the check's state in the same words as `stangning status` and the report
    assert cadence_text(cadence, Translator("sv")) in flat
    assert "kontroll försenad 25 d · senast kontrollerad för 32 dagar sedan" in flat


async def test_enter_opens_the_case_on_the_item_from_a_role_pane_and_on_item_1_from_the_overview(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    case_id = case_id_of(demo_store, "Vårdcentralen Tallkrogen")
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        from_overview = app.screen.query_one(RowList).selected_key
        await pilot.press("3")
        await pilot.pause()
        assert await select_row(pilot, app, f"{case_id}|fil-i-fail")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        from_pane = app.screen.query_one(RowList).selected_key
    assert (from_overview, from_pane) == ("vart-arbete", "fil-i-fail")


async def test_each_note_dialog_suggests_a_note_for_its_own_item(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """Every note dialog showed "t.ex. 12 utkast borttagna", even for HSA items and checks
    (issue 12, item 10)."""
    solsidan = case_id_of(demo_store, "Rehabenheten Solsidan")
    stranden = case_id_of(demo_store, "Ortopedmottagningen Stranden")
    app = app_for(demo_store)
    shown: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for pane, key, item, name in (
            ("2", "c", f"{solsidan}|bevaka-fraga-svar", "check"),
            ("3", "c", f"{solsidan}|fil-i-fail", "file check"),
            ("4", "space", f"{stranden}|hsa-medarbetaruppdrag", "hsa"),
        ):
            await pilot.press(pane)
            await pilot.pause()
            assert await select_row(pilot, app, item)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, NotePrompt)
            shown[name] = screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
    assert "t.ex. inga nya frågor" in shown["check"]
    assert "t.ex. 1 fil skickad igen, inga kvar" in shown["file check"]
    assert "t.ex. 8 medarbetaruppdrag borttagna" in shown["hsa"]
    assert not any("utkast" in text for text in shown.values())


def test_every_item_has_a_note_example_and_every_watch_one_for_its_check() -> None:
    template = default_template()
    for lang in ("sv", "en"):
        t = Translator(lang)
        for spec in template.items:
            assert t(f"app.note_hint.done.{spec.key}")
            if spec.monitored:
                assert t(f"app.note_hint.check.{spec.key}")


async def test_a_closure_completed_here_stays_in_the_list_marked_done(
    demo_store: StoreSetup, app_for: AppFactory
) -> None:
    """A completed case left the list with only a toast (issue 12, item 15)."""
    case_id = case_id_of(demo_store, "Ortopedmottagningen Stranden")  # one item left
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert await select_row(pilot, app, f"{case_id}|hsa-medarbetaruppdrag")
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        said = notices(app)[-1]
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
    assert "stängningen av Ortopedmottagningen Stranden är klar" in said
    row = next(line for line in text.splitlines() if "Ortopedmottagningen" in line)
    assert row.startswith(" ✓  klar"), row
    assert "Aktiva stängningar: 7" in text  # counted as complete, shown as done
