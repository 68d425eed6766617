"""The dashboard at 300 and at 10,000 cases (300 open), in a real pseudo-terminal (issue 11's
targets). It prints figures and the targets; it asserts nothing.

For each store (bench/make_store.py, the same stores bench_commands.py uses), the dashboard is
started as a user starts it, and measured:

- cases on screen: from process start until the overview's title ("Aktiva stängningar: 300")
  is on the terminal; the ratio of 10,000 to 300 cases is the target;
- keypress to repaint: a key is sent, and the time until the screen shows its result is taken:
  the output is fed to a terminal emulator (pyte), and the time of the last output that changed
  a cell (its character, colour or attributes) is the repaint; output that rewrites cells with
  what they already show (Textual repaints a scrollbar or the footer again) is not. The time of
  the last byte (nothing more for 150 ms) is printed beside it. Keys: `j` (next row), `2` and
  `1` (pane switches, the first and the second visit), `/` and one filter letter, escape (the
  filter cleared); medians of runs. Escape is sent both as a terminal with the kitty keyboard
  protocol sends it (``CSI 27 u``, which Textual asks for) and as a lone ESC byte (xterm,
  tmux), after which the dashboard waits ESCDELAY (25 ms) for the rest of a possible sequence;
- a colleague's change: another host's `case edit` renames the most urgent case's unit, and
  the time from that command's end until the new name is on the terminal is taken;
- peak memory: the dashboard's VmHWM after all of the above;
- the archive toggle (no target): `a` is sent, then `2` while the finished closures are read
  (its repaint), then `1`; the time until the overview says they are shown, and the peak
  memory then.

    pip install -e '.[bench]'   # pyte
    python bench/bench_dashboard_scale.py [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyte
from bench_dashboard import COLUMNS, ROWS, Terminal, dashboard_argv, environment

BENCH = Path(__file__).resolve().parent
QUIET = 0.15  # output quiet this long: the repaint is over
KEYS = (
    ("j (next row)", b"j"),
    ("2 (a role pane, first visit)", b"2"),
    ("1 (the overview)", b"1"),
    ("2 (a role pane, again)", b"2"),
    ("1 (the overview, again)", b"1"),
    ("/ (the filter)", b"/"),
    ("a filter letter", b"v"),
    ("escape, CSI 27 u (cleared)", b"\x1b[27u"),
    ("/ and a letter again", b"/v"),
    ("escape, lone ESC (cleared)", b"\x1b"),
)
SHOWN_COMPLETE = "visas (a döljer)".encode()  # the overview's title once `a` has them
TARGETS = {"ratio": 1.5, "key_ms": 100.0, "change_s": 2.0, "memory_mib": 100.0}


def make(out: Path, cases: int) -> None:
    if (out / "store").exists():
        return
    subprocess.run(
        [sys.executable, str(BENCH / "make_store.py"), "--cases", str(cases), "--active", "300",
         "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )  # fmt: skip


class Mirror:
    """What the terminal shows: the program's output fed to a terminal emulator."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.fed = 0  # bytes of the output fed so far
        self.chunks_fed = 0

    def cells(self) -> tuple[tuple[object, ...], ...]:
        buffer = self.screen.buffer
        return tuple(
            tuple(
                (cell.data, cell.fg, cell.bg, cell.bold, cell.reverse, cell.italics)
                for cell in (buffer[y][x] for x in range(COLUMNS))
            )
            for y in range(ROWS)
        )

    def catch_up(self) -> None:
        self.stream.feed(bytes(self.terminal.output[self.fed :]))
        self.fed = len(self.terminal.output)
        self.chunks_fed = len(self.terminal.chunks)

    def last_change(self, since: float) -> float:
        """Seconds from ``since`` to the last chunk of output that changed the screen (0 if
        none did)."""
        shown, changed = self.cells(), since
        for when, size in self.terminal.chunks[self.chunks_fed :]:
            self.stream.feed(bytes(self.terminal.output[self.fed : self.fed + size]))
            self.fed += size
            now = self.cells()
            if now != shown:
                shown, changed = now, when
        self.chunks_fed = len(self.terminal.chunks)
        return changed - since


