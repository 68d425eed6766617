"""The operation log on a shared drive: outbox first, then per-writer files on the share.

``append`` returns once the batch is durable in the local outbox, then tries to publish it; a share
that cannot be reached leaves it pending until a later ``sync``. ``read_new`` reads the local view
and the outbox on its first call, then only what is new on the share: the next file of each known
writer (opened, not stat()ed), with a full listing now and then to catch gaps and snapshots.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.operations import Ledger, Operation
from tui.store.files import sweep_temporaries
from tui.store.identity import Identity, wall_clock_ms
from tui.store.local_state import LocalState
from tui.store.local_view import LocalView, ReadPosition, ViewData
from tui.store.share import SequenceCollision, Share, ShareUnavailable
from tui.store.wire import Batch, CorruptFile, Snapshot

FULL_SCAN_EVERY = 10  # polls
HEARTBEAT_SECONDS = 60


class StoreMismatch(Exception):
    """The local folder belongs to another store than the one at this path."""


@dataclass
class SyncReport:
    published: int = 0
    read: int = 0
    pending: int = 0
    reachable: bool = True
    quarantined: list[str] = field(default_factory=list)


class SharedDriveLog:
    def __init__(
        self,
        store: Path,
        local: Path,
        identity: Identity | None = None,
        clock_ms: Callable[[], int] = wall_clock_ms,
    ) -> None:
        self.clock_ms = clock_ms
        self.share = Share(store)
        self.local = LocalState(local)
        self.view = LocalView(local)
        base = identity or Identity()
        self.identity = Identity(actor=base.actor, host=base.host, writer=self.local.writer)
        self.positions: dict[str, ReadPosition] = {}
        self.store_id: str | None = None
        self.store_path: str | None = None  # where the view last found the store
        self.reachable = True
        self.last_report = SyncReport()
        self._opened = False
        self._polls = 0
        self._dirty = False
        self._last_beat = -HEARTBEAT_SECONDS * 2.0
        self._ledger: Ledger | None = None
        self.published_total = 0  # since this log was opened
        self.read_total = 0
        self.quarantined_total: list[str] = []
        self._snapshots_seen: set[str] = set()
        self.collisions: list[int] = []

    # --- OperationLog -------------------------------------------------------------------------

    def attach(self, ledger: Ledger) -> None:
        """The ledger the store folds into (used to merge the view when saving)."""
        self._ledger = ledger

    def read_new(self) -> list[Operation]:
        ops: list[Operation] = []
        if not self._opened:
            self._opened = True
            ops += self._open_local()
        report = SyncReport()
        ops += self._poll(report, full=self._polls % FULL_SCAN_EVERY == 0)
        self._polls += 1
        if report.reachable and self.local.pending_seqs():
            report.published = self.publish_pending()  # the share is back: send what waited
        report.pending = len(self.local.pending_seqs())
        self.last_report = report
        return ops

    def append(self, ops: Sequence[Operation], *, publish: bool = True) -> list[Operation]:
        with self.local.locked():
            batch = self.local.write_outbox(list(ops))
        self._dirty = True
        if publish:
            self.publish_pending()
        return list(batch.ops)

    def close(self) -> None:
        if self._dirty:
            with contextlib.suppress(OSError):
                self.save_view()

    # --- opening ------------------------------------------------------------------------------

    def _open_local(self) -> list[Operation]:
        try:
            data = self.view.load()
        except (OSError, ValueError):
            data = ViewData()  # a lost or damaged view is rebuilt from the share and the outbox
            self._dirty = True
        self.positions = data.positions
        self.store_id = data.store_id
        self.store_path = data.store_path
        self._connect()
        ops = data.ops
        for batch in self.local.pending():
            ops.extend(batch.ops)
        return ops

    def _connect(self) -> None:
        """Check the share is the store this local folder belongs to; create it on first use.

        Unreachable, it is taken for the same store only at the path the view recorded: a local
        folder given with another store's path is refused rather than shown as that store.
        """
        try:
            found = self.share.store_id()
        except ShareUnavailable:
            self.reachable = False
            if self.store_path not in (None, str(self.share.root)):
                raise StoreMismatch(
                    f"{self.share.root}: local folder is for {self.store_path}"
                ) from None
            if self.store_id is None and not self.share.root.exists():
                try:
                    found = self.share.create()
                except OSError:
                    return
                self.reachable = True
            else:
                return
        else:
            self.reachable = True
        if self.store_id is None or self.store_path != str(self.share.root):
            self._dirty = True  # a new local folder, or the share mounted elsewhere: record it
        if self.store_id is None:
            self.store_id = found
        elif found != self.store_id:
            raise StoreMismatch(f"{self.share.root}: store {found}, local folder {self.store_id}")

    # --- reading the share --------------------------------------------------------------------

    def _poll(self, report: SyncReport, *, full: bool) -> list[Operation]:
        if not self.reachable:
            self._connect()
            if not self.reachable:
                report.reachable = False
                return []
            full = True
        ops: list[Operation] = []
        try:
            if full:
                ops += self._read_snapshot_if_behind(report)
            for writer in self.share.writers():
                ops += self._read_writer(writer, report, full=full)
        except ShareUnavailable:
            self.reachable = report.reachable = False
        if ops or report.quarantined:
            self._dirty = True
        return ops

    def _read_writer(self, writer: str, report: SyncReport, *, full: bool) -> list[Operation]:
        position = self.positions.setdefault(writer, ReadPosition())
        ops: list[Operation] = []
        if full:
            candidates = [seq for seq in self.share.batch_seqs(writer) if not position.has(seq)]
        else:
            # The files after the contiguous run, and after the last one read (stepping over a
            # gap, such as a quarantined file); one failed open each when nothing is new.
            for start in sorted({position.upto + 1, position.last + 1}):
                seq = start
                while True:
                    if not position.has(seq):
                        try:
                            data = self.share.read_batch_bytes(writer, seq)
                        except OSError:
                            break
                        ops += self._accept(writer, seq, data, position, report)
                    seq += 1
            return ops
        for seq in candidates:
            try:
                data = self.share.read_batch_bytes(writer, seq)
            except FileNotFoundError:
                continue  # cleaned up after a snapshot, or quarantined by another host
            ops += self._accept(writer, seq, data, position, report)
        return ops

    def _accept(
        self, writer: str, seq: int, data: bytes, position: ReadPosition, report: SyncReport
    ) -> list[Operation]:
        try:
            batch = Batch.decode(data)
            if batch.writer != writer or batch.seq != seq:
                raise CorruptFile(f"batch {batch.writer}/{batch.seq} stored as {writer}/{seq}")
        except CorruptFile as error:
            self._quarantine(self.share.batch_path(writer, seq), error, report)
            position.mark(seq)
            return []
        position.mark(seq)
        report.read += 1
        self.read_total += 1
        return list(batch.ops)

    def _quarantine(self, path: Path, error: CorruptFile, report: SyncReport) -> None:
        moved = self.share.quarantine(path, str(error))
        if moved is not None:  # None: another host set it aside first
            report.quarantined.append(moved.name)
            self.quarantined_total.append(moved.name)

    def _read_snapshot_if_behind(self, report: SyncReport) -> list[Operation]:
        """Fold the newest good snapshot when it covers batches this host has not read.
        Each snapshot is read at most once by a process: after that its coverage is known."""
        for name in self.share.snapshot_names():
            if name in self._snapshots_seen:
                return []
            self._snapshots_seen.add(name)
            try:
                snapshot = self.share.read_snapshot(name)
            except FileNotFoundError:
                continue
            except CorruptFile as error:
                self._quarantine(self.share.snapshot_path(name), error, report)
                continue
            behind = any(
                seq > self.positions.get(writer, ReadPosition()).upto
                for writer, seq in snapshot.covered.items()
            )
            if not behind:
                return []
            for writer, seq in snapshot.covered.items():
                self.positions.setdefault(writer, ReadPosition()).merge(ReadPosition(seq))
            return list(snapshot.ops)
        return []

    # --- publishing ---------------------------------------------------------------------------

    def publish_pending(self) -> int:
        """Publish the outbox, oldest first; stops at the first failure. Returns how many."""
        published = 0
        with self.local.locked():
            self._sweep()
            for batch in self.local.pending():
                try:
                    self.share.publish(batch)
                except OSError:
                    self.reachable = False
                    break
                except SequenceCollision:
                    self.collisions.append(batch.seq)  # kept in the outbox; doctor names it
                    break
                self.local.published(batch.seq)
                self.positions.setdefault(batch.writer, ReadPosition()).mark(batch.seq)
                published += 1
        if published:
            self.reachable = True
            self.published_total += published
            self._beat(force=False)
        return published

    def _sweep(self) -> None:
        """Remove what writers of this local folder left half-written when they died (the
        caller holds the local lock, which every one of them holds while writing)."""
        sweep_temporaries(self.local.folder)
        sweep_temporaries(self.local.outbox)
        sweep_temporaries(self.share.batch_folder(self.identity.writer))
        sweep_temporaries(self.share.heartbeat_folder(), stem=self.identity.writer)

    def _beat(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._last_beat > HEARTBEAT_SECONDS:
            with contextlib.suppress(OSError), self.local.locked():
                self.share.beat(
                    self.identity.writer, self.identity.host, self.identity.actor, self.clock_ms()
                )
                self._last_beat = now

    def pending_count(self) -> int:
        return len(self.local.pending_seqs())

    # --- sync, snapshot, view -----------------------------------------------------------------

    def sync(self, ledger: Ledger) -> SyncReport:
        """One full round: publish the outbox, read everything new, save the view. The report
        counts everything published and read since this log was opened."""
        self.publish_pending()
        report = SyncReport()
        ledger.apply_all(self._poll(report, full=True))
        report.published, report.read = self.published_total, self.read_total
        report.quarantined = list(self.quarantined_total)
        report.pending = self.pending_count()
        if report.reachable:
            self._beat(force=True)
        self._dirty = True
        self.save_view()
        self.last_report = report
        return report

    def snapshot(self, ledger: Ledger, hlc: str) -> tuple[str, int]:
        """Publish every operation as a snapshot, then remove the batches it covers."""
        covered = {writer: pos.upto for writer, pos in self.positions.items() if pos.upto}
        name = self.share.publish_snapshot(
            Snapshot(covered, tuple(ledger.ops())), hlc, self.identity.writer
        )
        removed = 0
        with self.share.cleanup_lock() as held:
            if held:
                removed = self.share.remove_covered(covered)
                for old in self.share.snapshot_names()[1:]:
                    with contextlib.suppress(FileNotFoundError):
                        self.share.snapshot_path(old).unlink()
        return name, removed

    def save_view(self) -> None:
        """Save the ledger as the local view, first folding in what other processes saved."""
        if self._ledger is None or self.store_id is None:
            return
        with self.local.locked():
            try:
                theirs = self.view.load()
            except (OSError, ValueError):
                theirs = ViewData()
            if theirs.store_id in (None, self.store_id):
                self._ledger.apply_all(theirs.ops)
                for writer, position in theirs.positions.items():
                    self.positions.setdefault(writer, ReadPosition()).merge(position)
            self.store_path = str(self.share.root)
            self.view.save(self.store_id, self.store_path, self._ledger, self.positions)
        self._dirty = False
