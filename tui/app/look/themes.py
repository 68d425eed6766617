"""The dashboard's three themes, one per colour mode (see ``colour_mode``), and what app.tcss
reads from them.

Every status has a symbol and a word (tui/app/view/attention.py); the themes add a look per
*tone* on top: ``late`` (overdue), ``todo``, ``watch`` (monitoring), ``wait`` (waiting for T),
``done``, and ``dim`` for side text. The rules they keep, checked by tests/tui/test_contrast.py
on what the terminal is sent:

- each status's text reaches WCAG 4.5:1 against its background on every row, the selected
  row too, with the list focused or not;
- the tones differ in colour where there is colour (green is done), and overdue is the one
  drawn bold on a badge of its own (white on red), so the overdue rows are the first read;
- without colour, bold, underline and reverse do the work: overdue is bold and underlined,
  to do bold, the selected row reversed; nothing is dim or grey.

256 colours: each colour below is one of xterm's 256 (the 6×6×6 cube or the grey ramp), so a
24-bit terminal and a 256-colour one show the same. 16 colours: ANSI names, painted with the
terminal's own palette; the background is set (black) rather than left to the terminal, so a
light-background terminal cannot put yellow on white, and nothing is bold in a dark colour
(xterm draws bold colours 0–7 in their bright forms: bold black would turn grey). Waiting is
the plain white there: no other of the 16 reads at 4.5:1 both on the black rows and on the
blue cursor (bright magenta and bright blue fall short on one or the other).
"""

from __future__ import annotations

from textual.theme import Theme

from tui.app.look.colour_mode import ColourMode

TONES = ("late", "todo", "watch", "wait", "done", "dim")


def _tones(colours: dict[str, str], styles: dict[str, str], late_background: str) -> dict[str, str]:
    """The tone variables: ``tone-<tone>`` (colour), ``tone-<tone>-text-style``, and the
    badge's ``tone-late-background``."""
    variables = {f"tone-{tone}": colours[tone] for tone in TONES}
    variables |= {f"tone-{tone}-text-style": styles.get(tone, "none") for tone in TONES}
    variables["tone-late-background"] = late_background
    return variables


DARK = Theme(
    name="stangning-dark",
    primary="#0087d7",
    secondary="#005f87",
    accent="#ffaf5f",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5faf5f",
    foreground="#e4e4e4",
    background="#121212",
    surface="#1c1c1c",
    panel="#262626",
    variables={
        **_tones(
            {
                "late": "#ffffff",
                "todo": "#d78700",
                "watch": "#5fafaf",
                "wait": "#af87ff",
                "done": "#5faf5f",
                "dim": "#a8a8a8",
            },
            {"late": "bold"},
            late_background="#af0000",
        ),
        "text-muted": "#a8a8a8",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-background": "#000087",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#e4e4e4",
        "block-cursor-blurred-background": "#303030",
        "block-cursor-blurred-text-style": "none",
        "tab-active-foreground": "#ffffff",
        "tab-active-background": "#005f87",
        "tab-active-text-style": "bold",
        "footer-key-foreground": "#ffaf5f",
        "footer-description-foreground": "#e4e4e4",
    },
)

STANDARD = Theme(
    name="stangning-16",
    ansi=True,
    primary="ansi_blue",
    secondary="ansi_cyan",
    accent="ansi_bright_cyan",
    warning="ansi_bright_yellow",
    error="ansi_bright_red",
    success="ansi_bright_green",
    foreground="ansi_white",
    background="ansi_black",
    variables={
        **_tones(
            {
                "late": "ansi_bright_white",
                "todo": "ansi_bright_yellow",
                "watch": "ansi_bright_cyan",
                "wait": "ansi_white",
                "done": "ansi_bright_green",
                "dim": "ansi_white",
            },
            {"late": "bold"},
            late_background="ansi_red",
        ),
        "text": "ansi_white",
        "text-muted": "ansi_white",
        "ansi-background": "ansi_black",  # what Textual's own widgets use in their :ansi rules
        "ansi-foreground": "ansi_white",
        "surface": "ansi_black",
        "panel": "ansi_black",
        "boost": "ansi_black",
        "block-cursor-foreground": "ansi_bright_white",
        "block-cursor-background": "ansi_blue",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "ansi_white",
        "block-cursor-blurred-background": "ansi_black",
        "block-cursor-blurred-text-style": "underline",
        "tab-active-foreground": "ansi_bright_white",
        "tab-active-background": "ansi_blue",
        "tab-active-text-style": "bold",
        "footer-foreground": "ansi_white",
        "footer-background": "ansi_black",
        "footer-key-foreground": "ansi_bright_cyan",
        "footer-key-background": "ansi_black",
        "footer-description-foreground": "ansi_white",
        "footer-description-background": "ansi_black",
        "border": "ansi_blue",
        "border-blurred": "ansi_white",
        "input-cursor-foreground": "ansi_black",
        "input-cursor-background": "ansi_white",
        "input-cursor-text-style": "none",
        "input-selection-background": "ansi_blue",
        "input-selection-foreground": "ansi_bright_white",
    },
)

# NO_COLOR: the app removes every colour (textual.filter.NoColor, see app.py); what is left
# is the text style. The terminal's own foreground and background are used throughout.
NONE = Theme(
    name="stangning-no-colour",
    ansi=True,
    primary="ansi_default",
    foreground="ansi_default",
    background="ansi_default",
    variables={
        **_tones(
            dict.fromkeys(TONES, "ansi_default"),
            {"late": "bold underline", "todo": "bold"},
            late_background="transparent",
        ),
        "text": "ansi_default",
        "text-muted": "ansi_default",
        "ansi-background": "ansi_default",
        "ansi-foreground": "ansi_default",
        "block-cursor-foreground": "ansi_default",
        "block-cursor-background": "transparent",
        "block-cursor-text-style": "bold reverse",
        "block-cursor-blurred-foreground": "ansi_default",
        "block-cursor-blurred-background": "transparent",
        "block-cursor-blurred-text-style": "reverse",
        "tab-active-foreground": "ansi_default",
        "tab-active-background": "transparent",
        "tab-active-text-style": "bold reverse",
        "footer-key-foreground": "ansi_default",
    },
)

THEMES = {
    ColourMode.TRUECOLOR: DARK,
    ColourMode.EIGHT_BIT: DARK,
    ColourMode.STANDARD: STANDARD,
    ColourMode.NONE: NONE,
}
