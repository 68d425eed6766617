"""Two hosts snapshot over and over, at the same time, while a third host writes: clean-up by
one never removes what only the other's snapshot (or a batch nobody covers yet) holds."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.store.conftest import Host, acknowledged

ROUNDS = 20
CHANGES = 400


def snapshot_loop(host: Host) -> subprocess.Popen[bytes]:
    script = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"for _ in range({ROUNDS}):\n"
        f"    main(['--store', {str(host.store)!r}, '--local', {str(host.local)!r},"
        " 'sync', '--snapshot'])\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def test_two_hosts_snapshotting_at_once_while_a_third_writes_lose_nothing(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    writer, first, second, fresh = (make_host(name) for name in ("w", "s1", "s2", "fresh"))
    for number in range(3):
        writer.add_case(f"Enhet {number}", closing="2026-03-31")
    ack = tmp_path / "ack.jsonl"
    writing = writer.writer(7, CHANGES, ack)
    snapshotters = [snapshot_loop(first), snapshot_loop(second)]
    for process in [writing, *snapshotters]:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors.decode()
        assert b"Traceback" not in errors, errors.decode()
    writer.run("sync")
    acked = {op["op_id"] for op in acknowledged(ack)}
    assert len(acked) > CHANGES // 2
    seen: set[str] = set()
    for case in fresh.json("case", "list", "--all"):
        seen |= {entry["op_id"] for entry in fresh.json("case", "history", case["id"])}
    assert acked <= seen, f"{len(acked - seen)} acknowledged changes lost"
    assert len(list((writer.store / "snapshots").iterdir())) <= 3  # clean-up did clean up
