"""Store benchmarks (issue 3). Not tests: they print figures and ratios, measured in one run.

    python bench/bench_store.py [--cases 10000] [--ops 100000] [--repeat 40]

1. Marking an item done until durable, on a store of CASES cases and OPS operations, against a
   naive TinyDB file of the same cases updated in place (TinyDB rewrites the whole file).
   Target: median <= 20 ms.
2. A new host opening the store from a snapshot plus a tail of batch files, against TinyDB
   opening the naive file. Target: <= 1 s.
3. An idle poll (nothing new) against re-reading the naive TinyDB file. Target: <= 5 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tinydb import Query, TinyDB

from tui.core import actions
from tui.core.case import case_field
from tui.core.operations import Operation, new_id
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.store.case_store import CaseStore
from tui.store.share import Share
from tui.store.shared_log import SharedDriveLog
from tui.store.wire import Snapshot

TODAY = dt.date(2026, 11, 25)
FIELDS = {
    "caregiver": "Region Stockholm",
    "hsa_id": "SE2321000016-A2G8",
    "closing": "2026-03-31",
    "removal": None,
    "level": "enhet",
    "caregiver_ceases": False,
    "template_version": 1,
    "created_at": "2026-01-02T09:00:00+01:00",
    "created_by": "anna",
}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_snapshot_store(root: Path, cases: int, ops: int) -> list[str]:
    """A store whose history is one snapshot of ``ops`` operations over ``cases`` cases."""
    share = Share(root)
    share.create()
    rows: list[Operation] = []
    case_ids = [f"c{n:06d}" for n in range(cases)]
    clock = 1_780_000_000_000
    per_case = max(1, ops // cases)
    for case_id in case_ids:
        values = {**FIELDS, "unit": f"Enhet {case_id}"}
        for name, value in list(values.items())[:per_case]:
            clock += 1
            rows.append(
                Operation(
                    new_id(),
                    "bench-seed",
                    1,
                    f"{clock:015d}.000000",
                    case_id,
                    case_field(name),
                    value,
                    (),
                    "anna",
                    "bench",
                )
            )
    seed = Snapshot({"bench-seed": 1}, tuple(rows)).encode(share.store_id())
    share.publish_snapshot(seed, f"{clock:015d}.000000", "bench")
    return case_ids


def build_naive_tinydb(path: Path, case_ids: list[str]) -> None:
    db = TinyDB(path)
    db.insert_multiple(
        {"case_id": c, "unit": f"Enhet {c}", **FIELDS, "items": {}} for c in case_ids
    )
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--tail", type=int, default=200)
    args = parser.parse_args()
    template = default_template()

    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        store_dir = base / "share" / "store"
        (base / "share").mkdir()
        case_ids = build_snapshot_store(store_dir, args.cases, args.ops)
        naive = base / "naive.json"
        build_naive_tinydb(naive, case_ids)

        # A tail: batches published after the snapshot by another host.
        other = CaseStore(SharedDriveLog(store_dir, base / "other", create=True))
        for case_id in case_ids[: args.tail]:
            view = evaluate(other.case(case_id), template, TODAY)  # type: ignore[arg-type]
            other.record(
                actions.mark_done(
                    view,
                    template,
                    "vart-arbete",
                    actor="bo",
                    now="2026-11-25T10:00:00+01:00",
                    today=TODAY,
                )
            )
        other.close()

        # 2. A new host opens the store: snapshot + tail.
        open_times, cases_times = [], []
        for run in range(3):
            start = time.perf_counter()
            store = CaseStore(SharedDriveLog(store_dir, base / f"new-host-{run}", create=True))
            opened = time.perf_counter()
            listed = store.cases()
            cases_times.append(time.perf_counter() - opened)
            open_times.append(opened - start)
            assert len(listed) == args.cases
        naive_open = [timed(lambda: TinyDB(naive).all()) for _ in range(3)]

        # 1. Marking an item done until durable (outbox written and fsynced), and published.
        targets = iter(case_ids[args.tail :])
        durable, published = [], []
        for _ in range(args.repeat):
            case_id = next(targets)
            view = evaluate(store.case(case_id), template, TODAY)  # type: ignore[arg-type]
            changes = actions.mark_done(
                view,
                template,
                "vart-arbete",
                actor="anna",
                now="2026-11-25T10:00:00+01:00",
                today=TODAY,
            )
            durable.append(timed(lambda c=changes: store.record(c, publish=False)))
            published.append(timed(store.log.publish_pending))  # type: ignore[attr-defined]
        db = TinyDB(naive)
        naive_done = [
            timed(lambda c=c: db.update({"items": {"vart-arbete": "done"}}, Query().case_id == c))
            for c in case_ids[: args.repeat]
        ]
        db.close()

        # 3. An idle poll: nothing new on the share.
        for _ in range(10):
            store.log.read_new()  # settle: past the first full listing
        idle = [timed(store.log.read_new) for _ in range(100)]
        naive_poll = [timed(lambda: TinyDB(naive).all()) for _ in range(5)]
        store.close()

    print(
        f"store: {args.cases} cases, {args.ops} operations in a snapshot, "
        f"{args.tail} batches after it"
    )
    print(
        f"1. mark done, durable (median of {args.repeat}): {median_ms(durable):7.2f} ms"
        f"   (+ publish to share {median_ms(published):.2f} ms)"
    )
    print(
        f"   naive TinyDB update (median):          {median_ms(naive_done):7.2f} ms"
        f"   ratio {median_ms(naive_done) / median_ms(durable):.1f}x faster   target <= 20 ms"
    )
    print(
        f"2. new host opens (snapshot + tail, median of 3): {median_ms(open_times):7.1f} ms"
        f"   (+ building {args.cases} cases {median_ms(cases_times):.1f} ms)"
    )
    print(
        f"   naive TinyDB open (median):                    {median_ms(naive_open):7.1f} ms"
        f"   ratio {median_ms(open_times) / median_ms(naive_open):.2f}   target <= 1000 ms"
    )
    print(
        f"3. idle poll, nothing new (median of 100): {median_ms(idle):6.3f} ms"
        f"  (p90 {statistics.quantiles(idle, n=10)[-1] * 1000:.3f} ms;"
        " every 10th poll lists everything)"
    )
    print(
        f"   naive re-read of the TinyDB file:       {median_ms(naive_poll):6.1f} ms"
        f"   ratio {median_ms(naive_poll) / median_ms(idle):.0f}x   target <= 5 ms"
    )


if __name__ == "__main__":
    main()
