"""Files the dashboard saves for the user (key r: the closure report; the mailbox message's
save): where to, and written whole or not at all. No Textual here: the screens ask for the path
and tell the result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.core.i18n import Translator
from tui.store.files import write_atomic


def default_report_path(case_id: str, today: dt.date, t: Translator, folder: Path) -> Path:
    """ "stangning-rapport-n8n4p2-2026-11-25.md" in ``folder``: a new name each day, so an
    earlier report of the case is not replaced."""
    return folder / t("app.report.file_name", case_id=case_id, date=today.isoformat())


def save_target(typed: str, default: Path) -> Path:
    """Where to write: the path typed (``~`` expanded, relative to the current folder), the
    default name inside it when it is a folder, the default when nothing was typed."""
    if not typed.strip():
        return default
    path = Path(typed.strip()).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    return path / default.name if path.is_dir() else path


def save_text(path: Path, text: str) -> None:
    """Write through a temporary file renamed into place: a failure (a folder that does not
    exist or cannot be written) raises OSError and leaves nothing behind."""
    write_atomic(path, text.encode("utf-8"))
