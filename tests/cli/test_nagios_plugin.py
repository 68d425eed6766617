"""``stangning status --nagios`` as Nagios, Icinga or Checkmk run it: one line on stdout,
exit 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN, nothing on stderr."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import Runner, add_case, ok, plus_three_months, shifted, today

CLOSING = "2026-01-31"  # T = 2026-04-30


def perf(
    items: int = 0,
    checks: int = 0,
    broken: int = 0,
    soon: int = 0,
    due: int = 0,
    cases: int = 1,
    *,
    days: int | str,
    warn: str = "@~:14",
    crit: str = "0:",
) -> str:
    return (
        f"cases={cases};;;0 overdue_items={items};;;0 overdue_checks={checks};;;0 "
        f"rules_broken={broken};;0;0 due_soon={soon};;;0 checks_due={due};;;0 "
        f"days_left={days};{warn};{crit}"
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
            f"STANGNING OK - aktiva ärenden: 1, inget förfaller inom 14 d | {perf(days=21)}",
            id="ok-D-in-21-days",
        ),
        pytest.param(
            "2026-01-17",
            1,
            "STANGNING WARNING - förfaller inom 14 d: 4 ({id}/vart-arbete, "
            "{id}/bevaka-fraga-svar, {id}/vardenhet-upphor, {id}/fil-i-fail) | "
            f"{perf(soon=4, days=14)}",
            id="warning-D-in-14-days",
        ),
        pytest.param(
            "2026-01-31",
            1,
            "STANGNING WARNING - förfaller inom 14 d: 2, kontroller i dag: 2 ({id}/vart-arbete, "
            "{id}/vardenhet-upphor, {id}/bevaka-fraga-svar, {id}/fil-i-fail) | "
            f"{perf(soon=2, due=2, days=0)}",
            id="warning-on-D",
        ),
        pytest.param(
            "2026-02-01",
            2,
            "STANGNING CRITICAL - försenade punkter: 2, försenade kontroller: 2 ({id}/vart-arbete, "
            "{id}/vardenhet-upphor, {id}/bevaka-fraga-svar, {id}/fil-i-fail) | "
            f"{perf(items=2, checks=2, days=-1)}",
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
        f"STANGNING OK - active cases: 1, nothing due within 14 d | {perf(days=21)}",
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
    assert (status, line.split(" | ")[1]) == (2, perf(checks=2, days=-10))
    for key in ("bevaka-fraga-svar", "fil-i-fail"):
        ok(run("check", case_id, key))
    to_t = (plus_three_months(shifted(days=-10)) - today()).days
    assert plugin(run("status", "--nagios")) == (
        0,
        f"STANGNING OK - aktiva ärenden: 1, inget förfaller inom 14 d | {perf(days=to_t)}",
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


# --- thresholds as the Monitoring Plugins guidelines write them: -w/-c RANGE, --crit-days -----
# On 2026-01-17 the four items due by D have 14 days left; on 2026-02-01 two are a day late.


def test_a_warning_range_decides_the_warning(one_case: tuple[Runner, str]) -> None:
    run, case_id = one_case
    status, line = plugin(run("status", "--nagios", "--today", "2026-01-17", "-w", "15:"))
    assert status == 1
    assert line.startswith(f"STANGNING WARNING - förfaller snart: 4 ({case_id}/vart-arbete, ")
    assert line.endswith(f"| {perf(soon=4, days=14, warn='15:')}")
    assert plugin(run("status", "--nagios", "--today", "2026-01-17", "--warning", "14:")) == (
        0,
        "STANGNING OK - aktiva ärenden: 1, inget larmar med -w 14: -c 0: | "
        f"{perf(days=14, warn='14:')}",
    )


@pytest.mark.parametrize(
    ("days_option", "range_option"),
    [
        (("--warn-days", "13"), ("-w", "@~:13")),
        (("--crit-days", "14"), ("-c", "@~:14")),
        (("--crit-days", "14"), ("--critical=@~:14",)),
    ],
)
def test_days_options_are_the_ranges_they_stand_for(
    one_case: tuple[Runner, str], days_option: tuple[str, ...], range_option: tuple[str, ...]
) -> None:
    run, _ = one_case
    by_days = plugin(run("status", "--nagios", "--today", "2026-01-17", *days_option))
    by_range = plugin(run("status", "--nagios", "--today", "2026-01-17", *range_option))
    assert by_days == by_range


def test_crit_days_makes_what_is_due_soon_critical(one_case: tuple[Runner, str]) -> None:
    run, case_id = one_case
    status, line = plugin(run("status", "--nagios", "--today", "2026-01-17", "--crit-days", "14"))
    assert status == 2
    assert line.startswith(f"STANGNING CRITICAL - förfaller inom 14 d: 4 ({case_id}/")
    assert line.endswith(f"| {perf(soon=4, days=14, crit='@~:14')}")


def test_a_negative_critical_range_lets_a_day_late_be_a_warning(
    one_case: tuple[Runner, str],
) -> None:
    run, _ = one_case
    # -c -3: alerts below -3: only what is more than three days late is critical.
    status, line = plugin(run("status", "--nagios", "--today", "2026-02-01", "-c", "-3:"))
    assert status == 1
    assert line.startswith("STANGNING WARNING - försenade punkter: 2, försenade kontroller: 2 (")
    assert line.endswith(f"| {perf(items=2, checks=2, days=-1, crit='-3:')}")
    status, _ = plugin(run("status", "--nagios", "--today", "2026-02-05", "-c", "-3:"))
    assert status == 2  # five days late


@pytest.mark.parametrize(("warning", "status"), [("@21:21", 1), ("@22:30", 0), ("21:110", 0)])
def test_at_inverts_the_range(one_case: tuple[Runner, str], warning: str, status: int) -> None:
    run, _ = one_case
    # 2026-01-10: 21 days to D for four items, 110 to T for the two EK/HSA items.
    found, line = plugin(run("status", "--nagios", "--today", "2026-01-10", "-w", warning))
    assert found == status
    assert line.endswith(f"days_left=21;{warning};0:")


def test_a_rule_broken_is_critical_whatever_the_ranges(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(months=-4))
    ok(run("done", case_id, "hsa-verksamhet"))
    ok(run("case", "edit", case_id, "--closing", shifted(days=20).isoformat()))
    status, line = plugin(run("status", "--nagios", "-w", "~:", "-c", "~:"))
    assert status == 2
    assert line.startswith(f"STANGNING CRITICAL - regelbrott: 1 ({case_id}/hsa-verksamhet) | ")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("-w", "20:10"),
            "STANGNING UNKNOWN - --warning 20:10: gränsens början är större än dess slut",
        ),
        (
            ("-c", "tio"),
            "STANGNING UNKNOWN - --critical tio: ingen giltig gräns; skriv till exempel 10, "
            "10:, ~:10, 10:20 eller @10:20",
        ),
        (("-w", ""), "STANGNING UNKNOWN - --warning : ingen giltig gräns; skriv till exempel"),
        (("-w", "@"), "STANGNING UNKNOWN - --warning @: ingen giltig gräns"),
        (("-c", "1e3"), "STANGNING UNKNOWN - --critical 1e3: ingen giltig gräns"),
        (("--crit-days", "-1"), "STANGNING UNKNOWN - --crit-days -1: ange 0 eller fler dagar"),
        (
            ("--warn-days", "3", "-w", "5"),
            "STANGNING UNKNOWN - argument -w/--warning: går inte att kombinera med --warn-days",
        ),
    ],
)
def test_a_bad_threshold_is_unknown_in_one_line(
    one_case: tuple[Runner, str], args: tuple[str, ...], line: str
) -> None:
    run, _ = one_case
    status, found = plugin(run("status", "--nagios", *args))
    assert status == 3
    assert found.startswith(line), found
    assert "|" not in found


@pytest.mark.parametrize(
    ("lang", "fragments"),
    [
        ("sv", ("-w RANGE, --warning RANGE", "@10:20", "--crit-days N", "Monitoring Plugins")),
        ("en", ("-c RANGE, --critical RANGE", "@10:20 (inside)", "always CRITICAL")),
    ],
)
def test_the_ranges_are_explained_in_help(
    run: Runner, lang: str, fragments: tuple[str, ...]
) -> None:
    text = " ".join(ok(run("--lang", lang, "status", "--help")).stdout.split())
    for fragment in fragments:
        assert fragment in text, fragment
