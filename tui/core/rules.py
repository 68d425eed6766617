"""The checklist's timing rules applied to a case on a given day.

Rule kinds (from the template): ``before_closing`` items are due before the closing date D and
overdue after it; ``monitor_until_threshold`` items take checks from D on and can be finished on or
after T; ``not_before_threshold`` items are refused before T. T itself is allowed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tui.core.cadence import DEFAULT_CADENCE_DAYS, CheckCadence, cadence_of
from tui.core.case import Case, Check, ItemRecord, ItemState
from tui.core.dates import days_until
from tui.core.errors import Refusal
from tui.core.item_status import ItemStatus as ItemStatus  # where it is read from
from tui.core.template import ItemSpec, Role, RuleKind, Template
from tui.core.urgency import Urgency, urgency_of


class Phase(StrEnum):
    BEFORE_CLOSING = "before_closing"
    MONITORING = "monitoring"
    READY_FOR_EK_HSA = "ready_for_ek_hsa"
    COMPLETE = "complete"


@dataclass(frozen=True)
class ItemView:
    spec: ItemSpec
    record: ItemRecord
    status: ItemStatus
    applicable: bool
    next_date: dt.date | None  # the due date, or the day the item's status next changes
    allowed_from: dt.date | None  # when the item may be finished (T), if gated
    days_left: int | None  # whole days until next_date (negative when overdue)
    checks: tuple[Check, ...]
    done_early: bool  # finished before its rule allowed (e.g. the closing date was moved)
    cadence: CheckCadence | None  # the monitoring check's state, when one is expected
    urgency: Urgency  # the status with the check weighed in (see urgency.py)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def last_check(self) -> Check | None:
        return self.checks[-1] if self.checks else None

    @property
    def doer(self) -> str:
        """Who did the item or found it not applicable; "" while it is open (an undo records
        who reopened it, which the history shows, not who did it)."""
        finished = self.record.state in (ItemState.DONE, ItemState.NOT_APPLICABLE)
        return (self.record.by or "") if finished else ""


@dataclass(frozen=True)
class CaseView:
    case: Case
    today: dt.date
    phase: Phase
    items: tuple[ItemView, ...]
    next_threshold: dt.date | None  # D before closing, T while monitoring, None after
    days_to_next_threshold: int | None
    cadence_days: int  # how often monitored items are checked

    @property
    def threshold(self) -> dt.date:
        return self.case.threshold

    def item(self, key: str) -> ItemView:
        return next(view for view in self.items if view.key == key)

    def open_items(self, role: Role | None = None) -> list[ItemView]:
        return [
            view
            for view in self.items
            if view.status.is_open and (role is None or view.spec.role is role)
        ]

    def next_step(self, role: Role | None = None) -> ItemView | None:
        """The most urgent open item (of a role), its check weighed in (see urgency.py),
        earliest in the checklist's order on ties."""
        candidates = self.open_items(role)
        return min(candidates, key=lambda view: view.urgency) if candidates else None

    @property
    def urgency(self) -> Urgency:
        """The case's most urgent item's urgency (done when nothing is open)."""
        step = self.next_step()
        return step.urgency if step else Urgency.DONE

    @property
    def violations(self) -> list[ItemView]:
        return [view for view in self.items if view.done_early]

    def urgency_key(self) -> tuple[int, int, str, str]:
        """The order of every listing: most urgent first, then the nearest threshold, the
        closing date, the id."""
        days = self.days_to_next_threshold
        return (
            int(self.urgency),
            days if days is not None else 1_000_000,
            self.case.closing.isoformat(),
            self.case.case_id,
        )


def applies(spec: ItemSpec, case: Case) -> bool:
    """Whether the item's condition (if any) holds for the case."""
    return spec.condition is None or case.field_value(spec.condition.field) == spec.condition.equals


def _date_of(timestamp: str | None) -> dt.date | None:
    return dt.date.fromisoformat(timestamp[:10]) if timestamp else None


