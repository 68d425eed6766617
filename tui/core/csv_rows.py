"""The rows of a closure spreadsheet (``stangning import csv``) checked one by one.

The file's first row names the columns (any order, any case): ``caregiver``, ``unit``,
``hsa_id``, ``closing`` are required; ``removal``, ``level``, ``caregiver_ceases``, ``note`` and
``id`` may be there. ``threshold``, ``phase`` and ``status``, which ``export csv`` adds for the
reader, are ignored. Each data row is validated like ``case add``; a problem is a Refusal tied to
the row's line number in the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.case_fields import CaseFields, validate_case_fields, validate_text
from tui.core.errors import Refusal
from tui.core.printable import escape_controls

REQUIRED_COLUMNS = ("caregiver", "unit", "hsa_id", "closing")
OPTIONAL_COLUMNS = ("id", "removal", "level", "caregiver_ceases", "note")
IGNORED_COLUMNS = ("threshold", "phase", "status")
KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + IGNORED_COLUMNS

YES = frozenset({"ja", "j", "yes", "y", "true", "1", "x"})
NO = frozenset({"", "nej", "n", "no", "false", "0"})
CASE_ID = re.compile(r"[a-z0-9]{1,32}")
# Spreadsheets run a cell starting with one of these as a formula; export puts a ' in front.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CaseRow:
    """A valid row: the case it describes."""

    line: int
    fields: CaseFields
    case_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class BadRow:
    line: int
    refusal: Refusal


def column_key(name: str) -> str:
    """A header cell as a column key: "HSA-ID" and "hsa id" are both hsa_id."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def read_header(header: Sequence[str]) -> dict[str, int]:
    """Column key -> position; a Refusal naming an unknown, repeated or missing column."""
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        key = column_key(name)
        if key not in KNOWN_COLUMNS:
            raise Refusal("csv.unknown_column", column=name, columns=", ".join(KNOWN_COLUMNS))
        if key in positions:
            raise Refusal("csv.repeated_column", column=name)
        positions[key] = position
    missing = [key for key in REQUIRED_COLUMNS if key not in positions]
    if missing:
        raise Refusal("csv.missing_columns", columns=", ".join(missing))
    return positions


def unescape_formula(cell: str) -> str:
    """Undo export's protection: "'=x" was written for "=x", "''=x" for "'=x"."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell


def escape_formula(cell: str) -> str:
    """A ' before a cell a spreadsheet would run as a formula (and before one that starts
    with ' and then a formula, so that reading it back takes off only the one added)."""
    return f"'{cell}" if cell.lstrip("'").startswith(FORMULA_START) else cell


# A control character in a cell is written as the escape every front end shows (\x1b), and a
# backslash that would read as such an escape as \x5c: reading the escapes back is then exact.
ESCAPE = re.compile(r"\\x([0-9a-f]{2})")
BACKSLASH_BEFORE_ESCAPE = re.compile(r"\\(?=x[0-9a-f]{2})")
BACKSLASH = 0x5C


def escape_cell(text: str) -> str:
    """User text as a spreadsheet cell: control characters as visible escapes (a terminal
    showing the file is not driven by them), formulas defused; ``unescape_cell`` gives the
    text back exactly (newlines and tabs stay as they are: the file quotes them)."""
    return escape_formula(
        escape_controls(BACKSLASH_BEFORE_ESCAPE.sub(r"\\x5c", text), keep_newlines=True)
    )


def unescape_cell(cell: str) -> str:
    """The text ``escape_cell`` wrote (any other cell as it is, but for a ' before a formula)."""

    def char(match: re.Match[str]) -> str:
        code = int(match[1], 16)
        escaped = code == BACKSLASH or unicodedata.category(chr(code)) == "Cc"
        return chr(code) if escaped else match[0]

    return ESCAPE.sub(char, unescape_formula(cell))


def parse_yes_no(raw: str) -> bool:
    value = raw.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise Refusal("csv.yes_no", column="caregiver_ceases", value=raw)


def validate_case_id(raw: str) -> str | None:
    value = raw.strip()
    if not value:
        return None
    if not CASE_ID.fullmatch(value):
        raise Refusal("csv.case_id", value=raw)
    return value


def read_row(line: int, cells: Sequence[str], columns: dict[str, int]) -> CaseRow:
    """The row's case; a Refusal (the first problem found) when a cell is not valid."""
    width = max(columns.values()) + 1
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        raise Refusal("csv.extra_cells", count=len(cells), columns=width)

    def cell(key: str) -> str:
        position = columns.get(key)
        if position is None or position >= len(cells):
            return ""
        return unescape_cell(cells[position])

    note = cell("note")
    fields = validate_case_fields(
        caregiver=cell("caregiver"),
        unit=cell("unit"),
        hsa_id=cell("hsa_id").strip(),
        closing=cell("closing"),
        removal=cell("removal").strip() or None,
        level=cell("level").strip() or None,
        caregiver_ceases=parse_yes_no(cell("caregiver_ceases")),
    )
    return CaseRow(
        line=line,
        fields=fields,
        case_id=validate_case_id(cell("id")),
        note=validate_text("note", note) if note.strip() else None,
    )


def read_rows(
    rows: Sequence[tuple[int, Sequence[str]]], columns: dict[str, int]
) -> tuple[list[CaseRow], list[BadRow]]:
    """Every row checked (not only up to the first bad one), in file order."""
    if not rows:
        raise Refusal("csv.empty")
    good: list[CaseRow] = []
    bad: list[BadRow] = []
    for line, cells in rows:
        try:
            good.append(read_row(line, cells, columns))
        except Refusal as refusal:
            bad.append(BadRow(line, refusal))
    return good, bad