def repaint(terminal: Terminal, mirror: Mirror, key: bytes) -> tuple[float, float]:
    """Seconds from sending ``key`` to the last change on the screen it caused, and to the last
    byte of output after it."""
    terminal.settle(quiet=0.5, limit=10)
    mirror.catch_up()
    before = len(terminal.chunks)
    sent = time.perf_counter()
    os.write(terminal.fd, key)
    deadline = sent + 10
    while len(terminal.chunks) == before and time.perf_counter() < deadline:
        terminal._read(0.01)
    while time.perf_counter() < deadline:
        last = terminal.chunks[-1][0]
        if time.perf_counter() - last >= QUIET:
            return mirror.last_change(sent), last - sent
        terminal._read(0.01)
    return float("nan"), float("nan")


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(base: Path, env: dict[str, str], runs: int, *, archive: bool) -> dict[str, object]:
    """The figures for one store; ``archive``: it holds finished closures to show with `a`."""
    marker = "Aktiva stängningar: 300".encode()
    starts: list[float] = []
    keys: dict[str, list[float]] = {name: [] for name, _ in KEYS}
    last_bytes: dict[str, list[float]] = {name: [] for name, _ in KEYS}
    changes: list[float] = []
    memory = archive_memory = 0.0
    archive_keys: list[float] = []
    archive_shown: list[float] = []
    listed = subprocess.run(
        dashboard_argv(base, "case", "list", "--json", local="colleague"),
        capture_output=True,
        check=True,
        env=env,
    )
    first = json.loads(listed.stdout)[0]["id"]
    for run in range(runs):
        terminal = Terminal(dashboard_argv(base), env)
        terminal.start()
        try:
            starts.append(terminal.wait_for(marker, timeout=120))
            mirror = Mirror(terminal)
            for name, key in KEYS:
                shown, ended = repaint(terminal, mirror, key)
                keys[name].append(shown)
                last_bytes[name].append(ended)
            terminal.settle(quiet=0.5, limit=10)
            unit = f"Bänken {run}·{time.time_ns() % 10**9}"  # new in each run of the bench
            subprocess.run(
                dashboard_argv(base, "case", "edit", first, "--unit", unit, local="colleague"),
                check=True,
                capture_output=True,
                env=env,
            )
            done = time.perf_counter()
            terminal.wait_for(unit.encode(), timeout=30)
            changes.append(terminal.chunks[-1][0] - done)
            memory = max(memory, peak_mib(terminal.pid))
            if not archive:
                continue
            # `a`: the finished closures, read in a worker thread; a pane switch meanwhile.
            terminal.settle(quiet=0.5, limit=10)
            asked = time.perf_counter()
            os.write(terminal.fd, b"a")
            archive_keys.append(repaint(terminal, mirror, b"2")[0])  # during the read
            os.write(terminal.fd, b"1")
            terminal.wait_for(SHOWN_COMPLETE, timeout=120)
            archive_shown.append(terminal.chunks[-1][0] - asked)
            archive_memory = max(archive_memory, peak_mib(terminal.pid))
        finally:
            terminal.stop()
    return {
        "start": statistics.median(starts),
        "keys": {name: statistics.median(found) for name, found in keys.items()},
        "last_bytes": {name: statistics.median(found) for name, found in last_bytes.items()},
        "change": statistics.median(changes),
        "memory": memory,
        "archive_key": statistics.median(archive_keys) if archive else None,
        "archive_shown": statistics.median(archive_shown) if archive else None,
        "archive_memory": archive_memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="stangning-scale-"))
    env = environment(work / "home") | {"STANGNING_DETACH": "0"}
    print(f"bench_dashboard_scale: 80×24, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    results = {}
    for cases in (300, 10_000):
        base = work / f"{cases}-cases"
        make(base, cases)
        results[cases] = found = measure(base, env, args.runs, archive=cases > 300)
        print(f"\n{cases:,} cases (300 open), medians of {args.runs} runs")
        print(f"  cases on screen from start : {found['start'] * 1000:7.0f} ms")  # type: ignore[operator]
        print(f"  {'keypress':<29}  on screen   last byte")
        for name, seconds in found["keys"].items():  # type: ignore[attr-defined]
            ended = found["last_bytes"][name]  # type: ignore[index]
            print(f"  {name:<29}: {seconds * 1000:6.0f} ms {ended * 1000:8.0f} ms")
        print(f"  a colleague's change shown : {found['change']:7.2f} s")
        print(f"  peak memory                : {found['memory']:7.0f} MiB")
        if found["archive_key"] is not None:
            print(f"  a: `2` while it reads      : {found['archive_key'] * 1000:7.0f} ms")  # type: ignore[operator]
            print(f"  a: finished ones listed    : {found['archive_shown']:7.2f} s")
            print(f"  a: peak memory after       : {found['archive_memory']:7.0f} MiB")
    small, big = results[300], results[10_000]
    ratio = big["start"] / small["start"]  # type: ignore[operator]
    worst = max(big["keys"].values())  # type: ignore[attr-defined]
    print(f"\ntargets (issue 11); load {os.getloadavg()[0]:.2f}")
    rows = (
        ("cases on screen, 10,000 / 300", f"{ratio:.2f}x", f"<= {TARGETS['ratio']}x",
         ratio <= TARGETS["ratio"]),
        ("keypress to screen at 10,000 (worst key)", f"{worst * 1000:.0f} ms",
         f"<= {TARGETS['key_ms']:.0f} ms", worst * 1000 <= TARGETS["key_ms"]),
        ("a colleague's change at 10,000", f"{big['change']:.2f} s",
         f"<= {TARGETS['change_s']:.0f} s", big["change"] <= TARGETS["change_s"]),  # type: ignore[operator]
        ("dashboard memory at 10,000", f"{big['memory']:.0f} MiB",
         f"<= {TARGETS['memory_mib']:.0f} MB", big["memory"] <= TARGETS["memory_mib"]),  # type: ignore[operator]
    )  # fmt: skip
    for name, value, target, ok in rows:
        print(f"  {name:<45} {value:>10}  {target:>10}  {'holds' if ok else 'FAILS'}")
    if not args.keep:
        print(f"\n(stores in {work})")


if __name__ == "__main__":
    main()
