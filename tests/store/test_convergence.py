"""Six processes on two hosts change the same twenty cases at once; every host ends up with the
same state and no acknowledged change is lost."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from tests.store.conftest import TODAY, Host, acknowledged

CASES = 20
WRITERS_PER_HOST = 3
CHANGES_EACH = 300


def test_six_writers_on_two_hosts_converge_without_losing_a_change(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    hosts = [make_host("a"), make_host("b")]
    for number in range(CASES):
        # Half closed long ago (EK/HSA items allowed), half recently (monitoring).
        closing = "2026-03-31" if number % 2 else "2026-10-31"
        hosts[0].add_case(f"Enhet {number}", closing=closing)
    hosts[1].run("sync")
    assert len(hosts[1].json("case", "list")) == CASES

    writers = []
    for host_number, host in enumerate(hosts):
        for index in range(WRITERS_PER_HOST):
            seed = host_number * 10 + index
            ack = tmp_path / f"ack-{seed}.jsonl"
            writers.append((host.writer(seed, CHANGES_EACH, ack), ack))
    for process, _ in writers:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors.decode()

    for host in hosts:
        host.run("sync")
    statuses = [host.run("status", "--json", "--today", TODAY).stdout for host in hosts]
    assert statuses[0] == statuses[1]

    acked = [op for _, ack in writers for op in acknowledged(ack)]
    assert len(acked) > CHANGES_EACH  # the writers really did work
    by_case: dict[str, set[str]] = defaultdict(set)
    for op in acked:
        by_case[op["case_id"]].add(op["op_id"])
    for host in hosts:
        for case_id, op_ids in by_case.items():
            history = {entry["op_id"] for entry in host.json("case", "history", case_id)}
            assert op_ids <= history, f"{host.local.name} lost changes of {case_id}"

    checks_made = {
        op["field"].rsplit(".", 1)[1] for op in acked if op["field"].startswith("check.")
    }
    shown = host_checks(hosts[0])
    assert checks_made <= shown
    assert checks_made  # the random walk did record checks


def host_checks(host: Host) -> set[str]:
    found = set()
    for case in host.json("case", "list"):
        detail = host.json("case", "show", case["id"])
        for item in detail["items"]:
            found.update(check["id"] for check in item["checks"])
    return found
