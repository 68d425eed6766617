"""A single-host operation log in one TinyDB file: ``<store>/operations.json``.

Fine for one process at a time on local disk. Several hosts sharing a network drive need the
per-writer files of the shared-drive store instead; both sit behind OperationLog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tinydb import TinyDB

from tui.core.operations import Operation

FILE_NAME = "operations.json"


class TinyDBLog:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._db: TinyDB | None = None
        self._last_doc_id = 0

    def _open(self, *, create: bool) -> TinyDB | None:
        if self._db is None and (create or self.path.exists()):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = TinyDB(self.path, ensure_ascii=False, sort_keys=True)
        return self._db

    def append(self, ops: Sequence[Operation]) -> None:
        db = self._open(create=True)
        assert db is not None
        db.table("operations").insert_multiple(op.to_dict() for op in ops)

    def read_new(self) -> list[Operation]:
        db = self._open(create=False)
        if db is None:
            return []
        docs = [doc for doc in db.table("operations").all() if doc.doc_id > self._last_doc_id]
        if docs:
            self._last_doc_id = max(doc.doc_id for doc in docs)
        return [Operation.from_dict(dict(doc)) for doc in docs]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
