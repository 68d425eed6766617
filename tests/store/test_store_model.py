"""A model-based test of the whole store: random schedules of every change, sync, snapshot,
clock jump, crash and share or disk fault, then the store's promise is checked.

Simulated hosts each have a local folder (some with two processes on it) and share one store
folder; each process has its own clock (true time plus its host's offset). The model keeps every
change whose ``record`` returned (acknowledged). Invariants:

- after every step: nothing raised that a caller could not expect (a Refusal; a StoreMismatch
  while the share holds another store; an OSError only while the host's own disk is full);
- at the end, with every fault healed and every clock right, after every process synced twice
  (in turn): nothing waits in any outbox; a fresh host sees every acknowledged change, no change
  whose ``record`` failed and nothing of another store; every operation sorts after those it
  replaced; and every host renders ``status --json`` and ``case show --json`` byte for byte
  like the fresh host.
- a snapshot may fail with an OSError while the share is faulted, but a share that was gone
  must come back to a path where the store created nothing meanwhile.

Crashes and faults come from tests/store/model_faults.py. Bounded for CI (200 schedules of up to
40 steps: seconds when nothing fails); ``STANGNING_SOAK=1`` runs 2000 of up to 80 steps.
``STANGNING_MODEL_SKIP=rule,rule`` leaves rules out ("doubles": one process per host), to look
past a bug already known. Every bug it found is spelled out in test_store_regressions.py.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

import tui.core.actions
import tui.store.case_store
import tui.store.local_state
from tests.store.model_faults import FAULTS, SimulatedCrash
from tui.cli import case_commands, status_commands
from tui.cli.context import Context
from tui.core import actions
from tui.core.case import Case
from tui.core.case_fields import validate_case_fields
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.operations import Change, HybridClock, Operation
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.store.case_store import CaseStore
from tui.store.identity import Identity
from tui.store.share import Share
from tui.store.shared_log import SharedDriveLog, StoreMismatch
from tui.store.wire import Batch, CorruptFile, Segment, Snapshot, parse_segment_name

# Rules to leave out while exploring (comma-separated rule names), e.g. to look past a known bug.
SKIP = set(os.environ.get("STANGNING_MODEL_SKIP", "").split(","))
SOAK = os.environ.get("STANGNING_SOAK", "") not in ("", "0")
SETTINGS = settings(
    max_examples=2000 if SOAK else 200,
    stateful_step_count=80 if SOAK else 40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)

# Memory-backed when there is one: the schedule is about the order of disk steps, not the
# disk's speed, and a real fsync per step would make each example take seconds.
FAST_TMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
TODAY = dt.date(2026, 11, 25)
START_MS = int(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC).timestamp() * 1000)
MINUTE = 60_000
DAY = 24 * 60 * MINUTE
JUMPS = (10 * MINUTE, -10 * MINUTE, 3 * MINUTE, -3 * MINUTE, DAY, -DAY, 365 * DAY, -365 * DAY)
CLOSINGS = ("2026-12-31", "2026-11-30", "2027-03-31", "2026-06-30")
TEMPLATE = default_template()
STOCKHOLM = ZoneInfo("Europe/Stockholm")
PROC = st.integers(0, 5)  # which process (of those alive), modulo their number
CASE = st.integers(0, 9)  # which case (of those the process shows), modulo their number
KEY = st.sampled_from(TEMPLATE.keys)
CLOSING = st.sampled_from(CLOSINGS)
PUBLISH = st.booleans()  # False: as the dashboard records (outbox only; its poll publishes)
MAX_CASES = 4  # few cases, so changes meet on the same ones
# One call in five dies at its k-th disk step (shrinks towards no crash at all).
CRASH = st.tuples(st.integers(0, 4), st.integers(1, 14)).map(
    lambda drawn: drawn[1] if drawn[0] == 4 else None
)


class Ids:
    """Deterministic ids (operations, checks, notes, writers), so a schedule replays exactly;
    remembers which operation ids the store asked for during the current call."""

    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.issued: list[str] = []

    def new_id(self) -> str:
        made = f"{next(self.counter):032x}"
        self.issued.append(made)
        return made

    def writer_id(self, host: str, actor: str) -> str:
        return f"w{next(self.counter):05d}"


IDS = Ids()


@contextlib.contextmanager
def deterministic_ids() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tui.store.case_store, "new_id", IDS.new_id)
        patch.setattr(tui.core.actions, "new_id", IDS.new_id)
        patch.setattr(tui.store.local_state, "new_writer_id", IDS.writer_id)
        yield


@dataclass
class Host:
    name: str
    local: Path
    offset_ms: int = 0
    procs: list[Process] = field(default_factory=list)
    opened: int = 0
    backup: Path | None = None


@dataclass
class Process:
    name: str
    host: Host
    store: CaseStore


@dataclass(frozen=True)
class Acked:
    op_id: str
    kind: str
    case_id: str
    field: str
    by: str


class Failure(AssertionError):
    """The store broke its promise (the message says which step and how)."""


def render(store: CaseStore, store_path: Path, local: Path) -> dict[str, str]:
    """What the CLI prints for ``status --json`` and ``case show ID --json`` of every case, by
    the CLI's own functions, for the fixed day."""
    ctx = Context(Translator("en"), store_path, local, today=TODAY, _store=store)
    out: dict[str, str] = {}
    with contextlib.redirect_stdout(io.StringIO()) as text:
        status_commands.status(ctx, argparse.Namespace(nagios=False, role=None, json=True))
    out["status"] = text.getvalue()
    for case_id in sorted(store.ledger.case_ids()):
        with contextlib.redirect_stdout(io.StringIO()) as text:
            try:
                case_commands.show(ctx, argparse.Namespace(case=case_id, json=True))
            except Refusal as refusal:
                print(f"refused: {refusal.code}")
        out[f"case {case_id}"] = text.getvalue()
    return out


