"""The cases as the operation log says, and the one way to change them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.core.case import Case, case_from_ledger
from tui.core.errors import Refusal
from tui.core.history import HistoryEntry, case_history
from tui.core.operations import Change, HybridClock, Ledger, Operation, new_id
from tui.store.operation_log import OperationLog

if TYPE_CHECKING:
    from tui.store.shared_log import SyncReport


class CaseStore:
    """Folds the log's operations into cases; turns changes into stamped operations."""

    def __init__(self, log: OperationLog) -> None:
        self.log = log
        self.identity = log.identity
        self.ledger = Ledger()
        self._clock = HybridClock()
        log.attach(self.ledger)
        self.refresh()

    def refresh(self) -> int:
        """Read what is new in the log; the number of operations folded in."""
        return self.absorb(self.log.read_new())

    def absorb(self, ops: Sequence[Operation]) -> int:
        """Fold operations read elsewhere (e.g. by a background poll); how many were new."""
        for op in ops:
            self._clock.observe(op.hlc)
        return self.ledger.apply_all(ops)

    def record(self, changes: Sequence[Change], *, publish: bool = True) -> list[Operation]:
        """Make the changes durable as operations, each replacing what this writer saw.

        With ``publish=False`` they only reach the local outbox (fast, local disk); a background
        poll publishes them, so a hung network mount never blocks the caller.
        """
        ops = []
        for change in changes:
            ops.append(
                Operation(
                    op_id=new_id(),
                    writer=self.identity.writer,
                    seq=0,  # the log numbers the batch
                    hlc=self._clock.now(self.log.clock_ms()),
                    case_id=change.case_id,
                    field=change.field,
                    value=change.value,
                    base=self.ledger.heads(change.case_id, change.field),
                    actor=self.identity.actor,
                    host=self.identity.host,
                )
            )
        stored = self.log.append(ops, publish=publish)
        self.ledger.apply_all(stored)
        return stored

    def cases(self) -> list[Case]:
        found = (case_from_ledger(self.ledger, case_id) for case_id in self.ledger.case_ids())
        return [case for case in found if case is not None]

    def case(self, case_id: str) -> Case | None:
        return case_from_ledger(self.ledger, case_id)

    def find(self, ref: str, *, active: Callable[[Case], bool] = lambda case: True) -> Case:
        """The case with this id, or the one active case with this HSA-ID."""
        ref = ref.strip()
        by_id = self.case(ref)
        if by_id is not None:
            return by_id
        matches = [case for case in self.cases() if case.hsa_id == ref and active(case)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(sorted(case.case_id for case in matches))
            raise Refusal("case.ambiguous", ref=ref, ids=ids)
        raise Refusal("case.not_found", ref=ref)

    def history(self, case_id: str) -> list[HistoryEntry]:
        return case_history(self.ledger, case_id)

    def stamp(self) -> str:
        """A fresh timestamp of this writer's clock (names snapshots)."""
        return self._clock.now(self.log.clock_ms())

    def sync(self) -> SyncReport:
        """Publish the outbox, read everything, save the view (thin wrapper; see the contract)."""
        return self.log.sync(self.ledger)  # type: ignore[attr-defined,no-any-return]

    def snapshot(self) -> tuple[str, int]:
        """Publish a snapshot and clean up (thin wrapper; see the contract)."""
        return self.log.snapshot(self.ledger, self.stamp())  # type: ignore[attr-defined,no-any-return]

    def close(self) -> None:
        self.log.close()
