"""A role's pane: its open items across all cases, under a heading per group."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from tui.app.view.board import Group, RoleEntry
from tui.app.view.columns import Cell, Column, Row
from tui.app.view.phrases import item_step, role_detail
from tui.core.i18n import Translator
from tui.core.printable import safe

SEPARATOR = "|"


def role_columns(t: Translator) -> list[Column]:
    return [
        Column("symbol", "", 2, 2),
        Column("unit", t("app.col.unit"), 18, 36),
        Column("hsa_id", t("app.col.hsa_id"), 17, 19, priority=1, grow=2),
        Column("item", t("app.col.item"), 17, 30),
        Column("detail", t("app.col.detail"), 26, None),
    ]


def entry_key(case_id: str, item_key: str) -> str:
    return f"{case_id}{SEPARATOR}{item_key}"


def split_key(key: str) -> tuple[str, str | None]:
    case_id, _, item_key = key.partition(SEPARATOR)
    return case_id, item_key or None


def entry_row(entry: RoleEntry, t: Translator) -> Row:
    case = entry.line.view.case
    tone = entry.attention.tone.value
    name = entry.item.spec.name(t.lang)
    cells = {
        "symbol": Cell(entry.attention.symbol, tone),
        "unit": Cell(safe(case.unit)),
        "hsa_id": Cell(safe(case.hsa_id)),
        "item": Cell(item_step(entry.item, entry.attention, t), "", name),
        "detail": Cell(role_detail(entry.item, entry.cadence, t), tone),
    }
    return Row(entry_key(case.case_id, entry.item.key), cells)


def role_rows(
    groups: Mapping[Group, Sequence[RoleEntry]],
    t: Translator,
    build: Callable[[list[RoleEntry]], list[Row]] | None = None,
) -> list[Row]:
    """A heading per non-empty group, then its entries; ``build`` makes the entries' rows, all
    in one call (a RowMemo's ``rows``, which keeps the rows of unchanged cases)."""
    shown = [(group, entries) for group, entries in groups.items() if entries]
    every = [entry for _, entries in shown for entry in entries]
    built = iter(build(every) if build is not None else [entry_row(entry, t) for entry in every])
    rows: list[Row] = []
    for group, entries in shown:
        rows.append(Row(None, heading=t(f"app.group.{group.value}", count=len(entries))))
        rows.extend(next(built) for _ in entries)
    return rows
