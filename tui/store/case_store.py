"""The cases as the operation log says, and the one way to change them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from tui.core.case import Case, UnsupportedCase, case_from_ledger, fold_cases, read_case
from tui.core.errors import Refusal
from tui.core.history import HistoryEntry, case_history
from tui.core.operations import Change, HybridClock, Ledger, Operation, new_id
from tui.store.operation_log import Delta, OperationLog, SyncReport


class StoredCase(NamedTuple):
    """A case as folded, with its revision (how many changes it has had)."""

    case: Case | UnsupportedCase
    revision: int


class CaseStore:
    """Folds the log's operations into cases; turns changes into stamped operations.

    It holds the open cases; an archived (complete) case is folded in when it is asked for, or
    when a change reaches it. ``ledger`` and ``cases()`` hold every case (the archive is read
    in full, once); commands that need only the open ones use ``open_cases()``.
    """

    def __init__(self, log: OperationLog, *, read_only: bool = False) -> None:
        self.log = log
        self.identity = log.identity
        # Opened to look only (stangning --readonly): record and snapshot refuse, tidy skips.
        self.read_only = read_only
        self._ledger = Ledger()
        self._everything = False  # whether the whole archive is folded in
        self._recovered = False  # whether a damaged local archive was read again from the share
        # Each case as last folded, with the ledger's revision of it then: a dashboard refolds
        # only the cases a change reached.
        self._folded: dict[str, tuple[int, Case | UnsupportedCase | None]] = {}
        self._clock = HybridClock()
        log.attach(self._ledger, self._read)
        self.refresh()

    @property
    def ledger(self) -> Ledger:
        """Every operation of the store this host knows, archived cases' too."""
        if not self._everything:
            self._ledger.load(self.log.load_all_archived(self._ledger))
            self._everything = True
            self._recover()
        return self._ledger

    @property
    def local_folder(self) -> Path:
        """This host's own folder (named when it cannot be written)."""
        return self.log.local_folder

    def look(self) -> Delta:
        """What is new in the log, not folded yet: a background poll looks, and the UI thread
        folds it with ``absorb``."""
        return self.log.read_new()

    def refresh(self) -> int:
        """Read what is new in the log; the number of operations folded in."""
        return self.absorb(self.log.read_new())

    def absorb(self, delta: Delta) -> int:
        """Fold what a look at the log found (perhaps by a background poll), then tell the log
        it is folded; how many operations were new."""
        self._ledger.observe(delta.latest)
        self._ledger.load(delta.loaded)
        self.log.import_archive(delta.archive)
        self._load({op.case_id for op in delta.ops})
        added = self._ledger.apply_all(delta.ops)
        self.log.commit(delta)
        return added

    def _load(self, case_ids: set[str]) -> None:
        """Fold in those of the cases that are archived and not folded in yet (a change to
        one is folded onto all it holds)."""
        if self._everything:
            return
        missing = [case_id for case_id in case_ids if case_id not in self._ledger]
        if missing:
            self._ledger.load(self.log.load_archived(missing))
            self._recover()

    def _recover(self) -> None:
        """A local archive file that could not be read: its cases are read from the share
        again, now, so that what this command shows lacks nothing."""
        if self.log.lost and not self._recovered:
            self._recovered = True  # once: what the share cannot give back stays lost
            self.absorb(self.log.reread())

    def sync(self) -> SyncReport:
        """Publish what waits, read everything new, save the local view."""
        return self.log.sync(self.absorb)

    def snapshot(self) -> tuple[str, int]:
        """Publish a snapshot of every operation and clean up what it covers: (name, removed)."""
        self._refuse_if_read_only()
        return self.log.snapshot(self._ledger, self.stamp())

    def tidy(self) -> bool:
        """Snapshot when the share holds too many files (see SharedDriveLog.wants_snapshot);
        whether it did. A share that fails meanwhile is not an error here."""
        if self.read_only or not self.log.wants_snapshot():
            return False
        try:
            name, _ = self.log.snapshot(self._ledger, self.stamp(), tidy=True)
        except OSError:
            return False
        return bool(name)

    def status(self) -> SyncReport:
        """How this process stands with the share: reachable, the cause if not, what waits."""
        return self.log.report()

    def pending(self) -> int:
        """Changes in the local outbox not on the share yet (0 if the outbox cannot be read)."""
        try:
            return self.status().pending
        except OSError:
            return 0

    def record(self, changes: Sequence[Change], *, publish: bool = True) -> list[Operation]:
        """Make the changes durable as operations, each replacing what this writer saw.

        With ``publish=False`` they only reach the local outbox (fast, local disk); a background
        poll publishes them, so a hung network mount never blocks the caller.
        """
        self._refuse_if_read_only()
        self._load({change.case_id for change in changes})
        ops = []
        for change in changes:
            ops.append(
                Operation(
                    op_id=new_id(),
                    writer=self.identity.writer,
                    seq=0,  # the log numbers the batch
                    hlc=self.stamp(),
                    case_id=change.case_id,
                    field=change.field,
                    value=change.value,
                    base=self._ledger.heads(change.case_id, change.field),
                    actor=self.identity.actor,
                    host=self.identity.host,
                    wall=self.log.clock_ms(),
                )
            )
        stored = self.log.append(ops, publish=publish)
        self._ledger.apply_all(stored)
        return stored

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise Refusal("store.read_only")

    def cases(self) -> list[Case]:
        """Every case this version can show (see ``fold`` for the others)."""
        return self.fold()[0]

    def fold(self) -> tuple[list[Case], list[UnsupportedCase]]:
        """The cases this version can show, and those whose fields hold what only a newer
        stangning understands (or damage from an old local view)."""
        return self._fold(self.ledger)

    def fold_open(self) -> tuple[list[Case], list[UnsupportedCase]]:
        """As ``fold``, without reading the archive: every open case (and the archived ones
        folded in so far, which callers tell apart by their phase)."""
        return self._fold(self._ledger)

    def each_case(self) -> Iterator[StoredCase]:
        """Every case, the archived ones read shard by shard and dropped once yielded: what
        ``--all`` reads at a memory cost of the open cases and one shard, not the archive.

        The open cases (and archived ones folded in so far) come last; a damaged archive file
        is read from the share again before them, so that its cases come among them.
        """
        seen: set[str] = set()
        for found in self._each_archived():
            seen.add(found.case.case_id)
            yield found
        self._recover()
        cases, unsupported = self.fold_open()
        every: list[Case | UnsupportedCase] = [*cases, *unsupported]
        for case in every:
            if case.case_id not in seen:
                yield StoredCase(case, self._ledger.revisions.get(case.case_id, 0))

    def _each_archived(self) -> Iterator[StoredCase]:
        """The archived cases not folded in, each folded in a ledger of its own and dropped."""
        for case_id, ops in self.log.each_archived(self._ledger):
            ledger = Ledger()
            ledger.load(ops)
            found = read_case(ledger, case_id)
            if found is not None:
                yield StoredCase(found, ledger.revisions.get(case_id, 0))

    def read_archived(self) -> list[Case]:
        """The archived cases not folded in, folded apart (the ledger keeps holding the open
        cases only), from the local archive alone: it changes nothing but this process's note
        of each archive file's cases, so the dashboard reads it in a thread of its own while
        the UI thread goes on folding changes (a lost file's cases stay away until a command
        reads them from the share, see ``each_case``)."""
        return [found.case for found in self._each_archived() if isinstance(found.case, Case)]

    def archived_count(self) -> int:
        """How many archived cases are not folded in (no case is read to count them)."""
        return self.log.archived_count(self._ledger)

    def _fold(self, ledger: Ledger) -> tuple[list[Case], list[UnsupportedCase]]:
        """fold_cases, reusing each case's last fold while no operation has reached it."""
        if ledger is self._ledger:
            return fold_cases(ledger, read=self._read)

        def read(case_id: str) -> Case | UnsupportedCase | None:
            return self._read(case_id, ledger)

        return fold_cases(ledger, read=read)

    def _read(self, case_id: str, ledger: Ledger | None = None) -> Case | UnsupportedCase | None:
        """The case as folded, reused while the ledger's revision of it stands."""
        ledger = self._ledger if ledger is None else ledger
        revision = ledger.revisions.get(case_id, 0)
        cached = self._folded.get(case_id)
        if cached is not None and cached[0] == revision:
            return cached[1]
        found = read_case(ledger, case_id)
        self._folded[case_id] = (revision, found)
        return found

    def case(self, case_id: str) -> Case | None:
        self._load({case_id})
        return case_from_ledger(self._ledger, case_id)

    def revision(self, case_id: str) -> int:
        """How many changes the case has had (a calendar's SEQUENCE)."""
        self._load({case_id})
        return self._ledger.revisions.get(case_id, 0)

    def find(self, ref: str, *, active: Callable[[Case], bool] = lambda case: True) -> Case:
        """The case with this id, or the one active case with this HSA-ID (archived cases are
        complete: never active)."""
        ref = ref.strip()
        self._load({ref})
        by_id = read_case(self._ledger, ref)
        if isinstance(by_id, UnsupportedCase):
            raise Refusal("case.needs_newer", case=ref, reasons="; ".join(by_id.reasons))
        if by_id is not None:
            return by_id
        open_cases = self.fold_open()[0]
        matches = [case for case in open_cases if case.hsa_id == ref and active(case)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(sorted(case.case_id for case in matches))
            raise Refusal("case.ambiguous", ref=ref, ids=ids)
        raise Refusal("case.not_found", ref=ref)

    def history(self, case_id: str) -> list[HistoryEntry]:
        self._load({case_id})
        return case_history(self._ledger, case_id)

    def stamp(self) -> str:
        """A fresh timestamp of this writer's clock, past every operation folded so far."""
        self._clock.observe(self._ledger.latest or HybridClock.format(0, 0))
        return self._clock.now(self.log.clock_ms())

    def close(self) -> None:
        self.log.close()
