"""How the dashboard stands with the share, and the top bar's word for it."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.i18n import Translator

# Causes the top bar names in a word (the others read "not reachable").
SHORT_CAUSES = ("swapped", "read_only", "full", "not_responding", "not_store", "collision")


@dataclass(frozen=True)
class ShareState:
    reachable: bool = True
    pending: int = 0  # changes in the outbox, not on the share yet
    problem: str | None = None  # why the share cannot be used (ShareUnavailable.cause)

    @property
    def in_sync(self) -> bool:
        return self.reachable and not self.pending


def sync_text(share: ShareState, t: Translator, *, loading: bool = False) -> str:
    """ "✓ synkad", "2 väntar", "⚠ delad mapp nås ej · 1 väntar", "⚠ full · …", "läser…"."""
    if loading:
        return t("app.sync.loading")
    if not share.reachable and share.problem in SHORT_CAUSES:
        return t(f"share.short.{share.problem}", pending=share.pending)
    if not share.reachable:
        return t("app.sync.unreachable", pending=share.pending)
    if share.pending:
        return t("app.sync.pending", pending=share.pending)
    return t("app.sync.ok")
