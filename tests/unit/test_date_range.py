"""Dates a user types are refused outside 2000-01-01 … 2100-12-31, in the CLI, the CSV import
and the dashboard's case form alike (they share one validator)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.conftest import HSA_ID
from tui.app.view.case_form_fields import build_fields, field_errors
from tui.core.case import Level
from tui.core.case_fields import FIRST_DATE, LAST_DATE, validate_date
from tui.core.errors import Refusal
from tui.core.i18n import Translator

FORM = {"caregiver": "Region", "unit": "Enhet", "hsa_id": HSA_ID, "closing": "2026-01-31"}


@pytest.mark.parametrize("text", ["2000-01-01", "2100-12-31", " 2026-11-25 "])
def test_dates_inside_the_range_are_accepted(text: str) -> None:
    assert FIRST_DATE <= validate_date("closing", text) <= LAST_DATE


@pytest.mark.parametrize(
    "text", ["1999-12-31", "2101-01-01", "9999-10-01", "9999-12-31", "0001-01-01"]
)
def test_dates_outside_the_range_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(Refusal) as refused:
        validate_date("removal", text)
    assert refused.value.code == "field.date_range"
    message = Translator("sv").refusal(refused.value)
    assert message.startswith("önskat datum för avtakning: ") and text.strip() in message
    english = Translator("en").refusal(refused.value)
    assert "2000-01-01" in english and "2100-12-31" in english and "\n" not in english


@pytest.mark.parametrize(("field", "value"), [("closing", "9999-12-31"), ("removal", "2101-01-01")])
def test_the_case_form_refuses_the_same_dates(field: str, value: str) -> None:
    values = {**FORM, field: value}
    errors = field_errors(values)
    assert list(errors) == [field] and errors[field].code == "field.date_range"
    with pytest.raises(Refusal):
        build_fields(values, Level.ENHET, caregiver_ceases=False)


def test_the_case_form_accepts_the_last_day() -> None:
    fields = build_fields({**FORM, "closing": "2100-12-31"}, Level.ENHET, caregiver_ceases=False)
    assert fields.closing == dt.date(2100, 12, 31)
