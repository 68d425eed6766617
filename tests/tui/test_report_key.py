"""r: the closure report from the case detail (and the lists), written whole to a file the user
may name; an unwritable place is one clear line and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import SIZE, AppFactory, StoreSetup, case_id_of, notices
from tui.app.dialogs.save_file import SaveFileDialog
from tui.app.screens.case_detail import CaseDetailScreen
from tui.app.widgets.row_list import RowList
from tui.core.template import default_template

ANGEN = "Barnavårdscentralen Ängen"


async def open_report_dialog(app: object, pilot: object, case_id: str) -> None:
    app.open_case(case_id)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, CaseDetailScreen)  # type: ignore[attr-defined]
    await pilot.press("r")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, SaveFileDialog)  # type: ignore[attr-defined]


async def test_r_writes_the_closure_report_with_every_item_and_check(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    monkeypatch.chdir(out)
    case_id = case_id_of(demo_store, ANGEN)
    case = demo_store.store.case(case_id)
    assert case is not None
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_report_dialog(app, pilot, case_id)
        path_input = app.screen.query_one("#save-path", Input)
        default = out / f"stangning-rapport-{case_id}-2026-11-25.md"
        assert path_input.value == str(default)  # shown, and it may be changed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
    report = default.read_text(encoding="utf-8")
    assert report.startswith(f"# Stängningsrapport: {ANGEN} ({case.hsa_id})")
    for item in default_template().items:
        assert f"{item.text('sv').activity} (`{item.key}`)" in report
    checks = [check for checks in case.checks.values() for check in checks]
    assert checks and all(check.at in report for check in checks)
    assert "## Historik" in report
    assert f"Rapporten sparad i {default}" in notices(app)


async def test_the_report_goes_where_the_user_says(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    folder = tmp_path / "arkiv"
    folder.mkdir()
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_report_dialog(app, pilot, case_id)
        app.screen.query_one("#save-path", Input).value = str(tmp_path / "ängen.md")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#save-path", Input).value = str(folder)  # a folder: name inside
        await pilot.press("enter")
        await pilot.pause()
    assert "Barnavårdscentralen Ängen" in (tmp_path / "ängen.md").read_text(encoding="utf-8")
    assert [path.name for path in folder.iterdir()] == [
        f"stangning-rapport-{case_id}-2026-11-25.md"
    ]


async def test_an_unwritable_place_is_one_line_and_leaves_nothing(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path
) -> None:
    case_id = case_id_of(demo_store, ANGEN)
    out = tmp_path / "ut"
    out.mkdir()
    blocker = out / "en-fil"
    blocker.write_text("inte en mapp", encoding="utf-8")
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_report_dialog(app, pilot, case_id)
        target = blocker / "rapport.md"  # its folder is a file
        app.screen.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
    (notice,) = [text for text in notices(app) if "Rapporten" in text]
    assert notice == f"Rapporten sparades inte i {target}: Not a directory"
    assert "\n" not in notice
    assert [path.name for path in out.iterdir()] == ["en-fil"]  # no temporary file left


async def test_escape_writes_nothing_and_the_palette_finds_the_report(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    monkeypatch.chdir(out)
    case_id = case_id_of(demo_store, ANGEN)
    app = app_for(demo_store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await open_report_dialog(app, pilot, case_id)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"rapport", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SaveFileDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape", "2")  # a role pane: r works on the selected item's case
        await pilot.pause()
        selected = app.screen.query_one(RowList).selected_key
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SaveFileDialog)
        assert selected is not None and selected.split("|")[0] in app.screen.default_path
    assert list(out.iterdir()) == []
