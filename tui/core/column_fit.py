"""Which columns of a list fit a width, and how wide each is: the one rule by which the
dashboard's lists and the command line's tables give way when the terminal is narrow.

Pure arithmetic on widths in terminal cells (measuring text is the front ends' job): columns
with the highest priority numbers go first, never those of priority 0; the room left is shared
a cell at a time among the columns whose cells need more, never past their maximum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

GAP = 1  # cells between columns (the dashboard's; the command line leaves two)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    min_width: int
    max_width: int | None = None  # None: as wide as the room left allows
    priority: int = 0  # 0 is never dropped; higher numbers go first
    align_right: bool = False
    grow: int = 0  # who gets spare room first (lower first), up to what its cells need
    whole_at: int | None = None  # with ``whole``: shown whole from this width (a short form)


@dataclass(frozen=True)
class Fitted:
    column: Column
    width: int


def _total(widths: Sequence[int], gap: int) -> int:
    return sum(widths) + gap * max(0, len(widths) - 1)


SHRUNK_WIDTH = 6  # the least a flexible column is cut to when even the minimums do not fit


def _shrink(kept: Sequence[Column], widths: dict[str, int], cells: int) -> None:
    """Take ``cells`` from the flexible columns (those whose width may vary), a cell at a time
    from the widest, never below ``SHRUNK_WIDTH``: fixed columns (a status word, a date) stay
    whole, and what is cut ends in an ellipsis instead of running off the edge."""
    flexible = [c for c in kept if c.max_width is None or c.max_width > c.min_width]
    while cells > 0:
        shrinkable = [c for c in flexible if widths[c.key] > SHRUNK_WIDTH]
        if not shrinkable:
            return
        widest = max(shrinkable, key=lambda column: widths[column.key])
        widths[widest.key] -= 1
        cells -= 1


def _whole_width(column: Column, want: int) -> int:
    """The width at which ``column`` counts as whole: what its cells need (at most its
    maximum), or its ``whole_at`` (a short form that says it all); a column that takes the
    room left (``max_width`` None) counts at its minimum."""
    if column.max_width is None:
        return column.min_width
    if column.whole_at is not None:
        return max(column.whole_at, column.min_width)
    return max(want, column.min_width)


def fit_columns(
    columns: Sequence[Column],
    width: int,
    needed: Mapping[str, int] | None = None,
    *,
    gap: int = GAP,
    whole: bool = False,
) -> list[Fitted]:
    """Keep the columns that fit at their minimum (dropping the highest priority numbers
    first), then share the room left, a cell at a time, among the columns whose cells need
    more (``needed``, default: the maximum), never past their maximum: first those with the
    lowest ``grow``, then the next.

    ``whole``: a column gives way until the columns kept fit in full (see ``_whole_width``),
    not only at their minimum, so a wider terminal never shows the columns that matter most
    cut shorter (only the columns of priority 0 are ever cut, and only when even they alone do
    not fit). Narrower than even the minimums of those, the flexible ones are cut further."""
    wants = {}
    for column in columns:
        want = (needed or {}).get(column.key, column.max_width or width)
        wants[column.key] = min(want, column.max_width) if column.max_width is not None else want
    kept = list(columns)
    for priority in sorted(
        {column.priority for column in columns if column.priority}, reverse=True
    ):
        sizes = [_whole_width(c, wants[c.key]) if whole else c.min_width for c in kept]
        if _total(sizes, gap) <= width:
            break
        kept = [column for column in kept if column.priority != priority]
    widths = {column.key: column.min_width for column in kept}
    room = width - _total(list(widths.values()), gap)
    if room < 0:  # narrower than even the columns that stay: the widest flexible ones give
        _shrink(kept, widths, -room)
        room = 0
    for rank in sorted({column.grow for column in kept}):
        growers = [c for c in kept if c.grow == rank and wants[c.key] > widths[c.key]]
        while room > 0 and growers:  # a cell each in turn: the room is shared fairly
            for column in list(growers):
                if room <= 0:
                    break
                widths[column.key] += 1
                room -= 1
                if widths[column.key] >= wants[column.key]:
                    growers.remove(column)
    return [Fitted(column, widths[column.key]) for column in kept]
