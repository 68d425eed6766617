"""Operations: every change is one immutable record, never a rewritten document.

A case is the fold of its operations. Per (case, field) the operations form a multi-value
register: each operation names the operations it replaces (``base``: what its writer saw). The
*heads* are the operations nobody has replaced yet; the winner is the head with the highest
(hybrid-logical-clock timestamp, writer, op id). More than one head means two writers changed the
field without seeing each other's change: a conflict, kept until a later change replaces both.
Order of arrival never matters and replays are ignored, so every reader converges.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

HLC_PATTERN = re.compile(r"[0-9]{15}\.[0-9]{6}")  # HybridClock.format's shape, and only that


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Change:
    """What an action wants to set; the store turns it into an Operation."""

    case_id: str
    field: str
    value: Any


class Operation(NamedTuple):
    """One change, immutable. A named tuple: a snapshot holds every operation of the store, and
    tuples are built several times faster than frozen dataclasses."""

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
    # The writer's own wall clock when it made the change (ms since the epoch; 0: not recorded,
    # as in files from before it was). The timestamp ``hlc`` orders operations and can be pushed
    # ahead by a host whose clock runs fast; the dates shown to users come from this instead.
    wall: int = 0

    @property
    def wall_ms(self) -> int:
        """When the change was made, by its writer's own clock."""
        return self.wall or HybridClock.parse(self.hlc)[0]

    @property
    def order_key(self) -> tuple[str, str, str]:
        return (self.hlc, self.writer, self.op_id)

    def with_seq(self, seq: int) -> Operation:
        """This operation as part of the writer's batch number ``seq``."""
        return self._replace(seq=seq)

    def to_row(self) -> list[Any]:
        """The compact form used in files: a list in field order."""
        return [
            self.op_id,
            self.writer,
            self.seq,
            self.hlc,
            self.case_id,
            self.field,
            self.value,
            list(self.base),
            self.actor,
            self.host,
            self.wall,
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Operation:
        """Raises ValueError or TypeError on a row that is not an operation."""
        if not isinstance(row, list) or len(row) not in (10, 11):
            raise ValueError("an operation row has 10 or 11 fields")
        op_id, writer, seq, hlc, case_id, field_name, value, base, actor, host = row[:10]
        wall = row[10] if len(row) == 11 else 0
        # Plain type() checks: a snapshot holds every operation, and this runs for each one.
        well_formed = (
            type(op_id) is str
            and type(writer) is str
            and type(seq) is int
            and type(hlc) is str
            and type(case_id) is str
            and type(field_name) is str
            and type(actor) is str
            and type(host) is str
            and type(base) is list
            and type(wall) is int
            and HLC_PATTERN.fullmatch(hlc) is not None
        )
        if not well_formed or (base and any(type(item) is not str for item in base)):
            raise ValueError("malformed operation row")
        return cls(
            op_id, writer, seq, hlc, case_id, field_name, value, tuple(base), actor, host, wall
        )


class Register:
    """All operations on one (case, field) that replace one another."""

    __slots__ = ("ops", "replaced")

    def __init__(self, *ops: Operation) -> None:
        self.ops: dict[str, Operation] = {}
        self.replaced: set[str] = set()
        for op in ops:
            self.add(op)

    def add(self, op: Operation) -> bool:
        if op.op_id in self.ops:
            return False
        self.ops[op.op_id] = op
        self.replaced.update(op.base)
        return True

    def heads(self) -> list[Operation]:
        """Operations not replaced by another, winner first."""
        live = [op for op_id, op in self.ops.items() if op_id not in self.replaced]
        return sorted(live, key=lambda op: op.order_key, reverse=True)

    @property
    def winner(self) -> Operation:
        return self.heads()[0]


class Ledger:
    """Every operation seen, folded per (case, field).

    Most fields are written once, so a field holds its single operation directly and becomes a
    Register only when a second operation arrives (this keeps opening a large store fast).
    """

    def __init__(self) -> None:
        self.registers: dict[str, dict[str, Operation | Register]] = {}
        self.count = 0
        self.latest = ""  # the highest timestamp folded in: a clock stamping here observes it
        # Cases that gained an operation through ``apply`` since the caller last cleared this
        # (``load`` folds in what is already saved, and leaves it alone).
        self.changed: set[str] = set()
        # How many operations each case has gained, by any path: a fold of the case made at
        # one revision holds until the next.
        self.revisions: dict[str, int] = {}

    def apply(self, op: Operation) -> bool:
        """Fold one operation in; False when it was seen before (replays are harmless)."""
        if self._fold(op):
            self.changed.add(op.case_id)
            return True
        return False

    def load(self, ops: Iterable[Operation]) -> int:
        """Fold in operations that are saved already (they do not count as changed)."""
        return sum(self._fold(op) for op in ops)

    def observe(self, stamp: str) -> None:
        """Count a timestamp as seen (the highest of operations kept elsewhere)."""
        if stamp > self.latest:
            self.latest = stamp

    def __contains__(self, case_id: object) -> bool:
        return case_id in self.registers

    def _fold(self, op: Operation) -> bool:
        fields = self.registers.get(op.case_id)
        if fields is None:
            fields = self.registers[op.case_id] = {}
        slot = fields.get(op.field)
        if slot is None and not op.base:
            fields[op.field] = op
        elif isinstance(slot, Register):
            if not slot.add(op):
                return False
        elif slot is not None and slot.op_id == op.op_id:
            return False
        else:
            fields[op.field] = Register(op) if slot is None else Register(slot, op)
        self.count += 1
        self.revisions[op.case_id] = self.revisions.get(op.case_id, 0) + 1
        if op.hlc > self.latest:
            self.latest = op.hlc
        return True

    def apply_all(self, ops: Iterable[Operation]) -> int:
        return sum(self.apply(op) for op in ops)

    def case_ids(self) -> Iterator[str]:
        return iter(self.registers)

    def fields(self, case_id: str) -> dict[str, Register]:
        return {
            name: slot if isinstance(slot, Register) else Register(slot)
            for name, slot in self.registers.get(case_id, {}).items()
        }

    def field_heads(self, case_id: str) -> Iterator[tuple[str, list[Operation]]]:
        """(field, heads winner first) for every field of the case."""
        for name, slot in self.registers.get(case_id, {}).items():
            yield name, slot.heads() if isinstance(slot, Register) else [slot]

    def heads(self, case_id: str, field_name: str) -> tuple[str, ...]:
        slot = self.registers.get(case_id, {}).get(field_name)
        if slot is None:
            return ()
        if isinstance(slot, Register):
            return tuple(op.op_id for op in slot.heads())
        return (slot.op_id,)

    def ops(self) -> Iterator[Operation]:
        for fields in self.registers.values():
            for slot in fields.values():
                if isinstance(slot, Register):
                    yield from slot.ops.values()
                else:
                    yield slot

    def history(self, case_id: str) -> list[Operation]:
        ops = [
            op
            for slot in self.registers.get(case_id, {}).values()
            for op in (slot.ops.values() if isinstance(slot, Register) else (slot,))
        ]
        return sorted(ops, key=lambda op: op.order_key)

    def op(self, case_id: str, field_name: str, op_id: str) -> Operation | None:
        slot = self.registers.get(case_id, {}).get(field_name)
        if isinstance(slot, Register):
            return slot.ops.get(op_id)
        return slot if slot is not None and slot.op_id == op_id else None


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
