"""What every command needs: the language, the store, the clock, and who is acting.

The store is imported when first opened: the dashboard opens it in a background thread after
its first frame, so its start does not wait for the store's modules (and TinyDB) to load.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import platformdirs

from tui.config import Config
from tui.core.case import Case, UnsupportedCase
from tui.core.dates import moment_at, now_in_stockholm, today_in_stockholm
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.operations import Change
from tui.core.rules import CaseView, Phase, evaluate
from tui.core.template import Template, default_template
from tui.sorted_spool import SortedSpool

if TYPE_CHECKING:
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

T = TypeVar("T")

STORE_ENV = "STANGNING_STORE"
LOCAL_ENV = "STANGNING_LOCAL"
LANG_ENV = "STANGNING_LANG"
SHARE_TIMEOUT_ENV = "STANGNING_SHARE_TIMEOUT"
SHARE_TIMEOUT_SECONDS = 10.0


def share_timeout() -> float:
    """How long a command waits for the share before it goes on with the local copy."""
    try:
        seconds = float(os.environ.get(SHARE_TIMEOUT_ENV, SHARE_TIMEOUT_SECONDS))
    except ValueError:
        return SHARE_TIMEOUT_SECONDS
    return seconds if seconds > 0 else SHARE_TIMEOUT_SECONDS


def default_store_dir() -> Path:
    return Path(platformdirs.user_data_dir("stangning")) / "store"


def user_path(text: str) -> Path:
    """A path as typed, ``~`` and ``~user`` expanded; refused in one line when that home
    folder cannot be found (an unknown user, or no HOME and no account entry)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        user = text.split("/", 1)[0]
        raise Refusal("cli.no_home", path=text, user=user) from None


def _configured(name: str, value: object) -> str | None:
    """A path setting from the config file: text, or refused (``store = 5``)."""
    if value is None or isinstance(value, str):
        return value
    raise Refusal("cli.config_path", key=name, value=value)


def store_dir(option: str | None, config: Config) -> Path:
    chosen = option or os.environ.get(STORE_ENV) or _configured("store", config.store)
    return user_path(chosen).absolute() if chosen else default_store_dir()


def local_dir(option: str | None, store: Path, config: Config) -> Path:
    """This host's own folder for a store: given, or one per host and store under the user's
    data directory (a home directory on a network drive still gets one folder per host)."""
    chosen = option or os.environ.get(LOCAL_ENV) or _configured("local", config.local)
    if chosen:
        return user_path(chosen).absolute()
    digest = hashlib.sha256(str(store).encode()).hexdigest()[:12]
    base = Path(platformdirs.user_data_dir("stangning")) / "local"
    return base / f"{socket.gethostname()}-{digest}"


def prescan(argv: Sequence[str], option: str) -> str | None:
    """An option's value read before parsing (the language decides the help texts' language)."""
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(f"{option}="):
            return arg.split("=", 1)[1]
    return None


def language(argv: Sequence[str], config: Config) -> str:
    return prescan(argv, "--lang") or os.environ.get(LANG_ENV) or config.language


