"""This host's own folder (local disk): writer identity, the local lock, and the outbox.

A change is durable once its batch file is in the outbox; it is published to the share later.
Every process of one local folder writes as the same writer, so the share gets one folder per
host and user, not one per command. They take turns through ``fcntl.flock`` on a file in the
local folder: reliable on local disk, which is why the local folder must not be on the share.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from tui.core.operations import Operation
from tui.store.files import (
    FILE_MODE,
    PRIVATE_DIR_MODE,
    group_umask,
    make_dirs,
    read_bytes,
    write_atomic,
)
from tui.store.identity import login_name, new_writer_id
from tui.store.wire import Batch, CorruptFile, batch_name, parse_batch_name

WRITER_FILE = "writer.json"
LOCK_FILE = "lock"
OUTBOX = "outbox"
COUNTER_FILE = "seq"  # a floor: numbers up to it are taken (by this folder, or its past self)
PUBLISHED_FILE = "published"
PUBLISH_LOCK_FILE = "publish.lock"
TIDY_FILE = "tidied"  # when this folder last snapshotted a share with too many files (ms)
CLOCK_FILE = "clock-skew"  # how far this host's clock was last seen ahead of the share's (ms)


class LocalState:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.outbox = folder / OUTBOX
        # This host's own folder, for this user alone: nothing in a home folder is group-writable.
        make_dirs(folder, PRIVATE_DIR_MODE, parent_mode=PRIVATE_DIR_MODE)
        make_dirs(self.outbox, PRIVATE_DIR_MODE)
        self.writer = self._writer_id()

    def _writer_id(self) -> str:
        """This folder's writer id, made on first use. A folder copied to another host (a copied
        home directory, say) gets a new id there, so two hosts never write the same files."""
        path = self.folder / WRITER_FILE
        host = socket.gethostname()
        with self.locked():
            try:
                recorded = json.loads(read_bytes(path))
                if recorded["host"] == host:
                    return str(recorded["writer"])
            except (FileNotFoundError, ValueError, KeyError, TypeError):
                pass
            writer = new_writer_id(host, login_name())
            for stale in (COUNTER_FILE, PUBLISHED_FILE):  # numbers belong to the old id
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / stale).unlink()
            write_atomic(path, json.dumps({"writer": writer, "host": host}).encode())
            return writer

    @contextlib.contextmanager
    def _flocked(self, name: str) -> Iterator[None]:
        with group_umask():
            fd = os.open(self.folder / name, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock, and so does the process dying

    def publishing(self) -> contextlib.AbstractContextManager[None]:
        """Exclusive right to publish this folder's outbox. Apart from ``locked``: a publisher
        stuck on a hung share holds only this one, so changes still reach the outbox. Taken in
        the bounded share worker, so waiting for a stuck holder is bounded too."""
        return self._flocked(PUBLISH_LOCK_FILE)

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Exclusive use of the local folder by this process (blocks until free)."""
        return self._flocked(LOCK_FILE)

    def _read_number(self, name: str) -> int:
        try:
            return int(read_bytes(self.folder / name))
        except (OSError, ValueError):
            return 0

    def _last_seq(self) -> int:
        """The highest sequence number ever used. The counter is written after the outbox file,
        so a writer killed in between leaves it behind; the outbox, and the mark of what was
        published, cover that case: a number is never used twice."""
        pending = self.pending_seqs()
        return max(
            self._read_number(COUNTER_FILE),
            self._read_number(PUBLISHED_FILE),
            pending[-1] if pending else 0,
        )

    def last_tidy(self) -> int:
        return self._read_number(TIDY_FILE)

    def record_tidy(self, wall_ms: int) -> None:
        with contextlib.suppress(OSError):
            write_atomic(self.folder / TIDY_FILE, str(wall_ms).encode(), durable=False)

    def clock_skew(self) -> tuple[int, int]:
        """(skew, when it was measured by this host's clock), both ms; (0, 0) when never."""
        try:
            skew, measured = read_bytes(self.folder / CLOCK_FILE).split()
            return int(skew), int(measured)
        except (OSError, ValueError):
            return 0, 0

    def record_clock_skew(self, skew_ms: int, measured_ms: int) -> None:
        with contextlib.suppress(OSError):
            data = f"{skew_ms} {measured_ms}".encode()
            write_atomic(self.folder / CLOCK_FILE, data, durable=False)

    def write_outbox(self, ops: list[Operation], above: int = 0) -> Batch:
        """Durably store a new batch under the next sequence number (above ``above``, numbers
        this writer is known to have used on the share), in one atomic write: when it fails (a
        full disk), nothing of the change is left behind. Call with the lock held."""
        seq = max(self._last_seq(), above) + 1
        batch = Batch(self.writer, seq, tuple(op.with_seq(seq) for op in ops))
        write_atomic(self.outbox / batch_name(seq), batch.encode())
        return batch

    def raise_floor(self, seq: int) -> None:
        """Numbers up to ``seq`` are taken on the share (this folder was restored from an older
        copy): new batches get higher ones. Call with the lock held."""
        if seq > self._last_seq():
            write_atomic(self.folder / COUNTER_FILE, str(seq).encode())

    def renumber(self, batch: Batch, above: int) -> Batch:
        """Move a waiting batch to a number above ``above`` (its own was taken on the share by a
        batch this folder wrote before it was restored). Call with the lock held."""
        self.raise_floor(above)
        seq = self._last_seq() + 1
        moved = Batch(self.writer, seq, tuple(op.with_seq(seq) for op in batch.ops))
        write_atomic(self.outbox / batch_name(seq), moved.encode())
        with contextlib.suppress(FileNotFoundError):
            (self.outbox / batch_name(batch.seq)).unlink()
        return moved

    def pending_seqs(self) -> list[int]:
        seqs = (parse_batch_name(entry.name) for entry in os.scandir(self.outbox))
        return sorted(seq for seq in seqs if seq is not None)

    def pending(self) -> list[Batch]:
        """Batches not yet published, oldest first (unreadable ones are skipped, not deleted)."""
        batches = []
        for seq in self.pending_seqs():
            with contextlib.suppress(FileNotFoundError, CorruptFile):
                batches.append(Batch.decode(read_bytes(self.outbox / batch_name(seq))))
        return batches

    def published(self, seq: int) -> None:
        """The batch is on the share: note it, then take it out of the outbox (in that order, so
        a kill in between leaves it to be published again, which is harmless)."""
        if seq > self._read_number(PUBLISHED_FILE):
            write_atomic(self.folder / PUBLISHED_FILE, str(seq).encode())
        with contextlib.suppress(FileNotFoundError):
            (self.outbox / batch_name(seq)).unlink()
