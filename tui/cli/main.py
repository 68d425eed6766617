"""Entry point of ``stangning``: parse, run one command, turn every refusal into one line."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from tui.cli import detach
from tui.cli.arguments import UsageError
from tui.cli.context import (
    LANG_ENV,
    Context,
    language,
    local_dir,
    prescan,
    store_dir,
    user_path,
)
from tui.cli.parser import DASHBOARD, build_parser
from tui.config import CONFIG_ENV, Config, config_path, load_config
from tui.core.case_fields import validate_date
from tui.core.errors import Failure, Refusal
from tui.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from tui.core.nagios import NagiosState, unknown_line
from tui.core.printable import escape_controls

EXIT_FAILED = 1  # an error nobody foresaw (reported in one line, never as a traceback)
EXIT_REFUSED = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as the shell reports it
NAGIOS_FLAG = "--nagios"


def _fail(message: str, code: int = EXIT_REFUSED) -> int:
    print(f"stangning: {message}", file=sys.stderr)
    return code


def _load_config(args_in: Sequence[str]) -> Config:
    option = prescan(args_in, "--config")
    chosen = option or os.environ.get(CONFIG_ENV)
    if chosen:
        user_path(chosen)  # an unknown ~user: refused before the config is looked for
    path = config_path(option)
    try:
        return load_config(path)
    except UnicodeDecodeError as error:  # TOML is UTF-8; tomllib says so with a ValueError
        raise Refusal("config.invalid", path=path, detail=error.reason) from None


def not_utf8(args_in: Sequence[str]) -> Refusal | None:
    """The refusal of the first argument (or STANGNING_* variable) that is not valid UTF-8,
    its bad bytes shown as escapes; None when all are valid. Python hands such bytes over as
    lone surrogates, which every later write (a batch, a file name, standard output) rejects."""
    for text in args_in:
        if not _utf8(text):
            return Refusal("cli.not_utf8", arg=_escaped(text))
    for name, value in os.environ.items():
        if name.startswith("STANGNING_") and not (_utf8(value) and _utf8(name)):
            return Refusal("cli.env_not_utf8", name=_escaped(name), value=_escaped(value))
    return None


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(text: str) -> str:
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def run() -> int:
    """The installed ``stangning`` command: ``main``, in a child that a hung share cannot hold."""
    detach.enable()
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    # A monitoring system reads every failure as UNKNOWN (3) on standard output.
    nagios = NAGIOS_FLAG in args_in
    try:
        config = _load_config(args_in)
        t = Translator(language(args_in, config))
    except Refusal as refusal:
        fallback = prescan(args_in, "--lang") or os.environ.get(LANG_ENV)
        t = Translator(fallback if fallback in LANGUAGES else DEFAULT_LANGUAGE)
        return _nagios_unknown(t.refusal(refusal)) if nagios else _fail(t.refusal(refusal))
    try:
        return _run(args_in, config, t, nagios)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: one line that names it, never a traceback
        message = t("error.internal", detail=f"{type(error).__name__}: {error}")
        if nagios:
            return _nagios_unknown(message)
        print(f"stangning: {message}", file=sys.stderr)
        return EXIT_FAILED


def _nagios_unknown(message: str) -> int:
    print(unknown_line(message))
    return int(NagiosState.UNKNOWN)


def _run(args_in: list[str], config: Config, t: Translator, nagios: bool) -> int:
    def refused(message: str, code: int = EXIT_REFUSED) -> int:
        return _nagios_unknown(message) if nagios else _fail(message, code)

    bad = not_utf8(args_in)
    if bad is not None:
        return refused(t.refusal(bad))
    parser = build_parser(t)
    try:
        args = parser.parse_args(args_in)
    except UsageError as error:
        # What argparse quotes back is typed text: a newline or an escape stays visible.
        return refused(t("error.usage", detail=escape_controls(error)))
    nagios = bool(getattr(args, "nagios", False))
    if not getattr(args, "func", None):
        args.func = DASHBOARD  # no subcommand: the dashboard
    ctx: Context | None = None
    code = EXIT_FAILED
    try:
        store = store_dir(args.store, config)
        ctx = Context(t, store, local_dir(args.local, store, config), config)
        ctx.read_only = bool(args.readonly)  # --readonly: the store refuses every change
        if getattr(args, "today", None):
            ctx.today = validate_date("today", args.today)
            ctx.today_given = True
        code = int(args.func(ctx, args))
    except Refusal as refusal:  # a Failure (the world, not the input) exits 1, a refusal 2
        code = refused(
            t.refusal(refusal), EXIT_FAILED if isinstance(refusal, Failure) else EXIT_REFUSED
        )
    except BrokenPipeError:
        # The reader went away (stangning status | head): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    finally:
        if ctx is not None:
            code = _finish(ctx, code, refused)
    return code


def _finish(ctx: Context, code: int, refused: Callable[[str], int]) -> int:
    """Say once that the share could not be used, save the local view, and leave without
    waiting for a share call stuck in the kernel (a hung mount): everything acknowledged is in
    the local outbox already."""
    try:
        ctx.warn_if_stale()
        ctx.close()
    except Refusal as refusal:
        code = code or refused(ctx.t.refusal(refusal))
    bounded = sys.modules.get("tui.store.bounded")  # not loaded: no share call was made
    abandoned = bounded is not None and bounded.any_abandoned()
    detach.end(code, abandoned=abandoned)
    if ctx.opened and not abandoned and code == 0:
        # The user has the prompt back (the parent has exited): now keep the share tidy. Not
        # after a refusal: refused input changes nothing, not even that.
        with contextlib.suppress(Refusal):
            ctx.tidy()
    return code
