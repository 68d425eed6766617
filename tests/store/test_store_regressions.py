"""The schedules the model-based test (test_store_model.py) found, shrunk and spelled out: one
test per bug, each a few steps through the store's Python API, named for what goes wrong."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.model_faults import FAULTS, FaultInjector, SimulatedCrash
from tui.core import actions
from tui.core.case_fields import validate_case_fields
from tui.core.errors import Refusal
from tui.core.operations import Change, Operation
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.store.case_store import CaseStore
from tui.store.identity import Identity
from tui.store.share import Share
from tui.store.shared_log import SharedDriveLog, StoreMismatch

TODAY = dt.date(2026, 11, 25)
NOW = "2026-11-25T10:00:00+01:00"
START_MS = int(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC).timestamp() * 1000)
MINUTE = 60_000
YEAR = 365 * 24 * 60 * MINUTE
TEMPLATE = default_template()


class World:
    """A share and hosts in tmp_path; every process's clock is true time plus its host's
    offset, and true time moves a second per process opened or change made."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.share = root / "share" / "stangning"
        self.share.parent.mkdir()
        Share(self.share).create()
        self.now_ms = START_MS
        self.offsets: dict[str, int] = {}

    def open(self, host: str, *, offset_ms: int | None = None) -> CaseStore:
        if offset_ms is not None:
            self.offsets[host] = offset_ms
        self.offsets.setdefault(host, 0)
        self.now_ms += 1000
        log = SharedDriveLog(
            self.share,
            self.root / f"host-{host}",
            identity=Identity(actor=f"user-{host}", host=f"host-{host}"),
            clock_ms=lambda: self.now_ms + self.offsets[host],
        )
        return CaseStore(log)

    def record(
        self, store: CaseStore, changes: list[Change], publish: bool = True
    ) -> list[Operation]:
        self.now_ms += 1000
        return store.record(changes, publish=publish)

    def add_case(
        self, store: CaseStore, case_id: str = "case1", unit: str = "Enhet 1"
    ) -> list[Operation]:
        fields = validate_case_fields(
            caregiver="Region Test", unit=unit, hsa_id="SE2321000016-A2G8", closing="2026-06-30"
        )
        changes = actions.create_case(
            fields, TEMPLATE, case_id=case_id, actor=store.identity.actor, now=NOW
        )
        return self.record(store, changes)

    def check(self, store: CaseStore, case_id: str = "case1", note: str = "") -> list[Operation]:
        case = store.case(case_id)
        assert case is not None
        view = evaluate(case, TEMPLATE, TODAY)
        changes = actions.record_check(
            view, TEMPLATE, "bevaka-fraga-svar", actor="x", now=NOW, today=TODAY, note=note
        )
        return self.record(store, changes)


def op_ids(store: CaseStore) -> set[str]:
    return {op.op_id for op in store.ledger.ops()}


def ids(ops: list[Operation]) -> set[str]:
    return {op.op_id for op in ops}


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


@pytest.fixture
def faults() -> Iterator[FaultInjector]:
    with FAULTS.installed() as injector:
        yield injector


# --- 1. snapshot clean-up by file name ------------------------------------------------------


def test_snapshot_cleanup_by_a_host_whose_clock_is_ahead_loses_a_correct_hosts_checks(
    world: World,
) -> None:
    ahead = world.open("ahead", offset_ms=YEAR)
    right = world.open("right")
    first = world.add_case(right)
    ahead.sync()
    ahead.snapshot()  # named a year ahead
    right.sync()
    checks = [world.check(right, note=f"koll {n}") for n in range(5)]
    right.sync()
    right.snapshot()  # its clean-up keeps the newest *name*: the year-ahead one
    fresh = world.open("fresh")
    missing = (ids(first) | {op.op_id for ops in checks for op in ops}) - op_ids(fresh)
    assert not missing, f"a fresh host lacks {len(missing)} acknowledged operations"


