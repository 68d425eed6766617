"""``stangning status`` and ``stangning mail``."""

from __future__ import annotations

import argparse

from tui.cli.arguments import Commands, case_ref, json_flag, today_option
from tui.cli.case_commands import is_active
from tui.cli.case_text import countdown
from tui.cli.context import Context
from tui.cli.text_output import safe, table, to_json
from tui.core.case_json import case_to_dict
from tui.core.i18n import Translator
from tui.core.mailbox import mailbox_message
from tui.core.rules import by_urgency
from tui.core.template import Role


def status(ctx: Context, args: argparse.Namespace) -> int:
    role = Role(args.role) if args.role else None
    views = by_urgency([view for view in ctx.views() if is_active(view)])
    if role is not None:
        views = [view for view in views if view.open_items(role)]
    if args.json:
        data = {
            "today": ctx.today.isoformat(),
            "role": role.value if role else None,
            "cases": [case_to_dict(view) for view in views],
        }
        print(to_json(data))
        return 0
    t = ctx.t
    print(t("cli.out.today", today=ctx.today.isoformat()))
    if not views:
        print(t("cli.out.no_cases"))
        return 0
    names = ("status", "id", "unit", "hsa_id", "closing", "threshold", "phase", "countdown", "next")
    rows = []
    for view in views:
        step = view.next_step(role)
        rows.append(
            [
                t(f"status.{step.status.label}") if step else t("status.done"),
                view.case.case_id,
                view.case.unit,
                view.case.hsa_id,
                view.case.closing.isoformat(),
                view.threshold.isoformat(),
                t(f"phase.{view.phase.value}"),
                countdown(view, t),
                f"{ctx.template.role_name(step.spec.role, t.lang, short=True)}: {step.key}"
                if step
                else t("cli.out.nothing_open"),
            ]
        )
    print(table([t(f"cli.col.{name}") for name in names], rows))
    return 0


def mail(ctx: Context, args: argparse.Namespace) -> int:
    case = ctx.store.find(args.case)
    print(safe(mailbox_message(case, ctx.config.mailbox).as_text(), keep_newlines=True))
    return 0


def register(commands: Commands, t: Translator) -> None:
    status_parser = commands.add_parser("status", help=t("cli.status_help"))
    json_flag(status_parser, t)
    status_parser.add_argument(
        "--role", choices=[role.value for role in Role], help=t("cli.role_help")
    )
    today_option(status_parser, t)
    status_parser.set_defaults(func=status)

    mail_parser = commands.add_parser("mail", help=t("cli.mail_help"))
    case_ref(mail_parser, t)
    mail_parser.set_defaults(func=mail)
