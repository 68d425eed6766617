"""Items of bytes kept on disk and given back in the order of their keys.

What ten thousand cases make is tens of megabytes; kept here, memory holds one key and two
numbers an item, and the bytes stream out in order. Two uses: a listing of every case
(``case list --all --json``, ``export ics --all``) renders each case as the archive is read a
shard at a time, and prints them most urgent first; a new host's first read keeps a
snapshot's archived cases here until their checksum holds, then files them shard by shard.
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
        self._index: list[tuple[Any, int, int, Any]] = []  # (key, offset, length, tag)
        self._end = 0

    def add(self, key: Any, data: bytes, tag: Any = None) -> None:
        """Keep ``data`` under ``key``; ``tag`` is kept in memory beside it (see ``items``)."""
        self._file.seek(self._end)  # a reading left off may have moved it
        self._file.write(data)
        self._index.append((key, self._end, len(data), tag))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[bytes]:
        """The items' bytes in key order."""
        for _, _, data in self.items():
            yield data

    def items(self) -> Iterator[tuple[Any, Any, bytes]]:
        """Each item as (key, tag, data), in key order."""
        self._file.flush()
        self._index.sort(key=itemgetter(0))
        for key, offset, length, tag in self._index:
            self._file.seek(offset)
            yield key, tag, self._file.read(length)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> SortedSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
