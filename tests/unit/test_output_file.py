"""tui.export.output_file: the one module every ``-o FILE`` and the dashboard's saves write
through."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.app.flow.saved_file import save_text
from tui.export.output_file import (
    TEMP_PREFIX,
    OutputRefused,
    is_stdout,
    real_target,
    write_file,
)


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_standard_output_is_no_option_or_a_dash() -> None:
    assert is_stdout(None) and is_stdout("-")
    assert not is_stdout("-.md") and not is_stdout("./-") and not is_stdout("")


def test_a_new_file_gets_the_content_and_nothing_else_is_left(tmp_path: Path) -> None:
    written = write_file(tmp_path / "a.md", b"hej\n")
    assert written == tmp_path / "a.md"
    assert (tmp_path / "a.md").read_bytes() == b"hej\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("mask", "mode"), [(0o000, 0o666), (0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_based_mode(
    tmp_path: Path, umask: None, mask: int, mode: int
) -> None:
    os.umask(mask)
    write_file(tmp_path / "a.md", b"x")
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604, 0o4755])
def test_an_existing_file_keeps_its_mode_without_setuid(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(mode)
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode & 0o777


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_keeps_an_existing_files_owner_and_group(tmp_path: Path) -> None:
    target = tmp_path / "theirs.md"
    target.write_bytes(b"old")
    os.chown(target, 65534, 65534)
    target.chmod(0o640)
    write_file(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "file.md"
    real.write_bytes(b"old")
    real.chmod(0o600)
    (tmp_path / "hop").symlink_to("real/file.md")
    link = tmp_path / "link.md"
    link.symlink_to("hop")
    assert write_file(link, b"new") == real
    assert link.is_symlink() and (tmp_path / "hop").is_symlink()
    assert real.read_bytes() == b"new" and stat.S_IMODE(real.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "real") == []


@pytest.mark.parametrize(
    ("make", "code", "number"),
    [
        (lambda p: p.mkdir(), "folder", errno.EISDIR),
        (lambda p: os.mkfifo(p), "not_regular", errno.EPERM),
        (lambda p: p.symlink_to(p.name), "not_regular", errno.EPERM),  # a loop
        (lambda p: p.symlink_to("nowhere/x"), "no_folder", errno.ENOENT),
    ],
)
def test_what_is_not_a_regular_file_is_refused_and_left_alone(
    tmp_path: Path, make: object, code: str, number: int
) -> None:
    target = tmp_path / "target"
    make(target)  # type: ignore[operator]
    before = target.lstat()
    with pytest.raises(OutputRefused) as refused:
        write_file(target, b"x")
    assert (refused.value.code, refused.value.errno) == (code, number)
    assert isinstance(refused.value, OSError) and refused.value.params["path"] == target
    after = target.lstat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (Path("/"), "folder"),
        (Path("/etc/passwd"), "system"),
        (Path("/dev/null"), "system"),
        (Path("/usr/local/rapport.md"), "system"),
        (Path("/proc/self/status"), "system"),
    ],
)
def test_system_files_and_devices_are_refused(path: Path, code: str) -> None:
    with pytest.raises(OutputRefused) as refused:
        real_target(path)
    assert refused.value.code == code


def test_a_file_as_folder_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    for path, code in (
        (tmp_path / "file" / "x.md", "not_folder"),
        (tmp_path / "missing" / "x.md", "no_folder"),
    ):
        with pytest.raises(OutputRefused) as refused:
            write_file(path, b"x")
        assert refused.value.code == code
        assert refused.value.params["folder"] == path.parent
    assert not (tmp_path / "missing").exists()


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old content")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_file(target, b"new content")
    assert target.read_bytes() == b"old content"
    assert leftovers(tmp_path) == []


def test_a_process_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    # The child dies (SIGKILL) after writing the temporary file, before the rename.
    target = tmp_path / "a.md"
    target.write_bytes(b"old content")
    child = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from tui.export.output_file import write_file\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        "write_file(Path(sys.argv[1]), b'new content' * 100000)\n"
    )
    result = subprocess.run([sys.executable, "-c", child, str(target)], check=False, timeout=60)
    assert result.returncode == -9
    assert target.read_bytes() == b"old content"


def test_the_dashboards_save_writes_through_a_symlink_keeping_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "mail.txt"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    save_text(link, "Hej brevlådan\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "Hej brevlådan\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    with pytest.raises(OSError):
        save_text(tmp_path, "x")  # a folder: the dashboard shows the error


# --- a name of stangning's own (metrics --textfile DIR: DIR/stangning.prom) -------------------


def test_its_own_name_may_be_in_a_system_folder_but_nothing_else_may() -> None:
    # node_exporter's textfile folder is usually under /var/lib (nothing is written here).
    own = Path("/var/lib/stangning.prom")
    assert real_target(own, own_name=True) == own
    with pytest.raises(OutputRefused) as refused:
        real_target(own)
    assert refused.value.code == "system"


def test_its_own_name_as_a_symlink_out_of_the_folder_meets_the_usual_rules(
    tmp_path: Path,
) -> None:
    link = tmp_path / "stangning.prom"
    link.symlink_to("/etc/passwd")
    with pytest.raises(OutputRefused) as refused:
        real_target(link, own_name=True)
    assert refused.value.code == "system"
    inside = tmp_path / "elsewhere.prom"
    link.unlink()
    link.symlink_to(inside.name)
    assert real_target(link, own_name=True) == inside
