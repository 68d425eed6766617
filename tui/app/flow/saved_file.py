"""Files the dashboard saves for the user (key r: the closure report; the mailbox message, as
text or as an e-mail file): where to, and written whole or not at all. No Textual here: the
screens ask for the path and tell the result."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from tui.core.i18n import Translator
from tui.export.output_file import write_file


def default_report_path(case_id: str, today: dt.date, t: Translator, folder: Path) -> Path:
    """ "stangning-rapport-n8n4p2-2026-11-25.md" in ``folder``: a new name each day, so an
    earlier report of the case is not replaced."""
    return folder / t("app.report.file_name", case_id=case_id, date=today.isoformat())


def save_target(typed: str, default: Path) -> Path:
    """Where to write: the path typed (``~`` expanded, relative to the current folder), the
    default name inside it when it is a folder, the default when nothing was typed."""
    if not typed.strip():
        return default
    path = Path(typed.strip())
    with contextlib.suppress(RuntimeError):  # an unknown ~user: kept, refused when written
        path = path.expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    return path / default.name if path.is_dir() else path


def save_text(path: Path, text: str) -> None:
    """Write as ``-o FILE`` does (tui.export.output_file: through symlinks, keeping an existing
    file's mode, whole or not at all): a failure (a folder that does not exist or cannot be
    written, a device or a folder as target) raises OSError and leaves nothing behind."""
    save_bytes(path, text.encode("utf-8"))


def save_bytes(path: Path, data: bytes) -> None:
    """As ``save_text``, for content already encoded (the mailbox message's .eml file)."""
    write_file(path, data)
