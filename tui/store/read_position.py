"""Which batch files of one writer a process has read (and folded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReadPosition:
    """Which batch files of one writer have been read: all up to ``upto``, and ``extra``."""

    upto: int = 0
    extra: set[int] = field(default_factory=set)

    @property
    def last(self) -> int:
        """The highest batch read."""
        return max(self.extra, default=self.upto)

    def has(self, seq: int) -> bool:
        return seq <= self.upto or seq in self.extra

    def mark(self, seq: int) -> None:
        if seq > self.upto:
            self.extra.add(seq)
        while self.upto + 1 in self.extra:
            self.upto += 1
            self.extra.discard(self.upto)

    def has_all(self, lo: int, hi: int) -> bool:
        """Whether every batch lo..hi has been read."""
        return hi <= self.upto or all(self.has(seq) for seq in range(lo, hi + 1))

    def mark_range(self, lo: int, hi: int) -> None:
        """Batches lo..hi have been read (a writer's segment holds them all)."""
        if lo <= self.upto + 1:
            self.merge(ReadPosition(hi))
        else:
            for seq in range(lo, hi + 1):
                self.mark(seq)

    def merge(self, other: ReadPosition) -> None:
        if other.upto > self.upto:
            self.extra = {seq for seq in self.extra if seq > other.upto}
            self.upto = other.upto
        for seq in other.extra:
            self.mark(seq)

    def to_doc(self, writer: str) -> dict[str, Any]:
        return {"writer": writer, "upto": self.upto, "extra": sorted(self.extra)}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ReadPosition:
        return cls(int(doc["upto"]), {int(seq) for seq in doc.get("extra", [])})
