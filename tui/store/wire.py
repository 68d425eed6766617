"""The file format of operation batches and snapshots: JSON with a SHA-256 checksum inside.

A batch holds the operations of one command (one writer, one sequence number); a snapshot holds
every operation up to the files it says it covers. A file that does not parse, lacks the format
marker, or fails its checksum raises CorruptFile and is set aside by the caller, never "repaired".
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from tui.core.op_validation import operations_from_rows, validate_operations
from tui.core.operations import Operation
from tui.store.archive import ArchivedCase, DamagedArchive, PackedCases

FORMAT = "stangning/1"
VERSION = 2  # 2: operations carry their writer's wall time; headers name the store
# 3: a snapshot keeps its complete cases packed (see archive.py). Written only for snapshots that
# hold such cases, so batches and segments stay readable by version-2 hosts.
ARCHIVE_VERSION = 3
READS_UP_TO = ARCHIVE_VERSION
HEAD_FIRST = 16 * 1024  # what a header usually fits in
HEAD_LIMIT = 1024 * 1024  # a header line is at most this long (a snapshot's lists its writers)


class CorruptFile(ValueError):
    """The file is not a well-formed batch or snapshot of ours."""


class NewerFormat(ValueError):
    """The file was written by a newer stangning: kept where it is, not read by this one."""


class ForeignFile(ValueError):
    """The file belongs to another store (a share swapped for another, or files copied)."""


def seal(
    kind: str,
    payload: dict[str, Any],
    store_id: str,
    extra: dict[str, Any] | None = None,
    *,
    version: int = VERSION,
) -> bytes:
    """The file's bytes: a one-line header (format, version, kind, store, length and SHA-256 of
    the payload's bytes), then the payload as JSON. Checking a file is hashing bytes, not
    re-encoding them."""
    body = _compact(payload)
    digest = hashlib.sha256(body)
    return header_line(kind, store_id, len(body), digest, extra, version=version) + body


def _compact(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def header_line(
    kind: str,
    store_id: str,
    length: int,
    digest: Any,
    extra: dict[str, Any] | None = None,
    *,
    version: int = VERSION,
) -> bytes:
    """The header of a body of ``length`` bytes whose SHA-256 is ``digest``, line end included."""
    header = {
        "format": FORMAT,
        "version": version,
        "kind": kind,
        "store": store_id,
        **(extra or {}),
        "length": length,
        "sha256": digest.hexdigest(),
    }
    return json.dumps(header, separators=(",", ":")).encode() + b"\n"


def read_header(kind: str, head: bytes, store_id: str | None) -> dict[str, Any]:
    """The header line's fields, checked for format, version, kind and store."""
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, ValueError, RecursionError):
        header = None
    if not isinstance(header, dict):
        raise CorruptFile("not a stangning file")
    found = header.get("format")
    if found != FORMAT:
        if isinstance(found, str) and found.startswith("stangning/"):
            raise NewerFormat(f"format {found}")
        raise CorruptFile("not a stangning file")
    version = header.get("version", 1)
    if type(version) is not int:
        raise CorruptFile(f"version {version!r}")
    if version > READS_UP_TO:
        raise NewerFormat(f"version {version}")
    if header.get("kind") != kind:
        raise CorruptFile(f"expected a {kind}, found {header.get('kind')!r}")
    stored = header.get("store")
    if store_id is not None and stored is not None and stored != store_id:
        raise ForeignFile(f"store {stored}")
    return header


def unseal_text(kind: str, data: bytes, store_id: str | None = None) -> tuple[dict[str, Any], str]:
    """(header, payload text) of a sealed file, its length and checksum checked."""
    index = data.find(b"\n")
    if index < 0:
        raise CorruptFile("not a stangning file")
    header = read_header(kind, data[:index], store_id)
    with memoryview(data) as whole, whole[index + 1 :] as body:
        if header.get("length") != len(body):
            raise CorruptFile(f"truncated: {len(body)} of {header.get('length')} bytes")
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            raise CorruptFile("checksum mismatch")
        try:
            text = str(body, "utf-8")
        except UnicodeDecodeError as error:
            raise CorruptFile(f"not JSON: {error}") from None
    return header, text


def parse_payload(text: str) -> dict[str, Any]:
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise CorruptFile(f"not JSON: {error}") from None
    if not isinstance(payload, dict):
        raise CorruptFile("payload is not an object")
    return payload


