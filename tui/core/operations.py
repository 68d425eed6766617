"""Operations: every change is one immutable record, never a rewritten document.

A case is the fold of its operations. Per (case, field) the operations form a multi-value
register: each operation names the operations it replaces (``base``: what its writer saw). The
*heads* are the operations nobody has replaced yet; the winner is the head with the highest
(hybrid-logical-clock timestamp, writer, op id). More than one head means two writers changed the
field without seeing each other's change: a conflict, kept until a later change replaces both.
Order of arrival never matters and replays are ignored, so every reader converges.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# Fields whose names carry a unique id: each operation adds an entry, so they never conflict.
ADDITIVE_PREFIXES = ("check.", "note.")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Change:
    """What an action wants to set; the store turns it into an Operation."""

    case_id: str
    field: str
    value: Any


@dataclass(frozen=True)
class Operation:
    op_id: str
    writer: str
    seq: int
    hlc: str
    case_id: str
    field: str
    value: Any
    base: tuple[str, ...]
    actor: str
    host: str

    @property
    def order_key(self) -> tuple[str, str, str]:
        return (self.hlc, self.writer, self.op_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "writer": self.writer,
            "seq": self.seq,
            "hlc": self.hlc,
            "case_id": self.case_id,
            "field": self.field,
            "value": self.value,
            "base": list(self.base),
            "actor": self.actor,
            "host": self.host,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Operation:
        """Raises KeyError, TypeError or ValueError on a record that is not an operation."""
        base = raw["base"]
        if not isinstance(base, list) or not all(isinstance(item, str) for item in base):
            raise ValueError("base must be a list of op ids")
        op = cls(
            op_id=str(raw["op_id"]),
            writer=str(raw["writer"]),
            seq=int(raw["seq"]),
            hlc=str(raw["hlc"]),
            case_id=str(raw["case_id"]),
            field=str(raw["field"]),
            value=raw["value"],
            base=tuple(base),
            actor=str(raw["actor"]),
            host=str(raw["host"]),
        )
        return op


@dataclass
class Register:
    """All operations on one (case, field)."""

    ops: dict[str, Operation] = field(default_factory=dict)
    replaced: set[str] = field(default_factory=set)

    def add(self, op: Operation) -> None:
        self.ops[op.op_id] = op
        self.replaced.update(op.base)

    def heads(self) -> list[Operation]:
        """Operations not replaced by another, winner first."""
        live = [op for op_id, op in self.ops.items() if op_id not in self.replaced]
        return sorted(live, key=lambda op: op.order_key, reverse=True)

    @property
    def winner(self) -> Operation:
        return self.heads()[0]


@dataclass
class Ledger:
    """The folded state of every case: registers per (case, field), plus every op seen."""

    registers: dict[str, dict[str, Register]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def apply(self, op: Operation) -> bool:
        """Fold one operation in; False when it was seen before (replays are harmless)."""
        if op.op_id in self.seen:
            return False
        self.seen.add(op.op_id)
        fields = self.registers.setdefault(op.case_id, {})
        fields.setdefault(op.field, Register()).add(op)
        return True

    def apply_all(self, ops: Iterable[Operation]) -> int:
        return sum(self.apply(op) for op in ops)

    def case_ids(self) -> Iterator[str]:
        return iter(self.registers)

    def fields(self, case_id: str) -> dict[str, Register]:
        return self.registers.get(case_id, {})

    def heads(self, case_id: str, field_name: str) -> tuple[str, ...]:
        register = self.registers.get(case_id, {}).get(field_name)
        return tuple(op.op_id for op in register.heads()) if register else ()

    def history(self, case_id: str) -> list[Operation]:
        ops = [op for reg in self.fields(case_id).values() for op in reg.ops.values()]
        return sorted(ops, key=lambda op: op.order_key)

    def op(self, case_id: str, field_name: str, op_id: str) -> Operation | None:
        register = self.registers.get(case_id, {}).get(field_name)
        return register.ops.get(op_id) if register else None


@dataclass
class HybridClock:
    """Hybrid logical clock: wall-clock milliseconds plus a counter, as a sortable string.

    ``now`` never goes backwards, even when the wall clock does; ``observe`` moves it past any
    timestamp read from another writer, so a change made after seeing another sorts after it.
    """

    wall_ms: int = 0
    counter: int = 0

    @staticmethod
    def format(wall_ms: int, counter: int) -> str:
        return f"{wall_ms:015d}.{counter:06d}"

    @staticmethod
    def parse(stamp: str) -> tuple[int, int]:
        wall, counter = stamp.split(".")
        return int(wall), int(counter)

    def now(self, physical_ms: int) -> str:
        if physical_ms > self.wall_ms:
            self.wall_ms, self.counter = physical_ms, 0
        else:
            self.counter += 1
        return self.format(self.wall_ms, self.counter)

    def observe(self, stamp: str) -> None:
        wall, counter = self.parse(stamp)
        if (wall, counter) > (self.wall_ms, self.counter):
            self.wall_ms, self.counter = wall, counter
