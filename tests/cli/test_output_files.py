"""``-o FILE`` (report, export ics, export csv) as a user sees it: the file named gets the
content, through a symlink, keeping its mode; ``-o -`` is standard output; a folder, a device,
a pipe, a system file or a missing folder is refused in one line and left as it was."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.store.share import Share

from .conftest import Runner, add_case, assert_refused, ok, shifted, snapshot

COMMANDS = {
    "report": ("report", "CASE"),
    "export csv": ("export", "csv"),
    "export ics": ("export", "ics"),
}
MARKERS = {
    "report": "# Stängningsrapport",
    "export csv": "caregiver",
    "export ics": "BEGIN:VCALENDAR",
}


@pytest.fixture
def case_id(run: Runner) -> str:
    Share(run.store).create()  # as stangning init does: a configured store is never implicit
    return add_case(run, closing=shifted(days=20))


@pytest.fixture(params=sorted(COMMANDS))
def command(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


def write(command: str, case_id: str, target: str) -> tuple[str, ...]:
    """The command line that writes ``command``'s output to ``target``."""
    return (*(case_id if arg == "CASE" else arg for arg in COMMANDS[command]), "-o", target)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_o_writes_through_a_symlink(run: Runner, case_id: str, command: str) -> None:
    real = run.base / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = run.base / "link.txt"
    link.symlink_to("real.txt")
    ok(run(*write(command, case_id, "link.txt")))
    assert link.is_symlink() and link.readlink() == Path("real.txt")
    assert MARKERS[command] in real.read_text(encoding="utf-8")


def test_o_through_a_dangling_symlink_creates_its_target(run: Runner, case_id: str) -> None:
    (run.base / "reports").mkdir()
    link = run.base / "latest.md"
    link.symlink_to("reports/new.md")
    ok(run(*write("report", case_id, "latest.md")))
    assert link.is_symlink()
    assert (run.base / "reports" / "new.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_o_keeps_an_existing_files_mode(run: Runner, case_id: str, command: str, mode: int) -> None:
    target = run.base / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    ok(run(*write(command, case_id, "out.txt")))
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert MARKERS[command] in target.read_text(encoding="utf-8")


@pytest.mark.usefixtures("umask_022")
def test_o_gives_a_new_file_the_usual_mode(run: Runner, case_id: str, command: str) -> None:
    ok(run(*write(command, case_id, "new.txt")))
    assert stat.S_IMODE((run.base / "new.txt").stat().st_mode) == 0o644


def test_o_dash_is_standard_output(run: Runner, case_id: str, command: str) -> None:
    result = ok(run(*write(command, case_id, "-")))
    assert MARKERS[command] in result.stdout
    assert not (run.base / "-").exists()


def test_o_a_folder_is_refused_and_left_alone(run: Runner, case_id: str, command: str) -> None:
    folder = run.base / "rapporter"
    folder.mkdir()
    (folder / "old.md").write_text("kvar\n", encoding="utf-8")
    before = snapshot(run.base)
    assert_refused(run(*write(command, case_id, "rapporter")), "rapporter", "mapp")
    assert folder.is_dir() and snapshot(run.base) == before


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("", "filnamn"),
        ("/", "mapp"),
        ("nya/", "mapp"),
        ("saknas/rapport.md", "finns inte"),
    ],
)
def test_o_refusals_write_nothing(
    run: Runner, case_id: str, command: str, target: str, fragment: str
) -> None:
    before = snapshot(run.base)
    assert_refused(run(*write(command, case_id, target)), fragment)
    assert snapshot(run.base) == before
    assert not (run.base / "nya").exists() and not (run.base / "saknas").exists()


def test_o_a_pipe_is_refused_and_stays_a_pipe(run: Runner, case_id: str, command: str) -> None:
    fifo = run.base / "pipe"
    os.mkfifo(fifo)
    assert_refused(run(*write(command, case_id, "pipe")), "pipe", "ingen vanlig fil")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_o_a_device_node_is_refused_and_stays_a_device(run: Runner, case_id: str) -> None:
    # A device of our own in tmp_path: a regression must not replace the system's /dev/null.
    device = run.base / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    link = run.base / "link"
    link.symlink_to(device)
    for target in ("null", "link"):
        assert_refused(run(*write("report", case_id, target)), target, "ingen vanlig fil")
    assert stat.S_ISCHR(device.lstat().st_mode) and link.is_symlink()


def test_o_a_file_in_a_system_folder_is_refused(run: Runner, case_id: str) -> None:
    # As root the file is real (and would be replaced without the check); otherwise it cannot
    # be made and the refusal must still name the system folder, not a permission error.
    system_file = Path("/etc") / f"stangning-test-{secrets.token_hex(4)}"
    if os.geteuid() == 0:
        system_file.write_text("system\n", encoding="utf-8")
    link = run.base / "innocent.md"
    link.symlink_to(system_file)
    try:
        for target in (str(system_file), "innocent.md"):
            assert_refused(run(*write("report", case_id, target)), "/etc", "systemmappen")
        if os.geteuid() == 0:
            assert system_file.read_text(encoding="utf-8") == "system\n"
    finally:
        system_file.unlink(missing_ok=True)


def test_o_refusals_are_english_with_lang_en(run: Runner, case_id: str) -> None:
    assert_refused(run("--lang", "en", *write("report", case_id, "/")), "is a folder")
