"""Bad input never gets further than one line: dates outside 2000–2100, fields without a
conflict, bytes that are not UTF-8, an unknown user's ~, control characters in what argparse
quotes back, and no permission on the store under --nagios. Each once crashed with a traceback
or was accepted and then crashed every host."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.store.share import Share

from .conftest import (
    HSA_ID,
    TIMEOUT,
    Runner,
    add_case,
    assert_refused,
    case_list_json,
    ok,
    shifted,
    snapshot,
)

ADD = ("case", "add", "--caregiver", "Region Stockholm", "--unit", "Vårdcentralen Exempel")
NO_SUCH_USER = "~stangning-no-such-user"


def ready_store(run: Runner) -> Runner:
    """The runner's store made a store (as stangning init does; a configured store is never
    created implicitly)."""
    Share(run.store).create()
    return run


@pytest.fixture
def one_case(run: Runner) -> str:
    """A store with one case (so the store exists and a refusal can be seen to write nothing)."""
    return add_case(ready_store(run), closing=shifted(days=20))


# --- 1. dates outside 2000-01-01 … 2100-12-31 are refused at input ----------------------------


def test_a_closing_date_in_year_9999_is_refused_in_one_swedish_line_and_nothing_is_written(
    run: Runner, one_case: str
) -> None:
    before = snapshot(run.base)
    result = run(*ADD, "--hsa-id", HSA_ID, "--closing", "9999-12-31")
    line = assert_refused(result, "stängningsdatum", "9999-12-31", "2000-01-01", "2100-12-31")
    assert "utanför" in line
    assert snapshot(run.base) == before
    assert [case["id"] for case in case_list_json(run)] == [one_case]


@pytest.mark.parametrize(
    "args",
    [
        ("--closing", "2101-01-01"),
        ("--closing", "1999-12-31"),
        ("--closing", "2026-01-31", "--removal", "2101-01-01"),
    ],
)
def test_case_add_refuses_dates_outside_the_range(
    run: Runner, one_case: str, args: tuple[str, ...]
) -> None:
    before = snapshot(run.base)
    assert_refused(run(*ADD, "--hsa-id", HSA_ID, *args), args[-1], "2100-12-31")
    assert snapshot(run.base) == before


@pytest.mark.parametrize(
    ("option", "value", "name"),
    [
        ("--closing", "9999-10-01", "stängningsdatum"),
        ("--removal", "2101-01-01", "avtakning"),
    ],
)
def test_case_edit_refuses_dates_outside_the_range(
    run: Runner, one_case: str, option: str, value: str, name: str
) -> None:
    before = snapshot(run.base)
    assert_refused(run("case", "edit", one_case, option, value), name, value)
    assert snapshot(run.base) == before


@pytest.mark.parametrize(
    "command",
    [("status",), ("case", "list"), ("export", "ics"), ("report", "CASE"), ("demo",)],
)
@pytest.mark.parametrize("today", ["2101-01-01", "1999-12-31"])
def test_today_outside_the_range_is_refused(
    run: Runner, one_case: str, command: tuple[str, ...], today: str
) -> None:
    args = [one_case if arg == "CASE" else arg for arg in command]
    assert_refused(run(*args, "--today", today), "dagens datum", today)


def test_a_csv_import_with_a_date_in_year_9999_imports_nothing(run: Runner, one_case: str) -> None:
    (run.base / "cases.csv").write_text(
        "caregiver;unit;hsa_id;closing\n"
        f"Region Stockholm;Vårdcentralen Nord;{HSA_ID};2026-03-01\n"
        f"Region Stockholm;Vårdcentralen Syd;{HSA_ID};9999-12-31\n",
        encoding="utf-8",
    )
    before = snapshot(run.base)
    result = run("import", "csv", "cases.csv")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "rad 3" in result.stderr and "9999-12-31" in result.stderr
    assert snapshot(run.base) == before


def test_the_last_and_first_allowed_dates_work_in_every_command(run: Runner) -> None:
    ready_store(run)
    late = add_case(run, closing="2100-12-31", extra=("--removal", "2100-12-31"))
    early = add_case(run, closing="2000-01-01")
    for args in (
        ("status", "--json"),
        ("case", "list", "--json", "--all"),
        ("export", "ics", "--all"),
        ("export", "csv", "--all"),
        ("report", late),
        ("report", early),
        ("case", "show", late),
    ):
        ok(run(*args))
    nagios = run("status", "--nagios", "--today", "2100-12-31")
    assert nagios.stdout.startswith("STANGNING CRITICAL - "), nagios  # early is long overdue
    shown = json.loads(ok(run("case", "show", late, "--json")).stdout)
    assert shown["closing"] == "2100-12-31"


# --- 2. no traceback: each input that once raised one --------------------------------------


@pytest.mark.parametrize("field", ["case.unit", "item.vart-arbete", "case.nonsense", "unit"])
def test_resolving_a_field_without_a_conflict_is_refused(
    run: Runner, one_case: str, field: str
) -> None:
    before = snapshot(run.base)
    assert_refused(run("case", "resolve", one_case, field), "inte i konflikt")
    assert snapshot(run.base) == before


@pytest.mark.parametrize(
    "args",
    [
        ("case", "edit", "CASE", "--note", "fel \udcff byte"),
        ("done", "CASE", "vart-arbete", "--note", "\udcff"),
        ("na", "CASE", "vart-arbete", "--reason", "\udcfe\udcff"),
        (*ADD[:4], "Enhet \udcff", "--hsa-id", HSA_ID, "--closing", "2026-03-01"),
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_and_nothing_is_written(
    run: Runner, one_case: str, args: tuple[str, ...]
) -> None:
    # A str with lone surrogates reaches the program as the raw bytes (here 0xFF).
    before = snapshot(run.base)
    line = assert_refused(run(*(one_case if a == "CASE" else a for a in args)), "UTF-8")
    assert "\\xff" in line or "\\xfe" in line
    assert snapshot(run.base) == before


def test_a_stangning_variable_that_is_not_utf8_is_refused(run: Runner) -> None:
    result = run("status", env={"STANGNING_STORE": "/tmp/\udcff"})
    assert_refused(result, "STANGNING_STORE", "UTF-8")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--store", f"{NO_SUCH_USER}/store", "status"), {}),
        (("--local", f"{NO_SUCH_USER}/local", "status"), {}),
        (("status",), {"STANGNING_STORE": f"{NO_SUCH_USER}/store"}),
        (("--config", f"{NO_SUCH_USER}/config.toml", "status"), {}),
        (("import", "csv", f"{NO_SUCH_USER}/cases.csv"), {}),
        (("export", "csv", "-o", f"{NO_SUCH_USER}/cases.csv"), {}),
    ],
)
def test_the_home_of_an_unknown_user_is_refused(
    run: Runner, args: tuple[str, ...], env: dict[str, str]
) -> None:
    assert_refused(run(*args, env=env), NO_SUCH_USER, "hittas inte")


def test_status_nagios_on_an_unknown_users_home_is_unknown(run: Runner) -> None:
    result = run("--store", f"{NO_SUCH_USER}/store", "status", "--nagios")
    assert (result.returncode, result.stderr) == (3, ""), result
    assert result.stdout.startswith("STANGNING UNKNOWN - ") and NO_SUCH_USER in result.stdout


@pytest.mark.parametrize("typed", ["x\ny", "\x1b[2J"])
def test_control_characters_argparse_quotes_back_stay_visible(run: Runner, typed: str) -> None:
    line = assert_refused(run("status", "--no-such-option", typed))
    assert "\x1b" not in line and ("\\x0a" in line or "\\x1b" in line)


def test_status_nagios_with_a_bad_option_is_unknown(run: Runner) -> None:
    result = run("status", "--nagios", "--warn-days", "x")
    assert (result.returncode, result.stderr) == (3, ""), result
    assert result.stdout.startswith("STANGNING UNKNOWN - ") and "--warn-days" in result.stdout


def test_a_config_file_that_is_not_utf8_is_refused(run: Runner) -> None:
    (run.base / "config.toml").write_bytes(b'store = "\xff"\n')
    assert_refused(run("--config", "config.toml", "status"), "config.toml")


@pytest.mark.parametrize("setting", ["store = 5", "local = [1]"])
def test_a_path_setting_that_is_not_text_is_refused(run: Runner, setting: str) -> None:
    (run.base / "config.toml").write_text(setting + "\n", encoding="utf-8")
    result = run("--config", "config.toml", "status", env={"STANGNING_STORE": ""})  # unset
    assert_refused(result, setting.split()[0])


def test_demo_without_a_terminal_builds_nothing(run: Runner) -> None:
    assert_refused(run("demo", "--out", "demo"), "terminal")
    assert not (run.base / "demo").exists()


# --- status --nagios without permission on the store: UNKNOWN (3), as for a missing store ------


def without_permission_bypass() -> list[str]:
    """The command prefix that makes permissions apply to this process's children. Root ignores
    them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): setpriv drops both, so the child is denied
    exactly as an unprivileged user is (the interpreter may live where no other user can reach
    it, e.g. under /root, so switching to another user is not an option)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's permission bypass"
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]


