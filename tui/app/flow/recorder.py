"""What the dashboard changes, through the core's rules, into the store's local outbox.

Runs on the UI thread: ``record(..., publish=False)`` writes only to local disk, so a hung share
cannot freeze the screen; the background poll publishes. Every method raises a Refusal (and
writes nothing) when the checklist says no. Pure of Textual, so it is tested on its own too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from tui.core import actions
from tui.core.case_fields import CaseFields
from tui.core.errors import Refusal
from tui.core.operations import Change
from tui.core.rules import CaseView, allow_not_applicable, evaluate
from tui.core.template import Template
from tui.store.case_store import CaseStore

ItemAction = Callable[..., list[Change]]

EDITABLE = ("caregiver", "unit", "hsa_id", "closing", "removal", "level", "caregiver_ceases")


class Recorder:
    def __init__(
        self,
        store: CaseStore,
        template: Template,
        today: Callable[[], dt.date],
        now: Callable[[], str],
    ) -> None:
        self.store = store
        self.template = template
        self.today = today
        self.now = now

    @property
    def actor(self) -> str:
        return self.store.identity.actor

    def view(self, case_id: str) -> CaseView:
        case = self.store.case(case_id)
        if case is None:
            raise Refusal("case.not_found", ref=case_id)
        return evaluate(case, self.template, self.today())

    def _record(self, changes: Sequence[Change]) -> None:
        try:
            self.store.record(changes, publish=False)
        except OSError as error:
            raise Refusal("store.unwritable", path=self.store.local_folder, detail=error) from error

    # --- items --------------------------------------------------------------------------------

    def _item_changes(
        self, action: ItemAction, case_id: str, key: str, **extra: Any
    ) -> list[Change]:
        """The changes ``action`` makes to one item now, or the Refusal it meets."""
        return action(
            self.view(case_id), self.template, key, actor=self.actor, now=self.now(), **extra
        )

    def check_done(self, case_id: str, key: str) -> None:
        """Raise the Refusal marking the item done would meet, without writing anything."""
        self._item_changes(actions.mark_done, case_id, key, today=self.today())

    def mark_done(self, case_id: str, key: str, note: str | None = None) -> None:
        self._record(
            self._item_changes(
                actions.mark_done, case_id, key, today=self.today(), note=note or None
            )
        )

    def check_check(self, case_id: str, key: str) -> None:
        """Raise the Refusal recording a check would meet, without writing anything."""
        self._item_changes(actions.record_check, case_id, key, today=self.today())

    def record_check(self, case_id: str, key: str, note: str | None = None) -> None:
        self._record(
            self._item_changes(
                actions.record_check, case_id, key, today=self.today(), note=note or None
            )
        )

    def check_undo(self, case_id: str, key: str) -> None:
        """Raise the Refusal undoing the item would meet, without writing anything."""
        self._item_changes(actions.undo, case_id, key)

    def undo(self, case_id: str, key: str) -> None:
        self._record(self._item_changes(actions.undo, case_id, key))

    def check_not_applicable(self, case_id: str, key: str) -> None:
        """Raise the Refusal marking the item not applicable would meet (whatever the reason),
        without writing anything."""
        allow_not_applicable(actions.item_view(self.view(case_id), self.template, key))

    def mark_not_applicable(self, case_id: str, key: str, reason: str) -> None:
        self._record(self._item_changes(actions.mark_not_applicable, case_id, key, reason=reason))

    # --- cases --------------------------------------------------------------------------------

    def create(self, fields: CaseFields, note: str | None = None) -> str:
        case_id = actions.new_case_id()
        while self.store.case(case_id) is not None:
            case_id = actions.new_case_id()
        now = self.now()
        changes = actions.create_case(
            fields, self.template, case_id=case_id, actor=self.actor, now=now
        )
        if note and note.strip():
            changes += actions.add_note(case_id, actor=self.actor, now=now, text=note)
        self._record(changes)
        return case_id

    def edit(self, case_id: str, fields: CaseFields, note: str | None = None) -> None:
        case = self.view(case_id).case
        updates: dict[str, Any] = {name: getattr(fields, name) for name in EDITABLE}
        has_note = bool(note and note.strip())
        try:
            changes = actions.edit_case(case, updates)
        except Refusal as refusal:
            if refusal.code != "case.nothing_changed" or not has_note:
                raise
            changes = []
        if has_note:
            changes += actions.add_note(case_id, actor=self.actor, now=self.now(), text=note or "")
        self._record(changes)
