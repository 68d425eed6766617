"""The dashboard app, and ``make_app``: the one factory the CLI, the tests and the screenshot
script use. The app is handed its store (or the function that opens it) and a clock; it never
opens files itself. Dialogs are imported when first opened, and the panes with the store (see
``dashboard_state``), for a faster first frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from tui.app.commands import DashboardCommands
from tui.app.dashboard_state import PANE_DEPTH, DashboardState, pending_count
from tui.app.messages import SaveTextRequested
from tui.app.store_opener import StoreOpener
from tui.config import Config
from tui.core.dates import now_in_stockholm, today_in_stockholm
from tui.core.i18n import Translator
from tui.core.template import Template, default_template

if TYPE_CHECKING:
    from tui.app.dashboard_api import Dashboard
    from tui.app.dialogs.case_form import FormResult
    from tui.store.case_store import CaseStore


class StangningApp(DashboardState):
    CSS_PATH = "app.tcss"
    TITLE = "stangning"
    COMMANDS: ClassVar = {DashboardCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "app.key.palette", show=False, priority=True),
        Binding("ctrl+q", "request_quit", "app.key.quit", show=False, priority=True),
    ]

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(placeholder=self.t("app.palette.placeholder")))

    def action_show_pane(self, pane: str) -> None:
        while len(self.screen_stack) > PANE_DEPTH:  # a case or a dialog over the pane
            self.pop_screen()
        self.switch_screen(pane)

    def open_case(self, case_id: str, item: str | None = None) -> None:
        from tui.app.screens.case_detail import CaseDetailScreen

        if self.board.by_id(case_id) is not None:
            self.push_screen(CaseDetailScreen(case_id, item))

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
                self.mutate_reactive(DashboardState.shown_board)  # shown again, selected

        self.push_screen(CaseForm(self.t), created)

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

        self.push_screen(CaseForm(self.t, case), saved)

    def show_mail(self, case_id: str) -> None:
        from tui.app.dialogs.mail import MailDialog
        from tui.core.mailbox import mailbox_message

        case = self.store.case(case_id)
        if case is not None:
            message = mailbox_message(case, self.config.mailbox)
            path = str(Path.cwd() / self.t("app.mail.file_name", case_id=case_id))
            self.push_screen(MailDialog(self.t, message, path))

    def on_save_text_requested(self, message: SaveTextRequested) -> None:
        from tui.app.saved_file import save_target, save_text

        path = save_target(message.typed, message.default)
        try:
            save_text(path, message.text)
        except OSError as error:
            text = self.t("app.mail.save_failed", path=path, detail=error)
            self.notify(text, severity="error", markup=False)
            return
        self.notify_plain(self.t("app.mail.saved", path=path))

    def action_help(self) -> None:
        from tui.app.dialogs.help import HelpScreen
        from tui.app.help_text import help_for

        self.push_screen(HelpScreen(self.t, help_for(self)))

    def action_request_quit(self) -> None:
        from tui.app.dialogs.confirm import ConfirmDialog

        self.pending = pending_count(self._store) if self._store is not None else 0
        if not self.pending:
            self.exit()
            return
        t = self.t
        dialog = ConfirmDialog(
            t,
            t("app.quit.title"),
            t("app.quit.pending", pending=self.pending),
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
) -> StangningApp:
    """The dashboard on a store: an open CaseStore, or a function that opens one (called in a
    background thread after the first frame, so a large or slow store never delays it).
    ``today`` and ``now`` are the clock (tests freeze them); ``poll=False`` turns off the
    background look for other users' changes."""
    config = config or Config()
    return StangningApp(
        store,
        config,
        translator or Translator(config.language),
        template=template or default_template(),
        today=today,
        now=now,
        poll=poll,
    )


if TYPE_CHECKING:

    def _holds_to_the_api(app: StangningApp) -> Dashboard:
        """The type checker's proof that the app is what the screens take it for."""
        return app
