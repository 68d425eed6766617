"""Plain-text output: aligned tables, and user data made safe for a terminal."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any


def safe(text: object, *, keep_newlines: bool = False) -> str:
    """User data with control characters shown as escapes, so a name cannot drive the terminal."""
    kept = "\t\n" if keep_newlines else "\t"
    return "".join(
        char if unicodedata.category(char) != "Cc" or char in kept else f"\\x{ord(char):02x}"
        for char in str(text)
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[safe(cell) for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    lines = [headers, *cells]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
