"""``stangning status`` (also as a monitoring plugin, ``--nagios``) and ``stangning mail``
(printed, or as an e-mail file with ``--eml``)."""

from __future__ import annotations

import argparse

from tui.cli.case_commands import listed_views
from tui.cli.context import Context
from tui.cli.text_output import TableColumn, table, terminal_width, to_json
from tui.core.cadence import CheckState
from tui.core.cadence_text import check_state_text, last_checked_text
from tui.core.case_json import case_to_dict
from tui.core.case_wording import countdown, status_word
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.mailbox import mailbox_message
from tui.core.nagios import NagiosState, Thresholds, assess, nagios_line, unknown_line
from tui.core.plugin_range import parse_range
from tui.core.printable import safe
from tui.core.rules import CaseView, ItemView
from tui.core.template import Role, Template


def status(ctx: Context, args: argparse.Namespace) -> int:
    if args.nagios:
        return nagios(ctx, args)
    role = Role(args.role) if args.role else None
    views = listed_views(ctx)
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
    rows = []
    for view in views:
        step = view.next_step(role)
        rows.append(
            [
                status_word(step, t) if step else t("status.done"),
                view.case.case_id,
                view.case.unit,
                view.case.hsa_id,
                view.case.closing.isoformat(),
                view.threshold.isoformat(),
                t(f"phase.{view.phase.value}"),
                countdown(view, t).short,
                next_text(ctx, step) if step else t("cli.out.nothing_open"),
            ]
        )
    width = terminal_width(args.wide)
    print(table(status_columns(ctx.template, t), rows, width))
    for line in checks_section(ctx, views, role, width):
        print(line)
    return 0


# Whose move and which item ("Förvaltning: bevaka-fraga-svar") stays readable at 80 columns, the
# unit's name keeps its start; HSA-ID, phase, T and D give way in that order when the terminal
# is narrow (the countdown says the phase in short: "D om 6 d", "T om 47 d", "T passerad").
ITEM_KEY_WIDTH = len("bevaka-fraga-svar")
UNIT_WIDTH = 18


def next_step_width(template: Template, lang: str) -> int:
    """Room for the longest role's short name, ": " and an item's key (most keys in full)."""
    roles = max(len(template.role_name(role, lang, short=True)) for role in Role)
    return roles + len(": ") + ITEM_KEY_WIDTH


def status_columns(template: Template, t: Translator) -> list[TableColumn]:
    def title(name: str) -> str:
        return t(f"cli.col.{name}")

    return [
        TableColumn(title("status")),
        TableColumn(title("id")),
        TableColumn(title("unit"), UNIT_WIDTH, grow=1),
        TableColumn(title("hsa_id"), priority=1),
        TableColumn(title("closing"), priority=4),
        TableColumn(title("threshold"), priority=3),
        TableColumn(title("phase"), priority=2),
        TableColumn(title("countdown")),
        TableColumn(title("next"), next_step_width(template, t.lang)),
    ]


def next_text(ctx: Context, step: ItemView) -> str:
    """ "Förv.: fil-i-fail (kontroll)": whose move, and which item (marked when its check is
    what is urgent, as the dashboard marks it)."""
    t = ctx.t
    item = t("app.check_of", item=step.key) if step.urgency.check else step.key
    return f"{ctx.template.role_name(step.spec.role, t.lang, short=True)}: {item}"


def checks_section(
    ctx: Context, views: list[CaseView], role: Role | None, width: int | None
) -> list[str]:
    """The monitoring checks due today or overdue, with when each item was last checked."""
    t, days = ctx.t, ctx.config.check_cadence_days
    waiting = [
        (view.case.case_id, item.key, cadence)
        for view in views
        for item in view.items
        if role is None or item.spec.role is role
        if (cadence := item.cadence) is not None and cadence.state is not CheckState.OK
    ]
    if not waiting:
        return []
    overdue = sum(cadence.state is CheckState.OVERDUE for _, _, cadence in waiting)
    heading = t("follow.out.checks", days=days, overdue=overdue, due=len(waiting) - overdue)
    columns = [
        TableColumn(t("cli.col.id")),
        TableColumn(t("cli.col.item")),
        TableColumn(t("follow.col.check")),
        TableColumn(t("follow.col.last"), LAST_CHECKED_WIDTH),  # "senast kontrollerad för 3…"
    ]
    rows = [
        [case_id, key, check_state_text(cadence, t), last_checked_text(cadence, t)]
        for case_id, key, cadence in waiting
    ]
    return ["", heading, table(columns, rows, width)]


LAST_CHECKED_WIDTH = 20


def nagios_thresholds(ctx: Context, args: argparse.Namespace) -> Thresholds:
    """The warning and critical ranges: ``-w``/``-c`` as written, or ``--warn-days N`` and
    ``--crit-days N`` (``@~:N``); by default ``warn_days`` from the settings, and late."""
    for option, days in (("warn_days", args.warn_days), ("crit_days", args.crit_days)):
        if days is not None and days < 0:
            raise Refusal(f"nagios.{option}", value=days)
    warn_days = ctx.config.warn_days if args.warn_days is None else args.warn_days
    by_days = Thresholds.from_days(warn_days, args.crit_days)
    warning, critical = by_days.warning, by_days.critical
    if args.warning is not None:
        warning = parse_range(args.warning, "--warning")
    if args.critical is not None:
        critical = parse_range(args.critical, "--critical")
    return Thresholds(warning, critical)


def nagios(ctx: Context, args: argparse.Namespace) -> int:
    """One plugin line; UNKNOWN (3) when the store cannot be read or a threshold is not one,
    never a refusal on stderr."""
    try:
        thresholds = nagios_thresholds(ctx, args)
        if not ctx.store_path.exists():
            raise Refusal("nagios.no_store", path=ctx.store_path)
        views = ctx.views()
        if not ctx.store.status().reachable:
            ctx.warned = True  # the plugin line says it; nothing more on stderr
            raise Refusal("nagios.unreachable", path=ctx.store_path)
    except Refusal as refusal:
        print(unknown_line(ctx.t.refusal(refusal)))
        return int(NagiosState.UNKNOWN)
    except OSError as error:  # e.g. no permission on the store or a folder above it
        unreadable = Refusal(
            "store.unreadable", path=ctx.store_path, detail=error.strerror or error
        )
        print(unknown_line(ctx.t.refusal(unreadable)))
        return int(NagiosState.UNKNOWN)
    assessment = assess(views, thresholds)
    print(nagios_line(assessment, ctx.t))
    return int(assessment.state)


def mail(ctx: Context, args: argparse.Namespace) -> int:
    if args.eml is not None and not args.eml.strip():
        raise Refusal("mail.eml_no_name")
    case = ctx.find(args.case)
    sender = ctx.config.display_name or ctx.actor
    message = mailbox_message(case, ctx.config.mailbox, sender)
    if args.eml is None:
        print(safe(message.as_text(), keep_newlines=True))
        return 0
    # The same message as an .eml draft; sending it, and marking item 4 or 5, stay the user's.
    from tui.cli.export_commands import write_output
    from tui.core.mail_file import eml_bytes

    data = eml_bytes(message, from_address=ctx.config.mail_from, now=ctx.now())
    if write_output(data, args.eml):
        print(ctx.t("eml.out.written", path=safe(args.eml)))
    return 0
