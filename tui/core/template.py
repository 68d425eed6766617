"""The checklist template: data/checklist.toml read into typed, immutable objects."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from tui.core.resources import data_dir

LANGUAGES = ("sv", "en")


class Role(StrEnum):
    UNIT = "unit"
    CAREGIVER_ADMIN = "caregiver_admin"
    EK_HSA = "ek_hsa"


class RuleKind(StrEnum):
    """The only timing rules the code knows; the template assigns them to activities."""

    BEFORE_CLOSING = "before_closing"
    MONITOR_UNTIL_THRESHOLD = "monitor_until_threshold"
    NOT_BEFORE_THRESHOLD = "not_before_threshold"


@dataclass(frozen=True)
class ItemText:
    name: str  # a short name for lists and notices: "Bevaka fråga/svar", "Fil i fail"
    activity: str  # the seed's wording
    who: str
    comment: str
    instructions: str


@dataclass(frozen=True)
class Condition:
    """The item applies only when the case field ``field`` equals ``equals``."""

    field: str
    equals: Any


@dataclass(frozen=True)
class ItemSpec:
    key: str
    role: Role
    rule: RuleKind
    condition: Condition | None
    texts: dict[str, ItemText]

    def text(self, lang: str) -> ItemText:
        return self.texts.get(lang, self.texts["sv"])

    def name(self, lang: str) -> str:
        """The short name users read (the key is what they type on the command line)."""
        return self.text(lang).name

    @property
    def monitored(self) -> bool:
        return self.rule is RuleKind.MONITOR_UNTIL_THRESHOLD


@dataclass(frozen=True)
class Abbreviation:
    short: str
    texts: dict[str, str]


@dataclass(frozen=True)
class Template:
    version: int
    mailbox: str
    items: tuple[ItemSpec, ...]
    roles: dict[Role, dict[str, str]]
    abbreviations: tuple[Abbreviation, ...]
    prose: dict[str, dict[str, str]]  # title, source, scope, why_three_months -> lang -> text

    def item(self, key: str) -> ItemSpec | None:
        return next((item for item in self.items if item.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    def item_name(self, key: str, lang: str) -> str:
        """The item's short name; the key itself for an item this template does not know."""
        item = self.item(key)
        return item.name(lang) if item is not None else key

    def role_name(self, role: Role, lang: str, *, short: bool = False) -> str:
        names = self.roles[role]
        return names[f"short_{lang}"] if short else names[lang]

    def text(self, name: str, lang: str) -> str:
        return self.prose[name][lang]


def parse_template(raw: dict[str, Any]) -> Template:
    """Build a Template from the parsed TOML; raises ValueError on a malformed template."""
    try:
        items = tuple(
            ItemSpec(
                key=entry["key"],
                role=Role(entry["role"]),
                rule=RuleKind(entry["rule"]),
                condition=Condition(**entry["condition"]) if "condition" in entry else None,
                texts={lang: ItemText(**entry[lang]) for lang in LANGUAGES},
            )
            for entry in raw["items"]
        )
        keys = [item.key for item in items]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate item keys in the template")
        for lang in LANGUAGES:
            names = [item.texts[lang].name.strip() for item in items]
            if "" in names or len(set(names)) != len(names):
                raise ValueError(f"every item needs its own name in {lang}")
        return Template(
            version=int(raw["version"]),
            mailbox=str(raw["mailbox"]),
            items=items,
            roles={Role(name): dict(texts) for name, texts in raw["roles"].items()},
            abbreviations=tuple(
                Abbreviation(short=entry["short"], texts={lang: entry[lang] for lang in LANGUAGES})
                for entry in raw["abbreviations"]
            ),
            prose={
                name: {lang: raw[name][lang] for lang in LANGUAGES}
                for name in ("title", "source", "scope", "why_three_months")
            },
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"malformed checklist template: {error}") from error


@cache
def default_template() -> Template:
    """The shipped template (read once; it is immutable)."""
    with (data_dir() / "checklist.toml").open("rb") as handle:
        return parse_template(tomllib.load(handle))
