"""A command that is up to date reads only listings from the share: no snapshot or batch it has
already read is decoded again, and it leaves the local view as it was (issue 10, item 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.core import actions
from tui.core.case_fields import validate_case_fields
from tui.core.operations import Operation
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.store.archive import ArchivedCase
from tui.store.case_store import CaseStore
from tui.store.identity import Identity
from tui.store.local_view import VIEW_FILE
from tui.store.operation_log import Delta
from tui.store.shared_log import SharedDriveLog

NOW = "2026-11-25T10:00:00+01:00"


def host(tmp_path: Path, name: str) -> SharedDriveLog:
    return SharedDriveLog(
        tmp_path / "share" / "stangning",
        tmp_path / name,
        identity=Identity(actor=name, host=name),
        create=True,
    )


def test_an_up_to_date_host_decodes_nothing_again_and_leaves_its_view_alone(
    tmp_path: Path,
) -> None:
    (tmp_path / "share").mkdir()
    writer = CaseStore(host(tmp_path, "a"))
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    for number in range(5):
        changes = actions.create_case(
            fields, default_template(), case_id=f"c{number}", actor="a", now=NOW
        )
        writer.record(changes)
    writer.snapshot()
    writer.record(actions.add_note("c1", actor="a", now=NOW, text="after the snapshot"))
    reader = CaseStore(host(tmp_path, "b"))
    reader.sync()
    reader.close()
    view = tmp_path / "b" / VIEW_FILE
    before = view.stat().st_mtime_ns

    log = host(tmp_path, "b")
    looks: list[Delta] = []
    read_new = log.read_new

    def spied() -> Delta:
        looks.append(read_new())
        return looks[-1]

    log.read_new = spied  # type: ignore[method-assign]
    again = CaseStore(log)  # what a command opening this local folder does
    first = looks[0]
    assert first.loaded and not first.ops, "the view's operations come back, as saved"
    assert not (first.marks or first.covers or first.segments), "something was read again"
    assert len(again.cases()) == 5
    again.close()
    assert view.stat().st_mtime_ns == before, "a command that read nothing new saved the view"


def test_a_host_that_was_behind_unpacks_only_the_archived_cases_it_has_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot took in (and cleaned up) the files this host had not read: of its packed
    complete cases, only those with a change the host has not seen are unpacked."""
    (tmp_path / "share").mkdir()
    template = default_template()
    writer = CaseStore(host(tmp_path, "a"))
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    for number in range(6):
        case_id = f"c{number}"
        writer.record(actions.create_case(fields, template, case_id=case_id, actor="a", now=NOW))
        case = writer.case(case_id)
        assert case is not None
        view = evaluate(case, template, dt.date(2026, 11, 25))
        writer.record(
            [
                change
                for item in view.open_items()
                for change in actions.mark_not_applicable(
                    view, template, item.key, actor="a", now=NOW, reason="klar"
                )
            ]
        )
    reader = CaseStore(host(tmp_path, "b"))  # has read all six, complete
    reader.close()
    case = writer.case("c3")
    assert case is not None
    view = evaluate(case, template, dt.date(2026, 11, 25))
    writer.record(actions.undo(view, template, view.items[0].key, actor="a", now=NOW))
    writer.record(actions.add_note("c3", actor="a", now=NOW, text="öppnad igen"))
    reopened = writer.case("c3")
    assert reopened is not None
    again_view = evaluate(reopened, template, dt.date(2026, 11, 25))
    key = view.items[0].key
    writer.record(
        actions.mark_not_applicable(again_view, template, key, actor="a", now=NOW, reason="klar")
    )
    writer.snapshot()  # every case complete again, packed; the batch files are cleaned up
    unpacked: list[str] = []
    unpack = ArchivedCase.unpack

    def counting(self: ArchivedCase) -> tuple[list[Operation], str]:
        unpacked.append(self.case_id)
        return unpack(self)

    monkeypatch.setattr(ArchivedCase, "unpack", counting)
    again = CaseStore(host(tmp_path, "b"))
    assert set(unpacked) == {"c3"}  # the snapshot's copy, and this host's own archived one
    shown = again.case("c3")
    assert shown is not None and [note.text for note in shown.notes] == ["öppnad igen"]
    again.close()