def store_op_ids(store: Path) -> set[str]:
    """Every operation id in the store folder's batches, segments and snapshots (read
    directly)."""
    found: set[str] = set()
    for path in list(store.glob("ops/*/*.json")) + list(store.glob("snapshots/*.json")):
        try:
            data = path.read_bytes()
            if path.parent.parent.name != "ops":
                ops = Snapshot.decode(data).ops
            elif parse_segment_name(path.name) is not None:  # a writer's compacted batches
                ops = Segment.decode(data).ops
            else:
                ops = Batch.decode(data).ops
        except (OSError, CorruptFile):
            continue
        found.update(op.op_id for op in ops)
    return found


class StoreModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        IDS.counter = itertools.count(1)
        self.root = Path(tempfile.mkdtemp(prefix="stangning-model-", dir=FAST_TMP))
        self.share = self.root / "share" / "stangning"
        self.share.parent.mkdir()
        Share(self.share).create()
        self.away = self.root / "ours-away"  # our store while the share is gone or swapped
        self.foreign = self.root / "foreign-store"  # the other store, while not swapped in
        self.share_state = "here"  # here | gone | swapped
        self.foreign_ops: set[str] = set()
        self.now_ms = START_MS
        self.hosts: list[Host] = []
        self.acked: dict[str, Acked] = {}
        self.refused: dict[str, str] = {}  # op id -> why its record failed
        self.forgiven: set[str] = set()  # acknowledged, then lost with a restored local folder
        self.serial = itertools.count(1)
        self.added = 0  # add_case steps so far
        self.failed = False
        self.died = False  # the last call's process died
        self.steps: list[str] = []

    # --- helpers ------------------------------------------------------------------------------

    def failure(self, message: str) -> Failure:
        """The failure to raise (raised where it is found, so hypothesis tells bugs apart)."""
        self.failed = True
        return Failure(message)

    def tick(self, what: str) -> None:
        self.now_ms += 1000
        self.steps.append(what)

    def clock(self, host: Host) -> Callable[[], int]:
        return lambda: self.now_ms + host.offset_ms

    def now_text(self, host: Host) -> str:
        wall = dt.datetime.fromtimestamp((self.now_ms + host.offset_ms) / 1000, tz=STOCKHOLM)
        return wall.isoformat(timespec="seconds")

    def live(self) -> list[Process]:
        return [proc for host in self.hosts for proc in host.procs]

    def pick(self, index: int) -> Process:
        procs = self.live()
        return procs[index % len(procs)]

    def local_full(self, host: Host) -> bool:
        return FAULTS.fault_on(host.local) is not None

    def call(
        self,
        proc: Process | None,
        host: Host,
        what: str,
        action: Callable[[], Any],
        crash: int | None = None,
        share_errors: bool = False,
    ) -> tuple[bool, Any]:
        """Run one call into the store under the faults. (True, result), or (False, None) when
        it was refused, failed as a caller may expect, or the process died (then it is gone)."""
        label = f"{proc.name if proc else host.name}: {what}"
        self.died = False
        try:
            with FAULTS.arm(self.root, crash_at=crash):
                return True, action()
        except SimulatedCrash:
            self.steps.append(f"  {label} died at disk step {crash}")
            if proc is not None:
                host.procs.remove(proc)  # dead: never closed; the next command starts afresh
                self.open(host)
            self.died = True
            return False, None
        except Refusal:
            return False, None
        except StoreMismatch as error:
            if self.share_state == "swapped":
                return False, None
            raise self.failure(
                f"{label}: StoreMismatch with our own store at the share path: {error}"
            ) from error
        except OSError as error:
            if self.local_full(host) and error.errno == errno.ENOSPC:
                return False, None
            if share_errors and (self.share_state != "here" or FAULTS.fault_on(self.share)):
                return False, None  # a snapshot that cannot be written may say so
            raise self.failure(
                f"{label}: {type(error).__name__} escaped the store: {error}"
            ) from error
        except Exception as error:  # the point: nothing else may escape
            raise self.failure(
                f"{label}: {type(error).__name__} escaped the store: {error!r}"
            ) from error
        raise AssertionError("unreachable")

    def open(self, host: Host, crash: int | None = None) -> Process | None:
        host.opened += 1
        name = f"{host.name}{host.opened}"
        identity = Identity(actor=f"user-{host.name}", host=f"host-{host.name}")
        ok, store = self.call(
            None,
            host,
            f"open {name}",
            lambda: CaseStore(
                SharedDriveLog(self.share, host.local, identity=identity, clock_ms=self.clock(host))
            ),
            crash,
        )
        if not ok:
            return None
        proc = Process(name, host, store)
        host.procs.append(proc)
        return proc

    def record(
        self,
        proc: Process,
        kind: str,
        changes: list[Change],
        crash: int | None,
        publish: bool = True,
    ) -> None:
        IDS.issued = []
        ok, ops = self.call(
            proc,
            proc.host,
            f"record {kind}",
            lambda: proc.store.record(changes, publish=publish),
            crash,
        )
        if ok:
            for op in ops:
                self.acked[op.op_id] = Acked(op.op_id, kind, op.case_id, op.field, proc.name)
        elif not self.died:  # a change whose process died is in doubt: either outcome is fine
            for op_id in IDS.issued:
                self.refused[op_id] = f"{proc.name} record {kind} failed"
        IDS.issued = []

    def cases(self, proc: Process) -> list[Case]:
        return sorted(proc.store.cases(), key=lambda case: case.case_id)

    # --- setting up ---------------------------------------------------------------------------

    @initialize(count=st.integers(2, 3), doubles=st.sets(st.integers(0, 2)))
    def make_hosts(self, count: int, doubles: set[int]) -> None:
        if "doubles" in SKIP:
            doubles = set()
        for number in range(count):
            host = Host("abc"[number], self.root / f"host-{'abc'[number]}")
            self.hosts.append(host)
            for _ in range(2 if number in doubles else 1):
                proc = self.open(host)
                assert proc is not None
                self.call(proc, host, "first sync", proc.store.sync)
        self.steps.append(f"hosts {count}, two processes on {sorted(doubles)}")

    # --- changes ------------------------------------------------------------------------------

    @precondition(lambda self: self.live() and self.added < MAX_CASES)
    @precondition(lambda self: "add_case" not in SKIP)
    @rule(proc=st.integers(0, 5), closing=st.sampled_from(CLOSINGS), crash=CRASH)
    def add_case(self, proc: int, closing: str, crash: int | None) -> None:
        chosen = self.pick(proc)
        self.tick(f"{chosen.name}: add case closing {closing} crash={crash}")
        number = next(self.serial)
        self.added += 1
        fields = validate_case_fields(
            caregiver="Region Test",
            unit=f"Enhet {number}",
            hsa_id="SE2321000016-A2G8",
            closing=closing,
        )
        changes = actions.create_case(
            fields,
            TEMPLATE,
            case_id=f"case{number:03d}",
            actor=chosen.store.identity.actor,
            now=self.now_text(chosen.host),
        )
        self.record(chosen, "add", changes, crash)

    def change(
        self,
        proc: int,
        kind: str,
        case: int,
        key: str,
        closing: str,
        crash: int | None,
        publish: bool,
    ) -> None:
        chosen = self.pick(proc)
        cases = self.cases(chosen)
        self.tick(f"{chosen.name}: {kind} case#{case} {key} crash={crash}")
        if not cases:
            return
        target = cases[case % len(cases)]
        view = evaluate(target, TEMPLATE, TODAY)
        actor, now = chosen.store.identity.actor, self.now_text(chosen.host)
        number = next(self.serial)
        try:
            if kind == "edit":
                updates: dict[str, Any] = (
                    {"closing": dt.date.fromisoformat(closing)}
                    if TEMPLATE.keys.index(key) % 3 == 0  # (the key drawn picks the field)
                    else {"unit": f"Enhet {number}"}
                )
                changes = actions.edit_case(target, updates)
            elif kind == "done":
                changes = actions.mark_done(
                    view, TEMPLATE, key, actor=actor, now=now, today=TODAY, note=f"klar {number}"
                )
            elif kind == "undo":
                changes = actions.undo(view, TEMPLATE, key, actor=actor, now=now)
            elif kind == "check":
                changes = actions.record_check(
                    view, TEMPLATE, key, actor=actor, now=now, today=TODAY, note=f"koll {number}"
                )
            elif kind == "note":
                changes = actions.add_note(
                    target.case_id, actor=actor, now=now, text=f"anteckning {number}"
                )
            elif kind == "not-applicable":
                changes = actions.mark_not_applicable(
                    view, TEMPLATE, key, actor=actor, now=now, reason=f"skäl {number}"
                )
            else:
                conflicted = [found for found in cases if found.conflicts]
                if not conflicted:
                    return
                target = conflicted[case % len(conflicted)]
                changes = actions.resolve_conflict(target, target.conflicts[0].field, 1)
        except Refusal:
            return
        self.record(chosen, kind, changes, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "edit_what_a_colleague_edited" not in SKIP)
    @rule(proc=PROC, crash=CRASH)
    def edit_what_a_colleague_edited(self, proc: int, crash: int | None) -> None:
        """Change the field another process changed last (as soon as this one shows it)."""
        chosen = self.pick(proc)
        self.tick(f"{chosen.name}: edit what a colleague edited crash={crash}")
        theirs = [
            ack for ack in self.acked.values() if ack.kind == "edit" and ack.by != chosen.name
        ]
        if not theirs:
            return
        last = theirs[-1]
        target = chosen.store.case(last.case_id)
        if target is None or last.field != "case.unit":
            return
        number = next(self.serial)
        try:
            changes = actions.edit_case(target, {"unit": f"Enhet {number}"})
        except Refusal:
            return
        self.record(chosen, "edit", changes, crash)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "edit_case" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def edit_case(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "edit", case, key, closing, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "mark_done" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def mark_done(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "done", case, key, closing, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "undo" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def undo(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "undo", case, key, closing, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "record_check" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def record_check(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "check", case, key, closing, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "add_note" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def add_note(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "note", case, key, closing, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "mark_not_applicable" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def mark_not_applicable(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "not-applicable", case, key, closing, crash, publish)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "resolve_conflict" not in SKIP)
    @rule(proc=PROC, case=CASE, key=KEY, closing=CLOSING, crash=CRASH, publish=PUBLISH)
    def resolve_conflict(
        self, proc: int, case: int, key: str, closing: str, crash: int | None, publish: bool
    ) -> None:
        self.change(proc, "resolve", case, key, closing, crash, publish)

    # --- reading, syncing, snapshots ----------------------------------------------------------

    @precondition(lambda self: self.live())
    @precondition(lambda self: "refresh" not in SKIP)
    @rule(proc=st.integers(0, 5), crash=CRASH)
    def refresh(self, proc: int, crash: int | None) -> None:
        chosen = self.pick(proc)
        self.tick(f"{chosen.name}: refresh crash={crash}")
        self.call(chosen, chosen.host, "refresh", chosen.store.refresh, crash)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "sync" not in SKIP)
    @rule(proc=st.integers(0, 5), crash=CRASH)
    def sync(self, proc: int, crash: int | None) -> None:
        chosen = self.pick(proc)
        self.tick(f"{chosen.name}: sync crash={crash}")
        self.call(chosen, chosen.host, "sync", chosen.store.sync, crash)

    @precondition(lambda self: self.live())
    @precondition(lambda self: "snapshot" not in SKIP)
    @rule(proc=st.integers(0, 5), crash=CRASH)
    def snapshot(self, proc: int, crash: int | None) -> None:
        chosen = self.pick(proc)
        self.tick(f"{chosen.name}: snapshot crash={crash}")
        self.call(chosen, chosen.host, "snapshot", chosen.store.snapshot, crash, share_errors=True)

    # --- processes ----------------------------------------------------------------------------

    @precondition(lambda self: self.live())
    @precondition(lambda self: "restart" not in SKIP)
    @rule(proc=st.integers(0, 5), crash=CRASH)
    def restart(self, proc: int, crash: int | None) -> None:
        """The command ends (close) and another starts on the same local folder."""
        chosen = self.pick(proc)
        self.tick(f"{chosen.name}: close and reopen crash={crash}")
        self.call(chosen, chosen.host, "close", chosen.store.close, crash)
        if chosen in chosen.host.procs:  # (one that died was replaced already)
            chosen.host.procs.remove(chosen)
            self.open(chosen.host)

    @precondition(lambda self: "start_process" not in SKIP)
    @rule(host=st.integers(0, 2), crash=CRASH)
    def start_process(self, host: int, crash: int | None) -> None:
        chosen = self.hosts[host % len(self.hosts)]
        self.tick(f"{chosen.name}: start a process crash={crash}")
        if len(chosen.procs) < (1 if "doubles" in SKIP else 2):
            self.open(chosen, crash)

    # --- clocks -------------------------------------------------------------------------------

    @precondition(lambda self: "clock_jump" not in SKIP)
    @rule(host=st.integers(0, 2), jump=st.sampled_from(JUMPS))
    def clock_jump(self, host: int, jump: int) -> None:
        chosen = self.hosts[host % len(self.hosts)]
        chosen.offset_ms += jump
        self.tick(f"{chosen.name}: clock jumps {jump // MINUTE:+d} min")

    @precondition(lambda self: "time_passes" not in SKIP)
    @rule(minutes=st.integers(1, 90))
    def time_passes(self, minutes: int) -> None:
        self.now_ms += minutes * MINUTE
        self.tick(f"{minutes} minutes pass")

    # --- the share ----------------------------------------------------------------------------

    @precondition(lambda self: self.share_state == "here")
    @precondition(lambda self: "share_gone" not in SKIP)
    @rule()
    def share_gone(self) -> None:
        self.tick("share gone")
        self.share.rename(self.away)
        self.share_state = "gone"

    @precondition(lambda self: self.share_state == "here")
    @precondition(lambda self: "share_swapped" not in SKIP)
    @rule()
    def share_swapped(self) -> None:
        self.tick("share swapped for another store")
        if not self.foreign.exists():
            self.make_foreign()
        self.share.rename(self.away)
        self.foreign.rename(self.share)
        self.share_state = "swapped"

    @precondition(lambda self: "share_fault" not in SKIP)
    @rule(error=st.sampled_from(("read-only", "full", "nearly full")))
    def share_fault(self, error: str) -> None:
        self.tick(f"share {error}")
        code = errno.EROFS if error == "read-only" else errno.ENOSPC
        FAULTS.set_fault("share", self.share, code, allow=2 if error == "nearly full" else 0)

    @precondition(lambda self: "share_back" not in SKIP)
    @rule()
    def share_back(self) -> None:
        self.tick("share back")
        self.heal_share()

    def heal_share(self) -> None:
        FAULTS.clear_fault("share")
        if self.share_state == "gone":
            if self.share.exists():
                made = sorted(str(p.relative_to(self.share)) for p in self.share.rglob("*"))
                raise self.failure(
                    f"while the share was gone the store created {self.share}: {made}"
                )
            self.away.rename(self.share)
        elif self.share_state == "swapped":
            self.share.rename(self.foreign)
            self.away.rename(self.share)
        self.share_state = "here"

    def make_foreign(self) -> None:
        Share(self.foreign).create()
        log = SharedDriveLog(
            self.foreign,
            self.root / "foreign-local",
            identity=Identity(actor="other", host="other"),
            clock_ms=lambda: self.now_ms,
        )
        other = CaseStore(log)
        fields = validate_case_fields(
            caregiver="Annan region",
            unit="Främmande enhet",
            hsa_id="SE5565594230-YJ54",
            closing="2026-12-31",
        )
        ops = other.record(
            actions.create_case(
                fields, TEMPLATE, case_id="foreign", actor="other", now=self.now_text(self.hosts[0])
            )
        )
        other.sync()
        other.close()
        self.foreign_ops = {op.op_id for op in ops}

    # --- local folders ------------------------------------------------------------------------

    @precondition(lambda self: "local_disk_full" not in SKIP)
    @rule(host=st.integers(0, 2), allow=st.sampled_from((0, 1, 2)))
    def local_disk_full(self, host: int, allow: int) -> None:
        chosen = self.hosts[host % len(self.hosts)]
        self.tick(f"{chosen.name}: local disk full after {allow} writes")
        FAULTS.set_fault(f"local-{chosen.name}", chosen.local, errno.ENOSPC, allow=allow)

    @precondition(lambda self: "local_disk_freed" not in SKIP)
    @rule(host=st.integers(0, 2))
    def local_disk_freed(self, host: int) -> None:
        chosen = self.hosts[host % len(self.hosts)]
        self.tick(f"{chosen.name}: local disk freed")
        FAULTS.clear_fault(f"local-{chosen.name}")

    @precondition(lambda self: "backup_local" not in SKIP)
    @rule(host=st.integers(0, 2))
    def backup_local(self, host: int) -> None:
        chosen = self.hosts[host % len(self.hosts)]
        self.tick(f"{chosen.name}: local folder backed up")
        chosen.backup = self.root / f"backup-{chosen.name}"
        if chosen.backup.exists():
            shutil.rmtree(chosen.backup)
        shutil.copytree(chosen.local, chosen.backup)

    @precondition(lambda self: any(host.backup for host in self.hosts))
    @precondition(lambda self: "restore_local" not in SKIP)
    @rule(host=st.integers(0, 2))
    def restore_local(self, host: int) -> None:
        backed = [found for found in self.hosts if found.backup]
        chosen = backed[host % len(backed)]
        self.tick(f"{chosen.name}: local folder restored from the backup")
        for proc in list(chosen.procs):  # every command of the host ends first
            self.call(proc, chosen, "close", proc.store.close)
            if proc in chosen.procs:
                chosen.procs.remove(proc)
        # What had not reached the share is lost with the local folder: not the store's fault.
        on_share = store_op_ids(self.share if self.share_state == "here" else self.away)
        self.forgiven |= {op_id for op_id in self.acked if op_id not in on_share}
        shutil.rmtree(chosen.local)
        assert chosen.backup is not None
        shutil.copytree(chosen.backup, chosen.local)
        self.open(chosen)

    # --- the end ------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            if not self.failed:
                self.final_check()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def final_check(self) -> None:
        self.steps.append("end: heal everything, sync every process twice, open a fresh host")
        FAULTS.faults.clear()
        self.heal_share()
        for host in self.hosts:
            host.offset_ms = 0
            if not host.procs and self.open(host) is None:
                raise self.failure(f"{host.name}: cannot open the store after healing")
        for round_ in (1, 2):
            for proc in self.live():
                ok, _ = self.call(proc, proc.host, f"final sync {round_}", proc.store.sync)
                if not ok:
                    raise self.failure(f"{proc.name}: final sync {round_} failed")
        for proc in self.live():
            waiting = proc.store.log.pending_count()  # type: ignore[attr-defined]
            if waiting:
                raise self.failure(
                    f"{proc.name}: {waiting} batches still wait in the outbox after sync"
                )
        fresh_host = Host("fresh", self.root / "host-fresh")
        fresh = self.open(fresh_host)
        if fresh is None:
            raise self.failure("a fresh host cannot open the store")
        assert fresh is not None
        seen = {op.op_id for op in fresh.store.ledger.ops()}
        required = set(self.acked) - self.forgiven
        missing = sorted(required - seen)
        if missing:
            lost = [self.acked[op_id] for op_id in missing]
            raise self.failure(f"a fresh host lacks {len(missing)} acknowledged changes: {lost}")
        for proc in [*self.live(), fresh]:
            ids = {op.op_id for op in proc.store.ledger.ops()}
            written = sorted(ids & set(self.refused))
            if written:
                raise self.failure(
                    f"{proc.name} shows changes whose record failed: "
                    f"{[self.refused[i] for i in written]}"
                )
            mixed = ids & self.foreign_ops
            if mixed:
                raise self.failure(f"{proc.name} shows {len(mixed)} operations of another store")
        check_causality(fresh.store.ledger.ops())
        expected = render(fresh.store, self.share, fresh_host.local)
        for proc in self.live():
            shown = render(proc.store, self.share, proc.host.local)
            for key in sorted(set(expected) | set(shown)):
                if shown.get(key) != expected.get(key):
                    raise self.failure(
                        f"{proc.name} and a fresh host differ in {key}:\n"
                        f"{shown.get(key)}\n--- fresh host:\n{expected.get(key)}"
                    )


def check_causality(ops: Iterator[Operation]) -> None:
    """A change made after seeing another sorts after it (its clock observed what it read)."""
    every = {op.op_id: op for op in ops}
    for op in every.values():
        for replaced in op.base:
            before = every.get(replaced)
            if before is not None and HybridClock.parse(before.hlc) >= HybridClock.parse(op.hlc):
                raise Failure(
                    f"{op.field} of {op.case_id}: {op.hlc} by {op.writer} replaced "
                    f"{before.hlc} by {before.writer} yet sorts before it"
                )


def test_the_store_keeps_its_promise_under_any_schedule() -> None:
    with FAULTS.installed(), deterministic_ids():
        run_state_machine_as_test(StoreModel, settings=SETTINGS)
