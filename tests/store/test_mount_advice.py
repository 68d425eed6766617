"""doctor reads the share's mount options and says which delay other hosts' changes."""

from __future__ import annotations

import pytest

from tui.store.doctor import Mount, nfs_cache_advice


@pytest.mark.parametrize(
    ("kind", "options", "advice"),
    [
        ("nfs4", {}, ["lookupcache=positive", "acdirmax=3"]),  # Linux defaults: 60 s, all
        ("nfs4", {"lookupcache": "positive", "acdirmax": "2"}, []),
        ("nfs", {"lookupcache": "none", "actimeo": "1"}, []),
        ("nfs", {"lookupcache": "pos", "actimeo": "30"}, ["actimeo=3"]),
        ("cifs", {"actimeo": "1"}, []),
        ("ext4", {}, []),
    ],
)
def test_nfs_mount_options_that_delay_changes_are_named(
    kind: str, options: dict[str, str], advice: list[str]
) -> None:
    assert nfs_cache_advice(Mount(kind, options)) == advice
