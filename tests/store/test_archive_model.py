"""The store's model-based test again, with cases that end: complete cases move to the local
archive (and into snapshots packed), a change to an archived case brings it back.

Every rule, fault and invariant of test_store_model.StoreModel holds here too; the processes
pick the cases they change among the open ones (as commands do, without reading the archive),
and two rules finish a whole case and reopen an archived one. At the end, besides the base
model's checks, a new process on every host (its first read from its own local view) prints
``case list``, ``case list --all`` and ``case show`` of every case byte for byte like a fresh
host, which copied the newest snapshot's archive without unpacking it.
"""

from __future__ import annotations

import argparse
import contextlib
import io

from hypothesis import strategies as st
from hypothesis.stateful import initialize, precondition, rule, run_state_machine_as_test

from tests.store.model_faults import FAULTS
from tests.store.test_store_model import (
    CASE,
    CLOSING,
    CRASH,
    PROC,
    PUBLISH,
    SETTINGS,
    SKIP,
    TEMPLATE,
    TODAY,
    Host,
    Process,
    StoreModel,
    deterministic_ids,
)
from tui.cli import case_commands
from tui.cli.context import Context
from tui.core import actions
from tui.core.case import Case
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.operations import Change
from tui.core.rules import Phase, evaluate
from tui.store.case_store import CaseStore
from tui.store.identity import Identity
from tui.store.shared_log import SharedDriveLog


class ArchiveModel(StoreModel):
    @initialize(
        count=st.integers(2, 3),
        doubles=st.sets(st.integers(0, 2)),
        closings=st.lists(CLOSING, min_size=1, max_size=3),
    )
    def make_hosts(self, count: int, doubles: set[int], closings: list[str]) -> None:
        """The base model's hosts, and a case or three to finish from the first step on."""
        StoreModel.make_hosts(self, count, doubles)
        for number, closing in enumerate(closings):
            StoreModel.add_case(self, number, closing, None)

    def cases(self, proc: Process) -> list[Case]:
        """The cases a command picks from: the open ones, never the whole archive."""
        return sorted(proc.store.fold_open()[0], key=lambda case: case.case_id)

    def case_ids(self) -> list[str]:
        return sorted({acked.case_id for acked in self.acked.values()})

    def target(self, proc: int, case: int) -> tuple[Process, Case] | None:
        chosen = self.pick(proc)
        ids = self.case_ids()
        if not ids:
            return None
        found = chosen.store.case(ids[case % len(ids)])  # archived ones are read as asked
        return (chosen, found) if found is not None else None

    @precondition(lambda self: self.live())
    @precondition(lambda self: "finish_case" not in SKIP)
    @rule(proc=PROC, case=CASE, crash=CRASH, publish=PUBLISH, then_snapshot=st.booleans())
    def finish_case(
        self, proc: int, case: int, crash: int | None, publish: bool, then_snapshot: bool
    ) -> None:
        """Every open item done where the rules allow it, not applicable otherwise; perhaps
        followed by a snapshot (as the command's tidy-up takes one)."""
        picked = self.target(proc, case)
        self.tick(f"finish case#{case} crash={crash}")
        if picked is None:
            return
        chosen, found = picked
        actor = chosen.store.identity.actor
        now = self.now_text(chosen.host)
        view = evaluate(found, TEMPLATE, TODAY)
        changes: list[Change] = []
        for item in view.open_items():
            try:
                changes += actions.mark_done(
                    view, TEMPLATE, item.key, actor=actor, now=now, today=TODAY
                )
            except Refusal:
                changes += actions.mark_not_applicable(
                    view, TEMPLATE, item.key, actor=actor, now=now, reason="stängd"
                )
        if changes:
            self.record(chosen, "finish", changes, crash, publish)
        if then_snapshot and chosen in self.live():
            self.snapshot(self.live().index(chosen), None)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "reopen_archived" not in SKIP)
    @rule(proc=PROC, case=CASE, crash=CRASH, publish=PUBLISH, which=st.integers(0, 20))
    def reopen_archived(
        self, proc: int, case: int, crash: int | None, publish: bool, which: int
    ) -> None:
        """Undo one finished item of a complete case (it leaves the archive)."""
        picked = self.target(proc, case)
        self.tick(f"reopen case#{case} crash={crash}")
        if picked is None:
            return
        chosen, found = picked
        view = evaluate(found, TEMPLATE, TODAY)
        if view.phase is not Phase.COMPLETE:
            return
        finished = [item for item in view.items if item.record.state.value != "open"]
        if not finished:
            return
        item = finished[which % len(finished)]
        actor = chosen.store.identity.actor
        changes = actions.undo(
            view,
            TEMPLATE,
            item.key,
            actor=actor,
            now=self.now_text(chosen.host),
        )
        self.record(chosen, "reopen", changes, crash, publish)

    def final_check(self) -> None:
        super().final_check()
        if self.failed or not self.live():
            return
        # A snapshot of the end state: the fresh host below copies its archive packed.
        proc = self.live()[0]
        ok, _ = self.call(proc, proc.host, "final snapshot", proc.store.snapshot)
        if not ok:
            raise self.failure(f"{proc.name}: the final snapshot failed")
        fresh = self.lazy_render(Host("fresh2", self.root / "host-fresh2"))
        for host in self.hosts:
            shown = self.lazy_render(host)
            for key in sorted(set(fresh) | set(shown)):
                if shown.get(key) != fresh.get(key):
                    raise self.failure(
                        f"a new process on {host.name} and a fresh host differ in {key}:\n"
                        f"{shown.get(key)}\n--- fresh host:\n{fresh.get(key)}"
                    )

    def lazy_render(self, host: Host) -> dict[str, str]:
        """What a new command on the host prints, reading the archive only as it asks."""
        identity = Identity(actor=f"user-{host.name}", host=f"host-{host.name}")
        log = SharedDriveLog(self.share, host.local, identity=identity, clock_ms=self.clock(host))
        store = CaseStore(log)
        ctx = Context(Translator("en"), self.share, host.local, today=TODAY, _store=store)
        out: dict[str, str] = {}
        try:
            for everything in (False, True):
                with contextlib.redirect_stdout(io.StringIO()) as text:
                    case_commands.list_cases(ctx, argparse.Namespace(all=everything, json=True))
                out[f"case list all={everything}"] = text.getvalue()
            for case_id in self.case_ids():
                with contextlib.redirect_stdout(io.StringIO()) as text:
                    try:
                        case_commands.show(ctx, argparse.Namespace(case=case_id, json=True))
                    except Refusal as refusal:
                        print(f"refused: {refusal.code}")
                out[f"case {case_id}"] = text.getvalue()
        finally:
            store.close()
        return out


def test_complete_cases_are_archived_and_nothing_is_lost_under_any_schedule() -> None:
    with FAULTS.installed(), deterministic_ids():
        run_state_machine_as_test(ArchiveModel, settings=SETTINGS)
