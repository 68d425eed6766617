"""The store folder on the shared drive, as files that each have exactly one writer.

    <store>/stangning-store.json       marker: format and store id (written once, by its creator)
    <store>/ops/<writer>/<seq>.json    one batch of operations per file, written by that writer only
    <store>/snapshots/<hlc>-<writer>.json  every operation up to the batches it covers
    <store>/writers/<writer>.json      the writer's heartbeat: host, login, its clock
    <store>/quarantine/                files that failed to parse or to match their checksum
    <store>/cleanup.lock/              held (mkdir is atomic on NFS and SMB) while old batches go

Nothing on the share is ever replaced or appended to by two processes.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.store.files import FILE_MODE, group_umask, make_dirs, read_bytes, retry, write_atomic
from tui.store.wire import FORMAT, Batch, Snapshot, batch_name, parse_batch_name

MARKER = "stangning-store.json"
OPS = "ops"
SNAPSHOTS = "snapshots"
WRITERS = "writers"
QUARANTINE = "quarantine"
CLEANUP_LOCK = "cleanup.lock"
STALE_LOCK_SECONDS = 600


class ShareUnavailable(OSError):
    """The store folder is not there (unmounted, renamed, network down)."""


class SequenceCollision(Exception):
    """A different batch already has this writer's sequence number on the share. It is never
    replaced: that would lose whatever the other batch held."""


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


class Share:
    def __init__(self, root: Path) -> None:
        self.root = root

    # --- the store as a whole ----------------------------------------------------------------

    def store_id(self) -> str:
        """The store's id; ShareUnavailable when the folder or its marker cannot be read."""
        try:
            marker = json.loads(retry(lambda: read_bytes(self.root / MARKER)))
            return str(marker["store_id"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ShareUnavailable(str(error)) from error

    def create(self) -> str:
        """Make a new, empty store here (the folder's parent must exist)."""
        if not self.root.parent.is_dir():
            raise ShareUnavailable(f"{self.root.parent} does not exist")
        make_dirs(self.root)
        for name in (OPS, SNAPSHOTS, WRITERS, QUARANTINE):
            make_dirs(self.root / name)
        store_id = secrets.token_hex(8)
        marker = {"format": FORMAT, "store_id": store_id}
        with contextlib.suppress(FileExistsError):
            # Another process may create it at the same moment: then its id stands.
            with group_umask():
                fd = os.open(self.root / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "w") as handle:
                json.dump(marker, handle)
                handle.flush()
                os.fsync(handle.fileno())
        return self.store_id()

    # --- batches ------------------------------------------------------------------------------

    def batch_folder(self, writer: str) -> Path:
        return self.root / OPS / writer

    def heartbeat_folder(self) -> Path:
        return self.root / WRITERS

    def publish(self, batch: Batch) -> None:
        folder = self.batch_folder(batch.writer)
        if not (self.root / MARKER).exists():
            raise ShareUnavailable(str(self.root))
        make_dirs(folder)
        target = folder / batch_name(batch.seq)
        data = batch.encode()
        try:
            existing = read_bytes(target)
        except FileNotFoundError:
            write_atomic(target, data)
            return
        if existing != data:
            raise SequenceCollision(str(target))
        # Already there (a publisher died before clearing its outbox): nothing to replace.

    def writers(self) -> list[str]:
        try:
            return sorted(entry.name for entry in os.scandir(self.root / OPS) if entry.is_dir())
        except OSError as error:
            raise ShareUnavailable(str(error)) from error

    def batch_seqs(self, writer: str) -> list[int]:
        try:
            entries = os.scandir(self.root / OPS / writer)
        except FileNotFoundError:
            return []
        seqs = (parse_batch_name(entry.name) for entry in entries)
        return sorted(seq for seq in seqs if seq is not None)

    def batch_path(self, writer: str, seq: int) -> Path:
        return self.root / OPS / writer / batch_name(seq)

    def read_batch_bytes(self, writer: str, seq: int) -> bytes:
        """The batch file's bytes; FileNotFoundError when it is not (yet, or any more) there."""
        return retry(lambda: read_bytes(self.batch_path(writer, seq)))

    # --- quarantine ---------------------------------------------------------------------------

    def quarantine(self, path: Path, reason: str) -> Path | None:
        """Move a bad file aside, with a note saying why; None when it is already gone."""
        folder = self.root / QUARANTINE
        make_dirs(folder)
        relative = path.relative_to(self.root).as_posix().replace("/", "__")
        target = folder / f"{relative}.{secrets.token_hex(3)}"
        try:
            path.rename(target)
        except FileNotFoundError:
            return None
        note = {"from": path.relative_to(self.root).as_posix(), "reason": reason}
        with contextlib.suppress(OSError):
            write_atomic(target.with_name(target.name + ".why.json"), json.dumps(note).encode())
        return target

    def quarantined(self) -> list[dict[str, str]]:
        try:
            entries = sorted(os.scandir(self.root / QUARANTINE), key=lambda e: e.name)
        except FileNotFoundError:
            return []
        found = []
        for entry in entries:
            if entry.name.endswith(".why.json"):
                continue
            note: dict[str, str] = {"file": entry.name, "reason": ""}
            with contextlib.suppress(OSError, ValueError):
                why = json.loads(read_bytes(Path(entry.path + ".why.json")))
                note |= {"from": str(why.get("from", "")), "reason": str(why.get("reason", ""))}
            found.append(note)
        return found

    # --- snapshots ----------------------------------------------------------------------------

    def snapshot_names(self) -> list[str]:
        """Newest first."""
        try:
            names = [
                entry.name
                for entry in os.scandir(self.root / SNAPSHOTS)
                if entry.name.endswith(".json") and not entry.name.startswith(".")
            ]
        except FileNotFoundError:
            return []
        return sorted(names, reverse=True)

    def snapshot_path(self, name: str) -> Path:
        return self.root / SNAPSHOTS / name

    def read_snapshot(self, name: str) -> Snapshot:
        return Snapshot.decode(retry(lambda: read_bytes(self.snapshot_path(name))))

    def publish_snapshot(self, snapshot: Snapshot, hlc: str, writer: str) -> str:
        name = f"{hlc}-{writer}.json"
        make_dirs(self.root / SNAPSHOTS)
        write_atomic(self.snapshot_path(name), snapshot.encode())
        return name

    # --- heartbeats ---------------------------------------------------------------------------

    def beat(self, writer: str, host: str, actor: str, wall_ms: int) -> None:
        data = {"writer": writer, "host": host, "actor": actor, "wall_ms": wall_ms}
        make_dirs(self.root / WRITERS)
        write_atomic(self.root / WRITERS / f"{writer}.json", json.dumps(data).encode())

    def heartbeats(self) -> list[Heartbeat]:
        beats = []
        try:
            entries = list(os.scandir(self.root / WRITERS))
        except FileNotFoundError:
            return []
        for entry in entries:
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                raw = json.loads(read_bytes(Path(entry.path)))
                share_ms = int(Path(entry.path).stat().st_mtime * 1000)
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

    # --- clean-up -----------------------------------------------------------------------------

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

    def remove_covered(self, covered: dict[str, int]) -> int:
        """Delete batch files that a published snapshot covers. Safe to run twice."""
        removed = 0
        for writer, upto in covered.items():
            for seq in self.batch_seqs(writer):
                if seq <= upto:
                    with contextlib.suppress(FileNotFoundError):
                        self.batch_path(writer, seq).unlink()
                        removed += 1
        return removed
