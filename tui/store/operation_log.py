"""The one small interface the rest of the program sees of where operations are kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tui.core.operations import Operation


class OperationLog(Protocol):
    def append(self, ops: Sequence[Operation]) -> None:
        """Make the operations durable; when this returns they survive a crash."""

    def read_new(self) -> list[Operation]:
        """Operations not returned by an earlier call (all of them on the first call)."""

    def close(self) -> None:
        """Release files and handles."""
