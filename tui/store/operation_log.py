"""The one small interface the rest of the program sees of where operations are kept.

Today that is a folder on a shared drive (shared_log.SharedDriveLog); a database table with the
same merge rule could stand behind it too.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tui.core.case import Case, UnsupportedCase
from tui.core.operations import Ledger, Operation
from tui.store.archive import SnapshotCases
from tui.store.identity import Identity
from tui.store.read_position import ReadPosition


@dataclass
class Delta:
    """What one look at the local folder and the share found."""

    ops: list[Operation] = field(default_factory=list)  # new here: folded as changes
    loaded: list[Operation] = field(default_factory=list)  # from the local view: saved already
    latest: str = ""  # the local view's highest timestamp (of archived cases' too)
    # Snapshots' complete cases, still packed (read from the share by a new host).
    archive: list[SnapshotCases] = field(default_factory=list)
    marks: dict[str, set[int]] = field(default_factory=dict)  # batch files read or set aside
    covers: dict[str, int] = field(default_factory=dict)  # coverage of snapshots folded
    snapshots: set[str] = field(default_factory=set)  # snapshots looked at
    segments: list[tuple[str, int, int]] = field(default_factory=list)  # (writer, lo, hi) read
    positions: dict[str, ReadPosition] | None = None  # the local view's, on the first read
    quarantined: list[str] = field(default_factory=list)

    def mark(self, writer: str, seq: int) -> None:
        self.marks.setdefault(writer, set()).add(seq)

    def __bool__(self) -> bool:
        return bool(
            self.ops
            or self.loaded
            or self.archive
            or self.marks
            or self.covers
            or self.segments
            or self.positions
        )


@dataclass
class SyncReport:
    published: int = 0
    read: int = 0
    pending: int = 0
    reachable: bool = True
    problem: str | None = None  # the share's cause (see ShareUnavailable), or "collision"
    quarantined: list[str] = field(default_factory=list)
    newer: int = 0  # files a newer stangning wrote, kept and not read


class OperationLog(Protocol):
    identity: Identity

    @property
    def local_folder(self) -> Path:
        """This host's own folder (the outbox, the local view)."""

    def clock_ms(self) -> int:
        """This writer's wall clock, milliseconds since the epoch."""

    def attach(
        self, ledger: Ledger, read: Callable[[str], Case | UnsupportedCase | None] | None = None
    ) -> None:
        """The ledger this log's operations are folded into, and how to read a case of it (a
        store's cached fold; read_case by default)."""

    def append(self, ops: Sequence[Operation], *, publish: bool = True) -> list[Operation]:
        """Make the operations durable; returns them as stored (with their sequence number).
        With publish, also try to pass them on at once."""

    def read_new(self) -> Delta:
        """What is new since the last call (everything known on the first call)."""

    def commit(self, delta: Delta) -> None:
        """The delta's operations are folded in: count them as read."""

    def load_archived(self, case_ids: Iterable[str]) -> list[Operation]:
        """The operations of those cases that are archived (complete, kept apart)."""

    def load_all_archived(self, known: Container[str]) -> list[Operation]:
        """The operations of every archived case not in ``known``."""

    def each_archived(self, known: Container[str]) -> Iterator[tuple[str, list[Operation]]]:
        """Each archived case not in ``known`` with its operations, read a part at a time."""

    def archived_count(self, known: Container[str]) -> int:
        """How many archived cases are not in ``known``."""

    @property
    def lost(self) -> bool:
        """Whether part of the local archive could not be read."""

    def reread(self) -> Delta:
        """Everything in the log again (to rebuild what was lost locally)."""

    def import_archive(self, parts: Sequence[SnapshotCases]) -> None:
        """Keep a snapshot's packed complete cases in the archive, unread."""

    def sync(self, fold: Callable[[Delta], object]) -> SyncReport:
        """Publish, read everything new through ``fold``, save."""

    def snapshot(self, ledger: Ledger, hlc: str, *, tidy: bool = False) -> tuple[str, int]:
        """Publish a snapshot of the ledger; clean up what it covers. ``tidy``: only if no
        other host is at it or has just done it (then ('', 0))."""

    def wants_snapshot(self) -> bool:
        """Whether the share holds so many files that a snapshot should take them in."""

    def report(self) -> SyncReport:
        """How the log stands with the share."""

    def close(self) -> None:
        """Save what needs saving and release files."""
