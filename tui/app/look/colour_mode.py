"""Which of the three looks the terminal gets: colour (256 colours or more), 16 colours, none.

Textual's console reads the terminal the way Rich does: ``TEXTUAL_COLOR_SYSTEM`` when it is set
(``truecolor``, ``256``, ``standard``), else ``COLORTERM=truecolor`` (or ``24bit``) for 24-bit
colour, else the end of ``TERM``: ``xterm-256color`` is 256 colours, a plain ``xterm`` (or
``screen``, ``vt100``…) 16, ``dumb`` none. ``NO_COLOR`` (set to anything) asks for no colour at
all. Over SSH the client's ``TERM`` comes along; ``COLORTERM`` usually does not.
"""

from __future__ import annotations

from enum import StrEnum


class ColourMode(StrEnum):
    TRUECOLOR = "truecolor"  # 24-bit: the same theme as 256 colours
    EIGHT_BIT = "256"  # the theme's colours are all in xterm's 256-colour cube
    STANDARD = "16"  # the terminal's own 16 colours (ANSI), a theme made of them
    NONE = "none"  # NO_COLOR or a dumb terminal: bold, underline and reverse only


def colour_mode(color_system: str | None, no_color: bool) -> ColourMode:
    """The mode for Rich's name of the console's colour system (``Console.color_system``)."""
    if no_color or color_system is None:
        return ColourMode.NONE
    if color_system == "truecolor":
        return ColourMode.TRUECOLOR
    if color_system == "256":
        return ColourMode.EIGHT_BIT
    return ColourMode.STANDARD  # "standard", or "windows" (the legacy Windows console's 16)
