"""User text made safe to print: control characters shown as escapes, never acted on."""

from __future__ import annotations

import unicodedata


def escape_controls(text: object, *, keep_newlines: bool = False) -> str:
    """The text with control characters as visible escapes (\\x1b), so a name or a typed value
    cannot move the cursor, clear the screen or break a one-line message."""
    plain = str(text)
    if plain.isprintable():  # no control characters (the usual case): nothing to escape
        return plain
    kept = "\t\n" if keep_newlines else "\t"
    return "".join(
        char if unicodedata.category(char) != "Cc" or char in kept else f"\\x{ord(char):02x}"
        for char in plain
    )


safe = escape_controls  # user data in what a terminal shows: the dashboard's and the CLI's
