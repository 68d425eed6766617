"""The dashboard ends as on a quit when its terminal hangs up (SIGHUP: a dropped SSH session) or
the system asks it to stop (SIGTERM). Their default action ends the process at once: the store
is not closed and ``stangning demo`` leaves its temporary folder behind."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def exit_code(number: int) -> int:
    """The status a shell reports for a process that a signal ended: 129 for SIGHUP."""
    return 128 + number


def mute_lost_terminal(number: int) -> None:
    """After a hang-up nothing written to the terminal arrives, and each write fails: what is
    left to say goes nowhere, so the clean-up after it still runs."""
    if number != signal.SIGHUP:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.__stdout__, sys.__stderr__):  # the app captures sys.stdout meanwhile
        if stream is not None:
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


@contextmanager
def leaving_cleanly() -> Iterator[None]:
    """Within: an ending signal raises SystemExit (with the signal's status), so every ``with``
    and ``finally`` on the way out runs, as on a quit."""

    def leave(number: int, _frame: FrameType | None) -> None:
        mute_lost_terminal(number)
        raise SystemExit(exit_code(number))

    previous = {number: signal.signal(number, leave) for number in ENDING_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_until_quit(app: App[None]) -> int | None:
    """Run the app until the user quits or an ending signal comes. The app's event loop hears
    the signal and the app exits as on a quit (its store closed by whoever opened it). Returns
    the signal's number when one ended it, else None."""
    received: list[int] = []

    def stop(number: int) -> None:
        received.append(number)
        app.exit()
        mute_lost_terminal(number)  # before the app's last frames: they go nowhere now

    previous = {number: signal.getsignal(number) for number in ENDING_SIGNALS}
    with asyncio.Runner() as runner:
        loop = runner.get_loop()
        for number in ENDING_SIGNALS:
            loop.add_signal_handler(number, stop, number)
        try:
            app.run(loop=loop)
        finally:
            for number, handler in previous.items():
                loop.remove_signal_handler(number)
                signal.signal(number, handler)
    return received[0] if received else None
