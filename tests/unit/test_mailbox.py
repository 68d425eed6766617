"""The message to the regional mailbox (items 4 and 5): always Swedish, with what the seed asks."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.conftest import HSA_ID, make_case
from tui.core.case import Level
from tui.core.mailbox import mailbox_message

MAILBOX = "mitra.norden@regionstockholm.se"
LEVEL_TEXT = {
    Level.VARDENHET: "Vårdenhet i EK/Spärrgrupp i TC",
    Level.ENHET: "Enhet i EK/Vårdenhet i TC",
}


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("removal", [None, dt.date(2026, 2, 15)])
def test_the_message_holds_what_the_checklist_asks_for(
    level: Level, removal: dt.date | None
) -> None:
    case = make_case(
        caregiver="Praktikertjänst AB",
        unit="Vårdcentralen Exempel",
        closing=dt.date(2026, 1, 31),
        removal=removal,
        level=level,
    )
    message = mailbox_message(case, MAILBOX, "Anna Andersson")
    assert message.to == MAILBOX
    lines = message.body.splitlines()
    assert "Vårdgivare: Praktikertjänst AB" in lines
    assert "Enhet: Vårdcentralen Exempel" in lines
    assert f"Enhetens HSA-ID: {HSA_ID}" in lines
    assert "Stängningsdatum: 2026-01-31" in lines
    expected_removal = removal.isoformat() if removal else "samma som stängningsdatum"
    assert f"Önskemål om datum för avtakning: {expected_removal}" in lines
    assert f"Nivå: {LEVEL_TEXT[level]}" in lines


@pytest.mark.parametrize("level", list(Level))
def test_the_subject_names_level_unit_and_hsa_id(level: Level) -> None:
    message = mailbox_message(make_case(unit="VC Exempel", level=level), MAILBOX, "Anna Andersson")
    assert (
        message.subject == f"Stängning av enhet – {LEVEL_TEXT[level]} upphör: VC Exempel ({HSA_ID})"
    )
    assert "\n" not in message.subject


@pytest.mark.parametrize(("ceases", "mentioned"), [(True, True), (False, False)])
def test_the_message_says_when_the_whole_caregiver_ceases(ceases: bool, mentioned: bool) -> None:
    message = mailbox_message(make_case(caregiver_ceases=ceases), MAILBOX, "Anna Andersson")
    assert ("Hela vårdgivaren upphör." in message.body) is mentioned


def test_the_message_is_a_swedish_letter_signed_by_the_sender() -> None:
    """The signature had no name (issue 12, item 5)."""
    message = mailbox_message(make_case(), MAILBOX, "Anna Andersson")
    assert message.body.startswith("Hej,")
    assert message.body.rstrip().endswith("Med vänlig hälsning\nAnna Andersson")
    assert message.body.endswith("\n") and not message.body.endswith("\n\n")


def test_the_message_goes_to_the_address_given() -> None:
    message = mailbox_message(make_case(), "annan@example.se", "Anna Andersson")
    assert message.as_text().startswith("Till: annan@example.se\nÄmne: Stängning av enhet")
    assert message.as_text().endswith(message.body)


@pytest.mark.parametrize("unit", ["VC {unit} {0}", "Enhet 50% {hsa_id}", "[red]x[/]"])
def test_names_are_copied_verbatim_even_with_braces(unit: str) -> None:
    message = mailbox_message(make_case(unit=unit), MAILBOX, "Anna Andersson")
    assert f"Enhet: {unit}" in message.body.splitlines()
    assert unit in message.subject
