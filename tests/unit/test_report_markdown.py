"""The closure report's Markdown: user text can neither format the page nor break a table."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.conftest import CLOSING, done, make_case, stamp, template, view_of
from tui.core.case import Check
from tui.core.i18n import Translator
from tui.export.report import case_report, md


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Vårdcentralen Exempel", "Vårdcentralen Exempel"),
        ("SE2321000016-A2G8 2026-01-31", "SE2321000016-A2G8 2026-01-31"),
        ("a | b", "a \\| b"),
        (
            "**fet** _kursiv_ `kod` [länk](x) <b>",
            "\\*\\*fet\\*\\* \\_kursiv\\_ \\`kod\\` \\[länk\\](x) \\<b\\>",
        ),
        ("# rubrik", "\\# rubrik"),
        ("rad 1\nrad 2\r\nrad 3", "rad 1 rad 2 rad 3"),
        ("\x1b[2J", "\\\\x1b\\[2J"),
    ],
)
def test_md_escapes_user_text(text: str, markdown: str) -> None:
    assert md(text) == markdown


def test_report_lists_every_item_and_every_check_in_order() -> None:
    looks = (
        Check("c1", stamp(CLOSING), "anna", "inga frågor"),
        Check("c2", stamp(CLOSING + dt.timedelta(days=7)), "bo|rje", None),
    )
    case = make_case(
        items={"vart-arbete": done(note="12 utkast borttagna")},
        checks={"bevaka-fraga-svar": looks},
    )
    view = view_of(case, CLOSING + dt.timedelta(days=8))
    text = case_report(
        view,
        [],
        template(),
        Translator("en"),
        cadence_days=7,
        printed_at="2026-02-08T09:00:00+01:00",
        printed_by="anna",
    )
    positions = [text.index(f"(`{item.key}`)") for item in view.items]
    assert positions == sorted(positions)
    assert "| 1 | 2026-01-31T10:00:00+01:00 | anna | inga frågor |" in text
    assert "| 2 | 2026-02-07T10:00:00+01:00 | bo\\|rje |  |" in text
    assert "- Note: 12 utkast borttagna" in text
    assert "Checks: 2 (every 7 d) – next check 2026-02-14 · last checked yesterday" in text
    assert "Checks: 0 (every 7 d) – check overdue 8 d · never checked" in text
    assert text.endswith("Date: ____________\n")
