"""``python -m tui ARGS`` in a pseudo-terminal, as a user's terminal runs it: stdout, stderr and
stdin are the terminal, which has a size and can hang up (the kernel then sends SIGHUP, as when
an SSH session drops).

    with Terminal(run, "demo", columns=80, lines=24) as term:
        term.read_until("Tallkrogen")
        term.send("q")
        assert term.wait() == 0
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Mapping
from types import TracebackType

from tests.cli.conftest import TIMEOUT, Runner


class Terminal:
    def __init__(
        self,
        run: Runner,
        *args: str,
        columns: int = 80,
        lines: int = 24,
        env: Mapping[str, str] | None = None,
    ) -> None:
        environ = run.environ({"TERM": "xterm-256color", **(env or {})})
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal is its controlling terminal (pty.fork sees to it)
            try:
                os.chdir(run.base)
                os.execve(sys.executable, [sys.executable, "-m", "tui", *args], environ)
            finally:
                os._exit(127)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.pid, self.fd = pid, fd
        self.output = b""
        self.status: int | None = None

    def _read(self, wait: float) -> bool:
        """Read what the program wrote within ``wait`` seconds; False once it closed the
        terminal (or the terminal is hung up)."""
        if self.fd < 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: every process let go of the terminal
            return False
        self.output += data
        return bool(data)

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    def read_until(self, wanted: str) -> None:
        """Read until ``wanted`` shows (at most TIMEOUT seconds: a bound, not a measurement)."""
        deadline = time.monotonic() + TIMEOUT
        while wanted.encode() not in self.output:
            if time.monotonic() > deadline or not self._read(0.2):
                raise AssertionError(f"{wanted!r} never showed; the terminal got: {self.text()}")

    def read_all(self) -> str:
        """Everything the program writes until it closes the terminal."""
        deadline = time.monotonic() + TIMEOUT
        while self._read(0.2):
            if time.monotonic() > deadline:
                raise AssertionError(f"the program kept writing: {self.text()[-2000:]}")
        return self.text()

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def hang_up(self) -> None:
        """Close the terminal's other end, as sshd does when the connection drops."""
        os.close(self.fd)
        self.fd = -1

    def wait(self) -> int:
        """The program's exit status (as a shell reports it: 129 for SIGHUP), reading what it
        writes meanwhile so it never blocks on a full terminal."""
        deadline = time.monotonic() + TIMEOUT
        while self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                self.status = 128 - code if code < 0 else code
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                raise AssertionError(f"the program did not end: {self.text()[-2000:]}")
            if not self._read(0.05):
                time.sleep(0.05)
        return self.status

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
