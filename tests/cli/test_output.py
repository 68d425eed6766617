"""What users read: names kept byte for byte in JSON and made harmless in text, the mailbox
message, and a light ``case list`` that never loads the dashboard (Textual)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import (
    HSA_ID,
    MAILBOX,
    Runner,
    add_case,
    case_list_json,
    ok,
    status_json,
)

ESC = "\x1b"
HOSTILE_UNIT = f"[red]x[/] {ESC}[2J"
SWEDISH_CAREGIVER = "Vårdgivare Åsa Öberg & Änglagård – ÅÄÖ åäö"
CLOSING = "2026-01-31"
REMOVAL = "2026-02-15"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str]:
    """A store (read-only for the tests) with a case whose names could drive a terminal."""
    run = Runner(tmp_path_factory.mktemp("output"))
    case_id = add_case(
        run,
        closing=CLOSING,
        unit=HOSTILE_UNIT,
        caregiver=SWEDISH_CAREGIVER,
        extra=("--removal", REMOVAL, "--level", "vardenhet", "--note", f"anteckning {ESC}]0;x"),
    )
    return run, case_id


def test_names_round_trip_byte_for_byte_in_case_show_json(hostile: tuple[Runner, str]) -> None:
    run, case_id = hostile
    result = ok(run("case", "show", case_id, "--json"))
    data = json.loads(result.stdout)
    assert data["unit"] == HOSTILE_UNIT
    assert data["caregiver"] == SWEDISH_CAREGIVER
    assert data["notes"][0]["text"] == f"anteckning {ESC}]0;x"
    assert ESC not in result.stdout  # JSON escapes it as \u001b
    assert "åäö" in result.stdout  # ... but not åäö: they are written as themselves


def test_names_round_trip_in_status_and_case_list_json(hostile: tuple[Runner, str]) -> None:
    run, case_id = hostile
    listed = {case["id"]: case for case in case_list_json(run, "--today", "2026-02-01")}
    assert listed[case_id]["unit"] == HOSTILE_UNIT
    assert listed[case_id]["caregiver"] == SWEDISH_CAREGIVER
    status = {case["id"]: case for case in status_json(run, "--today", "2026-02-01")["cases"]}
    assert status[case_id]["unit"] == HOSTILE_UNIT


@pytest.mark.parametrize(
    "command",
    [("case", "show", "{id}"), ("case", "list"), ("status",), ("mail", "{id}")],
    ids=["case-show", "case-list", "status", "mail"],
)
def test_text_output_shows_control_characters_escaped(
    hostile: tuple[Runner, str], command: tuple[str, ...]
) -> None:
    run, case_id = hostile
    result = ok(run(*(arg.format(id=case_id) for arg in command)))
    assert ESC not in result.stdout
    assert "[red]x[/] \\x1b[2J" in result.stdout  # markup shown literally, ESC as an escape
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout)


def test_case_show_text_shows_caregiver_and_note_as_given(hostile: tuple[Runner, str]) -> None:
    run, case_id = hostile
    text = ok(run("case", "show", case_id)).stdout
    assert SWEDISH_CAREGIVER in text
    assert "anteckning \\x1b]0;x" in text
    for key in (
        "vart-arbete",
        "bevaka-fraga-svar",
        "vardgivare-upphor",
        "sparrgrupp-upphor",
        "vardenhet-upphor",
        "hsa-verksamhet",
        "hsa-medarbetaruppdrag",
        "fil-i-fail",
    ):
        assert key in text


def test_mail_to_regional_mailbox_in_swedish(run: Runner) -> None:
    case_id = add_case(
        run,
        closing=CLOSING,
        caregiver="Region Stockholm",
        unit="Vårdcentralen Exempel",
        extra=("--removal", REMOVAL),
    )
    lines = ok(run("mail", case_id)).stdout.splitlines()
    assert lines[0] == f"Till: {MAILBOX}"
    assert lines[1].startswith("Ämne: Stängning av enhet")
    assert "Vårdgivare: Region Stockholm" in lines
    assert "Enhet: Vårdcentralen Exempel" in lines
    assert f"Enhetens HSA-ID: {HSA_ID}" in lines
    assert f"Stängningsdatum: {CLOSING}" in lines
    assert f"Önskemål om datum för avtakning: {REMOVAL}" in lines
    assert "Nivå: Enhet i EK/Vårdenhet i TC" in lines
    assert "Hela vårdgivaren upphör." not in lines


def test_mail_for_vardenhet_level_and_ceasing_caregiver(hostile: tuple[Runner, str]) -> None:
    run, case_id = hostile
    result = ok(run("mail", case_id))
    assert "Nivå: Vårdenhet i EK/Spärrgrupp i TC" in result.stdout.splitlines()
    assert f"Vårdgivare: {SWEDISH_CAREGIVER}" in result.stdout.splitlines()


def test_mail_without_removal_date_and_ceasing_caregiver(run: Runner) -> None:
    case_id = add_case(run, closing=CLOSING, extra=("--caregiver-ceases",))
    lines = ok(run("mail", case_id)).stdout.splitlines()
    assert "Önskemål om datum för avtakning: samma som stängningsdatum" in lines
    assert "Hela vårdgivaren upphör." in lines


def test_newline_in_a_name_cannot_forge_a_line_of_the_mail(run: Runner) -> None:
    case_id = add_case(run, closing=CLOSING, unit="VC Exempel\nStängningsdatum: 2099-01-01")
    lines = ok(run("mail", case_id)).stdout.splitlines()
    assert [line for line in lines if line.startswith("Stängningsdatum:")] == [
        f"Stängningsdatum: {CLOSING}"
    ]
    assert "Enhet: VC Exempel\\x0aStängningsdatum: 2099-01-01" in lines


def test_mail_stays_swedish_with_english_interface(hostile: tuple[Runner, str]) -> None:
    run, case_id = hostile
    swedish = ok(run("mail", case_id)).stdout
    assert ok(run("--lang", "en", "mail", case_id)).stdout == swedish


def imported_modules(importtime_stderr: str) -> set[str]:
    """Module names from ``python -X importtime`` ("import time: self | cumulative | name")."""
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_case_list_does_not_import_textual(hostile: tuple[Runner, str]) -> None:
    run, case_id = hostile
    result = run("case", "list", python_options=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert case_id in result.stdout
    modules = imported_modules(result.stderr)
    assert "tui.cli.main" in modules  # the probe sees the program's own imports
    assert {name for name in modules if name.split(".")[0] == "textual"} == set()


def test_status_does_not_import_textual(hostile: tuple[Runner, str]) -> None:
    run, _ = hostile
    result = run("status", "--json", python_options=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-2000:]
    modules = imported_modules(result.stderr)
    assert "tui.cli.main" in modules
    assert {name for name in modules if name.split(".")[0] == "textual"} == set()
