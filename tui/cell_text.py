"""Text measured and cut in terminal cells, as Textual paints it (rich's measure: "å" is one
cell, a CJK character two): the dashboard's lists and the command line's tables pad and crop
their cells with these, so both cut a name the same way, with an ellipsis."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"

__all__ = ["ELLIPSIS", "cell_len", "fit_text"]


def fit_text(text: str, width: int, *, align_right: bool = False) -> str:
    """Exactly ``width`` cells: padded, or cropped with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    pad = " " * (width - cell_len(text))
    return pad + text if align_right else text + pad