def unseal(
    kind: str, data: bytes, store_id: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, payload) of a sealed file."""
    header, text = unseal_text(kind, data, store_id)
    return header, parse_payload(text)


def _operations(rows: Any) -> tuple[Operation, ...]:
    if type(rows) is not list:
        raise CorruptFile("operations are not a list")
    try:
        ops = tuple(Operation.from_row(row) for row in rows)
    except (TypeError, ValueError) as error:
        raise CorruptFile(f"malformed operation: {error}") from None
    return ops


def _covered(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict) or any(type(seq) is not int or seq < 0 for seq in raw.values()):
        raise CorruptFile(f"malformed coverage: {str(raw)[:80]}")
    return {str(writer): seq for writer, seq in raw.items()}


@dataclass(frozen=True)
class Batch:
    writer: str
    seq: int
    ops: tuple[Operation, ...]

    def encode(self, store_id: str = "") -> bytes:
        payload = {
            "writer": self.writer,
            "seq": self.seq,
            "ops": [op.to_row() for op in self.ops],
        }
        return seal("batch", payload, store_id)

    @classmethod
    def decode(cls, data: bytes, store_id: str | None = None) -> Batch:
        _, payload = unseal("batch", data, store_id)
        writer, seq = payload.get("writer"), payload.get("seq")
        if type(writer) is not str or type(seq) is not int:
            raise CorruptFile("malformed batch: writer or sequence number")
        ops = _operations(payload.get("ops"))
        if any(op.writer != writer or op.seq != seq for op in ops):
            raise CorruptFile("malformed batch: an operation of another batch")
        reason = invalid_reason(ops)
        if reason:
            raise CorruptFile(reason)
        return cls(writer, seq, ops)


@dataclass(frozen=True)
class SnapshotHead:
    """What a snapshot covers, read from its header alone (None: an older snapshot that says it
    only in its body)."""

    covered: dict[str, int] | None

    @classmethod
    def read(cls, reader: Callable[[int], bytes], store_id: str | None) -> SnapshotHead:
        head = reader(HEAD_FIRST)
        if b"\n" not in head:  # a snapshot of many writers: its header is longer
            head = reader(HEAD_LIMIT)
        head = head.partition(b"\n")[0]
        header = read_header("snapshot", head, store_id)
        raw = header.get("covered")
        return cls(None if raw is None else _covered(raw))


@dataclass(frozen=True)
class Snapshot:
    """Operations of the store, and for each writer the batch files that it covers. Complete
    cases are kept packed in ``archive`` (see archive.py); ``read`` unpacks them into ``ops``
    unless asked to keep them packed (a new host copies them to its archive as they are).
    ``rejected`` is the first reason an operation was left out (when reading), if any.

    The body is a line of JSON (what it covers, the open cases' operations), then one line per
    archived case (version 3): a snapshot of ten thousand cases is written and read a line at
    a time, never held whole as bytes, text and parsed JSON at once. A version-2 snapshot is
    the first line alone, and reads the same way.
    """

    covered: dict[str, int]  # writer -> every batch seq <= this is in the snapshot
    ops: tuple[Operation, ...]
    rejected: str = ""
    archive: Iterable[ArchivedCase] = ()  # read packed: a PackedCases, shard by shard

    def encode(self, store_id: str = "") -> bytes:
        body = SnapshotBody(io.BytesIO(), self.covered, self.ops)
        for case in self.archive:
            body.add(case)
        return b"".join(body.chunks(store_id))

    @classmethod
    def decode(cls, data: bytes, store_id: str | None = None, *, packed: bool = False) -> Snapshot:
        """The snapshot; with ``packed``, its complete cases stay packed in ``archive``."""
        return cls.read(io.BytesIO(data), store_id, packed=packed)

    @classmethod
    def read(
        cls,
        stream: BinaryIO,
        store_id: str | None = None,
        *,
        packed: bool = False,
        known: dict[str, int] | None = None,
    ) -> Snapshot:
        """As ``decode``, from a file open for reading, a line at a time: what is kept is the
        operations and the packed cases, never the file's bytes or text whole. Length and
        checksum are checked before anything is returned (and before a line that does not
        parse is reported: a file cut short says so). With ``known`` (what the reader has read
        already), a packed case within it is left out."""
        head = stream.readline(HEAD_LIMIT)
        if not head.endswith(b"\n"):
            raise CorruptFile("not a stangning file")
        header = read_header("snapshot", head[:-1], store_id)
        digest, length, problem = hashlib.sha256(), 0, ""
        payload: dict[str, Any] = {}
        archive = PackedCases()  # each line waits on local disk, not in memory
        for number, line in enumerate(stream):
            digest.update(line)
            length += len(line)
            if problem:
                continue  # hashed to the end: a file cut short is reported as such
            try:
                if number == 0:
                    payload = parse_payload(str(line, "utf-8"))
                else:
                    case = ArchivedCase.from_entry(json.loads(line))
                    if not (known and case.within(known)):  # else read already
                        archive.add(case, line)
            except UnicodeDecodeError as error:
                problem = f"not JSON: {error}"
            except CorruptFile as error:
                problem = str(error)
            except (ValueError, RecursionError) as error:
                problem = f"malformed archive: {error}"
        if header.get("length") != length:
            raise CorruptFile(f"truncated: {length} of {header.get('length')} bytes")
        if header.get("sha256") != digest.hexdigest():
            raise CorruptFile("checksum mismatch")
        if problem:
            raise CorruptFile(problem)
        if length == 0:
            raise CorruptFile("not JSON: the body is empty")
        covered = _covered(payload.get("covered"))
        rows = payload.get("ops")
        if type(rows) is not list:
            raise CorruptFile("operations are not a list")
        entries = payload.get("archive", [])  # where the first snapshots of version 3 had it
        if type(entries) is not list:
            raise CorruptFile("the archive is not a list")
        try:
            for entry in entries:
                case = ArchivedCase.from_entry(entry)
                if not (known and case.within(known)):
                    archive.add(case, _compact(entry))
        except ValueError as error:
            raise CorruptFile(f"malformed archive: {error}") from None
        del payload, entries
        ops, rejected = operations_from_rows(rows)
        del rows
        if packed:
            return cls(covered, tuple(ops), rejected, archive)
        for case in archive:
            try:
                found, left_out = case.unpack()
            except DamagedArchive as error:
                raise CorruptFile(str(error)) from None
            ops += found
            rejected = rejected or left_out
        return cls(covered, tuple(ops), rejected)


class SnapshotBody:
    """A snapshot written as it is made: its body goes to ``file`` (bytes in memory, or a
    temporary file on local disk) and is hashed on the way; ``chunks`` gives the header and
    then the body, to be written to the share."""

    def __init__(self, file: BinaryIO, covered: dict[str, int], ops: Iterable[Operation]) -> None:
        self.file = file
        self.covered = dict(covered)
        self._digest = hashlib.sha256()
        self._length = 0
        self.archived = 0
        self._write(_compact({"covered": self.covered, "ops": [op.to_row() for op in ops]}))

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self._digest.update(data)
        self._length += len(data)

    def add(self, case: ArchivedCase) -> None:
        self._write(b"\n" + _compact(case.to_entry()))
        self.archived += 1

    def chunks(self, store_id: str, size: int = 1 << 20) -> Iterator[bytes]:
        """The snapshot's bytes, a megabyte at a time (the body read back from the start)."""
        version = ARCHIVE_VERSION if self.archived else VERSION
        extra = {"covered": self.covered}
        yield header_line("snapshot", store_id, self._length, self._digest, extra, version=version)
        self.file.seek(0)
        while chunk := self.file.read(size):
            yield chunk


def invalid_reason(ops: tuple[Operation, ...]) -> str:
    """Why these operations cannot be folded ('' when they can)."""
    try:
        validate_operations(ops)
    except ValueError as error:
        return str(error)
    return ""


@dataclass(frozen=True)
class Segment:
    """Every operation of one writer's batches ``lo``..``hi``, in one file: the writer's own
    compaction of its batch files, so that the share holds a bounded number of files."""

    writer: str
    lo: int
    hi: int
    ops: tuple[Operation, ...]

    def encode(self, store_id: str = "") -> bytes:
        payload = {
            "writer": self.writer,
            "lo": self.lo,
            "hi": self.hi,
            "ops": [op.to_row() for op in self.ops],
        }
        return seal("segment", payload, store_id)

    @classmethod
    def decode(cls, data: bytes, store_id: str | None = None) -> Segment:
        _, payload = unseal("segment", data, store_id)
        writer, lo, hi = payload.get("writer"), payload.get("lo"), payload.get("hi")
        if type(writer) is not str or type(lo) is not int or type(hi) is not int or lo > hi:
            raise CorruptFile("malformed segment: writer or range")
        ops = _operations(payload.get("ops"))
        if any(op.writer != writer or not lo <= op.seq <= hi for op in ops):
            raise CorruptFile("malformed segment: an operation of another batch")
        reason = invalid_reason(ops)
        if reason:
            raise CorruptFile(reason)
        return cls(writer, lo, hi, ops)


def segment_name(lo: int, hi: int) -> str:
    return f"{lo:010d}-{hi:010d}.json"


def parse_segment_name(name: str) -> tuple[int, int] | None:
    stem, dot, ext = name.partition(".")
    lo, dash, hi = stem.partition("-")
    if (
        dot
        and ext == "json"
        and dash
        and len(lo) == len(hi) == 10
        and lo.isdigit()
        and hi.isdigit()
    ):
        low, high = int(lo), int(hi)
        return (low, high) if low <= high else None
    return None


def batch_name(seq: int) -> str:
    return f"{seq:010d}.json"


def parse_batch_name(name: str) -> int | None:
    stem, dot, ext = name.partition(".")
    if dot and ext == "json" and len(stem) == 10 and stem.isdigit():
        return int(stem)
    return None
