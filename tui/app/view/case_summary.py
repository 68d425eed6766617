"""The strip under a list: the selected row's case in full, with what narrow columns leave out.

On the overview: the whole unit name, HSA-ID, caregiver, D, T, phase and the countdown, then each
role's next step with its state; ``▶`` marks the roles whose move it is now (something late or
to do). On a role pane: the same case lines, then the selected item in full. Pure: Rich text only,
user data escaped, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui.app.view.attention import Attention, Tone, item_attention
from tui.app.view.board import CaseLine, RoleEntry
from tui.app.view.case_text import conflict_text
from tui.app.view.phrases import item_step, role_detail, status_label
from tui.core.cadence import CheckCadence
from tui.core.case_wording import countdown
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.rules import ItemView
from tui.core.template import Role, Template

MOVE = "▶"
BOLD = "bold"
DIM = "dim"


@dataclass(frozen=True)
class RoleStep:
    role: Role
    item: ItemView | None  # None: nothing left for the role
    attention: Attention | None
    cadence: CheckCadence | None

    @property
    def their_move(self) -> bool:
        return self.attention is not None and is_move(self.attention)


def is_move(attention: Attention) -> bool:
    """Something late or to do now (a check due counts): that role's move."""
    return attention.tone in (Tone.LATE, Tone.TODO)


def role_steps(line: CaseLine, cadence_days: int) -> list[RoleStep]:
    """Each role's most urgent open item (earliest in the checklist on ties), in role order."""
    view = line.view
    steps = []
    for role in Role:
        step = view.next_step(role)  # the core's rule (see tui.core.urgency)
        if step is None:
            steps.append(RoleStep(role, None, None, None))
        else:
            steps.append(RoleStep(role, step, item_attention(step), step.cadence))
    return steps


def case_lines(line: CaseLine, template: Template, t: Translator) -> Text:
    """ "Unit · HSA-ID · Vårdgivare: …" and "D … · T … · Fas: … · T om 80 d", then what a
    conflict (``⚠`` on the row) is about."""
    view, case = line.view, line.view.case
    text = Text(safe(case.unit), BOLD)
    text.append(f" · {safe(case.hsa_id)} · ")
    text.append(f"{t('app.col.caregiver')}: ", DIM)
    text.append(safe(case.caregiver))
    short_count = countdown(view, t).short
    text.append(
        f"\nD {case.closing.isoformat()} · T {case.threshold.isoformat()} · "
        f"{t('app.col.phase')}: {t(f'phase.{view.phase.value}')} · {short_count}"
    )
    text.append_text(conflict_text(view, template, t))
    return text


def _step_text(step: RoleStep, t: Translator) -> Text:
    if step.item is None or step.attention is None:
        return Text(t("app.nothing_open"), DIM)
    text = Text(item_step(step.item, step.attention, t), BOLD if step.their_move else "")
    text.append(f": {role_detail(step.item, step.cadence, t, brief=True)}")
    return text


def case_summary(line: CaseLine, template: Template, t: Translator, cadence_days: int) -> Group:
    """The overview's strip for the selected case."""
    grid = Table.grid(padding=(0, 1))
    for _ in range(3):  # ▶, the role, the state
        grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)  # the step, wrapped under itself
    for step in role_steps(line, cadence_days):
        style = BOLD if step.their_move else ""
        grid.add_row(
            Text(MOVE if step.their_move else " ", BOLD),
            Text(template.role_name(step.role, t.lang, short=True), style),
            Text(status_label(step.attention, t) if step.attention else ""),
            _step_text(step, t),
        )
    return Group(case_lines(line, template, t), grid)


def entry_summary(entry: RoleEntry, template: Template, t: Translator) -> RenderableType:
    """A role pane's strip for the selected item: the case, then the item in full."""
    item = entry.item
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)  # the state
    grid.add_column(ratio=1)
    text = Text(item_step(item, entry.attention, t), BOLD)
    text.append(f" — {item.spec.text(t.lang).activity}\n")
    text.append(role_detail(item, entry.cadence, t))
    grid.add_row(Text(status_label(entry.attention, t)), text)
    return Group(case_lines(entry.line, template, t), grid)
