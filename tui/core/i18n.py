"""Text shown to users: one folder per language in data/locale/, Swedish first.

Each folder holds one TOML file per area (core.toml, cli.toml, app.toml, …); together they are
that language's catalogue. A key may be defined in only one file of a language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from tui.core.errors import Refusal
from tui.core.printable import escape_controls
from tui.core.resources import data_dir

DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict[str, str]:
    """All messages of one language, keyed by dotted name."""
    messages: dict[str, str] = {}
    for path in sorted((data_dir() / "locale" / lang).glob("*.toml")):
        with path.open("rb") as handle:
            found = _flatten(tomllib.load(handle))
        twice = messages.keys() & found.keys()
        if twice:
            raise ValueError(f"{path.name} redefines {sorted(twice)}")
        messages |= found
    return messages


@dataclass(frozen=True)
class Translator:
    lang: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise Refusal("lang.unknown", lang=self.lang, choices=", ".join(LANGUAGES))

    def __call__(self, key: str, /, **params: Any) -> str:
        """The message ``key`` in this language (Swedish when English lacks it), formatted."""
        text = catalog(self.lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key)
        if text is None:
            raise KeyError(key)
        return text.format(**params) if params else text

    def refusal(self, refusal: Refusal) -> str:
        """One line saying what was refused and why; field names in this language."""
        params = {name: escape_controls(value) for name, value in refusal.params.items()}
        if "field" in params:
            params["field"] = self(f"field_name.{params['field']}")
        return escape_controls(self(f"error.{refusal.code}", **params))
