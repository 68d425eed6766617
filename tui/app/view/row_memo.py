"""Rows kept between repaints: a list's row is built again only when what it shows is new.

The board keeps each case's evaluation while no change reaches the case (``ViewCache``): an
unchanged case is the same CaseLine object on the next board. A list's rows are kept by that
object, so one change builds the rows of the case it touched, not of every case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from tui.app.view.columns import Row

T = TypeVar("T")


class RowMemo(Generic[T]):
    def __init__(
        self, build: Callable[[T], Row], key: Callable[[T], str], source: Callable[[T], object]
    ) -> None:
        self._build, self._key, self._source = build, key, source
        self._kept: dict[str, tuple[object, Row]] = {}
        self.built = 0  # rows built so far (the rest were kept)

    def rows(self, items: Iterable[T]) -> list[Row]:
        """A row per item, in order (kept ones reused, the others built and kept)."""
        kept = self._kept
        rows = []
        for item in items:
            key, source = self._key(item), self._source(item)
            found = kept.get(key)
            if found is not None and found[0] is source:
                row = found[1]
            else:
                row = self._build(item)
                kept[key] = (source, row)
                self.built += 1
            rows.append(row)
        return rows

    def keep(self, items: Iterable[T], rows: Iterable[Row]) -> None:
        """Keep rows built elsewhere (in a background thread) for these items."""
        for item, row in zip(items, rows, strict=True):
            self._kept[self._key(item)] = (self._source(item), row)

    def retain(self, keys: Iterable[str]) -> None:
        """Forget the rows of every key but these (the cases no longer on the board)."""
        wanted = set(keys)
        self._kept = {key: kept for key, kept in self._kept.items() if key in wanted}
