"""Each writer folds its own batch files into segments as it publishes: the share keeps a bounded
number of files however many changes are made, nobody runs a snapshot, and nothing is lost, also
under every fault of the model-based test (run here again with compaction at every step)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.store import test_store_model
from tests.store.conftest import Host, store_at
from tests.store.model_faults import FAULTS
from tui.core import actions
from tui.core.case_fields import validate_case_fields
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.store import compaction, shared_log
from tui.store.share import CLEANUP_LOCK
from tui.store.wire import Snapshot

NOW = "2026-11-25T10:00:00+01:00"


open_host = store_at  # an in-process host (see conftest.py)


def files_on_share(tmp_path: Path) -> int:
    return sum(1 for path in (tmp_path / "share" / "stangning").rglob("*") if path.is_file())


def test_a_thousand_changes_leave_a_few_dozen_files_and_every_host_sees_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "share").mkdir()
    writer, reader = open_host(tmp_path, "a"), open_host(tmp_path, "b")
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    made = set()
    for number in range(1000):
        if number % 100 == 0:
            changes = actions.create_case(
                fields, default_template(), case_id=f"c{number}", actor="a", now=NOW
            )
        else:
            changes = actions.add_note(f"c{number // 100 * 100}", actor="a", now=NOW, text="n")
        made |= {op.op_id for op in writer.record(changes)}
        if number % 97 == 0:
            reader.refresh()  # a reader half-way through, whose batches then go into segments
    limit = compaction.SEGMENT_AFTER + compaction.MERGE_AFTER + 5  # marker, heartbeats, …
    assert files_on_share(tmp_path) <= limit
    reader.refresh()
    fresh = open_host(tmp_path, "fresh")
    for host in (reader, fresh):
        assert made <= {op.op_id for op in host.ledger.ops()}


def test_the_model_test_passes_with_compaction_at_every_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(compaction, "SEGMENT_AFTER", 2)
    monkeypatch.setattr(compaction, "MERGE_AFTER", 2)
    with FAULTS.installed(), test_store_model.deterministic_ids():
        test_store_model.run_state_machine_as_test(
            test_store_model.StoreModel, settings=test_store_model.SETTINGS
        )


def test_files_a_writer_left_behind_are_taken_in_by_the_next_commands_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A writer that stopped writing (a host retired, a user gone) never folds its last files:
    # here one that never compacted at all leaves 450 files. The next command, on any host,
    # snapshots them away once the user has the prompt back.
    (tmp_path / "share").mkdir()
    monkeypatch.setattr(compaction, "SEGMENT_AFTER", 10_000)
    gone = open_host(tmp_path, "retired")
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    made = {
        op.op_id
        for op in gone.record(
            actions.create_case(fields, default_template(), case_id="c1", actor="x", now=NOW)
        )
    }
    for _ in range(450):
        made |= {
            op.op_id for op in gone.record(actions.add_note("c1", actor="x", now=NOW, text="n"))
        }
    gone.close()
    assert files_on_share(tmp_path) > 450
    other = Host(tmp_path / "share" / "stangning", tmp_path / "host-b")
    other.run("status")
    assert files_on_share(tmp_path) < 20
    fresh = open_host(tmp_path, "fresh")
    assert made <= {op.op_id for op in fresh.ledger.ops()}


def test_many_changes_in_few_segments_are_snapshotted_so_a_new_host_reads_them_packed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Compaction keeps the files few, but a new host would still read every operation in the
    # segments: past SNAPSHOT_AFTER_BATCHES batches (5,000; 60 here) the next command's
    # tidy-up snapshots them, and the finished case travels packed.
    (tmp_path / "share").mkdir()
    monkeypatch.setattr(shared_log, "SNAPSHOT_AFTER_BATCHES", 60)
    writer = open_host(tmp_path, "a")
    template = default_template()
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    made = set()
    for number in range(8):
        case_id = f"c{number}"
        made |= {
            op.op_id
            for op in writer.record(
                actions.create_case(fields, template, case_id=case_id, actor="a", now=NOW)
            )
        }
        for _ in range(9):
            made |= {
                op.op_id
                for op in writer.record(actions.add_note(case_id, actor="a", now=NOW, text="n"))
            }
    case = writer.case("c0")
    assert case is not None
    view = evaluate(case, template, dt.date(2026, 11, 25))
    finish = [
        change
        for item in view.open_items()
        for change in actions.mark_not_applicable(
            view, template, item.key, actor="a", now=NOW, reason="r"
        )
    ]
    made |= {op.op_id for op in writer.record(finish)}
    writer.close()
    share = tmp_path / "share" / "stangning"
    assert files_on_share(tmp_path) <= compaction.SEGMENT_AFTER + 5  # 81 batches, few files
    assert not list((share / "snapshots").iterdir())
    other = open_host(tmp_path, "b")  # a command on another host, then its tidy-up
    assert other.tidy()
    other.close()
    snapshots = list((share / "snapshots").iterdir())
    assert len(snapshots) == 1
    packed = Snapshot.decode(snapshots[0].read_bytes(), packed=True).archive
    assert [case.case_id for case in packed] == ["c0"]  # the finished case, packed
    fresh = open_host(tmp_path, "fresh")
    assert sorted(case.case_id for case in fresh.fold_open()[0]) == [f"c{n}" for n in range(1, 8)]
    assert made <= {op.op_id for op in fresh.ledger.ops()}  # c0 too, from the packed archive


def test_two_hosts_tidying_at_once_leave_one_snapshot_and_lose_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both hosts' commands find the share wants a snapshot; the second to get to it finds
    the first's (or its clean-up lock) and leaves it at that: a new host reads one snapshot."""
    (tmp_path / "share").mkdir()
    monkeypatch.setattr(shared_log, "SNAPSHOT_AFTER_BATCHES", 20)
    monkeypatch.setattr(shared_log, "TIDY_EVERY_MS", 0)
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    a, b = open_host(tmp_path, "a"), open_host(tmp_path, "b")
    made = set()
    for number in range(30):
        writer = a if number % 2 else b
        changes = actions.create_case(
            fields, default_template(), case_id=f"c{number}", actor="x", now=NOW
        )
        made |= {op.op_id for op in writer.record(changes)}
    a.refresh()
    b.refresh()
    assert a.log.wants_snapshot() and b.log.wants_snapshot()  # both would tidy
    assert a.tidy()
    assert not b.tidy()  # a's snapshot is there since b last looked
    snapshots = tmp_path / "share" / "stangning" / "snapshots"
    assert len(list(snapshots.iterdir())) == 1
    b.refresh()  # b has seen it now: a later tidy of b's may snapshot again
    lock = tmp_path / "share" / "stangning" / CLEANUP_LOCK
    lock.mkdir()  # another host's clean-up at work
    assert not b.tidy()
    lock.rmdir()
    assert len(list(snapshots.iterdir())) == 1
    a.close()
    b.close()
    fresh = open_host(tmp_path, "fresh")
    assert made <= {op.op_id for op in fresh.ledger.ops()}