def test_a_snapshot_by_a_host_that_has_not_read_the_newest_snapshot_deletes_it(
    world: World,
) -> None:
    # Equal clocks. B's snapshot covers B's batch and its clean-up removes the batch; A has not
    # read it, snapshots later (a newer name) and deletes B's snapshot, the only copy left.
    a = world.open("a")
    b = world.open("b")
    added = world.add_case(b)
    b.snapshot()
    world.now_ms += 1000
    a.snapshot()
    fresh = world.open("fresh")
    assert ids(added) <= op_ids(fresh), "the case exists nowhere on the share any more"


# --- 2. two processes on one local folder -----------------------------------------------------


def test_a_second_process_on_the_folder_publishes_the_outbox_without_folding_it(
    world: World,
) -> None:
    dashboard = world.open("a")
    command = world.open("a")  # the same local folder
    other = world.open("b")
    world.add_case(other)
    dashboard.refresh()
    done = world.record(dashboard, note_changes("aus dem Dashboard"), publish=False)
    command.sync()  # publishes the dashboard's batch and marks it read
    assert ids(done) <= op_ids(command), "the process that published the change does not show it"
    command.snapshot()
    fresh = world.open("fresh")
    assert ids(done) <= op_ids(fresh), "after its snapshot a fresh host lacks the change"


def note_changes(text: str, case_id: str = "case1") -> list[Change]:
    return actions.add_note(case_id, actor="user-a", now=NOW, text=text)


def test_a_process_that_died_after_writing_the_outbox_loses_its_change_to_the_other_process(
    world: World, faults: FaultInjector
) -> None:
    first = world.open("a")
    second = world.open("a")
    world.add_case(first)
    second.refresh()
    # The first process dies just after its batch is in the outbox (before the counter file).
    with faults.arm(world.root, crash_at=6), pytest.raises(SimulatedCrash):
        world.record(first, note_changes("before the crash"))
    waiting = list((world.root / "host-a" / "outbox").glob("*.json"))
    assert waiting, "the schedule needs the batch durable in the outbox"
    second.sync()
    second.sync()
    fresh = world.open("fresh")
    assert op_ids(second) == op_ids(fresh), "the host and a fresh host disagree"


# --- 3. a share swapped for another store -----------------------------------------------------


def test_an_open_process_mixes_in_another_store_swapped_in_at_the_share_path(
    world: World,
) -> None:
    ours = world.open("a")
    world.add_case(ours)
    ours.sync()
    other_path = world.root / "other-store"
    Share(other_path).create()
    other = CaseStore(SharedDriveLog(other_path, world.root / "other-local"))
    foreign = world.add_case(other, case_id="foreign", unit="Främmande")
    other.sync()
    other.close()
    world.share.rename(world.root / "ours-away")
    other_path.rename(world.share)
    with contextlib.suppress(StoreMismatch):  # refusing is right; mixing it in is not
        ours.sync()
    assert not ids(foreign) & op_ids(ours), "the other store's cases are shown as ours"


def test_a_change_made_while_another_store_is_swapped_in_is_published_into_it_and_lost(
    world: World,
) -> None:
    ours = world.open("a")
    other_path = world.root / "other-store"
    Share(other_path).create()
    world.share.rename(world.root / "ours-away")
    other_path.rename(world.share)
    try:
        added = world.add_case(ours)  # acknowledged...
    except StoreMismatch:
        return  # refusing the change is right too
    world.share.rename(other_path)
    (world.root / "ours-away").rename(world.share)
    ours.sync()
    ours.sync()
    fresh = world.open("fresh")
    assert ids(added) <= op_ids(fresh), "...but it went into the other store, not ours"


# --- 5. a local folder restored from an older copy -------------------------------------------


def test_a_local_folder_restored_from_a_backup_reuses_sequence_numbers(world: World) -> None:
    a = world.open("a")
    world.add_case(a)
    a.sync()
    a.close()
    backup = world.root / "backup-a"
    shutil.copytree(world.root / "host-a", backup)
    a = world.open("a")
    world.record(a, note_changes("after the backup"))
    a.close()
    shutil.rmtree(world.root / "host-a")
    shutil.copytree(backup, world.root / "host-a")
    a = world.open("a")
    later = world.record(a, note_changes("after the restore"))
    a.sync()
    assert a.log.pending_count() == 0, "the change waits in the outbox for ever"  # type: ignore[attr-defined]
    fresh = world.open("fresh")
    assert ids(later) <= op_ids(fresh), "other hosts never get the change"


