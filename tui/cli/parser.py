"""The argument parser, with help texts in the user's language.

Each command module adds its own subcommands through ``register``; add a module to COMMANDS.
"""

from __future__ import annotations

from tui.cli import (
    case_commands,
    config_commands,
    dashboard_commands,
    export_commands,
    item_commands,
    status_commands,
    store_commands,
)
from tui.cli.arguments import Parser, translate_argparse
from tui.core.i18n import LANGUAGES, Translator

COMMANDS = (
    case_commands,
    item_commands,
    status_commands,
    export_commands,
    store_commands,
    config_commands,
    dashboard_commands,
)


def build_parser(t: Translator) -> Parser:
    translate_argparse(t)
    parser = Parser(prog="stangning", description=t("cli.description"))
    parser.add_argument("--store", metavar="DIR", help=t("cli.store_help"))
    parser.add_argument("--local", metavar="DIR", help=t("cli.local_help"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    parser.add_argument("--config", metavar="FILE", help=t("cli.config_file_help"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMANDS:
        module.register(commands, t)
    return parser
