"""Archived cases: the operations of a complete case, packed into one short text.

A region's store holds thousands of complete closures and a few hundred open ones. A command
reads only the open ones; an archived case is read when someone asks for it (``case show ID``,
``case list --all``, a report) or when a change reaches it. Packed, an archived case is one
ASCII string (its operations as JSON, compressed, in base64): a shard of the local archive or a
snapshot holding thousands of them parses as fast as a list of strings, and the string is copied
from a snapshot to a new host's archive as it is, without being decoded.

The archive is split into ``SHARDS`` files by a hash of the case id, so saving a case that was
just completed rewrites one small file, not the whole archive.
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from tui.core.op_validation import operations_from_rows
from tui.core.operations import Operation
from tui.sorted_spool import SortedSpool

SHARDS = 32


def shard_of(case_id: str) -> int:
    """The shard a case is archived in (the same on every host and in every version)."""
    return zlib.crc32(case_id.encode("utf-8", "surrogatepass")) % SHARDS


class DamagedArchive(ValueError):
    """A packed case that does not unpack (a damaged local file)."""


@dataclass(frozen=True)
class ArchivedCase:
    """One complete case, packed: ``upto`` is, per writer, the highest batch number among its
    operations (whether a snapshot may hold it as it is)."""

    case_id: str
    upto: dict[str, int]
    packed: str

    @classmethod
    def pack(cls, case_id: str, ops: Iterable[Operation]) -> ArchivedCase:
        ordered = sorted(ops, key=lambda op: op.order_key)
        upto: dict[str, int] = {}
        for op in ordered:
            upto[op.writer] = max(op.seq, upto.get(op.writer, 0))
        text = json.dumps(
            [op.to_row() for op in ordered], ensure_ascii=False, separators=(",", ":")
        )
        packed = base64.b64encode(zlib.compress(text.encode(), 6)).decode("ascii")
        return cls(case_id, upto, packed)

    def unpack(self) -> tuple[list[Operation], str]:
        """(the valid operations of this case, the first reason one was left out or '').
        DamagedArchive when the text does not unpack at all."""
        try:
            rows = json.loads(zlib.decompress(base64.b64decode(self.packed, validate=True)))
        except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError, RecursionError):
            raise DamagedArchive(f"case {self.case_id}: does not unpack") from None
        if type(rows) is not list:
            raise DamagedArchive(f"case {self.case_id}: not a list of operations")
        ops, rejected = operations_from_rows(rows)
        if any(op.case_id != self.case_id for op in ops):
            rejected = rejected or f"an operation of another case in {self.case_id}"
            ops = [op for op in ops if op.case_id == self.case_id]
        return ops, rejected

    def within(self, covered: dict[str, int]) -> bool:
        """Whether every operation is in a batch ``covered`` names."""
        return all(seq <= covered.get(writer, 0) for writer, seq in self.upto.items())

    def to_entry(self) -> list[Any]:
        return [self.case_id, self.upto, self.packed]

    @classmethod
    def from_entry(cls, entry: Any) -> ArchivedCase:
        """ValueError on an entry that is not an archived case."""
        if type(entry) is not list or len(entry) != 3:
            raise ValueError("an archived case is [case id, coverage, packed]")
        case_id, upto, packed = entry
        if type(case_id) is not str or type(packed) is not str or type(upto) is not dict:
            raise ValueError("malformed archived case")
        if any(type(w) is not str or type(s) is not int or s < 0 for w, s in upto.items()):
            raise ValueError("malformed archived case coverage")
        return cls(case_id, upto, packed)

    def to_doc(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "upto": self.upto, "packed": self.packed}

    @classmethod
    def from_doc(cls, doc: Any) -> ArchivedCase:
        """ValueError on a document that is not an archived case."""
        if not isinstance(doc, dict):
            raise ValueError("an archived case is a document")
        return cls.from_entry([doc.get("case_id"), doc.get("upto"), doc.get("packed")])


def merged(first: ArchivedCase, second: ArchivedCase) -> ArchivedCase:
    """Both copies' operations in one (a case saved by two processes)."""
    if first.packed == second.packed:
        return first
    ops = {op.op_id: op for op in first.unpack()[0]}
    for op in second.unpack()[0]:
        ops.setdefault(op.op_id, op)
    return ArchivedCase.pack(first.case_id, ops.values())


