"""``stangning demo`` as a newcomer meets it, in a real terminal: its temporary folder goes
when the SSH session drops as on a quit, and ``doctor`` on a kept demo store is calm."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Runner, ok
from tests.cli.terminal import Terminal

FIRST_SCREEN = "Tallkrogen"  # a demo closure's unit: the overview is painted


def demo_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("stangning-demo-*"))


def hang_up(term: Terminal) -> None:
    term.hang_up()  # the kernel sends SIGHUP to the program whose terminal it was


def send_sighup(term: Terminal) -> None:
    term.signal(signal.SIGHUP)


def send_sigterm(term: Terminal) -> None:
    term.signal(signal.SIGTERM)


@pytest.mark.parametrize(
    ("end", "status"),
    [(hang_up, 129), (send_sighup, 129), (send_sigterm, 143), (lambda term: term.send("q"), 0)],
    ids=["terminal-hangs-up", "sighup", "sigterm", "quit"],
)
def test_the_demo_removes_its_temporary_folder_however_it_ends(
    tmp_path: Path, end: Callable[[Terminal], None], status: int
) -> None:
    run = Runner(tmp_path, init=False)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with Terminal(run, "demo", env={"TMPDIR": str(tmp)}) as term:
        term.read_until(FIRST_SCREEN)
        (folder,) = demo_folders(tmp)
        assert (folder / "store" / "stangning-store.json").is_file()
        end(term)
        assert term.wait() == status
    assert demo_folders(tmp) == []


@pytest.fixture(scope="module")
def kept_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, Path]:
    """``stangning demo --out DIR``, looked at and quit, as the README suggests."""
    base = tmp_path_factory.mktemp("kept-demo")
    run = Runner(base, init=False)
    out = base / "demo"
    with Terminal(run, "demo", "--out", str(out)) as term:
        term.read_until(FIRST_SCREEN)
        term.send("q")
        assert term.wait() == 0
        assert f"--store {out / 'store'} --local {out / 'local'}" in term.text()
    return run, out


def test_doctor_on_the_demo_store_is_calm_and_says_why(kept_demo: tuple[Runner, Path]) -> None:
    run, out = kept_demo
    result = ok(run("--store", str(out / "store"), "--local", str(out / "local"), "doctor"))
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("FEL")], result.stdout
    assert (
        "OK    ett demolager från stangning demo: demopersonernas klockor är påhittade och "
        "kontrolleras inte (din egen kontrolleras)"
    ) in lines
    demo_people = [line for line in lines if line.startswith("OK    demoperson ")]
    assert len(demo_people) == 4, result.stdout
    assert any("anna.lind@vc-skogsbacken-01" in line for line in demo_people)
    # Made-up clocks in days and hours, never raw seconds.
    assert all(" dag" in line and "efter den delade enheten" in line for line in demo_people)
    assert " s mot " not in result.stdout
    (mine,) = [line for line in lines if line.startswith("OK    skrivare ")]
    assert mine.endswith("klocka: i takt med den delade enheten")  # this host's is checked
    assert lines[-1] == "Ärendelagret är friskt."


def test_doctor_on_the_demo_store_in_english(kept_demo: tuple[Runner, Path]) -> None:
    run, out = kept_demo
    args = ("--lang", "en", "--store", str(out / "store"), "--local", str(out / "local"), "doctor")
    result = ok(run(*args))
    assert "a demo store made by stangning demo" in result.stdout
    assert "made-up clock:" in result.stdout and "behind the shared drive" in result.stdout
    assert "FAIL" not in result.stdout


SLOW_BUILD = """
import time

import tui.demo

real_build = tui.demo.build_demo


def slow_build(*args, **kwargs):
    time.sleep(2)  # a slow disk: the demo's store takes a while to write
    return real_build(*args, **kwargs)


tui.demo.build_demo = slow_build
"""


def test_the_demo_paints_its_first_frame_before_its_store_is_built(tmp_path: Path) -> None:
    """The demo's screen stayed blank while its store was built, before the first frame
    (issue 12, item 14): now the dashboard shows "Läser in ärendena…" meanwhile."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_BUILD, encoding="utf-8")
    run = Runner(tmp_path, init=False)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {"TMPDIR": str(tmp), "PYTHONPATH": os.pathsep.join([str(hook), *sys.path])}
    with Terminal(run, "demo", env=env) as term:
        term.read_until("Läser in ärendena")
        (folder,) = demo_folders(tmp)
        assert not (folder / "store" / "stangning-store.json").exists()  # still being built
        term.read_until(FIRST_SCREEN)
        term.send("q")
        assert term.wait() == 0
    assert demo_folders(tmp) == []
