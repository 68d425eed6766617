"""Builders for the unit tests of the pure core: cases, item records and operations by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from tui.core.case import Case, Check, ItemRecord, ItemState, Level
from tui.core.operations import HybridClock, Operation
from tui.core.rules import CaseView, evaluate
from tui.core.template import Template, default_template

HSA_ID = "SE2321000016-A2G8"
CASE_ID = "k7f3qa"
# D = 2026-01-31, so T = 2026-04-30 (no 31 April: the last day of the month).
CLOSING = dt.date(2026, 1, 31)
THRESHOLD = dt.date(2026, 4, 30)

ITEM_KEYS = (
    "vart-arbete",
    "bevaka-fraga-svar",
    "vardgivare-upphor",
    "sparrgrupp-upphor",
    "vardenhet-upphor",
    "hsa-verksamhet",
    "hsa-medarbetaruppdrag",
    "fil-i-fail",
)


def template() -> Template:
    return default_template()


def stamp(day: dt.date, time: str = "10:00:00") -> str:
    """An ISO timestamp in Stockholm on ``day``, as the actions record them."""
    return f"{day.isoformat()}T{time}+01:00"


def done(day: dt.date = CLOSING, by: str = "anna", note: str | None = None) -> ItemRecord:
    return ItemRecord(ItemState.DONE, at=stamp(day), by=by, note=note)


def not_applicable(reason: str = "gäller inte", by: str = "anna") -> ItemRecord:
    return ItemRecord(ItemState.NOT_APPLICABLE, at=stamp(CLOSING), by=by, reason=reason)


def make_case(
    *,
    closing: dt.date = CLOSING,
    removal: dt.date | None = None,
    level: Level = Level.ENHET,
    caregiver_ceases: bool = False,
    items: Mapping[str, ItemRecord] | None = None,
    checks: Mapping[str, tuple[Check, ...]] | None = None,
    case_id: str = CASE_ID,
    caregiver: str = "Region Stockholm",
    unit: str = "Vårdcentralen Exempel",
    hsa_id: str = HSA_ID,
) -> Case:
    return Case(
        case_id=case_id,
        caregiver=caregiver,
        unit=unit,
        hsa_id=hsa_id,
        closing=closing,
        removal=removal,
        level=level,
        caregiver_ceases=caregiver_ceases,
        template_version=template().version,
        created_at=stamp(closing - dt.timedelta(days=30)),
        created_by="anna",
        items=dict(items or {}),
        checks=dict(checks or {}),
    )


def all_done(keys: Iterable[str], day: dt.date = CLOSING) -> dict[str, ItemRecord]:
    return {key: done(day) for key in keys}


def view_of(case: Case, today: dt.date) -> CaseView:
    return evaluate(case, template(), today)


def fields_of(**values: Any) -> dict[str, Any]:
    """Case field values as stored in operations, with defaults for every required field."""
    return {
        "caregiver": "Region Stockholm",
        "unit": "Vårdcentralen Exempel",
        "hsa_id": HSA_ID,
        "closing": CLOSING.isoformat(),
        "removal": None,
        "level": Level.ENHET.value,
        "caregiver_ceases": False,
        "template_version": 1,
        "created_at": stamp(CLOSING),
        "created_by": "anna",
        **values,
    }


def make_op(
    op_id: str,
    value: Any,
    *,
    field: str = "case.unit",
    hlc: str = "000000000001000.000000",
    writer: str = "w1",
    base: tuple[str, ...] = (),
    case_id: str = CASE_ID,
    seq: int = 1,
) -> Operation:
    return Operation(
        op_id=op_id,
        writer=writer,
        seq=seq,
        hlc=hlc,
        case_id=case_id,
        field=field,
        value=value,
        base=base,
        actor="anna",
        host="jump1",
    )


def hlc_at(wall_ms: int, counter: int = 0) -> str:
    return HybridClock.format(wall_ms, counter)


def case_ops(case_id: str = CASE_ID, writer: str = "w1", **values: Any) -> list[Operation]:
    """One creating operation per case field (defaults from fields_of)."""
    return [
        make_op(
            f"{case_id}-{name}",
            value,
            field=f"case.{name}",
            hlc=hlc_at(1000),
            writer=writer,
            case_id=case_id,
        )
        for name, value in fields_of(**values).items()
    ]
