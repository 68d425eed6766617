"""Lengths of time and clock offsets in words, as doctor prints them: the largest unit and the
next one down, in Swedish and English."""

from __future__ import annotations

import pytest

from tui.core.duration_text import clock_offset_text, duration_text
from tui.core.i18n import Translator

SV, EN = Translator("sv"), Translator("en")


@pytest.mark.parametrize(
    ("seconds", "swedish", "english"),
    [
        (0, "0 sekunder", "0 seconds"),
        (1, "1 sekund", "1 second"),
        (59, "59 sekunder", "59 seconds"),
        (60, "1 minut", "1 minute"),
        (61, "1 minut 1 sekund", "1 minute 1 second"),
        (3_600, "1 timme", "1 hour"),
        (7_260, "2 timmar 1 minut", "2 hours 1 minute"),
        (86_400 + 59, "1 dag", "1 day"),  # the unit after the next is not shown
        (16_697_619, "193 dagar 6 timmar", "193 days 6 hours"),
        (-16_697_619, "193 dagar 6 timmar", "193 days 6 hours"),
    ],
)
def test_duration_in_the_two_largest_units(seconds: int, swedish: str, english: str) -> None:
    assert duration_text(seconds, SV) == swedish
    assert duration_text(seconds, EN) == english


def test_a_clock_ahead_behind_or_in_step() -> None:
    assert clock_offset_text(600, SV) == "10 minuter före den delade enheten"
    assert clock_offset_text(-16_697_619, SV) == "193 dagar 6 timmar efter den delade enheten"
    assert clock_offset_text(0, SV) == "i takt med den delade enheten"
    assert clock_offset_text(600, EN) == "10 minutes ahead of the shared drive"
    assert clock_offset_text(-90_000, EN) == "1 day 1 hour behind the shared drive"
    assert clock_offset_text(0, EN) == "in step with the shared drive"
