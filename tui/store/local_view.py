"""The local view: what this host knows of the store, in TinyDB files on local disk.

It lets a command start without reading the share, and the dashboard work while the share is
gone. It is a cache: lost or unreadable, it is rebuilt from the share and the outbox. Several
processes of one host share it; they save under the local lock, merging what the others saved.

Open and archived (complete) cases are kept apart, one document per case, so that a command
costs what the open closures cost, however large the archive grows:

- ``view.json``: the store's identity, the read positions, and one document per open case with
  its operations. Every command reads it; it is small (a few hundred open closures).
- ``archive/NN.json`` (``archive.SHARDS`` files, a case's shard from a hash of its id): one
  document per complete case, its operations packed (see archive.py). Read only for a case
  asked for, or when everything is asked for; a change writes only the shard it touches.

TinyDB's own JSONStorage rewrites a file in place, so a crash could leave half a file: this
storage writes a temporary file and renames it into place instead. Every file is read and
written whole through TinyDB's CachingMiddleware: one read, one write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from tui.core.operations import Operation
from tui.store.archive import SHARDS, ArchivedCase, DamagedArchive
from tui.store.files import PRIVATE_DIR_MODE, make_dirs, read_bytes, sweep_temporaries, write_atomic
from tui.store.read_position import ReadPosition

VIEW_FILE = "view.json"
ARCHIVE_FOLDER = "archive"
# 1: every case in view.json (before December 2026); 2: open cases there, the rest archived.
LAYOUT = 2


class AtomicJSONStorage(Storage):
    """TinyDB storage that replaces the file atomically and never leaves it half-written."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = json.loads(read_bytes(self.path))
        except FileNotFoundError:
            return None
        if not isinstance(data, dict):
            raise ValueError("not a TinyDB document")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self.path, encoded.encode(), durable=False)

    def close(self) -> None:
        pass


def _open_db(path: Path) -> TinyDB:
    return TinyDB(path, storage=CachingMiddleware(AtomicJSONStorage))  # type: ignore[no-untyped-call]


@dataclass
class ViewData:
    store_id: str | None = None
    store_path: str | None = None
    ops: list[Operation] = field(default_factory=list)  # the open cases' (layout 1: every case's)
    positions: dict[str, ReadPosition] = field(default_factory=dict)
    open_ids: set[str] = field(default_factory=set)
    latest: str = ""  # the highest timestamp of every operation saved, archived ones too
    layout: int = LAYOUT


class LocalView:
    def __init__(self, folder: Path) -> None:
        self.path = folder / VIEW_FILE
        self.archive = LocalArchive(folder / ARCHIVE_FOLDER)

    def stamp(self) -> tuple[int, int, int] | None:
        """The file's identity and state (inode, size, modification time): tells whether
        another process saved it since; None when there is none."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def load(self) -> ViewData:
        """What view.json holds; ValueError (or OSError) when the file is unreadable."""
        if not self.path.exists():
            return ViewData()
        db = _open_db(self.path)
        try:
            meta = db.table("meta").get(doc_id=1)
            ops: list[Operation] = []
            open_ids: set[str] = set()
            for doc in db.table("cases").all():
                open_ids.add(str(doc["case_id"]))
                ops.extend(Operation.from_row(row) for row in doc["ops"])
            positions = {
                str(doc["writer"]): ReadPosition.from_doc(doc)
                for doc in db.table("positions").all()
            }
            if not isinstance(meta, dict):
                return ViewData(None, None, ops, positions, open_ids, layout=1)
            store_path, latest, layout = (meta.get(k) for k in ("store_path", "latest", "layout"))
            return ViewData(
                str(meta["store_id"]),
                store_path if isinstance(store_path, str) else None,
                ops,
                positions,
                open_ids,
                latest if isinstance(latest, str) else "",
                layout if type(layout) is int else 1,
            )
        except (KeyError, TypeError, AttributeError, RecursionError) as error:
            raise ValueError(f"malformed local view: {error}") from error
        finally:
            db.close()

    def write(
        self,
        store_id: str,
        store_path: str,
        positions: Mapping[str, ReadPosition],
        latest: str,
        cases: Mapping[str, Iterable[Operation]],
    ) -> None:
        """Replace view.json: these open cases, these positions (the caller holds the lock)."""
        db = _open_db(self.path)
        try:
            db.drop_tables()
            db.table("meta").insert(
                {"store_id": store_id, "store_path": store_path, "latest": latest, "layout": LAYOUT}
            )
            db.table("positions").insert_multiple(
                position.to_doc(writer) for writer, position in sorted(positions.items())
            )
            db.table("cases").insert_multiple(
                {"case_id": case_id, "ops": [op.to_row() for op in ops]}
                for case_id, ops in cases.items()
            )
        finally:
            db.close()  # CachingMiddleware writes everything once, here


class LocalArchive:
    """The archived cases, in ``SHARDS`` TinyDB files, each naming the store it belongs to."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, shard: int) -> Path:
        return self.folder / f"{shard:02d}.json"

    def stamp(self, shard: int) -> tuple[int, int, int] | None:
        """As LocalView.stamp, for one shard."""
        try:
            info = self.path(shard).stat()
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def sweep(self) -> None:
        if self.folder.is_dir():
            sweep_temporaries(self.folder)

    def read(self, shard: int, store_id: str) -> dict[str, ArchivedCase]:
        """The shard's cases ({} when it does not exist or belongs to another store);
        DamagedArchive when it cannot be read."""
        path = self.path(shard)
        if not path.exists():
            return {}
        db = _open_db(path)
        try:
            meta = db.table("meta").get(doc_id=1)
            if not isinstance(meta, dict) or meta.get("store_id") != store_id:
                return {}
            cases = (ArchivedCase.from_doc(doc) for doc in db.table("cases").all())
            return {case.case_id: case for case in cases}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            raise DamagedArchive(f"{path.name}: {error}") from error
        finally:
            db.close()

    def write(self, shard: int, store_id: str, cases: Mapping[str, ArchivedCase]) -> None:
        make_dirs(self.folder, PRIVATE_DIR_MODE, PRIVATE_DIR_MODE)
        db = _open_db(self.path(shard))
        try:
            db.drop_tables()
            db.table("meta").insert({"store_id": store_id})
            db.table("cases").insert_multiple(case.to_doc() for case in cases.values())
        finally:
            db.close()

    def shards(self) -> range:
        return range(SHARDS)
