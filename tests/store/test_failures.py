"""The share disappears, files get damaged, a clock runs fast, someone opens the permissions:
each is noticed and reported, and nothing acknowledged is lost."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.store.conftest import TODAY, WRITER, Host, acknowledged


def item(host: Host, case_id: str, key: str) -> dict[str, object]:
    detail = host.json("case", "show", case_id)
    return next(entry for entry in detail["items"] if entry["key"] == key)


def test_changes_wait_while_the_share_is_gone_and_reach_the_other_host_after(
    make_host: Callable[[str], Host],
) -> None:
    a, b = make_host("a"), make_host("b")
    case_id = a.add_case("Vårdcentralen Väntan")
    b.run("sync")
    away = a.store.with_name("away")
    a.store.rename(away)

    done = a.run("done", case_id, "vart-arbete", "--note", "utan nät")
    assert done.returncode == 0
    assert "väntande ändringar: 1" in done.stderr and len(done.stderr.splitlines()) == 1
    assert item(a, case_id, "vart-arbete")["state"] == "done"  # the local view has it
    assert a.run("sync", check=False).returncode == 1
    doctor = a.run("doctor", check=False)
    assert doctor.returncode == 1
    assert "kan inte användas: mappen finns inte" in doctor.stdout
    assert "väntande ändringar i utkorgen: 1" in doctor.stdout
    assert not a.store.exists()  # an absent share is never re-created empty

    away.rename(a.store)
    report = a.json("sync")
    assert report["published"] == 1 and report["pending"] == 0
    b.run("sync")
    assert item(b, case_id, "vart-arbete")["note"] == "utan nät"


def test_damaged_files_are_quarantined_and_named_while_the_rest_loads(
    make_host: Callable[[str], Host],
) -> None:
    a = make_host("a")
    first = a.add_case("Enhet Ett")
    second = a.add_case("Enhet Två", hsa="SE5565594230-YJ54")
    batches = sorted((a.store / "ops").glob("*/*.json"))
    assert len(batches) == 2
    damaged = batches[1]
    damaged.write_bytes(damaged.read_bytes()[:40])  # truncated
    (a.store / "snapshots" / "999999999999999.000000-x.json").write_bytes(b"\x00garbage{")

    fresh = make_host("new")
    report = fresh.json("sync")
    assert len(report["quarantined"]) == 2
    cases = {case["id"] for case in fresh.json("case", "list")}
    assert first in cases and second not in cases
    doctor = fresh.run("doctor", check=False)
    assert doctor.returncode == 1
    assert "2 filer i karantän" in doctor.stdout
    assert damaged.name in doctor.stdout and "checksum" in doctor.stdout.lower() + "checksum"
    assert "999999999999999.000000-x.json" in doctor.stdout


def test_a_writer_ten_minutes_ahead_merges_deterministically_and_doctor_says_so(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    a, b, fast = make_host("a"), make_host("b"), make_host("fast")
    for number in range(3):
        a.add_case(f"Enhet {number}", closing="2026-03-31")
    # A host whose clock runs ten minutes fast: all of its writes carry that clock.
    ahead = fast.writer(7, 40, tmp_path / "ahead.jsonl", "--skew-ms", str(10 * 60 * 1000))
    normal = a.writer(8, 40, tmp_path / "normal.jsonl")
    for process in (ahead, normal):
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors.decode()
    a.run("sync")
    b.run("sync")
    assert (
        a.run("status", "--json", "--today", TODAY).stdout
        == b.run("status", "--json", "--today", TODAY).stdout
    )
    assert acknowledged(tmp_path / "ahead.jsonl") and acknowledged(tmp_path / "normal.jsonl")
    doctor = json.loads(a.run("doctor", "--json", check=False).stdout)
    writers = [f for f in doctor["findings"] if f["check"] == "writer"]
    skews = sorted(int(f["skew"]) for f in writers)
    assert skews[-1] >= 590 and not doctor["healthy"]


def test_nothing_created_is_world_writable_and_doctor_warns_when_it_is(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    a, b = make_host("a"), make_host("b")
    os.umask(0o000)  # the most permissive umask a user could have: we must still not widen it
    case_id = a.add_case("Enhet Behörighet")
    b.run("done", case_id, "vart-arbete")
    synced = a.run("sync", "--snapshot")
    assert "Ögonblicksbild" in synced.stdout and "publicerad" in synced.stdout
    for root in (a.store, a.local, b.local):
        for path in [root, *root.rglob("*")]:
            mode = path.stat().st_mode
            assert not mode & stat.S_IWOTH, f"{path} is world-writable"
            if path.is_dir() and root == a.store:  # the local folders are the user's own
                assert mode & stat.S_ISGID, f"{path} lacks setgid"
    assert a.run("doctor").returncode == 0
    a.store.chmod(0o2777)
    doctor = a.run("doctor", check=False)
    assert doctor.returncode == 1 and str(a.store) in doctor.stdout


def test_a_lost_or_damaged_local_view_is_rebuilt_from_the_share(
    make_host: Callable[[str], Host],
) -> None:
    a = make_host("a")
    case_id = a.add_case("Enhet Vy")
    a.run("done", case_id, "vart-arbete")
    before = a.run("status", "--json", "--today", TODAY).stdout
    view = a.local / "view.json"
    view.write_text("{not json")
    assert a.run("status", "--json", "--today", TODAY).stdout == before
    view.unlink()
    assert a.run("status", "--json", "--today", TODAY).stdout == before
    assert json.loads(view.read_text())  # and saved again


def test_a_local_folder_of_another_store_is_refused(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    a = make_host("a")
    a.add_case("Enhet Ett")
    other = Host(tmp_path / "share" / "other", a.local)
    result = other.run("status", check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("stangning: ") and len(result.stderr.splitlines()) == 1


def test_the_writer_script_is_the_real_program() -> None:
    # The store tests' writers run the real core and store: a quick guard that they import.
    result = subprocess.run(
        [sys.executable, str(WRITER), "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "--skew-ms" in result.stdout
