"""A writer's files on the share are never replaced by different content, and a local folder
carried to another host writes under a new id there."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.store.conftest import Host
from tui.core.operations import Operation
from tui.store.local_state import WRITER_FILE
from tui.store.wire import Batch, batch_name


def test_a_different_batch_with_a_published_number_moves_to_a_free_number_not_over_it(
    make_host: Callable[[str], Host],
) -> None:
    a = make_host("a")
    case_id = a.add_case("Enhet Krock")
    writer = json.loads((a.local / WRITER_FILE).read_text())["writer"]
    published = a.store / "ops" / writer / batch_name(1)
    before = published.read_bytes()
    # A batch claiming the same number, as a copied local folder could produce.
    stray = Operation(
        "f" * 32,
        writer,
        1,
        "001780000000000.000000",
        case_id,
        "case.unit",
        "Fel enhet",
        (),
        "x",
        "y",
    )
    (a.local / "outbox" / batch_name(1)).write_bytes(Batch(writer, 1, (stray,)).encode())

    a.run("sync")
    assert published.read_bytes() == before
    # A local folder restored from an older copy does this: its change goes out under a number
    # nobody has used, and another host gets it.
    assert a.run("doctor").returncode == 0
    assert not list((a.local / "outbox").iterdir())
    b = Host(a.store, a.local.parent / "host-b")
    assert "f" * 32 in {entry["op_id"] for entry in b.json("case", "history", case_id)}


def test_a_local_folder_copied_to_another_host_writes_under_a_new_id(
    make_host: Callable[[str], Host],
) -> None:
    a = make_host("a")
    case_id = a.add_case("Enhet Kopia")
    path = a.local / WRITER_FILE
    original = json.loads(path.read_text())
    path.write_text(json.dumps({**original, "host": "another-jump-host"}))

    a.run("done", case_id, "vart-arbete")
    writers = sorted(folder.name for folder in (a.store / "ops").iterdir())
    assert len(writers) == 2 and original["writer"] in writers
    assert json.loads(path.read_text())["writer"] != original["writer"]
