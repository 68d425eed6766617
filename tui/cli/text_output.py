"""Plain-text output: aligned tables, and user data made safe for a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tui.core.printable import safe


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


def json_item(data: Any) -> str:
    """``data`` as to_json writes it as an item of a list: ``"[\n" + ",\n".join(items) +
    "\n]"`` is to_json of the list."""
    return "  " + to_json(data).replace("\n", "\n  ")


def json_list(items: Iterable[bytes]) -> Iterator[str]:
    """The list of json_item texts (in UTF-8) as to_json prints it, line end included."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item.decode("utf-8")
        first = False
    yield "[]\n" if first else "\n]\n"


def write_stdout(chunks: Iterable[bytes]) -> None:
    """Bytes on standard output, after anything printed before them."""
    sys.stdout.flush()
    for chunk in chunks:
        sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
