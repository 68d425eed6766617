"""The demo's people and their clock: each person is a writer with their own local folder,
acting on their own days through the core's rules; ``Demo.run`` plays the actions in time order
so every operation carries a realistic time."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import arrow

from tui.core import actions
from tui.core.case import Case, Level
from tui.core.case_fields import CaseFields
from tui.core.dates import TIMEZONE
from tui.core.operations import Change
from tui.core.rules import evaluate
from tui.core.template import Template, default_template
from tui.store.case_store import CaseStore
from tui.store.identity import Identity
from tui.store.shared_log import SharedDriveLog

PEOPLE = {
    "anna": Identity(actor="anna.lind", host="vc-skogsbacken-01"),  # certificate issuer (unit)
    "bengt": Identity(actor="bengt.ek", host="forv-jump-01"),  # caregiver-specific admin
    "david": Identity(actor="david.berg", host="forv-jump-02"),  # caregiver-specific admin too
    "cecilia": Identity(actor="cecilia.holm", host="ekhsa-01"),  # local EK/HSA administrator
}
ORGANISATIONS = ("2321000016", "5565594230")  # Region Stockholm; a private caregiver's owner


class DemoClock:
    """The writers' wall clock, set to each event's moment (so history shows realistic times)."""

    def __init__(self) -> None:
        self.ms = 0

    def set(self, day: dt.date, minute_of_day: int) -> str:
        moment = arrow.get(
            dt.datetime.combine(day, dt.time(minute_of_day // 60, minute_of_day % 60)), TIMEZONE
        )
        self.ms = int(moment.timestamp() * 1000)
        return str(moment.isoformat())

    def __call__(self) -> int:
        return self.ms


Make = Callable[[CaseStore, str, dt.date], list[Change]]


@dataclass(frozen=True)
class Event:
    day: dt.date
    minute: int
    seq: int
    person: str
    make: Make | None  # None: the person only reads what is new
    refresh: bool = True


@dataclass
class Demo:
    store_dir: Path
    writers_dir: Path
    today: dt.date
    rng: random.Random
    template: Template = field(default_factory=default_template)
    clock: DemoClock = field(default_factory=DemoClock)
    stores: dict[str, CaseStore] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def writer(self, person: str) -> CaseStore:
        if person not in self.stores:
            log = SharedDriveLog(
                self.store_dir,
                self.writers_dir / person,
                PEOPLE[person],
                clock_ms=self.clock,
                create=True,
            )
            self.stores[person] = CaseStore(log)
        return self.stores[person]

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def hsa_id(self) -> str:
        suffix = "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(4))
        return f"SE{self.rng.choice(ORGANISATIONS)}-{suffix}"

    def act(
        self,
        person: str,
        day: dt.date,
        make: Make | None,
        *,
        refresh: bool = True,
        minute: int | None = None,
    ) -> None:
        """One user's action on one day; ``run`` plays them all in time order."""
        when = minute if minute is not None else self.rng.randrange(8 * 60, 16 * 60)
        self.events.append(Event(day, when, len(self.events), person, make, refresh))

    def run(self) -> None:
        """Play the events in time order: each person reads what is new, then acts through the
        rules as of that day, and publishes at once."""
        for event in sorted(self.events, key=lambda event: (event.day, event.minute, event.seq)):
            now = self.clock.set(event.day, event.minute)
            store = self.writer(event.person)
            if event.refresh:
                store.refresh()
            if event.make is not None:
                store.record(event.make(store, now, event.day))
        self.events.clear()

    def create(self, person: str, day: dt.date, fields: CaseFields) -> str:
        case_id = "".join(self.rng.choice(actions.CASE_ID_ALPHABET) for _ in range(6))
        actor = PEOPLE[person].actor
        self.act(
            person,
            day,
            lambda _s, now, _d: actions.create_case(
                fields, self.template, case_id=case_id, actor=actor, now=now
            ),
        )
        return case_id

    def done(self, person: str, case_id: str, key: str, day: dt.date, note: str = "") -> None:
        def make(store: CaseStore, now: str, today: dt.date) -> list[Change]:
            view = evaluate(found(store, case_id), self.template, today)
            actor = store.identity.actor
            return actions.mark_done(
                view, self.template, key, actor=actor, now=now, today=today, note=note
            )

        self.act(person, day, make)

    def check(self, person: str, case_id: str, key: str, day: dt.date, note: str = "") -> None:
        def make(store: CaseStore, now: str, today: dt.date) -> list[Change]:
            view = evaluate(found(store, case_id), self.template, today)
            actor = store.identity.actor
            return actions.record_check(
                view, self.template, key, actor=actor, now=now, today=today, note=note
            )

        self.act(person, day, make)

    def checks(self, person: str, case_id: str, key: str, first: dt.date, last: dt.date) -> None:
        """Weekly checks (give or take a day) from ``first`` up to ``last``."""
        day = first
        while day <= last:
            self.check(person, case_id, key, day, self.rng.choice(("", "", "inget nytt")))
            day += dt.timedelta(days=7 + self.rng.choice((-1, 0, 0, 1)))

    def note(self, person: str, case_id: str, day: dt.date, text: str) -> None:
        self.act(
            person,
            day,
            lambda store, now, _d: actions.add_note(
                case_id, actor=store.identity.actor, now=now, text=text
            ),
        )

    def close(self) -> None:
        for store in self.stores.values():
            store.close()


def found(store: CaseStore, case_id: str) -> Case:
    case = store.case(case_id)
    if case is None:
        raise LookupError(case_id)
    return case


def fields(
    demo: Demo,
    unit: str,
    closing: dt.date,
    *,
    level: Level = Level.ENHET,
    ceases: bool = False,
    removal_days: int | None = None,
    caregiver: str = "Region Stockholm",
) -> CaseFields:
    removal = closing + dt.timedelta(days=removal_days) if removal_days is not None else None
    return CaseFields(caregiver, unit, demo.hsa_id(), closing, removal, level, ceases)


def mail_key(level: Level) -> str:
    return "sparrgrupp-upphor" if level is Level.VARDENHET else "vardenhet-upphor"
