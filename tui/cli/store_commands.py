"""``stangning sync`` and ``stangning doctor``: the shared drive as administrators see it."""

from __future__ import annotations

import argparse
import sys

from tui.cli.context import Context, share_timeout
from tui.cli.text_output import to_json
from tui.core.duration_text import clock_offset_text
from tui.core.errors import Refusal
from tui.core.printable import safe
from tui.store.doctor import diagnose, healthy

EXIT_UNHEALTHY = 1


def init(ctx: Context, args: argparse.Namespace) -> int:
    """Make the configured folder a store (missing or empty), or say it already is one."""
    from tui.cli import detach
    from tui.store.bounded import Bounded
    from tui.store.share import FolderNotEmpty, Share, cause_of

    detach.begin()  # before the share call: a hung share cannot hold the command
    try:
        _, created = Bounded(share_timeout()).call(Share(ctx.store_path).create)
    except FolderNotEmpty:
        raise Refusal("store.not_empty", path=ctx.store_path) from None
    except OSError as error:
        cause = ctx.t(f"share.cause.{cause_of(error)}")
        raise Refusal("store.init_failed", path=ctx.store_path, cause=cause) from None
    print(ctx.t("init.created" if created else "init.exists", path=ctx.store_path))
    return 0


def sync(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store
    report = store.sync()
    t = ctx.t
    snapshot = None
    if report.reachable and args.snapshot:
        try:
            snapshot = store.snapshot()
        except OSError:
            report = store.status()
    if args.json:
        data = {
            "reachable": report.reachable,
            "published": report.published,
            "read": report.read,
            "pending": report.pending,
            "quarantined": report.quarantined,
            "problem": report.problem,
            "newer": report.newer,
            "snapshot": snapshot[0] if snapshot else None,
        }
        print(to_json(data))
    else:
        print(
            t("sync.report", published=report.published, read=report.read, pending=report.pending)
        )
        if snapshot:
            print(t("sync.snapshot", name=snapshot[0], removed=snapshot[1]))
        for name in report.quarantined:
            print(t("sync.quarantined", file=safe(name)))
    if not report.reachable or report.pending:
        ctx.warned = True
        message = t(
            "share.sync_waiting", count=report.pending, path=ctx.store_path, cause=ctx.cause()
        )
        print(f"stangning: {message}", file=sys.stderr)
        return EXIT_UNHEALTHY
    return 0


def doctor(ctx: Context, args: argparse.Namespace) -> int:
    log = ctx.log
    ctx.warned = True  # doctor's own lines say how the share stands
    log.publish_pending()
    findings = diagnose(log)
    if args.json:
        print(
            to_json(
                {
                    "healthy": healthy(findings),
                    "findings": [
                        {"check": f.check, "ok": f.ok, **{k: str(v) for k, v in f.params.items()}}
                        for f in findings
                    ],
                }
            )
        )
    else:
        t = ctx.t
        for finding in findings:
            mark = t("doctor.ok") if finding.ok else t("doctor.bad")
            params = dict(finding.params)
            if "cause" in params:
                params["cause"] = t(f"share.cause.{params['cause']}")
            if "skew" in params:
                params["skew"] = clock_offset_text(params["skew"], t)
            text = t(f"doctor.{finding.check}", **params)
            print(f"{mark}  {safe(text)}")
        print(t("doctor.healthy") if healthy(findings) else t("doctor.unhealthy"))
    return 0 if healthy(findings) else EXIT_UNHEALTHY
