"""A case as text blocks for the case detail: heading, the selected item with its instructions,
the case fields (conflicts, notes), and the history. User data is escaped, never markup."""

from __future__ import annotations

from rich.text import Text

from tui.app.view.attention import item_attention
from tui.app.view.phrases import last_checked, status_label
from tui.core.cadence_text import cadence_text
from tui.core.case_wording import case_fields as listed_fields
from tui.core.case_wording import case_warnings, conflict_warnings, countdown, days
from tui.core.history import HistoryEntry
from tui.core.history_text import (
    HIDDEN_FIELDS,
    describe_change,
    describe_field,
)
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import CaseView, ItemStatus, ItemView
from tui.core.template import Template

BOLD = "bold"
DIM = "dim"


def _label(t: Translator, key: str) -> str:
    text = t(key)
    return text[:1].upper() + text[1:]


def conflict_text(view: CaseView, template: Template, t: Translator) -> Text:
    """What ``⚠`` means, where it shows (a row's strip, the case's heading): each field in
    conflict with both values, and how to choose. Empty without a conflict."""
    text = Text()
    for warning in conflict_warnings(view, template, t):
        text.append(f"\n⚠ {safe(warning)} ", BOLD)
        text.append(t("app.detail.conflict_hint"))
    return text


def case_heading(view: CaseView, template: Template, t: Translator) -> Text:
    case = view.case
    line = Text(safe(case.unit), BOLD)
    line.append(f"  {safe(case.hsa_id)}  ·  {case.case_id}", DIM)
    long_count = countdown(view, t).long
    line.append(
        f"\nD {case.closing.isoformat()}  ·  T {case.threshold.isoformat()}  ·  "
        f"{t(f'phase.{view.phase.value}')}  ·  {long_count}"
    )
    line.append_text(conflict_text(view, template, t))
    return line


def item_detail(
    view: CaseView, item: ItemView, template: Template, t: Translator, cadence_days: int
) -> Text:
    text = item.spec.text(t.lang)
    number = view.items.index(item) + 1
    role = template.role_name(item.spec.role, t.lang)
    cadence = item.cadence
    block = Text(f"{number}. {text.activity}", BOLD)
    block.append(f"  ({item.key})\n", DIM)
    block.append(f"{_label(t, 'app.detail.role')}: {role}\n")
    block.append(f"{_label(t, 'app.col.status')}: {status_label(item_attention(item), t)}")
    record = item.record
    if item.doer:
        block.append(f" — {safe(item.doer)} {(record.at or '')[:16].replace('T', ' ')}")
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
        summary = last_checked(item, view.today, t)
        if cadence is not None:
            summary = cadence_text(cadence, t)
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


def case_fields(view: CaseView, template: Template, t: Translator) -> Text:
    """The case's fields (as ``case show`` and the report list them), its warnings with how to
    resolve a conflict here, and its notes."""
    case = view.case
    rows = [(label, safe(value)) for label, value in listed_fields(view, t)]
    width = max(len(label) for label, _ in rows)
    block = Text(t("app.detail.case") + "\n", BOLD)
    for label, value in rows:
        block.append(f"{label.ljust(width)}  {value}\n")
    if case.conflicts or view.violations:
        block.append("\n")
    for warning in case_warnings(view, template, t):
        block.append(f"⚠ {safe(warning)}\n", "bold")
    if case.conflicts:
        block.append(t("app.detail.conflict_hint") + "\n")
    if case.notes:
        block.append(f"\n{t('app.detail.notes')}\n", BOLD)
        for note in case.notes:
            block.append(f"{note.at[:10]} {safe(note.by)}: ", DIM)
            block.append(safe(note.text) + "\n")
    return block


def history_text(entries: list[HistoryEntry], template: Template, t: Translator) -> Text:
    block = Text(t("app.detail.history") + "\n", BOLD)
    for entry in reversed(entries):
        if entry.field in HIDDEN_FIELDS:
            continue
        when = entry.at[:16].replace("T", " ")
        block.append(f"{when} {safe(entry.op.actor)}@{safe(entry.op.host)} ", DIM)
        change = describe_change(entry.old, entry.new, t)
        block.append(f"{describe_field(entry.field, t, template)}: {safe(change)}\n")
    return block
