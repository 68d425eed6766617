"""The demo closures: one in each situation the dashboard has to show — before closing,
monitoring with checks, an overdue item, overdue checks, ready for EK/HSA, a real conflict
between two writers, and a complete one — dated relative to the demo's "today"."""

from __future__ import annotations

import datetime as dt

import arrow

from tui.core import actions
from tui.core.case import Level
from tui.core.dates import threshold_date
from tui.core.operations import Change
from tui.demo.players import Demo, Make, fields, found
from tui.store.case_store import CaseStore


def play_scenario(demo: Demo) -> None:
    d = demo.day
    # 1. Before closing, three weeks ahead: nothing done yet.
    demo.create("bengt", d(-9), fields(demo, "Vårdcentralen Skogsbacken", d(24), removal_days=14))

    # 2. Before closing in six days; the whole caregiver ceases; the mail is already sent.
    unit = "Husläkarmottagningen Kvarnen"
    closing = d(6)
    case = demo.create(
        "bengt",
        d(-30),
        fields(
            demo, unit, closing, level=Level.VARDENHET, ceases=True, caregiver="Kvarnen Vård AB"
        ),
    )
    demo.done("bengt", case, "sparrgrupp-upphor", d(-4), "skickat till brevlådan")
    demo.note("anna", case, d(-2), "Tre utkast kvar att ta bort, två låsta: behörighet sökt.")

    # 3. Closed twelve days ago, but Vårt arbete still not handled: overdue.
    closing = d(-12)
    case = demo.create("bengt", d(-40), fields(demo, "Barnavårdscentralen Ängen", closing))
    demo.done("bengt", case, "vardenhet-upphor", d(-20))
    demo.checks("anna", case, "bevaka-fraga-svar", closing, d(-1))
    demo.checks("bengt", case, "fil-i-fail", closing, d(-1))

    # 4. Monitoring, everything on time, weekly checks.
    closing = d(-45)
    case = demo.create("bengt", d(-80), fields(demo, "Vårdcentralen Tallkrogen", closing))
    demo.done("anna", case, "vart-arbete", d(-47), "12 utkast borttagna, 3 dolda")
    demo.done("bengt", case, "vardenhet-upphor", d(-60))
    demo.checks("anna", case, "bevaka-fraga-svar", closing, d(-1))
    demo.checks("bengt", case, "fil-i-fail", closing + dt.timedelta(days=1), d(-2))

    # 5. Monitoring, but the checks have lapsed: overdue checks.
    closing = d(-33)
    case = demo.create(
        "bengt", d(-70), fields(demo, "Rehabenheten Solsidan", closing, level=Level.VARDENHET)
    )
    demo.done("anna", case, "vart-arbete", d(-35))
    demo.done("bengt", case, "sparrgrupp-upphor", d(-50))
    demo.check("anna", case, "bevaka-fraga-svar", d(-32))
    demo.checks("bengt", case, "fil-i-fail", closing, d(-16))

    # 6. Ready for EK/HSA: three months have passed; monitoring may be finished.
    closing = arrow.get(demo.today).shift(months=-3, days=-4).date()
    threshold = threshold_date(closing)
    case = demo.create(
        "bengt",
        closing - dt.timedelta(days=30),
        fields(demo, "Psykiatrimottagningen Ekbacken", closing),
    )
    demo.done("anna", case, "vart-arbete", closing - dt.timedelta(days=3))
    demo.done("bengt", case, "vardenhet-upphor", closing - dt.timedelta(days=20))
    demo.checks("anna", case, "bevaka-fraga-svar", closing, threshold - dt.timedelta(days=1))
    demo.done("anna", case, "bevaka-fraga-svar", threshold, "inga nya frågor")
    demo.checks("bengt", case, "fil-i-fail", closing, d(-3))

    # 7. Ready for EK/HSA, half done by the EK/HSA administrator.
    closing = arrow.get(demo.today).shift(months=-3, days=-20).date()
    threshold = threshold_date(closing)
    case = demo.create(
        "bengt",
        closing - dt.timedelta(days=25),
        fields(demo, "Ortopedmottagningen Stranden", closing, caregiver="Stranden Ortopedi AB"),
    )
    demo.done("anna", case, "vart-arbete", closing - dt.timedelta(days=2))
    demo.done("bengt", case, "vardenhet-upphor", closing - dt.timedelta(days=10))
    before_t = threshold - dt.timedelta(days=1)
    demo.checks("anna", case, "bevaka-fraga-svar", closing, before_t)
    demo.done("anna", case, "bevaka-fraga-svar", threshold)
    demo.checks("bengt", case, "fil-i-fail", closing, before_t)
    demo.done("bengt", case, "fil-i-fail", threshold, "inga fel för CGMX-Webcert")
    demo.done("cecilia", case, "hsa-verksamhet", threshold + dt.timedelta(days=3))

    # 8. A conflict: two administrators set the removal date at once, unseen by each other.
    closing = d(-8)
    case = demo.create(
        "bengt", d(-35), fields(demo, "Geriatriska kliniken Björkhagen", closing, removal_days=14)
    )
    demo.done("anna", case, "vart-arbete", d(-10))
    demo.done("bengt", case, "vardenhet-upphor", d(-15))
    demo.check("anna", case, "bevaka-fraga-svar", closing)
    demo.check("bengt", case, "fil-i-fail", closing)
    demo.act("david", d(-3), None, minute=9 * 60)  # both have read the case as it was,
    demo.act("bengt", d(-3), None, minute=9 * 60)

    def removal(case_id: str, value: dt.date) -> Make:
        def make(store: CaseStore, _now: str, _day: dt.date) -> list[Change]:
            return actions.edit_case(found(store, case_id), {"removal": value})

        return make

    # … then each sets the removal date without seeing the other's change.
    demo.act(
        "bengt", d(-3), removal(case, closing + dt.timedelta(days=21)), refresh=False, minute=600
    )
    demo.act(
        "david", d(-3), removal(case, closing + dt.timedelta(days=30)), refresh=False, minute=604
    )

    # 9. Complete: every item done, EK/HSA after T.
    closing = arrow.get(demo.today).shift(months=-5).date()
    threshold = threshold_date(closing)
    case = demo.create(
        "bengt",
        closing - dt.timedelta(days=40),
        fields(demo, "Ungdomsmottagningen Lugnet", closing),
    )
    demo.done("anna", case, "vart-arbete", closing - dt.timedelta(days=5))
    demo.done("bengt", case, "vardenhet-upphor", closing - dt.timedelta(days=30))
    before_t = threshold - dt.timedelta(days=1)
    demo.checks("anna", case, "bevaka-fraga-svar", closing, before_t)
    demo.checks("bengt", case, "fil-i-fail", closing, before_t)
    demo.done("anna", case, "bevaka-fraga-svar", threshold)
    demo.done("bengt", case, "fil-i-fail", threshold)
    demo.done("cecilia", case, "hsa-verksamhet", threshold + dt.timedelta(days=1))
    demo.done("cecilia", case, "hsa-medarbetaruppdrag", threshold + dt.timedelta(days=1))
