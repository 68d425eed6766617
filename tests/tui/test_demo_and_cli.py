"""The demo store covers every phase; the language files agree; only the dashboard loads
Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.tui.conftest import TODAY, StoreSetup
from tui.app.view.board import build_board
from tui.core.cadence import overdue_checks
from tui.core.i18n import catalog
from tui.core.rules import ItemStatus, Phase
from tui.core.template import default_template
from tui.store.share import Share


def test_the_demo_covers_every_phase_checks_late_items_and_a_real_conflict(
    demo_store: StoreSetup,
) -> None:
    board = build_board(demo_store.store.cases(), default_template(), TODAY, 7)
    views = [line.view for line in board.lines]
    assert {view.phase for view in views} == set(Phase)
    assert any(item.status is ItemStatus.OVERDUE for view in views for item in view.items)
    assert any(overdue_checks(view) for view in views)
    assert sum(len(item.checks) for view in views for item in view.items) > 40
    (conflicted,) = [view.case for view in views if view.case.conflicts]
    (conflict,) = conflicted.conflicts
    writers = {op.writer for op in conflict.ops}
    actors = {op.actor for op in conflict.ops}
    assert conflict.field == "case.removal" and len(writers) == 2 and len(actors) == 2


def test_every_dashboard_string_exists_in_both_languages() -> None:
    sv = {key for key in catalog("sv") if key.startswith(("app.", "error.app."))}
    en = {key for key in catalog("en") if key.startswith(("app.", "error.app."))}
    assert sv == en and len(sv) > 150


PROBE = """
import json, sys
from tui.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "textual": any(m.split(".")[0] == "textual" for m in sys.modules)}),
      file=sys.stderr)
"""


def run_probe(tmp_path: Path, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--store", str(tmp_path / "store"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    found: dict[str, object] = json.loads(result.stderr.strip().splitlines()[-1])
    return found


def test_case_list_does_not_import_textual(tmp_path: Path) -> None:
    Share(tmp_path / "store").create()
    assert run_probe(tmp_path, "case", "list") == {"code": 0, "textual": False}


def test_no_subcommand_without_a_terminal_is_one_line_not_a_crash(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("stangning: ") and len(result.stderr.splitlines()) == 1
