"""The user's own keys: ``[keys]`` in the settings maps binding ids to keys
(``"item.done" = "x"``, several keys as ``"x,ctrl+d"``), applied with Textual's
``App.set_keymap``. The keymap is checked whole before the dashboard starts: an unknown id, a key
Textual has no name for, or two actions on one key where both apply is refused in one line, and
nothing of it is applied. Which bindings apply together is ``dialogs/key_places``' to say (it
knows the dialogs; this module is imported by them).

The footer reads the screen's active bindings, which Textual remaps itself; the help and the
command palette read the declared bindings, and show each through ``remapped``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from textual.binding import Binding
from textual.keys import REPLACED_KEYS, Keys, key_to_character

from tui.app.widgets.textual_compat import normalized_keys
from tui.core.errors import Refusal

Keymap = Mapping[str, str]

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Key names Textual gives keys that are not characters ("f5", "pagedown", "enter", …).
NAMED_KEYS = frozenset(
    key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")
)


def _ids(groups: Iterable[Iterable[Binding]]) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        for binding in group:
            if binding.id is not None:
                seen.setdefault(binding.id)
    return list(seen)


def valid_key(key: str) -> bool:
    """Whether Textual can name the key: modifiers, then a character or a key's name
    ("x", "ctrl+x", "f5", "question_mark", "pagedown")."""
    *modifiers, name = key.split("+")
    if not name or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if name in NAMED_KEYS:
        return True
    return key_to_character(REPLACED_KEYS.get(name, name)) is not None


def _split(keys_text: str) -> list[str]:
    return [key.strip() for key in normalized_keys(keys_text).split(",")]


def checked_keymap(keymap: Keymap, places: Callable[[], list[list[Binding]]]) -> dict[str, str]:
    """The keymap in Textual's key names ("?" is "question_mark"), or the Refusal of its first
    fault: an unknown id, a key with no name, two actions on one key in one place. ``places``:
    the bindings that apply together, one list per place (``dialogs/key_places``), asked for
    only when there is a keymap."""
    if not keymap:
        return {}
    groups = places()
    known = _ids(groups)
    unknown = [binding_id for binding_id in keymap if binding_id not in known]
    if unknown:
        raise Refusal("keys.unknown_id", ids=", ".join(unknown), known=", ".join(sorted(known)))
    checked: dict[str, str] = {}
    for binding_id, keys_text in keymap.items():
        parts = _split(keys_text) if isinstance(keys_text, str) else [""]
        bad = next((key for key in parts if not valid_key(key)), None)
        if bad is not None:
            raise Refusal("keys.bad_key", id=binding_id, key=keys_text)
        checked[binding_id] = ",".join(parts)
    for group in groups:
        _refuse_clash(group, checked)
    return checked


def _refuse_clash(group: Iterable[Binding], keymap: Keymap) -> None:
    owner: dict[str, str] = {}  # key -> the id (or action) that has it
    for binding in group:
        name = binding.id or binding.action
        for key in effective_keys(binding, keymap):
            first = owner.setdefault(key, name)
            if first != name:
                raise Refusal("keys.clash", key=key, first=first, second=name)


def effective_keys(binding: Binding, keymap: Keymap) -> list[str]:
    """The keys that press the binding, the keymap's where it names the binding."""
    chosen = keymap.get(binding.id) if binding.id is not None else None
    return _split(chosen if chosen is not None else binding.key)


def remapped(binding: Binding, keymap: Keymap) -> Binding:
    """The binding with the keymap's keys (its own display kept only when unchanged)."""
    if binding.id is None or binding.id not in keymap:
        return binding
    return dataclasses.replace(binding, key=keymap[binding.id], key_display=None)
