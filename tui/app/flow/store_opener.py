"""Opens the case store in a background thread, after the first frame.

Opening reads the local view and the share: with 2,000 cases that takes a moment, and on a
hung network mount it may not return at all. The opening function comes from the caller (the
command line knows the folders; the app does not), and the result arrives as a message.

The store's modules (and TinyDB) are first imported by the opening function, in that thread:
nothing the first frame needs imports them. So are the app's own modules that only show the
store's cases (``prepare``: the panes, the board, the rules).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.flow.messages import StoreOpened
from tui.core.errors import Refusal

if TYPE_CHECKING:
    from tui.store.case_store import CaseStore

StoreOpener = Callable[[], "CaseStore"]


def open_in_background(
    opener: StoreOpener, prepare: Callable[[], object], deliver: Callable[[StoreOpened], object]
) -> None:
    """Call ``prepare`` and open the store in a thread; ``deliver`` the result from there (a
    store that cannot be delivered, the app having closed, is closed)."""

    def run() -> None:
        prepare()
        try:
            store = opener()
        except Refusal as refusal:
            deliver(StoreOpened(None, refusal))
        except OSError as error:
            deliver(StoreOpened(None, Refusal("store.unreadable", path="", detail=error)))
        else:
            with contextlib.suppress(OSError):  # the archive's index, read here, not on the UI
                store.archived_count()
            if deliver(StoreOpened(store, None)) is False:  # the app has gone: nobody will
                store.close()

    threading.Thread(target=run, name="stangning-open", daemon=True).start()
