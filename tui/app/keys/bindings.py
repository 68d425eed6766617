"""Every key of the dashboard, declared once. Screens list theirs in footer order: what a new
user needs first comes first (space, c, enter, n, /, ?, q fit 80 columns; the footer leaves out
whole keys that do not fit, and every key is in ? and ctrl+p). The help and the command palette
read the same bindings. Descriptions are language-file keys, translated per screen at start."""

from __future__ import annotations

from textual.binding import Binding

# Anywhere on the dashboard (not in dialogs)
NEW_CASE = Binding("n", "app.new_case", "app.key.new_case", id="case.new")
HELP = Binding("question_mark", "app.help", "app.key.help", id="app.help")
QUIT = Binding("q", "app.request_quit", "app.key.quit", id="app.quit")
FILTER = Binding("slash", "open_filter", "app.key.filter", id="list.filter")
# Shown (and active) only while a filter is kept: esc on the list clears it.
CLEAR_FILTER = Binding("escape", "clear_filter", "app.key.clear_filter", id="list.clear_filter")
PANES: list[Binding] = [
    Binding("1", "app.show_pane('overview')", "app.key.overview", show=False, id="pane.overview"),
    Binding("2", "app.show_pane('unit')", "app.key.unit", show=False, id="pane.unit"),
    Binding(
        "3",
        "app.show_pane('caregiver_admin')",
        "app.key.caregiver_admin",
        show=False,
        id="pane.caregiver_admin",
    ),
    Binding("4", "app.show_pane('ek_hsa')", "app.key.ek_hsa", show=False, id="pane.ek_hsa"),
]

# On a selected case or item
DONE = Binding("space", "mark_done", "app.key.done", id="item.done")
CHECK = Binding("c", "record_check", "app.key.check", id="item.check")
UNDO = Binding("u", "undo", "app.key.undo", show=False, id="item.undo")
# Rare, as undo is: in ? and ctrl+p, not in the footer.
NOT_APPLICABLE = Binding(
    "x", "mark_not_applicable", "app.key.not_applicable", show=False, id="item.not_applicable"
)
EDIT = Binding("e", "edit_case", "app.key.edit", id="case.edit")
MAIL = Binding("m", "show_mail", "app.key.mail", id="case.mail")
OPEN = Binding("enter", "open_case", "app.key.open", id="case.open")
BACK = Binding("escape", "back", "app.key.back", id="case.back")
REPORT = Binding("r", "write_report", "app.key.report", id="case.report")
SHOW_COMPLETE = Binding(
    "a", "toggle_complete", "app.key.show_complete", show=False, id="list.complete"
)

ON_SELECTION: list[Binding] = [
    DONE,
    CHECK,
    UNDO,
    NOT_APPLICABLE,
    OPEN,
    EDIT,
    MAIL,
    REPORT,
    SHOW_COMPLETE,
]
FIRST_KEYS: list[Binding] = [DONE, CHECK, OPEN, NEW_CASE, FILTER, HELP, QUIT]
OVERVIEW: list[Binding] = [
    *FIRST_KEYS,
    CLEAR_FILTER,
    EDIT,
    MAIL,
    REPORT,
    UNDO,
    NOT_APPLICABLE,
    SHOW_COMPLETE,
    *PANES,
]
ROLE_PANE: list[Binding] = [
    *FIRST_KEYS,
    CLEAR_FILTER,
    EDIT,
    MAIL,
    REPORT,
    UNDO,
    NOT_APPLICABLE,
    *PANES,
]
CASE_DETAIL: list[Binding] = [
    DONE,
    CHECK,
    BACK,
    HELP,
    REPORT,
    EDIT,
    MAIL,
    UNDO,
    NOT_APPLICABLE,
    NEW_CASE,
    QUIT,
    *PANES,
]
