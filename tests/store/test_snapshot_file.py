"""A snapshot file is read and written a line at a time (issue 10: a new host's first command
after 100,000 changes stays within its memory). What it must still do: refuse whatever is cut
short, damaged or mixed up, before anything of it is used, and read every snapshot written
before the archive went on lines of its own."""

from __future__ import annotations

import hashlib
import io
import json

import pytest

from tui.core.operations import Operation
from tui.store.archive import ArchivedCase
from tui.store.wire import ARCHIVE_VERSION, VERSION, CorruptFile, Snapshot, seal


def op(case_id: str, seq: int, field: str = "note.n1") -> Operation:
    return Operation(
        op_id=f"{case_id}-{seq}-{field.replace('.', '-')}",
        writer="w1",
        seq=seq,
        hlc=f"{seq:015d}.000000",
        case_id=case_id,
        field=field,
        value={"at": "2026-11-25T10:00:00+01:00", "by": "anna", "text": f"nr {seq}"},
        base=(),
        actor="anna",
        host="h1",
        wall=seq,
    )


OPEN = (op("open1", 1), op("open1", 2, "note.n2"))
ARCHIVED = tuple(ArchivedCase.pack(f"done{n}", [op(f"done{n}", 10 + n)]) for n in range(3))
SNAPSHOT = Snapshot({"w1": 12}, OPEN, archive=ARCHIVED)


def ids(ops: tuple[Operation, ...]) -> set[str]:
    return {item.op_id for item in ops}


def test_a_snapshot_is_a_line_of_open_operations_then_a_line_per_archived_case() -> None:
    data = SNAPSHOT.encode("store1")
    header, _, body = data.partition(b"\n")
    assert json.loads(header)["version"] == ARCHIVE_VERSION
    assert len(body.split(b"\n")) == 1 + len(ARCHIVED)
    packed = Snapshot.decode(data, "store1", packed=True)
    assert sorted(case.case_id for case in packed.archive) == ["done0", "done1", "done2"]
    assert ids(packed.ops) == ids(OPEN)
    unpacked = Snapshot.decode(data, "store1")
    assert ids(unpacked.ops) == ids(OPEN) | {f"done{n}-{10 + n}-note-n1" for n in range(3)}
    assert not unpacked.archive and unpacked.covered == {"w1": 12}


def test_without_archived_cases_it_is_the_version_two_file_it_always_was() -> None:
    data = Snapshot({"w1": 2}, OPEN).encode("store1")
    old = seal(
        "snapshot",
        {"covered": {"w1": 2}, "ops": [o.to_row() for o in OPEN]},
        "store1",
        {"covered": {"w1": 2}},
    )
    assert data == old
    assert json.loads(data.partition(b"\n")[0])["version"] == VERSION


def test_the_first_version_three_layout_with_the_archive_inside_still_reads() -> None:
    payload = {
        "covered": {"w1": 12},
        "ops": [o.to_row() for o in OPEN],
        "archive": [case.to_entry() for case in ARCHIVED],
    }
    data = seal("snapshot", payload, "store1", {"covered": {"w1": 12}}, version=ARCHIVE_VERSION)
    assert ids(Snapshot.decode(data, "store1").ops) == ids(Snapshot.decode(SNAPSHOT.encode()).ops)


def resealed(body: bytes) -> bytes:
    """The body under a header whose length and checksum fit it (damage a checksum misses)."""
    header = json.loads(SNAPSHOT.encode("store1").partition(b"\n")[0])
    header.update(length=len(body), sha256=hashlib.sha256(body).hexdigest())
    return json.dumps(header).encode() + b"\n" + body


BODY = SNAPSHOT.encode("store1").partition(b"\n")[2]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (SNAPSHOT.encode("store1")[:-40], "truncated"),
        (SNAPSHOT.encode("store1")[: len(SNAPSHOT.encode("store1")) // 2], "truncated"),
        (SNAPSHOT.encode("store1").replace(b"done1", b"dona1"), "checksum"),
        (SNAPSHOT.encode("store1") + b"\n[]", "truncated"),
        (SNAPSHOT.encode("store1").partition(b"\n")[0], "not a stangning file"),
        (resealed(BODY + b"\n\n"), "malformed archive"),
        (resealed(BODY + b"\n[1, 2, 3]"), "malformed archive"),
        (resealed(BODY + b'\n{"case_id": "x"}'), "malformed archive"),
        (resealed(BODY + b"\n\xff\xfe"), "malformed archive"),
        (resealed(b""), "empty"),
        (resealed(b"[]\n" + BODY.partition(b"\n")[2]), "payload is not an object"),
        (resealed(b"\xff" + BODY), "not JSON"),
    ],
    ids=[
        "cut in the last line",
        "cut in half",
        "a byte changed",
        "a line added",
        "the header alone",
        "an empty archive line",
        "an archive line of three numbers",
        "an archive line that is an object",
        "an archive line that is not UTF-8",
        "an empty body",
        "a first line that is a list",
        "a first line that is not UTF-8",
    ],
)
def test_a_damaged_snapshot_is_refused_whole_and_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(CorruptFile, match=reason):
        Snapshot.read(io.BytesIO(data), "store1", packed=True)
    with pytest.raises(CorruptFile, match=reason):
        Snapshot.decode(data, "store1")


def test_a_damaged_packed_case_is_refused_when_unpacked() -> None:
    bad = ArchivedCase("done9", {"w1": 12}, "bm90IHpsaWI=")  # base64 of bytes that are not zlib
    data = Snapshot({"w1": 12}, OPEN, archive=(*ARCHIVED, bad)).encode("store1")
    assert len(list(Snapshot.decode(data, "store1", packed=True).archive)) == 4  # as it came
    with pytest.raises(CorruptFile):
        Snapshot.decode(data, "store1")


def test_two_snapshots_copies_of_a_case_are_filed_as_one_holding_both() -> None:
    """A new host reads two snapshots neither of which covers the other (two hosts tidied at
    once): each case is filed once, holding every operation of either copy; a copy within
    the other snapshot's coverage is left as it is (not unpacked)."""
    from tui.store.archive import SnapshotCases, filed

    created = op("c1", 1, "note.a")  # writer w1, batch 1: in both
    theirs = created._replace(op_id="c1-w2", writer="w2", field="note.c")
    later = op("c1", 2, "note.b")  # w1's batch 2: only the first snapshot covers it
    first = SnapshotCases({"w1": 2}, [ArchivedCase.pack("c1", [created, later])])
    second = SnapshotCases({"w1": 1, "w2": 1}, [ArchivedCase.pack("c1", [created, theirs])])
    for parts in ([first, second], [second, first]):
        [(_, [case])] = list(filed(parts))
        assert ids(tuple(case.unpack()[0])) == {created.op_id, later.op_id, theirs.op_id}
    inside = SnapshotCases({"w1": 2, "w2": 1}, [ArchivedCase.pack("c1", [created, later, theirs])])
    older = SnapshotCases({"w1": 1}, [ArchivedCase.pack("c1", [created])])
    for parts in ([inside, older], [older, inside]):
        [(_, [case])] = list(filed(parts))
        assert case is inside.packed[0]  # type: ignore[index]
