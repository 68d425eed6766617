"""Where the shipped data files (checklist template, language files) are found."""

from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    """The data folder: ``tui/data`` when installed, ``data/`` beside ``tui/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data"
    if installed.is_dir():
        return installed
    return package.parent / "data"
