"""``stangning status --nagios`` as Nagios, Icinga or Checkmk run it: one line on stdout,
exit 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN, nothing on stderr."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import Runner, add_case, ok, shifted

CLOSING = "2026-01-31"  # T = 2026-04-30


def perf(
    items: int = 0, checks: int = 0, broken: int = 0, soon: int = 0, due: int = 0, cases: int = 1
) -> str:
    return (
        f"cases={cases};;;0 overdue_items={items};;0;0 overdue_checks={checks};;0;0 "
        f"rules_broken={broken};;0;0 due_soon={soon};0;;0 checks_due={due};0;;0"
    )


def plugin(result: subprocess.CompletedProcess[str]) -> tuple[int, str]:
    """Exit status and the one line; checks that the plugin said nothing else."""
    assert result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and result.stdout == lines[0] + "\n", result.stdout
    return result.returncode, lines[0]


@pytest.fixture(scope="module")
def one_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str]:
    run = Runner(tmp_path_factory.mktemp("nagios"))
    return run, add_case(run, closing=CLOSING)


@pytest.mark.parametrize(
    ("today", "status", "line"),
    [
        pytest.param(
            "2026-01-10",
            0,
            f"STANGNING OK - aktiva ärenden: 1, inget förfaller inom 14 d | {perf()}",
            id="ok-D-in-21-days",
        ),
        pytest.param(
            "2026-01-17",
            1,
            "STANGNING WARNING - förfaller inom 14 d: 4 ({id}/vart-arbete, "
            "{id}/bevaka-fraga-svar, {id}/vardenhet-upphor, {id}/fil-i-fail) | "
            f"{perf(soon=4)}",
            id="warning-D-in-14-days",
        ),
        pytest.param(
            "2026-01-31",
            1,
            "STANGNING WARNING - förfaller inom 14 d: 2, kontroller i dag: 2 ({id}/vart-arbete, "
            "{id}/vardenhet-upphor, {id}/bevaka-fraga-svar, {id}/fil-i-fail) | "
            f"{perf(soon=2, due=2)}",
            id="warning-on-D",
        ),
        pytest.param(
            "2026-02-01",
            2,
            "STANGNING CRITICAL - försenade punkter: 2, försenade kontroller: 2 ({id}/vart-arbete, "
            "{id}/vardenhet-upphor, {id}/bevaka-fraga-svar, {id}/fil-i-fail) | "
            f"{perf(items=2, checks=2)}",
            id="critical-the-day-after-D",
        ),
    ],
)
def test_exit_status_and_exact_line(
    one_case: tuple[Runner, str], today: str, status: int, line: str
) -> None:
    run, case_id = one_case
    assert plugin(run("status", "--nagios", "--today", today)) == (
        status,
        line.format(id=case_id),
    )


def test_english(one_case: tuple[Runner, str]) -> None:
    run, _ = one_case
    assert plugin(run("--lang", "en", "status", "--nagios", "--today", "2026-01-10")) == (
        0,
        f"STANGNING OK - active cases: 1, nothing due within 14 d | {perf()}",
    )


def test_warn_days_from_the_option_and_from_the_settings(
    one_case: tuple[Runner, str], tmp_path: Path
) -> None:
    run, _ = one_case
    status, line = plugin(run("status", "--nagios", "--today", "2026-01-17", "--warn-days", "13"))
    assert (status, line.split(" | ")[0]) == (
        0,
        "STANGNING OK - aktiva ärenden: 1, inget förfaller inom 13 d",
    )
    config = tmp_path / "config.toml"
    config.write_text("warn_days = 30\n", encoding="utf-8")
    env = {"STANGNING_CONFIG": str(config)}
    status, line = plugin(run("status", "--nagios", "--today", "2026-01-10", env=env))
    assert status == 1
    assert line.startswith("STANGNING WARNING - förfaller inom 30 d: 4 (")


def test_a_check_recorded_today_clears_the_critical_state(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-10))
    for key in ("vart-arbete", "vardenhet-upphor"):
        ok(run("done", case_id, key))
    status, line = plugin(run("status", "--nagios"))
    assert (status, line.split(" | ")[1]) == (2, perf(checks=2))
    for key in ("bevaka-fraga-svar", "fil-i-fail"):
        ok(run("check", case_id, key))
    assert plugin(run("status", "--nagios")) == (
        0,
        f"STANGNING OK - aktiva ärenden: 1, inget förfaller inom 14 d | {perf()}",
    )


def test_a_rule_broken_is_critical(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(months=-4))
    ok(run("done", case_id, "hsa-verksamhet"))
    # The closing date is moved later: the unit was closed in EK/HSA before T after all.
    ok(run("case", "edit", case_id, "--closing", shifted(days=20).isoformat()))
    status, line = plugin(run("status", "--nagios"))
    assert status == 2
    assert line.startswith(f"STANGNING CRITICAL - regelbrott: 1 ({case_id}/hsa-verksamhet) | ")
    assert "rules_broken=1;;0;0" in line


def test_unknown_when_the_store_does_not_exist_and_nothing_is_created(run: Runner) -> None:
    missing = run.base / "share" / "stangning"
    assert plugin(run("status", "--nagios", env={"STANGNING_STORE": str(missing)})) == (
        3,
        f"STANGNING UNKNOWN - ärendelagret {missing} finns inte",
    )
    assert not missing.exists()


@pytest.mark.parametrize("kind", ["file", "empty-folder"])
def test_unknown_when_the_store_is_not_a_store(run: Runner, kind: str) -> None:
    not_a_store = run.base / kind
    if kind == "file":
        not_a_store.write_text("x", encoding="utf-8")
    else:
        not_a_store.mkdir()
    assert plugin(run("status", "--nagios", env={"STANGNING_STORE": str(not_a_store)})) == (
        3,
        f"STANGNING UNKNOWN - {not_a_store} är inget ärendelager (mappen är inget ärendelager)."
        " Kontrollera att den delade enheten är monterad, eller skapa lagret med:"
        f" stangning --store {not_a_store} init",
    )


def test_unknown_when_the_store_cannot_be_opened(run: Runner) -> None:
    add_case(run, closing=CLOSING)
    blocked = run.base / "file"
    blocked.write_text("x", encoding="utf-8")
    env = {"STANGNING_LOCAL": str(blocked / "local")}
    status, line = plugin(run("--lang", "en", "status", "--nagios", env=env))
    assert status == 3
    assert line.startswith(f"STANGNING UNKNOWN - the case store {run.store} cannot be read: ")
    assert "|" not in line


def test_unknown_for_negative_warn_days(one_case: tuple[Runner, str]) -> None:
    run, _ = one_case
    assert plugin(run("status", "--nagios", "--warn-days", "-1")) == (
        3,
        "STANGNING UNKNOWN - --warn-days -1: ange 0 eller fler dagar",
    )
