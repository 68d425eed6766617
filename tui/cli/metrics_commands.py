"""``stangning metrics [--textfile DIR]``: the closures and the store for Prometheus.

Without ``--textfile`` the exposition goes to standard output. With it, to ``DIR/stangning.prom``
for node_exporter's textfile collector, whole or not at all; nothing is printed then, so a cron
job mails only when something failed. An unreachable share is what monitoring is for: the
gauges are written from the local copy, with ``stangning_store_reachable 0``, and the command
succeeds. A store that cannot be opened at all still gets its health written (reachable 0, the
rest left out), then one line on stderr and exit status 1; so does a DIR that cannot be
written, and then nothing is left behind in it (a ``Failure``: exit status 1, not 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.context import Context, user_path
from tui.cli.text_output import write_stdout
from tui.core.errors import Failure, Refusal
from tui.core.metrics import StoreHealth, metric_families
from tui.core.rules import CaseView


def metrics(ctx: Context, args: argparse.Namespace) -> int:
    from tui.export.output_file import OutputRefused, real_target, write_file
    from tui.export.prometheus import TEXTFILE_NAME, exposition

    target: Path | None = None
    if args.textfile is not None:
        if not args.textfile.strip():
            raise Failure("metrics.no_folder")
        target = user_path(args.textfile) / TEXTFILE_NAME
        try:
            real_target(target, own_name=True)  # before the store is read: say it at once
        except OutputRefused as refused:
            raise Failure(f"output.{refused.code}", **refused.params) from None
    views, health, problem = _read(ctx)
    data = exposition(metric_families(views, health, ctx.config.check_cadence_days, ctx.t))
    if target is None:
        write_stdout((data,))
    else:
        try:
            write_file(target, data, own_name=True)
        except OutputRefused as refused:
            raise Failure(f"output.{refused.code}", **refused.params) from None
        except OSError as error:
            detail = error.strerror or error
            raise Failure("output.unwritable", path=target, detail=detail) from None
    if problem is not None:
        raise Failure(problem.code, **problem.params)
    return 0


def _read(ctx: Context) -> tuple[list[CaseView] | None, StoreHealth, Refusal | None]:
    """The open cases, the store's health, and why the store could not be read (if so). The
    share's state is then said by ``stangning_store_reachable``, not by a warning on stderr."""
    try:
        views = ctx.views()
        ctx.warned = True
        status = ctx.store.status()
    except Refusal as refusal:
        ctx.warned = True
        return None, StoreHealth(reachable=False), refusal
    except OSError as error:  # e.g. no permission on the store or a folder above it
        ctx.warned = True
        detail = error.strerror or error
        unreadable = Refusal("store.unreadable", path=ctx.store_path, detail=detail)
        return None, StoreHealth(reachable=False), unreadable
    from tui.store.doctor import quarantine_count

    health = StoreHealth(status.reachable, status.pending, quarantine_count(ctx.log))
    return views, health, None
