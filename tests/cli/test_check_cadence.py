"""``stangning status`` shows the monitoring checks that are due or overdue, and when each item
was last checked; the cadence comes from the settings (default every 7 days)."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, add_case, ok, shifted

CLOSING = "2026-01-31"


def checks_part(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Kontroller ("))
    return lines[start:]


def test_due_on_the_closing_date_overdue_the_day_after(run: Runner) -> None:
    case_id = add_case(run, closing=CLOSING)
    assert "Kontroller (" not in ok(run("status", "--today", "2026-01-30")).stdout
    on_d = checks_part(ok(run("status", "--today", CLOSING)).stdout)
    assert on_d[0] == "Kontroller (intervall 7 d) – försenade: 0, i dag: 2"
    assert on_d[2].split() == [
        case_id,
        "bevaka-fraga-svar",
        "kontroll",
        "i",
        "dag",
        "aldrig",
        "kontrollerad",
    ]
    after = checks_part(ok(run("status", "--today", "2026-02-01")).stdout)
    assert after[0] == "Kontroller (intervall 7 d) – försenade: 2, i dag: 0"
    assert "kontroll försenad 1 d" in after[3]


def test_a_check_today_takes_the_item_off_the_list(run: Runner) -> None:
    case_id = add_case(run, closing=shifted(days=-3))
    ok(run("check", case_id, "fil-i-fail"))
    part = checks_part(ok(run("status")).stdout)
    assert part[0] == "Kontroller (intervall 7 d) – försenade: 1, i dag: 0"
    assert [line.split()[1] for line in part[2:]] == ["bevaka-fraga-svar"]
    assert "kontroll försenad 3 d" in part[2]


def test_the_cadence_comes_from_the_settings(run: Runner, tmp_path: Path) -> None:
    case_id = add_case(run, closing=shifted(days=-3))
    ok(run("check", case_id, "fil-i-fail"))
    ok(run("check", case_id, "bevaka-fraga-svar"))
    config = tmp_path / "config.toml"
    config.write_text("check_cadence_days = 1\n", encoding="utf-8")
    tomorrow = shifted(days=1).isoformat()
    assert "Kontroller (" not in ok(run("status", "--today", tomorrow)).stdout
    text = ok(run("status", "--today", tomorrow, env={"STANGNING_CONFIG": str(config)})).stdout
    part = checks_part(text)
    assert part[0] == "Kontroller (intervall 1 d) – försenade: 0, i dag: 2"
    assert "senast kontrollerad i går" in part[2]


def test_role_shows_only_its_own_checks(run: Runner) -> None:
    add_case(run, closing=shifted(days=-3))
    part = checks_part(ok(run("status", "--role", "unit")).stdout)
    assert [line.split()[1] for line in part[2:]] == ["bevaka-fraga-svar"]
