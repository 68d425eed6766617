"""``stangning export ics|csv``, ``stangning import csv`` and ``stangning report``.

The export modules (icalendar above all) are imported only by the command that needs them, so
``status`` and ``case list`` start as fast as before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Iterator

from tui.cli.context import Context, user_path
from tui.cli.text_output import write_stdout
from tui.core.bulk_import import import_changes, plan_import, unique_rows
from tui.core.case import Case
from tui.core.csv_rows import read_header, read_rows
from tui.core.errors import Refusal
from tui.core.printable import safe
from tui.core.rules import CaseView
from tui.export.output_file import OutputRefused, is_stdout, write_file


def write_output(data: bytes | Iterable[bytes], target: str | None) -> bool:
    """The bytes (or chunks of them) on standard output (no ``-o``, or ``-o -``), or in the
    file named, whole or not at all (see tui.export.output_file); True when a file was
    written."""
    if is_stdout(target):
        write_stdout((data,) if isinstance(data, bytes) else data)
        return False
    assert target is not None
    if not target.strip():
        raise Refusal("output.no_name", path=target)
    path = user_path(target)
    if target.endswith("/"):  # a folder meant, whether or not it exists
        raise Refusal("output.folder", path=target)
    try:
        write_file(path, data)
    except OutputRefused as refused:
        raise Refusal(f"output.{refused.code}", **refused.params) from None
    except OSError as error:
        raise Refusal("output.unwritable", path=path, detail=error.strerror or error) from None
    return True


def export_ics(ctx: Context, args: argparse.Namespace) -> int:
    from tui.export.calendar import case_events
    from tui.export.ics import calendar_chunks, vevents_bytes

    cadence, events = ctx.config.check_cadence_days, 0
    stamp = dt.datetime.now(dt.UTC)

    def render(view: CaseView, revision: int) -> bytes:
        nonlocal events
        found = case_events(view, ctx.template, ctx.t, cadence_days=cadence)
        events += len(found)
        return vevents_bytes(found, now=stamp, sequence=revision)

    # Each case's events wait on disk as text until their turn (``--all`` lists every case).
    with ctx.spooled(render, archived=args.all) as spool:
        data = calendar_chunks(spool, name=ctx.t("follow.ics.calendar"))
        written = write_output(data, args.output)
    if written:
        print(ctx.t("follow.out.ics_written", path=safe(args.output), count=events))
    return 0


def export_csv(ctx: Context, args: argparse.Namespace) -> int:
    from tui.export.csv_io import csv_bytes, csv_row

    rows = ctx.listed(lambda view, _revision: csv_row(view, ctx.t), archived=args.all)
    if write_output(csv_bytes(rows), args.output):
        print(ctx.t("follow.out.csv_written", path=safe(args.output), count=len(rows)))
    return 0


def import_csv(ctx: Context, args: argparse.Namespace) -> int:
    from tui.export.csv_io import read_table

    try:
        data = user_path(args.file).read_bytes()
    except OSError as error:
        raise Refusal("csv.unreadable", path=args.file, detail=error.strerror or error) from None
    header, rows = read_table(data)
    good, bad = unique_rows(*read_rows(rows, read_header(header)))
    t = ctx.t
    if bad:  # all or nothing: refused before the store is even opened
        for problem in bad:
            line = t("follow.csv.row", line=problem.line, reason=t.refusal(problem.refusal))
            print(f"stangning: {safe(line)}", file=sys.stderr)
        raise Refusal("csv.rows_refused", bad=len(bad), rows=len(rows))
    unreadable: set[str] = set()  # cases only a newer version can read: their ids are taken

    def readable() -> Iterator[Case]:
        for found in ctx.store.each_case():
            if isinstance(found.case, Case):
                yield found.case
            else:
                unreadable.add(found.case.case_id)

    plan = plan_import(good, readable())
    changes, ids = import_changes(
        plan, ctx.template, taken=plan.taken | unreadable, actor=ctx.actor, now=ctx.now()
    )
    counts = {"new": len(ids), "skipped": len(plan.skipped), "rows": plan.rows}
    if args.dry_run:
        print(t("follow.out.import_dry_run", **counts))
        return 0
    if changes:
        ctx.record(changes)
    print(t("follow.out.imported", **counts))
    return 0


def report(ctx: Context, args: argparse.Namespace) -> int:
    from tui.export.report import case_report

    view = ctx.view(args.case)
    text = case_report(
        view,
        ctx.store.history(view.case.case_id),
        ctx.template,
        ctx.t,
        cadence_days=ctx.config.check_cadence_days,
        printed_at=ctx.now(),
        printed_by=ctx.actor,
    )
    if write_output(text.encode("utf-8"), args.output):
        print(ctx.t("follow.out.report_written", path=safe(args.output)))
    return 0
