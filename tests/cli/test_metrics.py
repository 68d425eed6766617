"""``stangning metrics [--textfile DIR]`` as node_exporter's textfile collector reads it: the real
command, its file parsed back with prometheus_client's own parser."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from .conftest import (
    OTHER_HSA_ID,
    PREFIX,
    TIMEOUT,
    Runner,
    add_case,
    ok,
    plus_three_months,
    shifted,
    today,
)
from .test_input_hardening import without_permission_bypass

HSA_A, HSA_B, HSA_C = "SE2321000016-A2G8", OTHER_HSA_ID, "SE160000000000-1337"
TEXTFILE = "stangning.prom"

Samples = dict[str, dict[tuple[tuple[str, str], ...], float]]


def parsed(text: str) -> Samples:
    """Every sample by metric name, then by its labels (sorted pairs)."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        assert family.type == "gauge", family.name
        assert family.documentation, family.name
        for sample in family.samples:
            labels = tuple(sorted(sample.labels.items()))
            found.setdefault(sample.name, {})[labels] = sample.value
    return found


def single(samples: Samples, name: str) -> float:
    values = samples[f"stangning_{name}"]
    assert list(values) == [()], values
    return values[()]


def failed(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 1 and one line on stderr starting 'stangning: ', no traceback."""
    detail = (result.returncode, result.stdout, result.stderr)
    assert result.returncode == 1, detail
    assert "Traceback" not in result.stderr, detail
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(PREFIX), detail
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def closures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, dict[str, str]]:
    """Four closures with known states today:
    late: D ten days ago, nothing done: 2 items overdue, Fråga/svar's check overdue (never
      checked), fil i fail checked today;
    soon: D in 20 days;
    broken: EK/HSA closed the unit, then D was moved 20 days ahead: a rule broken;
    complete: every item finished after T: archived, counted nowhere."""
    run = Runner(tmp_path_factory.mktemp("metrics"))
    late = add_case(run, closing=shifted(days=-10), unit="Enhet Sen")
    ok(run("check", late, "fil-i-fail", "--note", "inga fel"))
    soon = add_case(run, closing=shifted(days=20), unit="Enhet Snart", hsa_id=HSA_B)
    broken = add_case(run, closing=shifted(months=-4), unit="Enhet Bruten", hsa_id=HSA_C)
    ok(run("done", broken, "hsa-verksamhet"))
    ok(run("case", "edit", broken, "--closing", shifted(days=20).isoformat()))
    complete = add_case(run, closing=shifted(months=-4), unit="Enhet Klar", hsa_id=HSA_C)
    for key in (
        "vart-arbete",
        "vardenhet-upphor",
        "bevaka-fraga-svar",
        "fil-i-fail",
        "hsa-verksamhet",
        "hsa-medarbetaruppdrag",
    ):
        ok(run("done", complete, key))
    return run, {"late": late, "soon": soon, "broken": broken, "complete": complete}


def test_the_counts_in_the_textfile(closures: tuple[Runner, dict[str, str]]) -> None:
    run, ids = closures
    folder = run.base / "textfile"
    folder.mkdir(exist_ok=True)
    result = ok(run("metrics", "--textfile", str(folder)))
    assert (result.stdout, result.stderr) == ("", "")  # quiet for cron
    samples = parsed((folder / TEXTFILE).read_text(encoding="utf-8"))
    assert single(samples, "open_cases") == 3
    assert single(samples, "overdue_items") == 2
    assert single(samples, "overdue_checks") == 1
    assert single(samples, "checks_due_today") == 0
    assert single(samples, "rules_broken") == 1
    assert single(samples, "field_conflicts") == 0
    assert single(samples, "check_cadence_days") == 7
    late_t = (plus_three_months(shifted(days=-10)) - today()).days
    assert samples["stangning_case_next_threshold_days"] == {
        (("case_id", ids["late"]), ("hsa_id", HSA_A), ("threshold", "T")): late_t,
        (("case_id", ids["soon"]), ("hsa_id", HSA_B), ("threshold", "D")): 20,
        (("case_id", ids["broken"]), ("hsa_id", HSA_C), ("threshold", "D")): 20,
    }
    assert samples["stangning_check_age_days"] == {
        (("case_id", ids["late"]), ("hsa_id", HSA_A), ("item", "bevaka-fraga-svar")): math.inf,
        (("case_id", ids["late"]), ("hsa_id", HSA_A), ("item", "fil-i-fail")): 0,
    }
    assert single(samples, "store_reachable") == 1
    assert single(samples, "store_pending_changes") == 0
    assert single(samples, "store_quarantined_files") == 0


def test_the_counts_are_those_of_status_nagios(closures: tuple[Runner, dict[str, str]]) -> None:
    run, _ = closures
    samples = parsed(ok(run("metrics")).stdout)
    line = run("status", "--nagios").stdout
    perf = dict(part.split("=") for part in line.split(" | ")[1].split())
    counted = {
        label: int(value.split(";")[0]) for label, value in perf.items() if label != "days_left"
    }
    assert counted == {
        "cases": single(samples, "open_cases"),
        "overdue_items": single(samples, "overdue_items"),
        "overdue_checks": single(samples, "overdue_checks"),
        "rules_broken": single(samples, "rules_broken"),
        "due_soon": counted["due_soon"],
        "checks_due": single(samples, "checks_due_today"),
    }


def test_standard_output_is_the_file_and_today_is_the_option(
    closures: tuple[Runner, dict[str, str]],
) -> None:
    run, ids = closures
    folder = run.base / "same"
    folder.mkdir()
    day = shifted(days=30).isoformat()
    ok(run("metrics", "--textfile", str(folder), "--today", day))
    shown = ok(run("metrics", "--today", day)).stdout
    assert (folder / TEXTFILE).read_text(encoding="utf-8") == shown
    samples = parsed(shown)
    key = (("case_id", ids["soon"]), ("hsa_id", HSA_B), ("threshold", "T"))
    assert (
        samples["stangning_case_next_threshold_days"][key]
        == (plus_three_months(shifted(days=20)) - shifted(days=30)).days
    )
    assert single(samples, "overdue_items") == 2 + 2 + 2  # soon's and broken's D passed too


def test_the_help_text_follows_the_language(closures: tuple[Runner, dict[str, str]]) -> None:
    run, _ = closures
    english = ok(run("--lang", "en", "metrics")).stdout
    assert "# HELP stangning_open_cases Open closure cases (not complete)." in english
    swedish = ok(run("metrics")).stdout
    assert "# HELP stangning_open_cases Öppna stängningsärenden (inte avslutade)." in swedish


# --- written whole or not at all --------------------------------------------------------------


def test_an_old_file_is_replaced_whole_and_nothing_else_is_left(run: Runner) -> None:
    add_case(run, closing=shifted(days=-10))
    folder = run.base / "collector"
    folder.mkdir()
    old = "# an older stangning.prom\nstangning_open_cases 99\n" * 500
    (folder / TEXTFILE).write_text(old, encoding="utf-8")
    (folder / "node.prom").write_text("other_metric 1\n", encoding="utf-8")
    ok(run("metrics", "--textfile", str(folder)))
    text = (folder / TEXTFILE).read_text(encoding="utf-8")
    assert "99" not in text and text.endswith("\n")
    assert single(parsed(text), "open_cases") == 1
    assert sorted(path.name for path in folder.iterdir()) == ["node.prom", TEXTFILE]


@pytest.mark.parametrize("kind", ["missing", "a-file", "file-in-the-way"])
def test_a_folder_that_is_not_one_is_one_line_and_exit_1(run: Runner, kind: str) -> None:
    add_case(run, closing=shifted(days=20))
    folder = run.base / "collector"
    if kind == "a-file":
        folder.write_text("x", encoding="utf-8")
    elif kind == "file-in-the-way":
        folder.mkdir()
        (folder / TEXTFILE).mkdir()  # a folder where the file should go
    before = sorted(path.name for path in run.base.iterdir())
    result = run("metrics", "--textfile", str(folder))
    assert result.stdout == ""
    failed(result, str(folder))
    assert sorted(path.name for path in run.base.iterdir()) == before
    if kind == "missing":
        assert not folder.exists()
    if kind == "file-in-the-way":
        assert [path.name for path in folder.iterdir()] == [TEXTFILE]


def test_an_empty_folder_name_is_refused(run: Runner) -> None:
    failed(run("--lang", "en", "metrics", "--textfile", ""), "give a folder after --textfile")


def test_a_folder_without_write_permission_keeps_the_old_file(run: Runner) -> None:
    add_case(run, closing=shifted(days=20))
    folder = run.base / "collector"
    folder.mkdir()
    (folder / TEXTFILE).write_text("stangning_open_cases 5\n", encoding="utf-8")
    command = [sys.executable, "-m", "tui", "--lang", "en", "metrics", "--textfile", str(folder)]
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            [*without_permission_bypass(), *command],
            env=run.environ(),
            cwd=run.base,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        folder.chmod(0o755)
    failed(result, f"{folder / TEXTFILE} cannot be written", "ermission denied")
    assert [path.name for path in folder.iterdir()] == [TEXTFILE]
    assert (folder / TEXTFILE).read_text(encoding="utf-8") == "stangning_open_cases 5\n"


# --- the store's health -----------------------------------------------------------------------


def test_an_unreachable_share_is_reachable_0_from_the_local_copy(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-10))
    away = run.store.with_name("away")
    run.store.rename(away)
    ok(run("check", case_id, "fil-i-fail"))  # waits in the local outbox
    folder = run.base / "collector"
    folder.mkdir()
    result = ok(run("metrics", "--textfile", str(folder)))
    assert (result.stdout, result.stderr) == ("", "")  # the gauges say it
    samples = parsed((folder / TEXTFILE).read_text(encoding="utf-8"))
    assert single(samples, "store_reachable") == 0
    assert single(samples, "store_pending_changes") == 1
    assert "stangning_store_quarantined_files" not in samples  # not known: left out
    assert single(samples, "open_cases") == 1
    assert single(samples, "overdue_items") == 2
    assert single(samples, "overdue_checks") == 1  # the check made meanwhile counts
    assert not run.store.exists()  # nothing is created at the share's path
    away.rename(run.store)
    samples = parsed(ok(run("metrics")).stdout)
    assert single(samples, "store_reachable") == 1
    assert single(samples, "store_pending_changes") == 0  # published on the way


def test_a_store_that_cannot_be_opened_still_says_reachable_0(tmp_path: Path) -> None:
    run = Runner(tmp_path, init=False)  # a host whose share is not mounted: no store at all
    folder = tmp_path / "collector"
    folder.mkdir()
    (folder / TEXTFILE).write_text("stangning_store_reachable 1\n", encoding="utf-8")
    result = run("metrics", "--textfile", str(folder))
    failed(result, str(run.store), "inget ärendelager")
    samples = parsed((folder / TEXTFILE).read_text(encoding="utf-8"))
    assert set(samples) == {"stangning_store_reachable"}
    assert single(samples, "store_reachable") == 0
    assert not run.store.exists()


def test_files_in_quarantine_are_counted(run: Runner) -> None:
    add_case(run, closing=shifted(days=20))
    (run.store / "snapshots" / "999999999999999.000000-x.json").write_bytes(b"\x00garbage{")
    samples = parsed(ok(run("metrics")).stdout)
    assert single(samples, "store_quarantined_files") == 1
    assert single(samples, "open_cases") == 1
