"""The dashboard and the command line read one urgency rule (tui.core.urgency): on every day of
the demo store's range, the overview's rows and ``status --json`` agree on each case's status,
its next step and the order of the cases, and the overview's title counts what ``--nagios``
counts (issue 11, item 1)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tests.tui.conftest import TODAY, StoreSetup, open_store
from tui.app.view.attention import BY_URGENCY, label
from tui.app.view.board import build_board
from tui.app.view.case_text import case_fields as dashboard_fields
from tui.app.view.overview_rows import overdue_counts, overview_row
from tui.cli import status_commands
from tui.cli.case_text import case_detail_text
from tui.cli.context import Context
from tui.config import Config
from tui.core.case_wording import case_fields, case_warnings
from tui.core.findings import Kind
from tui.core.i18n import Translator
from tui.core.nagios import Thresholds, assess
from tui.core.printable import safe
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.core.urgency import Urgency
from tui.export.report import case_report, md

DAYS = range(-150, 210, 3)  # from before the first closings to past the last threshold
CADENCE = 7


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> StoreSetup:
    import shutil

    base = tmp_path_factory.mktemp("one-rule")
    shutil.copytree(demo_template, base / "store")
    return open_store(base)


def status_json(setup: StoreSetup, day: dt.date) -> dict[str, object]:
    ctx = Context(
        Translator("sv"),
        setup.share,
        setup.local,
        config=Config(check_cadence_days=CADENCE),
        today=day,
        _store=setup.store,
        today_given=True,
    )
    with contextlib.redirect_stdout(io.StringIO()) as out:
        status_commands.status(ctx, argparse.Namespace(nagios=False, role=None, json=True))
    data: dict[str, object] = json.loads(out.getvalue())
    return data


@pytest.mark.parametrize("offset", DAYS)
def test_the_overview_and_status_json_agree_on_every_case(demo: StoreSetup, offset: int) -> None:
    day = TODAY + dt.timedelta(days=offset)
    t, template = Translator("sv"), default_template()
    board = build_board(demo.store.cases(), template, day, CADENCE)
    active = [line for line in board.lines if not line.complete]
    rows = [overview_row(line, template, t) for line in active]
    listed = status_json(demo, day)["cases"]
    assert isinstance(listed, list)
    assert [row.key for row in rows] == [case["id"] for case in listed], "the order differs"
    for line, row, case in zip(active, rows, listed, strict=True):
        urgency = Urgency[case["status"].upper()]
        shown = BY_URGENCY[urgency]
        assert row.cells["status"].text == label(shown, t(shown.word_key)), case["id"]
        assert line.action is not None and case["next_step"] is not None
        assert line.action.item.key == case["next_step"]["item"], case["id"]
        assert line.action.attention.check == case["next_step"]["check"], case["id"]
    views = [line.view for line in active]
    found = assess(views, Thresholds.from_days(14))
    counts = (found.count(Kind.OVERDUE_ITEMS), found.count(Kind.OVERDUE_CHECKS))
    assert overdue_counts(active, CADENCE) == counts


def test_the_range_walked_has_every_kind_of_urgency(demo: StoreSetup) -> None:
    """The walk above means something: over it, the demo's cases and their items take every
    open urgency, a late check the case's most urgent among them."""
    cases: set[str] = set()
    items: set[str] = set()
    for offset in DAYS:
        listed = status_json(demo, TODAY + dt.timedelta(days=offset))["cases"]
        assert isinstance(listed, list)
        cases |= {case["status"] for case in listed}
        items |= {item["urgency"] for case in listed for item in case["items"]}
    assert items >= {u.label for u in Urgency if u.is_open}
    assert cases >= {"overdue", "check_overdue", "todo", "monitoring", "waiting"}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_case_show_the_report_and_the_case_detail_list_the_same_fields(
    demo: StoreSetup, lang: str
) -> None:
    """The case's fields, its warnings and its countdown are worded once (core.case_wording):
    ``case show``, the closure report and the dashboard's case detail each list every one, in
    the same words, for every demo case."""
    template, t = default_template(), Translator(lang)
    for case in demo.store.cases():
        view = evaluate(case, template, TODAY, CADENCE)
        shown = case_detail_text(view, template, t).splitlines()
        report = case_report(
            view, [], template, t, cadence_days=CADENCE, printed_at="", printed_by=""
        )
        detail = dashboard_fields(view, template, t).plain.splitlines()
        for name, value in case_fields(view, t):
            assert any(
                line.startswith(name) and line.endswith(f"  {safe(value)}") for line in shown
            )
            assert any(
                line.startswith(name) and line.endswith(f"  {safe(value)}") for line in detail
            )
            assert f"| {name} | {md(value)} |" in report
        for warning in case_warnings(view, template, t):
            assert safe(warning) in shown
            assert f"⚠ {safe(warning)}" in detail
            assert f"**{md(warning)}**" in report
