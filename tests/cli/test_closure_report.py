"""``stangning report CASE``: the Markdown record of a closure to print and file — every item
with who, when and notes, every check, the notes and the history."""

from __future__ import annotations

import pytest

from tui.core.template import default_template
from tui.demo import build_demo
from tui.export.report import md

from .conftest import Runner, assert_refused, case_list_json, ok, show_json, today


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The demo store (tui/demo.py) as it stands today: closures in every phase, with checks."""
    run = Runner(tmp_path_factory.mktemp("report"))
    build_demo(run.store, run.base / "writers", today())
    return run


def report_lines(text: str) -> set[str]:
    return set(text.splitlines())


def test_the_report_of_each_demo_case_has_every_item_and_every_check(demo: Runner) -> None:
    cases = case_list_json(demo, "--all")
    assert len(cases) >= 8
    checks_seen = notes_seen = 0
    for case in cases:
        text = ok(demo("report", case["id"])).stdout
        assert text.startswith(f"# Stängningsrapport: {md(case['unit'])} ({case['hsa_id']})\n")
        assert f"| Ärende-id | {case['id']} |" in text
        lines = report_lines(text)
        shown = show_json(demo, case["id"])
        for number, spec in enumerate(default_template().items, start=1):
            assert f"### {number}. {spec.texts['sv'].activity} (`{spec.key}`)" in lines
        for entry in shown["items"]:
            if entry["by"]:
                assert f"- Vem: {md(entry['by'])}" in lines
            if entry["note"]:
                assert f"- Anteckning: {md(entry['note'])}" in lines
            for number, check in enumerate(entry["checks"], start=1):
                row = (
                    f"| {number} | {check['at']} | {md(check['by'])} | {md(check['note'] or '')} |"
                )
                assert row in lines, (case["id"], entry["key"], row)
                checks_seen += 1
            if entry["key"] in {"bevaka-fraga-svar", "fil-i-fail"}:
                assert f"Kontroller: {len(entry['checks'])} (intervall 7 d)" in text
        for note in shown["notes"]:
            assert f"| {note['at']} | {md(note['by'])} | {md(note['text'])} |" in lines
            notes_seen += 1
    assert checks_seen > 20 and notes_seen > 0  # the loops above did look at something


@pytest.fixture(scope="module")
def worked_case(demo: Runner) -> tuple[Runner, str]:
    """The demo's case that has seen the most changes."""
    cases = case_list_json(demo, "--all")
    busiest = max(cases, key=lambda case: len(ok(demo("case", "history", case["id"])).stdout))
    return demo, busiest["id"]


def test_the_history_has_every_change(worked_case: tuple[Runner, str]) -> None:
    run, case_id = worked_case
    text = ok(run("report", case_id)).stdout
    history = text.split("## Historik\n", 1)[1].split("\n---\n", 1)[0]
    rows = [line for line in history.splitlines() if line.startswith("| ")][1:]  # no header
    changes = ok(run("case", "history", case_id)).stdout.splitlines()[1:]
    assert len(rows) == len(changes)
    checks = sum(len(entry["checks"]) for entry in show_json(run, case_id)["items"])
    assert sum(": kontroll |" in row for row in rows) == checks


def test_report_to_a_file_in_english(worked_case: tuple[Runner, str]) -> None:
    run, case_id = worked_case
    target = run.base / f"{case_id}.md"
    result = ok(run("--lang", "en", "report", case_id, "-o", str(target)))
    assert result.stdout == f"Report written to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Closure report: ")
    assert "## History" in text


def test_report_of_an_unknown_case_is_one_line(run: Runner) -> None:
    assert_refused(run("report", "finnsej"), "finnsej")
