"""The case form's fields and how each is checked as the user types (pure: no Textual).

Each text field has a validator from the core (``case_fields``/``hsa_id``); the form shows the
first problem under the field, in the user's language, and saves nothing until all are valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tui.core.case import Case, Level
from tui.core.case_fields import CaseFields, validate_date, validate_removal, validate_text
from tui.core.dates import threshold_date
from tui.core.errors import Refusal
from tui.core.hsa_id import validate_hsa_id
from tui.core.i18n import Translator
from tui.core.rules import CaseView
from tui.core.shared_hsa_id import active_with_hsa_id, shared_hsa_id_warning


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_key: str
    placeholder_key: str
    validate: Callable[[str], Any]
    optional: bool = False


def _optional_date(name: str) -> Callable[[str], dt.date | None]:
    def check(raw: str) -> dt.date | None:
        return validate_date(name, raw) if raw.strip() else None

    return check


TEXT_FIELDS = (
    FieldSpec(
        "caregiver",
        "field_name.caregiver",
        "app.form.hint.caregiver",
        lambda raw: validate_text("caregiver", raw),
    ),
    FieldSpec(
        "unit", "field_name.unit", "app.form.hint.unit", lambda raw: validate_text("unit", raw)
    ),
    FieldSpec("hsa_id", "field_name.hsa_id", "app.form.hint.hsa_id", validate_hsa_id),
    FieldSpec(
        "closing",
        "field_name.closing",
        "app.form.hint.date",
        lambda raw: validate_date("closing", raw),
    ),
    FieldSpec(
        "removal",
        "field_name.removal",
        "app.form.hint.optional_date",
        _optional_date("removal"),
        True,
    ),
)


def field_errors(values: Mapping[str, str]) -> dict[str, Refusal]:
    """The first problem of each field that has one (and removal before closing)."""
    errors: dict[str, Refusal] = {}
    parsed: dict[str, Any] = {}
    for spec in TEXT_FIELDS:
        try:
            parsed[spec.name] = spec.validate(values.get(spec.name, ""))
        except Refusal as refusal:
            errors[spec.name] = refusal
    if "closing" in parsed and parsed.get("removal") is not None:
        try:
            validate_removal(parsed["closing"], parsed["removal"])
        except Refusal as refusal:
            errors["removal"] = refusal
    return errors


def build_fields(values: Mapping[str, str], level: Level, caregiver_ceases: bool) -> CaseFields:
    """The validated fields; raises the first Refusal (call ``field_errors`` to show them all)."""
    errors = field_errors(values)
    if errors:
        raise next(iter(errors.values()))
    removal = values.get("removal", "")
    return CaseFields(
        caregiver=validate_text("caregiver", values["caregiver"]),
        unit=validate_text("unit", values["unit"]),
        hsa_id=validate_hsa_id(values["hsa_id"]),
        closing=validate_date("closing", values["closing"]),
        removal=validate_date("removal", removal) if removal.strip() else None,
        level=level,
        caregiver_ceases=caregiver_ceases,
    )


def threshold_preview(closing: str, t: Translator) -> str:
    """ "T (D + 3 månader): 2027-02-13", shown under D as it is typed; "" until D is a date."""
    try:
        day = validate_date("closing", closing)
    except Refusal:
        return ""
    return f"{t('case_field.threshold')}: {threshold_date(day).isoformat()}"


def shared_hsa_id_note(
    hsa_id: str, views: Iterable[CaseView], excluding: str | None, t: Translator
) -> str:
    """The warning shown under HSA-ID as it is typed when other active cases carry the same
    one (the rule of ``stangning case add``/``edit``); "" while it is not a valid HSA-ID or no
    other case has it. A warning only: the form still saves."""
    try:
        valid = validate_hsa_id(hsa_id)
    except Refusal:
        return ""
    others = active_with_hsa_id(valid, views, excluding=excluding)
    return "⚠ " + shared_hsa_id_warning(valid, others, t) if others else ""


def initial_values(case: Case | None) -> dict[str, str]:
    if case is None:
        return {spec.name: "" for spec in TEXT_FIELDS}
    return {
        "caregiver": case.caregiver,
        "unit": case.unit,
        "hsa_id": case.hsa_id,
        "closing": case.closing.isoformat(),
        "removal": case.removal.isoformat() if case.removal else "",
    }
