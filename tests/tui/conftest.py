"""Pilot tests of the dashboard: a real store in tmp_path, a frozen clock, 80×24.

``demo_store`` copies a demo store (built once per session for 2026-11-25) for each test;
``empty_store`` is a new one. ``screen_text(app)`` is what the terminal shows, as plain text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App

from tui.app import StangningApp, make_app
from tui.config import Config
from tui.core.i18n import Translator
from tui.demo import build_demo
from tui.store.case_store import CaseStore
from tui.store.shared_log import SharedDriveLog

TODAY = dt.date(2026, 11, 25)
SIZE = (80, 24)


@dataclass
class Clock:
    """The frozen "today" handed to the app; a test may move it."""

    day: dt.date = TODAY

    def __call__(self) -> dt.date:
        return self.day

    def now(self) -> str:
        """A moment on the frozen day (noon, Stockholm winter time), as the app records it."""
        return f"{self.day.isoformat()}T12:00:00+01:00"


@dataclass
class StoreSetup:
    share: Path
    local: Path
    store: CaseStore

    def other_writer(self, name: str = "other") -> CaseStore:
        """A second user on another host: its own local folder, the same share."""
        return CaseStore(SharedDriveLog(self.share, self.local.parent / name, create=True))


def open_store(base: Path) -> StoreSetup:
    share, local = base / "store", base / "local"
    return StoreSetup(share, local, CaseStore(SharedDriveLog(share, local, create=True)))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("demo")
    build_demo(base / "store", base / "writers", TODAY)
    return base / "store"


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> StoreSetup:
    shutil.copytree(demo_template, tmp_path / "store")
    return open_store(tmp_path)


@pytest.fixture
def empty_store(tmp_path: Path) -> StoreSetup:
    return open_store(tmp_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


AppFactory = Callable[..., StangningApp]


@pytest.fixture
def app_for(clock: Clock) -> AppFactory:
    def build(
        setup: StoreSetup, *, lang: str = "sv", poll: bool = False, **config: object
    ) -> StangningApp:
        settings = Config(poll_seconds=0.05, **config)  # type: ignore[arg-type]
        app = make_app(
            setup.store, settings, Translator(lang), today=clock, now=clock.now, poll=poll
        )
        return record_notices(app)

    return build


# A text in the screenshot's SVG (Rich's export): its column (x), its line, the characters.
SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>'
)
SVG_CELL_WIDTH = 12.2  # Rich's SVG: 20 px lines, a cell 0.61 of that


def screen_text(app: App[Any]) -> str:
    """Every line the terminal shows, as plain text: read from the screenshot Textual exports
    (``App.export_screenshot``, public), so that a test sees what the user sees."""
    lines: dict[int, list[tuple[float, str]]] = {}
    for match in SVG_TEXT.finditer(app.export_screenshot()):
        text = html.unescape(match.group(3)).replace("\xa0", " ")
        lines.setdefault(int(match.group(2)), []).append((float(match.group(1)), text))
    height = app.size.height
    shown = []
    for number in range(height):
        line = ""
        for x, text in sorted(lines.get(number, [])):
            column = round(x / SVG_CELL_WIDTH)
            line += " " * max(0, column - cell_len(line)) + text
        shown.append(line.ljust(app.size.width))
    return "\n".join(shown)


# What each app was told to notify, by the app (see ``record_notices``).
_NOTICES: weakref.WeakKeyDictionary[App[Any], list[str]] = weakref.WeakKeyDictionary()


def record_notices(app: StangningApp) -> StangningApp:
    """Keep the text of every notification the app shows (through its public ``notify``)."""
    sent: list[str] = []
    real = app.notify

    def notify(message: str, **options: Any) -> None:
        sent.append(str(message))
        real(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    _NOTICES[app] = sent
    return app


def notices(app: StangningApp) -> list[str]:
    """The texts of the notifications the app has shown, oldest first."""
    return list(_NOTICES.get(app, []))


def case_id_of(setup: StoreSetup, unit: str) -> str:
    return next(case.case_id for case in setup.store.cases() if case.unit == unit)


async def until(pilot: object, condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Let the app run (in steps of 50 ms, at most ``seconds``) until ``condition`` holds."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    return condition()


async def select_row(pilot: object, app: StangningApp, key: str) -> bool:
    """Move the cursor to the row ``key`` as a user does: home, then down row by row."""
    from tui.app.widgets.row_list import RowList

    rows = app.screen.query_one(RowList)
    await pilot.press("home")  # type: ignore[attr-defined]
    for _ in range(len(rows.rows)):
        if rows.selected_key == key:
            return True
        await pilot.press("j")  # type: ignore[attr-defined]
    return rows.selected_key == key


def flat_text(app: StangningApp) -> str:
    """The screen as one line: borders gone, runs of spaces one (for text that wraps)."""
    text = screen_text(app)
    for border in "│╭╮╰╯─▏▕":
        text = text.replace(border, " ")
    return " ".join(text.split())
