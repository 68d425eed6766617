"""A case's history in words: what a stored value or a changed field means to a reader.

The one place that wording lives: ``stangning case history``, the closure report and the
dashboard's case detail all describe a change alike.
"""

from __future__ import annotations

from typing import Any

from tui.core.i18n import Translator
from tui.core.template import Template

_STATE_STATUS = {"open": "todo", "done": "done", "na": "not_applicable"}

# Bookkeeping the dashboard's short history leaves out (the command line and the report keep it).
HIDDEN_FIELDS = frozenset({"case.template_version", "case.created_at", "case.created_by"})


def describe_value(value: Any, t: Translator) -> str:
    """A stored value in a few words: an item's state, a check's or note's text, yes/no, or the
    value itself."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        if "state" in value:
            state = _STATE_STATUS.get(str(value["state"]), "todo")
            extra = value.get("note") or value.get("reason")
            return t(f"status.{state}") + (f" ({extra})" if extra else "")
        return str(value.get("text") or value.get("note") or t("history.check"))
    if isinstance(value, bool):
        return t("history.yes") if value else t("history.no")
    return str(value)


def describe_change(old: Any, new: Any, t: Translator) -> str:
    """ "old → new", or only the new value when there was none before."""
    if old is None:
        return describe_value(new, t)
    return f"{describe_value(old, t)} → {describe_value(new, t)}"


def describe_field(field: str, t: Translator, template: Template | None = None) -> str:
    """An operation's field as a reader names it: "stängningsdatum", an item by its name (its key
    without a template), "Fil i fail: kontroll", "anteckning" (the ids of checks and notes left
    out)."""
    kind, _, rest = field.partition(".")
    if kind == "case":
        for key in (f"field_name.{rest}", f"follow.field.{rest}"):
            try:
                return t(key)
            except KeyError:
                continue
        return rest
    if kind in ("item", "check"):
        item = rest.partition(".")[0]
        name = template.item_name(item, t.lang) if template is not None else item
        return name if kind == "item" else t("history.check_of", item=name)
    if kind == "note":
        return t("field_name.note")
    return field
