"""Threshold ranges as the Monitoring Plugins Development Guidelines write them (``-w``/``-c``).

A range is ``[@]start:end``: ``start`` and the ``:`` may be left out when start is 0, an empty
end is +infinity, a start of ``~`` is -infinity, start must not exceed end. A value *outside*
the range (both ends included in it) alerts; with ``@`` a value *inside* it does. So ``10``
alerts below 0 or above 10, ``10:`` below 10, ``~:10`` above 10, ``10:20`` outside 10..20 and
``@10:20`` inside it. The same text goes back into the performance data (``label=value;warn;
crit``), written in one canonical form (``str(range)``) that parses back to the same range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tui.core.errors import Refusal

# A number: an optional sign, digits with an optional fraction (or a fraction alone).
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_RANGE = re.compile(rf"(?P<at>@)?(?:(?P<start>~|{_NUMBER})?(?P<colon>:))?(?P<end>{_NUMBER})?")


@dataclass(frozen=True)
class Range:
    """``start``/``end`` None: -infinity/+infinity; ``inside``: the ``@`` form."""

    start: Decimal | None = Decimal(0)
    end: Decimal | None = None
    inside: bool = False

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"start {self.start} is above end {self.end}")

    def contains(self, value: Decimal | int) -> bool:
        """Whether the value is within start..end, both ends included."""
        above_start = self.start is None or value >= self.start
        below_end = self.end is None or value <= self.end
        return above_start and below_end

    def alerts(self, value: Decimal | int) -> bool:
        """Whether the value raises the alert: outside the range, or inside it with ``@``."""
        return self.contains(value) is self.inside

    def within_days(self) -> int | None:
        """N when this is ``@~:N`` with N a whole number from 0 (what ``--warn-days N`` and
        ``--crit-days N`` mean: alert when due within N days, or late); None otherwise."""
        end = self.end
        if not self.inside or self.start is not None or end is None:
            return None
        return int(end) if end >= 0 and end == end.to_integral_value() else None

    def __str__(self) -> str:
        at = "@" if self.inside else ""
        end = "" if self.end is None else _number(self.end)
        if self.start is None:
            return f"{at}~:{end}"
        if self.start == 0 and self.end is not None:
            return f"{at}{end}"
        return f"{at}{_number(self.start)}:{end}"


def _number(value: Decimal) -> str:
    """``10``, ``-3``, ``2.5``: no exponent, no trailing zeros, no ``-0``."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if value == 0 else text


def days_range(days: int) -> Range:
    """``@~:N``: alert when something is due within ``days`` days (today is 0), or late."""
    return Range(None, Decimal(days), inside=True)


LATE = Range(Decimal(0), None)  # "0:": alert below 0 days, i.e. when something is late


def parse_range(text: str, option: str) -> Range:
    """The range the text writes; a Refusal naming the option when it writes none."""
    found = _RANGE.fullmatch(text)
    if not text or found is None or (found["colon"] is None and found["end"] is None):
        raise Refusal("nagios.range", option=option, value=text)
    start_text, end_text = found["start"], found["end"]
    if start_text == "~":
        start: Decimal | None = None
    else:
        start = Decimal(start_text) if start_text else Decimal(0)
    end = Decimal(end_text) if end_text else None
    if start is not None and end is not None and start > end:
        raise Refusal("nagios.range_order", option=option, value=text)
    return Range(start, end, inside=found["at"] is not None)
