"""Share I/O that a hung network mount cannot hold for ever.

A read or write on a hard NFS mount or a stopped SMB server blocks in the kernel, where no signal
short of SIGKILL ends it. So a command does its share I/O in a worker thread and waits for it a
bounded time; past that it gives the call up (the thread stays blocked, harmlessly, until the
process exits) and carries on with the local copy. The dashboard's poll already runs in a thread
of its own and uses no bound.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from tui.store.share import ShareUnavailable

T = TypeVar("T")
_given_up: list[threading.Thread] = []  # every share call this process abandoned


def any_abandoned() -> bool:
    """Whether a share call this process gave up is still blocked (it cannot exit normally)."""
    return any(thread.is_alive() for thread in _given_up)


class ShareNotResponding(ShareUnavailable):
    def __init__(self, seconds: float) -> None:
        super().__init__("not_responding", f"{seconds:g} s")


class Bounded:
    """Runs share calls with a time limit (``None``: in the caller's thread, unbounded)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._stuck: threading.Thread | None = None

    @property
    def abandoned(self) -> bool:
        """A call was given up and is still blocked: the process should exit without waiting."""
        return self._stuck is not None and self._stuck.is_alive()

    def call(self, action: Callable[[], T]) -> T:
        if self.seconds is None:
            return action()
        if self.abandoned:
            # The share did not answer the last call: do not stack more threads on it.
            assert self.seconds is not None
            raise ShareNotResponding(self.seconds)
        outcome: list[T] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                outcome.append(action())
            except BaseException as error:  # handed to the caller, never printed by the thread
                failure.append(error)

        worker = threading.Thread(target=run, name="stangning-share", daemon=True)
        worker.start()
        worker.join(self.seconds)
        if worker.is_alive():
            self._stuck = worker
            _given_up.append(worker)
            raise ShareNotResponding(self.seconds)
        if failure:
            raise failure[0]
        return outcome[0]
