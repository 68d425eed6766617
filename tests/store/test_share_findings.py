"""The store's findings as users met them, through whole ``stangning`` processes: the README's
set-up, an empty mount point, a clock a year ahead, odd files on the share, a damaged local view.
Each test failed on the code before its fix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import Host
from tui.core.operations import Operation
from tui.store.share import Share
from tui.store.wire import READS_UP_TO, seal

YEAR_AHEAD = "+365d"


def ahead(host: Host, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The command on a host whose clock runs a year ahead (Debian's faketime)."""
    if shutil.which("faketime") is None:
        pytest.fail("faketime is missing (apt-get install faketime; .ci/run installs it)")
    command = [sys.executable, "-m", "tui", "--store", str(host.store), "--local", str(host.local)]
    result = subprocess.run(
        ["faketime", "-f", YEAR_AHEAD, *command, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


def checks(host: Host, case_id: str, key: str = "bevaka-fraga-svar") -> list[str]:
    detail = host.json("case", "show", case_id)
    item = next(entry for entry in detail["items"] if entry["key"] == key)
    return sorted(str(check["note"]) for check in item["checks"])


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("stangning: "), result.stderr
    return lines[0]


# --- finding 1: snapshot clean-up and a clock a year ahead ---------------------------------------


def test_a_snapshot_by_a_host_a_year_ahead_loses_none_of_a_correct_hosts_checks(
    make_host: Callable[[str], Host],
) -> None:
    right, fast, fresh = make_host("right"), make_host("fast"), make_host("fresh")
    case_id = right.add_case("Enhet Klocka")
    ahead(fast, "check", case_id, "bevaka-fraga-svar", "--note", "fast")
    ahead(fast, "sync", "--snapshot")
    for number in range(5):
        right.run("check", case_id, "bevaka-fraga-svar", "--note", f"right {number}")
    right.run("sync", "--snapshot")
    ahead(fast, "sync", "--snapshot")
    assert checks(fresh, case_id) == ["fast", *(f"right {n}" for n in range(5))]
    assert checks(right, case_id) == checks(fresh, case_id) == checks(fast, case_id)


# --- finding 12: whose clock the dates come from -------------------------------------------------


def test_a_host_a_year_ahead_neither_dates_others_changes_nor_passes_the_three_months(
    make_host: Callable[[str], Host],
) -> None:
    right, fast = make_host("right"), make_host("fast")
    today = right.json("status")["today"]
    closed_recently = right.add_case("Enhet Nyss", closing=today)
    ahead(fast, "sync")
    # The fast host's "today" is the share's: the EK/HSA step stays refused until T.
    refused = ahead(fast, "done", closed_recently, "hsa-verksamhet", check=False)
    assert refused.returncode == 2 and "tidigast" in one_line(refused)
    ahead(fast, "check", closed_recently, "bevaka-fraga-svar", "--note", "fast")
    right.run("case", "edit", closed_recently, "--unit", "Enhet Sedan")
    for entry in right.json("case", "history", closed_recently):
        assert entry["at"].startswith(today), entry  # nobody's change dated a year ahead
    doctor = ahead(fast, "doctor", check=False)
    assert doctor.returncode == 1  # the skew is still reported, in days (issue 12, item 13)
    (skewed,) = [line for line in doctor.stdout.splitlines() if line.startswith("FEL")]
    assert skewed.startswith("FEL   skrivare ")
    assert skewed.endswith("klocka: 365 dagar före den delade enheten"), skewed


# --- findings 4 and 13: the README's set-up; a share that is not mounted -------------------------


def test_the_readmes_set_up_shares_changes_and_an_unmounted_share_is_never_made_a_store(
    tmp_path: Path,
) -> None:
    mount = tmp_path / "mnt" / "delad"
    mount.mkdir(parents=True)
    store = mount / "stangning"
    store.mkdir(mode=0o2770)  # install -d -m 2770 -g stangning /mnt/delad/stangning
    a, b = Host(store, tmp_path / "host-a"), Host(store, tmp_path / "host-b")

    before_init = a.run("case", "list", check=False)
    assert before_init.returncode == 2
    assert f"stangning --store {store} init" in one_line(before_init)
    assert not any(store.iterdir())  # nothing was created under what may be a mount point
    assert "Skapade ett nytt ärendelager" in a.run("init").stdout
    assert "redan ett ärendelager" in b.run("init").stdout

    case_id = a.add_case("Enhet Delad")
    assert [case["id"] for case in b.json("case", "list")] == [case_id]
    b.run("done", case_id, "vart-arbete")
    a.run("sync")
    assert a.json("case", "show", case_id)["items"][0]["state"] == "done"

    # A new host whose share is not mounted (the mount point is empty): refused, not a store.
    unmounted = tmp_path / "elsewhere" / "stangning"
    unmounted.mkdir(parents=True)
    c = Host(unmounted, tmp_path / "host-c")
    result = c.run(
        *("case", "add", "--caregiver", "R", "--unit", "U", "--hsa-id", "SE2321000016-A2G8"),
        *("--closing", "2026-06-30"),
        check=False,
    )
    assert result.returncode == 2 and "är inget ärendelager" in one_line(result)
    assert not any(unmounted.iterdir())


def test_an_outage_creates_nothing_at_the_share_path(make_host: Callable[[str], Host]) -> None:
    a = make_host("a")
    case_id = a.add_case("Enhet Avbrott")
    away = a.store.with_name("away")
    a.store.rename(away)
    assert a.run("check", case_id, "bevaka-fraga-svar").returncode == 0
    assert a.run("sync", "--snapshot", check=False).returncode == 1
    assert a.run("doctor", check=False).returncode == 1
    stale = a.run("status")
    assert "visar den lokala kopian" in stale.stderr and "mappen finns inte" in stale.stderr
    assert not a.store.exists()  # no store, no writers/ folder, nothing at the share path


# --- finding 8: values the code does not expect; files of a newer version ------------------------


def _seal_batch(host: Host, writer: str, seq: int, rows: list[list[Any]], version: int = 2) -> Path:
    store_id = Share(host.store).store_id()
    folder = host.store / "ops" / writer
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{seq:010d}.json"
    data = seal("batch", {"writer": writer, "seq": seq, "ops": rows}, store_id)
    if version != 2:
        head, _, body = data.partition(b"\n")
        header = json.loads(head) | {"version": version}
        data = json.dumps(header).encode() + b"\n" + body
    path.write_bytes(data)
    return path


def _row(
    writer: str, seq: int, field: str, value: Any, hlc: str = "001780000000000.000001"
) -> list[Any]:
    return Operation("e" * 32, writer, seq, hlc, "badcase", field, value, (), "x", "y").to_row()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("case.closing", "2026-99-99"),
        ("case.closing", "9999-12-31"),
        ("case.template_version", "x"),
        ("check.fil-i-fail.c1", "not a check"),
    ],
)
def test_a_sealed_batch_with_a_value_the_code_does_not_expect_is_set_aside_not_fatal(
    make_host: Callable[[str], Host], field: str, value: Any
) -> None:
    a, b = make_host("a"), make_host("b")
    case_id = a.add_case("Enhet Frisk")
    bad = _seal_batch(a, "evil-writer", 1, [_row("evil-writer", 1, field, value)])
    listed = b.json("case", "list")
    assert [case["id"] for case in listed] == [case_id]  # the rest loads, on every host
    nagios = a.run("status", "--nagios", check=False)
    assert nagios.stdout.startswith("STANGNING CRITICAL - försenade punkter")  # not UNKNOWN
    assert not bad.exists()
    doctor = b.run("doctor", check=False).stdout
    assert "i karantän: ops__evil-writer__0000000001.json" in doctor and field in doctor


