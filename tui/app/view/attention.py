"""How urgent something is, as a tone (late, to do, monitoring, waiting, done) and a symbol
plus a word.

The word and the symbol carry the meaning on their own, so the dashboard reads the same without
colour (NO_COLOR, a 16-colour terminal, a screen reader): ``!!`` late, ``!`` to do now, ``○``
being watched, ``…`` waiting, ``✓`` done.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.core.cadence import CheckCadence
from tui.core.rules import CaseView, ItemView
from tui.core.urgency import Urgency


class Tone(StrEnum):
    """How a status looks: each tone has its own colour (see tui/app/look/themes.py)."""

    LATE = "late"
    TODO = "todo"
    WATCH = "watch"
    WAIT = "wait"
    DONE = "done"


@dataclass(frozen=True)
class Attention:
    urgency: Urgency  # the core's (see tui.core.urgency): what every front end reads
    tone: Tone
    symbol: str

    @property
    def rank(self) -> int:
        """Lower is more urgent."""
        return int(self.urgency)

    @property
    def word_key(self) -> str:
        """The status word's key in the language files."""
        return f"status.{self.urgency.word}"

    @property
    def check(self) -> bool:
        """About a monitoring check, not the item itself."""
        return self.urgency.check

    @property
    def is_open(self) -> bool:
        return self.tone is not Tone.DONE


OVERDUE = Attention(Urgency.OVERDUE, Tone.LATE, "!!")
CHECK_OVERDUE = Attention(Urgency.CHECK_OVERDUE, Tone.LATE, "!!")
TODO = Attention(Urgency.TODO, Tone.TODO, "!")
CHECK_DUE = Attention(Urgency.CHECK_DUE, Tone.TODO, "!")
MONITORING = Attention(Urgency.MONITORING, Tone.WATCH, "○")
WAITING = Attention(Urgency.WAITING, Tone.WAIT, "…")
DONE = Attention(Urgency.DONE, Tone.DONE, "✓")
NOT_APPLICABLE = Attention(Urgency.NOT_APPLICABLE, Tone.DONE, "–")

ALL = (OVERDUE, CHECK_OVERDUE, TODO, CHECK_DUE, MONITORING, WAITING, DONE, NOT_APPLICABLE)
BY_URGENCY = {attention.urgency: attention for attention in ALL}


def item_attention(item: ItemView) -> Attention:
    """How the item looks: its urgency (checks weighed in by the core's rule)."""
    return BY_URGENCY[item.urgency]


@dataclass(frozen=True)
class NextAction:
    item: ItemView
    attention: Attention

    @property
    def cadence(self) -> CheckCadence | None:
        return self.item.cadence


def next_action(view: CaseView) -> NextAction | None:
    """The case's next step as the core says (CaseView.next_step), and how it looks."""
    step = view.next_step()
    return NextAction(step, item_attention(step)) if step is not None else None


def label(attention: Attention, word: str) -> str:
    """The symbol, padded to two cells, and the word: "!! försenad", "○  bevakas"."""
    return f"{attention.symbol:<2} {word}"
