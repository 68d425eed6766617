"""Threshold ranges (``-w``/``-c``) as the Monitoring Plugins Development Guidelines define
them: the guidelines' own table, the canonical text, and properties over any range."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import Refusal
from tui.core.plugin_range import LATE, Range, days_range, parse_range


def alerting(text: str, values: range) -> list[int]:
    found = parse_range(text, "-w")
    return [value for value in values if found.alerts(value)]


# The guidelines' table: "10" alerts < 0 or > 10, "10:" < 10, "~:10" > 10, "10:20" < 10 or
# > 20, "@10:20" within 10..20 (both ends included everywhere).
@pytest.mark.parametrize(
    ("text", "alerts"),
    [
        ("10", [*range(-3, 0), *range(11, 25)]),
        ("10:", list(range(-3, 10))),
        ("~:10", list(range(11, 25))),
        ("10:20", [*range(-3, 10), *range(21, 25)]),
        ("@10:20", list(range(10, 21))),
        ("0", [*range(-3, 0), *range(1, 25)]),
        ("~:", []),
        ("@~:", list(range(-3, 25))),
        (":5", [*range(-3, 0), *range(6, 25)]),
        ("-2:3", [-3, *range(4, 25)]),
        ("@~:14", list(range(-3, 15))),
    ],
)
def test_the_guidelines_examples(text: str, alerts: list[int]) -> None:
    assert alerting(text, range(-3, 25)) == alerts


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("10", "10"),
        ("0:10", "10"),
        (":10", "10"),
        ("10:", "10:"),
        ("~:10", "~:10"),
        ("@10:20", "@10:20"),
        ("+5:", "5:"),
        ("-0:", "0:"),
        ("2.50:3.0", "2.5:3"),
        (".5", "0.5"),
        ("~:", "~:"),
        (":", "0:"),
        ("@-3:-1", "@-3:-1"),
    ],
)
def test_each_range_is_written_back_in_one_form(text: str, canonical: str) -> None:
    assert str(parse_range(text, "-w")) == canonical


@pytest.mark.parametrize(
    "text",
    ["", "@", "~", "abc", "10:5", "1e3", "10::20", "10:~", "@@1", " 10", "10 ", "1,5", "--1"],
)
def test_what_is_not_a_range_is_refused(text: str) -> None:
    with pytest.raises(Refusal) as refused:
        parse_range(text, "--critical")
    assert refused.value.code in ("nagios.range", "nagios.range_order")
    assert refused.value.params == {"option": "--critical", "value": text}


def test_a_start_above_the_end_is_refused_as_such() -> None:
    with pytest.raises(Refusal) as refused:
        parse_range("20:10", "-w")
    assert refused.value.code == "nagios.range_order"


def test_days_ranges() -> None:
    assert str(days_range(14)) == "@~:14"
    assert [day for day in range(-2, 17) if days_range(14).alerts(day)] == list(range(-2, 15))
    assert str(LATE) == "0:"
    assert [day for day in range(-2, 3) if LATE.alerts(day)] == [-2, -1]
    assert days_range(14).within_days() == 14
    assert parse_range("@~:0", "-w").within_days() == 0
    for text in ("14", "@0:14", "~:14", "@~:-1", "@~:2.5", "@~:"):
        assert parse_range(text, "-w").within_days() is None, text


# --- any range ------------------------------------------------------------------------------

numbers = st.decimals(
    allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
)


@st.composite
def ranges(draw: st.DrawFn) -> Range:
    start = draw(st.none() | numbers)
    end = draw(st.none() | numbers)
    if start is not None and end is not None and start > end:
        start, end = end, start
    return Range(start, end, inside=draw(st.booleans()))


@given(ranges())
def test_the_written_form_parses_back_to_the_same_range(found: Range) -> None:
    assert parse_range(str(found), "-w") == found


@given(ranges(), numbers)
def test_at_alerts_exactly_where_the_plain_range_does_not(found: Range, value: Decimal) -> None:
    plain = Range(found.start, found.end, inside=False)
    inverted = Range(found.start, found.end, inside=True)
    assert plain.alerts(value) is not inverted.alerts(value)


@given(ranges(), numbers)
def test_alerting_is_being_outside_the_ends_included(found: Range, value: Decimal) -> None:
    below = found.start is not None and value < found.start
    above = found.end is not None and value > found.end
    assert found.alerts(value) is ((below or above) != found.inside)


@given(ranges())
def test_both_ends_belong_to_the_range(found: Range) -> None:
    for end in (found.start, found.end):
        if end is not None:
            assert found.contains(end)


@given(st.text(max_size=12))
def test_any_text_is_a_range_or_one_refusal(text: str) -> None:
    try:
        found = parse_range(text, "-w")
    except Refusal as refused:
        assert refused.code in ("nagios.range", "nagios.range_order")
    else:
        assert parse_range(str(found), "-w") == found


@given(st.integers(min_value=0, max_value=10**4), st.integers(min_value=-(10**4), max_value=10**4))
def test_warn_days_alerts_when_due_within_that_many_days(days: int, left: int) -> None:
    assert days_range(days).alerts(left) is (left <= days)
    assert days_range(days).within_days() == days
