"""A command that a hung share cannot hold: the work runs in a child the command can leave.

A share call stuck in the kernel (a stopped SMB server behind a FUSE client, a hard mount that
ignores signals) keeps its thread, and so its process, from ever exiting. So before its first
share call a command forks: the parent only waits for the child to say it is done (one byte on a
pipe: its exit status) and exits with that status at once. A child with an abandoned share call
then lets go of the terminal and stays behind until the share answers; everything it
acknowledged is in the local outbox already.

Only the installed ``stangning`` command (and ``python -m tui``) does this; ``main()`` called in
a test process never forks.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

_enabled = False
_report: int | None = None  # the pipe to the waiting parent, in the child


DETACH_ENV = "STANGNING_DETACH"  # "0": never fork (a benchmark measuring the whole command)


def enable() -> None:
    """Let this process fork before its first share call (the entry point calls this)."""
    global _enabled
    _enabled = os.environ.get(DETACH_ENV, "1") != "0"


def disable() -> None:
    """Never fork in this process (the dashboard owns the terminal and its job control)."""
    global _enabled
    _enabled = False


def begin() -> None:
    """Fork now, if enabled and not done yet; returns only in the child (the worker)."""
    global _enabled, _report
    if not _enabled or threading.active_count() > 1 or not hasattr(os, "fork"):
        return
    _enabled = False
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        _report = write
        return
    os.close(write)
    os._exit(_wait_for(child, read))


def _wait_for(child: int, read: int) -> int:
    """The parent: forward termination to the child, wait for its status byte or its end."""
    for number in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(number, signal.SIG_IGN)  # the terminal sends these to the child too
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda signum, _frame: _forward(child, signum))
    while True:
        try:
            data = os.read(read, 1)
            break
        except InterruptedError:
            continue
    if data:
        return data[0]
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


def _forward(child: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(child, signum)


def end(code: int, *, abandoned: bool) -> None:
    """The child is done: tell the parent its status. With a share call still stuck, also let go
    of the terminal and leave (the process ends when the kernel lets the call go)."""
    global _report
    if _report is None:
        if abandoned:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return
    sys.stdout.flush()
    sys.stderr.flush()
    with contextlib.suppress(OSError):
        os.write(_report, bytes([code & 0xFF]))
        os.close(_report)
    _report = None
    if abandoned:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(devnull, fd)
        os._exit(code)
