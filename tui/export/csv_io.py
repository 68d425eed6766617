"""Closures as a spreadsheet file, written for Swedish Excel and read back from it.

Written: UTF-8 with a byte-order mark (without it Excel reads åäö as Windows-1252), ';' between
cells (Excel under Swedish regional settings, where ',' is the decimal mark, splits on ';'),
CRLF line ends, a ' before any cell Excel would run as a formula, control characters as escapes
(read back exactly by ``import csv``).
Read: UTF-8 with or without the mark, else Windows-1252 (Excel's "CSV (semikolonavgränsad)");
';', ',' or tab between cells, whichever splits the header into known columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from tui.core.csv_rows import KNOWN_COLUMNS, column_key, escape_cell
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.rules import CaseView

EXPORT_COLUMNS = (
    "id",
    "caregiver",
    "unit",
    "hsa_id",
    "closing",
    "removal",
    "level",
    "caregiver_ceases",
    "threshold",
    "phase",
)
DELIMITERS = (";", ",", "\t")
Rows = list[tuple[int, list[str]]]


def csv_row(view: CaseView, t: Translator) -> list[str]:
    """The case's row under EXPORT_COLUMNS."""
    case = view.case
    return [
        case.case_id,
        escape_cell(case.caregiver),
        escape_cell(case.unit),
        case.hsa_id,
        case.closing.isoformat(),
        case.removal.isoformat() if case.removal else "",
        case.level.value,
        t("cli.col.yes") if case.caregiver_ceases else t("cli.col.no"),
        view.threshold.isoformat(),
        t(f"phase.{view.phase.value}"),
    ]


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    """The rows under EXPORT_COLUMNS, as Excel opens them (semicolons, UTF-8 with BOM)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise Refusal("csv.encoding", detail=error) from None


def _known(first_line: str, delimiter: str) -> int:
    cells = next(csv.reader([first_line], delimiter=delimiter), [])
    return sum(column_key(cell) in KNOWN_COLUMNS for cell in cells)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most known columns (';' on a tie)."""
    first_line = text.split("\n", 1)[0].rstrip("\r")
    return max(DELIMITERS, key=lambda delimiter: _known(first_line, delimiter))


def read_table(data: bytes) -> tuple[list[str], Rows]:
    """The header and the non-blank rows, each with the line number it starts on."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    header: list[str] | None = None
    rows: Rows = []
    line = 1
    try:
        for cells in reader:
            if header is None:
                header = cells
            elif any(cell.strip() for cell in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise Refusal("csv.malformed", line=line, detail=error) from None
    if not header:
        raise Refusal("csv.empty")
    return header, rows
