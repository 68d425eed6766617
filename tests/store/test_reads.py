"""A command that is up to date reads only listings from the share: no snapshot or batch it has
already read is decoded again, and it leaves the local view as it was (issue 10, item 3)."""

from __future__ import annotations

from pathlib import Path

from tui.core import actions
from tui.core.case_fields import validate_case_fields
from tui.core.template import default_template
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
