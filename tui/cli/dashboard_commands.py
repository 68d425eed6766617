"""``stangning`` without a subcommand opens the dashboard; ``stangning demo [--out DIR]`` opens
it on a store of demo closures. Textual is imported only here, inside the functions, so the
other commands never load it."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.context import Context, user_path
from tui.cli.ending_signals import exit_code, leaving_cleanly, run_until_quit
from tui.core.dates import today_in_stockholm
from tui.core.errors import Refusal

if TYPE_CHECKING:
    from tui.store.case_store import CaseStore

DEMO_STORE = "store"
DEMO_WRITERS = "demo-writers"  # the demo people's own local folders
DEMO_LOCAL = "local"  # the local folder of whoever opens the demo


def require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise Refusal("app.no_terminal")
    from tui.cli import detach

    detach.disable()  # the dashboard's share calls run in threads of its own


# How long a lone escape byte waits for the rest of a key's sequence, in ms, unless the user's
# ESCDELAY says otherwise (ncurses' variable, which Textual reads when it is imported). Textual's
# 100 ms is most of a keypress's budget; over SSH a key's bytes arrive together, and tmux 3.5
# went down to 10 ms for the same reason.
ESCAPE_DELAY_MS = "25"


def open_dashboard(
    ctx: Context, args: argparse.Namespace, opener: Callable[[], CaseStore] | None = None
) -> int:
    """Run the dashboard on the context's store until the user quits. The app is made before
    the terminal is asked for: a wrong keymap in the settings is refused first, anywhere.
    ``opener``: how the store is opened, in the app's opening thread while the first frame
    shows (the demo builds its store there first); default: the context's."""
    os.environ.setdefault("ESCDELAY", ESCAPE_DELAY_MS)
    from tui.app import make_app  # Textual is loaded here and only here

    frozen = ctx.today
    today = (lambda: frozen) if getattr(args, "today", None) else today_in_stockholm

    def open_store() -> CaseStore:  # called by the app in a background thread
        return ctx.store

    from tui.app.screens.panes import PANES

    app = make_app(
        opener or open_store,
        ctx.config,
        ctx.t,
        today=today,
        read_only=ctx.read_only,
        pane=PANES[args.pane - 1] if getattr(args, "pane", None) else None,
        filter_text=getattr(args, "filter", None) or "",
    )
    require_terminal()
    ended_by = run_until_quit(app)
    if app.failure is not None:
        raise app.failure
    return 0 if ended_by is None else exit_code(ended_by)


@contextmanager
def demo_folder(out: str | None) -> Iterator[Path]:
    """The folder to keep the demo in: ``out``, or a temporary one removed afterwards."""
    if out:
        yield user_path(out).absolute()
        return
    with tempfile.TemporaryDirectory(prefix="stangning-demo-") as folder:
        yield Path(folder)


class DemoBuild:
    """The demo's store, built and opened in the dashboard's opening thread (the first frame
    shows meanwhile); ``wait`` returns once that is over (or never began), so the folder is
    neither removed nor kept half built."""

    def __init__(self, ctx: Context, folder: Path, today: dt.date) -> None:
        self.ctx, self.folder, self.today = ctx, folder, today
        self._done = threading.Event()
        self._started = False

    def open(self) -> CaseStore:
        from tui.demo import build_demo

        self._started = True
        try:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                build_demo(self.folder / DEMO_STORE, self.folder / DEMO_WRITERS, self.today)
            except OSError as error:
                detail = error.strerror
                raise Refusal("output.unwritable", path=self.folder, detail=detail) from None
            return self.ctx.store
        finally:
            self._done.set()

    def wait(self) -> None:
        if self._started:
            self._done.wait(timeout=60)


def demo(ctx: Context, args: argparse.Namespace) -> int:
    require_terminal()  # before anything is built: a refusal leaves nothing behind
    with leaving_cleanly(), demo_folder(args.out) as folder:
        store = folder / DEMO_STORE
        demo_ctx = Context(
            ctx.t, store, folder / DEMO_LOCAL, ctx.config, today=ctx.today, read_only=ctx.read_only
        )
        build = None
        if not store.exists():
            if args.out and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
                raise Refusal("app.demo_folder_used", path=folder)
            build = DemoBuild(demo_ctx, folder, ctx.today)
        try:
            # Built while the dashboard's first frame shows ("läser in…"), not before it.
            code = open_dashboard(demo_ctx, args, build.open if build else None)
        finally:
            if build is not None:
                build.wait()  # not removed, nor kept, half built
            demo_ctx.close()
    if code:
        return code  # ended by a signal: the temporary folder is gone as on a quit
    if args.out:
        command = f"stangning --store {store} --local {folder / DEMO_LOCAL}"
        print(ctx.t("app.cli.demo_kept", path=folder, command=command))
    return 0
