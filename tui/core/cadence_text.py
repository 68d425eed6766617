"""A monitored item's check state in words: "senast kontrollerad för 9 dagar sedan",
"kontroll i dag", "kontroll försenad 2 d". Used by ``stangning status``, the report and the
dashboard's panes, so all of them say it alike."""

from __future__ import annotations

from tui.core.cadence import CheckCadence, CheckState
from tui.core.i18n import Translator


def last_checked_text(cadence: CheckCadence, t: Translator) -> str:
    return checked_days_ago_text(cadence.days_since_last, t)


def checked_days_ago_text(days: int | None, t: Translator) -> str:
    """ "senast kontrollerad för 9 dagar sedan" (or never), also where no check is expected now
    (before the closing date, or once the watch is finished)."""
    if days is None:
        return t("follow.check.never")
    if days == 0:
        return t("follow.check.last_today")
    if days == 1:
        return t("follow.check.last_yesterday")
    return t("follow.check.last_days", days=days)


def check_state_text(cadence: CheckCadence, t: Translator) -> str:
    if cadence.state is CheckState.OVERDUE:
        return t("follow.check.overdue", days=cadence.days_overdue)
    if cadence.state is CheckState.DUE:
        return t("follow.check.due")
    return t("follow.check.next", date=cadence.next_check.isoformat())


def cadence_text(cadence: CheckCadence, t: Translator) -> str:
    """Both in one line: "kontroll försenad 2 d · senast kontrollerad för 9 dagar sedan"."""
    return f"{check_state_text(cadence, t)} · {last_checked_text(cadence, t)}"