@pytest.mark.parametrize("locked", ["store", "above"])
def test_status_nagios_without_permission_on_the_store_is_unknown(
    tmp_path: Path, locked: str
) -> None:
    run = Runner(tmp_path)
    run.store = tmp_path / "above" / "store"
    run.store.parent.mkdir()
    add_case(ready_store(run), closing=shifted(days=200))
    shutil.rmtree(run.home)  # a host that never read the store: no local copy to fall back on
    folder = run.store if locked == "store" else run.store.parent
    folder.chmod(0o000)
    try:
        result = subprocess.run(
            [*without_permission_bypass(), sys.executable, "-m", "tui", "status", "--nagios"],
            env=run.environ(),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        folder.chmod(0o2770)
    assert (result.returncode, result.stderr) == (3, ""), result
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("STANGNING UNKNOWN - "), result.stdout
    assert str(run.store) in lines[0]


# --- a little fuzzing: any argv on any subcommand gives a result, never a traceback -----------
# (No value names a real device or system file: a regression run as root must not replace it.)

COMMANDS = [
    ("case", "add"),
    ("case", "list"),
    ("case", "show", "CASE"),
    ("case", "edit", "CASE"),
    ("case", "history", "CASE"),
    ("case", "resolve", "CASE", "VALUE"),
    ("done", "CASE", "VALUE"),
    ("check", "CASE", "VALUE"),
    ("undo", "CASE", "VALUE"),
    ("na", "CASE", "VALUE"),
    ("status",),
    ("metrics",),  # never --textfile: a value such as "/" would be written to as root
    ("mail", "CASE"),
    ("export", "ics"),
    ("export", "csv"),
    ("import", "csv", "VALUE"),
    ("report", "CASE"),
    ("sync",),
    ("doctor",),
    ("config", "path"),
    ("config", "show"),
]
OPTIONS = [
    "--caregiver", "--unit", "--hsa-id", "--closing", "--removal", "--level", "--note",
    "--reason", "--choose", "--today", "--role", "--warn-days", "-o",
    "--crit-days", "-w", "-c",
]  # fmt: skip
FLAGS = ["--json", "--all", "--nagios", "--snapshot", "--dry-run", "--no-removal"]
ODD_VALUES = [
    "", "-", "/", ".", "~", NO_SUCH_USER, "\udcff", "9999-12-31", "0000-00-00", "2026-02-30",
    "-1", "99999999999999999999", "case.unit", "vart-arbete", "fil-i-fail", "/proc/self/status",
    "x\ny", "\x1b[2J", "[red]x[/]", "A" * 300, "enhet", "2026-03-01", HSA_ID, "nowhere/x.md",
]  # fmt: skip


@st.composite
def command_lines(draw: st.DrawFn, case_id: str) -> list[str]:
    values = st.sampled_from([*ODD_VALUES, case_id]) | st.text(max_size=12)
    command = draw(st.sampled_from(COMMANDS))
    argv = [case_id if word == "CASE" else draw(values) if word == "VALUE" else word
            for word in command]  # fmt: skip
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            argv += [draw(st.sampled_from(OPTIONS)), draw(values)]
        else:
            argv.append(draw(st.sampled_from(FLAGS)))
    return argv


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str]:
    run = ready_store(Runner(tmp_path_factory.mktemp("fuzz")))
    return run, add_case(run, closing=shifted(days=20))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_command_line_gives_a_traceback(
    fuzz_store: tuple[Runner, str], data: st.DataObject
) -> None:
    run, case_id = fuzz_store
    argv = data.draw(command_lines(case_id))
    if any("\x00" in arg for arg in argv):  # no program can receive a NUL in an argument
        return
    result = run(*argv)
    detail = (argv, result.returncode, result.stdout[-300:], result.stderr[-600:])
    assert "Traceback" not in result.stderr, detail
    assert "oväntat fel" not in result.stderr + result.stdout, detail
    assert result.returncode in (0, 1, 2, 3), detail
    if result.returncode == 2 and argv[:2] != ["import", "csv"]:
        assert len(result.stderr.splitlines()) == 1, detail
