"""Folders the program creates: the leaf gets the mode asked for, a parent created on the way
is never group-writable nor setgid, and a folder that exists is never chmod-ed. Once the
default local folder gave ``~/.local`` and ``~/.local/share`` mode 2770, so a colleague in the
same primary group could plant ``~/.local/bin/ls``."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Runner, shifted
from tui.store.files import DIR_MODE, PARENT_MODE, PRIVATE_DIR_MODE, make_dirs

UMASKS = [0o000, 0o022]


@pytest.fixture(params=UMASKS, ids=lambda mask: f"umask{mask:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = request.param
    previous = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def group_writable_or_setgid(path: Path) -> bool:
    return bool(path.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH | stat.S_ISGID))


def test_a_private_tree_is_0700_all_the_way_down(tmp_path: Path, umask: int) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    local = home / ".local" / "share" / "stangning" / "local" / "host-abc"
    make_dirs(local, PRIVATE_DIR_MODE, parent_mode=PRIVATE_DIR_MODE)
    for folder in (local, *local.parents):
        if folder == home:
            break
        assert mode_of(folder) == 0o700, folder
    assert mode_of(home) == 0o755


def test_created_parents_are_never_group_writable_and_the_leaf_gets_its_mode(
    tmp_path: Path, umask: int
) -> None:
    store = tmp_path / "a" / "b" / "store"
    make_dirs(store)  # the defaults: a store folder, parents as mkdir -p makes them
    assert store.stat().st_mode & 0o7777 == DIR_MODE
    for parent in (tmp_path / "a", tmp_path / "a" / "b"):
        assert mode_of(parent) == PARENT_MODE & ~umask, parent
        assert not group_writable_or_setgid(parent), parent


def test_a_setgid_parents_bit_is_not_passed_on_to_created_parents(
    tmp_path: Path, umask: int
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o2750)  # a home folder that is setgid: Linux passes the bit to new subfolders
    leaf = home / ".local" / "share" / "stangning"
    make_dirs(leaf, PRIVATE_DIR_MODE, parent_mode=PRIVATE_DIR_MODE)
    for folder in (home / ".local", home / ".local" / "share"):
        assert not group_writable_or_setgid(folder), oct(folder.stat().st_mode)
    assert home.stat().st_mode & 0o7777 == 0o2750


def test_a_folder_that_exists_is_never_chmod_ed(tmp_path: Path, umask: int) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o751)
    make_dirs(mine)  # the leaf itself exists
    make_dirs(mine / "store")  # a new leaf under it
    make_dirs(mine / "x" / "y", PRIVATE_DIR_MODE, parent_mode=PRIVATE_DIR_MODE)
    assert mode_of(mine) == 0o751
    assert (mine / "store").stat().st_mode & 0o7777 == DIR_MODE


def test_parent_mode_cannot_make_a_parent_group_writable(tmp_path: Path, umask: int) -> None:
    make_dirs(tmp_path / "p" / "leaf", PRIVATE_DIR_MODE, parent_mode=0o2777)
    assert not group_writable_or_setgid(tmp_path / "p")


def test_the_default_store_and_local_folder_leave_the_home_folders_private(
    tmp_path: Path, umask: int
) -> None:
    # No store configured: the default store and local folder under the user's data folder.
    run = Runner(tmp_path)
    run.home.mkdir(mode=0o755)
    result = run(
        "case", "add", "--caregiver", "Region", "--unit", "Enhet", "--hsa-id",
        "SE2321000016-A2G8", "--closing", shifted(days=20).isoformat(),
        env={"STANGNING_STORE": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = run.home / "data"  # XDG_DATA_HOME, as ~/.local/share
    for folder in (data, data / "stangning", data / "stangning" / "local"):
        assert folder.is_dir(), folder
        assert not group_writable_or_setgid(folder), (folder, oct(folder.stat().st_mode))
    assert mode_of(run.home) == 0o755