class PackedCases:
    """Archived cases as a snapshot brought them, each kept as its line (see wire.Snapshot) in
    a temporary file on local disk until asked for; they come back grouped by shard, each
    parsed as it is reached. A new host files ten thousand of them holding one shard's."""

    def __init__(self) -> None:
        self._lines = SortedSpool()

    def add(self, case: ArchivedCase, line: bytes) -> None:
        """Keep the case, from the line it was read from (its id stays in memory)."""
        self._lines.add(shard_of(case.case_id), line, case.case_id)

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[ArchivedCase]:
        for line in self._lines:
            yield ArchivedCase.from_entry(json.loads(line))  # read and checked before

    def lines(self) -> Iterator[tuple[int, list[tuple[str, bytes]]]]:
        """Each shard's cases as (id, the line it came as), unparsed, in shard order."""
        items = self._lines.items()
        for shard, group in groupby(items, key=lambda item: item[0]):
            yield shard, [(tag, line) for _, tag, line in group]


@dataclass(frozen=True)
class SnapshotCases:
    """A snapshot's complete cases, still packed, with what the snapshot covers: its copy of a
    case holds every operation of that case in the batches it covers."""

    covered: dict[str, int]
    packed: PackedCases | Iterable[ArchivedCase]  # grouped by shard, in order

    @property
    def cases(self) -> Iterator[ArchivedCase]:
        return iter(self.packed)


def _tagged(index: int, part: SnapshotCases) -> Iterator[tuple[int, int, ArchivedCase]]:
    """The part's cases as (shard, the part's index, case). A function of its own: a
    generator expression in a loop would read the loop's last index, not its own."""
    for case in part.cases:
        yield shard_of(case.case_id), index, case


def filed(
    parts: Sequence[SnapshotCases],
    merge: Callable[[ArchivedCase, ArchivedCase], ArchivedCase] = merged,
) -> Iterator[tuple[int, list[ArchivedCase]]]:
    """(shard, its cases) over several snapshots' cases, each shard once, in order: one copy
    of each case, the copy that holds the other's operations, merged only when neither does.

    A copy that is ``within`` the other snapshot's coverage holds nothing that snapshot's
    copy lacks, so two snapshots that cover nearly the same (two hosts tidying at once) are
    filed without unpacking a case."""
    tagged = [_tagged(index, part) for index, part in enumerate(parts)]
    stream = heapq.merge(*tagged, key=lambda entry: (entry[0], entry[1]))
    for shard, group in groupby(stream, key=lambda entry: entry[0]):
        chosen: dict[str, tuple[int, ArchivedCase]] = {}
        for _, index, case in group:
            there = chosen.get(case.case_id)
            if there is None or there[1].within(parts[index].covered):
                chosen[case.case_id] = (index, case)
            elif not case.within(parts[there[0]].covered):
                chosen[case.case_id] = (index, merge(there[1], case))
        yield shard, [case for _, case in chosen.values()]


class PendingShards:
    """Shards filed from snapshots and not written yet, waiting in a temporary file on local
    disk: a new host's first command writes each shard once, with what the command itself adds
    to it, instead of writing it on reading the snapshot and again on saving."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close(), or at exit)
        self._index: dict[int, tuple[int, int, frozenset[str]]] = {}  # offset, length, ids
        self._end = 0

    def put(self, shard: int, cases: Sequence[ArchivedCase]) -> None:
        data = json.dumps([case.to_entry() for case in cases], separators=(",", ":")).encode()
        self._put(shard, data, frozenset(case.case_id for case in cases))

    def put_lines(self, shard: int, lines: Sequence[tuple[str, bytes]]) -> None:
        """The shard's cases as the snapshot's lines (id, line): kept without being parsed."""
        data = b"[" + b",".join(line.rstrip(b"\n") for _, line in lines) + b"]"
        self._put(shard, data, frozenset(case_id for case_id, _ in lines))

    def _put(self, shard: int, data: bytes, ids: frozenset[str]) -> None:
        self._file.seek(self._end)
        self._file.write(data)
        self._index[shard] = (self._end, len(data), ids)
        self._end += len(data)

    def ids(self, shard: int) -> frozenset[str] | None:
        """The cases waiting for the shard (None: nothing waits)."""
        found = self._index.get(shard)
        return None if found is None else found[2]

    def cases(self, shard: int) -> dict[str, ArchivedCase]:
        found = self._index.get(shard)
        if found is None:
            return {}
        self._file.flush()
        self._file.seek(found[0])
        entries = json.loads(self._file.read(found[1]))
        return {entry[0]: ArchivedCase(entry[0], entry[1], entry[2]) for entry in entries}

    def written(self, shard: int) -> None:
        """The shard's file now holds what waited for it."""
        self._index.pop(shard, None)

    def shards(self) -> list[int]:
        return sorted(self._index)

    def close(self) -> None:
        self._index.clear()
        self._file.close()
