"""Reading what is new on the share: snapshots, writers' segments and batch files.

Files are found by listing folders and only listed names are opened (a client's cache of failed
look-ups cannot hide them). A file that does not parse, fails its checksum or validation, or
belongs to another store is set aside in quarantine with the reason, and the rest loads; a file
from a newer stangning is left where it is and counted.
"""

from __future__ import annotations

from pathlib import Path

from tui.store.archive import DamagedArchive, SnapshotCases
from tui.store.operation_log import Delta
from tui.store.read_position import ReadPosition
from tui.store.share import Share
from tui.store.wire import Batch, CorruptFile, ForeignFile, NewerFormat, Snapshot


def _covers(position: dict[str, ReadPosition], covered: dict[str, int]) -> bool:
    """Whether the positions already hold everything ``covered`` names."""
    return all(position.get(w, ReadPosition()).upto >= seq for w, seq in covered.items())


class ShareReader:
    """One look at the share, for one store (runs in the bounded share worker)."""

    def __init__(self, share: Share, store_id: str, newer: set[str]) -> None:
        self.share = share
        self.store_id = store_id
        self.newer = newer  # names of files a newer stangning wrote (kept, not read)
        self.files = 0  # batch files and segments listed by the last scan
        self.batches = 0  # the batches they hold (a segment holds many)

    def scan(
        self, positions: dict[str, ReadPosition], seen: set[str], *, packed: bool = False
    ) -> Delta:
        """What is new: snapshots not in ``seen`` that cover more than ``positions`` (newest
        first), then segments and batch files not yet read. ``positions`` (a copy) is updated
        as it goes.
        With ``packed`` (a new host), a snapshot's complete cases stay packed in the delta."""
        delta = Delta()
        # The newest first: an older snapshot it covers is then not read at all.
        for name in reversed(self.share.snapshot_names()):
            if name not in seen:
                self._read_snapshot(name, positions, delta, packed=packed)
        for writer in self.share.writers():
            position = positions.setdefault(writer, ReadPosition())
            files = self.share.writer_files(writer)
            self.files += len(files.batches) + len(files.segments)
            self.batches += len(files.batches) + sum(hi - lo + 1 for lo, hi in files.segments)
            for (lo, hi), regular in sorted(files.segments.items()):
                if not position.has_all(lo, hi):
                    self._read_segment(writer, lo, hi, regular, delta, position)
            for seq, regular in sorted(files.batches.items()):
                if not position.has(seq):
                    self._read_batch(writer, seq, regular, delta)
        return delta

    def _read_segment(
        self,
        writer: str,
        lo: int,
        hi: int,
        regular: bool,
        delta: Delta,
        position: ReadPosition,
    ) -> None:
        path = self.share.segment_path(writer, lo, hi)
        try:
            if not regular:
                raise CorruptFile("not a regular file")
            segment = self.share.read_segment(writer, lo, hi, self.store_id)
        except FileNotFoundError:
            return  # merged into a bigger one since the listing, or cleaned up
        except NewerFormat:
            self.newer.add(f"ops/{writer}/{path.name}")
            return
        except (CorruptFile, ForeignFile, IsADirectoryError) as error:
            self._set_aside(path, error, delta)
            return  # its batches stay unread: a snapshot may still hold them
        delta.ops += segment.ops
        delta.segments.append((writer, lo, hi))
        position.mark_range(lo, hi)  # the batch files inside it need no reading

    def _read_snapshot(
        self, name: str, positions: dict[str, ReadPosition], delta: Delta, *, packed: bool
    ) -> None:
        """Fold a snapshot that covers batches this host has not read (each is looked at once
        by a process: its header says what it covers, the body is read only when needed)."""
        path = self.share.snapshot_path(name)
        try:
            covered = self.share.read_snapshot_head(name, self.store_id).covered
            snapshot: Snapshot | None = None
            if covered is None:  # an older snapshot: what it covers is in its body
                snapshot = self.share.read_snapshot(name, self.store_id)
                covered = snapshot.covered
            delta.snapshots.add(name)
            if _covers(positions, covered):
                return
            # What this host has read already (an earlier snapshot's, a batch's) is left out:
            # two snapshots that cover much the same are not folded, nor filed, twice.
            known = {writer: position.upto for writer, position in positions.items()}
            if snapshot is None:
                snapshot = self.share.read_snapshot(name, self.store_id, packed=True, known=known)
        except (FileNotFoundError, IsADirectoryError):
            return  # removed by a clean-up since the listing
        except NewerFormat:
            self.newer.add(f"snapshots/{name}")
            delta.snapshots.add(name)
            return
        except (CorruptFile, ForeignFile) as error:
            self._set_aside(path, error, delta)
            return
        if snapshot.rejected:
            copy = self.share.quarantine_copy(path, snapshot.rejected)
            if copy is not None:
                delta.quarantined.append(copy.name)
        delta.ops += [op for op in snapshot.ops if op.seq > known.get(op.writer, 0)]
        if packed:
            delta.archive.append(SnapshotCases(dict(snapshot.covered), snapshot.archive))
        else:
            self._unpack_unread(snapshot, delta, path)
        for writer, seq in snapshot.covered.items():
            delta.covers[writer] = max(seq, delta.covers.get(writer, 0))
            positions.setdefault(writer, ReadPosition()).merge(ReadPosition(seq))

    def _unpack_unread(self, snapshot: Snapshot, delta: Delta, path: Path) -> None:
        """The snapshot's complete cases, unpacked: only those holding an operation this host
        has not read are there (the snapshot was read with what it has read, see
        ``_read_snapshot``), so a host that was behind reads a snapshot of ten thousand cases
        in the time of a few."""
        rejected = ""
        for case in snapshot.archive:
            try:
                ops, left_out = case.unpack()
            except DamagedArchive as error:
                self._set_aside(path, CorruptFile(str(error)), delta)
                return
            delta.ops += ops
            rejected = rejected or left_out
        if rejected:
            copy = self.share.quarantine_copy(path, rejected)
            if copy is not None:
                delta.quarantined.append(copy.name)

    def _read_batch(self, writer: str, seq: int, regular: bool, delta: Delta) -> None:
        path = self.share.batch_path(writer, seq)
        try:
            if not regular:
                raise CorruptFile("not a regular file")
            batch = Batch.decode(self.share.read_batch_bytes(writer, seq), self.store_id)
            if batch.writer != writer or batch.seq != seq:
                raise CorruptFile(f"batch {batch.writer}/{batch.seq} stored as {writer}/{seq}")
        except FileNotFoundError:
            return  # cleaned up after a snapshot, or set aside by another host
        except NewerFormat:
            self.newer.add(f"ops/{writer}/{seq}")
            return
        except (CorruptFile, ForeignFile, IsADirectoryError) as error:
            self._set_aside(path, error, delta)
            delta.mark(writer, seq)
            return
        delta.ops += batch.ops
        delta.mark(writer, seq)

    def _set_aside(self, path: Path, error: Exception, delta: Delta) -> None:
        reason = str(error) or type(error).__name__
        if isinstance(error, ForeignFile):
            reason = f"from another store ({error})"
        moved = self.share.quarantine(path, reason)
        if moved is not None:  # None: another host set it aside first
            delta.quarantined.append(moved.name)
