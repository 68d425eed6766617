"""A case's history in words: what a stored value or a changed field means to a reader.

Shared by ``stangning case history`` and the closure report, so both describe a change alike.
"""

from __future__ import annotations

from typing import Any

from tui.core.i18n import Translator

_STATE_STATUS = {"open": "todo", "done": "done", "na": "not_applicable"}


def describe_value(value: Any, t: Translator) -> str:
    """A stored value in a few words: an item's state, a check's or note's text, or the value."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        if "state" in value:
            state = _STATE_STATUS.get(str(value["state"]), "todo")
            extra = value.get("note") or value.get("reason")
            return t(f"status.{state}") + (f" ({extra})" if extra else "")
        return str(value.get("text") or value.get("note") or t("cli.out.check"))
    return str(value)


def describe_field(field: str, t: Translator) -> str:
    """An operation's field as a reader names it: "stängningsdatum", "vart-arbete",
    "kontroll fil-i-fail", "anteckning" (the unique ids of checks and notes left out)."""
    kind, _, rest = field.partition(".")
    if kind == "case":
        for key in (f"field_name.{rest}", f"follow.field.{rest}"):
            try:
                return t(key)
            except KeyError:
                continue
        return rest
    if kind == "item":
        return rest
    if kind == "check":
        return t("follow.history.check", item=rest.partition(".")[0])
    if kind == "note":
        return t("field_name.note")
    return field
