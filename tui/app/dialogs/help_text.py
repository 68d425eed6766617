"""The help (key ?): every key, the symbols, the abbreviations, the checklist's scope, and why
the three months. Keys are read from the screens' own bindings, so help never drifts from them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from tui.app.dialogs.case_form import CaseForm
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.mail import MailDialog
from tui.app.keys import bindings as keys
from tui.app.keys.binding_text import describe
from tui.app.keys.keymap import remapped
from tui.app.view.attention import ALL
from tui.app.view.phrases import status_label
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.row_list import RowList
from tui.core.i18n import Translator
from tui.core.template import Template

if TYPE_CHECKING:
    from tui.app.flow.dashboard_api import Dashboard

HEADING = "bold"
KEY = "bold"


def key_lines(
    sections: Sequence[tuple[str, Iterable[Binding]]],
    t: Translator,
    key_display: Callable[[Binding], str],
) -> Text:
    block = Text()
    for title, bindings in sections:
        block.append(f"{title}\n", HEADING)
        seen: set[str] = set()
        for binding in bindings:
            description = describe(binding, t)
            if not description or description in seen:
                continue
            seen.add(description)
            block.append(f"  {key_display(binding):>14}  ", KEY)
            block.append(f"{description}\n")
        block.append("\n")
    return block


def help_body(template: Template, t: Translator, keys: Text) -> Text:
    lang = t.lang
    block = Text(t("app.help.title") + "\n\n", HEADING)
    block.append_text(keys)
    block.append(t("app.help.more_keys") + "\n\n")
    block.append(t("app.help.symbols") + "\n", HEADING)
    for attention in ALL:
        if attention.check:
            continue
        block.append(f"  {status_label(attention, t)}\n")
    block.append(t("app.help.colour_note") + "\n\n")
    block.append(t("app.help.counting_title") + "\n", HEADING)
    block.append(t("app.help.counting") + "\n\n")
    block.append(t("app.help.why_title") + "\n", HEADING)
    block.append(template.text("why_three_months", lang) + "\n\n")
    block.append(t("app.help.abbreviations") + "\n", HEADING)
    width = max(len(abbreviation.short) for abbreviation in template.abbreviations)
    for abbreviation in template.abbreviations:
        block.append(f"  {abbreviation.short.ljust(width)}  ", KEY)
        block.append(abbreviation.texts.get(lang, abbreviation.texts["sv"]) + "\n")
    block.append("\n" + t("app.help.scope_title") + "\n", HEADING)
    block.append(f"{template.text('title', lang)} — {template.text('source', lang)}\n\n", "italic")
    block.append(template.text("scope", lang) + "\n")
    return block


def binding_keys(binding: Binding, display: Callable[[Binding], str]) -> str:
    """ "j/↓" for a binding of several keys."""
    return "/".join(
        display(dataclasses.replace(binding, key=key)) for key in binding.key.split(",")
    )


def help_for(app: Dashboard) -> Text:
    """The help text for the running app: its keys, by where they work."""
    t = app.t

    def bindings(*owners: type) -> list[Binding]:
        found = [binding for owner in owners for binding in getattr(owner, "BINDINGS", [])]
        return [binding for binding in found if isinstance(binding, Binding)]

    everywhere = [
        keys.NEW_CASE,
        *keys.PANES,
        keys.FILTER,
        keys.HELP,
        keys.QUIT,
        *bindings(type(app)),
    ]
    sections = [
        (t("app.help.section.global"), everywhere),
        (
            t("app.help.section.lists"),
            [*bindings(RowList), *keys.ON_SELECTION, *bindings(FilterBar)],
        ),
        (t("app.help.section.detail"), [keys.BACK]),
        (t("app.help.section.dialogs"), bindings(ConfirmDialog, CaseForm, MailDialog)),
    ]

    def shown(binding: Binding) -> str:  # with the user's own keys, if any
        return binding_keys(remapped(binding, app.keymap), app.get_key_display)

    lines = key_lines(sections, t, shown)
    return help_body(app.template, t, lines)
