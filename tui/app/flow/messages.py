"""App-wide messages (up the DOM); the app answers them and passes data down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.core.errors import Refusal
from tui.core.mailbox import MailMessage

if TYPE_CHECKING:  # the store loads after the first frame (see store_opener)
    import datetime as dt

    from tui.app.view.board import CaseLine
    from tui.app.view.columns import Row
    from tui.store.case_store import CaseStore
    from tui.store.operation_log import Delta


@dataclass
class StoreOpened(Message):
    """The store was opened in the background (or could not be: ``refusal`` says why)."""

    store: CaseStore | None
    refusal: Refusal | None


@dataclass
class ArchiveRead(Message):
    """The archive's cases, read and evaluated for ``today`` in a background thread, with their
    overview rows (or the reason they could not be: ``error``)."""

    today: dt.date
    lines: list[CaseLine]
    rows: list[Row]
    error: str = ""


@dataclass
class StorePolled(Message):
    """The background poll read the share (and published what waited in the outbox)."""

    delta: Delta | None = None
    reachable: bool = True
    pending: int = 0
    error: str = ""  # an unexpected failure while reading, shown once
    problem: str | None = None  # why the share cannot be used (see ShareUnavailable.cause)

    def can_replace(self, message: Message) -> bool:
        # An unread poll that found nothing says nothing a newer one does not.
        return isinstance(message, StorePolled) and not message.delta


@dataclass
class SaveTextRequested(Message):
    """A dialog asks the app to write text to a file (the mailbox message, as a fallback):
    ``typed`` is the path the user typed ("" for ``default``)."""

    typed: str
    default: Path
    text: str


@dataclass
class SaveEmlRequested(Message):
    """The mailbox dialog asks the app to save its message as an e-mail file (key e):
    ``typed`` is the path the user typed ("" for ``default``)."""

    typed: str
    default: Path
    message: MailMessage
