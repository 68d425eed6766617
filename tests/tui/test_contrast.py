"""The glance in every terminal a jump host meets: what the terminal is sent, cell by cell.

The dashboard runs at 80×24 on the demo store in each colour mode, as Textual picks it from the
environment (24-bit with COLORTERM=truecolor, 256 colours with TERM=xterm-256color, 16 with
TERM=xterm, none with NO_COLOR=1). The cursor is walked over every row of the overview, a role
pane and a case's items, with the list focused and not, and each screen is read back from the
bytes the driver would write (tests/tui/terminal_cells.py), the 16 colours in xterm's palette:

- every character on every list row, the top bar and the footer reaches WCAG 4.5:1 (status
  words, countdowns, symbols and the rest), on the selected row too;
- the five statuses differ in colour, done is green, the footer's keys are not red;
- the overdue rows are the first read: overdue is the one status drawn bold on a background of
  its own, and in 256 colours the one with the highest contrast;
- without colour no colour is sent at all: the selected row is reversed (bold when the list has
  the focus), overdue is bold and underlined, to do bold, nothing on the rows is dim.

Before this design the selected row's "!! försenad" was colour 131 (#af5f5f) on the blue cursor
(#0087d7), about 1.2:1; in 16 colours overdue and to do were both bright red; with NO_COLOR the
selected overdue row was grey 240 on grey 241.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.tui.conftest import SIZE, AppFactory, StoreSetup
from tests.tui.terminal_cells import (
    Cell,
    Screen,
    columns_of,
    contrast,
    decode,
    hue,
    terminal_output,
    text_of,
)
from tui.app import StangningApp
from tui.app.look.colour_mode import ColourMode
from tui.app.look.themes import THEMES
from tui.app.widgets.row_list import RowList

ENVIRONMENTS = {
    ColourMode.TRUECOLOR: ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "truecolor"),
    ColourMode.EIGHT_BIT: ({"TERM": "xterm-256color"}, "256"),
    ColourMode.STANDARD: ({"TERM": "xterm"}, "standard"),
    ColourMode.NONE: ({"TERM": "xterm-256color", "NO_COLOR": "1"}, "256"),
}
COLOURED = [ColourMode.TRUECOLOR, ColourMode.EIGHT_BIT, ColourMode.STANDARD]

# The status words as the screens show them, and the tone each one is painted in.
STATUSES = {
    "!! försenad": "overdue",
    "!  att göra": "to do",
    "○  bevakas": "monitoring",
    "…  väntar": "waiting",
    "✓  klar": "done",
}
# (screen, keys from the overview): the overview has overdue and to-do rows with their
# countdowns; the unit pane overdue, to-do, monitored and waiting items; a case's items
# overdue, monitored, not applicable, done and waiting ones.
SCREENS = {"overview": (), "unit pane": ("2",), "case detail": ("enter",)}
BORDERS_AND_BLOCKS = (0x2500, 0x259F)  # Unicode's box drawing and block elements
SGR = re.compile(r"\x1b\[([0-9;]*)m")


@dataclass(frozen=True)
class Look:
    """One screen as the terminal shows it, with where the list's rows are."""

    mode: ColourMode
    cells: Screen
    output: str  # the bytes sent
    rows: range  # the screen lines of the list's rows (its header line not included)
    columns: range  # the screen columns of the rows (not the scrollbar)
    cursor: int  # the screen line of the selected row (-1: none shown)
    focused: bool

    def line(self, y: int) -> str:
        return text_of(self.cells[y])

    def statuses(self) -> list[tuple[str, int, list[Cell]]]:
        """(status word, screen line, its cells) for each status word on the list's rows."""
        found = []
        for y in self.rows:
            row = self.cells[y]
            text, columns = text_of(row), columns_of(row)
            for word in STATUSES:
                at = text.find(word)
                if at >= 0:
                    found.append((word, y, [row[columns[i]] for i in range(at, at + len(word))]))
        return found


@pytest.fixture
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> ColourMode:
    """The terminal's environment for one colour mode, read by the app when it is made."""
    colour_mode: ColourMode = request.param
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in ENVIRONMENTS[colour_mode][0].items():
        monkeypatch.setenv(name, value)
    return colour_mode


def started(app_for: AppFactory, demo_store: StoreSetup, mode: ColourMode) -> StangningApp:
    app = app_for(demo_store, display_name="Anna Admin")
    assert app.console.color_system == ENVIRONMENTS[mode][1], "Textual read another terminal"
    assert app.colour_mode is mode
    return app


def look(app: StangningApp) -> Look:
    output = terminal_output(app)
    cells = decode(output, *SIZE)
    rows = app.screen.query_one(RowList)
    top = rows.region.y + 1  # the header line comes first
    shown = rows.region.height - 1
    index = rows.cursor - round(rows.scroll_offset.y)
    cursor = top + index if rows.cursor >= 0 and 0 <= index < shown else -1
    content = rows.scrollable_content_region
    return Look(
        app.colour_mode,
        cells,
        output,
        range(top, top + shown),
        range(content.x, content.x + content.width),
        cursor,
        rows.has_focus,
    )


