"""A writer's own compaction: its batch files on the share folded into segments, so the share
holds a bounded number of files however many changes are made, with nobody running a snapshot.

Only the writer itself does this, holding its local publishing lock: its files still have one
writer each, and no lock on the share is needed. A segment holds every operation of a contiguous
run of the writer's batches, and it is made durable before those batch files go. A reader that
misses a batch file removed meanwhile finds the segment at its next look; one that reads both
folds the same operations twice, which is harmless. A run is cut wherever a batch cannot be read
(removed by a snapshot's clean-up, quarantined, of a newer version): a segment never claims a
batch it does not hold.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from tui.core.operations import Operation
from tui.store.share import Share
from tui.store.wire import Batch, Segment

SEGMENT_AFTER = 32  # loose batch files of one writer before they become a segment
MERGE_AFTER = 8  # segments of one writer before neighbouring ones are merged


def compact_writer(share: Share, writer: str, store_id: str) -> int:
    """Fold this writer's loose batch files, then its many segments; how many files went.
    Failures leave everything as it was (the next publish tries again)."""
    removed = 0
    with contextlib.suppress(OSError, ValueError):
        files = share.writer_files(writer)
        loose = sorted(seq for seq, regular in files.batches.items() if regular)
        if len(loose) >= SEGMENT_AFTER:
            removed += _fold_batches(share, writer, loose, store_id)
            files = share.writer_files(writer)
        spans = sorted(span for span, regular in files.segments.items() if regular)
        if len(spans) >= MERGE_AFTER:
            removed += _merge_segments(share, writer, spans, store_id)
    return removed


def _runs(seqs: Iterable[int]) -> Iterator[list[int]]:
    """Contiguous runs of numbers."""
    run: list[int] = []
    for seq in seqs:
        if run and seq != run[-1] + 1:
            yield run
            run = []
        run.append(seq)
    if run:
        yield run


def _fold_batches(share: Share, writer: str, loose: list[int], store_id: str) -> int:
    removed = 0
    for run in _runs(loose):
        ops: list[Operation] = []
        held: list[int] = []
        for seq in run:
            try:
                batch = Batch.decode(share.read_batch_bytes(writer, seq), store_id)
            except (OSError, ValueError):
                removed += _write(share, writer, held, ops, store_id)
                ops, held = [], []  # cut the run: this one is not there to hold
                continue
            ops += batch.ops
            held.append(seq)
        removed += _write(share, writer, held, ops, store_id)
    return removed


def _write(share: Share, writer: str, held: list[int], ops: list[Operation], store_id: str) -> int:
    if len(held) < 2:
        return 0
    share.publish_segment(Segment(writer, held[0], held[-1], tuple(ops)), store_id)
    for seq in held:
        with contextlib.suppress(FileNotFoundError):
            share.batch_path(writer, seq).unlink()
    return len(held) - 1


def _merge_segments(share: Share, writer: str, spans: list[tuple[int, int]], store_id: str) -> int:
    """Merge neighbouring segments (each starting where the last ended) into one."""
    removed = 0
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and span[0] == groups[-1][-1][1] + 1:
            groups[-1].append(span)
        else:
            groups.append([span])
    for group in groups:
        if len(group) < 2:
            continue
        try:
            parts = [share.read_segment(writer, lo, hi, store_id) for lo, hi in group]
        except (OSError, ValueError):
            continue  # one went meanwhile (a snapshot's clean-up): leave the group as it is
        ops = tuple(op for part in parts for op in part.ops)
        share.publish_segment(Segment(writer, group[0][0], group[-1][1], ops), store_id)
        for lo, hi in group:
            with contextlib.suppress(FileNotFoundError):
                share.segment_path(writer, lo, hi).unlink()
        removed += len(group) - 1
    return removed
