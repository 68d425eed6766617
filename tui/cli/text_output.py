"""Plain-text output: aligned tables, and user data made safe for a terminal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.core.printable import escape_controls

safe = escape_controls  # user data in plain-text output


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
