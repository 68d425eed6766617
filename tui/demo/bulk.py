"""Many more active closures at once, for the benchmarks (30 on the overview; 2,000)."""

from __future__ import annotations

from tui.core import actions
from tui.core.case import ItemRecord, ItemState, Level, item_field
from tui.core.operations import Change
from tui.demo.players import Demo, fields, mail_key

UNIT_KINDS = (
    "Vårdcentralen",
    "Husläkarmottagningen",
    "BVC",
    "Barnmorskemottagningen",
    "Rehabmottagningen",
    "Psykiatrimottagningen",
    "Hudmottagningen",
    "Ögonmottagningen",
)
PLACES = (
    "Aspudden",
    "Bagarmossen",
    "Farsta",
    "Gubbängen",
    "Hägersten",
    "Johanneshov",
    "Kista",
    "Liljeholmen",
    "Midsommarkransen",
    "Norrtull",
    "Rinkeby",
    "Sköndal",
    "Tensta",
    "Vällingby",
    "Årsta",
    "Östermalm",
)


def add_bulk(demo: Demo, count: int) -> None:
    """``count`` more active closures in one batch (for the benchmarks): set up directly, each
    item marked only where the rules would allow it on the day recorded."""
    store = demo.writer("bengt")
    store.refresh()
    now = demo.clock.set(demo.today, 7 * 60)
    actor = store.identity.actor
    changes: list[Change] = []
    for number in range(count):
        closing = demo.day(demo.rng.randrange(-85, 60))
        name = f"{demo.rng.choice(UNIT_KINDS)} {demo.rng.choice(PLACES)} {number + 1}"
        level = demo.rng.choice((Level.ENHET, Level.VARDENHET))
        case_id = f"x{number:05d}"
        changes += actions.create_case(
            fields(demo, name, closing, level=level),
            demo.template,
            case_id=case_id,
            actor=actor,
            now=now,
        )
        if closing <= demo.today and demo.rng.random() < 0.8:
            for key in ("vart-arbete", mail_key(level)):
                record = ItemRecord(ItemState.DONE, at=now, by=actor)
                changes.append(Change(case_id, item_field(key), record.to_value()))
    store.record(changes)
