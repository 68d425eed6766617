"""A case as plain text for ``stangning case show``."""

from __future__ import annotations

from tui.cli.text_output import table
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import CaseView, ItemStatus, ItemView
from tui.core.template import Template


def countdown(view: CaseView, t: Translator) -> str:
    """ "12 d till T 2026-04-30", or that T has passed."""
    if view.next_threshold is None:
        return t("cli.out.threshold_passed") if view.days_to_next_threshold is None else ""
    label = "D" if view.next_threshold == view.case.closing else "T"
    return t(
        "cli.out.days_to",
        days=view.days_to_next_threshold,
        label=label,
        date=view.next_threshold.isoformat(),
    )


def item_when(item: ItemView, t: Translator) -> str:
    if item.status is ItemStatus.WAITING and item.next_date:
        return t("cli.out.allowed_from", date=item.next_date.isoformat())
    return (item.record.at or "")[:10]


def case_detail_text(view: CaseView, template: Template, t: Translator) -> str:
    case = view.case
    lang = t.lang
    yes_no = t("cli.col.yes") if case.caregiver_ceases else t("cli.col.no")
    fields = [
        (t("cli.col.id"), case.case_id),
        (t("cli.col.unit"), case.unit),
        (t("cli.col.caregiver"), case.caregiver),
        (t("cli.col.hsa_id"), case.hsa_id),
        (t("cli.col.level"), t(f"level.{case.level.value}")),
        (t("cli.col.closing"), case.closing.isoformat()),
        (t("cli.col.threshold"), case.threshold.isoformat()),
        (t("cli.col.removal"), case.removal.isoformat() if case.removal else "–"),
        (t("cli.col.ceases"), yes_no),
        (t("cli.col.phase"), f"{t(f'phase.{view.phase.value}')}  {countdown(view, t)}".rstrip()),
    ]
    width = max(len(label) for label, _ in fields)
    lines = [f"{label.ljust(width)}  {safe(value)}" for label, value in fields]
    if case.conflicts:
        lines.append(t("cli.out.conflict", fields=", ".join(c.field for c in case.conflicts)))
    if view.violations:
        lines.append(t("cli.out.violation", items=", ".join(i.key for i in view.violations)))
    headers = [t(f"cli.col.{name}") for name in ("item", "role", "status", "who", "when")]
    rows = []
    for item in view.items:
        rows.append(
            [
                item.key,
                template.role_name(item.spec.role, lang, short=True),
                t(f"status.{item.status.label}"),
                item.record.by or "",
                item_when(item, t),
            ]
        )
    lines += ["", table(headers, rows), ""]
    for item in view.items:
        if not item.applicable:
            continue
        lines.append(f"{item.key}: {item.spec.text(lang).activity}")
        if item.record.note:
            lines.append(f"    {safe(item.record.note)}")
        if item.record.reason:
            lines.append(f"    {safe(item.record.reason)}")
        if item.spec.monitored:
            last = item.last_check
            summary = (
                t("cli.out.checks", count=len(item.checks), at=last.at[:10], by=last.by)
                if last
                else t("cli.out.no_checks")
            )
            lines.append(f"    {safe(summary)}")
    if case.notes:
        lines += ["", t("cli.out.notes")]
        lines += [f"  {note.at[:10]} {safe(note.by)}: {safe(note.text)}" for note in case.notes]
    return "\n".join(lines)
