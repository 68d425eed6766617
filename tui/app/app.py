"""The dashboard app, and ``make_app``: the one factory the CLI, the tests and the screenshot
script use.

The app is handed its store (or the function that opens it) and a clock; it never opens files
itself. Data flows one way: the app holds the state as reactives (``shown_board``,
``filter_text``, ``show_complete``, ``share``), each screen watches them and repaints
(attributes down); screens and dialogs ask for changes by calling the app's methods of
``dashboard_api.Dashboard`` or posting messages (messages up), and the app records the change
and sets the reactives again.

The first frame is a loading view (``screens.loading``): the panes, the board and the rules are
imported with the store, in the thread that opens it, and the panes are shown over the loading
view when it is open. Dialogs are imported when first opened.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.filter import LineFilter, NoColor
from textual.reactive import var

from tui.app.flow import readonly
from tui.app.flow.messages import (
    ArchiveRead,
    SaveEmlRequested,
    SaveTextRequested,
    StoreOpened,
    StorePolled,
)
from tui.app.flow.store_opener import StoreOpener, open_in_background
from tui.app.keys.binding_text import translate_bindings
from tui.app.keys.keymap import checked_keymap
from tui.app.keys.palette import DashboardCommands
from tui.app.look.colour_mode import ColourMode, colour_mode
from tui.app.look.themes import THEMES
from tui.app.screens.loading import LoadingScreen
from tui.app.screens.panes import PANES, load_panes
from tui.app.view.day_clock import seconds_to_next_midnight
from tui.app.view.share_state import ShareState, sync_text
from tui.app.widgets.textual_compat import LocalCommandPalette, quick_escape_driver
from tui.app.widgets.top_bar import BarState, Tab
from tui.config import Config
from tui.core.dates import now_in_stockholm, today_in_stockholm
from tui.core.errors import Refusal
from tui.core.i18n import Translator
from tui.core.printable import safe
from tui.core.template import Role, Template, default_template
from tui.store.identity import login_name

if TYPE_CHECKING:  # loaded with the store, after the first frame
    from tui.app.dialogs.case_form import FormResult
    from tui.app.flow.dashboard_api import Dashboard
    from tui.app.flow.poller import Poller
    from tui.app.flow.recorder import Recorder
    from tui.app.view.board import Board, CaseLine, ViewCache
    from tui.app.view.columns import Row
    from tui.store.case_store import CaseStore

LOADING = "loading"  # the mode of the first frame; under the panes once the store is open
PANE_DEPTH = 2  # the screen stack while a pane is shown: the loading view, the pane
WARM_AFTER = 0.3  # seconds between building the panes not shown yet
EXIT_REFUSED = 2
NO_COLOUR: tuple[LineFilter, ...] = (NoColor(),)


class StangningApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "stangning"
    COMMANDS: ClassVar = {DashboardCommands}
    MODES: ClassVar[dict[str, Callable[[], LoadingScreen]]] = {LOADING: LoadingScreen}  # type: ignore[assignment]
    DEFAULT_MODE = LOADING
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "app.key.palette", show=False, priority=True),
        Binding("ctrl+q", "request_quit", "app.key.quit", show=False, priority=True),
    ]

    # What the screens show. Each screen watches these and repaints (screens/base.py); the app
    # alone sets them. ``shown_board`` is None while the store is being opened.
    shown_board: var[Board | None] = var(None)
    filter_text: var[str] = var("")
    show_complete: var[bool] = var(False)  # asked for with `a`; the board says when it does
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
        read_only: bool = False,
        pane: str | None = None,
        filter_text: str = "",
    ) -> None:
        super().__init__(driver_class=quick_escape_driver())
        # The terminal's colours, as Textual's console read them (see look/colour_mode.py).
        self.colour_mode = colour_mode(self.console.color_system, self.no_color)
        look = THEMES[self.colour_mode]
        self.register_theme(look)
        self.theme = look.name
        roles = [role for role in config.roles if role in PANES]
        # The pane asked for, else the pane of the user's first role (the overview without one).
        self.first_pane = pane or (roles[0] if roles else PANES[0])
        self.read_only = read_only  # --readonly: nothing can be changed (flow/readonly.py)
        self.set_reactive(StangningApp.filter_text, filter_text)
        self.config, self.t, self.template = config, t, template
        self.today, self.now = today, now
        # An open store, or the function that opens one (a store is not callable).
        self._opener = store if callable(store) else None
        self._store = None if callable(store) else store
        self._poll = poll
        self._poller: Poller | None = None
        self._views: ViewCache | None = None  # each case's evaluation, kept between boards
        # The archive's cases evaluated for a day once asked for (`a`), with their overview
        # rows: both made in a thread (the overview keeps the rows, see screens/overview.py),
        # so thousands of rows are never built on the UI thread.
        self._archive: ArchiveRead | None = None
        self._archive_reading = False
        self.user = config.display_name or login_name()
        self._focus_case: str | None = None
        self.failure: Refusal | None = None  # why the store could not be opened, if it could not
        self._exiting = False  # the user has quit: a store opened now is closed, not shown
        self._warmed: set[str] = set()  # the panes built already
        self._completed_here: set[str] = set()  # closures finished in this session: kept shown
        translate_bindings(self, t)
        # The user's own keys ([keys] in the settings), refused whole here when one is wrong.
        self.keymap: Mapping[str, str] = checked_keymap(config.keys, self._key_places)
        self.set_keymap(self.keymap)

    def _key_places(self) -> list[list[Binding]]:
        from tui.app.dialogs.key_places import binding_groups, declared

        return binding_groups(declared([type(self)]))

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Without colour, every colour is taken out (the terminal's own are used) and the
        theme's text styles remain. Textual's own NO_COLOR filter turns the colours grey
        instead, which put grey text on a grey cursor."""
        if self.colour_mode is ColourMode.NONE:
            return NO_COLOUR
        return super().get_line_filters()

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
        from tui.app.flow.recorder import Recorder

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
        from tui.app.flow.poller import Poller

        self._store = store
        status = store.status()
        self.share = ShareState(status.reachable, store.pending(), status.problem)
        self.user = self.config.display_name or store.identity.actor
        self.refresh_board()
        # The panes are installed screens, switched over the loading view (which stays at the
        # bottom of the stack, unseen), not modes: a mode's screen has the whole stylesheet
        # applied again on its first visits (some 60 ms each at 80×24); an installed screen is
        # styled once, when it is built, and kept while another pane is shown.
        for pane, screen in load_panes().items():
            self.install_screen(screen, pane)  # type: ignore[arg-type]  # built on first use
        self.push_screen(self.first_pane)
        self.set_timer(WARM_AFTER, self._warm_next)
        if self._poll:
            self._poller = Poller(store, self.config.poll_seconds, self.post_message)
            self._poller.start()

    def _warm_next(self) -> None:
        """Build one pane not shown yet, in the background, while the user reads the first:
        its first visit is then as quick as any (a pane's first build takes some 100 ms).
        The pane is pushed and popped at once, so it is built but never painted; nothing is
        done while a case or a dialog is open over a pane."""
        if self._exiting:
            return
        if len(self.screen_stack) != PANE_DEPTH:
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

    # --- the board: built again when the store, the day or the archive toggle changes -----------

    def refresh_board(self) -> None:
        """The board of the open cases (and the archived ones a change has reached), and of
        the archive's cases when they are asked for and read. At 10,000 cases the dashboard
        holds the open ones: the archive is read only for `a`, in a thread (``_read_archive``),
        and evaluated apart; until then the board counts it."""
        from tui.app.view.board import ViewCache, build_board

        cases = list(self.store.fold_open()[0])
        today, cadence_days = self.today(), self.config.check_cadence_days
        complete: list[CaseLine] | None = None
        if self.show_complete:
            if self._archive is None or self._archive.today != today:
                self._read_archive(today)
            if self._archive is not None:
                complete = self._archive.lines  # yesterday's until today's is read
        archived = 0 if complete is not None else self.store.archived_count()
        if self._views is None:
            self._views = ViewCache()
        self.shown_board = build_board(
            cases,
            self.template,
            today,
            cadence_days,
            self._views,
            archived=archived,
            complete=complete,
            kept=frozenset(self._completed_here),
        )

    @property
    def archive_rows(self) -> tuple[list[CaseLine], list[Row]] | None:
        """The archive's lines and their overview rows, once read."""
        return (self._archive.lines, self._archive.rows) if self._archive is not None else None

    def watch_show_complete(self) -> None:
        if not self.loading:
            self.refresh_board()

    def _read_archive(self, today: dt.date) -> None:
        """Read and evaluate the archive's cases in a worker thread; ``ArchiveRead`` brings
        them back (the UI thread only merges the lines)."""
        if self._archive_reading:
            return
        self._archive_reading = True
        store, template = self.store, self.template
        cadence_days = self.config.check_cadence_days

        t = self.t

        def read() -> None:
            from tui.app.view.board import evaluate_lines
            from tui.app.view.overview_rows import overview_row

            # Thousands of cases make millions of objects: Python's cyclic collector would run
            # full collections over them meanwhile, and each one (~300 ms) stops the UI thread
            # too. It is off while they are made, and what they are is frozen after (never
            # scanned again; refcounting frees them all the same when `a` hides them).
            gc.disable()
            try:
                lines = evaluate_lines(store.read_archived(), template, today, cadence_days)
                rows = [overview_row(line, template, t) for line in lines]
                for row in rows:
                    row.widths  # noqa: B018  # measured here, not when first listed
            except Exception as error:  # told to the user; the open cases stay as they were
                detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
                self.post_message(ArchiveRead(today, [], [], detail))
                return
            finally:
                gc.freeze()
                gc.enable()
            self.post_message(ArchiveRead(today, lines, rows))

        self.run_worker(read, thread=True, group="archive", exit_on_error=False)

    @on(ArchiveRead)
    def _archive_read(self, message: ArchiveRead) -> None:
        self._archive_reading = False
        if message.error:
            failed = self.t("app.overview.complete_failed", detail=message.error)
            self.notify_plain(failed, warning=True)
            self.show_complete = False
            return
        self._archive = message
        if self.show_complete:
            self.refresh_board()

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

    # --- the top bar --------------------------------------------------------------------------

    def bar_state(self, pane: str) -> BarState:
        tabs = tuple(
            Tab(str(number), name, self._pane_label(name))
            for number, name in enumerate(PANES, start=1)
        )
        sync = sync_text(self.share, self.t, loading=self.loading)
        if self.read_only:
            sync = readonly.bar_text(sync, self.t)
        today = self.today() if self.loading else self.board.today
        return BarState(tabs, pane, today, self.user, sync, self.share.in_sync)

    def _pane_label(self, pane: str) -> str:
        if pane == "overview":
            return self.t("app.pane.overview")
        return self.template.role_name(Role(pane), self.t.lang, short=True)

    # --- what screens ask of the app (dashboard_api.Dashboard) ---------------------------------

    def set_filter(self, text: str) -> None:
        self.filter_text = text

    def toggle_complete(self) -> None:
        self.show_complete = not self.show_complete

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
        complete_before = {line.case_id for line in self.board.lines if line.complete}
        self.share = replace(self.share, pending=self.store.pending())
        self.refresh_board()
        finished = [
            line
            for line in self.board.lines
            if line.complete and line.case_id not in complete_before
        ]
        if finished:  # the last item of a closure: it stays in the list, marked done
            self._completed_here.update(line.case_id for line in finished)
            self.refresh_board()
            unit = safe(finished[0].view.case.unit)
            done = f"{done} · {self.t('app.notice.case_complete', unit=unit)}"
        self.notify_plain(done)
        if self._poller is not None:
            self._poller.poll_soon()
        return True

    def open_case(self, case_id: str, item: str | None = None) -> None:
        from tui.app.screens.case_detail import CaseDetailScreen

        if self.board.by_id(case_id) is not None:
            self.push_screen(CaseDetailScreen(case_id, item))

    def edit_case(self, case_id: str) -> None:
        from tui.app.dialogs.case_form import CaseForm

        case = self.store.case(case_id)
        if case is None:
            return

        def saved(result: FormResult | None) -> None:
            if result is not None:
                self.apply(
                    lambda: self.recorder.edit(case_id, result.fields, result.note),
                    self.t("app.notice.edited", case_id=case_id),
                )

        self.push_screen(CaseForm(self.t, case, shared_hsa_id=self._hsa_id_note(case_id)), saved)

    def _hsa_id_note(self, excluding: str | None) -> Callable[[str], str]:
        """The case form's warning for an HSA-ID that other active cases on the board carry."""
        from tui.app.view.case_form_fields import shared_hsa_id_note

        views = [line.view for line in self.board.lines]
        return lambda hsa_id: shared_hsa_id_note(hsa_id, views, excluding, self.t)

    def show_mail(self, case_id: str) -> None:
        from tui.app.dialogs.mail import MailDialog
        from tui.core.mailbox import mailbox_message

        case = self.store.case(case_id)
        if case is not None:
            message = mailbox_message(case, self.config.mailbox, self.user)
            path = str(Path.cwd() / self.t("app.mail.file_name", case_id=case_id))
            self.push_screen(MailDialog(self.t, message, path))

    @on(SaveTextRequested)
    def _save_text(self, message: SaveTextRequested) -> None:
        from tui.app.flow.saved_file import save_target, save_text

        path = save_target(message.typed, message.default)
        try:
            save_text(path, message.text)
        except OSError as error:
            text = self.t("app.mail.save_failed", path=path, detail=error)
            self.notify(text, severity="error", markup=False)
            return
        self.notify_plain(self.t("app.mail.saved", path=path))

    @on(SaveEmlRequested)
    def _save_eml(self, message: SaveEmlRequested) -> None:
        """The mailbox message as an .eml draft (as stangning mail --eml); nothing is marked."""
        from tui.app.flow.saved_file import save_bytes, save_target
        from tui.core.mail_file import eml_bytes

        path = save_target(message.typed, message.default)
        try:
            data = eml_bytes(message.message, from_address=self.config.mail_from, now=self.now())
            save_bytes(path, data)
        except Refusal as refusal:
            self.refuse(refusal)
            return
        except OSError as error:
            detail = error.strerror or str(error)
            text = self.t("app.eml.save_failed", path=path, detail=detail)
            self.notify(text, severity="error", markup=False, timeout=8)
            return
        self.notify_plain(self.t("app.eml.saved", path=path))

    # --- the app's own keys -------------------------------------------------------------------

    async def run_action(self, action: Any, *args: Any, **kwargs: Any) -> bool:
        """Every key and palette entry runs here: read-only, one that changes a case says why
        not instead (flow/readonly.py)."""
        if self.read_only and isinstance(action, str) and readonly.changes_a_case(action):
            self.notify_plain(readonly.refusal_text(action, self.t), warning=True)
            return True
        return await super().run_action(action, *args, **kwargs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.read_only and readonly.changes_a_case(action))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(cast("App[object]", self)):
            palette = LocalCommandPalette(
                no_matches=self.t("app.palette.no_matches"),
                placeholder=self.t("app.palette.placeholder"),
            )
            self.push_screen(palette)

    def action_show_pane(self, pane: str) -> None:
        while len(self.screen_stack) > PANE_DEPTH:  # a case or a dialog over the pane
            self.pop_screen()
        self.switch_screen(pane)

    def action_new_case(self) -> None:
        from tui.app.dialogs.case_form import CaseForm

        if self.loading:
            self.notify_plain(self.t("app.loading"))
            return

        def created(result: FormResult | None) -> None:
            if result is None:
                return
            made: list[str] = []
            if self.apply(
                lambda: made.append(self.recorder.create(result.fields, result.note)),
                self.t("app.notice.created", unit=result.fields.unit),
            ):
                self._focus_case = made[0]
                self.mutate_reactive(StangningApp.shown_board)  # shown again, selected

        self.push_screen(CaseForm(self.t, shared_hsa_id=self._hsa_id_note(None)), created)

    def action_help(self) -> None:
        from tui.app.dialogs.help import HelpScreen
        from tui.app.dialogs.help_text import help_for

        self.push_screen(HelpScreen(self.t, help_for(self)))

    def action_request_quit(self) -> None:
        from tui.app.dialogs.confirm import ConfirmDialog

        pending = self._store.pending() if self._store is not None else 0
        if not pending:
            self.exit()
            return
        t = self.t
        dialog = ConfirmDialog(
            t,
            t("app.quit.title"),
            t("app.quit.pending", pending=pending),
            yes=t("app.quit.yes"),
            no=t("app.confirm.cancel"),
        )
        self.push_screen(dialog, lambda yes: self.exit() if yes else None)


def make_app(
    store: CaseStore | StoreOpener,
    config: Config | None = None,
    translator: Translator | None = None,
    *,
    today: Callable[[], dt.date] = today_in_stockholm,
    now: Callable[[], str] = now_in_stockholm,
    template: Template | None = None,
    poll: bool = True,
    read_only: bool = False,
    pane: str | None = None,
    filter_text: str = "",
) -> StangningApp:
    """The dashboard on a store: an open CaseStore, or a function that opens one (called in a
    background thread after the first frame, so a large or slow store never delays it).
    ``today`` and ``now`` are the clock (tests freeze them); ``poll=False`` turns off the
    background look for other users' changes. ``read_only``: nothing can be changed (open
    the store read-only too); ``pane`` to start on, ``filter_text`` to start with. Refusal
    when the settings' keymap is wrong."""
    config = config or Config()
    return StangningApp(
        store,
        config,
        translator or Translator(config.language),
        template=template or default_template(),
        today=today,
        now=now,
        poll=poll,
        read_only=read_only,
        pane=pane,
        filter_text=filter_text,
    )


if TYPE_CHECKING:

    def _holds_to_the_api(app: StangningApp) -> Dashboard:
        """The type checker's proof that the app is what the screens take it for."""
        return app
