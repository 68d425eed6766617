"""The argument parser, with help texts in the user's language."""

from __future__ import annotations

import argparse
from typing import NoReturn

from tui.cli import case_commands, item_commands, status_commands, store_commands
from tui.core.i18n import LANGUAGES, Translator
from tui.core.template import Role


class UsageError(Exception):
    """argparse refused the command line; main prints it as one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _case_ref(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("case", metavar="CASE", help=t("cli.case_ref_help"))


def _item_ref(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("item", metavar="ITEM", help=t("cli.item_help"))


def _json(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli.json_help"))


def _today(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=t("cli.today_help"))


def _case_field_options(parser: argparse.ArgumentParser, t: Translator, *, required: bool) -> None:
    parser.add_argument("--caregiver", required=required, help=t("cli.caregiver_help"))
    parser.add_argument("--unit", required=required, help=t("cli.unit_help"))
    parser.add_argument("--hsa-id", required=required, help=t("cli.hsa_id_help"))
    parser.add_argument(
        "--closing", required=required, metavar="YYYY-MM-DD", help=t("cli.closing_help")
    )
    parser.add_argument("--removal", metavar="YYYY-MM-DD", help=t("cli.removal_help"))
    parser.add_argument("--level", help=t("cli.level_help"))
    parser.add_argument("--note", help=t("cli.add_note_help"))


def build_parser(t: Translator) -> Parser:
    parser = Parser(prog="stangning", description=t("cli.description"))
    parser.add_argument("--store", metavar="DIR", help=t("cli.store_help"))
    parser.add_argument("--local", metavar="DIR", help=t("cli.local_help"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    case = commands.add_parser("case", help=t("cli.case_help"))
    case_commands_ = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    add = case_commands_.add_parser("add", help=t("cli.case_add_help"))
    _case_field_options(add, t, required=True)
    add.add_argument("--caregiver-ceases", action="store_true", help=t("cli.ceases_help"))
    add.set_defaults(func=case_commands.add, writes=True)

    listing = case_commands_.add_parser("list", help=t("cli.case_list_help"))
    _json(listing, t)
    _today(listing, t)
    listing.set_defaults(func=case_commands.list_cases)

    show = case_commands_.add_parser("show", help=t("cli.case_show_help"))
    _case_ref(show, t)
    _json(show, t)
    _today(show, t)
    show.set_defaults(func=case_commands.show)

    edit = case_commands_.add_parser("edit", help=t("cli.case_edit_help"))
    _case_ref(edit, t)
    _case_field_options(edit, t, required=False)
    edit.add_argument("--no-removal", action="store_true", help=t("cli.no_removal_help"))
    edit.add_argument(
        "--caregiver-ceases",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=t("cli.ceases_help"),
    )
    edit.set_defaults(func=case_commands.edit, writes=True)

    history = case_commands_.add_parser("history", help=t("cli.case_history_help"))
    _case_ref(history, t)
    _json(history, t)
    history.set_defaults(func=case_commands.history)

    resolve = case_commands_.add_parser("resolve", help=t("cli.case_resolve_help"))
    _case_ref(resolve, t)
    resolve.add_argument("field", metavar="FIELD", help=t("cli.field_help"))
    resolve.add_argument("--choose", type=int, default=1, metavar="N", help=t("cli.choose_help"))
    resolve.set_defaults(func=case_commands.resolve, writes=True)

    for name, func, with_note in (
        ("done", item_commands.done, True),
        ("check", item_commands.check, True),
        ("undo", item_commands.undo, False),
    ):
        sub = commands.add_parser(name, help=t(f"cli.{name}_help"))
        _case_ref(sub, t)
        _item_ref(sub, t)
        if with_note:
            sub.add_argument("--note", help=t("cli.note_help"))
        sub.set_defaults(func=func, writes=True)

    na = commands.add_parser("na", help=t("cli.na_help"))
    _case_ref(na, t)
    _item_ref(na, t)
    na.add_argument("--reason", required=True, help=t("cli.reason_help"))
    na.set_defaults(func=item_commands.not_applicable, writes=True)

    status = commands.add_parser("status", help=t("cli.status_help"))
    _json(status, t)
    status.add_argument("--role", choices=[role.value for role in Role], help=t("cli.role_help"))
    _today(status, t)
    status.set_defaults(func=status_commands.status)

    mail = commands.add_parser("mail", help=t("cli.mail_help"))
    _case_ref(mail, t)
    mail.set_defaults(func=status_commands.mail)

    sync = commands.add_parser("sync", help=t("cli.sync_help"))
    sync.add_argument("--snapshot", action="store_true", help=t("cli.snapshot_help"))
    _json(sync, t)
    sync.set_defaults(func=store_commands.sync)

    doctor = commands.add_parser("doctor", help=t("cli.doctor_help"))
    _json(doctor, t)
    doctor.set_defaults(func=store_commands.doctor)
    return parser