def test_a_batch_from_a_newer_version_is_kept_in_place_and_named(
    make_host: Callable[[str], Host],
) -> None:
    a = make_host("a")
    case_id = a.add_case("Enhet Ny")
    row = _row("future-writer", 1, "case.unit", "X")
    newer = _seal_batch(a, "future-writer", 1, [row], READS_UP_TO + 1)
    assert [case["id"] for case in a.json("case", "list")] == [case_id]
    assert newer.exists()  # not lost: a newer stangning reads it
    doctor = a.run("doctor", check=False)
    assert doctor.returncode == 1 and "nyare version av stangning" in doctor.stdout


def test_an_unknown_level_from_a_newer_version_is_named_not_fatal(
    make_host: Callable[[str], Host],
) -> None:
    a = make_host("a")
    known = a.add_case("Enhet Känd")
    writer = "future-writer"
    rows = [
        Operation(
            f"{n:032x}",
            writer,
            1,
            f"00178000000000{n}.000000",
            "newcase",
            f"case.{name}",
            v,
            (),
            "x",
            "y",
        ).to_row()
        for n, (name, v) in enumerate(
            {
                "caregiver": "R",
                "unit": "Enhet Framtid",
                "hsa_id": "SE2321000016-A2G8",
                "closing": "2026-06-30",
                "level": "region",
                "template_version": 1,
            }.items()
        )
    ]
    _seal_batch(a, writer, 1, rows)
    listed = a.run("case", "list", "--json")
    assert [case["id"] for case in json.loads(listed.stdout)] == [known]
    assert "Enhet Framtid" in listed.stderr and "nyare version" in listed.stderr
    shown = a.run("case", "show", "newcase", check=False)
    assert shown.returncode == 2 and "nyare version" in one_line(shown)


