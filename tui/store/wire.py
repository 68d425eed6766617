"""The file format of operation batches and snapshots: JSON with a SHA-256 checksum inside.

A batch holds the operations of one command (one writer, one sequence number); a snapshot holds
every operation up to the files it says it covers. A file that does not parse, lacks the format
marker, or fails its checksum raises CorruptFile and is set aside by the caller, never "repaired".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from tui.core.operations import Operation

FORMAT = "stangning/1"


class CorruptFile(ValueError):
    """The file is not a well-formed batch or snapshot of ours."""


def seal(kind: str, payload: dict[str, Any]) -> bytes:
    """The file's bytes: a one-line header (format, kind, length and SHA-256 of the payload's
    bytes), then the payload as JSON. Checking a file is hashing bytes, not re-encoding them."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    header = {
        "format": FORMAT,
        "kind": kind,
        "length": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    return json.dumps(header, separators=(",", ":")).encode() + b"\n" + body


def unseal(kind: str, data: bytes) -> dict[str, Any]:
    head, newline, body = data.partition(b"\n")
    try:
        header = json.loads(head) if newline else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CorruptFile("not a stangning file")
    if header.get("kind") != kind:
        raise CorruptFile(f"expected a {kind}, found {header.get('kind')!r}")
    if header.get("length") != len(body):
        raise CorruptFile(f"truncated: {len(body)} of {header.get('length')} bytes")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise CorruptFile("checksum mismatch")
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptFile(f"not JSON: {error}") from None
    if not isinstance(payload, dict):
        raise CorruptFile("payload is not an object")
    return payload


@dataclass(frozen=True)
class Batch:
    writer: str
    seq: int
    ops: tuple[Operation, ...]

    def encode(self) -> bytes:
        payload = {
            "writer": self.writer,
            "seq": self.seq,
            "ops": [op.to_row() for op in self.ops],
        }
        return seal("batch", payload)

    @classmethod
    def decode(cls, data: bytes) -> Batch:
        payload = unseal("batch", data)
        try:
            ops = tuple(Operation.from_row(row) for row in payload["ops"])
            return cls(str(payload["writer"]), int(payload["seq"]), ops)
        except (KeyError, TypeError, ValueError) as error:
            raise CorruptFile(f"malformed batch: {error}") from None


@dataclass(frozen=True)
class Snapshot:
    """Every operation of the store, and for each writer the batch files that it covers."""

    covered: dict[str, int]  # writer -> every batch seq <= this is in the snapshot
    ops: tuple[Operation, ...]

    def encode(self) -> bytes:
        return seal("snapshot", {"covered": self.covered, "ops": [op.to_row() for op in self.ops]})

    @classmethod
    def decode(cls, data: bytes) -> Snapshot:
        payload = unseal("snapshot", data)
        try:
            covered = {str(writer): int(seq) for writer, seq in payload["covered"].items()}
            return cls(covered, tuple(Operation.from_row(row) for row in payload["ops"]))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise CorruptFile(f"malformed snapshot: {error}") from None


def batch_name(seq: int) -> str:
    return f"{seq:010d}.json"


def parse_batch_name(name: str) -> int | None:
    stem, dot, ext = name.partition(".")
    if dot and ext == "json" and len(stem) == 10 and stem.isdigit():
        return int(stem)
    return None
