"""Make a realistic store quickly: years of closures from several writers, as the app writes them.

    python bench/make_store.py --cases 10000 --active 300 --out DIR [--ops K] [--writers W]
                               [--snapshots S] [--tail T] [--seed N] [--check]

``DIR/store`` is a store (made by the real ``Share.create``) whose history is what the app
would have written: every change is made by the core's actions (``tui.core.actions``) through the
checklist's rules on the day it happened, turned into operations as ``CaseStore.record`` does
(a base of what the writer saw, a hybrid-logical-clock stamp, the writer's wall time), and
written in the real wire format (``Batch``/``Snapshot.encode`` with the store's id): one batch
file per command, each writer numbering its own. ``M`` cases are open, a third in each phase
(before closing, monitoring, ready for EK/HSA); the rest are completed (every item done or not
applicable, checks recorded, closed months or years ago). ``DIR/local`` is a host's local folder
brought up to date by one real ``sync``; ``DIR/manifest.json`` names the cases and the ones the
benchmarks act on.

History on the share: ``--snapshots S`` snapshots (default 1, as the app's automatic tidy-up
or someone's ``sync --snapshot`` left it some time ago: open cases' operations, complete cases
packed), then the last ``--tail T`` batches (default 1,000), which each writer has folded into
segments as the app does after it publishes.
The snapshot's clean-up has removed the batch files it covers; with S > 1 the older snapshots
are still there too (as when their clean-up found the lock taken). S = 0: nobody ever made a
snapshot, every batch is a file.

Operations: a case's creation is 10 operations (its fields), each item change one, each check
one; a completed case has about 18 (``--ops`` adds checks, notes and edits to reach K in all;
fewer than the history needs is not possible and is said).

Dates are relative to today in Europe/Stockholm, so ``done``, ``check`` and ``undo`` (which take
today from the clock) act on the cases as the manifest says: make the store on the day you use it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core import actions
from tui.core.case import Case, Level, case_from_ledger, read_case
from tui.core.case_fields import CaseFields
from tui.core.dates import stockholm, threshold_date, today_in_stockholm
from tui.core.errors import Refusal
from tui.core.operations import Change, HybridClock, Ledger, Operation
from tui.core.rules import CaseView, ItemStatus, Phase, evaluate, is_complete
from tui.core.template import Template, default_template
from tui.demo.bulk import PLACES as DEMO_PLACES
from tui.demo.bulk import UNIT_KINDS as DEMO_UNIT_KINDS
from tui.store.archive import ArchivedCase
from tui.store.compaction import compact_writer
from tui.store.files import FILE_MODE, group_umask
from tui.store.identity import Identity, wall_clock_ms
from tui.store.share import OPS, Share
from tui.store.wire import Batch, Snapshot, batch_name

# The demo's unit kinds and places, and more of them: a region's worth of names.
UNIT_KINDS = (*DEMO_UNIT_KINDS, "Geriatriska kliniken", "Akutmottagningen")
PLACES = (*DEMO_PLACES, "Södertälje", "Norrtälje", "Huddinge", "Solna")
CAREGIVERS = (
    ("Region Stockholm", "2321000016"),
    ("Region Stockholm", "2321000016"),
    ("Region Stockholm", "2321000016"),
    ("Capio Närsjukvård AB", "5565594230"),
)
ACTORS = (
    "anna.lind",
    "bengt.ek",
    "cecilia.holm",
    "david.berg",
    "eva.sjoberg",
    "fredrik.nyman",
    "gunilla.ahl",
    "hassan.omar",
    "ingrid.falk",
    "jonas.wik",
)
HOSTS = ("forv-jump-01", "forv-jump-02", "ekhsa-01", "vc-skogsbacken-01")
SUFFIX = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
MAIL_KEYS = {Level.VARDENHET: "sparrgrupp-upphor", Level.ENHET: "vardenhet-upphor"}
MONITORED = ("bevaka-fraga-svar", "fil-i-fail")
EK_HSA = ("hsa-verksamhet", "hsa-medarbetaruppdrag")
OPEN_KINDS = (Phase.BEFORE_CLOSING, Phase.MONITORING, Phase.READY_FOR_EK_HSA)
DAY = dt.timedelta(days=1)
NA_REASON = "Enheten har aldrig använt fil i fail"


@dataclass
class Writer:
    host: str
    actor: str
    writer_id: str
    seq: int = 0


@dataclass(order=True)
class Step:
    """One command someone ran on a case: when, and what."""

    ms: int
    action: str = field(compare=False)
    key: str = field(default="", compare=False)
    text: str = field(default="", compare=False)


@dataclass
class Plan:
    case_id: str
    kind: Phase  # the phase the case is meant to be in today (COMPLETE: archived)
    fields: CaseFields
    steps: list[Step]


@dataclass
class PendingBatch:
    ms: int
    writer: int
    ops: list[Operation]


@dataclass
class Built:
    out: Path
    store: Path
    local: Path
    store_id: str
    today: dt.date
    cases: dict[str, Case]  # the final state of every case, as the history folds
    views: dict[str, CaseView]  # evaluated today
    open_ids: list[str]
    targets: dict[str, list[str]]  # command -> [case id, item key]
    ops: int
    batches: int
    batch_files: int
    snapshots: int
    refused: int
    seconds: dict[str, float]

    def manifest(self) -> dict[str, Any]:
        phases: dict[str, int] = {}
        for view in self.views.values():
            phases[view.phase.value] = phases.get(view.phase.value, 0) + 1
        return {
            "today": self.today.isoformat(),
            "store_id": self.store_id,
            "cases": len(self.cases),
            "open": self.open_ids,
            "phases": phases,
            "targets": self.targets,
            "operations": self.ops,
            "batches": self.batches,
            "batch_files": self.batch_files,
            "snapshots": self.snapshots,
            "seconds": self.seconds,
        }


class Planner:
    """Draws the cases and their histories (deterministic for a seed and a day)."""

    def __init__(self, rng: random.Random, today: dt.date, now_ms: int) -> None:
        self.rng = rng
        self.today = today
        self.now_ms = now_ms
        self.yesterday = today - DAY
        self.used_ids: set[str] = set()
        self.used_hsa: set[str] = set()

    def moment(self, day: dt.date) -> int:
        """A moment in office hours on ``day`` (ms since the epoch)."""
        minute = self.rng.randrange(8 * 60, 16 * 60 + 30)
        when = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), stockholm())
        return int(when.timestamp()) * 1000 + self.rng.randrange(0, 60_000)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        last = min(last, self.yesterday)
        if last <= first:
            return min(first, self.yesterday)
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def case_id(self) -> str:
        while True:
            found = "".join(self.rng.choice(actions.CASE_ID_ALPHABET) for _ in range(6))
            if found not in self.used_ids:
                self.used_ids.add(found)
                return found

    def hsa_id(self, organisation: str) -> str:
        while True:
            suffix = "".join(self.rng.choice(SUFFIX) for _ in range(self.rng.choice((4, 5))))
            found = f"SE{organisation}-{suffix}"
            if found not in self.used_hsa:
                self.used_hsa.add(found)
                return found

    def closing(self, kind: Phase) -> dt.date:
        if kind is Phase.COMPLETE:  # closed months or years ago
            return self.today - dt.timedelta(days=self.rng.randrange(130, 5 * 365))
        if kind is Phase.BEFORE_CLOSING:
            return self.today + dt.timedelta(days=self.rng.randrange(3, 90))
        if kind is Phase.MONITORING:
            return self.today - dt.timedelta(days=self.rng.randrange(1, 80))
        while True:  # ready for EK/HSA: T has passed
            closing = self.today - dt.timedelta(days=self.rng.randrange(95, 160))
            if threshold_date(closing) <= self.today:
                return closing

    def plan(self, kind: Phase, number: int) -> Plan:
        rng = self.rng
        closing = self.closing(kind)
        threshold = threshold_date(closing)
        caregiver, organisation = rng.choice(CAREGIVERS)
        level = rng.choice((Level.ENHET, Level.VARDENHET))
        ceases = rng.random() < 0.05
        removal = (
            closing + dt.timedelta(days=rng.randrange(30, 200)) if rng.random() < 0.2 else None
        )
        unit = f"{rng.choice(UNIT_KINDS)} {rng.choice(PLACES)} {number + 1}"
        fields = CaseFields(
            caregiver, unit, self.hsa_id(organisation), closing, removal, level, ceases
        )
        created = closing - dt.timedelta(days=rng.randrange(20, 75))
        if kind is Phase.BEFORE_CLOSING:
            created = self.today - dt.timedelta(days=rng.randrange(1, 40))
        steps = [Step(self.moment(created), "create")]
        after_created = created + DAY

        def at(first: dt.date, last: dt.date, action: str, key: str = "", text: str = "") -> None:
            day = self.day_between(max(first, after_created), last)
            steps.append(Step(self.moment(day), action, key, text))

        before_keys = ["vart-arbete", MAIL_KEYS[level]]
        if ceases:
            before_keys.append("vardgivare-upphor")
        done_share = {
            Phase.COMPLETE: 1.0,
            Phase.READY_FOR_EK_HSA: 0.9,
            Phase.MONITORING: 0.85,
            Phase.BEFORE_CLOSING: 0.4,
        }[kind]
        for key in before_keys:
            if kind is Phase.BEFORE_CLOSING and created >= self.yesterday:
                break
            if rng.random() < done_share:
                last = closing - DAY if rng.random() < 0.9 else closing + dt.timedelta(days=10)
                at(after_created, last, "done", key, rng.choice(("", "", "klart", "mejl skickat")))
                if rng.random() < 0.02:  # a mistake, undone and done again the next days
                    steps.append(Step(steps[-1].ms + 86_400_000, "undo", key))
                    steps.append(Step(steps[-1].ms + 86_400_000, "done", key))
        if kind is not Phase.BEFORE_CLOSING:
            watched = list(MONITORED)
            if kind is Phase.COMPLETE and rng.random() < 0.05:  # decided before closing
                at(closing - dt.timedelta(days=10), closing - DAY, "na", "fil-i-fail", NA_REASON)
                watched.remove("fil-i-fail")
            for key in watched:
                if kind is Phase.COMPLETE:  # the checks of long ago: a few are recorded
                    at(closing, threshold - DAY, "check", key, rng.choice(("", "inget nytt")))
                    continue
                # An open case is checked about weekly, as the dashboard asks (a week missed
                # now and then).
                day = closing + dt.timedelta(days=rng.randrange(1, 8))
                while day < min(threshold, self.today):
                    if rng.random() < 0.85:
                        note = rng.choice(("", "", "inget nytt"))
                        steps.append(Step(self.moment(day), "check", key, note))
                    day += dt.timedelta(days=7 + rng.choice((-1, 0, 0, 1)))
            if kind is Phase.COMPLETE:
                for key in watched:
                    at(threshold, threshold + dt.timedelta(days=20), "done", key)
                for key in EK_HSA:
                    at(threshold, threshold + dt.timedelta(days=30), "done", key)
            elif kind is Phase.READY_FOR_EK_HSA:
                for key in MONITORED:
                    if rng.random() < 0.5:
                        at(threshold, self.yesterday, "done", key)
                if rng.random() < 0.3:  # one of the EK/HSA items, never both: still open
                    at(threshold, self.yesterday, "done", rng.choice(EK_HSA))
        if rng.random() < 0.05:
            at(created, min(threshold, self.yesterday), "edit", text=f"{unit} (ny adress)")
        if rng.random() < 0.1:
            at(created, min(threshold, self.yesterday), "note", text="Kontakt med enhetschefen")
        return Plan(self.case_id(), kind, fields, sorted(steps))

    def pad(self, plans: list[Plan], extra: int) -> None:
        """Add ``extra`` operations: checks in the monitoring windows that have passed (most),
        notes and edits."""
        windows = [plan for plan in plans if plan.kind is not Phase.BEFORE_CLOSING]
        if not windows:
            windows = plans
        for _ in range(extra):
            plan = self.rng.choice(windows)
            closing = plan.fields.closing
            last_check = min(threshold_date(closing) - DAY, self.yesterday)
            roll = self.rng.random()
            if plan.kind is not Phase.BEFORE_CLOSING and roll < 0.85 and closing < last_check:
                day = self.day_between(closing, last_check)
                watched = [
                    key
                    for key in MONITORED
                    if not any(s.action == "na" and s.key == key for s in plan.steps)
                ]
                step = Step(self.moment(day), "check", self.rng.choice(watched), "")
            else:
                first = dt.date.fromtimestamp(plan.steps[0].ms / 1000) + DAY
                day = self.day_between(first, min(threshold_date(closing), self.yesterday))
                step = Step(self.moment(day), "note", "", "Uppföljning")
            plan.steps.append(step)
            plan.steps.sort()


def ops_of(plan: Plan) -> int:
    return sum(10 if step.action == "create" else 1 for step in plan.steps)


def make_writers(count: int, rng: random.Random) -> list[Writer]:
    writers = []
    for index in range(count):
        host, actor = HOSTS[index % len(HOSTS)], ACTORS[index % len(ACTORS)]
        safe = "".join(char if char.isalnum() else "_" for char in f"{host}-{actor}")
        writers.append(Writer(host, actor, f"{safe}-{rng.getrandbits(32):08x}"))
    return writers


def perform(step: Step, plan: Plan, ledger: Ledger, actor: str, template: Template) -> list[Change]:
    """The changes the command would make, through the core's actions as of that moment."""
    moment = dt.datetime.fromtimestamp(step.ms // 1000, stockholm())
    now, today = moment.isoformat(), moment.date()
    if step.action == "create":
        return actions.create_case(
            plan.fields, template, case_id=plan.case_id, actor=actor, now=now
        )
    if step.action == "note":
        return actions.add_note(plan.case_id, actor=actor, now=now, text=step.text)
    case = case_from_ledger(ledger, plan.case_id)
    if case is None:
        raise Refusal("case.not_found", ref=plan.case_id)
    if step.action == "edit":
        return actions.edit_case(case, {"unit": step.text})
    view = evaluate(case, template, today)
    note = step.text or None
    if step.action == "done":
        return actions.mark_done(
            view, template, step.key, actor=actor, now=now, today=today, note=note
        )
    if step.action == "check":
        return actions.record_check(
            view, template, step.key, actor=actor, now=now, today=today, note=note
        )
    if step.action == "undo":
        return actions.undo(view, template, step.key, actor=actor, now=now)
    if step.action == "na":
        return actions.mark_not_applicable(
            view, template, step.key, actor=actor, now=now, reason=step.text
        )
    raise ValueError(step.action)


def stamp_ops(
    changes: list[Change], ledger: Ledger, writer: Writer, ms: int, rng: random.Random
) -> list[Operation]:
    """Operations as ``CaseStore.record`` makes them: each replaces what the writer saw."""
    return [
        Operation(
            op_id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
            writer=writer.writer_id,
            seq=0,  # numbered when the batches are put in time order
            hlc=HybridClock.format(ms, index),
            case_id=change.case_id,
            field=change.field,
            value=change.value,
            base=ledger.heads(change.case_id, change.field),
            actor=writer.actor,
            host=writer.host,
            wall=ms,
        )
        for index, change in enumerate(changes)
    ]


def write_file(path: Path, data: bytes) -> None:
    """A file as the share holds it (group-only mode); no fsync: this is a fixture."""
    with group_umask():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def build(
    out: Path,
    cases: int,
    active: int,
    *,
    ops: int | None = None,
    writers: int = 6,
    snapshots: int = 1,
    tail: int = 1000,
    seed: int = 1,
    sync_local: bool = True,
    say: Callable[[str], None] = lambda _line: None,
) -> Built:
    """Make ``out/store`` and ``out/local`` (``out`` must not hold either yet)."""
    if active > cases:
        raise ValueError("--active cannot exceed --cases")
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    rng = random.Random(seed)
    template = default_template()
    today, now_ms = today_in_stockholm(), wall_clock_ms()
    planner = Planner(rng, today, now_ms)
    kinds = [OPEN_KINDS[index % 3] for index in range(active)]
    kinds += [Phase.COMPLETE] * (cases - active)
    rng.shuffle(kinds)
    plans = [planner.plan(kind, number) for number, kind in enumerate(kinds)]
    natural = sum(ops_of(plan) for plan in plans)
    if ops is not None and ops > natural:
        planner.pad(plans, ops - natural)
    elif ops is not None and ops < natural:
        say(f"make_store: --ops {ops} is fewer than the history needs; made {natural}")
    crew = make_writers(writers, rng)

    # Play every case's commands through the core's actions, on a ledger of that case alone.
    pending: list[PendingBatch] = []
    final: dict[str, Case] = {}
    refused = 0
    for plan in plans:
        ledger = Ledger()
        for step in plan.steps:
            who = rng.randrange(len(crew))
            try:
                changes = perform(step, plan, ledger, crew[who].actor, template)
            except Refusal:
                refused += 1
                continue
            batch_ops = stamp_ops(changes, ledger, crew[who], step.ms, rng)
            ledger.apply_all(batch_ops)
            pending.append(PendingBatch(step.ms, who, batch_ops))
        case = case_from_ledger(ledger, plan.case_id)
        if case is None:
            raise RuntimeError(f"case {plan.case_id} did not fold")
        final[plan.case_id] = case
    seconds["plan"] = time.perf_counter() - started

    # Number every writer's batches in time order, as each writer's commands would have.
    pending.sort(key=lambda batch: (batch.ms, batch.writer))
    batches: list[Batch] = []
    for item in pending:
        writer = crew[item.writer]
        writer.seq += 1
        batches.append(
            Batch(writer.writer_id, writer.seq, tuple(op.with_seq(writer.seq) for op in item.ops))
        )
    mark = time.perf_counter()

    store, local = out / "store", out / "local"
    out.mkdir(parents=True, exist_ok=True)
    share = Share(store)
    store_id, created = share.create()
    if not created:
        raise FileExistsError(f"{store} is a store already")
    covered_count = len(batches) - min(tail, len(batches)) if snapshots else 0
    ledger = Ledger()
    covered: dict[str, int] = {}
    done = 0
    for number in range(1, snapshots + 1 if covered_count else 1):
        upto = covered_count * number // snapshots
        for batch in batches[done:upto]:
            ledger.apply_all(batch.ops)
            covered[batch.writer] = batch.seq
        done = upto
        last_ms = pending[upto - 1].ms if upto else now_ms - 86_400_000
        hlc = HybridClock.format(last_ms + 60_000, 0)
        data = snapshot_bytes(ledger, dict(covered), template, store_id)
        share.publish_snapshot(data, hlc, rng.choice(crew).writer_id)
    files = batches[covered_count:]
    folders: set[str] = set()
    for batch in files:
        if batch.writer not in folders:
            share.folder(OPS, batch.writer)
            folders.add(batch.writer)
        write_file(store / OPS / batch.writer / batch_name(batch.seq), batch.encode(store_id))
    for writer in crew:
        # As the app does after each publish: a writer folds its loose batch files into segments.
        compact_writer(share, writer.writer_id, store_id)
        share.beat(writer.writer_id, writer.host, writer.actor, wall_clock_ms())
    seconds["write"] = time.perf_counter() - mark

    views = {case_id: evaluate(case, template, today) for case_id, case in final.items()}
    open_ids = sorted(cid for cid, view in views.items() if view.phase is not Phase.COMPLETE)
    if len(open_ids) != active:
        raise RuntimeError(f"{len(open_ids)} cases are open, not {active}")

    if sync_local:
        mark = time.perf_counter()
        sync_local_folder(store, local)
        seconds["sync"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    built = Built(
        out=out,
        store=store,
        local=local,
        store_id=store_id,
        today=today,
        cases=final,
        views=views,
        open_ids=open_ids,
        targets=pick_targets(views),
        ops=sum(len(batch.ops) for batch in batches),
        batches=len(batches),
        batch_files=len(files),
        snapshots=snapshots if covered_count else 0,
        refused=refused,
        seconds=seconds,
    )
    (out / "manifest.json").write_text(json.dumps(built.manifest(), indent=1) + "\n")
    return built


def snapshot_bytes(
    ledger: Ledger, covered: dict[str, int], template: Template, store_id: str
) -> bytes:
    """A snapshot as the app writes one: the open cases' operations, the complete ones packed."""
    held: list[Operation] = []
    archive: list[ArchivedCase] = []
    for case_id in ledger.case_ids():
        found = read_case(ledger, case_id)
        if isinstance(found, Case) and is_complete(found, template):
            archive.append(ArchivedCase.pack(case_id, ledger.history(case_id)))
        else:
            held += ledger.history(case_id)
    return Snapshot(covered, tuple(held), archive=tuple(archive)).encode(store_id)


def sync_local_folder(store: Path, local: Path) -> None:
    """One real sync of this host's local folder (the store's own code, as ``stangning sync``)."""
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

    log = SharedDriveLog(store, local, Identity())
    case_store = CaseStore(log)
    try:
        report = case_store.sync()
        if not report.reachable or report.quarantined:
            raise RuntimeError(f"the sync of the made store failed: {report}")
    finally:
        case_store.close()


def pick_targets(views: dict[str, CaseView]) -> dict[str, list[str]]:
    """Cases the benchmarks act on: each command is allowed on its case today."""
    targets: dict[str, list[str]] = {}
    for case_id in sorted(views):
        view = views[case_id]
        if view.phase is Phase.COMPLETE:
            targets.setdefault("archived", [case_id])  # read from the archive when asked
            continue
        first = view.item("vart-arbete")
        watch = view.item("bevaka-fraga-svar")
        if view.phase is Phase.BEFORE_CLOSING and first.status is ItemStatus.TODO:
            targets.setdefault("done", [case_id, "vart-arbete"])
        if watch.status is ItemStatus.MONITORING and watch.applicable:
            targets.setdefault("check", [case_id, "bevaka-fraga-svar"])
            targets.setdefault("edit", [case_id])
        if first.status is ItemStatus.DONE and view.phase is not Phase.BEFORE_CLOSING:
            targets.setdefault("undo", [case_id, "vart-arbete"])
    return targets


def stangning_command() -> list[str]:
    """The installed ``stangning`` entry point next to this Python (a venv's), else on PATH,
    else ``python -m tui``."""
    beside = Path(sys.executable).with_name("stangning")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("stangning")
    return [found] if found else [sys.executable, "-m", "tui"]


def child_env(scratch: Path) -> dict[str, str]:
    """The environment of a measured command: no user config, no store from the environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("STANGNING_")}
    env["STANGNING_CONFIG"] = str(scratch / "no-config.toml")
    return env


def self_check(built: Built) -> list[str]:
    """What the store shows through the real command line; the problems found (none: fine)."""
    problems = []
    base = [*stangning_command(), "--store", str(built.store), "--local", str(built.local)]
    env = child_env(built.out)
    for extra, expected in ((["--all"], sorted(built.cases)), ([], built.open_ids)):
        result = subprocess.run(
            [*base, "case", "list", "--json", *extra],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            problems.append(f"case list {extra}: exit {result.returncode}: {result.stderr[:300]}")
            continue
        listed = json.loads(result.stdout)
        found = sorted(row["id"] for row in listed)
        if found != expected:
            problems.append(f"case list {extra}: {len(found)} cases, expected {len(expected)}")
        if not extra:
            phases = {row["phase"] for row in listed}
            if (
                built.open_ids
                and len(built.open_ids) >= 3
                and phases != {p.value for p in OPEN_KINDS}
            ):
                problems.append(f"open cases' phases: {sorted(phases)}")
        if result.stderr:
            problems.append(f"case list {extra} said: {result.stderr[:300]}")
    if len(built.open_ids) >= 3:
        for name in ("done", "check", "undo", "edit"):
            if name not in built.targets:
                problems.append(f"no case to '{name}'")
    with contextlib.suppress(OSError):
        quarantined = list((built.store / "quarantine").iterdir())
        if quarantined:
            problems.append(f"files set aside: {quarantined[:3]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--active", type=int, required=True)
    parser.add_argument("--ops", type=int, help="operations in all (default: the history's own)")
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--snapshots", type=int, default=1)
    parser.add_argument(
        "--tail", type=int, default=1000, help="batches after the snapshot (folded into segments)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--check", action="store_true", help="check it through the real CLI")
    args = parser.parse_args()
    out = args.out.absolute()
    if (out / "store").exists() or (out / "local").exists():
        print(f"make_store: {out} holds a store already", file=sys.stderr)
        return 2
    built = build(
        out,
        args.cases,
        args.active,
        ops=args.ops,
        writers=args.writers,
        snapshots=args.snapshots,
        tail=args.tail,
        seed=args.seed,
        say=lambda line: print(line, file=sys.stderr),
    )
    manifest = built.manifest()
    timing = ", ".join(f"{name} {value:.1f} s" for name, value in built.seconds.items())
    print(
        f"{out}: {len(built.cases)} cases ({len(built.open_ids)} open: {manifest['phases']}), "
        f"{built.ops} operations in {built.batches} batches from {args.writers} writers; "
        f"{built.snapshots} snapshot(s) + {built.batch_files} batches after it (in segments); "
        f"{timing}"
    )
    if built.refused:
        print(f"make_store: {built.refused} planned commands were refused by the rules")
    if args.check:
        mark = time.perf_counter()
        problems = self_check(built)
        took = time.perf_counter() - mark
        for problem in problems:
            print(f"check: FAIL {problem}")
        if problems:
            return 1
        print(f"check: ok (case list and case list --all through the CLI, {took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
