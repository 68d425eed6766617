"""The store folder on the shared drive, as files that each have exactly one writer.

    <store>/stangning-store.json       marker: format and store id, and whether the demo made
                                       it (written once, by its creator)
    <store>/ops/<writer>/<seq>.json    one batch of operations per file, written by that writer only
    <store>/snapshots/<hlc>-<writer>.json  every operation of the batches it covers
    <store>/writers/<writer>.json      the writer's heartbeat: host, login, its clock
    <store>/quarantine/                files that failed to parse, to match their checksum or to
                                       pass validation, each with a note saying why
    <store>/cleanup.lock/              held (mkdir is atomic on NFS and SMB) while old files go

Nothing on the share is ever replaced or appended to by two processes. Nothing here creates the
store folder itself, or anything above it, except ``create`` (``stangning init``): a folder that
is an empty mount point stays empty until someone says it is the store.

Files are found by listing folders and only listed names are opened: a client that caches failed
look-ups (NFS ``lookupcache=all``, SMB clients) would hide a file created later under a name this
host had already tried to open.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.store.files import (
    DIR_MODE,
    FILE_MODE,
    group_umask,
    read_bytes,
    read_head,
    retry,
    write_atomic,
)
from tui.store.wire import (
    Batch,
    CorruptFile,
    Segment,
    Snapshot,
    SnapshotHead,
    batch_name,
    parse_batch_name,
    parse_segment_name,
    segment_name,
)

MARKER = "stangning-store.json"
OPS = "ops"
SNAPSHOTS = "snapshots"
WRITERS = "writers"
QUARANTINE = "quarantine"
CLEANUP_LOCK = "cleanup.lock"
LAYOUT = (OPS, SNAPSHOTS, WRITERS, QUARANTINE)
STALE_LOCK_SECONDS = 600
HEARTBEAT_LIMIT = 64 * 1024  # bytes read of a heartbeat: it is a few dozen


class ShareUnavailable(OSError):
    """The store cannot be used now. ``cause`` names why, for the user's message:
    missing (not there: unmounted, renamed), not_store (a folder without a store's marker),
    read_only, full, denied, not_responding, io (anything else the file system said)."""

    def __init__(self, cause: str, detail: object = "") -> None:
        super().__init__(f"{cause}: {detail}" if detail else cause)
        self.cause = cause
        self.detail = str(detail)


class NotAStore(ShareUnavailable):
    """The folder is there but holds no store (an empty mount point, or something else)."""

    def __init__(self, detail: object = "") -> None:
        super().__init__("not_store", detail)


class FolderNotEmpty(Exception):
    """``create`` was asked to make a store of a folder that holds other things."""


def cause_of(error: OSError) -> str:
    """The user-facing cause of a file system error on the share."""
    if isinstance(error, ShareUnavailable):
        return error.cause
    return {
        errno.EROFS: "read_only",
        errno.ENOSPC: "full",
        errno.EDQUOT: "full",
        errno.ENOENT: "missing",
        errno.ENOTDIR: "missing",
        errno.EACCES: "denied",
        errno.EPERM: "denied",
        errno.ETIMEDOUT: "not_responding",
    }.get(error.errno or 0, "io")


def unavailable(error: OSError) -> ShareUnavailable:
    return (
        error if isinstance(error, ShareUnavailable) else ShareUnavailable(cause_of(error), error)
    )


class SequenceCollision(Exception):
    """A different batch already has this writer's sequence number on the share. It is never
    replaced: that would lose whatever the other batch held."""

    def __init__(self, path: Path, highest: int) -> None:
        super().__init__(str(path))
        self.highest = highest  # the writer's highest sequence number found on the share


@dataclass(frozen=True)
class WriterFiles:
    """One writer's files on the share, from one listing."""

    batches: dict[int, bool]  # sequence number -> whether it is a regular file
    segments: dict[tuple[int, int], bool]  # (lo, hi) -> whether it is a regular file

    @property
    def highest(self) -> int:
        """The highest sequence number this writer has used, as far as the files show."""
        return max([*self.batches, *(hi for _, hi in self.segments)], default=0)

    def segment_holding(self, seq: int) -> tuple[int, int] | None:
        return next(((lo, hi) for lo, hi in self.segments if lo <= seq <= hi), None)


@dataclass(frozen=True)
class Heartbeat:
    writer: str
    host: str
    actor: str
    wall_ms: int  # the writer's own clock when it wrote the heartbeat
    share_ms: int  # the share's clock then (the file's modification time)

    @property
    def skew_ms(self) -> int:
        """How far the writer's clock is ahead of the share's (negative: behind)."""
        return self.wall_ms - self.share_ms


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries; empty when it is missing or not a folder (a damaged layout must
    not stop every command: ``doctor`` reports it)."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


class Share:
    def __init__(self, root: Path) -> None:
        self.root = root

    # --- the store as a whole ----------------------------------------------------------------

    def store_id(self) -> str:
        """The store's id. NotAStore when the folder is there without a marker; another
        ShareUnavailable when the folder cannot be read."""
        try:
            data = retry(lambda: read_bytes(self.root / MARKER))
        except FileNotFoundError:
            if self.root.is_dir():
                raise NotAStore(self.root) from None
            raise ShareUnavailable("missing", self.root) from None
        except NotADirectoryError:
            raise NotAStore(self.root) from None
        except OSError as error:
            raise unavailable(error) from error
        try:
            marker = json.loads(data)
            return str(marker["store_id"])
        except (ValueError, KeyError, TypeError) as error:
            raise NotAStore(f"{self.root / MARKER}: {error}") from error

    def is_demo(self) -> bool:
        """Whether ``stangning demo`` made this store: its marker says so (its people act on
        made-up days, so their clocks are nobody's)."""
        with contextlib.suppress(OSError, ValueError):
            marker = json.loads(read_bytes(self.root / MARKER))
            return isinstance(marker, dict) and marker.get("demo") is True
        return False

    def create(self, *, demo: bool = False) -> tuple[str, bool]:
        """Make this folder a new, empty store: it may be missing (its parent must exist) or an
        empty folder. Returns (store id, created); an existing store is left as it is.
        ``demo``: the marker says the store is the demo's."""
        with contextlib.suppress(NotAStore, ShareUnavailable):
            return self.store_id(), False
        if not self.root.parent.is_dir():
            raise ShareUnavailable("missing", self.root.parent)
        with group_umask():
            with contextlib.suppress(FileExistsError):
                self.root.mkdir(mode=DIR_MODE)
                with contextlib.suppress(OSError):
                    self.root.chmod(DIR_MODE)
            if any(entry.name != MARKER for entry in _listing(self.root)):
                raise FolderNotEmpty(str(self.root))
            store_id = secrets.token_hex(8)
            fields: dict[str, object] = {"format": "stangning/1", "store_id": store_id}
            if demo:
                fields["demo"] = True
            marker = json.dumps(fields).encode()
            try:
                fd = os.open(self.root / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            except FileExistsError:
                return self.store_id(), False  # another process made it at the same moment
            with os.fdopen(fd, "wb") as handle:
                handle.write(marker)
                handle.flush()
                os.fsync(handle.fileno())
        for name in LAYOUT:
            self.folder(name)
        return store_id, True

    def folder(self, name: str, *parts: str) -> Path:
        """A folder inside the store, made when missing; never the store folder itself."""
        path = self.root / name
        for part in (None, *parts):
            if part is not None:
                path = path / part
            try:
                with group_umask():
                    path.mkdir(mode=DIR_MODE)
            except FileExistsError:
                continue
            with contextlib.suppress(OSError):
                path.chmod(DIR_MODE)
        return path

    # --- batches ------------------------------------------------------------------------------

    def batch_folder(self, writer: str) -> Path:
        return self.root / OPS / writer

    def publish(self, batch: Batch, store_id: str) -> None:
        """Put the batch on the share under its own name, never replacing another file."""
        folder = self.folder(OPS, batch.writer)
        target = folder / batch_name(batch.seq)
        data = batch.encode(store_id)
        files = self.writer_files(batch.writer)
        segment = files.segment_holding(batch.seq)
        if segment is not None:
            # Published before, and compacted since? Then every operation is in the segment.
            held = self.read_segment(batch.writer, *segment, store_id)
            if {op.op_id for op in batch.ops} <= {op.op_id for op in held.ops}:
                return
            raise SequenceCollision(target, files.highest)
        if batch.seq not in files.batches:
            write_atomic(target, data)
            return
        if retry(lambda: read_bytes(target)) != data:
            raise SequenceCollision(target, files.highest)
        # Already there (a publisher died before clearing its outbox): nothing to replace.

    def writers(self) -> list[str]:
        entries = _listing(self.root / OPS)
        return sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))

    def writer_files(self, writer: str) -> WriterFiles:
        """The writer's batch files and segments, from one listing of its folder."""
        batches, segments = {}, {}
        for entry in _listing(self.root / OPS / writer):
            seq = parse_batch_name(entry.name)
            if seq is not None:
                batches[seq] = _is_file(entry)
                continue
            span = parse_segment_name(entry.name)
            if span is not None:
                segments[span] = _is_file(entry)
        return WriterFiles(batches, segments)

    def segment_path(self, writer: str, lo: int, hi: int) -> Path:
        return self.root / OPS / writer / segment_name(lo, hi)

    def read_segment(self, writer: str, lo: int, hi: int, store_id: str | None) -> Segment:
        data = retry(lambda: read_bytes(self.segment_path(writer, lo, hi)))
        segment = Segment.decode(data, store_id)
        if (segment.writer, segment.lo, segment.hi) != (writer, lo, hi):
            raise CorruptFile(f"segment {segment.writer}/{segment.lo}-{segment.hi} misnamed")
        return segment

    def publish_segment(self, segment: Segment, store_id: str) -> None:
        path = self.folder(OPS, segment.writer) / segment_name(segment.lo, segment.hi)
        write_atomic(path, segment.encode(store_id))

    def batch_path(self, writer: str, seq: int) -> Path:
        return self.root / OPS / writer / batch_name(seq)

    def read_batch_bytes(self, writer: str, seq: int) -> bytes:
        """The batch file's bytes; FileNotFoundError when it is not (any more) there."""
        return retry(lambda: read_bytes(self.batch_path(writer, seq)))

    # --- quarantine ---------------------------------------------------------------------------

    def quarantine(self, path: Path, reason: str) -> Path | None:
        """Move a bad file aside, with a note saying why; None when it is already gone (or the
        quarantine folder cannot be made: then it stays where it is and is reported again)."""
        try:
            folder = self.folder(QUARANTINE)
        except OSError:
            return None
        relative = path.relative_to(self.root).as_posix().replace("/", "__")
        target = folder / f"{relative}.{secrets.token_hex(3)}"
        try:
            path.rename(target)
        except OSError:
            return None
        note = {"from": path.relative_to(self.root).as_posix(), "reason": reason}
        with contextlib.suppress(OSError):
            write_atomic(target.with_name(target.name + ".why.json"), json.dumps(note).encode())
        return target

    def quarantine_copy(self, path: Path, reason: str) -> Path | None:
        """Put a copy of a file in quarantine with a note (for a snapshot that loads in part:
        moving it would hide the operations it still holds)."""
        try:
            data = read_bytes(path)
            folder = self.folder(QUARANTINE)
            relative = path.relative_to(self.root).as_posix().replace("/", "__")
            target = folder / f"{relative}.{secrets.token_hex(3)}"
            write_atomic(target, data)
            note = {"from": path.relative_to(self.root).as_posix(), "reason": reason}
            write_atomic(target.with_name(target.name + ".why.json"), json.dumps(note).encode())
        except OSError:
            return None
        return target

    def quarantined(self) -> list[dict[str, str]]:
        found = []
        for entry in sorted(_listing(self.root / QUARANTINE), key=lambda e: e.name):
            if entry.name.endswith(".why.json"):
                continue
            note: dict[str, str] = {"file": entry.name, "reason": ""}
            with contextlib.suppress(OSError, ValueError, RecursionError):
                why = json.loads(read_head(Path(entry.path + ".why.json"), HEARTBEAT_LIMIT))
                note |= {"from": str(why.get("from", "")), "reason": str(why.get("reason", ""))}
            found.append(note)
        return found

    # --- snapshots ----------------------------------------------------------------------------

    def snapshot_names(self) -> list[str]:
        names = [
            entry.name
            for entry in _listing(self.root / SNAPSHOTS)
            if entry.name.endswith(".json") and not entry.name.startswith(".")
        ]
        return sorted(names)

    def snapshot_path(self, name: str) -> Path:
        return self.root / SNAPSHOTS / name

    def read_snapshot(
        self,
        name: str,
        store_id: str | None,
        *,
        packed: bool = False,
        known: dict[str, int] | None = None,
    ) -> Snapshot:
        path = self.snapshot_path(name)

        def read() -> Snapshot:
            with path.open("rb") as stream:  # read a line at a time (see Snapshot.read)
                return Snapshot.read(stream, store_id, packed=packed, known=known)

        return retry(read)

    def read_snapshot_head(self, name: str, store_id: str | None) -> SnapshotHead:
        """What a snapshot covers, from its first line (the body is read only when needed)."""
        return SnapshotHead.read(lambda size: read_head(self.snapshot_path(name), size), store_id)

    def publish_snapshot(self, data: bytes | Iterable[bytes], hlc: str, writer: str) -> str:
        """Put an encoded snapshot (its bytes, or chunks of them) on the share under a name of
        its own."""
        name = f"{hlc}-{writer}.json"
        write_atomic(self.folder(SNAPSHOTS) / name, data)
        return name

    # --- heartbeats ---------------------------------------------------------------------------

    def beat(self, writer: str, host: str, actor: str, wall_ms: int) -> int:
        """Write the writer's heartbeat; returns the share's clock then (the file's time)."""
        data = {"writer": writer, "host": host, "actor": actor, "wall_ms": wall_ms}
        path = self.folder(WRITERS) / f"{writer}.json"
        write_atomic(path, json.dumps(data).encode(), durable=False)
        return int(path.stat().st_mtime * 1000)

    def heartbeats(self) -> list[Heartbeat]:
        beats = []
        for entry in _listing(self.root / WRITERS):
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError, RecursionError):
                path = Path(entry.path)
                raw: Any = json.loads(read_head(path, HEARTBEAT_LIMIT))
                share_ms = int(path.stat().st_mtime * 1000)
                beats.append(
                    Heartbeat(
                        str(raw["writer"]),
                        str(raw["host"]),
                        str(raw["actor"]),
                        int(raw["wall_ms"]),
                        share_ms,
                    )
                )
        return sorted(beats, key=lambda beat: beat.writer)

    def damaged_layout(self) -> list[str]:
        """Store folders that are not folders (``doctor`` names them)."""
        return [
            name
            for name in LAYOUT
            if (self.root / name).exists() and not (self.root / name).is_dir()
        ]

    # --- clean-up -----------------------------------------------------------------------------

    def cleanup_running(self) -> bool:
        """Whether a clean-up holds the lock now (and has not died long ago)."""
        try:
            age = time.time() - (self.root / CLEANUP_LOCK).stat().st_mtime
        except OSError:
            return False
        return age < STALE_LOCK_SECONDS

    @contextlib.contextmanager
    def cleanup_lock(self) -> Iterator[bool]:
        """Yield True when this process holds the clean-up lock, False when another does."""
        lock = self.root / CLEANUP_LOCK
        try:
            lock.mkdir()
        except FileExistsError:
            try:
                age = time.time() - lock.stat().st_mtime
            except FileNotFoundError:
                age = 0
            if age < STALE_LOCK_SECONDS:
                yield False
                return
            # A clean-up that died long ago: take its lock over.
            with contextlib.suppress(OSError):
                os.utime(lock)
        try:
            yield True
        finally:
            with contextlib.suppress(OSError):
                lock.rmdir()

    def remove_batches(self, covered: dict[str, int]) -> int:
        """Delete batch files and segments up to the given numbers (a surviving snapshot covers
        them)."""
        removed = 0
        for writer, upto in covered.items():
            files = self.writer_files(writer)
            paths = [self.batch_path(writer, seq) for seq in files.batches if seq <= upto]
            paths += [
                self.segment_path(writer, *span) for span in files.segments if span[1] <= upto
            ]
            for path in paths:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        return removed
