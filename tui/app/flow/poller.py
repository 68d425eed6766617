"""Looks for other users' changes in a background thread, never on the UI thread.

``read_new`` opens files on the shared drive, which can hang on a dead network mount, so it runs
here; the result goes to the app as a ``StorePolled`` message and the UI thread folds it in.
Reading also publishes what waits in the local outbox when the share can be reached.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.flow.messages import StorePolled
from tui.store.operation_log import Delta

if TYPE_CHECKING:
    from tui.store.case_store import CaseStore


class Poller:
    def __init__(
        self, store: CaseStore, interval: float, deliver: Callable[[StorePolled], object]
    ) -> None:
        self.store = store
        self.interval = interval
        self.deliver = deliver
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stangning-poll", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poll_soon(self) -> None:
        """Poll now instead of at the next interval (after the user changed something)."""
        self._wake.set()

    def stop(self, timeout: float = 2.0) -> bool:
        """Ask the thread to end; True when it did within ``timeout`` (a hung mount may not)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.deliver(self.poll_once())
            self._wake.wait(self.interval)
            self._wake.clear()

    def poll_once(self) -> StorePolled:
        """One look at the share. The app repaints only if the result changes what it shows."""
        error = ""
        try:
            delta = self.store.look()
        except Exception as failure:  # shown to the user once; the poll goes on
            delta, error = Delta(), f"{type(failure).__name__}: {failure}"
        try:
            status = self.store.status()
        except OSError as failure:
            return StorePolled(delta, False, 0, error or str(failure), "io")
        reachable = status.reachable and not error
        return StorePolled(delta, reachable, status.pending, error, status.problem)
