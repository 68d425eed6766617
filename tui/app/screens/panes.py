"""The four panes, by name and in the order of their keys (1–4)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from tui.core.template import Role

if TYPE_CHECKING:
    from tui.app.screens.base import DashboardScreen

PANES = ("overview", Role.UNIT.value, Role.CAREGIVER_ADMIN.value, Role.EK_HSA.value)


def load_panes() -> dict[str, Callable[[], DashboardScreen]]:
    """The panes' screens by name. Importing them (with the board, the rules and the widgets)
    takes a while: the thread that opens the store calls this first, so the first frame does not
    wait for it, and the app's call when the store is open finds them imported."""
    from tui.app.screens.overview import OverviewScreen
    from tui.app.screens.role_pane import RolePaneScreen

    roles = {name: partial(RolePaneScreen, Role(name)) for name in PANES[1:]}
    return {PANES[0]: OverviewScreen, **roles}
