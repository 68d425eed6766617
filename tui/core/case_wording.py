"""What a case's facts are called, in every front end: the case's fields with their labels, the
countdown to the next threshold, an item's status word and its date, and the warnings (a field
in conflict, an item done before its date).

``stangning case show``, the closure report and the dashboard's case detail all read these, so
they say the same thing in the same words; each escapes the values for its own medium (the
terminal, Markdown). Pure: no front end.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.history_text import describe_field, describe_value
from tui.core.i18n import Translator
from tui.core.item_status import ItemStatus
from tui.core.rules import CaseView, ItemView, Phase
from tui.core.template import Template


def days(t: Translator, count: int) -> str:
    """ "om 5 d", "idag", "för 3 d sedan"."""
    if count == 0:
        return t("days.today")
    if count > 0:
        return t("days.ahead", days=count)
    return t("days.ago", days=-count)


def threshold_label(view: CaseView) -> str:
    """Which threshold comes next: "D" (the closing date) or "T" (three months after it)."""
    return "D" if view.next_threshold == view.case.closing else "T"


@dataclass(frozen=True)
class Countdown:
    long: str  # "T om 64 d (2027-02-25)", "T passerad (2027-02-25)", "–" once complete
    short: str  # "T om 64 d", "T passerad", "–"


def countdown(view: CaseView, t: Translator) -> Countdown:
    """The countdown to the case's next threshold, or that T has passed."""
    if view.next_threshold is None or view.days_to_next_threshold is None:
        if view.phase is Phase.COMPLETE:
            return Countdown("–", "–")
        return Countdown(
            t("countdown.passed", date=view.threshold.isoformat()), t("countdown.t_passed")
        )
    short = f"{threshold_label(view)} {days(t, view.days_to_next_threshold)}"
    return Countdown(f"{short} ({view.next_threshold.isoformat()})", short)


def status_word(item: ItemView, t: Translator) -> str:
    """The item's status as a word, checks included ("försenad (kontroll)"): its urgency."""
    return t(f"status.{item.urgency.word}")


def item_when(item: ItemView, t: Translator) -> str:
    """The item's date: done on, due by, allowed from, or last checked ("–" if none)."""
    if item.status in (ItemStatus.DONE, ItemStatus.NOT_APPLICABLE):
        return (item.record.at or "")[:10] or "–"
    if item.status is ItemStatus.WAITING and item.next_date:
        return t("when.from", date=item.next_date.isoformat())
    if item.status in (ItemStatus.OVERDUE, ItemStatus.TODO) and item.next_date:
        return t("when.by", date=item.next_date.isoformat())
    if item.last_check is not None:
        return item.last_check.at[:10]
    return "–"


def case_fields(view: CaseView, t: Translator) -> list[tuple[str, str]]:
    """The case's fields as (label, value), in the order every front end lists them. Values
    are as stored (the front end escapes them); a missing one is "–"."""
    case = view.case
    created = " ".join(part for part in ((case.created_at or "")[:10], case.created_by) if part)
    phase = t(f"phase.{view.phase.value}")
    if view.phase is not Phase.COMPLETE:
        phase += f" · {countdown(view, t).long}"
    return [
        (t("case_field.case_id"), case.case_id),
        (t("case_field.unit"), case.unit),
        (t("case_field.caregiver"), case.caregiver),
        (t("case_field.hsa_id"), case.hsa_id),
        (t("case_field.level"), t(f"level.{case.level.value}")),
        (t("case_field.closing"), case.closing.isoformat()),
        (t("case_field.threshold"), view.threshold.isoformat()),
        (t("case_field.removal"), case.removal.isoformat() if case.removal else "–"),
        (t("case_field.ceases"), describe_value(case.caregiver_ceases, t)),
        (t("case_field.phase"), phase),
        (t("case_field.created"), created or "–"),
    ]


def conflict_warnings(view: CaseView, template: Template, t: Translator) -> list[str]:
    """A line per field in conflict, with both values: what ``⚠`` beside a unit means."""
    lines = []
    for conflict in view.case.conflicts:
        values = " / ".join(describe_value(value, t) for value in conflict.values)
        field = describe_field(conflict.field, t, template)
        lines.append(t("case_warning.conflict", field=field, values=values))
    return lines


def case_warnings(view: CaseView, template: Template, t: Translator) -> list[str]:
    """A line per field in conflict (with both values) and per item done before its date."""
    lines = conflict_warnings(view, template, t)
    for item in view.violations:
        lines.append(t("case_warning.violation", item=item.spec.name(t.lang)))
    return lines
