"""The local view: every operation this host knows, folded by case, in a TinyDB file on local disk.

It lets a command start without reading the share, and the dashboard work while the share is
gone. It is a cache: lost or unreadable, it is rebuilt from the share and the outbox. Several
processes of one host share it; they save under the local lock, merging what the others saved.
TinyDB's own JSONStorage rewrites the file in place, so a crash could leave half a file: this
storage writes a temporary file and renames it into place instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from tui.core.operations import Ledger, Operation
from tui.store.files import read_bytes, write_atomic
from tui.store.read_position import ReadPosition

VIEW_FILE = "view.json"


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


@dataclass
class ViewData:
    store_id: str | None = None
    store_path: str | None = None
    ops: list[Operation] = field(default_factory=list)
    positions: dict[str, ReadPosition] = field(default_factory=dict)


class LocalView:
    def __init__(self, folder: Path) -> None:
        self.path = folder / VIEW_FILE

    def _db(self) -> TinyDB:
        return TinyDB(self.path, storage=CachingMiddleware(AtomicJSONStorage))  # type: ignore[no-untyped-call]

    def stamp(self) -> tuple[int, int, int] | None:
        """The file's identity and state (inode, size, modification time): tells whether
        another process saved it since; None when there is none."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def load(self) -> ViewData:
        """What the view holds; ValueError (or OSError) when the file is unreadable."""
        if not self.path.exists():
            return ViewData()
        db = self._db()
        try:
            meta = db.table("meta").get(doc_id=1)
            ops = [Operation.from_row(row) for doc in db.table("cases").all() for row in doc["ops"]]
            positions = {
                str(doc["writer"]): ReadPosition.from_doc(doc)
                for doc in db.table("positions").all()
            }
            if not isinstance(meta, dict):
                return ViewData(None, None, ops, positions)
            store_path = meta.get("store_path")
            return ViewData(
                str(meta["store_id"]),
                store_path if isinstance(store_path, str) else None,
                ops,
                positions,
            )
        except (KeyError, TypeError, AttributeError, RecursionError) as error:
            raise ValueError(f"malformed local view: {error}") from error
        finally:
            db.close()

    def save(
        self, store_id: str, store_path: str, ledger: Ledger, positions: dict[str, ReadPosition]
    ) -> None:
        """Replace the view with the ledger and positions (the caller holds the local lock)."""
        db = self._db()
        try:
            db.drop_tables()
            db.table("meta").insert({"store_id": store_id, "store_path": store_path})
            db.table("positions").insert_multiple(
                position.to_doc(writer) for writer, position in sorted(positions.items())
            )
            db.table("cases").insert_multiple(_case_docs(ledger))
        finally:
            db.close()  # CachingMiddleware writes everything once, here


def _case_docs(ledger: Ledger) -> Iterable[dict[str, Any]]:
    for case_id in ledger.case_ids():
        yield {"case_id": case_id, "ops": [op.to_row() for op in ledger.history(case_id)]}
