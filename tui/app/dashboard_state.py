"""The dashboard's state and the flow of data: the store (opened in the background if need
be), the board rebuilt when the store or the day changes, the background poll, the top bar, and
how changes are recorded. The keys' actions are in ``app.StangningApp``, which builds on this.

The first frame is a loading view (``screens.loading``): the panes, the board and the rules are
imported with the store, in the thread that opens it, and the panes replace the loading view
when it is open. Nothing here imports them before then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App
from textual.reactive import var

from tui.app.binding_text import translate_bindings
from tui.app.messages import StoreOpened, StorePolled
from tui.app.screens.loading import LoadingScreen
from tui.app.store_opener import StoreOpener, open_in_background
from tui.app.view.day_clock import seconds_to_next_midnight
from tui.app.widgets.top_bar import BarState, Tab
from tui.config import Config
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.template import Role, Template
from tui.store.identity import login_name

if TYPE_CHECKING:  # loaded with the store, after the first frame
    from tui.app.poller import Poller
    from tui.app.recorder import Recorder
    from tui.app.screens.base import DashboardScreen
    from tui.app.view.board import Board, ViewCache
    from tui.core.case import Case
    from tui.store.case_store import CaseStore

PANES = ("overview", Role.UNIT.value, Role.CAREGIVER_ADMIN.value, Role.EK_HSA.value)
LOADING = "loading"  # the mode of the first frame, under the panes once the store is open
PANE_DEPTH = 2  # the screen stack while a pane is shown: the loading view, the pane
WARM_AFTER = 0.3  # seconds between building the panes not shown yet
EXIT_REFUSED = 2


def load_panes() -> dict[str, Callable[[], DashboardScreen]]:
    """The panes' screens by name. Importing them (with the board, the rules and the widgets)
    takes a while: the thread that opens the store calls this first, so the first frame does not
    wait for it, and the app's call when the store is open finds them imported."""
    from tui.app.screens.overview import OverviewScreen
    from tui.app.screens.role_pane import RolePaneScreen

    roles = {name: partial(RolePaneScreen, Role(name)) for name in PANES[1:]}
    return {PANES[0]: OverviewScreen, **roles}


# Causes the top bar names in a word (the others read "not reachable").
SHORT_CAUSES = ("swapped", "read_only", "full", "not_responding", "not_store", "collision")


@dataclass(frozen=True)
class ShareState:
    """How this dashboard stands with the share, as the top bar says it."""

    reachable: bool = True
    pending: int = 0  # changes in the outbox, not on the share yet
    problem: str | None = None  # why the share cannot be used (ShareUnavailable.cause)


