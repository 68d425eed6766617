"""``stangning done|check|undo|na CASE ITEM``: one item of one case, through the rules."""

from __future__ import annotations

import argparse

from tui.cli.context import Context
from tui.core import actions


def done(ctx: Context, args: argparse.Namespace) -> int:
    view = ctx.view(args.case)
    changes = actions.mark_done(
        view,
        ctx.template,
        args.item,
        actor=ctx.actor,
        now=ctx.now(),
        today=ctx.today,
        note=args.note,
    )
    ctx.record(changes)
    print(ctx.t("cli.out.done", item=args.item))
    return 0


def check(ctx: Context, args: argparse.Namespace) -> int:
    view = ctx.view(args.case)
    changes = actions.record_check(
        view,
        ctx.template,
        args.item,
        actor=ctx.actor,
        now=ctx.now(),
        today=ctx.today,
        note=args.note,
    )
    ctx.record(changes)
    print(ctx.t("cli.out.checked", item=args.item))
    return 0


def undo(ctx: Context, args: argparse.Namespace) -> int:
    view = ctx.view(args.case)
    ctx.record(actions.undo(view, ctx.template, args.item, actor=ctx.actor, now=ctx.now()))
    print(ctx.t("cli.out.undone", item=args.item))
    return 0


def not_applicable(ctx: Context, args: argparse.Namespace) -> int:
    view = ctx.view(args.case)
    changes = actions.mark_not_applicable(
        view, ctx.template, args.item, actor=ctx.actor, now=ctx.now(), reason=args.reason
    )
    ctx.record(changes)
    print(ctx.t("cli.out.not_applicable", item=args.item))
    return 0
