"""The share misbehaving as network drives do (tests/faultfs: a FUSE file system in its own
process): hung, full, read-only, and hiding new files behind a negative-lookup cache. Each test
is a user's view: the real CLI in subprocesses, or the store's API as the dashboard uses it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faultfs import FaultShare, fault_share
from tests.faultfs.cli import BoundedHost
from tests.faultfs.tools import wait_for
from tests.store.conftest import TODAY
from tui.store.case_store import CaseStore
from tui.store.identity import Identity, wall_clock_ms
from tui.store.share import Share
from tui.store.shared_log import SharedDriveLog

SHARE_TIMEOUT = 2  # STANGNING_SHARE_TIMEOUT for the hung-share test
MARGIN = 8  # what a command may take beyond it (Python's start-up included) before it fails
ENGLISH = {"STANGNING_LANG": "en"}


@pytest.fixture
def share(tmp_path: Path) -> Iterator[FaultShare]:
    with fault_share(tmp_path / "faultfs") as mounted:
        yield mounted


def store_on(share: FaultShare) -> tuple[Path, Path]:
    """The store folder through the misbehaving mount, and the same folder on the server's own
    disk (a colleague whose share is fine)."""
    Share(share.backing / "stangning").create()
    return share.mount / "stangning", share.backing / "stangning"


def says(pattern: str, stderr: str, tmp_path: Path) -> bool:
    """Whether the message says this, in words (not in a folder name that happens to match)."""
    words = stderr.replace(str(tmp_path), "<folder>")
    return re.search(pattern, words, re.IGNORECASE) is not None


def checks(host: BoundedHost, case_id: str, key: str) -> list[str]:
    detail = host.json("case", "show", case_id)
    item = next(entry for entry in detail["items"] if entry["key"] == key)
    return [str(check.get("note")) for check in item["checks"]]


def cases(host: BoundedHost) -> set[str]:
    return {case["id"] for case in host.json("case", "list")}


def hung_share_hosts(share: FaultShare, tmp_path: Path) -> tuple[BoundedHost, BoundedHost]:
    """Host a through the mount that will hang (each command bounded), and a colleague whose
    share is fine (the server's own folder)."""
    through_mount, on_server = store_on(share)
    env = {**ENGLISH, "STANGNING_SHARE_TIMEOUT": str(SHARE_TIMEOUT)}
    a = BoundedHost(through_mount, tmp_path / "host-a", limit=SHARE_TIMEOUT + MARGIN, env=env)
    return a, BoundedHost(on_server, tmp_path / "host-b", env=ENGLISH)


def test_a_hung_share_does_not_hold_commands_and_their_changes_arrive_after(
    share: FaultShare, tmp_path: Path
) -> None:
    a, colleague = hung_share_hosts(share, tmp_path)
    first = a.add_case("Vårdcentralen Häng")

    share.hang()
    added = a.run(
        "case",
        "add",
        "--caregiver",
        "Region Stockholm",
        "--unit",
        "Enhet Under Häng",
        "--hsa-id",
        "SE5565594230-YJ54",
        "--closing",
        "2026-06-30",
    )
    second = added.stdout.strip()
    assert says("respond", added.stderr, tmp_path), added.stderr
    checked = a.run("check", first, "bevaka-fraga-svar", "--note", "under häng")
    assert says("respond", checked.stderr, tmp_path), checked.stderr
    status = a.run("status", "--today", TODAY, check=False)
    assert first in status.stdout and second in status.stdout  # the local copy answers

    share.release()
    synced = a.run("sync")
    assert "waiting: 0" in synced.stdout, synced.stdout
    colleague.run("sync")
    assert cases(colleague) == {first, second}
    assert checks(colleague, first, "bevaka-fraga-svar") == ["under häng"]


def test_a_negative_lookup_cache_does_not_hide_a_colleagues_batch(
    share: FaultShare, tmp_path: Path
) -> None:
    through_mount, on_server = store_on(share)
    colleague = BoundedHost(on_server, tmp_path / "host-a")
    colleague.add_case("Enhet Före")
    share.negative_cache(30)  # as NFS lookupcache=all and SMB clients do, for 30 s

    log = SharedDriveLog(
        through_mount,
        tmp_path / "host-b",
        identity=Identity(actor="bertil", host="host-b"),
        clock_ms=wall_clock_ms,
    )
    store = CaseStore(log)
    try:
        assert [case.unit for case in store.cases()] == ["Enhet Före"]
        assert store.refresh() == 0  # a poll with nothing new
        later = colleague.add_case("Enhet Efter", hsa="SE5565594230-YJ54")
        assert store.refresh() > 0  # the next poll, well inside the 30 s
        assert store.case(later) is not None
    finally:
        store.close()


@pytest.mark.parametrize(
    ("error", "cause"),
    [("ENOSPC", r"full|no space"), ("EROFS", r"read.only")],
    ids=["full", "read-only"],
)
def test_a_full_or_read_only_share_keeps_the_change_queued_and_says_why(
    share: FaultShare, tmp_path: Path, error: str, cause: str
) -> None:
    through_mount, on_server = store_on(share)
    a = BoundedHost(through_mount, tmp_path / "host-a", env=ENGLISH)
    colleague = BoundedHost(on_server, tmp_path / "host-b", env=ENGLISH)
    case_id = a.add_case("Enhet Fullt")
    colleague.run("sync")

    share.fail(error)
    checked = a.run("check", case_id, "fil-i-fail", "--note", "kö")
    assert says(cause, checked.stderr, tmp_path), checked.stderr
    assert checks(a, case_id, "fil-i-fail") == ["kö"]  # this host has it
    synced = a.run("sync", check=False)
    assert synced.returncode == 1
    assert says(cause, synced.stderr, tmp_path), synced.stderr
    colleague.run("sync")
    assert checks(colleague, case_id, "fil-i-fail") == []  # not published

    share.normal()
    assert a.run("sync").returncode == 0
    colleague.run("sync")
    assert checks(colleague, case_id, "fil-i-fail") == ["kö"]


def test_the_fault_share_fails_as_told_and_recovers(share: FaultShare) -> None:
    # A guard on the instrument itself: each fault is what the tests above rely on.
    (share.mount / "file").write_text("content")
    share.fail("EROFS")
    with pytest.raises(OSError, match="Read-only"):
        (share.mount / "other").write_text("x")
    assert (share.mount / "file").read_text() == "content"
    share.fail("ENOSPC")
    with pytest.raises(OSError, match="No space"):
        (share.mount / "other").write_text("x")
    share.fail("EIO")
    with pytest.raises(OSError, match="Input/output"):
        (share.mount / "file").read_text()
    share.normal()
    share.negative_cache(30)
    assert not (share.mount / "late").exists()
    (share.backing / "late").write_text("now there")
    assert not (share.mount / "late").exists()  # hidden by the negative cache
    assert "late" in [path.name for path in share.mount.iterdir()]  # but listed
    share.normal()
    share.list_cache(30)
    before = sorted(path.name for path in share.mount.iterdir())
    (share.backing / "unlisted").write_text("x")
    assert sorted(path.name for path in share.mount.iterdir()) == before  # a stale listing
    (share.mount / "own").write_text("x")
    assert "own" in [path.name for path in share.mount.iterdir()]  # its own change shows

    share.hang()
    listing = f"import os; os.listdir({str(share.mount)!r})"
    lister = subprocess.Popen([sys.executable, "-c", listing])
    try:
        wait_for(lambda: share.blocked() > 0, 10, "the listing to block")
        assert lister.poll() is None
        share.release()
        assert lister.wait(timeout=10) == 0
    finally:
        lister.kill()


def test_a_share_that_ignores_even_kill_does_not_hold_the_command_either(
    share: FaultShare, tmp_path: Path
) -> None:
    # smbnetfs, sshfs: a call the server never answers cannot be interrupted at all, so the
    # process that made it cannot exit; the command's work runs in a child it leaves behind.
    a, colleague = hung_share_hosts(share, tmp_path)
    case_id = a.add_case("Enhet Hårt Häng")
    share.hang(hard=True)
    checked = a.run("check", case_id, "bevaka-fraga-svar", "--note", "hårt")
    assert says("respond", checked.stderr, tmp_path), checked.stderr
    share.release()
    wait_for(lambda: share.blocked() == 0, 10, "the hung calls to end")
    a.run("sync")
    assert checks(colleague, case_id, "bevaka-fraga-svar") == ["hårt"]
