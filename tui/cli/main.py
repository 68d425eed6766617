"""Entry point of ``stangning``: parse, run one command, turn every refusal into one line."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui.cli.context import Context, language, local_dir, store_dir
from tui.cli.parser import UsageError, build_parser
from tui.core.case_fields import validate_date
from tui.core.errors import Refusal
from tui.core.i18n import DEFAULT_LANGUAGE, Translator

EXIT_REFUSED = 2


def _fail(message: str) -> int:
    print(f"stangning: {message}", file=sys.stderr)
    return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        t = Translator(language(args_in))
    except Refusal as refusal:
        return _fail(Translator(DEFAULT_LANGUAGE).refusal(refusal))
    parser = build_parser(t)
    try:
        args = parser.parse_args(args_in)
    except UsageError as error:
        return _fail(t("error.usage", detail=error))
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    store = store_dir(args.store)
    ctx = Context(t=t, store_path=store, local_path=local_dir(args.local, store))
    try:
        if getattr(args, "today", None):
            ctx.today = validate_date("today", args.today)
        return int(args.func(ctx, args))
    except Refusal as refusal:
        return _fail(t.refusal(refusal))
    finally:
        ctx.close()
