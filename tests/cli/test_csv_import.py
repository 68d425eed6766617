"""``stangning export csv`` and ``stangning import csv``: twenty (or fifty) closures at once, all
or nothing, never twice, and a round trip through a spreadsheet."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import PREFIX, Runner, add_case, assert_refused, case_list_json, ok, snapshot

HEADER = "caregiver;unit;hsa_id;closing;level;note"
BAD_INDEX = 36  # the 37th data row, on line 38 of the file


def hsa_id(index: int, *, check_digit: str = "6") -> str:
    return f"SE232100001{check_digit}-R{index:03d}"


def clinic_rows(*, bad: bool) -> str:
    """Fifty closures of one reorganised clinic; with ``bad``, row 37 has a wrong check digit."""
    lines = [HEADER]
    for index in range(50):
        digit = "7" if bad and index == BAD_INDEX else "6"
        lines.append(
            f"Region Stockholm;Mottagning {index + 1};{hsa_id(index, check_digit=digit)};"
            f"2026-12-{1 + index % 28:02d};enhet;omorganisation"
        )
    return "\r\n".join(lines) + "\r\n"


def test_fifty_rows_one_bad_imports_nothing_then_fifty_then_none(run: Runner) -> None:
    bad_file = run.base / "klinik-fel.csv"
    bad_file.write_text(clinic_rows(bad=True), encoding="utf-8-sig")
    before = snapshot(run.base)
    result = run("import", "csv", str(bad_file))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{PREFIX}rad 38: HSA-ID {hsa_id(BAD_INDEX, check_digit='7')}: kontrollsiffran i "
        "organisationsnumret 2321000017 stämmer inte",
        f"{PREFIX}felaktiga rader: 1 av 50; inget importerades",
    ]
    assert snapshot(run.base) == before  # nothing written, not even a store created

    good_file = run.base / "klinik.csv"
    good_file.write_text(clinic_rows(bad=False), encoding="utf-8-sig")
    result = ok(run("import", "csv", str(good_file)))
    assert result.stdout == (
        "Importen klar – nya ärenden: 50, fanns redan (hoppades över): 0, rader: 50\n"
    )
    cases = case_list_json(run, "--today", "2026-11-01")
    assert len(cases) == 50
    assert {case["hsa_id"] for case in cases} == {hsa_id(index) for index in range(50)}

    result = ok(run("import", "csv", str(good_file)))
    assert result.stdout == (
        "Importen klar – nya ärenden: 0, fanns redan (hoppades över): 50, rader: 50\n"
    )
    assert len(case_list_json(run, "--today", "2026-11-01")) == 50


def test_dry_run_checks_and_writes_nothing(run: Runner) -> None:
    add_case(run, closing="2026-12-01", hsa_id=hsa_id(0))
    file = run.base / "klinik.csv"
    file.write_text(clinic_rows(bad=False), encoding="utf-8")
    before = snapshot(run.store)
    result = ok(run("import", "csv", str(file), "--dry-run"))
    assert result.stdout == (
        "Provkörning, inget importerat – nya ärenden: 49, finns redan: 1, rader: 50\n"
    )
    assert snapshot(run.store) == before


def test_export_then_import_into_another_store_keeps_ids_and_fields(
    run: Runner, tmp_path: Path
) -> None:
    first = add_case(
        run,
        closing="2026-12-01",
        unit='=HYPERLÄNK("x") Öst',
        caregiver="Vårdgivare; Åsa",
        extra=("--removal", "2026-12-20", "--level", "vardenhet", "--caregiver-ceases"),
    )
    second = add_case(run, closing="2027-01-15", hsa_id="SE5565594230-YJ54")
    exported = run.base / "ut.csv"
    assert ok(run("export", "csv", "-o", str(exported))).stdout == (
        f"Ärendena skrivna till {exported} (ärenden: 2)\n"
    )
    data = exported.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;caregiver;unit;hsa_id;closing;")
    assert b"'=HYPERL" in data  # Excel would run it as a formula without the '

    (tmp_path / "other").mkdir()
    other = Runner(tmp_path / "other")
    result = ok(other("import", "csv", str(exported)))
    assert "nya ärenden: 2," in result.stdout
    keys = ("id", "unit", "caregiver", "hsa_id", "closing", "removal", "level", "caregiver_ceases")
    original = {case["id"]: {k: case[k] for k in keys} for case in case_list_json(run)}
    copied = {case["id"]: {k: case[k] for k in keys} for case in case_list_json(other)}
    assert copied == original
    assert set(copied) == {first, second}
    assert (
        "nya ärenden: 0, fanns redan (hoppades över): 2"
        in ok(run("import", "csv", str(exported))).stdout
    )


def test_comma_separated_utf8_without_bom_is_read(run: Runner) -> None:
    file = run.base / "komma.csv"
    file.write_text(
        'HSA-ID,Closing,Unit,Caregiver\nSE2321000016-K1,2026-12-01,"Vård, Öst",Region\n',
        encoding="utf-8",
    )
    ok(run("import", "csv", str(file)))
    [case] = case_list_json(run)
    assert (case["unit"], case["hsa_id"]) == ("Vård, Öst", "SE2321000016-K1")


def test_stdout_export_is_the_same_file(run: Runner) -> None:
    add_case(run, closing="2026-12-01")
    exported = run.base / "ut.csv"
    ok(run("export", "csv", "-o", str(exported)))
    result = run("export", "csv")
    assert result.stdout.encode("utf-8").replace(b"\n", b"\r\n") == exported.read_bytes()


def test_a_bad_header_is_one_line_and_nothing_written(run: Runner) -> None:
    file = run.base / "fel.csv"
    file.write_text(
        "vårdgivare;unit;hsa_id;closing\nR;A;SE2321000016-A1;2026-12-01\n", encoding="utf-8"
    )
    assert_refused(run("import", "csv", str(file)), "okänd kolumn vårdgivare")
    assert not any((run.store / "ops").iterdir())  # nothing written


def test_a_missing_file_is_one_line(run: Runner) -> None:
    assert_refused(run("import", "csv", "finns-inte.csv"), "finns-inte.csv")


def test_an_imported_row_keeps_its_note_and_level(run: Runner) -> None:
    """Imported cases are ordinary cases: case show has the note the row carried."""
    file = run.base / "en.csv"
    file.write_text(
        f"{HEADER}\nR;A;SE2321000016-A1;2026-12-01;vardenhet;flyttar till B\n", encoding="utf-8"
    )
    ok(run("import", "csv", str(file)))
    [case] = case_list_json(run)
    shown = json.loads(ok(run("case", "show", case["id"], "--json")).stdout)
    assert [note["text"] for note in shown["notes"]] == ["flyttar till B"]
    assert shown["level"] == "vardenhet"


# Names a CLI user can type (no NUL: no program receives one in an argument) that a terminal,
# a spreadsheet or an escape scheme could each take for something else (issue 12, item 15).
AWKWARD_NAMES = [
    "Enhet\x1b[2J\x1b]0;titel\x07",
    "VC\r\nÖst\tvästra",
    "C:\\x41 och \\x1b som text",
    "\\x5c\\\\x1b\\",
    "'=SUMMA(A1)",
    '=HYPERLÄNK("x")',
    "-46 \x7f\x85 slut",
    " mellanslag runt ",
]


def test_awkward_names_come_back_from_export_and_import_exactly(
    run: Runner, tmp_path: Path
) -> None:
    for index, name in enumerate(AWKWARD_NAMES):
        add_case(run, closing="2026-12-01", unit=name, caregiver=name[::-1],
                 hsa_id=f"SE2321000016-N{index}")  # fmt: skip
    exported = run.base / "ut.csv"
    ok(run("export", "csv", "-o", str(exported)))
    text = exported.read_text(encoding="utf-8-sig")
    assert "\x1b" not in text and "\x7f" not in text  # shown as escapes, never acted on
    assert "Enhet\\x1b[2J" in text
    (tmp_path / "other").mkdir()
    other = Runner(tmp_path / "other")
    ok(other("import", "csv", str(exported)))
    names = {(case["unit"], case["caregiver"]) for case in case_list_json(other)}
    assert names == {(name, name[::-1]) for name in AWKWARD_NAMES}
