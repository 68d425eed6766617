"""Render the dashboard's panes, a case and the help from the demo store into SVG files here.

    python screenshots/make_screenshots.py

The store is the demo (tui/demo.py) as it stands on a fixed day, 2026-11-25, at 100×30, in
Swedish; rerun this whenever the UI changes and commit the SVGs with it. The overview is also
shot as a 16-colour terminal (TERM=xterm) and one with NO_COLOR=1 show it; the others in 256
colours (TERM=xterm-256color). The app reads the terminal when it is made (see
tui/app/look/colour_mode.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import tempfile
from pathlib import Path

TODAY = dt.date(2026, 11, 25)
SIZE = (100, 30)
HERE = Path(__file__).resolve().parent
CASE_SHOWN = "Barnavårdscentralen Ängen"

COLOUR = {"TERM": "xterm-256color"}
SIXTEEN = {"TERM": "xterm"}
NO_COLOUR = {"TERM": "xterm-256color", "NO_COLOR": "1"}
TERMINAL = ("TERM", "COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM")

# (file name, keys pressed from the overview, the terminal)
SHOTS = (
    ("overview.svg", (), COLOUR),
    ("overview-16.svg", (), SIXTEEN),
    ("overview-nocolor.svg", (), NO_COLOUR),
    ("pane-unit.svg", ("2",), COLOUR),
    ("pane-caregiver-admin.svg", ("3",), COLOUR),
    ("pane-ek-hsa.svg", ("4",), COLOUR),
    ("case-detail.svg", ("enter",), COLOUR),
    ("help.svg", ("question_mark",), COLOUR),
)


def as_terminal(environment: dict[str, str]) -> None:
    """The environment of a terminal that sets ``environment`` (and no other colour hint)."""
    for name in TERMINAL:
        os.environ.pop(name, None)
    os.environ.update(environment)


async def shoot(base: Path, name: str, keys: tuple[str, ...], terminal: dict[str, str]) -> None:
    from tui.app import make_app
    from tui.config import Config
    from tui.core.i18n import Translator
    from tui.store.case_store import CaseStore
    from tui.store.shared_log import SharedDriveLog

    store = CaseStore(SharedDriveLog(base / "store", base / f"local-{name}"))
    config = Config(display_name="Anna Andersson")
    as_terminal(terminal)
    app = make_app(store, config, Translator("sv"), today=lambda: TODAY, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if "enter" in keys:  # down the list to the case shown, as a user goes
            case_id = next(case.case_id for case in store.cases() if case.unit == CASE_SHOWN)
            rows = app.screen.query_one("#cases")
            for _ in rows.rows:  # type: ignore[attr-defined]
                if rows.selected_key == case_id:  # type: ignore[attr-defined]
                    break
                await pilot.press("j")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        app.save_screenshot(filename=name, path=str(HERE))
    print(HERE / name)


async def main() -> None:
    from tui.demo import build_demo

    with tempfile.TemporaryDirectory(prefix="stangning-shots-") as folder:
        base = Path(folder)
        build_demo(base / "store", base / "writers", TODAY)
        for name, keys, terminal in SHOTS:
            await shoot(base, name, keys, terminal)


if __name__ == "__main__":
    asyncio.run(main())
