"""Entry point of ``stangning``: parse, run one command, turn every refusal into one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tui.cli.arguments import UsageError
from tui.cli.context import LANG_ENV, Context, language, local_dir, prescan, store_dir
from tui.cli.parser import DASHBOARD, build_parser
from tui.config import config_path, load_config
from tui.core.case_fields import validate_date
from tui.core.errors import Refusal
from tui.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator

EXIT_REFUSED = 2


def _fail(message: str) -> int:
    print(f"stangning: {message}", file=sys.stderr)
    return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        config = load_config(config_path(prescan(args_in, "--config")))
        t = Translator(language(args_in, config))
    except Refusal as refusal:
        fallback = prescan(args_in, "--lang") or os.environ.get(LANG_ENV)
        t = Translator(fallback if fallback in LANGUAGES else DEFAULT_LANGUAGE)
        return _fail(t.refusal(refusal))
    parser = build_parser(t)
    try:
        args = parser.parse_args(args_in)
    except UsageError as error:
        return _fail(t("error.usage", detail=error))
    if not getattr(args, "func", None):
        args.func = DASHBOARD  # no subcommand: the dashboard
    store = store_dir(args.store, config)
    ctx = Context(t, store, local_dir(args.local, store, config), config)
    code = _run(ctx, args, t)
    try:
        ctx.warn_if_stale()
        ctx.close()
    except Refusal as refusal:
        code = code or _fail(t.refusal(refusal))
    if ctx.opened and ctx.log.abandoned:
        # A share call is stuck in the kernel (a hung mount): the process must not wait for it
        # at exit. Everything acknowledged is in the local outbox already.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run(ctx: Context, args: argparse.Namespace, t: Translator) -> int:
    try:
        if getattr(args, "today", None):
            ctx.today = validate_date("today", args.today)
            ctx.today_given = True
        return int(args.func(ctx, args))
    except Refusal as refusal:
        return _fail(t.refusal(refusal))
    except BrokenPipeError:
        # The reader went away (stangning status | head): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