def evaluate_item(
    spec: ItemSpec, case: Case, today: dt.date, cadence_days: int = DEFAULT_CADENCE_DAYS
) -> ItemView:
    record = case.item(spec.key)
    checks = case.checks.get(spec.key, ())
    closing, threshold = case.closing, case.threshold
    applicable = applies(spec, case)
    allowed_from = None if spec.rule is RuleKind.BEFORE_CLOSING else threshold
    next_date: dt.date | None = None
    done_early = False
    if not applicable or record.state is ItemState.NOT_APPLICABLE:
        status = ItemStatus.NOT_APPLICABLE
    elif record.state is ItemState.DONE:
        status = ItemStatus.DONE
        finished = _date_of(record.at)
        done_early = allowed_from is not None and finished is not None and finished < allowed_from
    elif spec.rule is RuleKind.BEFORE_CLOSING:
        status = ItemStatus.OVERDUE if today > closing else ItemStatus.TODO
        next_date = closing
    elif spec.rule is RuleKind.MONITOR_UNTIL_THRESHOLD:
        if today < closing:
            status, next_date = ItemStatus.WAITING, closing
        elif today < threshold:
            status, next_date = ItemStatus.MONITORING, threshold
        else:
            status = ItemStatus.TODO
    elif today < threshold:
        status, next_date = ItemStatus.WAITING, threshold
    else:
        status = ItemStatus.TODO
    days_left = days_until(today, next_date) if next_date else None
    cadence = cadence_of(
        monitored=spec.monitored,
        status=status,
        checks=checks,
        closing=closing,
        today=today,
        cadence_days=cadence_days,
    )
    return ItemView(
        spec,
        record,
        status,
        applicable,
        next_date,
        allowed_from,
        days_left,
        checks,
        done_early,
        cadence,
        urgency_of(status, cadence),
    )


def is_complete(case: Case, template: Template) -> bool:
    """Whether every item is finished: done, or not applicable. It does not depend on the day,
    so a complete case is archived: it asks nothing more of anyone."""
    return all(
        not applies(spec, case) or case.item(spec.key).state is not ItemState.OPEN
        for spec in template.items
    )


def evaluate(
    case: Case, template: Template, today: dt.date, cadence_days: int = DEFAULT_CADENCE_DAYS
) -> CaseView:
    """The case as the rules see it today, monitoring checks expected every ``cadence_days``."""
    items = tuple(evaluate_item(spec, case, today, cadence_days) for spec in template.items)
    closing, threshold = case.closing, case.threshold
    if is_complete(case, template):
        phase = Phase.COMPLETE
    elif today < closing:
        phase = Phase.BEFORE_CLOSING
    elif today < threshold:
        phase = Phase.MONITORING
    else:
        phase = Phase.READY_FOR_EK_HSA
    next_threshold = closing if today < closing else threshold if today < threshold else None
    days = days_until(today, next_threshold) if next_threshold else None
    if phase is Phase.COMPLETE:
        next_threshold, days = None, None
    return CaseView(case, today, phase, items, next_threshold, days, cadence_days)


def by_urgency(views: list[CaseView]) -> list[CaseView]:
    """Most urgent first (see urgency.py: a late check before an item to do), then the nearest
    threshold."""
    return sorted(views, key=CaseView.urgency_key)


# --- Gates: what an action may do today ------------------------------------------------------


def require_applicable(view: ItemView) -> None:
    if not view.applicable:
        raise Refusal("rule.not_applicable_by_condition", item=view.key)


def allow_done(view: ItemView, today: dt.date) -> None:
    """Raise a Refusal when the item may not be marked done today."""
    require_applicable(view)
    if view.record.state is ItemState.DONE:
        raise Refusal("rule.already_done", item=view.key, by=view.record.by, at=view.record.at)
    if view.record.state is ItemState.NOT_APPLICABLE:
        raise Refusal("rule.is_not_applicable", item=view.key)
    allowed = view.allowed_from
    if allowed is not None and today < allowed:
        code = "rule.monitor_too_early" if view.spec.monitored else "rule.too_early"
        raise Refusal(code, item=view.key, threshold=allowed, days=days_until(today, allowed))


def allow_check(view: ItemView, today: dt.date, closing: dt.date) -> None:
    require_applicable(view)
    if not view.spec.monitored:
        raise Refusal("rule.not_monitored", item=view.key)
    if view.record.state is not ItemState.OPEN:
        raise Refusal("rule.check_finished", item=view.key)
    if today < closing:
        raise Refusal(
            "rule.check_too_early", item=view.key, closing=closing, days=days_until(today, closing)
        )


def allow_undo(view: ItemView) -> None:
    if view.record.state is ItemState.OPEN:
        raise Refusal("rule.nothing_to_undo", item=view.key)


def allow_not_applicable(view: ItemView) -> None:
    require_applicable(view)
    if view.record.state is not ItemState.OPEN:
        raise Refusal("rule.not_open", item=view.key)
