"""``stangning case add|list|show|edit``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli.context import Context
from tui.cli.text_output import (
    TableColumn,
    json_item,
    json_list,
    table,
    terminal_width,
    to_json,
)
from tui.core.actions import add_note, create_case, edit_case, new_case_id, resolve_conflict
from tui.core.case_fields import (
    validate_case_fields,
    validate_date,
    validate_level,
    validate_text,
)
from tui.core.case_json import case_to_dict
from tui.core.errors import Refusal
from tui.core.history_text import describe_change, describe_field
from tui.core.hsa_id import validate_hsa_id
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import CaseView, Phase
from tui.core.shared_hsa_id import active_with_hsa_id, shared_hsa_id_warning


def add(ctx: Context, args: argparse.Namespace) -> int:
    fields = validate_case_fields(
        caregiver=args.caregiver,
        unit=args.unit,
        hsa_id=args.hsa_id,
        closing=args.closing,
        removal=args.removal,
        level=args.level,
        caregiver_ceases=args.caregiver_ceases,
    )
    case_id = new_case_id()
    now = ctx.now()
    changes = create_case(fields, ctx.template, case_id=case_id, actor=ctx.actor, now=now)
    if args.note:
        changes += add_note(case_id, actor=ctx.actor, now=now, text=args.note)
    ctx.record(changes)
    print(case_id)
    warn_shared_hsa_id(ctx, fields.hsa_id, case_id)
    return 0


def warn_shared_hsa_id(ctx: Context, hsa_id: str, case_id: str) -> None:
    """One line on stderr when other active cases carry this HSA-ID (saved all the same)."""
    others = active_with_hsa_id(hsa_id, ctx.views(), excluding=case_id)
    if others:
        print(f"stangning: {shared_hsa_id_warning(hsa_id, others, ctx.t)}", file=sys.stderr)


def listed_views(ctx: Context) -> list[CaseView]:
    """The active cases, most urgent first."""
    return ctx.listed(lambda view, _revision: view)


def list_cases(ctx: Context, args: argparse.Namespace) -> int:
    if args.json:
        # ``--all`` reads the archive a shard at a time and keeps each case's text on disk
        # until its turn: the list is what to_json makes of the whole, written as it goes.
        def render(view: CaseView, _revision: int) -> bytes:
            return json_item(case_to_dict(view)).encode("utf-8")

        with ctx.spooled(render, archived=args.all) as items:
            sys.stdout.writelines(json_list(items))
        return 0
    t = ctx.t
    rows = ctx.listed(
        lambda view, _revision: [
            view.case.case_id,
            view.case.unit,
            view.case.hsa_id,
            view.case.closing.isoformat(),
            view.threshold.isoformat(),
            t(f"phase.{view.phase.value}"),
        ],
        archived=args.all,
    )
    if not rows:
        print(t("cli.out.no_cases"))
        return 0
    print(table(list_columns(t), rows, terminal_width(args.wide)))
    return 0


def list_columns(t: Translator) -> list[TableColumn]:
    """The case, its unit's name (its start kept) and phase always; then D, the HSA-ID and T,
    as the terminal's width allows (a date or an ID cut short says nothing)."""
    return [
        TableColumn(t("cli.col.id")),
        TableColumn(t("cli.col.unit"), UNIT_WIDTH),
        TableColumn(t("cli.col.hsa_id"), priority=2),
        TableColumn(t("cli.col.closing"), priority=1),
        TableColumn(t("cli.col.threshold"), priority=3),
        TableColumn(t("cli.col.phase")),
    ]


UNIT_WIDTH = 18


def show(ctx: Context, args: argparse.Namespace) -> int:
    from tui.cli.case_text import case_detail_text

    view = ctx.view(args.case)
    others = active_with_hsa_id(view.case.hsa_id, ctx.views(), excluding=view.case.case_id)
    if view.phase is Phase.COMPLETE:
        others = []  # a closed unit's HSA-ID may come back on a new closure
    if args.json:
        data = case_to_dict(view, detail=True)
        data["same_hsa_id"] = [other.case.case_id for other in others]
        print(to_json(data))
    else:
        width = terminal_width(args.wide)
        print(case_detail_text(view, ctx.template, ctx.t, width, same_hsa_id=others))
    return 0


def edit(ctx: Context, args: argparse.Namespace) -> int:
    case = ctx.find(args.case)
    updates: dict[str, Any] = {}
    if args.caregiver is not None:
        updates["caregiver"] = validate_text("caregiver", args.caregiver)
    if args.unit is not None:
        updates["unit"] = validate_text("unit", args.unit)
    if args.hsa_id is not None:
        updates["hsa_id"] = validate_hsa_id(args.hsa_id)
    if args.closing is not None:
        updates["closing"] = validate_date("closing", args.closing)
    if args.removal is not None:
        updates["removal"] = validate_date("removal", args.removal)
    if args.no_removal:
        updates["removal"] = None
    if args.level is not None:
        updates["level"] = validate_level(args.level)
    if args.caregiver_ceases is not None:
        updates["caregiver_ceases"] = args.caregiver_ceases
    now = ctx.now()
    changes = []
    if updates or not args.note:
        changes = edit_case(case, updates)
    if args.note:
        changes += add_note(case.case_id, actor=ctx.actor, now=now, text=args.note)
    ctx.record(changes)
    names = ", ".join(ctx.t(f"field_name.{name}") for name in updates) or ctx.t("field_name.note")
    print(ctx.t("cli.out.edited", case_id=case.case_id, fields=safe(names)))
    if "hsa_id" in updates:
        warn_shared_hsa_id(ctx, updates["hsa_id"], case.case_id)
    return 0


def history(ctx: Context, args: argparse.Namespace) -> int:
    case = ctx.find(args.case)
    entries = ctx.store.history(case.case_id)
    if args.json:
        rows = [
            {
                "at": entry.at,
                "actor": entry.op.actor,
                "host": entry.op.host,
                "writer": entry.op.writer,
                "field": entry.field,
                "old": entry.old,
                "new": entry.new,
                "op_id": entry.op.op_id,
            }
            for entry in entries
        ]
        print(to_json(rows))
        return 0
    t = ctx.t
    columns = [
        TableColumn(t("cli.col.when")),
        TableColumn(t("cli.col.who"), 10, grow=1),
        TableColumn(t("cli.col.host"), 10, priority=1, grow=1),
        TableColumn(t("cli.col.field"), 14),
        TableColumn(t("cli.col.change"), 20),
    ]
    lines = [
        [
            entry.at,
            entry.op.actor,
            entry.op.host,
            describe_field(entry.field, t, ctx.template),
            describe_change(entry.old, entry.new, t),
        ]
        for entry in entries
    ]
    print(table(columns, lines, terminal_width(args.wide)))
    return 0


def resolve(ctx: Context, args: argparse.Namespace) -> int:
    case = ctx.find(args.case)
    in_conflict = [conflict.field for conflict in case.conflicts]
    field = args.field
    if "." not in field:
        field = f"case.{field}"  # "unit" for "case.unit", as case edit names it
    if field not in in_conflict:
        # Refused here, naming the field as typed: the core's refusal names only known fields.
        raise Refusal(
            "cli.no_conflict",
            name=describe_field(field, ctx.t, ctx.template),
            fields=", ".join(in_conflict) or "–",
        )
    ctx.record(resolve_conflict(case, field, args.choose))
    print(ctx.t("cli.out.resolved", field=safe(field)))
    return 0
