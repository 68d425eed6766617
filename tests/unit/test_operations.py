"""The operation fold: order of arrival never matters, replays are ignored, concurrent edits of
one field are kept as a conflict until a later change replaces both, and the clock never runs
backwards."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.conftest import CASE_ID, case_ops, hlc_at, make_op
from tui.core.case import REQUIRED_FIELDS, Case, Check, case_from_ledger
from tui.core.history import case_history
from tui.core.operations import HybridClock, Ledger, Operation, Register

CREATED = f"{CASE_ID}-"  # case_ops names the creating operation of field X "<case id>-X"


def fold(ops: list[Operation]) -> Ledger:
    ledger = Ledger()
    for op in ops:
        ledger.apply(op)
    return ledger


def case_of(ops: list[Operation], case_id: str = CASE_ID) -> Case:
    case = case_from_ledger(fold(ops), case_id)
    assert case is not None
    return case


def check_value(at: str, by: str = "anna", note: str | None = None) -> dict[str, Any]:
    return {"at": at, "by": by, "note": note}


def item_value(state: str, at: str) -> dict[str, Any]:
    return {"state": state, "at": at, "by": "anna", "note": None, "reason": None}


# A history with a bit of everything: edits in a chain, an open conflict, a resolved conflict,
# an item done, undone and done again, checks and notes from two writers, and a second case.
HISTORY = [
    *case_ops(),
    make_op("u1", "VC Ny", base=(f"{CREATED}unit",), hlc=hlc_at(2000), writer="w2"),
    make_op("u2", "VC Nyast", base=("u1",), hlc=hlc_at(3000)),
    make_op(
        "c1", "2026-02-27", field="case.closing", base=(f"{CREATED}closing",), hlc=hlc_at(2000)
    ),
    make_op(
        "c2",
        "2026-02-28",
        field="case.closing",
        base=(f"{CREATED}closing",),
        hlc=hlc_at(2000),
        writer="w2",
    ),
    make_op("g1", "VG A", field="case.caregiver", base=(f"{CREATED}caregiver",), hlc=hlc_at(4000)),
    make_op(
        "g2",
        "VG B",
        field="case.caregiver",
        base=(f"{CREATED}caregiver",),
        hlc=hlc_at(4001),
        writer="w2",
    ),
    make_op("g3", "VG C", field="case.caregiver", base=("g1", "g2"), hlc=hlc_at(5000)),
    make_op("i1", item_value("done", "2026-01-30T10:00:00+01:00"), field="item.vart-arbete"),
    make_op(
        "i2",
        item_value("open", "2026-01-30T11:00:00+01:00"),
        field="item.vart-arbete",
        base=("i1",),
        hlc=hlc_at(6000),
    ),
    make_op(
        "i3",
        item_value("done", "2026-01-30T12:00:00+01:00"),
        field="item.vart-arbete",
        base=("i2",),
        hlc=hlc_at(7000),
        writer="w2",
    ),
    make_op("k1", check_value("2026-02-02T09:00:00+01:00"), field="check.fil-i-fail.k1"),
    make_op(
        "k2",
        check_value("2026-02-01T09:00:00+01:00", "bertil"),
        field="check.fil-i-fail.k2",
        writer="w2",
    ),
    make_op("k3", check_value("2026-02-03T09:00:00+01:00"), field="check.bevaka-fraga-svar.k3"),
    make_op("n1", {"at": "2026-01-05T08:00:00+01:00", "by": "anna", "text": "A"}, field="note.n1"),
    make_op(
        "n2",
        {"at": "2026-01-04T08:00:00+01:00", "by": "bertil", "text": "B"},
        field="note.n2",
        writer="w2",
    ),
    *case_ops(case_id="other", unit="VC Annan"),
]


def test_the_reference_history_reads_as_expected() -> None:
    case = case_of(HISTORY)
    assert case.unit == "VC Nyast"
    assert case.caregiver == "VG C"
    assert case.closing.isoformat() == "2026-02-28"  # c2: same clock, writer w2 > w1
    assert [conflict.field for conflict in case.conflicts] == ["case.closing"]
    assert case.item("vart-arbete").state.value == "done"
    assert case.item("vart-arbete").at == "2026-01-30T12:00:00+01:00"
    assert [check.check_id for check in case.checks["fil-i-fail"]] == ["k2", "k1"]
    assert [note.text for note in case.notes] == ["B", "A"]
    other = case_from_ledger(fold(HISTORY), "other")
    assert other is not None
    assert (other.unit, other.conflicts, dict(other.checks)) == ("VC Annan", (), {})


@settings(max_examples=200, deadline=None)
@given(st.permutations(HISTORY))
def test_order_of_arrival_does_not_matter(ops: list[Operation]) -> None:
    reference, ledger = fold(HISTORY), fold(ops)
    assert case_from_ledger(ledger, CASE_ID) == case_from_ledger(reference, CASE_ID)
    assert case_from_ledger(ledger, "other") == case_from_ledger(reference, "other")
    assert ledger.count == len(HISTORY)
    assert ledger.history(CASE_ID) == reference.history(CASE_ID)
    for name in ("case.unit", "case.closing", "case.caregiver", "item.vart-arbete"):
        assert ledger.heads(CASE_ID, name) == reference.heads(CASE_ID, name)


@settings(max_examples=100, deadline=None)
@given(st.permutations(HISTORY), st.permutations(HISTORY))
def test_replays_change_nothing(first: list[Operation], again: list[Operation]) -> None:
    ledger = fold(first)
    before = case_from_ledger(ledger, CASE_ID)
    assert [ledger.apply(op) for op in again] == [False] * len(HISTORY)
    assert ledger.apply_all(again) == 0
    assert ledger.count == len(HISTORY)
    assert case_from_ledger(ledger, CASE_ID) == before


def test_apply_says_whether_the_operation_was_new() -> None:
    ledger = Ledger()
    op = make_op("a", "VC")
    assert ledger.apply(op) is True
    assert ledger.apply(op) is False
    assert ledger.apply_all([op, make_op("b", "VC 2", base=("a",)), make_op("b", "VC 2")]) == 1


@pytest.mark.parametrize(
    "order",
    [("a", "b", "c"), ("c", "b", "a"), ("b", "c", "a"), ("c", "a", "b")],
)
def test_the_last_change_in_a_chain_wins(order: tuple[str, ...]) -> None:
    chain = {
        "a": make_op("a", "VC 1", base=(f"{CREATED}unit",), hlc=hlc_at(2000)),
        "b": make_op("b", "VC 2", base=("a",), hlc=hlc_at(3000), writer="w2"),
        "c": make_op("c", "VC 3", base=("b",), hlc=hlc_at(3000, 1)),
    }
    case = case_of([*case_ops(), *(chain[name] for name in order)])
    assert (case.unit, case.conflicts) == ("VC 3", ())


# Two writers change the unit's name without seeing each other's change.
CONCURRENT = [
    # (first: hlc, writer, op id), (second: ...), the value that wins
    ((hlc_at(2000), "w1", "x"), (hlc_at(1000), "w2", "y"), "first"),  # later clock
    ((hlc_at(2000), "w1", "x"), (hlc_at(2000, 1), "w1", "y"), "second"),  # the counter counts
    ((hlc_at(2000), "w1", "x"), (hlc_at(2000), "w2", "y"), "second"),  # same clock: writer
    ((hlc_at(2000), "w9", "x"), (hlc_at(2000), "w10", "y"), "first"),  # writer ids as text
    ((hlc_at(2000), "w1", "b"), (hlc_at(2000), "w1", "a"), "first"),  # then the op id
]


@pytest.mark.parametrize("base", [(), (f"{CREATED}unit",)])
@pytest.mark.parametrize(("first", "second", "winner"), CONCURRENT)
@pytest.mark.parametrize("arrival", ["in order", "reversed"])
def test_concurrent_changes_are_a_conflict_with_the_winner_first(
    base: tuple[str, ...],
    first: tuple[str, str, str],
    second: tuple[str, str, str],
    winner: str,
    arrival: str,
) -> None:
    created = [op for op in case_ops() if op.field != "case.unit" or base]
    ops = [
        make_op(op_id, name, base=base, hlc=stamp, writer=writer)
        for (stamp, writer, op_id), name in ((first, "first"), (second, "second"))
    ]
    case = case_of(created + (ops if arrival == "in order" else ops[::-1]))
    loser = "second" if winner == "first" else "first"
    assert case.unit == winner
    [conflict] = case.conflicts
    assert conflict.field == "case.unit"
    assert conflict.values == (winner, loser)
    assert [op.value for op in conflict.ops] == [winner, loser]


@pytest.mark.parametrize("arrival", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_a_change_that_saw_both_sides_resolves_the_conflict(arrival: tuple[int, ...]) -> None:
    base = (f"{CREATED}unit",)
    ops = [
        make_op("x", "VC X", base=base, hlc=hlc_at(2000)),
        make_op("y", "VC Y", base=base, hlc=hlc_at(2000), writer="w2"),
        make_op("z", "VC X", base=("x", "y"), hlc=hlc_at(3000), writer="w2"),
    ]
    case = case_of(case_ops() + [ops[index] for index in arrival])
    assert (case.unit, case.conflicts) == ("VC X", ())


def test_a_change_that_saw_only_one_side_leaves_the_conflict() -> None:
    base = (f"{CREATED}unit",)
    ops = [
        make_op("x", "VC X", base=base, hlc=hlc_at(2000)),
        make_op("y", "VC Y", base=base, hlc=hlc_at(2000), writer="w2"),
        make_op("z", "VC Z", base=("x",), hlc=hlc_at(3000)),
    ]
    case = case_of(case_ops() + ops)
    assert case.unit == "VC Z"
    assert [conflict.values for conflict in case.conflicts] == [("VC Z", "VC Y")]


@pytest.mark.parametrize("arrival", ["in order", "reversed"])
def test_concurrent_checks_are_both_kept_and_never_conflict(arrival: str) -> None:
    checks = [
        make_op("k1", check_value("2026-02-02T09:00:00+01:00"), field="check.fil-i-fail.k1"),
        make_op(
            "k2",
            check_value("2026-02-02T09:05:00+01:00", "bertil", "inga fel"),
            field="check.fil-i-fail.k2",
            writer="w2",
        ),
    ]
    case = case_of(case_ops() + (checks if arrival == "in order" else checks[::-1]))
    assert case.conflicts == ()
    assert case.checks["fil-i-fail"] == (
        Check("k1", "2026-02-02T09:00:00+01:00", "anna"),
        Check("k2", "2026-02-02T09:05:00+01:00", "bertil", "inga fel"),
    )


@pytest.mark.parametrize("kind", ["check", "note"])
def test_checks_and_notes_made_in_the_same_second_read_the_same_everywhere(kind: str) -> None:
    at = "2026-02-02T09:00:00+01:00"
    if kind == "check":
        ops = [
            make_op("k1", check_value(at, "anna"), field="check.fil-i-fail.k1"),
            make_op("k2", check_value(at, "bertil"), field="check.fil-i-fail.k2", writer="w2"),
        ]
    else:
        ops = [
            make_op("n1", {"at": at, "by": "anna", "text": "A"}, field="note.n1"),
            make_op("n2", {"at": at, "by": "bertil", "text": "B"}, field="note.n2", writer="w2"),
        ]
    assert case_of(case_ops() + ops) == case_of(case_ops() + ops[::-1])


@pytest.mark.parametrize("missing", REQUIRED_FIELDS)
def test_a_case_missing_a_required_field_is_not_there_yet(missing: str) -> None:
    ops = [op for op in case_ops() if op.field != f"case.{missing}"]
    assert case_from_ledger(fold(ops), CASE_ID) is None


def test_an_unknown_case_is_not_there() -> None:
    assert case_from_ledger(fold(case_ops()), "nosuch") is None


def test_register_heads_winner_first() -> None:
    a = make_op("a", 1, hlc=hlc_at(1))
    b = make_op("b", 2, hlc=hlc_at(3))
    c = make_op("c", 3, hlc=hlc_at(2))
    d = make_op("d", 4, hlc=hlc_at(4), base=("b",))
    register = Register(a, b, c, d)
    assert [op.op_id for op in register.heads()] == ["d", "c", "a"]
    assert register.winner is d
    assert register.add(a) is False


# --- The hybrid logical clock ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("physical", "stamps"),
    [
        ([1000, 1000, 1001], [(1000, 0), (1000, 1), (1001, 0)]),
        ([1000, 900, 800, 1000, 1001], [(1000, 0), (1000, 1), (1000, 2), (1000, 3), (1001, 0)]),
        ([5, 10**13, 5], [(5, 0), (10**13, 0), (10**13, 1)]),
    ],
)
def test_the_clock_never_goes_backwards(physical: list[int], stamps: list[tuple[int, int]]) -> None:
    clock = HybridClock()
    assert [HybridClock.parse(clock.now(ms)) for ms in physical] == stamps


def test_observe_moves_the_clock_past_a_remote_stamp() -> None:
    clock = HybridClock()
    clock.now(1000)
    remote = HybridClock.format(5000, 7)
    clock.observe(remote)
    assert clock.now(1001) > remote
    assert HybridClock.parse(clock.now(1002)) == (5000, 9)
    clock.observe(HybridClock.format(10, 0))  # an older stamp changes nothing
    assert HybridClock.parse(clock.now(1003)) == (5000, 10)


events = st.lists(
    st.one_of(
        st.tuples(st.just("now"), st.integers(0, 10**13)),
        st.tuples(
            st.just("observe"),
            st.builds(HybridClock.format, st.integers(0, 10**13), st.integers(0, 1000)),
        ),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(events)
def test_every_stamp_sorts_after_everything_seen_before(
    history: list[tuple[str, Any]],
) -> None:
    clock = HybridClock()
    latest = ""
    for kind, argument in history:
        if kind == "observe":
            clock.observe(argument)
            latest = max(latest, argument)
        else:
            stamp = clock.now(argument)
            assert stamp > latest  # as strings, so files and dicts sort them right
            assert HybridClock.parse(stamp) > HybridClock.parse(latest or "0.0")
            latest = stamp


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(st.integers(0, 10**15 - 1), st.integers(0, 999_999)),
    st.tuples(st.integers(0, 10**15 - 1), st.integers(0, 999_999)),
)
def test_stamps_sort_as_strings_in_time_order(a: tuple[int, int], b: tuple[int, int]) -> None:
    first, second = HybridClock.format(*a), HybridClock.format(*b)
    assert (first < second) == (a < b)
    assert HybridClock.parse(first) == a


# --- Operations as records -------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)
operations = st.builds(
    Operation,
    op_id=st.text(min_size=1, max_size=32),
    writer=st.text(min_size=1, max_size=20),
    seq=st.integers(0, 10**9),
    hlc=st.builds(HybridClock.format, st.integers(0, 10**14), st.integers(0, 999)),
    case_id=st.text(min_size=1, max_size=8),
    field=st.text(min_size=1, max_size=40),
    value=json_values,
    base=st.lists(st.text(min_size=1, max_size=32), max_size=3).map(tuple),
    actor=st.text(max_size=20),
    host=st.text(max_size=20),
)


@settings(max_examples=200, deadline=None)
@given(operations)
def test_an_operation_survives_its_row_and_json(op: Operation) -> None:
    assert Operation.from_row(op.to_row()) == op
    assert Operation.from_row(json.loads(json.dumps(op.to_row()))) == op


def test_with_seq_changes_only_the_sequence_number() -> None:
    op = make_op("a", "VC", seq=1)
    assert op.with_seq(7).to_row() == [*op.to_row()[:2], 7, *op.to_row()[3:]]


GOOD_ROW = make_op("a", "VC", base=("z",)).to_row()


def test_a_row_from_before_wall_times_reads_with_the_clock_as_its_time() -> None:
    legacy = Operation.from_row(GOOD_ROW[:10])
    assert legacy.wall == 0
    assert legacy.wall_ms == HybridClock.parse(legacy.hlc)[0]
    stamped = legacy._replace(wall=1_780_000_000_000)
    assert Operation.from_row(stamped.to_row()).wall_ms == 1_780_000_000_000


@pytest.mark.parametrize(
    "row",
    [
        GOOD_ROW[:-2],
        [*GOOD_ROW, "extra"],
        [*GOOD_ROW[:3], "000000000001000", *GOOD_ROW[4:]],  # a clock without its counter
        [None, *GOOD_ROW[1:]],
        [*GOOD_ROW[:2], "1", *GOOD_ROW[3:]],  # seq as text
        [*GOOD_ROW[:7], "z", *GOOD_ROW[8:]],  # base as text
        [*GOOD_ROW[:7], [1], *GOOD_ROW[8:]],
        [*GOOD_ROW[:5], 5, *GOOD_ROW[6:]],  # field not text
        tuple(GOOD_ROW),
        {},
        None,
    ],
)
def test_from_row_refuses_what_is_not_an_operation(row: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        Operation.from_row(row)


# --- History ---------------------------------------------------------------------------------


def test_history_shows_each_change_as_old_and_new_value_oldest_first() -> None:
    created = make_op("u0", "VC 1", hlc=hlc_at(1_767_225_600_000))  # 2026-01-01 00:00 UTC
    edited = make_op("u1", "VC 2", base=("u0",), hlc=hlc_at(1_767_229_200_000), writer="w2")
    ledger = fold([edited, created])
    entries = case_history(ledger, CASE_ID)
    assert [(entry.field, entry.old, entry.new) for entry in entries] == [
        ("case.unit", None, "VC 1"),
        ("case.unit", "VC 1", "VC 2"),
    ]
    assert [entry.at for entry in entries] == [
        "2026-01-01T01:00:00+01:00",  # shown in Stockholm time
        "2026-01-01T02:00:00+01:00",
    ]
