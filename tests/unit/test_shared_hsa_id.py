"""The core's rule for one HSA-ID on several active closures, as the CLI and the dashboard's case
form read it: the other active cases, never the case itself, never a complete one."""

from __future__ import annotations

import datetime as dt

from tests.unit.conftest import CLOSING, HSA_ID, ITEM_KEYS, all_done, make_case, view_of
from tui.core.i18n import Translator
from tui.core.shared_hsa_id import active_with_hsa_id, shared_hsa_id_warning

TODAY = CLOSING + dt.timedelta(days=10)


def test_the_other_active_cases_with_the_hsa_id_by_case_id() -> None:
    views = [
        view_of(make_case(case_id="bbbbbb"), TODAY),
        view_of(make_case(case_id="aaaaaa", hsa_id=HSA_ID.replace("A2G8", "a2g8")), TODAY),
        view_of(make_case(case_id="cccccc", hsa_id="SE5565594230-YJ54"), TODAY),
        view_of(make_case(case_id="dddddd", items=all_done(ITEM_KEYS)), CLOSING.replace(year=2027)),
        view_of(make_case(case_id="eeeeee"), TODAY),
    ]
    assert views[3].phase.value == "complete"
    found = active_with_hsa_id(HSA_ID, views, excluding="eeeeee")
    assert [view.case.case_id for view in found] == ["aaaaaa", "bbbbbb"]
    assert active_with_hsa_id("SE5565594230-YJ54", views, excluding="cccccc") == []


def test_the_warning_names_each_case_and_unit_safely() -> None:
    other = view_of(make_case(case_id="k7f3qa", unit="Enhet\x1b[2J"), TODAY)
    text = shared_hsa_id_warning(HSA_ID, [other], Translator("sv"))
    assert text == f"HSA-ID:t {HSA_ID} finns också på aktiva ärenden: k7f3qa (Enhet\\x1b[2J)."