def test_a_restored_folder_does_not_reuse_a_number_a_snapshot_already_covers(
    world: World,
) -> None:
    # Shrunk by the model: backup; add_case; restore; snapshot; add_case. The first case's
    # batch is gone from the share (the snapshot covers it), so the share's listing alone
    # does not show that its number was used.
    backup = world.root / "backup-a"
    a = world.open("a")
    a.close()
    shutil.copytree(world.root / "host-a", backup)
    a = world.open("a")
    first = world.add_case(a)
    a.close()
    shutil.rmtree(world.root / "host-a")
    shutil.copytree(backup, world.root / "host-a")
    a = world.open("a")
    a.snapshot()
    second = world.add_case(a, "case2", "Enhet 2")
    a.sync()
    fresh = world.open("fresh")
    assert ids(first) | ids(second) <= op_ids(fresh), "a change hid behind a covered number"


# --- 6. local disk full -------------------------------------------------------------------------


@pytest.mark.parametrize("room", range(6))
def test_a_change_refused_for_a_full_local_disk_is_never_published_later(
    world: World, faults: FaultInjector, room: int
) -> None:
    a = world.open("a")
    world.add_case(a)
    before = op_ids(a)
    # The disk fills after ``room`` more disk steps: at every point of writing the outbox.
    faults.set_fault("local", world.root / "host-a", errno.ENOSPC, allow=room)
    refused = False
    try:
        with faults.arm(world.root):
            world.record(a, note_changes("on a full disk"))
    except OSError:
        refused = True
    faults.clear_fault("local")
    a.sync()
    fresh = world.open("fresh")
    if refused:
        assert op_ids(fresh) == before, "the refused change reached the share"
    else:
        assert op_ids(fresh) > before, "the acknowledged change was lost"


# --- 12 and the clock: sync folds without observing -------------------------------------------


def test_sync_folds_operations_without_the_clock_observing_them(world: World) -> None:
    behind = world.open("behind", offset_ms=-10 * MINUTE)
    right = world.open("right")
    added = world.add_case(right)
    behind.sync()  # as `stangning sync` does: folded, but its clock never saw them
    seen = behind.case("case1")
    assert seen is not None
    edit = world.record(behind, actions.edit_case(seen, {"unit": "Ändrad"}))
    created = next(op for op in added if op.field == "case.unit")
    assert edit[0].base == (created.op_id,)
    assert edit[0].hlc > created.hlc, (
        f"the edit made after seeing {created.hlc} is stamped {edit[0].hlc}, before it"
    )


# --- 13. a share gone: nothing is created at its path -------------------------------------------


def test_a_snapshot_while_the_share_is_gone_creates_a_store_folder_at_its_path(
    world: World,
) -> None:
    a = world.open("a")
    world.add_case(a)
    a.sync()
    world.share.rename(world.root / "away")
    with contextlib.suppress(OSError, Refusal):  # saying it cannot be written is fine
        a.snapshot()
    assert not world.share.exists(), sorted(str(p) for p in world.share.rglob("*"))


# --- found by the model after the fixes: a snapshot holding more than it covers ---------------


def test_a_snapshot_holds_only_the_batches_it_covers_not_a_change_still_waiting(
    world: World,
) -> None:
    # Shrunk: backup(b); share gone; add_case(b); share back; snapshot(b); restore(b). The case
    # was in b's snapshot, whose coverage (nothing) every reader already had: nobody read it, and
    # the restore took the outbox batch away. A snapshot now holds exactly what it covers, so a
    # change lives only where readers look for it: the outbox, then its own batch file.
    b = world.open("b")
    away = world.share.with_name("away")
    world.share.rename(away)
    waiting = world.add_case(b)
    away.rename(world.share)
    name, _ = b.snapshot()
    snapshot = Share(world.share).read_snapshot(name, None)
    assert not ids(waiting) & {op.op_id for op in snapshot.ops}
    b.sync()
    assert ids(waiting) <= op_ids(world.open("fresh"))
