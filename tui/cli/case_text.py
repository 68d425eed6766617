"""A case as plain text for ``stangning case show``, in the words of ``core.case_wording``."""

from __future__ import annotations

from collections.abc import Sequence

from tui.cli.text_output import TableColumn, table
from tui.core.case_wording import case_fields, case_warnings, item_when, status_word
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import CaseView
from tui.core.shared_hsa_id import shared_hsa_id_warning
from tui.core.template import Template


def case_detail_text(
    view: CaseView,
    template: Template,
    t: Translator,
    width: int | None = None,
    *,
    same_hsa_id: Sequence[CaseView] = (),
) -> str:
    """The case's fields, warnings (the other active cases with its HSA-ID among them), items
    (a table fitted to ``width``, if given), what each item asks, and the notes."""
    case = view.case
    lang = t.lang
    fields = case_fields(view, t)
    label_width = max(len(label) for label, _ in fields)
    lines = [f"{label.ljust(label_width)}  {safe(value)}" for label, value in fields]
    warnings = case_warnings(view, template, t)
    if same_hsa_id:
        warnings.append(shared_hsa_id_warning(case.hsa_id, same_hsa_id, t))
    lines += [""] * bool(warnings) + [safe(warning) for warning in warnings]
    columns = [
        TableColumn(t("cli.col.item")),
        TableColumn(t("cli.col.role"), 8),
        TableColumn(t("cli.col.status")),
        TableColumn(t("cli.col.who"), 8, grow=1),
        TableColumn(t("cli.col.when")),
    ]
    rows = []
    for item in view.items:
        rows.append(
            [
                item.key,
                template.role_name(item.spec.role, lang, short=True),
                status_word(item, t),
                item.doer,
                item_when(item, t),
            ]
        )
    lines += ["", table(columns, rows, width), ""]
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
