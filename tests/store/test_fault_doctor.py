"""doctor and sync --snapshot on a share that misbehaves (tests/faultfs, a FUSE file system):
the mount is recognised for what it is, a local folder on it is refused, a snapshot on a full or
read-only share says why in one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faultfs import FaultShare, fault_share
from tests.faultfs.cli import BoundedHost
from tui.store.share import Share


@pytest.fixture
def share(tmp_path: Path) -> Iterator[FaultShare]:
    with fault_share(tmp_path / "faultfs") as mounted:
        yield mounted


def test_doctor_tells_a_fuse_share_apart_and_refuses_a_local_folder_on_it(
    share: FaultShare, tmp_path: Path
) -> None:
    Share(share.backing / "stangning").create()
    a = BoundedHost(share.mount / "stangning", tmp_path / "host-a")
    a.add_case("Enhet Montering")
    doctor = a.run("doctor", check=False).stdout
    assert "den delade enheten är ett FUSE-filsystem (fuse" in doctor
    assert "visar andras ändringar utan fördröjning" not in doctor

    on_network = BoundedHost(tmp_path / "local-store", share.mount / "local-folder")
    Share(on_network.store).create()
    result = on_network.run("doctor", check=False)
    assert result.returncode == 1
    assert "FEL   den lokala mappen" in result.stdout and "nätverksenhet" in result.stdout


@pytest.mark.parametrize(
    ("error", "cause"),
    [("ENOSPC", "den delade enheten är full"), ("EROFS", "den delade enheten är skrivskyddad")],
    ids=["full", "read-only"],
)
def test_a_snapshot_on_a_full_or_read_only_share_is_one_line_and_loses_nothing(
    share: FaultShare, tmp_path: Path, error: str, cause: str
) -> None:
    Share(share.backing / "stangning").create()
    a = BoundedHost(share.mount / "stangning", tmp_path / "host-a")
    colleague = BoundedHost(share.backing / "stangning", tmp_path / "host-b")
    case_id = a.add_case("Enhet Ögonblick")
    share.fail(error)
    result = a.run("sync", "--snapshot", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and cause in result.stderr
    share.normal()
    assert a.run("sync", "--snapshot").returncode == 0
    assert [case["id"] for case in colleague.json("case", "list")] == [case_id]
