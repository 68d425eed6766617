"""How urgent something is, as a tone (red, amber, green) and a symbol plus a word.

The word and the symbol carry the meaning on their own, so the dashboard reads the same without
colour (NO_COLOR, a 16-colour terminal, a screen reader): ``!!`` late, ``!`` to do now, ``○``
being watched, ``…`` waiting, ``✓`` done.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.core.cadence import CheckCadence, CheckState, check_cadence
from tui.core.rules import CaseView, ItemStatus, ItemView


class Tone(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    DONE = "done"


@dataclass(frozen=True)
class Attention:
    rank: int  # lower is more urgent
    tone: Tone
    symbol: str
    word_key: str  # a key in the language files
    check: bool = False  # about a monitoring check, not the item itself

    @property
    def is_open(self) -> bool:
        return self.tone is not Tone.DONE


OVERDUE = Attention(0, Tone.RED, "!!", "status.overdue")
CHECK_OVERDUE = Attention(1, Tone.RED, "!!", "status.overdue", check=True)
TODO = Attention(2, Tone.AMBER, "!", "status.todo")
CHECK_DUE = Attention(3, Tone.AMBER, "!", "status.todo", check=True)
MONITORING = Attention(4, Tone.GREEN, "○", "status.monitoring")
WAITING = Attention(5, Tone.GREEN, "…", "status.waiting")
DONE = Attention(6, Tone.DONE, "✓", "status.done")
NOT_APPLICABLE = Attention(7, Tone.DONE, "–", "status.not_applicable")

ALL = (OVERDUE, CHECK_OVERDUE, TODO, CHECK_DUE, MONITORING, WAITING, DONE, NOT_APPLICABLE)

_BY_STATUS = {
    ItemStatus.OVERDUE: OVERDUE,
    ItemStatus.TODO: TODO,
    ItemStatus.MONITORING: MONITORING,
    ItemStatus.WAITING: WAITING,
    ItemStatus.DONE: DONE,
    ItemStatus.NOT_APPLICABLE: NOT_APPLICABLE,
}


def item_cadence(item: ItemView, view: CaseView, cadence_days: int) -> CheckCadence | None:
    return check_cadence(item, view.case.closing, view.today, cadence_days)


def item_attention(item: ItemView, cadence: CheckCadence | None) -> Attention:
    """The item's own status, raised when its monitoring check is due or late."""
    found = _BY_STATUS[item.status]
    if cadence is not None and found.rank > TODO.rank:
        if cadence.state is CheckState.OVERDUE:
            return CHECK_OVERDUE
        if cadence.state is CheckState.DUE:
            return CHECK_DUE
    return found


@dataclass(frozen=True)
class NextAction:
    item: ItemView
    attention: Attention
    cadence: CheckCadence | None


def next_action(view: CaseView, cadence_days: int) -> NextAction | None:
    """The case's most urgent open item (a late check counts), earliest in the checklist on ties."""
    best: NextAction | None = None
    for item in view.items:
        if not item.status.is_open:
            continue
        cadence = item_cadence(item, view, cadence_days)
        found = NextAction(item, item_attention(item, cadence), cadence)
        if best is None or found.attention.rank < best.attention.rank:
            best = found
    return best


def case_attention(view: CaseView, cadence_days: int) -> Attention:
    action = next_action(view, cadence_days)
    return action.attention if action else DONE


def label(attention: Attention, word: str) -> str:
    """The symbol, padded to two cells, and the word: "!! försenad", "○  bevakas"."""
    return f"{attention.symbol:<2} {word}"
