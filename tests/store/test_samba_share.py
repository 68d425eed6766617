"""Two hosts on a real SMB share: Samba's smbd on loopback, each host with its own smbnetfs mount
(tests/samba). They work on the same cases through the real CLI and end up agreeing exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faultfs.cli import BoundedHost
from tests.samba import SambaShare, samba_share
from tests.store.conftest import TODAY


@pytest.fixture
def smb(tmp_path: Path) -> Iterator[SambaShare]:
    with samba_share(tmp_path, clients=2) as share:
        yield share


def test_two_hosts_on_their_own_smb_mounts_agree_on_every_change(
    smb: SambaShare, tmp_path: Path
) -> None:
    a = BoundedHost(smb.clients[0] / "stangning", tmp_path / "host-a")
    b = BoundedHost(smb.clients[1] / "stangning", tmp_path / "host-b")
    assert a.run("init").returncode == 0
    assert (smb.folder / "stangning").is_dir()  # made on the server, through the mount

    first = a.add_case("Vårdcentralen Samba")
    second = b.add_case("Enhet Två", hsa="SE5565594230-YJ54")
    b.run("sync")
    a.run("sync")
    b.run("check", first, "bevaka-fraga-svar", "--note", "från b")
    a.run("check", second, "fil-i-fail", "--note", "från a")
    a.run("done", first, "vart-arbete", "--note", "klart i a")
    b.run("done", second, "vart-arbete")
    for _ in range(2):
        a.run("sync")
        b.run("sync")

    seen_by_a = a.run("status", "--json", "--today", TODAY).stdout
    seen_by_b = b.run("status", "--json", "--today", TODAY).stdout
    assert seen_by_a == seen_by_b
    items = {
        (case["id"], item["key"]): item
        for case in json.loads(seen_by_a)["cases"]
        for item in case["items"]
    }
    assert {case_id for case_id, _ in items} == {first, second}
    assert [check["note"] for check in items[first, "bevaka-fraga-svar"]["checks"]] == ["från b"]
    assert [check["note"] for check in items[second, "fil-i-fail"]["checks"]] == ["från a"]
    assert items[first, "vart-arbete"]["note"] == "klart i a"
    assert items[second, "vart-arbete"]["state"] == "done"
