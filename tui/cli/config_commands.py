"""``stangning config init|path|show``."""

from __future__ import annotations

import argparse

from tui.cli.context import Context
from tui.config import commented_default, config_path
from tui.core.errors import Refusal
from tui.store.files import PRIVATE_DIR_MODE, make_dirs, write_atomic


def init(ctx: Context, args: argparse.Namespace) -> int:
    path = config_path(args.config)  # ~user checked by main before the config was read
    if path.exists() and not args.force:
        raise Refusal("config.exists", path=path)
    try:
        make_dirs(path.parent, PRIVATE_DIR_MODE, parent_mode=PRIVATE_DIR_MODE)  # as XDG asks
        write_atomic(path, commented_default(ctx.t).encode())
    except OSError as error:
        raise Refusal("config.unwritable", path=path, detail=error) from None
    print(ctx.t("cli.out.config_written", path=path))
    return 0


def show_path(ctx: Context, args: argparse.Namespace) -> int:
    print(config_path(args.config))
    return 0


def show(ctx: Context, args: argparse.Namespace) -> int:
    print(ctx.config.to_toml(), end="")
    return 0
