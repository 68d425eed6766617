"""A closure case (stängningsärende) as read from the folded operations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tui.core.dates import threshold_date
from tui.core.op_validation import field_value_problem, show
from tui.core.operations import Ledger, Operation
from tui.core.template import default_template

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


class ProblemKind(StrEnum):
    """Why a case cannot be shown: a value from a newer version, or one no version writes."""

    LEVEL = "level"  # a level this version does not know
    ITEM_STATE = "item_state"  # an item state this version does not know
    TEMPLATE_VERSION = "template_version"  # a checklist newer than the one shipped
    MALFORMED = "malformed"  # a value no version writes (e.g. from an old local view)


@dataclass(frozen=True)
class CaseProblem:
    kind: ProblemKind
    field: str  # the operation's field, "case.level", "item.fil-i-fail"
    value: str  # the value as shown in reasons (short, JSON-like)
    reason: str  # in English, for logs and notes

    @property
    def newer(self) -> bool:
        return self.kind is not ProblemKind.MALFORMED


@dataclass(frozen=True)
class UnsupportedCase:
    """A case this version cannot show: front ends list it as needing a newer stangning."""

    case_id: str
    problems: tuple[CaseProblem, ...]
    unit: str | None = None
    hsa_id: str | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(problem.reason for problem in self.problems)

    @property
    def newer(self) -> bool:
        """Every problem is a value from a newer version (none is malformed)."""
        return all(problem.newer for problem in self.problems)


def shipped_template_version() -> int:
    """The newest template version this code knows: the one it ships."""
    return default_template().version


_LEVELS = frozenset(level.value for level in Level)
_STATES = frozenset(state.value for state in ItemState)


def _malformed_heads(field_name: str, heads: list[Operation]) -> list[CaseProblem]:
    """The malformed values among a field's heads: the winner's, and the other sides of a
    conflict (shown, and one may be chosen to resolve it)."""
    found = []
    for op in heads:
        reason = field_value_problem(field_name, op.value)
        if reason is not None:
            found.append(CaseProblem(ProblemKind.MALFORMED, field_name, show(op.value), reason))
    return found


def read_case(
    ledger: Ledger, case_id: str, *, template_version: int | None = None
) -> Case | UnsupportedCase | None:
    """The case as the winners of its fields say; an UnsupportedCase when a field holds a value
    from a newer version or a malformed one; None when it is not (fully) there yet. Never raises
    on any ledger content.

    ``template_version``: the newest template version supported (the shipped one by default).
    """
    supported = shipped_template_version() if template_version is None else template_version
    values: dict[str, Any] = {}
    present: set[str] = set()
    items: dict[str, ItemRecord] = {}
    checks: dict[str, list[Check]] = {}
    notes: list[Note] = []
    conflicts: list[Conflict] = []
    problems: list[CaseProblem] = []
    for name, heads in ledger.field_heads(case_id):
        if not heads:
            continue
        kind, _, rest = name.partition(".")
        if kind == "case":
            present.add(rest)
        winner = heads[0]
        malformed = _malformed_heads(name, heads)
        if malformed:
            problems.extend(malformed)
            continue
        raw = winner.value
        if len(heads) > 1:
            conflicts.append(Conflict(name, tuple(op.value for op in heads), tuple(heads)))
        if kind == "case":
            values[rest] = raw
        elif kind == "item" and raw["state"] not in _STATES:
            reason = f"{name}.state: {show(raw['state'])} is not known to this version"
            problems.append(CaseProblem(ProblemKind.ITEM_STATE, name, show(raw["state"]), reason))
        elif kind == "item":
            items[rest] = ItemRecord.from_value(raw)
        elif kind == "check":
            key, _, check_id = rest.partition(".")
            checks.setdefault(key, []).append(
                Check(check_id, raw["at"], raw["by"], raw.get("note"), winner.hlc)
            )
        elif kind == "note":
            notes.append(Note(rest, raw["at"], raw["by"], raw["text"]))
        # Fields of a kind this version does not know (a newer version's) are kept and ignored.
    if any(name not in present for name in REQUIRED_FIELDS):
        return None
    level = values.get("level")
    if level is not None and level not in _LEVELS:
        reason = f"case.level: {show(level)} is not known to this version"
        problems.append(CaseProblem(ProblemKind.LEVEL, "case.level", show(level), reason))
    version = values.get("template_version")
    if version is not None and version > supported:
        reason = f"case.template_version: {version} is newer than this version's {supported}"
        problems.append(
            CaseProblem(ProblemKind.TEMPLATE_VERSION, "case.template_version", str(version), reason)
        )
    if problems:
        unit, hsa_id = values.get("unit"), values.get("hsa_id")
        return UnsupportedCase(
            case_id,
            tuple(problems),
            unit if isinstance(unit, str) else None,
            hsa_id if isinstance(hsa_id, str) else None,
        )
    removal = values.get("removal")
    return Case(
        case_id=case_id,
        caregiver=values["caregiver"],
        unit=values["unit"],
        hsa_id=values["hsa_id"],
        closing=dt.date.fromisoformat(values["closing"]),
        removal=dt.date.fromisoformat(removal) if removal else None,
        level=Level(values["level"]),
        caregiver_ceases=values.get("caregiver_ceases", False),
        template_version=values["template_version"],
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


def case_from_ledger(ledger: Ledger, case_id: str) -> Case | None:
    """The case, or None when it is not (fully) there yet or this version cannot show it (see
    read_case and fold_cases for why)."""
    found = read_case(ledger, case_id)
    return found if isinstance(found, Case) else None


def fold_cases(
    ledger: Ledger,
    *,
    template_version: int | None = None,
    read: Callable[[str], Case | UnsupportedCase | None] | None = None,
) -> tuple[list[Case], list[UnsupportedCase]]:
    """Every case of the ledger, in the ledger's order: those this version can show, and those it
    cannot (values from a newer version, or malformed ones). Never raises on any ledger content.
    Cases not fully there yet are in neither list. ``read`` reads one case (read_case by
    default; a caller may reuse what it read before)."""
    supported = shipped_template_version() if template_version is None else template_version
    if read is None:

        def read(case_id: str) -> Case | UnsupportedCase | None:
            return read_case(ledger, case_id, template_version=supported)

    cases: list[Case] = []
    unsupported: list[UnsupportedCase] = []
    for case_id in ledger.case_ids():
        found = read(case_id)
        if isinstance(found, Case):
            cases.append(found)
        elif found is not None:
            unsupported.append(found)
    return cases, unsupported
