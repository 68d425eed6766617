"""One unit, one closure: the other active cases that carry the same HSA-ID.

An HSA-ID names one unit, and a unit is closed once, so two active closures with the same
HSA-ID are most likely one closure entered twice. The checklist does not forbid it (and an
HSA-ID comes back on a new case once the old closure is complete), so front ends warn and
still save: ``stangning case add``/``case edit`` in one line, ``case show`` among the case's
warnings, and the dashboard's case form can ask the same before saving. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import CaseView, Phase


def same_key(hsa_id: str) -> str:
    """An HSA-ID as compared here: letters in either case taken as the same (a warning had
    better say too much than too little)."""
    return hsa_id.strip().upper()


def active_with_hsa_id(
    hsa_id: str, views: Iterable[CaseView], *, excluding: str | None = None
) -> list[CaseView]:
    """The active (not complete) cases among ``views`` that carry ``hsa_id``, other than the
    case ``excluding`` (the one being added or edited), by case id."""
    key = same_key(hsa_id)
    found = [
        view
        for view in views
        if view.phase is not Phase.COMPLETE
        and view.case.case_id != excluding
        and same_key(view.case.hsa_id) == key
    ]
    return sorted(found, key=lambda view: view.case.case_id)


def shared_hsa_id_warning(hsa_id: str, others: Iterable[CaseView], t: Translator) -> str:
    """ "HSA-ID:t SE2321000016-A2G8 finns också på aktiva ärenden: k7f3qa (Vårdcentralen
    Exempel)." (user data made safe to print)."""
    cases = ", ".join(f"{view.case.case_id} ({safe(view.case.unit)})" for view in others)
    return t("case_warning.same_hsa_id", hsa_id=safe(hsa_id), cases=cases)
