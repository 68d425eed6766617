"""A demo store: realistic closures covering every phase, made the way real users make them.

Several people (each a writer with its own local folder) act on their own days through the core's
rules: cases created, items done, weekly checks, a late item, late checks, cases ready for EK/HSA,
a finished one, and a real conflict (two writers change the same field without seeing each
other's change). Deterministic for a given ``today`` and ``seed`` (ids of operations aside).
No Textual here: ``stangning demo --out DIR``, the benchmarks and the tests use it too.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tui.demo.bulk import add_bulk
from tui.demo.players import Demo
from tui.demo.scenario import play_scenario
from tui.store.share import Share

__all__ = ["build_demo"]


def build_demo(
    store_dir: Path,
    writers_dir: Path,
    today: dt.date,
    *,
    seed: int = 2026,
    extra_cases: int = 0,
) -> None:
    """Fill ``store_dir`` (a new folder) with the demo closures as they stand on ``today``.

    ``writers_dir`` holds the demo people's own local folders; the user opening the demo needs a
    local folder of their own elsewhere.
    """
    # Marked as the demo's: ``doctor`` then knows its people's clocks are made up.
    Share(store_dir).create(demo=True)
    demo = Demo(store_dir, writers_dir, today, random.Random(seed))
    try:
        play_scenario(demo)
        demo.run()
        if extra_cases:
            add_bulk(demo, extra_cases)
    finally:
        demo.close()
