"""``stangning notify``'s digest in the core: per role, what is overdue, the checks due or late,
what becomes allowed today and what falls due soon, most urgent first, in the words of the
rest of the program; its counts are --nagios's."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.conftest import (
    CLOSING,
    THRESHOLD,
    all_done,
    done,
    make_case,
    stamp,
    template,
    view_of,
)
from tui.core.case import Check
from tui.core.digest import Digest, Section, build_digest
from tui.core.digest_text import digest_body, digest_subject
from tui.core.findings import Kind
from tui.core.i18n import Translator
from tui.core.nagios import Thresholds, assess
from tui.core.rules import CaseView
from tui.core.template import Role

D, T = CLOSING, THRESHOLD
DAY = dt.timedelta(days=1)
SV, EN = Translator("sv"), Translator("en")
BEFORE_D = ("vart-arbete", "vardenhet-upphor")  # the before-closing items of an "enhet" case
GATED = ("hsa-verksamhet", "hsa-medarbetaruppdrag")


def digest(views: list[CaseView], role: Role, today: dt.date, days_ahead: int = 14) -> Digest:
    return build_digest(views, role, today=today, days_ahead=days_ahead)


def keys(found: Digest, section: Section) -> list[tuple[str, str]]:
    return [(entry.view.case.case_id, entry.item.key) for entry in found.entries(section)]


def test_the_day_after_D_each_role_has_its_overdue_item_and_its_late_check() -> None:
    views = [view_of(make_case(), D + DAY)]
    unit = digest(views, Role.UNIT, D + DAY)
    assert keys(unit, Section.OVERDUE) == [("k7f3qa", "vart-arbete")]
    assert keys(unit, Section.CHECKS) == [("k7f3qa", "bevaka-fraga-svar")]
    admin = digest(views, Role.CAREGIVER_ADMIN, D + DAY)
    assert keys(admin, Section.OVERDUE) == [("k7f3qa", "vardenhet-upphor")]
    assert keys(admin, Section.CHECKS) == [("k7f3qa", "fil-i-fail")]
    ek_hsa = digest(views, Role.EK_HSA, D + DAY)
    assert ek_hsa.empty  # T is three months away


def test_on_T_the_gated_items_are_allowed_today_and_the_watches_may_end() -> None:
    look = (Check("c1", stamp(T - DAY), "anna"),)  # checked yesterday: no check due
    case = make_case(
        items=all_done(BEFORE_D), checks={"bevaka-fraga-svar": look, "fil-i-fail": look}
    )
    views = [view_of(case, T)]
    ek_hsa = digest(views, Role.EK_HSA, T)
    assert keys(ek_hsa, Section.ALLOWED_TODAY) == [("k7f3qa", key) for key in GATED]
    assert ek_hsa.count(Section.DUE_SOON) == 0
    unit = digest(views, Role.UNIT, T)
    assert keys(unit, Section.ALLOWED_TODAY) == [("k7f3qa", "bevaka-fraga-svar")]
    assert "bevakningen får avslutas från i dag (T)" in digest_body(unit, template(), SV)
    # The day after, they are still to do, no longer "from today".
    later = digest([view_of(case, T + DAY)], Role.EK_HSA, T + DAY)
    assert later.count(Section.ALLOWED_TODAY) == 0
    assert keys(later, Section.DUE_SOON) == [("k7f3qa", key) for key in GATED]


@pytest.mark.parametrize(("days_ahead", "listed"), [(14, True), (10, True), (9, False)])
def test_what_falls_due_within_the_days_ahead_is_listed(days_ahead: int, listed: bool) -> None:
    today = T - 10 * DAY
    found = digest(
        [view_of(make_case(items=all_done(BEFORE_D)), today)], Role.EK_HSA, today, days_ahead
    )
    assert (keys(found, Section.DUE_SOON) == [("k7f3qa", key) for key in GATED]) is listed
    assert found.empty is not listed


def test_done_and_not_applicable_items_and_complete_cases_ask_nothing() -> None:
    everything = {key: done() for key in template().keys}
    complete = view_of(make_case(case_id="klar01", items=everything), D + DAY)
    assert all(digest([complete], role, D + DAY).empty for role in Role)
    half = view_of(make_case(items={"vart-arbete": done()}), D + DAY)
    assert digest([half], Role.UNIT, D + DAY).count(Section.OVERDUE) == 0


def test_most_urgent_first_the_longest_overdue_and_the_latest_check_lead() -> None:
    long_ago = view_of(make_case(case_id="gammal", closing=D - 12 * DAY), D + DAY)
    yesterday = view_of(make_case(case_id="ny0001", closing=D), D + DAY)
    # In the cases' own order (by_urgency) either could come first; the digest sorts by days.
    for views in ([yesterday, long_ago], [long_ago, yesterday]):
        found = digest(views, Role.UNIT, D + DAY)
        assert keys(found, Section.OVERDUE) == [
            ("gammal", "vart-arbete"),
            ("ny0001", "vart-arbete"),
        ]
        assert [entry.view.case.case_id for entry in found.checks] == ["gammal", "ny0001"]


def test_an_overdue_check_comes_before_one_due_today() -> None:
    today = D + 8 * DAY
    checked = view_of(
        make_case(
            case_id="idag01",
            items=all_done(BEFORE_D),
            checks={"fil-i-fail": (Check("c1", stamp(D + DAY), "anna"),)},  # due today
        ),
        today,
    )
    never = view_of(make_case(case_id="sen001", items=all_done(BEFORE_D)), today)
    found = digest([checked, never], Role.CAREGIVER_ADMIN, today)
    assert keys(found, Section.CHECKS) == [("sen001", "fil-i-fail"), ("idag01", "fil-i-fail")]


@pytest.mark.parametrize("offset", [-20, -14, -1, 0, 1, 8, 80, 88, 89, 90, 120])
def test_the_counts_are_those_of_status_nagios(offset: int) -> None:
    today = D + offset * DAY
    views = [
        view_of(make_case(), today),
        view_of(make_case(case_id="andra1", closing=D + 5 * DAY, items=all_done(BEFORE_D)), today),
    ]
    digests = [digest(views, role, today) for role in Role]
    nagios = assess(views, Thresholds.from_days(14))

    def total(*sections: Section) -> int:
        return sum(found.count(section) for found in digests for section in sections)

    assert total(Section.OVERDUE) == nagios.count(Kind.OVERDUE_ITEMS)
    assert total(Section.CHECKS) == nagios.count(Kind.OVERDUE_CHECKS) + nagios.count(
        Kind.CHECKS_DUE
    )
    assert total(Section.ALLOWED_TODAY, Section.DUE_SOON) == nagios.count(Kind.DUE_SOON)


def test_the_subject_counts_and_the_body_names_unit_hsa_id_d_t_and_step() -> None:
    found = digest(
        [view_of(make_case(unit="Vårdcentralen Åkersberga"), D + DAY)], Role.UNIT, D + DAY
    )
    assert digest_subject(found, template(), SV) == (
        "Stängningar 2026-02-01 – Enheten – försenade: 1, kontroller: 1, "
        "tillåtna från i dag: 0, inom 14 d: 0"
    )
    body = digest_body(found, template(), SV)
    assert (
        "Försenat (1)\n"
        "- Vårt arbete (vart-arbete) – Vårdcentralen Åkersberga, SE2321000016-A2G8, ärende k7f3qa\n"
        "  senast 2026-01-31, för 1 d sedan · D 2026-01-31 · T 2026-04-30\n"
    ) in body
    assert (
        "Kontroller i dag eller försenade (1)\n"
        "- Bevaka fråga/svar (bevaka-fraga-svar) – Vårdcentralen Åkersberga, SE2321000016-A2G8, "
        "ärende k7f3qa\n"
        "  kontroll försenad 1 d, aldrig kontrollerad · D 2026-01-31 · T 2026-04-30\n"
    ) in body
    assert body.index("Försenat") < body.index("Kontroller i dag")
    assert "Tillåtet från i dag" not in body  # an empty section is left out


def test_english_when_asked_and_waiting_items_say_from_when() -> None:
    today = T - 5 * DAY
    found = digest([view_of(make_case(items=all_done(BEFORE_D)), today)], Role.EK_HSA, today)
    assert digest_subject(found, template(), EN) == (
        "Closures 2026-04-25 – EK/HSA – overdue: 0, checks: 0, allowed from today: 0, "
        "within 14 d: 2"
    )
    body = digest_body(found, template(), EN)
    assert "To do now or within 14 days (2)\n- HSA unit (hsa-verksamhet) – " in body
    assert "  from 2026-04-30, in 5 d · D 2026-01-31 · T 2026-04-30\n" in body


def test_nothing_to_report_says_so() -> None:
    found = digest([view_of(make_case(), D - 30 * DAY)], Role.UNIT, D - 30 * DAY)
    assert found.empty
    body = digest_body(found, template(), SV)
    assert "Inget att göra i dag: inget försenat, inga kontroller" in body
    assert "försenade: 0, kontroller: 0" in digest_subject(found, template(), SV)


def test_a_control_character_in_a_name_cannot_reshape_the_message() -> None:
    case = make_case(unit="Enhet\nSubject: falsk\x1b[2J")
    body = digest_body(digest([view_of(case, D + DAY)], Role.UNIT, D + DAY), template(), SV)
    assert "Enhet\\x0aSubject: falsk\\x1b[2J" in body
    assert "\nSubject:" not in body and "\x1b" not in body
