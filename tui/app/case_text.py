"""A case as text blocks for the case detail: heading, the selected item with its instructions,
the case fields (conflicts, notes), and the history. User data is escaped, never markup."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui.app.attention import item_attention, item_cadence
from tui.app.phrases import cadence_text, countdown, days, last_checked, status_label
from tui.cli.text_output import safe
from tui.core.history import HistoryEntry
from tui.core.i18n import Translator
from tui.core.rules import CaseView, ItemStatus, ItemView
from tui.core.template import Template

BOLD = "bold"
DIM = "dim"


def _label(t: Translator, key: str) -> str:
    text = t(key)
    return text[:1].upper() + text[1:]


def case_heading(view: CaseView, t: Translator) -> Text:
    case = view.case
    line = Text(safe(case.unit), BOLD)
    line.append(f"  {safe(case.hsa_id)}  ·  {case.case_id}", DIM)
    long_count, _ = countdown(view, t)
    line.append(
        f"\nD {case.closing.isoformat()}  ·  T {case.threshold.isoformat()}  ·  "
        f"{t(f'phase.{view.phase.value}')}  ·  {long_count}"
    )
    return line


def item_detail(
    view: CaseView, item: ItemView, template: Template, t: Translator, cadence_days: int
) -> Text:
    text = item.spec.text(t.lang)
    number = view.items.index(item) + 1
    role = template.role_name(item.spec.role, t.lang)
    cadence = item_cadence(item, view, cadence_days)
    block = Text(f"{number}. {text.activity}", BOLD)
    block.append(f"  ({item.key})\n", DIM)
    block.append(f"{_label(t, 'app.detail.role')}: {role}\n")
    block.append(f"{_label(t, 'app.col.status')}: {status_label(item_attention(item, cadence), t)}")
    record = item.record
    if record.by or record.at:
        block.append(f" — {safe(record.by or '')} {(record.at or '')[:16].replace('T', ' ')}")
    block.append("\n")
    if not item.applicable:
        block.append(t("app.detail.not_applicable_case") + "\n", DIM)
    if item.status is ItemStatus.WAITING and item.next_date:
        block.append(
            t(
                "app.detail.allowed_from",
                date=item.next_date.isoformat(),
                when=days(t, item.days_left or 0),
            )
            + "\n",
            "bold",
        )
    if item.done_early:
        block.append(t("app.detail.done_early") + "\n", "bold")
    for label, value in (
        (t("app.detail.note"), record.note),
        (t("app.detail.reason"), record.reason),
    ):
        if value:
            block.append(f"{label}: {safe(value)}\n")
    if item.spec.monitored:
        summary = last_checked(item, t)
        if cadence is not None:
            summary = f"{cadence_text(cadence, t, view.today)} · {summary}"
        block.append(f"{t('app.detail.checks', count=len(item.checks))}: {summary}\n")
        for check in reversed(item.checks[-5:]):
            note = f" — {safe(check.note)}" if check.note else ""
            block.append(f"  {check.at[:10]} {safe(check.by)}{note}\n", DIM)
    block.append(f"\n{t('app.detail.instructions')}\n", BOLD)
    block.append(text.instructions + "\n")
    if text.comment:
        block.append(f"\n{t('app.detail.seed_comment')}\n", BOLD)
        block.append(text.comment + "\n", DIM)
    return block


def case_fields(view: CaseView, t: Translator) -> Text:
    case = view.case
    yes_no = t("app.yes") if case.caregiver_ceases else t("app.no")
    rows = [
        (_label(t, "field_name.caregiver"), safe(case.caregiver)),
        (_label(t, "field_name.unit"), safe(case.unit)),
        (_label(t, "field_name.hsa_id"), safe(case.hsa_id)),
        (_label(t, "field_name.level"), t(f"level.{case.level.value}")),
        (_label(t, "field_name.closing") + " (D)", case.closing.isoformat()),
        (t("app.field.threshold"), case.threshold.isoformat()),
        (_label(t, "field_name.removal"), case.removal.isoformat() if case.removal else "–"),
        (t("app.field.ceases"), yes_no),
        (
            t("app.field.created"),
            f"{(case.created_at or '')[:10]} {safe(case.created_by or '')}".strip() or "–",
        ),
        (t("app.field.case_id"), case.case_id),
    ]
    width = max(len(label) for label, _ in rows)
    block = Text(t("app.detail.case") + "\n", BOLD)
    for label, value in rows:
        block.append(f"{label.ljust(width)}  {value}\n")
    for conflict in case.conflicts:
        values = " / ".join(safe(_plain(value, t)) for value in conflict.values)
        label = field_label(conflict.field, t)
        block.append("\n⚠ " + t("app.detail.conflict", field=label, values=values) + "\n", "bold")
    for item in view.violations:
        block.append("⚠ " + t("app.detail.violation", item=item.key) + "\n", "bold")
    if case.notes:
        block.append(f"\n{t('app.detail.notes')}\n", BOLD)
        for note in case.notes:
            block.append(f"{note.at[:10]} {safe(note.by)}: ", DIM)
            block.append(safe(note.text) + "\n")
    return block


def _plain(value: Any, t: Translator) -> str:
    """A stored value in a few words: an item's state, a check's or note's text, or the value."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        if "state" in value:
            state = {"open": "todo", "done": "done", "na": "not_applicable"}.get(
                value["state"], "todo"
            )
            extra = value.get("note") or value.get("reason")
            return t(f"status.{state}") + (f" ({extra})" if extra else "")
        return str(value.get("text") or value.get("note") or t("app.history.check"))
    if isinstance(value, bool):
        return t("app.yes") if value else t("app.no")
    return str(value)


HIDDEN_FIELDS = ("case.template_version", "case.created_at", "case.created_by")


def field_label(name: str, t: Translator) -> str:
    """A field as users name it: "case.removal" -> "önskat datum för avtakning"."""
    kind, _, rest = name.partition(".")
    if kind == "case":
        try:
            return t(f"field_name.{rest}")
        except KeyError:
            return rest
    if kind == "check":
        return f"{rest.split('.')[0]}: {t('app.history.check')}"
    if kind == "note":
        return t("field_name.note")
    return rest or name


def history_text(entries: list[HistoryEntry], t: Translator) -> Text:
    block = Text(t("app.detail.history") + "\n", BOLD)
    for entry in reversed(entries):
        if entry.field in HIDDEN_FIELDS:
            continue
        when = entry.at[:16].replace("T", " ")
        block.append(f"{when} {safe(entry.op.actor)}@{safe(entry.op.host)} ", DIM)
        new = _plain(entry.new, t)
        change = f"{_plain(entry.old, t)} → {new}" if entry.old is not None else new
        block.append(f"{field_label(entry.field, t)}: {safe(change)}\n")
    return block
