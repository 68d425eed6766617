"""``stangning sync`` and ``stangning doctor``: the shared drive as administrators see it."""

from __future__ import annotations

import argparse
import sys

from tui.cli.context import Context
from tui.cli.text_output import safe, to_json
from tui.store.doctor import diagnose, healthy

EXIT_UNHEALTHY = 1


def sync(ctx: Context, args: argparse.Namespace) -> int:
    log = ctx.log
    report = log.sync(ctx.store.ledger)
    t = ctx.t
    snapshot = None
    if report.reachable and args.snapshot:
        snapshot = log.snapshot(ctx.store.ledger, ctx.store.stamp())
    if args.json:
        data = {
            "reachable": report.reachable,
            "published": report.published,
            "read": report.read,
            "pending": report.pending,
            "quarantined": report.quarantined,
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
    if not report.reachable:
        message = t("sync.unreachable", path=ctx.store_path, pending=report.pending)
        print(f"stangning: {message}", file=sys.stderr)
        return EXIT_UNHEALTHY
    return 0


def doctor(ctx: Context, args: argparse.Namespace) -> int:
    log = ctx.log
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
            text = t(f"doctor.{finding.check}", **finding.params)
            print(f"{mark}  {safe(text)}")
        print(t("doctor.healthy") if healthy(findings) else t("doctor.unhealthy"))
    return 0 if healthy(findings) else EXIT_UNHEALTHY