async def walk(app: StangningApp, pilot: object, keys: tuple[str, ...]) -> list[Look]:
    """The screen with the cursor on each row in turn, the list focused and then not (as when
    the filter or another part of the screen has the focus)."""
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
    await pilot.press("home")  # type: ignore[attr-defined]
    rows = app.screen.query_one(RowList)
    looks: list[Look] = []
    for _ in rows.rows:
        await pilot.pause()  # type: ignore[attr-defined]
        looks.append(look(app))
        app.screen.set_focus(None)
        await pilot.pause()  # type: ignore[attr-defined]
        looks.append(look(app))
        rows.focus()
        before = rows.cursor
        await pilot.press("j")  # type: ignore[attr-defined]
        if rows.cursor == before:
            break
    return looks


def is_text(char: str) -> bool:
    """A character that is read: not a space, a border or a scrollbar's block."""
    return bool(char.strip()) and not BORDERS_AND_BLOCKS[0] <= ord(char) <= BORDERS_AND_BLOCKS[1]


def low_contrast(look: Look) -> list[str]:
    """Every character on the list's rows, the top bar and the footer below 4.5:1."""
    lines = [0, *look.rows, SIZE[1] - 1]
    found = []
    for y in lines:
        for x, cell in enumerate(look.cells[y]):
            if is_text(cell.char) and contrast(cell) < 4.5:
                where = "selected" if y == look.cursor else "row"
                found.append(
                    f"{where} {y} {look.line(y).strip()[:40]!r}: {cell.char!r} at {x} "
                    f"{contrast(cell):.1f}:1 ({cell.shown_fg} on {cell.shown_bg}, "
                    f"focused={look.focused})"
                )
    return found


@pytest.mark.parametrize("mode", COLOURED, indirect=True, ids=lambda mode: mode.value)
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_character_on_every_row_reaches_4_5_to_1(
    screen: str, mode: ColourMode, app_for: AppFactory, demo_store: StoreSetup
) -> None:
    app = started(app_for, demo_store, mode)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        looks = await walk(app, pilot, SCREENS[screen])
    assert len(looks) >= 8  # the cursor went over the rows, focused and not
    problems = [problem for each in looks for problem in low_contrast(each)]
    assert not problems, "\n".join(problems[:12])
    # the status words were there to be read, on the selected row too
    selected = {word for each in looks for word, y, _ in each.statuses() if y == each.cursor}
    shown = {word for each in looks for word, _, _ in each.statuses()}
    assert selected == shown
    expected = {
        "overview": {"!! försenad", "!  att göra"},
        "unit pane": set(),  # its rows show the symbols (checked with the rest of the row)
        "case detail": {"!! försenad", "○  bevakas", "…  väntar", "✓  klar"},
    }[screen]
    assert expected <= shown


async def first_look(app: StangningApp, keys: tuple[str, ...]) -> list[Look]:
    """The overview and a case's items, the cursor on the first row (overdue)."""
    looks = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        looks.append(look(app))
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        looks.append(look(app))
    return looks


def unselected(looks: list[Look]) -> dict[str, list[Cell]]:
    """The cells of each status word on rows that are not selected, by status."""
    cells: dict[str, list[Cell]] = {}
    for each in looks:
        for word, y, found in each.statuses():
            if y != each.cursor:
                cells.setdefault(STATUSES[word], []).extend(found)
    return cells


def glyphs(cells: list[Cell]) -> list[Cell]:
    return [cell for cell in cells if is_text(cell.char)]


@pytest.mark.parametrize("mode", COLOURED, indirect=True, ids=lambda mode: mode.value)
async def test_the_statuses_differ_in_colour_and_done_is_green(
    mode: ColourMode, app_for: AppFactory, demo_store: StoreSetup
) -> None:
    looks = await first_look(started(app_for, demo_store, mode), ("enter",))
    colours = {
        status: {(cell.shown_fg, cell.shown_bg) for cell in glyphs(cells)}
        for status, cells in unselected(looks).items()
    }
    assert set(colours) == set(STATUSES.values())
    for status, painted in colours.items():
        assert len(painted) == 1, f"{status} is painted in more than one colour: {painted}"
    tones = [next(iter(painted)) for painted in colours.values()]
    assert len(set(tones)) == len(tones), colours  # five statuses, five colours
    done_hue, done_saturation = hue(next(iter(colours["done"]))[0])
    assert 80 <= done_hue <= 160 and done_saturation > 0.4  # green
    footer = looks[0].cells[SIZE[1] - 1]
    keys = [cell for cell in footer if cell.bold and is_text(cell.char)]
    assert {"s", "p", "c", "q", "?"} <= {cell.char for cell in keys}  # "space Klar" …
    for cell in keys:
        key_hue, saturation = hue(cell.shown_fg)
        assert saturation < 0.4 or 25 < key_hue < 335, f"footer key {cell.char!r} is red"
    if mode is ColourMode.STANDARD:  # the terminal's 16 colours only: no 256 or 24-bit codes
        assert "38;5;" not in looks[0].output and "38;2;" not in looks[0].output
    if mode is ColourMode.EIGHT_BIT:
        assert "38;2;" not in looks[0].output and "48;2;" not in looks[0].output


