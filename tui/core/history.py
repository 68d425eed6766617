"""A case's history: every operation as who, when, which host, field, old value -> new value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import arrow

from tui.core.dates import TIMEZONE
from tui.core.operations import HybridClock, Ledger, Operation


@dataclass(frozen=True)
class HistoryEntry:
    op: Operation
    at: str  # ISO 8601 in Europe/Stockholm, from the writer's own wall clock
    old: Any
    new: Any

    @property
    def field(self) -> str:
        return self.op.field


def ms_to_iso(wall_ms: int) -> str:
    """Milliseconds since the epoch as ISO 8601 in Europe/Stockholm, to the second."""
    return str(arrow.get(wall_ms / 1000).to(TIMEZONE).replace(microsecond=0).isoformat())


def stamp_to_iso(hlc: str) -> str:
    """The clock's wall time as ISO 8601; the stamp itself when it is not a clock one can date
    (a malformed one kept in an old local view, or one beyond year 9999)."""
    try:
        wall_ms, _ = HybridClock.parse(hlc)
        return ms_to_iso(wall_ms)
    except (ValueError, OverflowError, OSError):
        return hlc


def when(op: Operation) -> str:
    """When the change was made, by its writer's own clock (not the ordering timestamp, which a
    host whose clock ran fast may have pushed ahead); from the stamp for older files."""
    if not op.wall:
        return stamp_to_iso(op.hlc)
    try:
        return ms_to_iso(op.wall)
    except (ValueError, OverflowError, OSError):
        return stamp_to_iso(op.hlc)


def case_history(ledger: Ledger, case_id: str) -> list[HistoryEntry]:
    """Oldest first. The old value is what the change replaced (the winner of its base)."""
    entries = []
    for op in ledger.history(case_id):
        replaced = [
            found for op_id in op.base if (found := ledger.op(case_id, op.field, op_id)) is not None
        ]
        old = max(replaced, key=lambda base: base.order_key).value if replaced else None
        entries.append(HistoryEntry(op, when(op), old, op.value))
    return entries
