"""Writers killed with SIGKILL at random moments: the store always opens, and every change
acknowledged before a kill is there after the next sync."""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

from tests.store.conftest import TODAY, Host, acknowledged

KILLS = 50


def test_fifty_kills_lose_no_acknowledged_change(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    hosts = [make_host("a"), make_host("b")]
    for number in range(4):
        hosts[0].add_case(f"Enhet {number}", closing="2026-03-31")
    hosts[1].run("sync")
    rng = random.Random(1930173)
    acks = []
    for kill in range(KILLS):
        host = hosts[kill % 2]
        ack = tmp_path / f"ack-{kill}.jsonl"
        acks.append(ack)
        # Two writers of the same host at once, so kills also land while the other one waits
        # for the local lock or publishes the first one's outbox.
        victims = [host.writer(kill * 2 + n, 10_000, ack) for n in range(2)]
        time.sleep(rng.uniform(0.25, 0.9))  # let them get into their stride: the kill is the point
        for process in victims:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        if kill % 10 == 9:
            # The store opens after a kill, for both hosts.
            for each in hosts:
                assert each.run("status", "--json", "--today", TODAY).returncode == 0

    for host in hosts:
        host.run("sync")
    acked = [op for ack in acks for op in acknowledged(ack)]
    assert len(acked) >= KILLS  # the writers got changes in before being killed
    by_case: dict[str, set[str]] = {}
    for op in acked:
        by_case.setdefault(op["case_id"], set()).add(op["op_id"])
    for host in hosts:
        for case_id, op_ids in by_case.items():
            history = {entry["op_id"] for entry in host.json("case", "history", case_id)}
            missing = op_ids - history
            assert not missing, f"{host.local.name}: {len(missing)} acknowledged changes lost"
    assert (
        hosts[0].run("status", "--json", "--today", TODAY).stdout
        == hosts[1].run("status", "--json", "--today", TODAY).stdout
    )
    # What the killed writers left half-written was swept when their hosts next published.
    for folder in (hosts[0].store / "ops", hosts[0].local, hosts[1].local):
        assert not list(folder.rglob(".tmp-*"))
