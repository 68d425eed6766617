"""The overview's columns and one row per closure."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from tui.app.view.attention import DONE, MONITORING, OVERDUE, TODO, WAITING
from tui.app.view.board import CaseLine
from tui.app.view.columns import Cell, Column, Row
from tui.app.view.phrases import check_suffix, next_step, status_label
from tui.core.case_wording import countdown
from tui.core.findings import tally
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import Phase
from tui.core.template import Template

CONFLICT_MARK = "⚠ "


def overview_columns(t: Translator) -> list[Column]:
    status_width = max(
        cell_len(status_label(a, t)) for a in (OVERDUE, TODO, MONITORING, WAITING, DONE)
    )
    phase_width = max(cell_len(t(f"phase.{phase.value}")) for phase in Phase)
    return [
        Column("status", t("app.col.status"), status_width, status_width),
        Column("unit", t("app.col.unit"), 18, 36),
        Column("hsa_id", t("app.col.hsa_id"), 17, 19, priority=1),
        Column("closing", "D", 10, 10, priority=4),
        Column("threshold", "T", 10, 10, priority=3),
        Column("phase", t("app.col.phase"), phase_width, phase_width, priority=2),
        Column("countdown", t("app.col.countdown"), 10, 24, grow=1, whole_at=10),  # "T om 80 d"
        Column("next", t("app.col.next"), 24, 40),
        Column("caregiver", t("app.col.caregiver"), 14, 30, priority=5, grow=2),
    ]


def overview_row(line: CaseLine, template: Template, t: Translator) -> Row:
    view, case = line.view, line.view.case
    attention = line.action.attention if line.action else DONE
    count = countdown(view, t)
    long_next, _ = next_step(line.action, template, t)
    unit = safe(case.unit)
    if case.conflicts:
        unit = CONFLICT_MARK + unit
    tone = attention.tone.value
    cells = {
        "status": Cell(status_label(attention, t), tone),
        "unit": Cell(unit, "strong" if case.conflicts else ""),
        "hsa_id": Cell(safe(case.hsa_id)),
        "closing": Cell(case.closing.isoformat()),
        "threshold": Cell(case.threshold.isoformat()),
        "phase": Cell(t(f"phase.{view.phase.value}")),
        "countdown": Cell(count.long, tone if attention.rank <= TODO.rank else "", count.short),
        "next": Cell(long_next, keep_end=len(check_suffix(attention, t)) if line.action else 0),
        "caregiver": Cell(safe(case.caregiver), "dim"),
    }
    return Row(case.case_id, cells)


def overdue_counts(lines: Sequence[CaseLine], cadence_days: int) -> tuple[int, int]:
    """(overdue items, overdue monitoring checks) over the active cases among ``lines``, by
    the rule ``status --nagios`` and ``stangning metrics`` count with (findings.tally)."""
    counts = tally([line.view for line in lines if not line.complete])
    return counts.overdue_items, counts.overdue_checks
