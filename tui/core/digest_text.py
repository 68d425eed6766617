"""A role's digest (digest.py) as an e-mail's subject and plain-text body, in the user's language.

Every entry names the step, the unit, its HSA-ID, the case, what is due when, D and T:

    - Vårt arbete (vart-arbete) – Vårdcentralen Exempel, SE2321000016-A2G8, ärende k7f3qa
      senast 2026-01-31, för 1 d sedan · D 2026-01-31 · T 2026-04-30

The dates and check states are worded as everywhere else (case_wording.days, cadence_text).
User data is escaped: a control character in a unit's name cannot reshape the message.
"""

from __future__ import annotations

from tui.core.cadence_text import check_state_text, last_checked_text
from tui.core.case_wording import days
from tui.core.digest import Digest, Entry, Section
from tui.core.i18n import Translator
from tui.core.item_status import ItemStatus
from tui.core.printable import escape_controls
from tui.core.template import Template


def digest_subject(digest: Digest, template: Template, t: Translator) -> str:
    """ "Stängningar 2026-02-01 – Förvaltning – försenade: 1, kontroller: 1, …" (one line)."""
    return t(
        "notify.subject",
        date=digest.today.isoformat(),
        role=template.role_name(digest.role, t.lang, short=True),
        overdue=digest.count(Section.OVERDUE),
        checks=digest.count(Section.CHECKS),
        allowed=digest.count(Section.ALLOWED_TODAY),
        soon=digest.count(Section.DUE_SOON),
        days=digest.days_ahead,
    )


def digest_body(digest: Digest, template: Template, t: Translator) -> str:
    """The whole message: what it is, each section that has entries, how to record."""
    role = template.role_name(digest.role, t.lang)
    lines = [
        t("notify.intro", date=digest.today.isoformat(), role=role),
        t("notify.legend", days=digest.days_ahead),
        "",
    ]
    if digest.empty:
        lines += [t("notify.nothing", days=digest.days_ahead), ""]
    for section in Section:
        entries = digest.entries(section)
        if not entries:
            continue
        heading = t(f"notify.section.{section.value}", count=len(entries), days=digest.days_ahead)
        lines.append(heading)
        for entry in entries:
            lines += entry_lines(entry, section, t)
        lines.append("")
    lines += [t("notify.record"), "", "-- ", t("notify.signature")]
    return "\n".join(lines) + "\n"


def entry_lines(entry: Entry, section: Section, t: Translator) -> list[str]:
    case, item = entry.view.case, entry.item
    head = t(
        "notify.entry",
        step=item.spec.name(t.lang),
        item=item.key,
        unit=escape_controls(case.unit),
        hsa_id=escape_controls(case.hsa_id),
        case_id=escape_controls(case.case_id),
    )
    dates = t(
        "notify.dates", closing=case.closing.isoformat(), threshold=case.threshold.isoformat()
    )
    return [f"- {head}", f"  {when_text(entry, section, t)} · {dates}"]


def when_text(entry: Entry, section: Section, t: Translator) -> str:
    """What is due when: "senast 2026-01-31, om 3 d", "kontroll försenad 2 d, aldrig
    kontrollerad", "får göras från i dag (T)", "från 2026-04-30, om 5 d"."""
    item, today = entry.item, entry.view.today
    cadence = item.cadence
    if section is Section.CHECKS and cadence is not None:
        return f"{check_state_text(cadence, t)}, {last_checked_text(cadence, t)}"
    if section is Section.ALLOWED_TODAY:
        return t("notify.when.finish_today" if item.spec.monitored else "notify.when.allowed_today")
    if item.next_date is None or item.days_left is None:  # may be done now: T has passed
        since = item.allowed_from or entry.view.threshold
        return t(
            "notify.when.allowed_since", date=since.isoformat(), ago=days(t, (since - today).days)
        )
    when = days(t, item.days_left)
    date = item.next_date.isoformat()
    if item.status is ItemStatus.WAITING:
        return f"{t('when.from', date=date)}, {when}"
    if item.status is ItemStatus.MONITORING:
        return t("notify.when.watch_until", date=date, when=when)
    return f"{t('when.by', date=date)}, {when}"
