"""Listing every case (`case list --all`, `export … --all`, `import csv`) reads the archive a
shard at a time and keeps none of it folded in: every case comes once, archived or open, with
its revision, also when a shard of the local archive is damaged (issue 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.store.conftest import store_at
from tui.core import actions
from tui.core.case import Case
from tui.core.case_fields import validate_case_fields
from tui.core.rules import Phase, evaluate
from tui.core.template import default_template
from tui.store.archive import shard_of
from tui.store.case_store import CaseStore

NOW = "2026-11-25T10:00:00+01:00"
TODAY = dt.date(2026, 11, 25)
TEMPLATE = default_template()


host = store_at  # an in-process host (see conftest.py)


def closures(tmp_path: Path, finished: int, still_open: int) -> tuple[list[str], list[str]]:
    """A store with closures finished (archived on the local disk) and open ones."""
    (tmp_path / "share").mkdir()
    store = host(tmp_path, "a")
    fields = validate_case_fields(
        caregiver="Region", unit="Enhet", hsa_id="SE2321000016-A2G8", closing="2026-06-30"
    )
    done = [f"k{number}" for number in range(finished)]
    left = [f"o{number}" for number in range(still_open)]
    for case_id in done + left:
        store.record(actions.create_case(fields, TEMPLATE, case_id=case_id, actor="a", now=NOW))
    for case_id in done:
        case = store.case(case_id)
        assert case is not None
        view = evaluate(case, TEMPLATE, TODAY)
        store.record(
            [
                change
                for item in view.open_items()
                for change in actions.mark_not_applicable(
                    view, TEMPLATE, item.key, actor="a", now=NOW, reason="klar"
                )
            ]
        )
    store.close()
    return done, left


def listed(store: CaseStore) -> dict[str, tuple[str, int]]:
    seen: dict[str, tuple[str, int]] = {}
    for found, revision in store.each_case():
        assert found.case_id not in seen, f"{found.case_id} listed twice"
        assert isinstance(found, Case)
        seen[found.case_id] = (evaluate(found, TEMPLATE, TODAY).phase.value, revision)
    return seen


def test_every_case_comes_once_with_its_revision_and_the_archive_stays_unfolded(
    tmp_path: Path,
) -> None:
    done, left = closures(tmp_path, finished=12, still_open=3)
    store = host(tmp_path, "a")
    assert {case.case_id for case in store.fold_open()[0]} == set(left)
    seen = listed(store)
    assert set(seen) == set(done + left)
    assert {seen[case_id][0] for case_id in done} == {Phase.COMPLETE.value}
    assert all(seen[case_id][0] != Phase.COMPLETE.value for case_id in left)
    # Not folded into the store: a second listing reads the archive again, a command holds
    # only the open cases.
    assert {case.case_id for case in store.fold_open()[0]} == set(left)
    for case_id in done + left:
        assert seen[case_id][1] == store.revision(case_id) > 0
    store.close()


def test_a_damaged_shard_is_read_again_and_its_cases_still_come_once(tmp_path: Path) -> None:
    done, _ = closures(tmp_path, finished=12, still_open=3)
    expected = listed(host(tmp_path, "a"))
    shards = sorted({shard_of(case_id) for case_id in done})
    assert len(shards) > 1, "the cases should span shards"
    damaged = tmp_path / "a" / "archive" / f"{shards[0]:02d}.json"
    assert damaged.exists()
    damaged.write_text('{"cases": {"1": {"case_id": 5}}')  # cut short
    store = host(tmp_path, "a")
    assert listed(store) == expected
    store.close()
    assert listed(host(tmp_path, "a")) == expected  # and the archive is whole again
