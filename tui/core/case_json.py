"""A case and its evaluation as plain JSON-ready data (``status --json``, ``case show --json``).

Deterministic: the same store and day give the same bytes on every host.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tui.core.rules import CaseView, ItemView
from tui.core.template import Role


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _check(view: ItemView) -> dict[str, Any] | None:
    cadence = view.cadence
    if cadence is None:
        return None
    return {
        "state": cadence.state.value,
        "next_check": cadence.next_check.isoformat(),
        "last": _iso(cadence.last),
        "days_overdue": cadence.days_overdue,
    }


def item_to_dict(view: ItemView) -> dict[str, Any]:
    record = view.record
    return {
        "key": view.key,
        "role": view.spec.role.value,
        "rule": view.spec.rule.value,
        "applicable": view.applicable,
        "state": record.state.value,
        "status": view.status.label,
        "urgency": view.urgency.label,
        "check": _check(view),
        "by": record.by,
        "at": record.at,
        "note": record.note,
        "reason": record.reason,
        "next_date": _iso(view.next_date),
        "allowed_from": _iso(view.allowed_from),
        "days_left": view.days_left,
        "done_early": view.done_early,
        "checks": [
            {"id": check.check_id, "at": check.at, "by": check.by, "note": check.note}
            for check in view.checks
        ],
    }


def case_to_dict(view: CaseView, *, detail: bool = False) -> dict[str, Any]:
    case = view.case
    step = view.next_step()
    data: dict[str, Any] = {
        "id": case.case_id,
        "unit": case.unit,
        "caregiver": case.caregiver,
        "hsa_id": case.hsa_id,
        "level": case.level.value,
        "caregiver_ceases": case.caregiver_ceases,
        "closing": case.closing.isoformat(),
        "removal": _iso(case.removal),
        "threshold": case.threshold.isoformat(),
        "phase": view.phase.value,
        "status": view.urgency.label,  # the urgency rule's (see urgency.py), checks too
        "next_threshold": _iso(view.next_threshold),
        "days_to_next_threshold": view.days_to_next_threshold,
        "next_step": {
            "item": step.key,
            "role": step.spec.role.value,
            "status": step.urgency.label,
            "check": step.urgency.check,
        }
        if step
        else None,
        "next_steps": {
            role.value: (s.key if (s := view.next_step(role)) else None) for role in Role
        },
        "conflicts": [conflict.field for conflict in case.conflicts],
        "violations": [item.key for item in view.violations],
        "items": [item_to_dict(item) for item in view.items],
    }
    if detail:
        data |= {
            "template_version": case.template_version,
            "created_at": case.created_at,
            "created_by": case.created_by,
            "notes": [
                {"id": note.note_id, "at": note.at, "by": note.by, "text": note.text}
                for note in case.notes
            ],
            "conflict_values": {
                conflict.field: list(conflict.values) for conflict in case.conflicts
            },
        }
    return data
