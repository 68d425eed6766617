"""The operation log on a shared drive: outbox first, then per-writer files on the share.

``append`` returns once the batch is durable in the local outbox, then tries to publish it; a share
that cannot be reached leaves it waiting until a later poll or ``sync``. ``read_new`` returns a
``Delta``: the local view and the outbox on its first call, then what is new on the share. The
caller folds the delta's operations and then ``commit``s it: only then do they count as read, so
a process never records as read an operation it has not folded (several processes may share one
local folder; the dashboard folds on the UI thread what its poll thread read).

Every look at the share checks the store's marker, and every file names its store: a share folder
swapped for another store stops the sync and mixes nothing in.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from tui.core.case import Case, UnsupportedCase, read_case
from tui.core.operations import Ledger, Operation
from tui.core.rules import is_complete
from tui.core.template import default_template
from tui.store.archive import (
    ArchivedCase,
    DamagedArchive,
    PackedCases,
    PendingShards,
    SnapshotCases,
    filed,
    merged,
    shard_of,
)
from tui.store.bounded import Bounded
from tui.store.compaction import compact_writer
from tui.store.files import sweep_temporaries
from tui.store.identity import Identity, wall_clock_ms
from tui.store.local_state import LocalState
from tui.store.local_view import LAYOUT, LocalView, ViewData
from tui.store.operation_log import Delta, SyncReport
from tui.store.read_position import ReadPosition
from tui.store.share import (
    NotAStore,
    SequenceCollision,
    Share,
    ShareUnavailable,
    unavailable,
)
from tui.store.share_reader import ShareReader
from tui.store.snapshots import clean_up, covered_on_share
from tui.store.wire import Batch, SnapshotBody

HEARTBEAT_SECONDS = 60
# A clock further than this from the share's is not trusted: this host stamps its changes (and
# the command line takes "today") by the share's clock instead, as last measured.
CLOCK_TRUST_MS = 120_000
CLOCK_CHECK_MS = 600_000  # how often a host measures its clock against the share's
SNAPSHOT_AFTER_FILES = 400  # batch files and segments on the share before a command snapshots
# ... or the batches they hold: each is read and validated by a new host, operation by operation,
# where a snapshot gives it the complete cases packed (about one command's changes per batch).
SNAPSHOT_AFTER_BATCHES = 5_000
TIDY_EVERY_MS = 600_000  # at most one such snapshot per local folder in this time
COLLISION_RETRIES = 3


class StoreMismatch(Exception):
    """The local folder belongs to another store than the one at this path (or the folder at
    this path was swapped for another store while this process ran)."""


class StoreNotInitialised(Exception):
    """This local folder has never reached a store, and there is none at the path: perhaps the
    share is not mounted; ``stangning init`` makes a store there."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(str(path))
        self.path = path
        self.cause = cause


