"""A closure case (stängningsärende) as read from the folded operations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tui.core.dates import threshold_date
from tui.core.operations import Ledger, Operation

CASE_FIELDS = (
    "caregiver",
    "unit",
    "hsa_id",
    "closing",
    "removal",
    "level",
    "caregiver_ceases",
    "template_version",
    "created_at",
    "created_by",
)
REQUIRED_FIELDS = ("caregiver", "unit", "hsa_id", "closing", "level", "template_version")


class Level(StrEnum):
    """The unit's level, named as in EK: a vårdenhet in EK is a spärrgrupp in TakeCare; an enhet
    in EK is a vårdenhet in TakeCare."""

    VARDENHET = "vardenhet"
    ENHET = "enhet"


class ItemState(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "na"


def case_field(name: str) -> str:
    return f"case.{name}"


def item_field(key: str) -> str:
    return f"item.{key}"


def check_field(key: str, check_id: str) -> str:
    return f"check.{key}.{check_id}"


def note_field(note_id: str) -> str:
    return f"note.{note_id}"


@dataclass(frozen=True)
class ItemRecord:
    state: ItemState = ItemState.OPEN
    at: str | None = None
    by: str | None = None
    note: str | None = None
    reason: str | None = None

    def to_value(self) -> dict[str, Any]:
        return {
            "state": self.state.value,
            "at": self.at,
            "by": self.by,
            "note": self.note,
            "reason": self.reason,
        }

    @classmethod
    def from_value(cls, value: Any) -> ItemRecord:
        if not isinstance(value, dict):
            return cls()
        return cls(
            state=ItemState(value.get("state", "open")),
            at=value.get("at"),
            by=value.get("by"),
            note=value.get("note"),
            reason=value.get("reason"),
        )


OPEN_RECORD = ItemRecord()  # an item nobody has touched (immutable, so one serves every case)


@dataclass(frozen=True)
class Check:
    """One look at a monitored item (Fråga/svar, fil i fail)."""

    check_id: str
    at: str
    by: str
    note: str | None = None
    # The recording operation's clock: orders checks made in the same second; not identity.
    stamp: str = field(default="", compare=False)


@dataclass(frozen=True)
class Note:
    note_id: str
    at: str
    by: str
    text: str


@dataclass(frozen=True)
class Conflict:
    """A field two writers changed without seeing each other's change; winner first."""

    field: str
    values: tuple[Any, ...]
    ops: tuple[Operation, ...]


@dataclass(frozen=True)
class Case:
    case_id: str
    caregiver: str
    unit: str
    hsa_id: str
    closing: dt.date
    removal: dt.date | None
    level: Level
    caregiver_ceases: bool
    template_version: int
    created_at: str | None = None
    created_by: str | None = None
    items: Mapping[str, ItemRecord] = field(default_factory=dict)
    checks: Mapping[str, tuple[Check, ...]] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    @property
    def threshold(self) -> dt.date:
        """T: the closing date plus three calendar months."""
        return threshold_date(self.closing)

    def item(self, key: str) -> ItemRecord:
        return self.items.get(key, OPEN_RECORD)

    def field_value(self, name: str) -> Any:
        value = getattr(self, name)
        return value.value if isinstance(value, StrEnum) else value


def case_from_ledger(ledger: Ledger, case_id: str) -> Case | None:
    """The case as the winners of its fields say, or None when it is not (fully) there yet."""
    values: dict[str, Any] = {}
    items: dict[str, ItemRecord] = {}
    checks: dict[str, list[Check]] = {}
    notes: list[Note] = []
    conflicts: list[Conflict] = []
    for name, heads in ledger.field_heads(case_id):
        if not heads:
            continue
        winner = heads[0]
        if len(heads) > 1:
            conflicts.append(Conflict(name, tuple(op.value for op in heads), tuple(heads)))
        kind, _, rest = name.partition(".")
        if kind == "case":
            values[rest] = winner.value
        elif kind == "item":
            items[rest] = ItemRecord.from_value(winner.value)
        elif kind == "check" and isinstance(winner.value, dict):
            key, _, check_id = rest.partition(".")
            raw = winner.value
            checks.setdefault(key, []).append(
                Check(check_id, str(raw.get("at")), str(raw.get("by")), raw.get("note"), winner.hlc)
            )
        elif kind == "note" and isinstance(winner.value, dict):
            raw = winner.value
            notes.append(Note(rest, str(raw.get("at")), str(raw.get("by")), str(raw.get("text"))))
    if any(values.get(name) is None for name in REQUIRED_FIELDS):
        return None
    removal = values.get("removal")
    return Case(
        case_id=case_id,
        caregiver=str(values["caregiver"]),
        unit=str(values["unit"]),
        hsa_id=str(values["hsa_id"]),
        closing=dt.date.fromisoformat(values["closing"]),
        removal=dt.date.fromisoformat(removal) if removal else None,
        level=Level(values["level"]),
        caregiver_ceases=bool(values.get("caregiver_ceases", False)),
        template_version=int(values["template_version"]),
        created_at=values.get("created_at"),
        created_by=values.get("created_by"),
        items=items,
        # Checks made in the same second are ordered by their clocks, then ids: the order they
        # were recorded in, the same on every host.
        checks={
            key: tuple(sorted(found, key=lambda c: (c.at, c.stamp, c.check_id)))
            for key, found in checks.items()
        },
        notes=tuple(sorted(notes, key=lambda n: (n.at, n.note_id))),
        conflicts=tuple(sorted(conflicts, key=lambda c: c.field)),
    )
