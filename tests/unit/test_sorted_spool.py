"""The spool that lets `case list --all --json` and `export ics --all` print every case most
urgent first without keeping every case's text in memory."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from tui.sorted_spool import SortedSpool


@given(st.lists(st.tuples(st.integers(0, 5), st.binary(max_size=40)), max_size=60))
def test_items_come_back_in_key_order_and_equal_keys_in_the_order_added(
    items: list[tuple[int, bytes]],
) -> None:
    with SortedSpool() as spool:
        for key, data in items:
            spool.add(key, data)
        assert len(spool) == len(items)
        expected = [data for _, data in sorted(items, key=lambda item: item[0])]
        assert list(spool) == expected
        assert list(spool) == expected  # read twice: the same


def test_adding_after_a_reading_left_off_keeps_what_was_there() -> None:
    with SortedSpool() as spool:
        keys = list(range(200))
        random.Random(7).shuffle(keys)
        for key in keys[:100]:
            spool.add(key, str(key).encode())
        assert next(iter(spool)) == b"%d" % min(keys[:100])  # a reading left off
        for key in keys[100:]:
            spool.add(key, str(key).encode())
        assert list(spool) == [str(key).encode() for key in range(200)]
