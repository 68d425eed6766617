"""A case's eight items, in the seed's order, as rows of the case detail."""

from __future__ import annotations

from rich.cells import cell_len

from tui.app.view.attention import ALL, item_attention
from tui.app.view.columns import Cell, Column, Row
from tui.app.view.phrases import status_label
from tui.core.case_wording import item_when
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import CaseView
from tui.core.template import Template


def item_columns(t: Translator) -> list[Column]:
    status_width = max(cell_len(status_label(attention, t)) for attention in ALL)
    return [
        Column("number", "#", 1, 1, align_right=True),
        Column("status", t("app.col.status"), status_width, status_width),
        Column("activity", t("app.col.item"), 22, None),
        Column("role", t("app.col.role"), 11, 11, priority=2),
        Column("by", t("app.col.by"), 8, 14, priority=3, grow=1),
        Column("when", t("app.col.when"), 17, 17, priority=1),
    ]


def item_rows(view: CaseView, template: Template, t: Translator, cadence_days: int) -> list[Row]:
    rows = []
    for number, item in enumerate(view.items, start=1):
        attention = item_attention(item)
        tone = attention.tone.value
        text = item.spec.text(t.lang)
        cells = {
            "number": Cell(str(number)),
            "status": Cell(status_label(attention, t), tone),
            "activity": Cell(text.activity, "dim" if not item.applicable else "", text.name),
            "role": Cell(template.role_name(item.spec.role, t.lang, short=True)),
            "by": Cell(safe(item.doer)),
            "when": Cell(item_when(item, t)),
        }
        rows.append(Row(item.key, cells))
    return rows
