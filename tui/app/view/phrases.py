"""The dashboard's own short sentences: a status with its symbol, the next step, what a role
pane says about an item. What every front end says alike (countdowns, dates, the case's fields,
a check's state) comes from ``tui.core.case_wording`` and ``tui.core.cadence_text``. Pure."""

from __future__ import annotations

import datetime as dt

from tui.app.view.attention import Attention, NextAction, label
from tui.core.cadence import CheckCadence
from tui.core.cadence_text import cadence_text, check_state_text, checked_days_ago_text
from tui.core.case_wording import days
from tui.core.i18n import Translator
from tui.core.rules import ItemStatus, ItemView
from tui.core.template import Template


def status_label(attention: Attention, t: Translator) -> str:
    return label(attention, t(attention.word_key))


def item_step(item: ItemView, attention: Attention, t: Translator) -> str:
    """The short name; a monitoring check is marked: "Fil i fail (kontroll)"."""
    name = item.spec.name(t.lang)
    return t("app.check_of", item=name) if attention.check else name


def check_suffix(attention: Attention, t: Translator) -> str:
    """ " (kontroll)" when the step is a monitoring check ("" otherwise): the end of a step's
    text that a narrow column keeps (see ``Cell.keep_end``)."""
    return t("app.check_of", item="") if attention.check else ""


def next_step(action: NextAction | None, template: Template, t: Translator) -> tuple[str, str]:
    """(long, short): whose and which item, e.g. "Förvaltning: Fil i fail (kontroll)"."""
    if action is None:
        return t("app.nothing_open"), t("app.nothing_open")
    step = item_step(action.item, action.attention, t)
    role = template.role_name(action.item.spec.role, t.lang, short=True)
    return f"{role}: {step}", step


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else "–"


def last_checked(item: ItemView, today: dt.date, t: Translator) -> str:
    """ "senast kontrollerad för 9 dagar sedan", also when no check is expected now."""
    last = item.last_check
    days_ago = (today - dt.date.fromisoformat(last.at[:10])).days if last else None
    return checked_days_ago_text(days_ago, t)


def role_detail(
    item: ItemView, cadence: CheckCadence | None, t: Translator, *, brief: bool = False
) -> str:
    """What a role pane says about an open item: when it is due, allowed, or its check's state
    and (unless ``brief``) when it was last checked."""
    if cadence is not None:
        check = check_state_text(cadence, t) if brief else cadence_text(cadence, t)
        if item.status is ItemStatus.TODO:
            return f"{t('app.detail.may_finish')} · {check}"
        return check
    if item.status is ItemStatus.WAITING and item.next_date:
        return t(
            "app.detail.allowed_from", date=_date(item.next_date), when=days(t, item.days_left or 0)
        )
    if item.status is ItemStatus.OVERDUE:
        return t(
            "app.detail.was_due", date=_date(item.next_date), when=days(t, item.days_left or 0)
        )
    if item.next_date is not None:
        return t("app.detail.due", date=_date(item.next_date), when=days(t, item.days_left or 0))
    return t("app.detail.may_do_now")
