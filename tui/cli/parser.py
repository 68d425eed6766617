"""The command line's grammar: every subcommand, its arguments and help texts (in the user's
language), and the function that runs it.

The functions are named, not imported (``Command("case_commands", "add")``): a command's module,
and the store, rules and exports it uses, load only when that command runs. So building the
parser costs almost nothing, and ``stangning`` reaches the dashboard's first frame sooner.
"""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.arguments import (
    Command,
    Commands,
    Parser,
    case_ref,
    item_ref,
    json_flag,
    today_option,
    translate_argparse,
    wide_flag,
)
from tui.core.i18n import LANGUAGES, Translator
from tui.core.template import Role

# What runs when no subcommand is given.
DASHBOARD = Command("dashboard_commands", "open_dashboard")


def build_parser(t: Translator) -> Parser:
    translate_argparse(t)
    parser = Parser(prog="stangning", description=t("cli.description"))
    parser.add_argument("--store", metavar="DIR", help=t("cli.store_help"))
    parser.add_argument("--local", metavar="DIR", help=t("cli.local_help"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    parser.add_argument("--config", metavar="FILE", help=t("cli.config_file_help"))
    _dashboard_options(parser, t)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for add in (_case, _items, _status, _metrics, _exports, _store, _config, _demo, _notify):
        add(commands, t)
    return parser


# --- stangning [--readonly] [--pane N] [--filter TEXT]: how the dashboard starts --------------

PANE_NUMBERS = range(1, 5)  # the panes' keys: 1 the overview, 2–4 the roles' panes


def _dashboard_options(
    parser: argparse.ArgumentParser, t: Translator, *, again: bool = False
) -> None:
    """The dashboard's start options; ``again``: on ``demo`` too, where an option not given
    leaves the one given before the subcommand (``stangning --readonly demo``) as it is."""
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if again else {}
    parser.add_argument("--readonly", action="store_true", help=t("cli.readonly_help"), **default)
    parser.add_argument(
        "--pane",
        type=int,
        choices=PANE_NUMBERS,
        metavar="N",
        help=t("cli.pane_help"),
        **default,
    )
    parser.add_argument("--filter", metavar="TEXT", help=t("cli.filter_help"), **default)


# --- stangning case add|list|show|edit|history|resolve -----------------------------------------


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


def _case(commands: Commands, t: Translator) -> None:
    case = commands.add_parser("case", help=t("cli.case_help"))
    actions = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    add_parser = actions.add_parser("add", help=t("cli.case_add_help"))
    _field_options(add_parser, t, required=True)
    add_parser.add_argument("--caregiver-ceases", action="store_true", help=t("cli.ceases_help"))
    add_parser.set_defaults(func=Command("case_commands", "add"))

    listing = actions.add_parser("list", help=t("cli.case_list_help"))
    json_flag(listing, t)
    wide_flag(listing, t)
    listing.add_argument("--all", action="store_true", help=t("follow.cli.list_all_help"))
    today_option(listing, t)
    listing.set_defaults(func=Command("case_commands", "list_cases"))

    show_parser = actions.add_parser("show", help=t("cli.case_show_help"))
    case_ref(show_parser, t)
    json_flag(show_parser, t)
    wide_flag(show_parser, t)
    today_option(show_parser, t)
    show_parser.set_defaults(func=Command("case_commands", "show"))

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
    edit_parser.set_defaults(func=Command("case_commands", "edit"))

    history_parser = actions.add_parser("history", help=t("cli.case_history_help"))
    case_ref(history_parser, t)
    json_flag(history_parser, t)
    wide_flag(history_parser, t)
    history_parser.set_defaults(func=Command("case_commands", "history"))

    resolve_parser = actions.add_parser("resolve", help=t("cli.case_resolve_help"))
    case_ref(resolve_parser, t)
    resolve_parser.add_argument("field", metavar="FIELD", help=t("cli.field_help"))
    resolve_parser.add_argument(
        "--choose", type=int, default=1, metavar="N", help=t("cli.choose_help")
    )
    resolve_parser.set_defaults(func=Command("case_commands", "resolve"))


# --- stangning done|check|undo|na CASE ITEM ----------------------------------------------------


def _items(commands: Commands, t: Translator) -> None:
    for name, function, with_note in (
        ("done", "done", True),
        ("check", "check", True),
        ("undo", "undo", False),
    ):
        sub = commands.add_parser(name, help=t(f"cli.{name}_help"))
        case_ref(sub, t)
        item_ref(sub, t)
        if with_note:
            sub.add_argument("--note", help=t("cli.note_help"))
        sub.set_defaults(func=Command("item_commands", function))

    na = commands.add_parser("na", help=t("cli.na_help"))
    case_ref(na, t)
    item_ref(na, t)
    na.add_argument("--reason", required=True, help=t("cli.reason_help"))
    na.set_defaults(func=Command("item_commands", "not_applicable"))


# --- stangning status [--nagios] and stangning mail --------------------------------------------


def _status(commands: Commands, t: Translator) -> None:
    status_parser = commands.add_parser("status", help=t("cli.status_help"))
    json_flag(status_parser, t)
    wide_flag(status_parser, t)
    status_parser.add_argument(
        "--role", choices=[role.value for role in Role], help=t("cli.role_help")
    )
    today_option(status_parser, t)
    status_parser.add_argument("--nagios", action="store_true", help=t("follow.cli.nagios_help"))
    _nagios_thresholds(status_parser, t)
    status_parser.set_defaults(func=Command("status_commands", "status"))

    mail_parser = commands.add_parser("mail", help=t("cli.mail_help"))
    case_ref(mail_parser, t)
    # stangning mail CASE --eml FILE: the message as an e-mail file (issue 13)
    mail_parser.add_argument("--eml", metavar="FILE", help=t("cli.mail_eml_help"))
    mail_parser.set_defaults(func=Command("status_commands", "mail"))


def _nagios_thresholds(parser: argparse.ArgumentParser, t: Translator) -> None:
    """``--warn-days N`` or ``-w RANGE``, ``--crit-days N`` or ``-c RANGE`` (one of each pair),
    as the Monitoring Plugins Development Guidelines write thresholds."""
    warning = parser.add_mutually_exclusive_group()
    warning.add_argument(
        "--warn-days", type=int, metavar="N", help=t("monitoring.cli.warn_days_help")
    )
    warning.add_argument("-w", "--warning", metavar="RANGE", help=t("monitoring.cli.warning_help"))
    critical = parser.add_mutually_exclusive_group()
    critical.add_argument(
        "--crit-days", type=int, metavar="N", help=t("monitoring.cli.crit_days_help")
    )
    critical.add_argument(
        "-c", "--critical", metavar="RANGE", help=t("monitoring.cli.critical_help")
    )


# --- stangning metrics [--textfile DIR] --------------------------------------------------------


def _metrics(commands: Commands, t: Translator) -> None:
    metrics_parser = commands.add_parser("metrics", help=t("monitoring.cli.metrics_help"))
    metrics_parser.add_argument("--textfile", metavar="DIR", help=t("monitoring.cli.textfile_help"))
    today_option(metrics_parser, t)
    metrics_parser.set_defaults(func=Command("metrics_commands", "metrics"))


# --- stangning export ics|csv, import csv, report ----------------------------------------------


def _output_option(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=t("hardening.cli.output_help"))


def _all_option(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--all", action="store_true", help=t("follow.cli.all_help"))


def _exports(commands: Commands, t: Translator) -> None:
    export = commands.add_parser("export", help=t("follow.cli.export_help"))
    formats = export.add_subparsers(dest="export_format", metavar="FORMAT", required=True)
    for name in ("ics", "csv"):
        sub = formats.add_parser(name, help=t(f"follow.cli.export_{name}_help"))
        _output_option(sub, t)
        _all_option(sub, t)
        today_option(sub, t)
        sub.set_defaults(func=Command("export_commands", f"export_{name}"))

    importing = commands.add_parser("import", help=t("follow.cli.import_help"))
    sources = importing.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    csv_parser = sources.add_parser("csv", help=t("follow.cli.import_csv_help"))
    csv_parser.add_argument("file", metavar="FILE", help=t("follow.cli.file_help"))
    csv_parser.add_argument("--dry-run", action="store_true", help=t("follow.cli.dry_run_help"))
    csv_parser.set_defaults(func=Command("export_commands", "import_csv"))

    report_parser = commands.add_parser("report", help=t("follow.cli.report_help"))
    case_ref(report_parser, t)
    _output_option(report_parser, t)
    today_option(report_parser, t)
    report_parser.set_defaults(func=Command("export_commands", "report"))


# --- stangning sync and stangning doctor -------------------------------------------------------


def _store(commands: Commands, t: Translator) -> None:
    sync_parser = commands.add_parser("sync", help=t("cli.sync_help"))
    sync_parser.add_argument("--snapshot", action="store_true", help=t("cli.snapshot_help"))
    json_flag(sync_parser, t)
    sync_parser.set_defaults(func=Command("store_commands", "sync"))

    doctor_parser = commands.add_parser("doctor", help=t("cli.doctor_help"))
    json_flag(doctor_parser, t)
    doctor_parser.set_defaults(func=Command("store_commands", "doctor"))

    init_parser = commands.add_parser("init", help=t("cli.init.help"))
    init_parser.set_defaults(func=Command("store_commands", "init"))


# --- stangning config init|path|show -----------------------------------------------------------


def _config(commands: Commands, t: Translator) -> None:
    config = commands.add_parser("config", help=t("cli.config_help"))
    actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    init_parser = actions.add_parser("init", help=t("cli.config_init_help"))
    init_parser.add_argument("--force", action="store_true", help=t("cli.config_force_help"))
    init_parser.set_defaults(func=Command("config_commands", "init"))
    path_parser = actions.add_parser("path", help=t("cli.config_path_help"))
    path_parser.set_defaults(func=Command("config_commands", "show_path"))
    show_parser = actions.add_parser("show", help=t("cli.config_show_help"))
    show_parser.set_defaults(func=Command("config_commands", "show"))


# --- stangning demo [--out DIR] (stangning alone opens the dashboard: DASHBOARD) ---------------


def _demo(commands: Commands, t: Translator) -> None:
    parser = commands.add_parser("demo", help=t("app.cli.demo_help"))
    parser.add_argument("--out", metavar="DIR", help=t("app.cli.demo_out_help"))
    _dashboard_options(parser, t, again=True)
    today_option(parser, t)
    parser.set_defaults(func=Command("dashboard_commands", "demo"))


# --- stangning notify [--role ROLE] [--to ADDR ...] [--smtp HOST:PORT] [--dry-run] [--always] --


def _notify(commands: Commands, t: Translator) -> None:
    parser = commands.add_parser("notify", help=t("notify.cli.help"))
    parser.add_argument(
        "--role", choices=[role.value for role in Role], help=t("notify.cli.role_help")
    )
    parser.add_argument(
        "--to", action="extend", nargs="+", metavar="ADDR", help=t("notify.cli.to_help")
    )
    parser.add_argument("--smtp", metavar="HOST:PORT", help=t("notify.cli.smtp_help"))
    parser.add_argument("--dry-run", action="store_true", help=t("notify.cli.dry_run_help"))
    parser.add_argument("--always", action="store_true", help=t("notify.cli.always_help"))
    today_option(parser, t)
    parser.set_defaults(func=Command("notify_commands", "notify"))
