"""How the dashboard starts: ``--readonly``, ``--pane N``, ``--filter TEXT``, and the keymap
(``[keys]`` in the settings). Refused input is one line in the user's language, exit 2, and
changes nothing; ``--readonly`` keeps every command from changing the store."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.cli.conftest import (
    Runner,
    add_case,
    assert_refused,
    item,
    ok,
    shifted,
    show_json,
    snapshot,
)
from tui.cli.parser import build_parser
from tui.core.i18n import Translator


@pytest.mark.parametrize(
    ("args", "readonly", "pane", "text"),
    [
        ([], False, None, None),
        (["--readonly", "--pane", "2", "--filter", "orto"], True, 2, "orto"),
        (["--readonly", "demo"], True, None, None),  # before the subcommand
        (["demo", "--readonly", "--pane", "4"], True, 4, None),  # or after it
        (["--pane", "3", "demo", "--filter", "vård"], False, 3, "vård"),
    ],
)
def test_the_start_options_parse(
    args: list[str], readonly: bool, pane: int | None, text: str | None
) -> None:
    parsed = build_parser(Translator("sv")).parse_args(args)
    assert (parsed.readonly, parsed.pane, parsed.filter) == (readonly, pane, text)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--pane", "5"], "argument --pane: ogiltigt val: 5 (välj bland 1, 2, 3, 4)"),
        (["--pane", "0", "demo"], "argument --pane: ogiltigt val: 0 (välj bland 1, 2, 3, 4)"),
        (["--lang", "en", "--pane", "x"], "argument --pane: invalid int value: 'x'"),
        (
            ["--lang", "en", "demo", "--pane", "9"],
            "argument --pane: invalid choice: 9 (choose from 1, 2, 3, 4)",
        ),
    ],
)
def test_a_bad_pane_is_one_line_and_exit_2(run: Runner, args: list[str], line: str) -> None:
    before = snapshot(run.base)
    assert_refused(run(*args), line)
    assert snapshot(run.base) == before


def test_readonly_keeps_a_command_from_changing_the_store(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=10))
    before = snapshot(run.store)
    assert_refused(
        run("--readonly", "done", case_id, "vart-arbete"),
        "läsläge (--readonly): inget kan ändras",
    )
    assert_refused(
        run("--lang", "en", "--readonly", "case", "edit", case_id, "--unit", "Annan"),
        "read-only (--readonly): nothing can be changed",
    )
    assert snapshot(run.store) == before
    assert item(show_json(run, case_id), "vart-arbete")["state"] == "open"
    assert ok(run("--readonly", "status")).stdout  # reading works as ever


def write_config(run: Runner, text: str) -> Path:
    path = run.base / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("keys", "line"),
    [
        ('"item.done" = "d"\n"item.dne" = "e"', "okänt tangent-id item.dne; de kända är"),
        ('item.done = "ctrl+"', 'item.done = "ctrl+" är ingen tangent'),
        ('"item.done" = "u"', "tangenten u skulle gälla både item.done och item.undo"),
    ],
)
def test_a_wrong_keymap_stops_the_dashboard_in_one_line(run: Runner, keys: str, line: str) -> None:
    config = write_config(run, f"[keys]\n{keys}\n")
    assert_refused(run("--config", str(config)), f"[keys] i inställningarna: {line}")


def test_keys_that_are_not_text_are_a_bad_setting(run: Runner) -> None:
    config = write_config(run, '[keys]\n"item.done" = 5\n')
    assert_refused(run("--config", str(config), "status"), "keys")


def test_the_settings_template_shows_an_example_keymap_that_reads_back(run: Runner) -> None:
    ok(run("config", "init"))
    path = run.home / "config" / "stangning" / "config.toml"
    text = path.read_text(encoding="utf-8")
    assert "# Egna tangenter, per tangent-id" in text
    assert '[keys]\n# "item.done" = "space,d"\n' in text
    assert tomllib.loads(text)["keys"] == {}
    uncommented = text.replace('# "item.done"', '"item.done"')
    config = write_config(run, uncommented)
    shown = tomllib.loads(ok(run("--config", str(config), "config", "show")).stdout)
    assert shown["keys"] == {"item.done": "space,d"}
