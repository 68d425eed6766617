"""``stangning --readonly``: a monitoring or wall-screen view that cannot change anything.

Every key (and command palette entry) that would change a case is hidden from the footer and,
pressed all the same, says in one line why nothing happens; the top bar says the view is
read-only. Under it the store itself refuses to record (``CaseStore(read_only=True)``), so no
path of the app can write a change. The closure report (`r`) and the mailbox message (`m`)
stay: they write a file of what is shown, and change no case.
"""

from __future__ import annotations

from tui.app.keys import bindings as keys
from tui.app.keys.binding_text import describe
from tui.core.i18n import Translator

# The keys that change a case: mark done, check, undo, not applicable, edit, new case.
CHANGE_KEYS = (keys.DONE, keys.CHECK, keys.UNDO, keys.NOT_APPLICABLE, keys.EDIT, keys.NEW_CASE)


def action_name(action: str) -> str:
    """The action's method name: "app.new_case" and "new_case()" are "new_case"."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1].strip()


CHANGE_ACTIONS = {action_name(binding.action): binding for binding in CHANGE_KEYS}


def changes_a_case(action: str) -> bool:
    return action_name(action) in CHANGE_ACTIONS


def refusal_text(action: str, t: Translator) -> str:
    """One line: the action changes cases, the view is read-only, nothing was changed."""
    binding = CHANGE_ACTIONS[action_name(action)]
    return t("app.readonly.refused", what=f"“{describe(binding, t)}”")


def bar_text(sync: str, t: Translator) -> str:
    """The top bar's right end, the view's mode first: "läsläge · ✓ synkad"."""
    return f"{t('app.readonly.bar')} · {sync}"
