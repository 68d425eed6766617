"""Key bindings are declared statically with a language-file key as their description; this puts
the user's language into a widget's own copy of them, so the footer and help speak it."""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.dom import DOMNode

from tui.app.widgets.textual_compat import bindings_of
from tui.core.i18n import Translator

PREFIX = "app.key."


def describe(binding: Binding, t: Translator) -> str:
    """The binding's description in the user's language (unchanged if it is not a key)."""
    text = binding.description
    return t(text) if text.startswith(PREFIX) else text


def translate_bindings(node: DOMNode, t: Translator) -> None:
    bindings = bindings_of(node).key_to_bindings
    for key, found in bindings.items():
        bindings[key] = [
            dataclasses.replace(
                binding,
                description=describe(binding, t),
                tooltip=t(binding.tooltip)
                if binding.tooltip.startswith(PREFIX)
                else binding.tooltip,
            )
            for binding in found
        ]
