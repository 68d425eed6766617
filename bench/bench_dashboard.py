"""Benchmarks of the dashboard in a real pseudo-terminal. They print figures; they assert nothing.

(a) Idle output: the dashboard on a demo store with 30 active cases, nothing changing, versus a
    bare Textual app whose label ticks once a second. Bytes written to the terminal per minute,
    counted after the first frame has settled.
(b) Start to first frame, with 2,000 cases in the store, versus a bare Textual app (one label);
    medians of several runs, alternating, in the same run. Measured two ways:
    - process: from starting the program to its first frame on the terminal (what a user waits
      for; includes Python's imports and, for the dashboard, opening the store);
    - app: from constructing the app (the store already open, everything imported) to its first
      frame, and to the first frame that shows the cases.
    Both ways, a frame counts when its text is on the terminal (the top bar; the bare app's label),
    and both programs run from compiled bytecode, as installed programs do.

    python bench/bench_dashboard.py [--window 30] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.demo import build_demo

COLUMNS, ROWS = 80, 24
VIEWS = (  # keys pressed after the first frame, and what they open
    (b"2", "a role pane"),
    (b"\r", "a case"),
    (b"n", "the new-case form (a text field focused)"),
    (b"?", "the help"),
)
TODAY = dt.date(2026, 11, 25)

TICKING_APP = """
import time
from textual.app import App
from textual.widgets import Label

class Ticking(App):
    def compose(self):
        yield Label("bench-ready", id="clock")

    def on_mount(self):
        self.set_interval(1, lambda: self.query_one(Label).update(time.strftime("%H:%M:%S")))

Ticking().run()
"""

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bench-ready")

Bare().run()
"""

# The same two apps, constructed after everything is imported; the moment of construction goes
# to the file named in argv[1] (perf_counter: the system's monotonic clock, the same in every
# process), and the frames are timed when their text reaches the terminal, as for the programs.
# (Not by App.post_display_hook: the dashboard's first call comes before its screen is painted.)
APP_PROBE = """
import sys, time
from pathlib import Path
out, kind = Path(sys.argv[1]), sys.argv[2]
if kind == "bare":
    from textual.app import App
    from textual.widgets import Label

    class Bare(App):
        def compose(self):
            yield Label("bench-ready")

    start = time.perf_counter()
    app = Bare()
else:
    from tui.app import make_app
    from tui.config import Config
    from tui.core.i18n import Translator
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

    store = CaseStore(SharedDriveLog(Path(sys.argv[3]), Path(sys.argv[4]), create=True))
    start = time.perf_counter()
    app = make_app(store, Config(), Translator("sv"))
out.write_text(repr(start))
app.run()
"""


@dataclass
class Terminal:
    """A program running in a pseudo-terminal of COLUMNS × ROWS, its output collected."""

    argv: Sequence[str]
    env: dict[str, str]
    pid: int = 0
    fd: int = -1
    started: float = 0.0
    output: bytearray = field(default_factory=bytearray)
    chunks: list[tuple[float, int]] = field(default_factory=list)  # (time, bytes)

    def start(self) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execvpe(self.argv[0], list(self.argv), self.env)
        self.pid, self.fd = pid, fd

    def pump(self, seconds: float) -> None:
        """Collect output for ``seconds``."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self._read(left)

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if data:
                self.output += data
                self.chunks.append((time.perf_counter(), len(data)))

    def wait_for(self, marker: bytes, timeout: float = 60.0) -> float:
        """Seconds from start until ``marker`` was on the terminal."""
        end = time.perf_counter() + timeout
        while marker not in self.output:
            if time.perf_counter() > end:
                raise TimeoutError(f"{marker!r} not seen; got {bytes(self.output[-400:])!r}")
            self._read(0.05)
        return self.chunks[-1][0] - self.started

    def settle(self, quiet: float = 2.0, limit: float = 20.0) -> None:
        """Collect until no output came for ``quiet`` seconds (the first frame is complete)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            last = self.chunks[-1][0] if self.chunks else self.started
            if time.perf_counter() - last >= quiet:
                return
            self._read(0.1)

    def bytes_during(self, seconds: float) -> int:
        before = len(self.output)
        self.pump(seconds)
        return len(self.output) - before

    def stop(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.perf_counter() + 3
            while time.perf_counter() < deadline:
                if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                    os.close(self.fd)
                    return
                self._read(0.05)
        os.close(self.fd)


def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("STANGNING_")}
    env.pop("NO_COLOR", None)
    # Compiled bytecode for both programs, as an installed program has (pip compiles on install).
    # With PYTHONDONTWRITEBYTECODE set, Textual would load its compiled files while the
    # dashboard's own modules were compiled from source at every start. The bytecode goes to a
    # folder of the bench's own (written by the warm-up runs), never beside the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env |= {
        "TERM": "xterm-256color",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPYCACHEPREFIX": str(home / "bytecode"),
        "STANGNING_LANG": "sv",
    }
    return env


# What the installed ``stangning`` script runs (pip writes exactly this), started the way the
# bare app is: ``python -c``. ``python -m tui`` would add runpy, which users never load.
CONSOLE_SCRIPT = "import sys\nfrom tui.cli.main import main\nsys.exit(main())"


def dashboard_argv(base: Path, *command: str, local: str = "local") -> list[str]:
    """``stangning`` on the store in ``base`` (the dashboard, or ``command``) as the host whose
    folder is ``base/local``."""
    return [
        sys.executable,
        "-c",
        CONSOLE_SCRIPT,
        "--store",
        str(base / "store"),
        "--local",
        str(base / local),
        *command,
    ]


