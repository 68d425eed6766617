"""A check box and radio buttons that show their state in characters ([x], (•)), not only in
colour: readable with NO_COLOR, in 16 colours, and over a screen reader."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class ReadableCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        return Content("[x]" if self.value else "[ ]")


class ReadableRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        return Content("(•)" if self.value else "( )")
