"""The closure report (``stangning report CASE``): a Markdown record of one case to print and
file — its fields, each item with who, when and notes, every check, the notes and the history.

User data is escaped so that a name can neither format the page nor break a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui import __version__
from tui.core.cadence_text import cadence_text
from tui.core.case_wording import case_fields, case_warnings, item_when, status_word
from tui.core.history import HistoryEntry
from tui.core.history_text import describe_change, describe_field
from tui.core.i18n import Translator
from tui.core.printable import escape_controls
from tui.core.rules import CaseView, ItemStatus, ItemView
from tui.core.template import Template

_MARKUP = re.compile(r"([\\`*_\[\]<>|#~])")


def md(value: object) -> str:
    """User text as literal Markdown on one line: markup characters escaped, line breaks as
    spaces, control characters shown as escapes."""
    text = escape_controls(" ".join(str(value).splitlines()))
    return _MARKUP.sub(r"\\\1", text)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table; cells must already be escaped."""
    lines = [f"| {' | '.join(headers)} |", f"|{'---|' * len(headers)}"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return lines


def _fields(view: CaseView, template: Template, t: Translator) -> list[str]:
    table = md_table(
        [t("follow.report.field"), t("follow.report.value")],
        [[label, md(value)] for label, value in case_fields(view, t)],
    )
    warnings = case_warnings(view, template, t)
    return table + [line for warning in warnings for line in ("", f"**{md(warning)}**")]


def _item(
    number: int,
    item: ItemView,
    view: CaseView,
    template: Template,
    t: Translator,
    cadence_days: int,
) -> list[str]:
    lang = t.lang
    record = item.record
    when = record.at if record.at and item.status is ItemStatus.DONE else item_when(item, t)
    lines = [
        f"### {number}. {md(item.spec.text(lang).activity)} (`{item.key}`)",
        "",
        f"- {t('cli.col.role')}: {md(template.role_name(item.spec.role, lang))}",
        f"- {t('cli.col.status')}: {status_word(item, t)}",
        f"- {t('cli.col.who')}: {md(item.doer or '–')}",
        f"- {t('cli.col.when')}: {md(when)}",
    ]
    if record.note:
        lines.append(f"- {t('follow.report.note')}: {md(record.note)}")
    if record.reason:
        lines.append(f"- {t('follow.report.reason')}: {md(record.reason)}")
    if not item.spec.monitored:
        return lines
    cadence = item.cadence
    summary = t("follow.report.checks", count=len(item.checks), days=cadence_days)
    lines += ["", f"{summary}{f' – {cadence_text(cadence, t)}' if cadence else ''}"]
    if item.checks:
        rows = [
            [str(index), md(check.at), md(check.by), md(check.note or "")]
            for index, check in enumerate(item.checks, start=1)
        ]
        headers = ["#", t("cli.col.when"), t("cli.col.who"), t("follow.report.note")]
        lines += ["", *md_table(headers, rows)]
    return lines


def case_report(
    view: CaseView,
    history: Sequence[HistoryEntry],
    template: Template,
    t: Translator,
    *,
    cadence_days: int,
    printed_at: str,
    printed_by: str,
) -> str:
    case, lang = view.case, t.lang
    lines = [
        f"# {t('follow.report.title')}: {md(case.unit)} ({md(case.hsa_id)})",
        "",
        md(template.text("title", lang)),
        "",
        *_fields(view, template, t),
        "",
        f"## {t('follow.report.items')}",
    ]
    for number, item in enumerate(view.items, start=1):
        lines += ["", *_item(number, item, view, template, t, cadence_days)]
    lines += ["", f"## {t('cli.out.notes')}", ""]
    if case.notes:
        rows = [[md(note.at), md(note.by), md(note.text)] for note in case.notes]
        headers = [t("cli.col.when"), t("cli.col.who"), t("follow.report.note")]
        lines += md_table(headers, rows)
    else:
        lines.append("–")
    lines += ["", f"## {t('follow.report.history')}", ""]
    rows = [
        [
            md(entry.at),
            md(entry.op.actor),
            md(entry.op.host),
            md(describe_field(entry.field, t, template)),
            md(describe_change(entry.old, entry.new, t)),
        ]
        for entry in history
    ]
    headers = [t(f"cli.col.{name}") for name in ("when", "who", "host", "field", "change")]
    lines += md_table(headers, rows)
    footer = t(
        "follow.report.printed",
        at=printed_at,
        by=md(printed_by),
        version=__version__,
        template=case.template_version,
    )
    lines += ["", "---", "", footer, "", t("follow.report.signature"), ""]
    return "\n".join(lines)
