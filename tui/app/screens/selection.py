"""Screens with a selected case and item (overview, role panes, case detail) share these keys:
mark done, record a check, undo, edit the case, the mailbox message, the closure report, open
the case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.note_prompt import NotePrompt
from tui.app.flow.readonly import changes_a_case
from tui.app.screens.base import DashboardScreen
from tui.core.errors import Refusal
from tui.core.printable import safe

Answer = TypeVar("Answer")


@dataclass(frozen=True)
class Selection:
    case_id: str
    item: str | None  # the item the keys act on, if any
    check_item: str | None = None  # the monitored item `c` acts on (defaults to ``item``)


NEEDS_SELECTION = frozenset(
    {
        "mark_done",
        "record_check",
        "undo",
        "mark_not_applicable",
        "edit_case",
        "show_mail",
        "write_report",
        "open_case",
    }
)


class SelectionScreen(DashboardScreen):
    _had_selection: bool | None = None

    def after_show(self) -> None:
        """Hide the keys that act on a row while there is none (an empty store or filter)."""
        has = self.selection() is not None
        if has != self._had_selection:
            self._had_selection = has
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_SELECTION and not self._had_selection:
            return False
        if self.dashboard.read_only and changes_a_case(action):
            return False  # not in the footer; pressed, it says why (flow/readonly.py)
        return super().check_action(action, parameters)

    def selection(self) -> Selection | None:
        """What the keys act on; None when nothing is selected."""
        return None

    def _nothing_selected(self) -> None:
        self.dashboard.notify_plain(self.dashboard.t("app.nothing_selected"), warning=True)

    def _selected_item(self) -> tuple[Selection, str] | None:
        selected = self.selection()
        if selected is None or selected.item is None:
            self._nothing_selected()
            return None
        return selected, selected.item

    def _item_name(self, key: str) -> str:
        return self.dashboard.template.item_name(key, self.dashboard.t.lang)

    def _item_title(self, case_id: str, key: str) -> str:
        line = self.dashboard.board.by_id(case_id)
        unit = safe(line.view.case.unit) if line else case_id
        return self.dashboard.t("app.item_of_case", item=self._item_name(key), unit=unit)

    def action_mark_done(self) -> None:
        found = self._selected_item()
        if found is not None:
            selected, key = found
            spec = self.dashboard.template.item(key)
            activity = spec.text(self.dashboard.t.lang).activity if spec else ""
            recorder = self.dashboard.recorder
            self._confirm_with_note(
                selected.case_id, key, "done", activity, recorder.check_done, recorder.mark_done
            )

    def action_record_check(self) -> None:
        selected = self.selection()
        key = (selected.check_item or selected.item) if selected is not None else None
        if selected is None or key is None:
            self._nothing_selected()
            return
        recorder = self.dashboard.recorder
        self._confirm_with_note(
            selected.case_id,
            key,
            "check",
            self.dashboard.t("app.confirm.check_text"),
            recorder.check_check,
            recorder.record_check,
        )

    def _refuse_or_ask(
        self,
        refused: Callable[[], None],
        dialog: ModalScreen[Answer | None],
        change: Callable[[Answer], object],
        done: str,
    ) -> None:
        """The one path of a change to an item: say at once why it is refused (``refused``
        writes nothing and raises the Refusal); otherwise ask with ``dialog`` and, unless it is
        cancelled (None) or declined (False), apply ``change(answer)`` and notify ``done``."""
        app = self.dashboard
        try:
            refused()
        except Refusal as refusal:
            app.refuse(refusal)
            return

        def answered(answer: Answer | None) -> None:
            if answer is not None and answer is not False:
                app.apply(lambda: change(answer), done)

        app.push_screen(dialog, answered)

    def _confirm_with_note(
        self,
        case_id: str,
        key: str,
        kind: str,
        text: str,
        refusal_of: Callable[[str, str], None],
        record: Callable[[str, str, str | None], None],
    ) -> None:
        """Done or a check (``kind``): confirmed with an optional note."""
        t = self.dashboard.t
        prompt = NotePrompt(
            t,
            t(f"app.confirm.{kind}_title"),
            self._item_title(case_id, key),
            text,
            confirm=t(f"app.confirm.{kind}_button"),
            example=t(f"app.note_hint.{kind}.{key}"),
        )
        self._refuse_or_ask(
            lambda: refusal_of(case_id, key),
            prompt,
            lambda note: record(case_id, key, note),
            t(f"app.notice.{kind}", item=self._item_name(key)),
        )

    def action_undo(self) -> None:
        found = self._selected_item()
        if found is None:
            return
        selected, key = found
        app, t = self.dashboard, self.dashboard.t
        dialog = ConfirmDialog(
            t,
            t("app.confirm.undo_title"),
            t("app.confirm.undo_text", what=self._item_title(selected.case_id, key)),
            yes=t("app.confirm.undo_button"),
            no=t("app.confirm.cancel"),
        )
        self._refuse_or_ask(
            lambda: app.recorder.check_undo(selected.case_id, key),
            dialog,
            lambda _yes: app.recorder.undo(selected.case_id, key),
            t("app.notice.undone", item=self._item_name(key)),
        )

    def action_mark_not_applicable(self) -> None:
        """Key x: the item "ej aktuell", with the reason the checklist's history keeps (the
        dialog does not close without one)."""
        from tui.app.dialogs.reason_prompt import ReasonPrompt

        found = self._selected_item()
        if found is None:
            return
        selected, key = found
        app, t = self.dashboard, self.dashboard.t
        self._refuse_or_ask(
            lambda: app.recorder.check_not_applicable(selected.case_id, key),
            ReasonPrompt(t, self._item_title(selected.case_id, key)),
            lambda reason: app.recorder.mark_not_applicable(selected.case_id, key, reason),
            t("app.notice.not_applicable", item=self._item_name(key)),
        )

    def action_edit_case(self) -> None:
        selected = self.selection()
        if selected is None:
            self._nothing_selected()
        else:
            self.dashboard.edit_case(selected.case_id)

    def action_show_mail(self) -> None:
        selected = self.selection()
        if selected is None:
            self._nothing_selected()
        else:
            self.dashboard.show_mail(selected.case_id)

    def action_write_report(self) -> None:
        """Key r: the closure report in Markdown, to a file the user may name."""
        from tui.app.dialogs.save_file import SaveFileDialog
        from tui.app.flow.saved_file import default_report_path

        selected = self.selection()
        app, t = self.dashboard, self.dashboard.t
        line = app.board.by_id(selected.case_id) if selected is not None else None
        if line is None:
            self._nothing_selected()
            return
        default = default_report_path(line.case_id, app.board.today, t, Path.cwd())
        dialog = SaveFileDialog(
            t,
            t("app.report.title", unit=safe(line.view.case.unit)),
            t("app.report.text"),
            str(default),
        )
        app.push_screen(dialog, lambda typed: self._save_report(line.case_id, typed, default))

    def _save_report(self, case_id: str, typed: str | None, default: Path) -> None:
        from tui.app.flow.saved_file import save_target, save_text
        from tui.export.report import case_report

        app, t = self.dashboard, self.dashboard.t
        line = app.board.by_id(case_id)
        if typed is None or line is None:
            return
        text = case_report(
            line.view,
            app.store.history(case_id),
            app.template,
            t,
            cadence_days=app.board.cadence_days,
            printed_at=app.now(),
            printed_by=app.user,
        )
        path = save_target(typed, default)
        try:
            save_text(path, text)
        except OSError as error:
            detail = error.strerror or str(error)
            app.notify(
                t("app.report.save_failed", path=path, detail=detail),
                severity="error",
                markup=False,
                timeout=8,
            )
            return
        app.notify_plain(t("app.report.saved", path=path))

    opens_on_item = False  # whether enter opens the case on the selected item (not item 1)

    def action_open_case(self) -> None:
        """Enter: the case, on its first item or (on a role pane) on the selected one."""
        selected = self.selection()
        if selected is not None:
            item = selected.item if self.opens_on_item else None
            self.dashboard.open_case(selected.case_id, item)
