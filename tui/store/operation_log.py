"""The one small interface the rest of the program sees of where operations are kept.

Today that is a folder on a shared drive (shared_log.SharedDriveLog); a database table with the
same merge rule could stand behind it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from tui.core.operations import Ledger, Operation
from tui.store.identity import Identity


class OperationLog(Protocol):
    identity: Identity
    clock_ms: Callable[[], int]  # this writer's wall clock, milliseconds since the epoch

    def attach(self, ledger: Ledger) -> None:
        """The ledger this log's operations are folded into."""

    def append(self, ops: Sequence[Operation], *, publish: bool = True) -> list[Operation]:
        """Make the operations durable; returns them as stored (with their sequence number).
        With publish, also try to pass them on at once."""

    def read_new(self) -> list[Operation]:
        """Operations not returned by an earlier call (all known ones on the first call)."""

    def close(self) -> None:
        """Save what needs saving and release files."""
