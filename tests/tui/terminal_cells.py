"""What the terminal shows, cell by cell: the bytes Textual's driver would write to repaint the
whole screen, decoded again as a terminal does, with the colours the terminal would paint.

Textual paints in three steps, and the bytes are taken after all three:
1. each widget's lines pass the app's line filters (``App.get_line_filters``: without colour,
   every colour becomes the terminal's default);
2. the compositor joins them into one strip per line of the screen;
3. the driver turns the strips into escape codes with ``Strip.render(app.console)``, which
   brings each colour down to the console's colour system (24-bit, 256 or 16 colours), as
   Rich read it from TERM, COLORTERM and TEXTUAL_COLOR_SYSTEM.

``terminal_output`` is the one place that reaches into Textual's private parts for step 2 (the
screen's compositor, ``App._background_screens``) and does step 3 as App._display does for a
full update. A Textual upgrade that moves them fails here.

The 16 ANSI colours are painted with xterm's standard palette (the colours ``xterm`` itself
starts with), the 256-colour cube and grey ramp with xterm's values.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass, replace
from typing import Any

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS
from rich.control import Control
from textual.strip import Strip

# xterm's default palette for the 16 ANSI colours (XTerm-col.ad; also pyte's and Rich's).
XTERM_16 = (
    (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
)  # fmt: skip
CUBE = (0, 95, 135, 175, 215, 255)

Colour = tuple[str, tuple[int, ...]]  # ("default", ()), ("ansi", (n,)), ("256", (n,)), ("rgb", …)
DEFAULT: Colour = ("default", ())


@dataclass(frozen=True)
class Cell:
    char: str = " "
    fg: Colour = DEFAULT
    bg: Colour = DEFAULT
    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: bool = False
    reverse: bool = False

    @property
    def shown_fg(self) -> Colour:
        """The colour the glyph is drawn in (reverse video swaps the two)."""
        return self.bg if self.reverse else self.fg

    @property
    def shown_bg(self) -> Colour:
        return self.fg if self.reverse else self.bg


Screen = list[list[Cell]]


def terminal_output(app: Any) -> str:
    """The escape codes and text the driver writes for a full repaint of the app's screen:
    ``LayoutUpdate.render_segments(app.console)``, each segment's style through
    ``Strip.render_ansi`` for the console's colour system, as ``Strip.render_style`` does.
    What Textual and Rich keep of an earlier rendering is left out: a strip's own cache, and
    a style's ``_ansi`` (styles are shared: ``Style.__add__`` is cached), both made for the
    colour system of whichever app rendered them first. A test process runs apps in several
    colour systems, a terminal runs one. (Links are left out: the dashboard shows none.)"""
    compositor = app.screen._compositor
    update = compositor.render_update(full=True, screen_stack=app._background_screens)
    system = COLOR_SYSTEMS.get(app.console.color_system or "", ColorSystem.TRUECOLOR)
    sequences = []
    for y, line in enumerate(update.strips, update.region.y):
        sequences.append(Control.move_to(update.region.x, y).segment.text)
        for strip in line:
            for text, style, _control in strip:
                ansi = Strip.render_ansi(style, system) if style is not None else ""
                sequences.append(f"\x1b[{ansi}m{text}\x1b[0m" if ansi else text)
        sequences.append("\n")
    return "".join(sequences)


ESCAPE = re.compile(r"\x1b\[([0-9;]*)([A-Za-z])|\x1b\][^\x1b\x07]*(?:\x1b\\|\x07)")


def decode(output: str, width: int, height: int) -> Screen:
    """The screen a terminal shows after ``output``: SGR attributes and colours, cursor moves."""
    screen = [[Cell() for _ in range(width)] for _ in range(height)]
    pen, x, y = Cell(), 0, 0
    at = 0
    for match in ESCAPE.finditer(output):
        x, y = _put(screen, output[at : match.start()], pen, x, y)
        at = match.end()
        params, command = match.group(1), match.group(2)
        if command == "m":
            pen = _sgr(pen, params or "0")
        elif command == "H":
            row, _, column = (params or "1;1").partition(";")
            y, x = int(row or 1) - 1, int(column or 1) - 1
    _put(screen, output[at:], pen, x, y)
    return screen


def _put(screen: Screen, text: str, pen: Cell, x: int, y: int) -> tuple[int, int]:
    for char in text:
        if char == "\n":
            x, y = 0, y + 1
            continue
        size = get_character_cell_size(char)
        if 0 <= y < len(screen) and 0 <= x < len(screen[y]):
            screen[y][x] = replace(pen, char=char)
            for extra in range(1, size):
                if x + extra < len(screen[y]):
                    screen[y][x + extra] = replace(pen, char="")
        x += size
    return x, y


def _sgr(pen: Cell, params: str) -> Cell:
    codes = [int(code or 0) for code in params.split(";")]
    index = 0
    while index < len(codes):
        code = codes[index]
        index += 1
        if code == 0:
            pen = Cell()
        elif code in SET:
            pen = replace(pen, **{SET[code]: True})
        elif code in UNSET:
            pen = replace(pen, **dict.fromkeys(UNSET[code], False))
        elif 30 <= code <= 37 or 90 <= code <= 97:
            pen = replace(pen, fg=("ansi", (code - 30 if code < 90 else code - 82,)))
        elif 40 <= code <= 47 or 100 <= code <= 107:
            pen = replace(pen, bg=("ansi", (code - 40 if code < 100 else code - 92,)))
        elif code in (39, 49):
            pen = replace(pen, **{"fg" if code == 39 else "bg": DEFAULT})
        elif code in (38, 48):
            if codes[index] == 5:
                colour: Colour = ("256", (codes[index + 1],))
                index += 2
            else:
                colour = ("rgb", tuple(codes[index + 1 : index + 4]))
                index += 4
            pen = replace(pen, **{"fg" if code == 38 else "bg": colour})
    return pen


SET = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 7: "reverse"}
UNSET = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 27: ("reverse",)}


# --- colours as light -------------------------------------------------------------------------


def rgb(colour: Colour) -> tuple[int, int, int]:
    """The colour xterm paints; the terminal's default colours have no known value."""
    kind, value = colour
    if kind == "rgb":
        return value[0], value[1], value[2]
    if kind == "default":
        raise ValueError("the terminal's default colour: its contrast is unknown")
    number = value[0]
    if number < 16:
        return XTERM_16[number]
    if number >= 232:
        grey = 8 + 10 * (number - 232)
        return grey, grey, grey
    number -= 16
    return CUBE[number // 36], CUBE[number // 6 % 6], CUBE[number % 6]


def luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(cell: Cell) -> float:
    """WCAG 2 contrast ratio of the glyph against its background, 1 to 21."""
    lighter, darker = sorted((luminance(cell.shown_fg), luminance(cell.shown_bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def hue(colour: Colour) -> tuple[float, float]:
    """Hue in degrees and saturation (HSV) of the colour as painted."""
    h, s, _v = colorsys.rgb_to_hsv(*(channel / 255 for channel in rgb(colour)))
    return h * 360, s


def text_of(row: list[Cell]) -> str:
    return "".join(cell.char for cell in row)


def columns_of(row: list[Cell]) -> list[int]:
    """For each character of ``text_of(row)``, the column of its cell."""
    columns = []
    for x, cell in enumerate(row):
        columns.extend([x] * len(cell.char))
    return columns
