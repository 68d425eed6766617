"""Lengths of time in words: "193 dagar 5 timmar", "3 minutes ahead of the shared drive".

Pure. Two units at most, the largest first, rounded down: a clock 16,697,619 s behind reads
"193 dagar 6 timmar efter den delade enheten", which says at once how far and which way.
"""

from __future__ import annotations

from tui.core.i18n import Translator

UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1))


def duration_text(seconds: int, t: Translator) -> str:
    """ "193 dagar 6 timmar", "2 hours", "1 sekund", "0 seconds": the largest unit in the
    length and the next one down when it is not zero."""
    left = abs(seconds)
    counts = []
    for name, size in UNITS:
        count, left = divmod(left, size)
        counts.append((name, count))
    first = next((index for index, (_, count) in enumerate(counts) if count), len(UNITS) - 1)
    shown = [counts[first]]
    if first + 1 < len(counts) and counts[first + 1][1]:
        shown.append(counts[first + 1])
    return " ".join(_unit(name, count, t) for name, count in shown)


def _unit(name: str, count: int, t: Translator) -> str:
    return t(f"duration.{name}_{'one' if count == 1 else 'many'}", count=count)


def clock_offset_text(seconds: int, t: Translator) -> str:
    """How a clock stands against the shared drive's: "i takt med den delade enheten",
    "3 minuter före …", "193 dagar 6 timmar efter …"."""
    if seconds == 0:
        return t("clock_offset.in_step")
    key = "clock_offset.ahead" if seconds > 0 else "clock_offset.behind"
    return t(key, duration=duration_text(seconds, t))