@dataclass
class Context:
    t: Translator
    store_path: Path
    local_path: Path
    config: Config = field(default_factory=Config)
    today: dt.date = field(default_factory=today_in_stockholm)
    template: Template = field(default_factory=default_template)
    _store: CaseStore | None = None
    today_given: bool = False  # --today: the user's date stands, whatever the clocks say
    read_only: bool = False  # --readonly: the store refuses every change
    warned: bool = False  # the user has been told the share could not be used

    @property
    def store(self) -> CaseStore:
        if self._store is None:
            from tui.cli import detach
            from tui.store.case_store import CaseStore
            from tui.store.shared_log import SharedDriveLog, StoreMismatch, StoreNotInitialised

            detach.begin()  # before the first share call: a hung share cannot hold the command
            try:
                log = SharedDriveLog(
                    self.store_path,
                    self.local_path,
                    create=self.store_path == default_store_dir(),
                    share_timeout=share_timeout(),
                )
                self._store = CaseStore(log, read_only=self.read_only)
                if log.clock_corrected and not self.today_given:
                    # This host's clock is far off the share's: today is the share's today.
                    self.today = moment_at(log.clock_ms()).date()
            except StoreMismatch:
                raise Refusal(
                    "store.mismatch", path=self.store_path, local=self.local_path
                ) from None
            except StoreNotInitialised as error:
                raise Refusal(
                    "store.not_initialised",
                    path=self.store_path,
                    cause=self.t(f"share.cause.{error.cause}"),
                ) from None
            except OSError as error:
                raise Refusal("store.unreadable", path=self.store_path, detail=error) from error
        return self._store

    @property
    def opened(self) -> bool:
        return self._store is not None

    def cause(self) -> str:
        """Why the share cannot be used now, in the user's words."""
        problem = self.store.status().problem or "io"
        return self.t(f"share.cause.{problem}")

    def warn_if_stale(self) -> None:
        """Say once, on stderr, that what was shown is the local copy (the share failed)."""
        if self._store is None or self.warned or self._store.status().reachable:
            return
        self.warned = True
        message = self.t("share.stale", path=self.store_path, cause=self.cause())
        print(f"stangning: {message}", file=sys.stderr)

    @property
    def log(self) -> SharedDriveLog:
        from tui.store.shared_log import SharedDriveLog

        log = self.store.log
        assert isinstance(log, SharedDriveLog)
        return log

    def now(self) -> str:
        if self._store is not None and self.log.clock_corrected:
            return moment_at(self.log.clock_ms()).isoformat()
        return now_in_stockholm()

    @property
    def actor(self) -> str:
        return self.store.identity.actor

    def find(self, ref: str) -> Case:
        """The case by id, or by HSA-ID among the active (not complete) cases."""
        return self.store.find(
            ref,
            active=lambda case: self.evaluate(case).phase is not Phase.COMPLETE,
        )

    def evaluate(self, case: Case) -> CaseView:
        """The case as the rules see it today, checks at the configured cadence."""
        return evaluate(case, self.template, self.today, self.config.check_cadence_days)

    def view(self, ref: str) -> CaseView:
        return self.evaluate(self.find(ref))

    def views(self) -> list[CaseView]:
        """The open cases as the rules see them today (archived ones folded in so far too)."""
        cases, unsupported = self.store.fold_open()
        self._warn_unsupported(unsupported)
        return [self.evaluate(case) for case in cases]

    def each_view(self) -> Iterator[tuple[CaseView, int]]:
        """Every case, archived ones too, as the rules see them today, with its revision: read
        a shard of the archive at a time, so that a caller keeping only what it prints holds
        far less than every case (see CaseStore.each_case)."""
        unsupported: list[UnsupportedCase] = []
        for case, revision in self.store.each_case():
            if isinstance(case, UnsupportedCase):
                unsupported.append(case)
            else:
                yield self.evaluate(case), revision
        self._warn_unsupported(unsupported)

    def listed(self, render: Callable[[CaseView, int], T], *, archived: bool = False) -> list[T]:
        """What ``render`` makes of each active case (every case, with ``archived``), most
        urgent first (rules.by_urgency's order); only the rendered values are kept."""
        keyed = [(view.urgency_key(), render(view, rev)) for view, rev in self._listed(archived)]
        keyed.sort(key=itemgetter(0))
        return [rendered for _, rendered in keyed]

    def spooled(
        self, render: Callable[[CaseView, int], bytes], *, archived: bool = False
    ) -> SortedSpool:
        """As ``listed``, for renderings too large to keep in memory: they wait on disk."""
        spool = SortedSpool()
        try:
            for view, revision in self._listed(archived):
                spool.add(view.urgency_key(), render(view, revision))
        except BaseException:
            spool.close()
            raise
        return spool

    def _listed(self, archived: bool) -> Iterator[tuple[CaseView, int]]:
        if archived:
            yield from self.each_view()
            return
        for view in self.views():
            if view.phase is not Phase.COMPLETE:
                yield view, self.store.revision(view.case.case_id)

    def _warn_unsupported(self, unsupported: Sequence[UnsupportedCase]) -> None:
        """A case only a newer stangning can read is named on stderr (once), never a crash."""
        if unsupported and not self.warned:
            from tui.core.unsupported_text import unsupported_line

            for case in unsupported:
                line = unsupported_line(case, self.t, self.template)
                print(f"stangning: {line}", file=sys.stderr)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def tidy(self) -> None:
        """After the command: a snapshot when the share holds too many files (it saves the
        view it leaves)."""
        if self._store is not None and self._store.tidy():
            self._store.close()

    def record(self, changes: Sequence[Change]) -> None:
        """Make the changes durable; warn on stderr when they could not be published yet."""
        try:
            self.store.record(changes)
        except OSError as error:
            raise Refusal("store.unwritable", path=self.local_path, detail=error) from error
        status = self.store.status()
        if status.pending:
            self.warned = True
            message = self.t(
                "share.waiting", count=status.pending, path=self.store_path, cause=self.cause()
            )
            print(f"stangning: {message}", file=sys.stderr)