def idle_bytes_per_minute(
    argv: Sequence[str], env: dict[str, str], marker: bytes, window: float, keys: bytes = b""
) -> float:
    """Bytes per minute written while idle, after the first frame (and ``keys``) settled."""
    terminal = Terminal(argv, env)
    terminal.start()
    try:
        terminal.wait_for(marker)
        terminal.settle()
        if keys:
            os.write(terminal.fd, keys)
            terminal.pump(1.0)
            terminal.settle()
        written = terminal.bytes_during(window)
    finally:
        terminal.stop()
    return written * 60 / window


def first_frame(argv: Sequence[str], env: dict[str, str], marker: bytes) -> float:
    terminal = Terminal(argv, env)
    terminal.start()
    try:
        return terminal.wait_for(marker)
    finally:
        terminal.stop()


def app_first_frame(
    kind: str, base: Path, env: dict[str, str], markers: Sequence[bytes]
) -> list[float]:
    """Seconds from constructing the app until each marker was on the terminal."""
    out = base / f"probe-{kind}.txt"
    out.unlink(missing_ok=True)
    argv = [
        sys.executable,
        "-c",
        APP_PROBE,
        str(out),
        kind,
        str(base / "store"),
        str(base / "local"),
    ]
    terminal = Terminal(argv, env)
    terminal.start()
    try:
        seen = [terminal.started + terminal.wait_for(marker) for marker in markers]
    finally:
        terminal.stop()
    constructed = float(out.read_text())
    return [at - constructed for at in seen]


def make_store(base: Path, extra_cases: int) -> None:
    build_demo(base / "store", base / "writers", dt.date.today(), extra_cases=extra_cases)
    # Open it once from the command line, as a user would have: the local view is written.
    subprocess.run(
        [*dashboard_argv(base), "case", "list"], capture_output=True, check=True, timeout=120
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--window", type=float, default=30.0, help="idle seconds measured")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each app")
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="stangning-bench-"))
    env = environment(work / "home")
    marker = "Aktiva stängningar".encode()
    ticking = [sys.executable, "-c", TICKING_APP]
    bare = [sys.executable, "-c", BARE_APP]

    print(f"terminal {COLUMNS}×{ROWS}, TERM=xterm-256color, Python {sys.version.split()[0]}")
    small, big = work / "30-cases", work / "2000-cases"
    if not small.exists():
        make_store(small, extra_cases=22)  # 8 active demo closures + 22 = 30 on the overview
    if not big.exists():
        make_store(big, extra_cases=1991)  # 9 demo closures + 1,991 = 2,000 cases

    print(f"\n(a) idle output over {args.window:.0f} s, after the first frame settled")
    dashboard_idle = idle_bytes_per_minute(dashboard_argv(small), env, marker, args.window)
    ticking_idle = idle_bytes_per_minute(ticking, env, b"bench-ready", args.window)
    print(f"    dashboard, 30 active cases : {dashboard_idle:10.0f} bytes/minute")
    print(f"    bare app, 1 Hz ticking label: {ticking_idle:10.0f} bytes/minute")
    ratio = dashboard_idle / ticking_idle if ticking_idle else float("nan")
    print(f"    dashboard / ticking        : {ratio:10.4f}")
    short = max(5.0, args.window / 3)
    print(f"    … and idle in the other views ({short:.0f} s each):")
    for keys, view in VIEWS:
        found = idle_bytes_per_minute(dashboard_argv(small), env, marker, short, keys)
        print(f"      {view:30}: {found:8.0f} bytes/minute")

    print(f"\n(b) start to first frame, median of {args.runs} runs each (after one warm-up)")
    top_bar = "1 Översikt".encode()  # in the first frame, before the cases are shown
    first_frame(dashboard_argv(big), env, marker)
    first_frame(bare, env, b"bench-ready")
    runs: dict[str, list[float]] = {name: [] for name in ("dash", "dash_rows", "bare", "empty")}
    probes: dict[str, list[float]] = {name: [] for name in ("dash", "dash_rows", "bare")}
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    for _ in range(args.runs):  # alternate, so both see the same machine load
        runs["empty"].append(first_frame(dashboard_argv(empty), env, top_bar))
        terminal = Terminal(dashboard_argv(big), env)
        terminal.start()
        try:
            runs["dash"].append(terminal.wait_for(top_bar))
            runs["dash_rows"].append(terminal.wait_for(marker))
        finally:
            terminal.stop()
        runs["bare"].append(first_frame(bare, env, b"bench-ready"))
        first, full = app_first_frame("dashboard", big, env, (top_bar, marker))
        probes["dash"].append(first)
        probes["dash_rows"].append(full)
        probes["bare"].append(app_first_frame("bare", big, env, (b"bench-ready",))[0])
    print("    from process start to the first frame:")
    print(f"      dashboard, empty store : {statistics.median(runs['empty']) * 1000:7.0f} ms")
    for title, found in (("process start", runs), ("app constructed", probes)):
        dash, rows, plain = (
            statistics.median(found[name]) for name in ("dash", "dash_rows", "bare")
        )
        if title != "process start":
            print(f"    from {title} to the first frame:")
        print(f"      dashboard, 2,000 cases : {dash * 1000:7.0f} ms  {_runs(found['dash'])}")
        print(f"        … showing the cases  : {rows * 1000:7.0f} ms  {_runs(found['dash_rows'])}")
        print(f"      bare Textual app       : {plain * 1000:7.0f} ms  {_runs(found['bare'])}")
        print(f"      ratio (first frame)    : {dash / plain:7.2f}")
        print(f"      ratio (cases shown)    : {rows / plain:7.2f}")
    if not args.keep:
        print(f"\n(stores left in {work}; pass --keep DIR to reuse them)")


def _runs(times: list[float]) -> str:
    return "(" + ", ".join(f"{value * 1000:.0f}" for value in times) + ")"


if __name__ == "__main__":
    main()
