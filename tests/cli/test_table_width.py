"""CLI tables as a user at an 80-column terminal sees them: every line fits, cut cells end in
"…", the start of the next step, the ids and the dates stay whole; ``--wide`` and output to a
pipe or a file keep every cell in full (issue 12, item 6)."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from tests.cli.conftest import Runner, ok, today
from tests.cli.terminal import Terminal
from tui.demo import build_demo

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The demo's closures as they stand today: long unit names, checks, every phase."""
    run = Runner(tmp_path_factory.mktemp("tables"))
    build_demo(run.store, run.base / "writers", today())
    return run


def on_terminal(
    run: Runner, *args: str, columns: int = 80, env: dict[str, str] | None = None
) -> str:
    """What the command shows on a terminal ``columns`` wide (lines without their ends)."""
    with Terminal(run, *args, columns=columns, env=env) as term:
        text = term.read_all()
        assert term.wait() == 0, text
    return text.replace("\r\n", "\n")


def too_wide(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > width]


ROLES = {"unit": "Enheten", "caregiver_admin": "Förvaltning", "ek_hsa": "EK/HSA"}


def test_status_fits_80_columns_and_keeps_the_next_steps_start(demo: Runner) -> None:
    full = ok(demo("status")).stdout  # piped: in full
    shown = on_terminal(demo, "status")
    assert too_wide(full, 80), "the demo's status is wider than 80 in full"
    assert too_wide(shown, 80) == []
    assert "…" in shown  # what is cut says so
    header = next(line for line in shown.splitlines() if line.startswith("Läge"))
    assert header.split() == ["Läge", "ID", "Enhet", "Nedräkning", "Nästa", "steg"]
    cases = json.loads(ok(demo("status", "--json")).stdout)["cases"]
    assert len(cases) >= 8
    for case in cases:
        (row,) = [line for line in shown.splitlines() if f"  {case['id']}  " in line]
        step = case["next_step"]
        assert f"{ROLES[step['role']]}: {step['item']}" in row, row  # whose move, which item
        assert row.startswith(("försenad", "att göra")), row
        assert re.search(r"  [DT] (om \d+ d|passerad)  ", row), row  # the countdown whole
        assert case["unit"][:10] in row  # the unit's name keeps its start


def test_the_checks_table_under_status_fits_too(demo: Runner) -> None:
    shown = on_terminal(demo, "status")
    checks = shown.split("Kontroller (intervall", 1)[1]
    assert "kontroll försenad" in checks and "senast kontrollerad för" in checks
    assert too_wide(checks, 80) == []


def test_wide_and_piped_status_keep_every_cell_in_full(demo: Runner) -> None:
    piped = ok(demo("status")).stdout
    wide = on_terminal(demo, "status", "--wide")
    assert wide.strip() == piped.strip()
    assert "…" not in piped
    assert "Förvaltning: fil-i-fail (kontroll)" in piped
    assert "Geriatriska kliniken Björkhagen" in piped and "klar för EK/HSA" in piped


def test_columns_env_is_honoured_on_a_wide_terminal(demo: Runner) -> None:
    shown = on_terminal(demo, "status", columns=200, env={"COLUMNS": "80"})
    assert too_wide(shown, 80) == [] and "…" in shown


def test_a_wider_terminal_shows_more_never_less(demo: Runner) -> None:
    at_100 = on_terminal(demo, "status", columns=100)
    at_140 = on_terminal(demo, "status", columns=140)
    assert too_wide(at_100, 100) == [] and too_wide(at_140, 140) == []
    # At 100 the unit and the next step are whole; at 140 the HSA-ID and the phase join them.
    assert "Geriatriska kliniken Björkhagen" in at_100 and "(kontroll)" in at_100
    assert "HSA-ID" not in at_100
    assert "Geriatriska kliniken Björkhagen" in at_140 and "(kontroll)" in at_140
    assert "HSA-ID" in at_140 and "Fas" in at_140


def test_case_list_fits_and_never_breaks_a_date(demo: Runner) -> None:
    full = ok(demo("case", "list")).stdout
    shown = on_terminal(demo, "case", "list")
    assert too_wide(full, 80) and too_wide(shown, 80) == []
    body = shown.splitlines()[1:]
    assert body and all(len(ISO_DATE.findall(line)) == 1 for line in body)
    assert "Geriatriska kliniken Björkhagen" in shown  # the unit's name whole at 80
    assert shown.splitlines()[0].split() == ["ID", "Enhet", "D", "Fas"]
    assert ok(demo("case", "list", "--wide")).stdout == full
    assert on_terminal(demo, "case", "list", "--wide").strip() == full.strip()


def test_case_show_and_history_tables_fit(demo: Runner) -> None:
    cases = [line.split()[0] for line in ok(demo("case", "list")).stdout.splitlines()[1:]]
    for case_id in cases[:3]:
        shown = on_terminal(demo, "case", "show", case_id)
        table = shown.split("\n\n")[1]  # the items' table, after the fields
        assert table.startswith("Punkt") and too_wide(table, 80) == []
        history = on_terminal(demo, "case", "history", case_id)
        assert too_wide(history, 80) == [], history
        full = ok(demo("case", "history", case_id)).stdout
        assert too_wide(full, 80) and ISO_DATE.search(history)


def test_in_english_the_longer_role_names_keep_the_items_key_whole(demo: Runner) -> None:
    shown = on_terminal(demo, "--lang", "en", "status")
    assert too_wide(shown, 80) == []
    roles = {"unit": "Unit", "caregiver_admin": "Caregiver admin", "ek_hsa": "EK/HSA"}
    for case in json.loads(ok(demo("status", "--json")).stdout)["cases"]:
        (row,) = [line for line in shown.splitlines() if f"  {case['id']}  " in line]
        step = case["next_step"]
        assert f"{roles[step['role']]}: {step['item']}" in row, row
