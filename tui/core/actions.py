"""What users do to a case, as pure functions: rules checked, changes returned, nothing written.

Every function raises a Refusal (and returns nothing) when the checklist says no; otherwise it
returns the changes for the store to record. ``now`` is an ISO timestamp, ``today`` a date in
Europe/Stockholm; both come from the caller so tests can freeze them.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from tui.core.case import (
    Case,
    ItemRecord,
    ItemState,
    case_field,
    check_field,
    item_field,
    note_field,
)
from tui.core.case_fields import CaseFields, validate_removal
from tui.core.errors import Refusal
from tui.core.operations import Change, new_id
from tui.core.rules import (
    CaseView,
    ItemView,
    allow_check,
    allow_done,
    allow_not_applicable,
    allow_undo,
)
from tui.core.template import Template

CASE_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud over the phone
CASE_ID_LENGTH = 6


def new_case_id() -> str:
    return "".join(secrets.choice(CASE_ID_ALPHABET) for _ in range(CASE_ID_LENGTH))


def item_view(view: CaseView, template: Template, key: str) -> ItemView:
    if template.item(key) is None:
        raise Refusal("item.unknown", item=key, choices=", ".join(template.keys))
    return view.item(key)


def create_case(
    fields: CaseFields, template: Template, *, case_id: str, actor: str, now: str
) -> list[Change]:
    values: dict[str, Any] = {
        **fields.to_values(),
        "template_version": template.version,
        "created_at": now,
        "created_by": actor,
    }
    return [Change(case_id, case_field(name), value) for name, value in values.items()]


def _stored(value: Any) -> Any:
    """A field value as operations store it (JSON)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "value", value)


def edit_case(case: Case, updates: dict[str, Any]) -> list[Change]:
    """Changes for the validated fields that differ from the case's.

    Setting a field that is in conflict records it even when the value is the winner's: the new
    change replaces both sides, which resolves the conflict.
    """
    validate_removal(updates.get("closing", case.closing), updates.get("removal", case.removal))
    conflicted = {conflict.field for conflict in case.conflicts}
    changes = [
        Change(case.case_id, case_field(name), _stored(value))
        for name, value in updates.items()
        if _stored(value) != _stored(getattr(case, name)) or case_field(name) in conflicted
    ]
    if not changes:
        raise Refusal("case.nothing_changed")
    return changes


def _item_change(case: Case, key: str, record: ItemRecord) -> Change:
    return Change(case.case_id, item_field(key), record.to_value())


def mark_done(
    view: CaseView,
    template: Template,
    key: str,
    *,
    actor: str,
    now: str,
    today: dt.date,
    note: str | None = None,
) -> list[Change]:
    item = item_view(view, template, key)
    allow_done(item, today)
    record = ItemRecord(ItemState.DONE, at=now, by=actor, note=note or None)
    return [_item_change(view.case, key, record)]


def record_check(
    view: CaseView,
    template: Template,
    key: str,
    *,
    actor: str,
    now: str,
    today: dt.date,
    note: str | None = None,
) -> list[Change]:
    item = item_view(view, template, key)
    allow_check(item, today, view.case.closing)
    value = {"at": now, "by": actor, "note": note or None}
    return [Change(view.case.case_id, check_field(key, new_id()), value)]


def undo(view: CaseView, template: Template, key: str, *, actor: str, now: str) -> list[Change]:
    item = item_view(view, template, key)
    allow_undo(item)
    return [_item_change(view.case, key, ItemRecord(ItemState.OPEN, at=now, by=actor))]


def mark_not_applicable(
    view: CaseView, template: Template, key: str, *, actor: str, now: str, reason: str
) -> list[Change]:
    item = item_view(view, template, key)
    if not reason.strip():
        raise Refusal("rule.reason_required", item=key)
    allow_not_applicable(item)
    record = ItemRecord(ItemState.NOT_APPLICABLE, at=now, by=actor, reason=reason)
    return [_item_change(view.case, key, record)]


def add_note(case_id: str, *, actor: str, now: str, text: str) -> list[Change]:
    """A free note on the case; notes are additive, so two people noting at once keep both."""
    if not text.strip():
        raise Refusal("field.empty", field="note")
    return [Change(case_id, note_field(new_id()), {"at": now, "by": actor, "text": text})]


def resolve_conflict(case: Case, field: str, choice: int = 1) -> list[Change]:
    """Keep value number ``choice`` (1 = the one shown) of a conflicted field; the new change
    replaces every side, so the conflict mark goes."""
    conflict = next((found for found in case.conflicts if found.field == field), None)
    if conflict is None:
        fields = ", ".join(found.field for found in case.conflicts) or "–"
        raise Refusal("conflict.none", field=field, fields=fields)
    if not 1 <= choice <= len(conflict.values):
        raise Refusal("conflict.choice", choice=choice, count=len(conflict.values))
    return [Change(case.case_id, field, conflict.values[choice - 1])]
