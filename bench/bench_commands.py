"""Whole-process figures for what users run (issue 10). Not tests: they print figures, ratios and
the issue's targets, measured in one run; they assert nothing.

    python bench/bench_commands.py            # the full run: 300 and 10,000 cases, 100,000 changes
    python bench/bench_commands.py --quick    # a few minutes: 300 and 3,000 cases, 10,000 changes

1. Each command (``done``, ``check``, ``undo``, ``case edit``, ``status``, ``case list``,
   ``status --nagios``, ``metrics``, ``notify --dry-run``) as a whole process of the installed
   ``stangning`` entry point (the one beside this Python, as ``pip install`` makes it; every row
   runs it the same way), at 300 cases (all open) and at 10,000 cases (300 open), on stores made
   by make_store.py. Every run starts from a fresh copy of the store and the local folder (same
   paths, synced to disk), so runs do not accumulate. Paired in the same run with two baselines
   holding the same cases, each a whole Python process too (baselines.py): a naive TinyDB file
   (one document per case, JSONStorage) and SQLite in WAL mode, doing the equivalent change or
   read. Each iteration runs all six (command and baselines at both sizes) in a rotating order;
   warm-up iterations are dropped. Time: median and p90 of the wall time from start to exit;
   memory: the child's peak RSS (``ru_maxrss`` from ``os.wait4``), the highest over the runs.
2. 100,000 changes made through the in-process store API (``CaseStore.record`` per change, with
   publish, as commands do) on the 10,000-case store by several writers (each its own local
   folder; its cases its own, so no conflicts), in a few processes; each writer's store is
   reopened every ``--session`` changes (a command or dashboard session ends) and polls
   (``refresh``) every ``--poll-every`` changes, as a dashboard does, and tidies up when its
   session ends as a command does (a snapshot when the share holds too much). Nobody runs
   ``sync --snapshot``. At 1,000, 10,000 and 100,000 changes: the files on the share, and the
   idle poll (``CaseStore.refresh()`` with nothing new, median of 100) of another host that is
   up to date.
   At the end: a fresh host's first ``case list`` (whole process, an empty local folder).

Workloads of part 2 (``--workload``): ``lifecycle`` (the default) works each open closure for
``--life`` changes (30), then finishes it (every open item done or not applicable) and opens a
new one in its place, so 300 stay open and the archive grows as a region's does (100,000 changes
finish about 3,000 closures); ``open`` puts every change on the first 300 open cases (~350
operations each, far more than a real closure gathers): the open cases alone are then ~107,000
operations, which every command and a fresh host pay for.

The full run takes about 6 minutes (2 cores, December 2026: a 10,000-case command takes ~0.2 s,
the 100,000 changes ~4.5 minutes); the quick run under 2. ``--keep DIR`` keeps the stores;
``--sizes``, ``--repeat``, ``--changes`` and the rest change the sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import make_store

BENCH = Path(__file__).resolve().parent
BASELINES = BENCH / "baselines.py"
MIB = 1024  # ru_maxrss is in KiB on Linux

RATIO_TARGET = 1.3
VS_TINYDB_TARGET = 2.0
MEMORY_TARGET_MIB = 80
FRESH_TARGET_S = 1.0
FILES_TARGET = 500
POLL_TARGET_MS = 5.0


# --- running a child and measuring it -------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    rss_mib: float


@dataclass
class Series:
    samples: list[Sample] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [sample.seconds for sample in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p90(self) -> float:
        times = sorted(self.times)
        if len(times) < 2:
            return times[0]
        return statistics.quantiles(times, n=10, method="inclusive")[8]

    @property
    def peak_mib(self) -> float:
        return max(sample.rss_mib for sample in self.samples)


class ChildFailed(RuntimeError):
    pass


# The measured processes are started by this small helper, not by the benchmark itself: a child's
# ru_maxrss starts from its parent's resident size when it is forked (Linux carries the memory
# high-water mark over exec), and the benchmark holds whole stores in memory. The helper, a bare
# Python of ~10 MiB, starts each command with posix_spawn, times it from start to exit, and
# reports the exit status and ru_maxrss that wait4 gives for it.
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, job["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(job["argv"][0], job["argv"], os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"seconds": seconds, "maxrss_kib": usage.ru_maxrss, "code": code}), flush=True)
"""