class SharedDriveLog:
    def __init__(
        self,
        store: Path,
        local: Path,
        identity: Identity | None = None,
        clock_ms: Callable[[], int] = wall_clock_ms,
        *,
        create: bool = False,
        share_timeout: float | None = None,
    ) -> None:
        self.raw_clock = clock_ms  # this host's own clock, as it is
        self.create = create  # may make the store when there is none (the default store only)
        self.share = Share(store)
        self.local = LocalState(local)
        self.view = LocalView(local)
        base = identity or Identity()
        self.identity = Identity(actor=base.actor, host=base.host, writer=self.local.writer)
        self.bounded = Bounded(share_timeout)
        self.positions: dict[str, ReadPosition] = {}
        self.store_id: str | None = None
        self.store_path: str | None = None  # where the view last found the store
        self.reachable = True
        self.problem: str | None = None
        self._lock = threading.RLock()  # positions and counters: poll thread vs. UI thread
        self._opened = False
        self._read_case: Callable[[str], Case | UnsupportedCase | None] | None = None
        self._dirty = False
        self._view_stamp: tuple[int, int, int] | None = None
        self._open: set[str] = set()  # the cases view.json holds (as this process last knew)
        self._archived: set[str] = set()  # the cases folded in from the archive (kept there)
        self._shard_stamps: dict[int, tuple[int, int, int] | None] = {}  # as last read here
        # The cases of each shard as this process last read or wrote it, by the file's stamp
        # then: while the stamp holds, a case not among them is not looked for in the file.
        # (Ids only: what the cases hold is read when asked for, so a process holds one
        # shard's cases at a time, not the archive's.)
        self._index: dict[int, tuple[tuple[int, int, int] | None, frozenset[str]]] = {}
        # A new host's snapshot cases, filed by shard, until the save writes each shard once.
        self._pending: PendingShards | None = None
        self._lost = False  # an archive shard could not be read: rebuild from the share
        self._damaged: set[int] = set()  # those shards (rewritten whole when next saved)
        self._fresh = False  # the local view was empty: a snapshot's archive is copied packed
        self.files_on_share = 0  # batch files and segments the last look listed
        self.batches_on_share = 0  # the batches they hold
        self._last_beat = -HEARTBEAT_SECONDS * 2.0
        self._ledger: Ledger | None = None
        self.published_total = 0  # since this log was opened
        self.read_total = 0
        self.quarantined_total: list[str] = []
        self._snapshots_seen: set[str] = set()
        self._newer: set[str] = set()
        self.collisions: list[int] = []
        # Outbox batches whose operations this process has folded (it wrote them, or read them
        # at opening): once published they count as read. Others' are read back from the share.
        self._folded_outbox: set[int] = set()
        # This host's clock minus the share's, and when that was measured (by this clock).
        self.skew_ms, self._skew_measured = self.local.clock_skew()

    @property
    def clock_corrected(self) -> bool:
        """Whether this host's clock is so far from the share's that the share's is used."""
        return abs(self.skew_ms) > CLOCK_TRUST_MS

    def clock_ms(self) -> int:
        """Now, by this host's clock, or by the share's when this one is far off."""
        now = self.raw_clock()
        return now - self.skew_ms if self.clock_corrected else now

    def _measure_clock(self) -> None:
        """Compare this host's clock with the share's (the heartbeat file's time), when the last
        measurement is old or the clock has jumped since. Runs in the bounded worker; a share
        that cannot be written leaves the last measurement."""
        if abs(self.raw_clock() - self._skew_measured) < CLOCK_CHECK_MS:
            return
        try:
            before = self.raw_clock()
            share_ms = self.share.beat(
                self.identity.writer, self.identity.host, self.identity.actor, before
            )
        except OSError:
            return
        self._last_beat = time.monotonic()
        self._skew_measured = self.raw_clock()
        self.skew_ms = (before + self._skew_measured) // 2 - share_ms
        self.local.record_clock_skew(self.skew_ms, self._skew_measured)

    # --- OperationLog -------------------------------------------------------------------------

    def attach(
        self, ledger: Ledger, read: Callable[[str], Case | UnsupportedCase | None] | None = None
    ) -> None:
        """The ledger the store folds into (used to merge the view when saving), and how the
        store reads a case of it (its fold, kept while no operation reaches the case)."""
        self._ledger = ledger
        self._read_case = read

    def read_new(self) -> Delta:
        opening = not self._opened
        delta = self._open_local() if opening else Delta()
        # Opening, the view's positions are not committed yet: the look starts from them.
        found = self._look(opening=opening, known=delta.positions or {})
        self._opened = True
        delta.ops += found.ops
        delta.archive += found.archive
        for writer, seqs in found.marks.items():
            delta.marks.setdefault(writer, set()).update(seqs)
        for writer, seq in found.covers.items():
            delta.covers[writer] = max(seq, delta.covers.get(writer, 0))
        delta.snapshots |= found.snapshots
        delta.segments += found.segments
        delta.quarantined += found.quarantined
        if self.reachable and self.local.pending_seqs():
            self.publish_pending()  # the share is back: send what waited
        return delta

    def commit(self, delta: Delta) -> None:
        """The delta's operations are folded: count its files as read."""
        with self._lock:
            if delta.positions is not None:
                for writer, position in delta.positions.items():
                    self.positions.setdefault(writer, ReadPosition()).merge(position)
            for writer, seq in delta.covers.items():
                self.positions.setdefault(writer, ReadPosition()).merge(ReadPosition(seq))
            for writer, lo, hi in delta.segments:
                self.positions.setdefault(writer, ReadPosition()).mark_range(lo, hi)
            for writer, seqs in delta.marks.items():
                position = self.positions.setdefault(writer, ReadPosition())
                for seq in seqs:
                    position.mark(seq)
            self._snapshots_seen |= delta.snapshots
            self.read_total += sum(len(seqs) for seqs in delta.marks.values())
            self.quarantined_total += delta.quarantined
            if delta.marks or delta.covers or delta.segments:
                self._dirty = True  # read from the share: the view should know it next time

    def append(self, ops: Sequence[Operation], *, publish: bool = True) -> list[Operation]:
        """Make the operations durable in the outbox (OSError, and nothing written, when the
        local disk refuses), then publish them when asked."""
        with self._lock:
            used = self.positions.get(self.identity.writer, ReadPosition()).last
        with self.local.locked():
            batch = self.local.write_outbox(list(ops), above=used)
        with self._lock:
            self._folded_outbox.add(batch.seq)  # the caller folds what this returns
        self._dirty = True
        if publish:
            self.publish_pending()
        return list(batch.ops)

    def close(self) -> None:
        if self._dirty:
            with contextlib.suppress(OSError):
                self.save_view()

    # --- opening ------------------------------------------------------------------------------

    def _open_local(self) -> Delta:
        self._view_stamp = self.view.stamp()  # before loading: a later save sees any change
        try:
            data = self.view.load()
        except (OSError, ValueError, RecursionError):
            data = ViewData()  # a lost or damaged view is rebuilt from the share and the outbox
            self._dirty = True
        self.store_id = data.store_id
        self.store_path = data.store_path
        self._fresh = data.store_id is None and not data.positions and not data.ops
        with self.local.locked():
            sweep_temporaries(self.local.folder)
            sweep_temporaries(self.local.outbox)
            self.view.archive.sweep()
            pending = self.local.pending()
        if data.layout < LAYOUT:
            # Written by a version that kept every case in view.json: folded in as changes, so
            # the first save sorts them into open and archived.
            delta = Delta(ops=data.ops, positions=data.positions)
            self._dirty = True
        else:
            delta = Delta(loaded=data.ops, positions=data.positions, latest=data.latest)
            self._open = set(data.open_ids)
        for batch in pending:
            delta.ops.extend(batch.ops)
            self._folded_outbox.add(batch.seq)
        if self.store_path not in (None, str(self.share.root)):
            # Given with another store's path: refused rather than shown as that store, unless
            # the store really is here (the share mounted elsewhere now).
            try:
                found = self.bounded.call(self.share.store_id)
            except ShareUnavailable:
                found = None
            if found != self.store_id:
                raise StoreMismatch(f"{self.share.root}: local folder is for {self.store_path}")
        return delta

    def _connect(self) -> str:
        """The store's id, checked against the one this local folder belongs to. Runs in the
        bounded worker. A local folder that has never connected takes the store it finds; with
        none there it is refused (StoreNotInitialised), unless it may create one."""
        try:
            found = self.share.store_id()
        except ShareUnavailable as error:
            if self.store_id is not None:
                raise
            if not (isinstance(error, NotAStore) or error.cause == "missing"):
                raise StoreNotInitialised(self.share.root, error.cause) from error
            if not self.create:
                raise StoreNotInitialised(self.share.root, error.cause) from error
            found, _ = self.share.create()
        if self.store_id is not None and found != self.store_id:
            raise StoreMismatch(f"{self.share.root}: store {found}, local folder {self.store_id}")
        return found

    def _adopt(self, found: str) -> None:
        if self.store_id is None or self.store_path != str(self.share.root):
            self._dirty = True  # a new local folder, or the share mounted elsewhere: record it
        self.store_id = found
        self.store_path = str(self.share.root)

    # --- reading the share --------------------------------------------------------------------

    def _look(
        self, *, opening: bool = False, known: dict[str, ReadPosition] | None = None
    ) -> Delta:
        """One look at the share from what has been read (and ``known``), bounded; the status
        says what happened."""
        with self._lock:
            positions = {w: ReadPosition(p.upto, set(p.extra)) for w, p in self.positions.items()}
            seen = set(self._snapshots_seen)
        for writer, position in (known or {}).items():
            positions.setdefault(writer, ReadPosition()).merge(position)

        packed = opening and self._fresh  # a new host: archived cases copied as they are

        def scan() -> tuple[str, Delta]:
            found = self._scan(positions, seen, packed=packed)
            if opening:
                self._measure_clock()
            return found

        try:
            found_id, delta = self.bounded.call(scan)
        except (StoreMismatch, StoreNotInitialised) as error:
            if opening:
                raise  # opening: the command is refused, nothing is shown or saved
            self._unreachable("swapped" if isinstance(error, StoreMismatch) else error.cause)
            return Delta()
        except ShareUnavailable as error:
            self._unreachable(error.cause)
            return Delta()
        except OSError as error:
            self._unreachable(unavailable(error).cause)
            return Delta()
        self._adopt(found_id)
        self.reachable, self.problem = True, None
        return delta

    def _unreachable(self, cause: str) -> None:
        self.reachable, self.problem = False, cause

    def _scan(
        self, positions: dict[str, ReadPosition], seen: set[str], *, packed: bool = False
    ) -> tuple[str, Delta]:
        store_id = self._connect()
        reader = ShareReader(self.share, store_id, self._newer)
        delta = reader.scan(positions, seen, packed=packed)
        self.files_on_share = reader.files
        self.batches_on_share = reader.batches
        return store_id, delta

    # --- publishing ---------------------------------------------------------------------------

    def publish_pending(self) -> int:
        """Publish the outbox, oldest first, bounded; stops at the first failure."""
        if not self.local.pending_seqs():
            return 0
        try:
            published = self.bounded.call(self._publish_round)
        except StoreMismatch:
            self._unreachable("swapped")
            return 0
        except StoreNotInitialised as error:
            self._unreachable(error.cause)
            return 0
        except SequenceCollision as collision:
            self.collisions.append(int(Path(str(collision)).stem))
            self._unreachable("collision")
            return 0
        except OSError as error:
            self._unreachable(unavailable(error).cause)
            return 0
        if published:
            self.reachable, self.problem = True, None
            with self._lock:
                self.published_total += published
        return published

    def _publish_round(self) -> int:
        published = 0
        with self.local.publishing():
            store_id = self._connect()
            self._adopt(store_id)
            writer = self.identity.writer
            sweep_temporaries(self.share.batch_folder(writer))
            files = self.share.writer_files(writer)
            on_share = set(files.batches)
            used = max(
                files.highest, covered_on_share(self.share, writer, store_id), self._known(writer)
            )
            with self.local.locked():  # restored from an older copy: skip numbers in use
                self.local.raise_floor(used)
            while batches := self.local.pending():  # again: another process may have added
                for batch in batches:
                    if batch.seq <= used and batch.seq not in on_share:
                        # Its number was used on the share (the file is gone, covered by a
                        # snapshot): readers would take it for read. Send it under a new one;
                        # if it was this very batch, its operations are simply seen twice.
                        batch = self._renumber(batch, used)
                    published += self._publish_one(batch, store_id)
            if published:
                compact_writer(self.share, writer, store_id)
            self._beat_now(force=False)
        return published

    def _known(self, writer: str) -> int:
        with self._lock:
            return self.positions.get(writer, ReadPosition()).last

    def _renumber(self, batch: Batch, above: int) -> Batch:
        with self.local.locked():
            moved = self.local.renumber(batch, above)
        with self._lock:
            if batch.seq in self._folded_outbox:
                self._folded_outbox.add(moved.seq)
        return moved

    def _publish_one(self, batch: Batch, store_id: str) -> int:
        for attempt in range(COLLISION_RETRIES):
            try:
                self.share.publish(batch, store_id)
                break
            except SequenceCollision as collision:
                if attempt == COLLISION_RETRIES - 1:
                    raise
                batch = self._renumber(batch, collision.highest)
        self.local.published(batch.seq)
        with self._lock:
            if batch.seq in self._folded_outbox:
                self._folded_outbox.discard(batch.seq)
                self.positions.setdefault(batch.writer, ReadPosition()).mark(batch.seq)
                self._dirty = True
        return 1

    def _beat_now(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._last_beat > HEARTBEAT_SECONDS:
            with contextlib.suppress(OSError):
                self.share.beat(
                    self.identity.writer, self.identity.host, self.identity.actor, self.raw_clock()
                )
                self._last_beat = now

    def pending_count(self) -> int:
        return len(self.local.pending_seqs())

    @property
    def local_folder(self) -> Path:
        return self.local.folder

    # --- sync, snapshot, view -----------------------------------------------------------------

    def wants_snapshot(self) -> bool:
        """Whether the share holds so many batch files and segments, or so many batches in
        them, that a snapshot should take them in: writers fold only their own files, and one
        that has stopped writing leaves its last ones behind; and a new host reads a segment's
        every operation, where a snapshot gives it the complete cases packed. Not while another
        host's clean-up runs."""
        if not self.reachable:
            return False
        if (
            self.files_on_share <= SNAPSHOT_AFTER_FILES
            and self.batches_on_share <= SNAPSHOT_AFTER_BATCHES
        ):
            return False
        if abs(self.raw_clock() - self.local.last_tidy()) < TIDY_EVERY_MS:
            return False  # files a snapshot cannot take in (say, a newer version's) stay
        self.local.record_tidy(self.raw_clock())
        return not self.share.cleanup_running()

    def report(self) -> SyncReport:
        """What this process has done with the share since it opened, and how it stands."""
        with self._lock:
            return SyncReport(
                published=self.published_total,
                read=self.read_total,
                pending=self.pending_count(),
                reachable=self.reachable,
                problem=self.problem,
                quarantined=list(self.quarantined_total),
                newer=len(self._newer),
            )

    def sync(self, fold: Callable[[Delta], object]) -> SyncReport:
        """One full round: publish the outbox, read everything new (folded by ``fold``), save
        the view, say how it went."""
        self.publish_pending()
        fold(self.read_new())
        if self.reachable:
            with contextlib.suppress(ShareUnavailable, OSError):
                self.bounded.call(self._sync_round)
        self._dirty = True
        self.save_view()
        return self.report()

    def _sync_round(self) -> None:
        """A heartbeat, and what a process of this host left half-written on the share when
        it died (a publish sweeps that too, but there may be nothing to publish)."""
        with self.local.publishing():
            sweep_temporaries(self.share.batch_folder(self.identity.writer))
        self._beat_now(force=True)

    def snapshot(self, ledger: Ledger, hlc: str, *, tidy: bool = False) -> tuple[str, int]:
        """Publish every operation as a snapshot, then remove what it makes redundant: other
        snapshots it covers entirely (the older name goes when two cover the same) and the
        batch files it covers. Nothing that no surviving snapshot holds is ever removed.

        ``tidy`` (a command's tidy-up): published only while holding the clean-up lock, and
        not at all when another host holds it or has published a snapshot since this process
        last looked; ('', 0) then. Two hosts tidying at once so leave one snapshot, not two
        that a new host would both have to read.

        It is made from the local view, saved first: the open cases' operations, and the
        archived cases packed as they are kept (unpacked only when one holds an operation
        beyond what the snapshot covers)."""
        if self.store_id is None:
            raise ShareUnavailable("missing", self.share.root)
        store_id = self.store_id
        with self.local.locked():
            self._save_locked()
            if self._lost:  # part of the local archive could not be read: it cannot cover it
                raise ShareUnavailable("io", self.view.archive.folder)
            # The body waits in a temporary file on local disk (gone when closed): a snapshot
            # of ten thousand cases is never held in memory whole.
            spool = tempfile.TemporaryFile(dir=self.local.folder)  # noqa: SIM115
            try:
                body = self._encode_snapshot(store_id, spool)
            except DamagedArchive as error:
                spool.close()
                raise ShareUnavailable("io", self.view.archive.folder) from error
            except BaseException:
                spool.close()
                raise
        covered = body.covered

        def publish_and_clean() -> tuple[str, int]:
            self._connect()  # the store still there, and still ours
            if tidy:
                with self.share.cleanup_lock() as held:
                    with self._lock:
                        seen = set(self._snapshots_seen)
                    if not held or set(self.share.snapshot_names()) - seen:
                        return "", 0  # another host is tidying, or just has
                    name = self.share.publish_snapshot(
                        body.chunks(store_id), hlc, self.identity.writer
                    )
                    return name, clean_up(self.share, name, covered, store_id)
            name = self.share.publish_snapshot(body.chunks(store_id), hlc, self.identity.writer)
            removed = 0
            with self.share.cleanup_lock() as held:
                if held:
                    removed = clean_up(self.share, name, covered, store_id)
            return name, removed

        try:
            return self.bounded.call(publish_and_clean)
        except StoreMismatch:
            self._unreachable("swapped")
            raise ShareUnavailable("swapped", self.share.root) from None
        except OSError as error:
            self._unreachable(unavailable(error).cause)
            raise unavailable(error) from error
        finally:
            if not self.bounded.abandoned:  # a publish still blocked reads it: left to exit
                spool.close()

    def _encode_snapshot(self, store_id: str, spool: BinaryIO) -> SnapshotBody:
        """The snapshot, from the saved view (the lock held), its body written to ``spool``.

        Exactly the operations of the batches it covers: one it held beyond them (a change
        still in this host's outbox) would be skipped by readers that are not behind on what
        it covers, and lost with the outbox. The archive is read a shard at a time."""
        with self._lock:
            covered = {writer: pos.upto for writer, pos in self.positions.items() if pos.upto}

        def within(op: Operation) -> bool:
            return op.seq <= covered.get(op.writer, 0)

        data = self.view.load()
        body = SnapshotBody(spool, covered, (op for op in data.ops if within(op)))
        del data
        for shard in self.view.archive.shards():
            for case_id, case in self.view.archive.read(shard, store_id).items():
                if case.within(covered):
                    body.add(case)
                elif kept := [op for op in case.unpack()[0] if within(op)]:
                    body.add(ArchivedCase.pack(case_id, kept))
        return body

    # --- the archive --------------------------------------------------------------------------

    def _read_shard(
        self, shard: int, cache: dict[int, dict[str, ArchivedCase]]
    ) -> dict[str, ArchivedCase]:
        """What the shard holds: its file's cases, and those a snapshot brought that wait to
        be written to it (see import_archive)."""
        if shard not in cache:
            stamp = self._shard_stamps[shard] = self.view.archive.stamp(shard)
            damaged = False
            try:
                found = self.view.archive.read(shard, self.store_id or "")
            except DamagedArchive:
                # A damaged file on local disk: its cases are read from the share again (see
                # ``reread``; until that has worked, the view is saved without read positions).
                found, damaged = {}, True
                if shard not in self._damaged:
                    self._damaged.add(shard)
                    self._lost = self._dirty = True
            if self._pending is not None:
                for case_id, case in self._pending.cases(shard).items():
                    there = found.get(case_id)
                    found[case_id] = case if there is None else self._merged(there, case)
            cache[shard] = found
            self._note(shard, None if damaged else stamp, found)
        return cache[shard]

    def _note(self, shard: int, stamp: tuple[int, int, int] | None, cases: Iterable[str]) -> None:
        """Remember the shard's cases as of the file's stamp (None: no file yet)."""
        self._index[shard] = (stamp, frozenset(cases))

    def _archived_copy(
        self, case_id: str, cache: dict[int, dict[str, ArchivedCase]]
    ) -> ArchivedCase | None:
        """The archive's copy of the case, if any; its shard is read only when the case may
        be there (the shard's index says so, or another process has written it since)."""
        shard = shard_of(case_id)
        if shard not in cache:
            noted = self._index.get(shard)
            absent = noted is not None and case_id not in noted[1]
            if absent and noted is not None and self.view.archive.stamp(shard) == noted[0]:
                return None
        return self._read_shard(shard, cache).get(case_id)

    def _write_shard(self, shard: int, store_id: str, cases: dict[str, ArchivedCase]) -> None:
        """Write what the shard holds (read with ``_read_shard``, so what waited is in it)."""
        self.view.archive.write(shard, store_id, cases)
        stamp = self._shard_stamps[shard] = self.view.archive.stamp(shard)
        self._note(shard, stamp, cases)
        if self._pending is not None:
            self._pending.written(shard)

    def _unpack(self, case: ArchivedCase) -> list[Operation]:
        try:
            return case.unpack()[0]
        except DamagedArchive:
            self._lost = self._dirty = True
            return []

    def _merged(self, there: ArchivedCase, incoming: ArchivedCase) -> ArchivedCase:
        try:
            return merged(there, incoming)
        except DamagedArchive:
            self._lost = self._dirty = True
            return incoming

    def load_archived(self, case_ids: Iterable[str]) -> list[Operation]:
        """The operations of those of the cases that are archived here."""
        ops: list[Operation] = []
        cache: dict[int, dict[str, ArchivedCase]] = {}
        for case_id in case_ids:
            found = self._archived_copy(case_id, cache)
            if found is not None:
                ops += self._unpack(found)
                self._archived.add(case_id)
        return ops

    def load_all_archived(self, known: Container[str]) -> list[Operation]:
        """The operations of every archived case not in ``known``."""
        ops: list[Operation] = []
        cache: dict[int, dict[str, ArchivedCase]] = {}
        for shard in self.view.archive.shards():
            for case_id, case in self._read_shard(shard, cache).items():
                if case_id not in known:
                    ops += self._unpack(case)
                    self._archived.add(case_id)
            cache.clear()
        return ops

    def each_archived(self, known: Container[str]) -> Iterator[tuple[str, list[Operation]]]:
        """Each archived case not in ``known`` with its operations, shard by shard: a caller
        that folds and drops them holds one shard's cases at a time, not the archive's. The
        cases are not folded into this log's ledger (``_archived`` stays as it was)."""
        cache: dict[int, dict[str, ArchivedCase]] = {}
        for shard in self.view.archive.shards():
            for case_id, case in self._read_shard(shard, cache).items():
                if case_id not in known:
                    yield case_id, self._unpack(case)
            cache.clear()

    def archived_count(self, known: Container[str]) -> int:
        """How many cases the archive holds that are not in ``known`` (a shard is read only
        when this process does not know its cases as of the file's stamp)."""
        count = 0
        for shard in self.view.archive.shards():
            noted = self._index.get(shard)
            if noted is None or self.view.archive.stamp(shard) != noted[0]:
                self._read_shard(shard, {})  # notes the shard's cases
                noted = self._index[shard]
            count += sum(case_id not in known for case_id in noted[1])
        return count

    @property
    def lost(self) -> bool:
        """Whether part of the local archive could not be read (see ``reread``)."""
        return self._lost

    def reread(self) -> Delta:
        """Everything on the share again, as if this host had read none of it: what a damaged
        local archive held comes back (folded in, it is saved anew)."""
        with self._lock:
            self.positions = {}
            self._snapshots_seen = set()
        delta = self._look()
        if self.reachable:
            self._lost = False
        return delta

    def import_archive(self, parts: Sequence[SnapshotCases]) -> None:
        """Keep snapshots' complete cases in the archive, packed as they came (a new host's
        first read): they are unpacked when asked for. They wait, filed by shard on local disk
        (see archive.filed and PendingShards), until the view is saved: each shard is then
        written once, with the cases the command itself archives. Whatever reads the archive
        meanwhile reads them too (``_read_shard``)."""
        if not parts or self.store_id is None:
            return
        with self.local.locked():
            only = parts[0].packed if len(parts) == 1 else None
            if self._pending is None and isinstance(only, PackedCases):
                # One snapshot, the usual case: its lines are filed as they came, unparsed.
                self._pending = PendingShards()
                for shard, lines in only.lines():
                    self._pending.put_lines(shard, lines)
                    if self.view.archive.stamp(shard) is None:  # no file: these are its cases
                        self._note(shard, None, (case_id for case_id, _ in lines))
                    else:  # a file too: read (and merged with these) when asked for
                        self._index.pop(shard, None)
                self._dirty = True
                return
            for shard, incoming in filed(parts, self._merged):
                ids = [case.case_id for case in incoming]
                if self._pending is None:
                    self._pending = PendingShards()
                waiting = self._pending.ids(shard) or frozenset()
                if waiting:  # a second import before a save: one list, merged
                    kept = self._pending.cases(shard)
                    for case in incoming:
                        there = kept.get(case.case_id)
                        kept[case.case_id] = case if there is None else self._merged(there, case)
                    incoming = list(kept.values())
                self._pending.put(shard, incoming)
                noted = self._index.get(shard)
                stamp = self.view.archive.stamp(shard)
                if stamp is None or (noted is not None and noted[0] == stamp):
                    self._note(shard, stamp, (noted[1] if noted else frozenset()) | set(ids))
                else:
                    self._index.pop(shard, None)  # the file's cases unknown: read when asked
        self._dirty = True

    # --- saving the view ----------------------------------------------------------------------

    def save_view(self) -> None:
        """Save what the ledger holds that the local view lacks, first folding in what other
        processes saved; complete cases go to the archive, reopened ones come back."""
        if self._ledger is None or self.store_id is None:
            return
        with self.local.locked():
            self._save_locked()

    def _save_locked(self) -> None:
        ledger, store_id = self._ledger, self.store_id
        if ledger is None or store_id is None:
            return
        with self._lock:
            file_open = set(self._open)
            latest = ledger.latest
            if self.view.stamp() != self._view_stamp:  # another process saved since we loaded
                theirs = ViewData()
                with contextlib.suppress(OSError, ValueError, RecursionError):
                    theirs = self.view.load()
                file_open = set()
                if theirs.store_id in (None, store_id) and theirs.layout == LAYOUT:
                    ledger.load(theirs.ops)
                    file_open = set(theirs.open_ids)
                    latest = max(latest, theirs.latest)
                    for writer, position in theirs.positions.items():
                        self.positions.setdefault(writer, ReadPosition()).merge(position)
                elif theirs.store_id in (None, store_id):
                    ledger.apply_all(theirs.ops)  # an older version's: every case, sorted now
            # Archived cases held here that another process changed since (it read a change
            # from the share, and the positions now say so): fold in what it saved.
            cache: dict[int, dict[str, ArchivedCase]] = {}
            held: dict[int, list[str]] = {}
            for case_id in self._archived:
                held.setdefault(shard_of(case_id), []).append(case_id)
            for shard, case_ids in sorted(held.items()):
                if self.view.archive.stamp(shard) != self._shard_stamps.get(shard):
                    saved = self._read_shard(shard, cache)
                    for case_id in case_ids:
                        if (found := saved.get(case_id)) is not None:
                            ledger.load(self._unpack(found))
            # What to write: cases changed here, and cases held here that the file lacks.
            touched = set(ledger.changed)
            touched |= {
                c for c in ledger.case_ids() if c not in file_open and c not in self._archived
            }
            for case_id in touched - file_open:  # the archive's copy may hold more
                found = self._archived_copy(case_id, cache)
                if found is not None:
                    ledger.load(self._unpack(found))
            archived = {c for c in touched if self._complete(c)}
            reopened = touched - archived
            self.store_path = str(self.share.root)
            positions = {} if self._lost else self.positions
            # The files stay consistent at every step: each case is read from view.json when
            # it is there, else from the archive, and that copy, with the positions saved beside
            # it and the outbox, holds every operation those positions say were read.
            # (1) The archive gains the cases it now holds (a stale copy may remain in view.json
            # until (2): the old positions make the missing operations be read again).
            # (2) view.json with the open cases and the new positions, the archived ones gone.
            # (3) The archive loses the cases view.json now holds.
            # A shard at a time: read, gain, written, let go.
            gained: dict[int, list[str]] = {}
            for case_id in archived:
                gained.setdefault(shard_of(case_id), []).append(case_id)
            for shard, case_ids in sorted(gained.items()):
                cases = dict(self._read_shard(shard, cache))
                for case_id in case_ids:
                    cases[case_id] = ArchivedCase.pack(case_id, ledger.history(case_id))
                self._write_shard(shard, store_id, cases)
                cache.pop(shard, None)
            if self._pending is not None:  # what a snapshot brought for the other shards
                for shard in self._pending.shards():
                    self._write_shard(shard, store_id, dict(self._read_shard(shard, cache)))
                    cache.pop(shard, None)
                self._pending.close()
                self._pending = None
            kept = (file_open | touched) - archived
            self.view.write(store_id, self.store_path, positions, latest, _histories(ledger, kept))
            lost: dict[int, dict[str, ArchivedCase]] = {}
            for case_id in reopened:
                if self._archived_copy(case_id, cache) is not None:
                    shard = shard_of(case_id)
                    lost.setdefault(shard, dict(cache[shard])).pop(case_id, None)
            for shard, cases in sorted(lost.items()):
                self._write_shard(shard, store_id, cases)
            self._open = kept
            self._archived = (self._archived | archived) - reopened
            ledger.changed -= touched
            self._view_stamp = self.view.stamp()
        self._dirty = False

    def _complete(self, case_id: str) -> bool:
        assert self._ledger is not None
        if self._read_case is not None:
            found = self._read_case(case_id)
        else:
            found = read_case(self._ledger, case_id)
        return isinstance(found, Case) and is_complete(found, default_template())


def _histories(ledger: Ledger, case_ids: Iterable[str]) -> dict[str, list[Operation]]:
    return {case_id: ledger.history(case_id) for case_id in sorted(case_ids) if case_id in ledger}
