"""Refusals: a rule or a validation said no. Rendered to one line by the language files."""

from __future__ import annotations

from typing import Any


class Refusal(Exception):
    """An action or input was refused. ``code`` is a key in the language files."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.params!r})"


class Failure(Refusal):
    """Not the user's input but the world failed the command (a mail server down, a folder that
    cannot be written): said in one line as a refusal is, with exit status 1 instead of 2."""
