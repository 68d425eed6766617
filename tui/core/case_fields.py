"""Validation of what a user types into a case's fields (CLI options and the dashboard form)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tui.core.case import Level
from tui.core.dates import parse_iso_date
from tui.core.errors import Refusal
from tui.core.hsa_id import validate_hsa_id
from tui.core.op_validation import DATE_MAX, DATE_MIN

MAX_TEXT = 200
# The dates a user may type (closing, removal, --today): a closure is planned within decades,
# and a typo such as 9999-12-31 would otherwise reach every host, whose date arithmetic
# (T = closing + three months) fails beyond year 9999.
FIRST_DATE = DATE_MIN
LAST_DATE = DATE_MAX


@dataclass(frozen=True)
class CaseFields:
    caregiver: str
    unit: str
    hsa_id: str
    closing: dt.date
    removal: dt.date | None = None
    level: Level = Level.ENHET
    caregiver_ceases: bool = False

    def to_values(self) -> dict[str, Any]:
        """The fields as stored in operations (JSON values)."""
        return {
            "caregiver": self.caregiver,
            "unit": self.unit,
            "hsa_id": self.hsa_id,
            "closing": self.closing.isoformat(),
            "removal": self.removal.isoformat() if self.removal else None,
            "level": self.level.value,
            "caregiver_ceases": self.caregiver_ceases,
        }


def validate_text(name: str, raw: str) -> str:
    """A name: not blank, not absurdly long. Kept byte for byte otherwise (never markup)."""
    if not raw.strip():
        raise Refusal("field.empty", field=name)
    if len(raw) > MAX_TEXT:
        raise Refusal("field.too_long", field=name, max=MAX_TEXT)
    return raw


def validate_date(name: str, raw: str) -> dt.date:
    """A date typed as YYYY-MM-DD, between FIRST_DATE and LAST_DATE (both included): what
    every host can count with (T, check cadences) and what validation accepts from the share."""
    if not raw.strip():
        raise Refusal("field.empty", field=name)  # not "  är inget giltigt datum"
    try:
        day = parse_iso_date(raw)
    except ValueError:
        raise Refusal("field.date", field=name, value=raw) from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise Refusal(
            "field.date_range",
            field=name,
            value=raw.strip(),
            first=FIRST_DATE.isoformat(),
            last=LAST_DATE.isoformat(),
        )
    return day


def validate_level(raw: str) -> Level:
    try:
        return Level(raw.strip())
    except ValueError:
        choices = ", ".join(level.value for level in Level)
        raise Refusal("field.level", value=raw, choices=choices) from None


def validate_removal(closing: dt.date, removal: dt.date | None) -> None:
    if removal is not None and removal < closing:
        raise Refusal("field.removal_before_closing", removal=removal, closing=closing)


def validate_case_fields(
    *,
    caregiver: str,
    unit: str,
    hsa_id: str,
    closing: str,
    removal: str | None = None,
    level: str | None = None,
    caregiver_ceases: bool = False,
) -> CaseFields:
    """Check every field; the first problem raises a Refusal naming it."""
    closing_date = validate_date("closing", closing)
    removal_date = validate_date("removal", removal) if removal else None
    validate_removal(closing_date, removal_date)
    return CaseFields(
        caregiver=validate_text("caregiver", caregiver),
        unit=validate_text("unit", unit),
        hsa_id=validate_hsa_id(hsa_id),
        closing=closing_date,
        removal=removal_date,
        level=validate_level(level) if level else Level.ENHET,
        caregiver_ceases=caregiver_ceases,
    )
