"""What a user types into a case's fields: validated, or refused naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.unit.conftest import HSA_ID
from tui.core.case import Level
from tui.core.case_fields import CaseFields, validate_case_fields
from tui.core.errors import Refusal

GOOD: dict[str, Any] = {
    "caregiver": "Region Stockholm",
    "unit": "Vårdcentralen Exempel",
    "hsa_id": f" {HSA_ID} ",
    "closing": "2026-01-31",
}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, {"removal": None, "level": Level.ENHET, "caregiver_ceases": False}),
        ({"removal": ""}, {"removal": None}),
        ({"removal": "2026-01-31"}, {"removal": dt.date(2026, 1, 31)}),  # the same day is fine
        ({"removal": "2026-02-15"}, {"removal": dt.date(2026, 2, 15)}),
        ({"level": "vardenhet"}, {"level": Level.VARDENHET}),
        ({"level": " enhet "}, {"level": Level.ENHET}),
        ({"caregiver_ceases": True}, {"caregiver_ceases": True}),
    ],
)
def test_valid_fields(extra: dict[str, Any], expected: dict[str, Any]) -> None:
    fields = validate_case_fields(**{**GOOD, **extra})
    assert (fields.hsa_id, fields.closing) == (HSA_ID, dt.date(2026, 1, 31))
    for name, value in expected.items():
        assert getattr(fields, name) == value, name


@pytest.mark.parametrize("name", ["[red]x[/]", "Vårdcentralen Åäö", "A" * 200])
def test_names_are_kept_as_typed(name: str) -> None:
    fields = validate_case_fields(**{**GOOD, "unit": name, "caregiver": name})
    assert (fields.unit, fields.caregiver) == (name, name)


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({"closing": "2026-02-30"}, "field.date", "closing"),
        ({"closing": "31/1/2026"}, "field.date", "closing"),
        ({"closing": ""}, "field.empty", "closing"),  # "får inte vara tomt"
        ({"removal": "snart"}, "field.date", "removal"),
        ({"removal": "2026-01-30"}, "field.removal_before_closing", None),
        ({"caregiver": ""}, "field.empty", "caregiver"),
        ({"unit": " \t "}, "field.empty", "unit"),
        ({"unit": "A" * 201}, "field.too_long", "unit"),
        ({"hsa_id": "SE2321000017-A2G8"}, "hsa_id.check_digit", None),
        ({"hsa_id": ""}, "hsa_id.empty", None),
        ({"level": "spärrgrupp"}, "field.level", None),
    ],
)
def test_invalid_fields_are_refused(extra: dict[str, Any], code: str, field: str | None) -> None:
    with pytest.raises(Refusal) as refused:
        validate_case_fields(**{**GOOD, **extra})
    assert refused.value.code == code
    assert refused.value.params.get("field") == field


def test_to_values_is_what_operations_store() -> None:
    fields = CaseFields(
        "VG", "VC", HSA_ID, dt.date(2026, 1, 31), dt.date(2026, 2, 1), Level.VARDENHET, True
    )
    assert fields.to_values() == {
        "caregiver": "VG",
        "unit": "VC",
        "hsa_id": HSA_ID,
        "closing": "2026-01-31",
        "removal": "2026-02-01",
        "level": "vardenhet",
        "caregiver_ceases": True,
    }
