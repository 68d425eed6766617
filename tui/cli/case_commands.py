"""``stangning case add|list|show|edit``."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.arguments import Commands, case_ref, json_flag, today_option
from tui.cli.context import Context
from tui.cli.text_output import safe, table, to_json
from tui.core.actions import add_note, create_case, edit_case, new_case_id, resolve_conflict
from tui.core.case_fields import (
    validate_case_fields,
    validate_date,
    validate_level,
    validate_text,
)
from tui.core.case_json import case_to_dict
from tui.core.history_text import describe_value
from tui.core.hsa_id import validate_hsa_id
from tui.core.i18n import Translator
from tui.core.rules import CaseView, Phase, by_urgency


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
    return 0


def is_active(view: CaseView) -> bool:
    return view.phase is not Phase.COMPLETE


def listed_views(ctx: Context, *, archived: bool = False) -> list[CaseView]:
    """The active cases, most urgent first; the archived (complete) ones too when asked."""
    views = ctx.views()
    return by_urgency(views if archived else [view for view in views if is_active(view)])


def list_cases(ctx: Context, args: argparse.Namespace) -> int:
    views = listed_views(ctx, archived=args.all)
    if args.json:
        print(to_json([case_to_dict(view) for view in views]))
        return 0
    if not views:
        print(ctx.t("cli.out.no_cases"))
        return 0
    t = ctx.t
    headers = [t(f"cli.col.{name}") for name in ("id", "unit", "hsa_id", "closing", "threshold")]
    headers.append(t("cli.col.phase"))
    rows = [
        [
            view.case.case_id,
            view.case.unit,
            view.case.hsa_id,
            view.case.closing.isoformat(),
            view.threshold.isoformat(),
            t(f"phase.{view.phase.value}"),
        ]
        for view in views
    ]
    print(table(headers, rows))
    return 0


def show(ctx: Context, args: argparse.Namespace) -> int:
    from tui.cli.case_text import case_detail_text

    view = ctx.view(args.case)
    if args.json:
        print(to_json(case_to_dict(view, detail=True)))
    else:
        print(case_detail_text(view, ctx.template, ctx.t))
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
    headers = [t(f"cli.col.{name}") for name in ("when", "who", "host", "field", "change")]
    rows = [
        [
            entry.at,
            entry.op.actor,
            entry.op.host,
            entry.field,
            f"{describe_value(entry.old, t)} → {describe_value(entry.new, t)}",
        ]
        for entry in entries
    ]
    print(table(headers, rows))
    return 0


def resolve(ctx: Context, args: argparse.Namespace) -> int:
    case = ctx.find(args.case)
    ctx.record(resolve_conflict(case, args.field, args.choose))
    print(ctx.t("cli.out.resolved", field=args.field))
    return 0


def _field_options(parser: argparse.ArgumentParser, t: Translator, *, required: bool) -> None:
    parser.add_argument("--caregiver", required=required, help=t("cli.caregiver_help"))
    parser.add_argument("--unit", required=required, help=t("cli.unit_help"))
    parser.add_argument("--hsa-id", required=required, help=t("cli.hsa_id_help"))
    parser.add_argument(
        "--closing", required=required, metavar="YYYY-MM-DD", help=t("cli.closing_help")
    )
    parser.add_argument("--removal", metavar="YYYY-MM-DD", help=t("cli.removal_help"))
    parser.add_argument("--level", help=t("cli.level_help"))
    parser.add_argument("--note", help=t("cli.add_note_help"))


def register(commands: Commands, t: Translator) -> None:
    case = commands.add_parser("case", help=t("cli.case_help"))
    actions = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    add_parser = actions.add_parser("add", help=t("cli.case_add_help"))
    _field_options(add_parser, t, required=True)
    add_parser.add_argument("--caregiver-ceases", action="store_true", help=t("cli.ceases_help"))
    add_parser.set_defaults(func=add)

    listing = actions.add_parser("list", help=t("cli.case_list_help"))
    json_flag(listing, t)
    listing.add_argument("--all", action="store_true", help=t("follow.cli.list_all_help"))
    today_option(listing, t)
    listing.set_defaults(func=list_cases)

    show_parser = actions.add_parser("show", help=t("cli.case_show_help"))
    case_ref(show_parser, t)
    json_flag(show_parser, t)
    today_option(show_parser, t)
    show_parser.set_defaults(func=show)

    edit_parser = actions.add_parser("edit", help=t("cli.case_edit_help"))
    case_ref(edit_parser, t)
    _field_options(edit_parser, t, required=False)
    edit_parser.add_argument("--no-removal", action="store_true", help=t("cli.no_removal_help"))
    edit_parser.add_argument(
        "--caregiver-ceases",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=t("cli.ceases_help"),
    )
    edit_parser.set_defaults(func=edit)

    history_parser = actions.add_parser("history", help=t("cli.case_history_help"))
    case_ref(history_parser, t)
    json_flag(history_parser, t)
    history_parser.set_defaults(func=history)

    resolve_parser = actions.add_parser("resolve", help=t("cli.case_resolve_help"))
    case_ref(resolve_parser, t)
    resolve_parser.add_argument("field", metavar="FIELD", help=t("cli.field_help"))
    resolve_parser.add_argument(
        "--choose", type=int, default=1, metavar="N", help=t("cli.choose_help")
    )
    resolve_parser.set_defaults(func=resolve)
