"""The spreadsheet file itself: what Swedish Excel writes and reads (BOM, ';', Windows-1252),
and the line numbers that bad rows are named by."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.conftest import make_case, view_of
from tui.core.csv_rows import read_header, read_row
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.export.csv_io import csv_bytes, csv_row, read_table

HEADER = ["caregiver", "unit", "hsa_id", "closing"]


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        pytest.param(
            b"caregiver;unit;hsa_id;closing\r\nR;A, B;SE2321000016-AA1;2026-12-15\r\n",
            [(2, ["R", "A, B", "SE2321000016-AA1", "2026-12-15"])],
            id="semicolons-crlf",
        ),
        pytest.param(
            b'caregiver,unit,hsa_id,closing\nR,"A; B",SE2321000016-AA1,2026-12-15\n',
            [(2, ["R", "A; B", "SE2321000016-AA1", "2026-12-15"])],
            id="commas",
        ),
        pytest.param(
            b"caregiver\tunit\thsa_id\tclosing\nR\tA\tSE2321000016-AA1\t2026-12-15\n",
            [(2, ["R", "A", "SE2321000016-AA1", "2026-12-15"])],
            id="tabs",
        ),
        pytest.param(
            "\ufeffcaregiver;unit;hsa_id;closing\nÅsa;Öst;SE2321000016-AA1;2026-12-15\n".encode(),
            [(2, ["Åsa", "Öst", "SE2321000016-AA1", "2026-12-15"])],
            id="utf8-with-bom",
        ),
        pytest.param(
            "caregiver;unit;hsa_id;closing\nÅsa;Öst;SE2321000016-AA1;2026-12-15\n".encode("cp1252"),
            [(2, ["Åsa", "Öst", "SE2321000016-AA1", "2026-12-15"])],
            id="windows-1252",
        ),
        pytest.param(
            b'caregiver;unit;hsa_id;closing\n\nR;"two\nlines";SE2321000016-AA1;2026-12-15\n'
            b";;;\nR;C;SE2321000016-AA3;2026-12-15\n",
            [
                (3, ["R", "two\nlines", "SE2321000016-AA1", "2026-12-15"]),
                (6, ["R", "C", "SE2321000016-AA3", "2026-12-15"]),
            ],
            id="blank-rows-skipped-lines-counted",
        ),
    ],
)
def test_read_table(data: bytes, rows: list[tuple[int, list[str]]]) -> None:
    header, found = read_table(data)
    assert header == HEADER
    assert found == rows


@pytest.mark.parametrize(("data", "code"), [(b"", "csv.empty"), (b'a;"b\n', "csv.malformed")])
def test_unreadable_table(data: bytes, code: str) -> None:
    with pytest.raises(Refusal) as caught:
        read_table(data)
    assert caught.value.code == code


def test_export_is_for_swedish_excel() -> None:
    case = make_case(unit="=SUMMA(A1)", caregiver="Region; Stockholm")
    data = csv_bytes([csv_row(view_of(case, case.closing), Translator("sv"))])
    assert data.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark
    lines = data.decode("utf-8-sig").split("\r\n")
    assert (
        lines[0]
        == "id;caregiver;unit;hsa_id;closing;removal;level;caregiver_ceases;threshold;phase"
    )
    assert lines[1] == (
        'k7f3qa;"Region; Stockholm";\'=SUMMA(A1);SE2321000016-A2G8;2026-01-31;;enhet;nej;'
        "2026-04-30;bevakning"
    )
    assert lines[2] == ""


def test_export_shows_control_characters_as_escapes() -> None:
    case = make_case(unit="Enhet\x1b[2J")
    data = csv_bytes([csv_row(view_of(case, case.closing), Translator("en"))])
    assert b"\x1b" not in data
    assert ";Enhet\\x1b[2J;" in data.decode("utf-8-sig")


# --- issue 12, item 15: names come back from a round trip exactly -----------------------------

AWKWARD = st.text(
    st.characters(blacklist_categories=("Cs",)),  # every code point a name can hold
    min_size=1,
    max_size=40,
).filter(str.strip) | st.sampled_from(
    [
        "Enhet\x1b[2J",  # an escape sequence
        "VC\r\nÖst",
        "\tTabb",
        "C:\\x41 och \\x1b som text",  # backslash escapes typed as text
        "\\x5c",
        "\\\\x1b",
        "'=SUMMA(A1)",
        "=SUMMA(A1)",
        "''",
        "\x85\x7f\x00",
        " mellanslag ",
    ]
)


@settings(max_examples=300)
@given(unit=AWKWARD, caregiver=AWKWARD)
def test_names_come_back_from_the_file_exactly(unit: str, caregiver: str) -> None:
    view = view_of(make_case(unit=unit, caregiver=caregiver), make_case().closing)
    data = csv_bytes([csv_row(view, Translator("sv"))])
    printed = data.decode("utf-8-sig")
    assert not [c for c in printed if unicodedata.category(c) == "Cc" and c not in "\t\r\n"]
    header, [(_, cells)] = read_table(data)
    row = read_row(2, cells, read_header(header))
    assert (row.fields.unit, row.fields.caregiver) == (unit, caregiver)
    assert row.case_id == view.case.case_id
