"""What the filter shows when keys were typed after `/` before it opened (a terminal delivers
keys typed fast in one read): the keys are applied as the filter's input would have taken
them, the kept filter being selected when it opens (typing replaces it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

BACKSPACE, ENTER = "backspace", "enter"


@dataclass(frozen=True)
class TypedFilter:
    text: str
    selected: bool  # the text is still selected: nothing was typed over it
    submitted: bool  # enter was typed: the filter is kept and closed


def typed_filter(kept: str, keys: Iterable[str]) -> TypedFilter:
    """``keys``: characters, ``BACKSPACE`` or ``ENTER``, in the order typed; what comes after
    enter goes elsewhere (the caller does not collect it)."""
    text, selected = kept, bool(kept)
    for key in keys:
        if key == ENTER:
            return TypedFilter(text, selected, True)
        if key == BACKSPACE:
            text = "" if selected else text[:-1]
        else:
            text = key if selected else text + key
        selected = False
    return TypedFilter(text, selected, False)
