"""Complete cases are archived apart from the open ones: what an administrator sees of it.

Real ``stangning`` processes on real folders (see conftest.py). The archive is the local
folder's ``archive/`` (see tui/store/local_view.py); a snapshot carries it packed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.store.conftest import Host
from tui.core.template import default_template
from tui.store.local_view import VIEW_FILE

ITEMS = default_template().keys


def finish(host: Host, case_id: str) -> None:
    """Every open item done where the rules allow it, not applicable otherwise."""
    items = host.json("case", "show", case_id)["items"]
    for key in [item["key"] for item in items if item["status"] not in ("done", "not_applicable")]:
        result = host.run("done", case_id, key, check=False)
        if result.returncode != 0:
            host.run("na", case_id, key, "--reason", "gäller inte enheten")


def two_cases(make_host: Callable[[str], Host]) -> tuple[Host, str, str]:
    """A host with one finished (archived) closure and one open one."""
    a = make_host("a")
    finished = a.add_case("Enhet Klar", closing="2026-06-30")
    still_open = a.add_case("Enhet Öppen", closing="2027-06-30")
    finish(a, finished)
    return a, finished, still_open


def ids(listing: list[dict[str, object]]) -> list[object]:
    return sorted(case["id"] for case in listing)


def test_a_finished_case_leaves_the_list_and_every_way_to_ask_for_it_still_finds_it(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    a, finished, still_open = two_cases(make_host)
    assert ids(a.json("case", "list")) == [still_open]
    assert ids(a.json("case", "list", "--all")) == sorted([finished, still_open])
    assert a.json("case", "show", finished)["phase"] == "complete"
    assert finished not in (a.local / VIEW_FILE).read_text()  # kept apart: not read by `list`
    entries = a.json("case", "history", finished)
    assert len(entries) >= len(ITEMS) + 1
    report = tmp_path / "rapport.txt"
    a.run("report", finished, "--output", str(report))
    assert "Enhet Klar" in report.read_text()
    table = tmp_path / "alla.csv"
    a.run("export", "csv", "--all", "--output", str(table))
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert any(finished in row for row in rows)
    # Another host sees it archived too, and a fresh one copies the snapshot's archive.
    b = make_host("b")
    assert ids(b.json("case", "list", "--all")) == sorted([finished, still_open])
    a.run("sync", "--snapshot")
    fresh = make_host("fresh")
    assert ids(fresh.json("case", "list")) == [still_open]
    assert ids(fresh.json("case", "list", "--all")) == sorted([finished, still_open])
    assert fresh.json("case", "show", finished) == a.json("case", "show", finished)


def test_commands_about_open_cases_never_read_the_archive(
    make_host: Callable[[str], Host],
) -> None:
    a, _, _ = two_cases(make_host)
    expected = {
        "list": a.run("case", "list", "--json").stdout,
        "status": a.run("status", "--json").stdout,
        "nagios": a.run("status", "--nagios", check=False).stdout,
    }
    shards = sorted((a.local / "archive").glob("*.json"))
    assert shards
    saved = {shard: shard.read_bytes() for shard in shards}
    for shard in shards:
        shard.write_text("not what it was")
    assert a.run("case", "list", "--json").stdout == expected["list"]
    assert a.run("status", "--json").stdout == expected["status"]
    assert a.run("status", "--nagios", check=False).stdout == expected["nagios"]
    assert all(shard.read_text() == "not what it was" for shard in shards)
    for shard, data in saved.items():
        shard.write_bytes(data)


def test_a_damaged_archive_is_read_again_from_the_share_by_the_command_that_finds_it(
    make_host: Callable[[str], Host],
) -> None:
    a, finished, still_open = two_cases(make_host)
    before = a.json("case", "show", finished)
    for shard in (a.local / "archive").glob("*.json"):
        shard.write_text('{"cases": {"1": {"case_id": 5}}')  # cut short
    assert ids(a.json("case", "list", "--all")) == sorted([finished, still_open])
    assert a.json("case", "show", finished) == before
    a.run("sync", "--snapshot")  # a snapshot from the repaired archive lacks nothing
    fresh = make_host("fresh")
    assert fresh.json("case", "show", finished) == before


def test_undoing_an_item_of_an_archived_case_brings_it_back_on_every_host(
    make_host: Callable[[str], Host],
) -> None:
    a, finished, still_open = two_cases(make_host)
    b = make_host("b")
    assert ids(b.json("case", "list")) == [still_open]
    a.run("undo", finished, ITEMS[0])
    assert ids(a.json("case", "list")) == sorted([finished, still_open])
    assert ids(b.json("case", "list")) == sorted([finished, still_open])
    finish(b, finished)
    assert ids(a.json("case", "list")) == [still_open]


def test_a_local_folder_of_the_previous_version_is_sorted_on_first_use(
    make_host: Callable[[str], Host],
) -> None:
    """Before December 2026 every case was kept in view.json: such a folder still works, and
    its complete cases move to the archive."""
    a, finished, _ = two_cases(make_host)
    expected = a.json("case", "list", "--all")
    # view.json as the previous version wrote it: every case, no layout.
    view = json.loads((a.local / VIEW_FILE).read_text())
    for shard in sorted((a.local / "archive").glob("*.json")):
        shard.unlink()
    rows = _every_row(make_host("b"))  # read by another host, from the share
    old_cases = {
        str(number): {"case_id": case_id, "ops": ops}
        for number, (case_id, ops) in enumerate(sorted(rows.items()), start=1)
    }
    meta = view["meta"]["1"]
    view["meta"] = {"1": {"store_id": meta["store_id"], "store_path": meta["store_path"]}}
    view["cases"] = old_cases
    (a.local / VIEW_FILE).write_text(json.dumps(view))
    assert a.json("case", "list", "--all") == expected
    assert a.json("case", "list", "--all") == expected
    assert finished not in (a.local / VIEW_FILE).read_text()


def _every_row(host: Host) -> dict[str, list[list[object]]]:
    """Every operation of the store as rows per case, as a host with everything loaded has
    them (read through the store's own code)."""
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

    store = CaseStore(SharedDriveLog(host.store, host.local))
    try:
        return {
            case_id: [op.to_row() for op in store.ledger.history(case_id)]
            for case_id in store.ledger.case_ids()
        }
    finally:
        store.close()
