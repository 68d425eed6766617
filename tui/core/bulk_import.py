"""Many closures at once (``stangning import csv``): all rows or none, and never twice.

The caller refuses the whole file when any row is bad (``read_rows``, ``unique_rows``), before
looking at the store. A row is already there when a case has its id (a file written by
``export csv`` carries the ids), or when a case has the same HSA-ID and closing date; such rows
are skipped, so importing the same file again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass

from tui.core.actions import add_note, create_case, new_case_id
from tui.core.case import Case
from tui.core.csv_rows import BadRow, CaseRow
from tui.core.errors import Refusal
from tui.core.operations import Change
from tui.core.template import Template


@dataclass(frozen=True)
class Skipped:
    line: int
    case_id: str  # the case that is already there


@dataclass(frozen=True)
class ImportPlan:
    new: tuple[CaseRow, ...]
    skipped: tuple[Skipped, ...]
    taken: frozenset[str] = frozenset()  # the ids of the cases already there

    @property
    def rows(self) -> int:
        return len(self.new) + len(self.skipped)


def unique_rows(
    good: Sequence[CaseRow], bad: Sequence[BadRow]
) -> tuple[list[CaseRow], list[BadRow]]:
    """A row describing the same case as an earlier row (same HSA-ID and closing date, or same
    id) becomes a bad row naming the earlier one. The bad rows come back in file order."""
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple[str, dt.date], int] = {}
    unique: list[CaseRow] = []
    problems = list(bad)
    for row in good:
        key = (row.fields.hsa_id, row.fields.closing)
        first = seen_keys.get(key) or (seen_ids.get(row.case_id) if row.case_id else None)
        if first is not None:
            problems.append(BadRow(row.line, Refusal("csv.repeated_row", first=first)))
            continue
        seen_keys[key] = row.line
        if row.case_id:
            seen_ids[row.case_id] = row.line
        unique.append(row)
    return unique, sorted(problems, key=lambda problem: problem.line)


def plan_import(rows: Sequence[CaseRow], cases: Iterable[Case]) -> ImportPlan:
    """Sort valid, unique rows into new and already there (the cases are read once: they may
    come a part of the archive at a time)."""
    ids: set[str] = set()
    by_key: dict[tuple[str, dt.date], str] = {}
    for case in cases:
        ids.add(case.case_id)
        by_key[(case.hsa_id, case.closing)] = case.case_id
    new: list[CaseRow] = []
    skipped: list[Skipped] = []
    for row in rows:
        key = (row.fields.hsa_id, row.fields.closing)
        existing = row.case_id if row.case_id in ids else by_key.get(key)
        if existing is not None:
            skipped.append(Skipped(row.line, existing))
        else:
            new.append(row)
    return ImportPlan(tuple(new), tuple(skipped), frozenset(ids))


def import_changes(
    plan: ImportPlan,
    template: Template,
    *,
    taken: Set[str],
    actor: str,
    now: str,
    make_id: Callable[[], str] = new_case_id,
) -> tuple[list[Change], list[str]]:
    """The changes creating every new case (with its note), and the new cases' ids."""
    changes: list[Change] = []
    ids: list[str] = []
    used = set(taken)
    for row in plan.new:
        case_id = row.case_id or make_id()
        while case_id in used:
            case_id = make_id()
        used.add(case_id)
        ids.append(case_id)
        changes += create_case(row.fields, template, case_id=case_id, actor=actor, now=now)
        if row.note:
            changes += add_note(case_id, actor=actor, now=now, text=row.note)
    return changes, ids