# --- finding 9 and the tracebacks: odd files where the store's files go --------------------------


def test_folders_and_files_where_they_do_not_belong_block_nobody(
    make_host: Callable[[str], Host],
) -> None:
    a, b = make_host("a"), make_host("b")
    case_id = a.add_case("Enhet Udda")
    writer = next((a.store / "ops").iterdir()).name
    (a.store / "ops" / writer / "0000000050.json").mkdir()  # a folder named like a batch
    shutil.rmtree(a.store / "snapshots")
    (a.store / "snapshots").write_text("not a folder")
    shutil.rmtree(a.store / "writers")
    (a.store / "writers").write_text("not a folder")
    assert [case["id"] for case in b.json("case", "list")] == [case_id]
    assert a.run("check", case_id, "bevaka-fraga-svar").returncode == 0
    doctor = b.run("doctor", check=False)
    assert "Traceback" not in doctor.stderr and doctor.returncode == 1
    assert "snapshots" in doctor.stdout and "writers" in doctor.stdout


def test_a_huge_nested_heartbeat_does_not_crash_doctor(make_host: Callable[[str], Host]) -> None:
    a = make_host("a")
    a.add_case("Enhet Hjärta")
    (a.store / "writers" / "evil.json").write_bytes(b"[" * 50_000_000)
    doctor = a.run("doctor", check=False)
    assert "Traceback" not in doctor.stderr and "Ärendelagret" in doctor.stdout


@pytest.mark.parametrize(
    "damage",
    [
        "folder",
        '{"meta":{"1":{}}}',
        '{"cases":{"1":{"ops":[["a","w",1,"x","c","f",1,[],"a","h"]]}}}',
    ],
)
def test_a_damaged_local_view_is_rebuilt_from_the_share(
    make_host: Callable[[str], Host], damage: str
) -> None:
    a = make_host("a")
    case_id = a.add_case("Enhet Vy")
    view = a.local / "view.json"
    view.unlink()
    if damage == "folder":
        view.mkdir()
    else:
        view.write_text(damage)
    assert [case["id"] for case in a.json("case", "list")] == [case_id]
    assert a.run("check", case_id, "bevaka-fraga-svar").returncode == 0


def test_a_restored_local_folder_continues_with_numbers_nobody_has_used(
    make_host: Callable[[str], Host], tmp_path: Path
) -> None:
    a, b = make_host("a"), make_host("b")
    case_id = a.add_case("Enhet Backup")
    backup = tmp_path / "backup"
    shutil.copytree(a.local, backup)
    a.run("check", case_id, "bevaka-fraga-svar", "--note", "before the restore 1")
    a.run("check", case_id, "bevaka-fraga-svar", "--note", "before the restore 2")
    shutil.rmtree(a.local)
    shutil.copytree(backup, a.local)
    after = a.run("check", case_id, "bevaka-fraga-svar", "--note", "after the restore")
    assert after.returncode == 0 and after.stderr == ""
    assert a.run("sync").returncode == 0
    assert checks(b, case_id) == [
        "after the restore",
        "before the restore 1",
        "before the restore 2",
    ]
    assert not any((a.local / "outbox").iterdir())
