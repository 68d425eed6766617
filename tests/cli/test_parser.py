"""The parser names each command's function without importing it: every name must exist, and
building the parser must load no command module, no store and no Textual (the dashboard's start
waits for whatever it loads)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tui.cli.arguments import Command, UsageError
from tui.cli.parser import DASHBOARD, build_parser
from tui.core.i18n import LANGUAGES, Translator


def subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every parser below ``parser``, at any depth."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield sub
                yield from subparsers(sub)


def leaf_commands(lang: str) -> list[Command]:
    parser = build_parser(Translator(lang))
    found = [sub.get_default("func") for sub in subparsers(parser)]
    return [func for func in found if func is not None]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_names_a_function_that_exists(lang: str) -> None:
    commands = [*leaf_commands(lang), DASHBOARD]
    assert len(commands) > 20
    for command in commands:
        assert isinstance(command, Command)
        assert callable(command.resolve()), command


PROBE = """
import json, sys
from tui.cli.parser import build_parser
from tui.core.i18n import Translator
build_parser(Translator("sv")).parse_args(["case", "list"])
print(json.dumps(sorted(sys.modules)))
"""


def test_building_the_parser_loads_no_command_module_store_or_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(json.loads(result.stdout))
    assert not {name for name in loaded if name.endswith("_commands")}
    assert not {name for name in loaded if name.startswith(("tui.store", "tui.export", "tui.app"))}
    assert {name.split(".")[0] for name in loaded} & {"textual", "tinydb", "arrow"} == set()


# argparse's private hook (tui/cli/arguments.py, NEGATIVE_NUMBER): a range that starts with a
# negative number is a value, as "-3" is; an option stays an option.
@pytest.mark.parametrize(
    ("args", "warning", "critical"),
    [
        (["-w", "-3:", "-c", "-10:-1"], "-3:", "-10:-1"),
        (["--warning", "-.5:", "--critical", "-7"], "-.5:", "-7"),
        (["-w", "@-3:5", "-c", "~:-2"], "@-3:5", "~:-2"),
    ],
)
def test_a_negative_range_is_a_value(args: list[str], warning: str, critical: str) -> None:
    parsed = build_parser(Translator("en")).parse_args(["status", "--nagios", *args])
    assert (parsed.warning, parsed.critical, parsed.nagios) == (warning, critical, True)
    parser = build_parser(Translator("en"))
    assert parser._negative_number_matcher.match("-3:")  # the hook is in place
    with pytest.raises(UsageError):
        parser.parse_args(["status", "-w", "--nagios"])  # an option is not a value