class DashboardState(App[None]):
    MODES: ClassVar[dict[str, Callable[[], LoadingScreen]]] = {LOADING: LoadingScreen}  # type: ignore[assignment]
    DEFAULT_MODE = LOADING

    # What the screens show, as reactives: each screen watches them and repaints (see
    # screens/base.py); the app only sets them. None while the store is being opened (the
    # first frame is painted before the cases are read).
    shown_board: var[Board | None] = var(None)
    filter_text: var[str] = var("")
    share: var[ShareState] = var(ShareState())

    def __init__(
        self,
        store: CaseStore | StoreOpener,
        config: Config,
        t: Translator,
        *,
        template: Template,
        today: Callable[[], dt.date],
        now: Callable[[], str],
        poll: bool = True,
    ) -> None:
        super().__init__()
        roles = [role for role in config.roles if role in PANES]
        # The pane of the user's first role opens first (the overview without one).
        self.first_pane = roles[0] if roles else PANES[0]
        self.config, self.t, self.template = config, t, template
        self.today, self.now = today, now
        # An open store, or the function that opens one (a store is not callable).
        self._opener = store if callable(store) else None
        self._store = None if callable(store) else store
        self._poll = poll
        self._poller: Poller | None = None
        self.show_complete = False  # the board then holds the complete cases too
        self._views: ViewCache | None = None  # each case's evaluation, kept between boards
        self._archive: list[Case] | None = None  # the archived cases, once they are shown
        self.user = config.display_name or login_name()
        self._focus_case: str | None = None
        self.failure: Refusal | None = None  # why the store could not be opened, if it could not
        self._exiting = False  # the user has quit: a store opened now is closed, not shown
        self._warmed: set[str] = set()  # the panes built already
        translate_bindings(self, t)

    @property
    def store(self) -> CaseStore:
        """The open store (the board says ``loading`` until there is one)."""
        if self._store is None:
            raise RuntimeError("the store is not open yet")
        return self._store

    @property
    def loading(self) -> bool:
        """Whether the cases are still being read (the loading view is shown)."""
        return self.shown_board is None

    @property
    def board(self) -> Board:
        """Every case evaluated for today (there is one once the store is open)."""
        if self.shown_board is None:
            raise RuntimeError("the store is not open yet")
        return self.shown_board

    @property
    def recorder(self) -> Recorder:
        from tui.app.recorder import Recorder

        return Recorder(self.store, self.template, self.today, self.now)

    # --- lifecycle ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._arm_day_timer()
        if self._opener is not None:
            opener = self._opener
            self.call_after_refresh(open_in_background, opener, load_panes, self.post_message)
        elif self._store is not None:
            self._start(self._store)  # already open: the first frame is the first pane

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self._exiting = True
        super().exit(*args, **kwargs)

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        if self._exiting:  # opened after the user quit: nothing to show it on
            if message.store is not None:
                message.store.close()
            return
        if message.store is None:
            self.failure = message.refusal or Refusal("store.unreadable", path="", detail="")
            self.exit(return_code=EXIT_REFUSED)
            return
        self._start(message.store)

    def _start(self, store: CaseStore) -> None:
        """The store is open: the board, the panes (the first one shown), the poll."""
        from tui.app.poller import Poller

        self._store = store
        status = store.status()
        self.share = ShareState(status.reachable, pending_count(store), status.problem)
        self.user = self.config.display_name or store.identity.actor
        self.refresh_board()
        # The panes are installed screens, switched on top of the loading view (which stays at
        # the bottom of the stack, unseen), not modes: a mode's screen has the whole stylesheet
        # re-applied on its first visits (some 60 ms each at 80×24); an installed screen is
        # styled once, when it is mounted, and kept while another pane is shown.
        for pane, screen in load_panes().items():
            self.install_screen(screen, pane)  # type: ignore[arg-type]  # made on first visit
        self.push_screen(self.first_pane)
        self.set_timer(WARM_AFTER, self._warm_next)
        if self._poll:
            self._poller = Poller(store, self.config.poll_seconds, self.post_message)
            self._poller.start()

    def _warm_next(self) -> None:
        """Build one pane not shown yet, in the background, while the user reads the first:
        its first visit is then as quick as any (a pane's first build takes some 100 ms).
        The pane is pushed and popped at once, so it is built but never painted; nothing is
        done while a case or a dialog is open over a pane, or before the user has one."""
        if self._exiting or len(self.screen_stack) != PANE_DEPTH:
            self.set_timer(WARM_AFTER, self._warm_next)
            return
        cold = [pane for pane in PANES if pane not in self._warmed]
        if not cold:
            return
        self._warmed.add(cold[0])
        if self.screen is not self.get_screen(cold[0]):
            with self.batch_update():
                self.push_screen(cold[0])
                self.pop_screen()
        self.set_timer(WARM_AFTER, self._warm_next)

    def on_unmount(self) -> None:
        if self._poller is not None:
            self._poller.stop()
        if self._store is not None:
            self._store.close()

    # --- the board: rebuilt when the store or the day changes ---------------------------------

    def refresh_board(self) -> None:
        from tui.app.view.board import ViewCache, build_board

        # The open cases (and archived ones a change has reached); the archive is read only
        # when the complete cases are asked for (a), once, and folded apart: at 10,000 cases
        # the dashboard holds the open ones, not every operation of every closure.
        cases = list(self.store.fold_open()[0])
        archived = 0
        if self.show_complete:
            if self._archive is None:
                self._archive = self.store.archived_cases()
            folded = {case.case_id for case in cases}
            cases += [case for case in self._archive if case.case_id not in folded]
        else:
            archived = self.store.archived_count()
        today, cadence_days = self.today(), self.config.check_cadence_days
        if self._views is None:
            self._views = ViewCache()
        self.shown_board = build_board(
            cases, self.template, today, cadence_days, self._views, archived=archived
        )

    def bar_state(self, pane: str) -> BarState:
        t = self.t
        tabs = tuple(
            Tab(str(number), name, self._pane_label(name))
            for number, name in enumerate(PANES, start=1)
        )
        share = self.share
        if self.loading:
            sync = t("app.sync.loading")
        elif not share.reachable and share.problem in SHORT_CAUSES:
            sync = t(f"share.short.{share.problem}", pending=share.pending)
        elif not share.reachable:
            sync = t("app.sync.unreachable", pending=share.pending)
        elif share.pending:
            sync = t("app.sync.pending", pending=share.pending)
        else:
            sync = t("app.sync.ok")
        ok = share.reachable and not share.pending
        today = self.today() if self.loading else self.board.today
        return BarState(tabs, pane, today, self.user, sync, ok)

    def _pane_label(self, pane: str) -> str:
        if pane == "overview":
            return self.t("app.pane.overview")
        return self.template.role_name(Role(pane), self.t.lang, short=True)

    def _arm_day_timer(self) -> None:
        self.set_timer(seconds_to_next_midnight(), self._day_turned)

    def _day_turned(self) -> None:
        if not self.loading and self.today() != self.board.today:
            self.refresh_board()
        self._arm_day_timer()

    @on(StorePolled)
    def _polled(self, message: StorePolled) -> None:
        changed = self.store.absorb(message.delta) if message.delta else 0
        if message.error:
            self.notify_plain(self.t("app.sync.error", detail=message.error), warning=True)
        if message.problem and message.problem != self.share.problem:
            cause = self.t(f"share.cause.{message.problem}")
            self.notify_plain(self.t("share.notice", cause=cause), warning=True)
        self.share = ShareState(message.reachable, message.pending, message.problem)
        if changed or self.today() != self.board.today:
            self.refresh_board()

    # --- what screens ask of the app ----------------------------------------------------------

    def set_filter(self, text: str) -> None:
        self.filter_text = text

    def toggle_complete(self) -> None:
        self.show_complete = not self.show_complete
        self.refresh_board()

    def take_focus_case(self) -> str | None:
        """The case a list should select next (a case just created), once."""
        case_id, self._focus_case = self._focus_case, None
        return case_id

    def notify_plain(self, text: str, *, warning: bool = False) -> None:
        self.notify(text, severity="warning" if warning else "information", markup=False)

    def refuse(self, refusal: Refusal) -> None:
        """The refusal in one line, naming an item by its short name (the CLI names its key,
        which is what users type there)."""
        item = refusal.params.get("item")
        if isinstance(item, str):
            named = {**refusal.params, "item": self.template.item_name(item, self.t.lang)}
            refusal = Refusal(refusal.code, **named)
        self.notify(self.t.refusal(refusal), severity="error", markup=False, timeout=8)

    def apply(self, change: Callable[[], object], done: str) -> bool:
        """Record a change through the rules; show the refusal or the result."""
        try:
            change()
        except Refusal as refusal:
            self.refuse(refusal)
            return False
        self.share = replace(self.share, pending=pending_count(self.store))
        self.refresh_board()
        self.notify_plain(done)
        if self._poller is not None:
            self._poller.poll_soon()
        return True


def pending_count(store: CaseStore) -> int:
    """Changes in the local outbox not yet on the share."""
    try:
        return store.status().pending
    except OSError:
        return 0
