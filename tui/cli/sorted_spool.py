"""Rendered items kept on disk and given back in the order of their keys.

A listing of every case (``case list --all --json``, ``export ics --all``) renders each case as
it is read, a part of the archive at a time, and must print them most urgent first. Kept in
memory, the rendered text of 10,000 cases is tens of megabytes (the JSON list of them is 5 KB a
case); kept here, memory holds one key and two numbers a case, and the text streams out.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from operator import itemgetter
from typing import Any


class SortedSpool:
    """Items of bytes added in any order, read back sorted by their keys (a stable sort: items
    with equal keys come in the order they were added)."""

    def __init__(self) -> None:
        # Unlinked at once (nothing is left behind); closed by close() or the with block.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._index: list[tuple[Any, int, int]] = []  # (key, offset, length)
        self._end = 0

    def add(self, key: Any, data: bytes) -> None:
        self._file.seek(self._end)  # a reading left off may have moved it
        self._file.write(data)
        self._index.append((key, self._end, len(data)))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[bytes]:
        self._file.flush()
        self._index.sort(key=itemgetter(0))
        for _, offset, length in self._index:
            self._file.seek(offset)
            yield self._file.read(length)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> SortedSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