class Spawner:
    """Runs whole processes and measures them (see SPAWNER)."""

    def __init__(self, env: dict[str, str], scratch: Path) -> None:
        self.scratch = scratch
        # One process per command, measured whole: without this the installed command forks
        # before its first share call (tui/cli/detach.py) and exits when the child reports, so
        # wait4 would see only the small parent.
        env = {**env, "STANGNING_DETACH": "0"}
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=scratch,
            text=True,
        )

    def run(self, argv: Sequence[str], ok: Sequence[int] = (0,)) -> Sample:
        out_path, err_path = self.scratch / "child.out", self.scratch / "child.err"
        program = shutil.which(argv[0]) or argv[0]
        job = {"argv": [program, *argv[1:]], "out": str(out_path), "err": str(err_path)}
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise ChildFailed("the spawner stopped")
        found = json.loads(answer)
        if found["code"] not in ok:
            detail = err_path.read_text(errors="replace").strip()[-600:]
            raise ChildFailed(f"{' '.join(argv[-6:])}: exit {found['code']}: {detail}")
        return Sample(found["seconds"], found["maxrss_kib"] / MIB)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def replace_tree(master: Path, work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(master, work, symlinks=True)


def replace_file(master: Path, work: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        target = work.with_name(work.name + suffix)
        if target.exists():
            target.unlink()
    shutil.copy2(master, work)


# --- the stores and their baselines -------------------------------------------------------------


def case_doc(case: Any) -> dict[str, Any]:
    """A case's folded state as one document (what the naive baselines keep)."""
    return {
        "case_id": case.case_id,
        "caregiver": case.caregiver,
        "unit": case.unit,
        "hsa_id": case.hsa_id,
        "closing": case.closing.isoformat(),
        "removal": case.removal.isoformat() if case.removal else None,
        "level": case.level.value,
        "caregiver_ceases": case.caregiver_ceases,
        "template_version": case.template_version,
        "created_at": case.created_at,
        "created_by": case.created_by,
        "items": {key: record.to_value() for key, record in case.items.items()},
        "checks": {
            key: [{"id": c.check_id, "at": c.at, "by": c.by, "note": c.note} for c in checks]
            for key, checks in case.checks.items()
        },
        "notes": [{"id": n.note_id, "at": n.at, "by": n.by, "text": n.text} for n in case.notes],
    }


@dataclass
class Size:
    cases: int
    active: int
    master: Path  # the store as made: never run against
    work: Path  # where every run's fresh copy goes (the local view names this path)
    built: make_store.Built
    tinydb_master: Path
    sqlite_master: Path

    @property
    def label(self) -> str:
        return f"{self.cases:,}"

    @property
    def store(self) -> Path:
        return self.work / "store"

    @property
    def local(self) -> Path:
        return self.work / "local"

    @property
    def tinydb(self) -> Path:
        return self.work / "naive.json"

    @property
    def sqlite(self) -> Path:
        return self.work / "cases.sqlite"

    def reset(self) -> None:
        """A fresh copy of the store and the local folder, on disk (nothing left to write back
        while the next run is timed)."""
        replace_tree(self.master / "store", self.store)
        replace_tree(self.master / "local", self.local)
        os.sync()

    def reset_baseline(self, kind: str) -> None:
        if kind == "tinydb":
            replace_file(self.tinydb_master, self.tinydb)
        else:
            replace_file(self.sqlite_master, self.sqlite)
        os.sync()


def make_size(root: Path, cases: int, active: int, args: argparse.Namespace) -> Size:
    from baselines import make_sqlite, make_tinydb

    work, master = root / f"work-{cases}", root / f"master-{cases}"
    started = time.perf_counter()
    built = make_store.build(
        work,
        cases,
        active,
        writers=args.store_writers,
        snapshots=args.snapshots,
        tail=args.tail,
        seed=args.seed,
    )
    docs = [case_doc(case) for case in built.cases.values()]
    master.mkdir(parents=True)
    shutil.copytree(built.store, master / "store", symlinks=True)
    shutil.copytree(built.local, master / "local", symlinks=True)
    make_tinydb(str(master / "naive.json"), docs)
    make_sqlite(str(master / "cases.sqlite"), docs)
    took = time.perf_counter() - started
    view = built.local / "view.json"
    print(
        f"  {cases:,} cases ({active} open): {built.ops:,} operations in {built.batches:,} "
        f"batches from {args.store_writers} writers, {built.snapshots} snapshot(s) + "
        f"{built.batch_files:,} batches after it (in segments); "
        f"share {tree_mib(built.store):.0f} MiB, "
        f"view {view.stat().st_size / 2**20:.0f} MiB; TinyDB file "
        f"{(master / 'naive.json').stat().st_size / 2**20:.1f} MiB; made in {took:.0f} s",
        flush=True,
    )
    return Size(cases, active, master, work, built, master / "naive.json", master / "cases.sqlite")


def tree_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def count_files(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for folder, _dirs, files in os.walk(path):
        top = Path(folder).relative_to(path).parts
        key = top[0] if top else "."
        counts[key] = counts.get(key, 0) + len(files)
    return counts


# --- 1. the commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    write: bool
    argv: Callable[[dict[str, list[str]]], list[str]]
    baseline: Callable[[dict[str, list[str]], str], list[str]]
    ok: tuple[int, ...] = (0,)


ROWS: tuple[Row, ...] = (
    Row(
        "done",
        True,
        lambda t: ["done", *t["done"]],
        lambda t, _today: ["change", t["done"][0], "done", t["done"][1]],
    ),
    Row(
        "check",
        True,
        lambda t: ["check", *t["check"]],
        lambda t, _today: ["change", t["check"][0], "check", t["check"][1]],
    ),
    Row(
        "undo",
        True,
        lambda t: ["undo", *t["undo"]],
        lambda t, _today: ["change", t["undo"][0], "undo", t["undo"][1]],
    ),
    Row(
        "case edit",
        True,
        lambda t: ["case", "edit", t["edit"][0], "--unit", "Vårdcentralen Bänken"],
        lambda t, _today: ["change", t["edit"][0], "unit"],
    ),
    Row("status", False, lambda _t: ["status"], lambda _t, today: ["list", today]),
    Row("case list", False, lambda _t: ["case", "list"], lambda _t, today: ["list", today]),
    Row(
        "status --nagios",
        False,
        lambda _t: ["status", "--nagios"],
        lambda _t, today: ["nagios", today],
        ok=(0, 1, 2),  # OK, WARNING, CRITICAL: the plugin's answer, not a failure
    ),
    # Issue 13's monitoring commands read what --nagios reads (the open cases), so they are
    # held to the same ratio; the baseline is the naive stores' nagios count.
    Row("metrics", False, lambda _t: ["metrics"], lambda _t, today: ["nagios", today]),
    Row(
        "notify --dry-run",
        False,
        lambda _t: ["notify", "--dry-run"],
        lambda _t, today: ["nagios", today],
    ),
    # The archive, read as asked: one finished closure (at 300 cases, all open, an open one),
    # and every case there is.
    Row(
        "case show (archived)",
        False,
        lambda t: ["case", "show", t.get("archived", t["edit"])[0], "--json"],
        lambda t, _today: ["show", t.get("archived", t["edit"])[0]],
    ),
    Row(
        "case list --all", False, lambda _t: ["case", "list", "--all"], lambda _t, _d: ["list-all"]
    ),
    Row(
        "export csv --all",
        False,
        lambda _t: ["export", "csv", "--all"],
        lambda _t, _today: ["list-all"],
    ),
)
# Rows whose cost grows with the archive by nature (they read all of it): the ratio of 10,000
# to 300 cases is shown, not held against the 1.3x targets; their memory counts.
EVERY_CASE = ("case list --all", "export csv --all")
KINDS = ("stangning", "tinydb", "sqlite")
KIND_NAMES = {"stangning": "stangning", "tinydb": "TinyDB file", "sqlite": "SQLite WAL"}


@dataclass
class RowResult:
    row: Row
    series: dict[tuple[str, int], Series]  # (kind, cases) -> runs
    paired: dict[tuple[str, int], list[float]]  # (baseline, cases) -> baseline time / command's


def bench_row(
    row: Row,
    sizes: list[Size],
    stangning: list[str],
    spawner: Spawner,
    args: argparse.Namespace,
) -> RowResult:
    series = {(kind, size.cases): Series() for kind in KINDS for size in sizes}
    paired: dict[tuple[str, int], list[float]] = {
        (kind, size.cases): [] for kind in KINDS[1:] for size in sizes
    }
    runs = [(kind, size) for size in sizes for kind in KINDS]
    for iteration in range(args.warmup + args.repeat):
        shift = iteration % len(runs)
        order = runs[shift:] + runs[:shift]
        found: dict[tuple[str, int], Sample] = {}
        for kind, size in order:
            if kind == "stangning":
                size.reset()
                argv = [*stangning, "--store", str(size.store), "--local", str(size.local)]
                sample = spawner.run([*argv, *row.argv(size.built.targets)], row.ok)
            else:
                size.reset_baseline(kind)
                path = size.tinydb if kind == "tinydb" else size.sqlite
                today = size.built.today.isoformat()
                argv = [sys.executable, str(BASELINES), kind, str(path)]
                sample = spawner.run([*argv, *row.baseline(size.built.targets, today)])
            found[(kind, size.cases)] = sample
        if iteration < args.warmup:
            continue
        for key, sample in found.items():
            series[key].samples.append(sample)
        for kind, cases in paired:
            paired[(kind, cases)].append(
                found[(kind, cases)].seconds / found[("stangning", cases)].seconds
            )
    return RowResult(row, series, paired)


def seconds_text(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def holds(ok: bool) -> str:
    return "holds" if ok else "FAILS"


def print_row(result: RowResult, small: Size, large: Size) -> None:
    row = result.row
    print(f"\n{row.name}" + (" (one change)" if row.write else " (a read)"))
    for kind in KINDS:
        parts = []
        for size in (small, large):
            found = result.series[(kind, size.cases)]
            parts.append(
                f"{size.label:>7} cases {seconds_text(found.median):>8} "
                f"(p90 {seconds_text(found.p90):>8}) {found.peak_mib:4.0f} MiB"
            )
        line = f"  {KIND_NAMES[kind]:<12}" + "   ".join(parts)
        if kind == "stangning":
            ratio = (
                result.series[(kind, large.cases)].median
                / result.series[(kind, small.cases)].median
            )
            sizes = f"{large.label}/{small.label}"
            if result.row.name in EVERY_CASE:
                line += f"   {sizes}: {ratio:.2f}x (reads every case: no ratio target)"
            else:
                verdict = holds(ratio <= RATIO_TARGET)
                line += f"   {sizes}: {ratio:.2f}x (target <= {RATIO_TARGET}x: {verdict})"
        else:
            ratio = statistics.median(result.paired[(kind, large.cases)])
            if ratio >= 1:
                line += f"   stangning is {ratio:.2f}x faster (paired, {large.label})"
            else:
                line += f"   stangning is {1 / ratio:.1f}x slower (paired, {large.label})"
        print(line, flush=True)


# --- 2. 100,000 changes -----------------------------------------------------------------------


def worker_main(spec_path: str) -> int:
    """One process of writers making changes through the store API (``--worker SPEC``)."""
    from tui.core import actions
    from tui.core.case_fields import validate_case_fields
    from tui.core.dates import now_in_stockholm, today_in_stockholm
    from tui.core.errors import Refusal
    from tui.core.rules import Phase, evaluate
    from tui.core.template import default_template
    from tui.store import shared_log
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

    # Time here is compressed (100,000 changes in minutes, not years): the tidy-up's "at most
    # every 10 minutes per local folder" is about real time, so it does not hold back here.
    shared_log.TIDY_EVERY_MS = 0
    spec = json.loads(Path(spec_path).read_text())
    template = default_template()
    today = today_in_stockholm()
    store_path = Path(spec["store"])
    lifecycle = spec["workload"] == "lifecycle"
    report: dict[str, Any] = {
        "record_ms": [],
        "open_s": [],
        "close_s": [],
        "refused": 0,
        "cases": {},
        "finished": 0,
    }
    for job in spec["jobs"]:
        rng = random.Random(job["seed"])
        cases = list(job["cases"])
        made: dict[str, int] = {}  # changes each case has had in this run

        local = Path(job["local"])

        def open_store(local: Path) -> CaseStore:
            mark = time.perf_counter()
            opened = CaseStore(SharedDriveLog(store_path, local))
            report["open_s"].append(time.perf_counter() - mark)
            return opened

        def close_store(closing: CaseStore) -> None:
            mark = time.perf_counter()
            closing.close()
            if closing.tidy():  # as a command does after it: a snapshot when files pile up
                closing.close()
            report["close_s"].append(time.perf_counter() - mark)

        store = open_store(local)
        actor = store.identity.actor
        for number in range(job["count"]):
            if number and number % spec["session"] == 0:
                close_store(store)
                store = open_store(local)
            if number and number % spec["poll_every"] == 0:
                store.refresh()
            case_id = cases[number % len(cases)]
            case = store.case(case_id)
            if case is None:
                raise RuntimeError(f"case {case_id} is missing")
            view = evaluate(case, template, today)
            now = now_in_stockholm()
            roll = rng.random()
            try:
                if view.phase is Phase.BEFORE_CLOSING and roll < 0.4:
                    if view.item("vart-arbete").record.state.value == "open":
                        changes = actions.mark_done(
                            view, template, "vart-arbete", actor=actor, now=now, today=today
                        )
                    else:
                        changes = actions.undo(view, template, "vart-arbete", actor=actor, now=now)
                elif view.phase is not Phase.BEFORE_CLOSING and roll < 0.5:
                    key = rng.choice(make_store.MONITORED)
                    changes = actions.record_check(
                        view, template, key, actor=actor, now=now, today=today, note="bänk"
                    )
                elif roll < 0.75:
                    changes = actions.edit_case(
                        case, {"unit": f"{case.unit.split(' #')[0]} #{number}"}
                    )
                else:
                    changes = actions.add_note(case_id, actor=actor, now=now, text=f"bänk {number}")
            except Refusal:
                report["refused"] += 1
                changes = actions.add_note(case_id, actor=actor, now=now, text=f"bänk {number}")
            mark = time.perf_counter()
            store.record(changes)
            report["record_ms"].append((time.perf_counter() - mark) * 1000)
            made[case_id] = made.get(case_id, 0) + 1
            if lifecycle and made[case_id] >= spec["life"]:
                # The closure's work is done: every open item finished, and a new closure
                # takes its place, so that as many stay open.
                case = store.case(case_id)
                assert case is not None
                view = evaluate(case, template, today)
                finish = []
                for item in view.open_items():
                    try:
                        finish += actions.mark_done(
                            view, template, item.key, actor=actor, now=now, today=today
                        )
                    except Refusal:
                        finish += actions.mark_not_applicable(
                            view, template, item.key, actor=actor, now=now, reason="bänk"
                        )
                store.record(finish)
                fields = validate_case_fields(
                    caregiver=case.caregiver,
                    unit=f"{case.unit.split(' #')[0]} ny",
                    hsa_id=case.hsa_id,
                    closing=(today - dt.timedelta(days=rng.randint(100, 140))).isoformat(),
                )
                new_id = actions.new_case_id()
                store.record(
                    actions.create_case(fields, template, case_id=new_id, actor=actor, now=now)
                )
                cases[cases.index(case_id)] = new_id
                report["finished"] += 1
        close_store(store)
        report["cases"][job["local"]] = cases
    Path(spec["report"]).write_text(json.dumps(report))
    return 0


@dataclass
class Checkpoint:
    changes: int
    files: dict[str, int]
    poll: Series
    catch_up_s: float
    took_s: float
    record_ms: list[float]
    open_s: list[float]


def bench_changes(
    size: Size,
    stangning: list[str],
    spawner: Spawner,
    env: dict[str, str],
    scratch: Path,
    args: argparse.Namespace,
) -> tuple[list[Checkpoint], Series | None, str]:
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

    root = scratch / "changes"
    root.mkdir()
    size.reset()  # the store fresh, at the path it was made at
    store = size.store
    # Every writer, and the host that polls, is a host of its own: an empty local folder (its
    # first open reads the share, as a new host's does), so it gets a writer id of its own.
    locals_ = [root / f"writer-{index}" for index in range(args.change_writers)]
    observer = CaseStore(SharedDriveLog(store, root / "observer"))
    partition = {
        index: size.built.open_ids[index :: args.change_writers]
        for index in range(args.change_writers)
    }
    checkpoints = [point for point in (1_000, 10_000, 100_000) if point < args.changes]
    checkpoints.append(args.changes)
    results: list[Checkpoint] = []
    made = 0
    for point in checkpoints:
        todo = point - made
        per_writer = [todo // args.change_writers] * args.change_writers
        for index in range(todo % args.change_writers):
            per_writer[index] += 1
        started = time.perf_counter()
        processes = []
        for proc in range(args.change_procs):
            jobs = [
                {
                    "local": str(locals_[index]),
                    "count": per_writer[index],
                    "cases": partition[index],
                    "seed": args.seed * 1000 + index * 10 + len(results),
                }
                for index in range(proc, args.change_writers, args.change_procs)
                if per_writer[index] and partition[index]
            ]
            if not jobs:
                continue
            spec = {
                "store": str(store),
                "jobs": jobs,
                "session": args.session,
                "poll_every": args.poll_every,
                "workload": args.workload,
                "life": args.life,
                "report": str(root / f"report-{proc}.json"),
            }
            spec_path = root / f"spec-{proc}.json"
            spec_path.write_text(json.dumps(spec))
            processes.append(
                (
                    subprocess.Popen(
                        [sys.executable, str(Path(__file__).resolve()), "--worker", str(spec_path)],
                        env=env,
                        cwd=scratch,
                    ),
                    spec,
                )
            )
        record_ms: list[float] = []
        open_s: list[float] = []
        finished = 0
        for process, spec in processes:
            if process.wait() != 0:
                raise ChildFailed(f"a writer process failed (exit {process.returncode})")
            report = json.loads(Path(spec["report"]).read_text())
            record_ms += report["record_ms"]
            open_s += report["open_s"]
            finished += report["finished"]
            for job in spec["jobs"]:  # the cases each writer works on now
                partition[locals_.index(Path(job["local"]))] = report["cases"][job["local"]]
        took = time.perf_counter() - started
        made = point
        files = count_files(store)
        mark = time.perf_counter()
        observer.refresh()  # read what the writers made: untimed as the poll, timed as catch-up
        catch_up = time.perf_counter() - mark
        poll = Series()
        for _ in range(args.polls):
            mark = time.perf_counter()
            observer.refresh()
            poll.samples.append(Sample(time.perf_counter() - mark, 0))
        results.append(Checkpoint(point, files, poll, catch_up, took, record_ms, open_s))
        print(
            f"  {point:>7,} changes: {sum(files.values()):>7,} files on the share "
            f"({', '.join(f'{k} {v:,}' for k, v in sorted(files.items()))}); idle poll "
            f"{poll.median * 1000:.2f} ms (p90 {poll.p90 * 1000:.2f}); the other host caught up "
            f"in {catch_up:.2f} s; one change (record, in process) median "
            f"{statistics.median(record_ms):.1f} ms, p90 "
            f"{statistics.quantiles(record_ms, n=10, method='inclusive')[8]:.1f} ms; writers "
            f"opened in {statistics.median(open_s):.1f} s (median); closures finished and "
            f"replaced {finished:,}; {took:.0f} s",
            flush=True,
        )
    observer.close()

    fresh = Series()
    detail = ""
    try:
        for number in range(args.fresh_runs):
            local = root / f"fresh-{number}"
            argv = [*stangning, "--store", str(store), "--local", str(local), "case", "list"]
            fresh.samples.append(spawner.run(argv))
            shutil.rmtree(local)
    except ChildFailed as error:
        detail = str(error)
        return results, None, detail
    return results, fresh, detail


# --- the report --------------------------------------------------------------------------------


def git_state(path: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(path), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()[:72]
        dirty = subprocess.run(
            ["git", "-C", str(path), "status", "--porcelain", "--untracked-files=no", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"
    return head + (" (with uncommitted changes in it)" if dirty else "")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def summary(
    results: list[RowResult],
    small: Size,
    large: Size,
    checkpoints: list[Checkpoint],
    fresh: Series | None,
    changes: int,
) -> list[tuple[str, str, str, str]]:
    lines = []
    for result in results:
        if result.row.name in EVERY_CASE:
            continue
        big = result.series[("stangning", large.cases)]
        ratio = big.median / result.series[("stangning", small.cases)].median
        lines.append(
            (
                f"{result.row.name}: at {large.label} / at {small.label} cases",
                f"{ratio:.2f}x",
                f"<= {RATIO_TARGET}x",
                holds(ratio <= RATIO_TARGET),
            )
        )
    for result in results:
        if not result.row.write:
            continue
        faster = statistics.median(result.paired[("tinydb", large.cases)])
        lines.append(
            (
                f"{result.row.name} at {large.label} vs the naive TinyDB file (paired)",
                f"{faster:.2f}x as fast",
                f">= {VS_TINYDB_TARGET}x as fast",
                holds(faster >= VS_TINYDB_TARGET),
            )
        )
    worst = max(results, key=lambda r: r.series[("stangning", large.cases)].peak_mib)
    peak = worst.series[("stangning", large.cases)].peak_mib
    lines.append(
        (
            f"peak memory of any command at {large.label} ({worst.row.name})",
            f"{peak:.0f} MiB",
            f"<= {MEMORY_TARGET_MIB} MiB",
            holds(peak <= MEMORY_TARGET_MIB),
        )
    )
    if checkpoints:
        last = checkpoints[-1]
        if fresh is not None:
            lines.append(
                (
                    f"fresh host, first case list at {large.label} after {changes:,} changes",
                    f"{seconds_text(fresh.median)} ({fresh.peak_mib:.0f} MiB)",
                    f"<= {FRESH_TARGET_S:.0f} s, <= {MEMORY_TARGET_MIB} MiB",
                    holds(fresh.median <= FRESH_TARGET_S and fresh.peak_mib <= MEMORY_TARGET_MIB),
                )
            )
        files = sum(last.files.values())
        lines.append(
            (
                f"files on the share after {changes:,} changes, no manual snapshot",
                f"{files:,}",
                f"<= {FILES_TARGET}",
                holds(files <= FILES_TARGET),
            )
        )
        polls = [point.poll.median * 1000 for point in checkpoints]
        flat = polls[-1] <= 1.25 * polls[0] + 0.25  # flat, give or take noise
        lines.append(
            (
                "idle poll, nothing new, at "
                + " / ".join(f"{point.changes:,}" for point in checkpoints)
                + " changes",
                " / ".join(f"{value:.2f}" for value in polls) + " ms",
                f"<= {POLL_TARGET_MS:.0f} ms, flat",
                holds(max(polls) <= POLL_TARGET_MS and flat),
            )
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few minutes: smaller, fewer")
    parser.add_argument(
        "--sizes", help="cases of the two stores (default 300,10000; quick 300,3000)"
    )
    parser.add_argument("--active", type=int, default=300, help="open cases in each store")
    parser.add_argument("--repeat", type=int, help="measured iterations (default 5; quick 3)")
    parser.add_argument("--warmup", type=int, default=1, help="iterations dropped first")
    parser.add_argument("--rows", help="only these commands, comma-separated (e.g. done,status)")
    parser.add_argument("--changes", type=int, help="default 100000; quick 10000; 0: skip part 2")
    parser.add_argument("--change-writers", type=int, default=8)
    parser.add_argument("--change-procs", type=int, default=2)
    parser.add_argument("--session", type=int, default=5000, help="changes per writer session")
    parser.add_argument("--poll-every", type=int, default=50, help="a writer's refresh, changes")
    parser.add_argument(
        "--workload",
        choices=("lifecycle", "open"),
        default="lifecycle",
        help="lifecycle: a closure is finished after --life changes and a new one opened "
        "(the store grows as a region's does); open: every change on the first 300 open cases",
    )
    parser.add_argument("--life", type=int, default=30, help="changes in a closure's life")
    parser.add_argument("--polls", type=int, default=100, help="idle polls timed per checkpoint")
    parser.add_argument("--fresh-runs", type=int, help="fresh-host case lists (default 3)")
    parser.add_argument("--store-writers", type=int, default=6, help="writers of the made stores")
    parser.add_argument("--snapshots", type=int, default=1)
    parser.add_argument("--tail", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="make the stores here and keep them")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker_main(args.worker)
    sizes_text = args.sizes or ("300,3000" if args.quick else "300,10000")
    small_cases, large_cases = (int(text) for text in sizes_text.split(","))
    args.repeat = args.repeat or (3 if args.quick else 5)
    if args.changes is None:
        args.changes = 10_000 if args.quick else 100_000
    args.fresh_runs = args.fresh_runs or 3
    rows = ROWS
    if args.rows:
        wanted = [name.strip() for name in args.rows.split(",")]
        rows = tuple(row for row in ROWS if row.name in wanted)

    import tui

    stangning = make_store.stangning_command()
    started = time.perf_counter()
    print("bench_commands: whole-process figures (issue 10)")
    print(
        f"  {dt.datetime.now().astimezone().isoformat(timespec='seconds')} on {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"  code: {Path(tui.__file__).parent} @ {git_state(Path(tui.__file__).parent)}")
    print(f"  every command runs as: {' '.join(stangning)} --store S --local L ...")
    print(f"  baselines run as: {sys.executable} bench/baselines.py tinydb|sqlite FILE ...")
    print(
        f"  {args.repeat} measured iterations after {args.warmup} warm-up; each iteration runs "
        "the command and both baselines at both sizes, rotating the order; every run on a "
        "fresh copy"
    )
    print(f"  load average at start: {load()}", flush=True)

    scratch_parent = args.keep.absolute() if args.keep else None
    if scratch_parent:
        scratch_parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-commands-", dir=scratch_parent))
    env = make_store.child_env(scratch)
    spawner = Spawner(env, scratch)
    try:
        print("\nstores (make_store.py):")
        small = make_size(scratch, small_cases, min(args.active, small_cases), args)
        large = make_size(scratch, large_cases, min(args.active, large_cases), args)
        results = []
        print(f"\n1. commands, whole processes: median (p90) peak memory; load {load()}")
        for row in rows:
            try:
                result = bench_row(row, [small, large], stangning, spawner, args)
            except ChildFailed as error:
                print(f"\n{row.name}: FAILED: {error}", flush=True)
                continue
            results.append(result)
            print_row(result, small, large)
        checkpoints: list[Checkpoint] = []
        fresh = None
        if args.changes:
            print(
                f"\n2. {args.changes:,} changes through the store API on the {large.label}-case "
                f"store: {args.change_writers} writers in {args.change_procs} processes, sessions "
                f"of {args.session:,} changes, a poll every {args.poll_every}; workload "
                f"{args.workload}"
                + (
                    f" (a closure finished after {args.life} changes)"
                    if args.workload == "lifecycle"
                    else " (every change on the open cases)"
                )
                + f"; load {load()}",
                flush=True,
            )
            checkpoints, fresh, detail = bench_changes(
                large, stangning, spawner, env, scratch, args
            )
            if fresh is not None:
                print(
                    f"  a fresh host's first case list (whole process, {args.fresh_runs} runs): "
                    f"median {seconds_text(fresh.median)}, p90 {seconds_text(fresh.p90)}, "
                    f"{fresh.peak_mib:.0f} MiB"
                )
            else:
                print(f"  a fresh host's first case list FAILED: {detail}")
        print(f"\ntargets (issue 10); load average at end: {load()}")
        lines = summary(results, small, large, checkpoints, fresh, args.changes)
        width = max(len(line[0]) for line in lines)
        for figure, measured, target, verdict in lines:
            print(f"  {figure:<{width}}  {measured:>20}  {target:>16}  {verdict}")
        if args.quick:
            print(
                f"  (quick run: {large.label} cases instead of 10,000 and {args.changes:,} "
                "changes instead of 100,000; the targets are for the full run)"
            )
        print(f"\ntook {(time.perf_counter() - started) / 60:.1f} min", flush=True)
    finally:
        spawner.close()
        if args.keep:
            print(f"kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
