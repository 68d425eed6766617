"""``stangning export ics``: a calendar that parses back with ``icalendar``, whose events keep
their UIDs from one export to the next (so a re-import updates them instead of adding copies)."""

from __future__ import annotations

import datetime as dt

import icalendar

from .conftest import OTHER_HSA_ID, Runner, add_case, assert_refused, ok, shifted

CLOSING = dt.date(2026, 1, 31)
THRESHOLD = dt.date(2026, 4, 30)


def exported(run: Runner, *args: str) -> icalendar.Calendar:
    result = run("export", "ics", *args)
    assert result.returncode == 0, result.stderr
    return icalendar.Calendar.from_ical(result.stdout)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_parses_back_with_closing_threshold_and_check_series(run: Runner) -> None:
    case_id = add_case(run, closing=CLOSING)
    calendar = exported(run)
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["PRODID"]).startswith("-//stangning//")
    found = events(calendar)
    assert set(found) == {
        f"{case_id}-closing@stangning",
        f"{case_id}-threshold@stangning",
        f"{case_id}-check-bevaka-fraga-svar@stangning",
        f"{case_id}-check-fil-i-fail@stangning",
    }
    closing = found[f"{case_id}-closing@stangning"]
    assert (closing.start, closing.end) == (CLOSING, CLOSING + dt.timedelta(days=1))
    assert str(closing["SUMMARY"]) == "Stängningsdatum: Vårdcentralen Exempel (SE2321000016-A2G8)"
    assert found[f"{case_id}-threshold@stangning"].start == THRESHOLD
    series = found[f"{case_id}-check-fil-i-fail@stangning"]
    assert series.start == CLOSING
    assert series["RRULE"]["FREQ"] == ["WEEKLY"]
    assert series["RRULE"]["UNTIL"] == [THRESHOLD]


def test_uids_are_stable_across_exports_checks_and_edits(run: Runner) -> None:
    first = add_case(run, closing=shifted(days=-10))
    second = add_case(run, closing=shifted(days=30), hsa_id=OTHER_HSA_ID)
    before = events(exported(run))
    assert events(exported(run)).keys() == before.keys()
    ok(run("check", first, "fil-i-fail", "--note", "inga fel"))
    ok(run("case", "edit", second, "--closing", shifted(days=40).isoformat()))
    after = events(exported(run))
    assert after.keys() == before.keys()
    moved = after[f"{second}-closing@stangning"]
    assert moved.start == shifted(days=40)
    assert moved["SEQUENCE"] > before[f"{second}-closing@stangning"]["SEQUENCE"]


def test_english_summaries(run: Runner) -> None:
    case_id = add_case(run, closing=CLOSING)
    found = events(icalendar.Calendar.from_ical(ok(run("--lang", "en", "export", "ics")).stdout))
    assert str(found[f"{case_id}-threshold@stangning"]["SUMMARY"]) == (
        "T, three months after closing: Vårdcentralen Exempel (SE2321000016-A2G8)"
    )


def test_output_file(run: Runner) -> None:
    add_case(run, closing=CLOSING)
    target = run.base / "stangningar.ics"
    result = ok(run("export", "ics", "-o", str(target)))
    assert result.stdout == f"Kalendern skriven till {target} (händelser: 4)\n"
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 4


def test_an_unwritable_output_is_one_line(run: Runner) -> None:
    add_case(run, closing=CLOSING)
    assert_refused(run("export", "ics", "-o", str(run.base / "saknas" / "x.ics")), "x.ics")
