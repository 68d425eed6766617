"""The argument parser's shared pieces: one-line usage errors, the common arguments, and
``Command``, which names the function that runs a subcommand."""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from tui.core.i18n import Translator

if TYPE_CHECKING:
    from tui.cli.context import Context

# What the parser adds its subcommands to.

CommandFunction = Callable[["Context", argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """The function ``function`` of the command module ``tui.cli.<module>``, imported when the
    command runs (not when the parser is built)."""

    module: str
    function: str

    def resolve(self) -> CommandFunction:
        found: CommandFunction = getattr(
            importlib.import_module(f"tui.cli.{self.module}"), self.function
        )
        return found

    def __call__(self, ctx: Context, args: argparse.Namespace) -> int:
        return self.resolve()(ctx, args)


# argparse's own messages (its gettext msgids) and their keys in the language files.
ARGPARSE_MESSAGES = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positional",
    "show this help message and exit": "argparse.help",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "expected one argument": "argparse.expected_one",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed",
}


def translate_argparse(t: Translator) -> None:
    """Have argparse speak the user's language (it looks its messages up through ``_``)."""

    def gettext(message: str) -> str:
        key = ARGPARSE_MESSAGES.get(message)
        return t(key) if key else message

    argparse._ = gettext  # type: ignore[attr-defined]


class UsageError(Exception):
    """argparse refused the command line; main prints it as one line."""


# What argparse takes for a negative number, a value rather than an option: "-3", "-.5", and
# (ours) a range that starts with one, "-3:" or "-3:10" (``status --nagios -c -3:``, as C
# plugins take it). argparse keeps the pattern in a private attribute, checked by
# tests/cli/test_parser.py.
NEGATIVE_NUMBER = re.compile(r"^-\d+$|^-\d*\.\d+$|^-(?:\d+(?:\.\d*)?|\.\d+):")


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# What ``add_subparsers`` returns: the object each command's parser is added to.
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def case_ref(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("case", metavar="CASE", help=t("cli.case_ref_help"))


def item_ref(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("item", metavar="ITEM", help=t("cli.item_help"))


def json_flag(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli.json_help"))


def wide_flag(parser: argparse.ArgumentParser, t: Translator) -> None:
    """``--wide``: a table-printing command's tables in full, not fitted to the terminal."""
    parser.add_argument("--wide", action="store_true", help=t("cli.wide_help"))


def today_option(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=t("cli.today_help"))
