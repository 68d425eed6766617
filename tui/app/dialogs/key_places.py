"""Where keys apply together, for checking a keymap (``keys/keymap``): each pane and the case
detail with its list's keys, and each dialog, the app's own keys in every one. Two actions in
one place must not share a key. Imported only when the settings have a keymap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding, BindingType

from tui.app.dialogs.case_form import CaseForm
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.mail import MailDialog
from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.keys import bindings as keys
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.row_list import RowList


def declared(owners: Iterable[object]) -> list[Binding]:
    """The bindings the classes declare (their ``BINDINGS``)."""
    found: list[BindingType] = [
        binding for owner in owners for binding in getattr(owner, "BINDINGS", [])
    ]
    return [binding for binding in found if isinstance(binding, Binding)]


def binding_groups(app_bindings: Sequence[Binding]) -> list[list[Binding]]:
    """The bindings of each place, one list per place."""
    lists = declared([RowList])
    screens: list[list[Binding]] = [
        [*screen, *lists, *app_bindings]
        for screen in (keys.OVERVIEW, keys.ROLE_PANE, keys.CASE_DETAIL)
    ]
    dialogs = [
        [*declared([dialog]), *app_bindings]
        for dialog in (CaseForm, ConfirmDialog, HelpScreen, MailDialog, TextPrompt, FilterBar)
    ]
    return screens + dialogs
