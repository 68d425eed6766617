"""Cases this version cannot show, in the user's language: "kräver en nyare version av stangning"
and why (an unknown level or item state, a newer checklist, a value it cannot read)."""

from __future__ import annotations

from tui.core.case import CaseProblem, ProblemKind, UnsupportedCase, shipped_template_version
from tui.core.history_text import describe_field
from tui.core.i18n import Translator
from tui.core.printable import escape_controls
from tui.core.template import Template


def problem_text(problem: CaseProblem, t: Translator, template: Template | None = None) -> str:
    """One reason, "nivån \"region\" är okänd"."""
    key = f"validation.reason.{problem.kind.value}"
    if problem.kind is ProblemKind.TEMPLATE_VERSION:
        supported = template.version if template is not None else shipped_template_version()
        return t(key, value=problem.value, supported=supported)
    if problem.kind is ProblemKind.ITEM_STATE:
        return t(key, item=describe_field(problem.field, t, template), value=problem.value)
    if problem.kind is ProblemKind.LEVEL:
        return t(key, value=problem.value)
    return t(key, field=describe_field(problem.field, t, template), value=problem.value)


def unsupported_status(case: UnsupportedCase, t: Translator) -> str:
    """ "kräver en nyare version av stangning", or that its values cannot be read."""
    return t("validation.needs_newer" if case.newer else "validation.unreadable")


def unsupported_line(case: UnsupportedCase, t: Translator, template: Template | None = None) -> str:
    """One line for lists: id, unit, HSA-ID, status and every reason (control characters in the
    stored texts shown as escapes)."""
    reasons = "; ".join(problem_text(problem, t, template) for problem in case.problems)
    return t(
        "validation.case_line",
        case_id=escape_controls(case.case_id),
        unit=escape_controls(case.unit or t("validation.unknown")),
        hsa_id=escape_controls(case.hsa_id or t("validation.unknown")),
        status=unsupported_status(case, t),
        reasons=escape_controls(reasons),
    )
