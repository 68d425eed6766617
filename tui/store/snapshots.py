"""Snapshots on the share: what each covers, and the clean-up a new one allows.

The rule that loses nothing: a snapshot holds exactly the operations of the batches it covers;
clean-up (the only step that takes the share's lock) removes another snapshot only when the new
one covers everything it covers (of two that cover the same, the older name goes), and a batch
file or segment only when the new one covers it. Whatever is removed, a snapshot that stays
holds it; however clocks differ and whoever cleans up at once.
"""

from __future__ import annotations

import contextlib

from tui.store.share import Share


def coverage(share: Share, name: str, store_id: str) -> dict[str, int] | None:
    """What the snapshot covers (from its header; from its body for older ones); None when it
    cannot be read here (gone, damaged, of a newer version)."""
    try:
        covered = share.read_snapshot_head(name, store_id).covered
        if covered is None:
            covered = share.read_snapshot(name, store_id).covered
    except (OSError, ValueError):
        return None
    return covered


def dominates(mine: dict[str, int], other: dict[str, int]) -> bool:
    return all(mine.get(writer, 0) >= seq for writer, seq in other.items())


def covered_on_share(share: Share, writer: str, store_id: str) -> int:
    """The highest batch number of this writer that a snapshot on the share covers."""
    found = (coverage(share, name, store_id) for name in share.snapshot_names())
    return max((covered.get(writer, 0) for covered in found if covered), default=0)


def clean_up(share: Share, mine: str, covered: dict[str, int], store_id: str) -> int:
    """After publishing snapshot ``mine``: remove what it makes redundant; how many files went.
    Call holding the share's clean-up lock."""
    for name in share.snapshot_names():
        other = None if name == mine else coverage(share, name, store_id)
        if other is None:
            continue  # mine, or unreadable: left for the readers to report or set aside
        same = other == {writer: seq for writer, seq in covered.items() if seq}
        if dominates(covered, other) and (not same or name < mine):
            with contextlib.suppress(FileNotFoundError):
                share.snapshot_path(name).unlink()
    return share.remove_batches(covered)
