"""Which calendar events a closure gives (``stangning export ics``), before any file format.

Per case: the closing date D, the threshold T, and for each monitored item (Fråga/svar, fil i
fail) one all-day series "check now" every ``cadence_days`` from D until T. A series fixed to D
rather than to the last check keeps every event the same from one export to the next (nothing to
update in Outlook after each check), and still reminds on or before the day the app says a check
is due: whenever the last check was, a series date falls within the next ``cadence_days``.
A finished item's series ends on the day it was finished, so re-importing takes its later
reminders away. Each event's UID is made of the case id and what the event is, never of dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui.core.case import ItemState
from tui.core.i18n import Translator
from tui.core.rules import CaseView, ItemView
from tui.core.template import RuleKind, Template

UID_DOMAIN = "stangning"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str
    every_days: int | None = None  # a series: repeats every so many days ...
    until: dt.date | None = None  # ... up to and including this day


def event_uid(case_id: str, what: str) -> str:
    return f"{case_id}-{what}@{UID_DOMAIN}"


def _names(items: list[ItemView], template: Template, lang: str) -> str:
    return "\n".join(
        f"- {template.role_name(item.spec.role, lang, short=True)}: {item.spec.text(lang).activity}"
        for item in items
    )


def _series_end(item: ItemView, view: CaseView) -> dt.date | None:
    """The last day checks are asked for: T, or the day the item was finished if earlier;
    None when the item is not watched at all."""
    record = item.record
    if not item.applicable or record.state is ItemState.NOT_APPLICABLE:
        return None
    until = view.threshold
    if record.state is ItemState.DONE and record.at:
        until = min(until, dt.date.fromisoformat(record.at[:10]))
    return until if until >= view.case.closing else None


def case_events(
    view: CaseView, template: Template, t: Translator, *, cadence_days: int
) -> list[CalendarEvent]:
    case, lang = view.case, t.lang
    head = t(
        "follow.ics.head",
        case_id=case.case_id,
        caregiver=case.caregiver,
        unit=case.unit,
        hsa_id=case.hsa_id,
        closing=case.closing.isoformat(),
        threshold=view.threshold.isoformat(),
    )
    applicable = [item for item in view.items if item.applicable]
    before = [item for item in applicable if item.spec.rule is RuleKind.BEFORE_CLOSING]
    gated = [item for item in applicable if item.spec.rule is not RuleKind.BEFORE_CLOSING]
    events = [
        CalendarEvent(
            event_uid(case.case_id, "closing"),
            case.closing,
            t("follow.ics.closing", unit=case.unit, hsa_id=case.hsa_id),
            f"{head}\n\n{t('follow.ics.closing_body')}\n{_names(before, template, lang)}",
        ),
        CalendarEvent(
            event_uid(case.case_id, "threshold"),
            view.threshold,
            t("follow.ics.threshold", unit=case.unit, hsa_id=case.hsa_id),
            f"{head}\n\n{t('follow.ics.threshold_body')}\n{_names(gated, template, lang)}",
        ),
    ]
    for item in view.items:
        until = _series_end(item, view) if item.spec.monitored else None
        if until is None:
            continue
        activity = item.spec.text(lang).activity
        body = t(
            "follow.ics.check_body",
            days=cadence_days,
            closing=case.closing.isoformat(),
            until=until.isoformat(),
            case_id=case.case_id,
            item=item.key,
        )
        events.append(
            CalendarEvent(
                event_uid(case.case_id, f"check-{item.key}"),
                case.closing,
                t("follow.ics.check", activity=activity, unit=case.unit),
                f"{head}\n\n{body}",
                every_days=cadence_days,
                until=until,
            )
        )
    return events