@pytest.mark.parametrize("mode", COLOURED, indirect=True, ids=lambda mode: mode.value)
async def test_the_overdue_rows_are_the_first_read(
    mode: ColourMode, app_for: AppFactory, demo_store: StoreSetup
) -> None:
    looks = await first_look(started(app_for, demo_store, mode), ("enter",))
    row_background = {each.cells[y][0].shown_bg for each in looks for y in each.rows}
    badges = {}
    for status, cells in unselected(looks).items():
        shown = glyphs(cells)
        badges[status] = all(cell.bold for cell in shown) and all(
            cell.shown_bg not in row_background for cell in shown
        )
    assert badges.pop("overdue"), "overdue is bold on a background of its own"
    assert not any(badges.values()), badges
    if mode is not ColourMode.STANDARD:  # 16 colours have no red as bright as their yellow
        cells = unselected(looks)
        weakest_overdue = min(contrast(cell) for cell in glyphs(cells.pop("overdue")))
        strongest_other = max(contrast(cell) for found in cells.values() for cell in glyphs(found))
        assert weakest_overdue > strongest_other


def colour_codes(output: str) -> list[str]:
    """The SGR parameters that set a colour (39 and 49, the terminal's own, are not one)."""
    found = []
    for match in SGR.finditer(output):
        codes = match.group(1).split(";")
        for code in codes:
            number = int(code or 0)
            if (30 <= number <= 48 or 90 <= number <= 107) and number not in (39, 49):
                found.append(match.group(0))
    return found


@pytest.mark.parametrize("mode", [ColourMode.NONE], indirect=True, ids=["none"])
@pytest.mark.parametrize("screen", ["overview", "case detail"])
async def test_without_colour_reverse_bold_and_underline_do_the_work(
    screen: str, mode: ColourMode, app_for: AppFactory, demo_store: StoreSetup
) -> None:
    app = started(app_for, demo_store, mode)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        looks = await walk(app, pilot, SCREENS[screen])
    assert len(looks) >= 8
    for each in looks:
        assert not colour_codes(each.output), "a colour was sent"
        assert each.cursor in each.rows
        for y in each.rows:
            cells = [each.cells[y][x] for x in each.columns if each.cells[y][x].char]
            reversed_cells = [cell.reverse for cell in cells]
            if y == each.cursor:
                assert all(reversed_cells), f"the selected row {each.line(y)!r} is reversed"
                assert all(cell.bold for cell in cells) == each.focused
            else:
                assert not any(reversed_cells), each.line(y)
            assert not any(cell.dim for cell in cells), f"{each.line(y)!r} is dim"
        for word, _, cells in each.statuses():
            shown = glyphs(cells)
            if STATUSES[word] == "overdue":
                assert all(cell.bold and cell.underline for cell in shown), word
            else:
                assert not any(cell.underline for cell in shown), word
            if STATUSES[word] == "to do":
                assert all(cell.bold for cell in shown), word
    seen = {word for each in looks for word, _, _ in each.statuses()}
    assert "!! försenad" in seen


@pytest.mark.parametrize(
    ("terminal", "picked"),
    [
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, ColourMode.TRUECOLOR),
        ({"TERM": "xterm", "COLORTERM": "24bit"}, ColourMode.TRUECOLOR),
        ({"TERM": "tmux-256color"}, ColourMode.EIGHT_BIT),
        ({"TERM": "xterm"}, ColourMode.STANDARD),
        ({"TERM": "screen"}, ColourMode.STANDARD),
        ({"TERM": "vt100"}, ColourMode.STANDARD),
        ({"TERM": "dumb"}, ColourMode.NONE),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": ""}, ColourMode.NONE),
    ],
)
def test_the_terminal_picks_the_look(
    terminal: dict[str, str],
    picked: ColourMode,
    app_for: AppFactory,
    empty_store: StoreSetup,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a jump host's terminal says (over SSH: TERM, seldom COLORTERM) is what the app
    paints for; NO_COLOR set to anything, even nothing, means no colour (Textual's reading)."""
    for name in ("COLORTERM", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in terminal.items():
        monkeypatch.setenv(name, value)
    app = app_for(empty_store)
    assert app.colour_mode is picked
    assert app.theme == THEMES[picked].name
