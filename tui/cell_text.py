"""Text measured and cut in terminal cells, as Textual paints it (rich's measure: "å" is one
cell, a CJK character two): the dashboard's lists and the command line's tables pad and crop
their cells with these, so both cut a name the same way, with an ellipsis."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
KEPT_START = 12  # cells of a text's start kept when its end is kept too ("Förvaltning:")

__all__ = ["ELLIPSIS", "cell_len", "fit_text"]


def fit_text(text: str, width: int, *, align_right: bool = False, keep_end: int = 0) -> str:
    """Exactly ``width`` cells: padded, or cropped with an ellipsis. ``keep_end``: that many
    characters at the end carry meaning (" (kontroll)") and stay, the ellipsis before them,
    where at least ``KEPT_START`` cells of the start stay too (else the start is kept)."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        tail = text[len(text) - keep_end :] if 0 < keep_end < len(text) else ""
        if tail and cell_len(tail) + 1 + KEPT_START <= width:
            head = text[: len(text) - keep_end]
            return set_cell_size(head, width - cell_len(tail) - 1) + ELLIPSIS + tail
        return set_cell_size(text, width - 1) + ELLIPSIS
    pad = " " * (width - cell_len(text))
    return pad + text if align_right else text + pad
