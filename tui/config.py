"""The user's settings: a TOML file that may be absent. Every field has a documented default.

Where it is: ``--config FILE``, else ``STANGNING_CONFIG``, else ``config.toml`` in the user's
config directory. Command-line options and environment variables win over the file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from tui.core.errors import Refusal
from tui.core.i18n import LANGUAGES, Translator
from tui.core.template import Role, default_template

CONFIG_ENV = "STANGNING_CONFIG"
KEYS_EXAMPLE = '"item.done" = "space,d"'


@dataclass(frozen=True)
class Config:
    """Every setting with its default; each is explained to users in the commented file that
    ``stangning config init`` writes (the texts are ``config_doc.*`` in the language files)."""

    store: str | None = None  # the case store folder, on the shared drive
    local: str | None = None  # this host's own folder, on local disk
    language: str = "sv"
    roles: tuple[str, ...] = ()  # first one first; the dashboard opens on its pane
    display_name: str | None = None  # default: the login name
    mailbox: str = field(default_factory=lambda: default_template().mailbox)
    # The From of the mailbox message's e-mail file (stangning mail --eml, key e in m's
    # dialog): "anna.andersson@example.com"; unset, the file has none and the mail program fills
    # in the user's own.
    mail_from: str | None = None
    check_cadence_days: int = 7
    warn_days: int = 14  # status --nagios: due within this many days is a warning
    poll_seconds: float = 1.5
    # Your own keys, by binding id: [keys] "item.done" = "x" (checked when the dashboard
    # starts, see tui/app/keys/keymap.py). A table: it stays the last field.
    keys: Mapping[str, str] = field(default_factory=dict)

    def to_toml(self) -> str:
        values = {key: value for key, value in asdict(self).items() if value is not None}
        values["roles"] = list(self.roles)
        if not self.keys:
            values.pop("keys")
        return tomli_w.dumps(values)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir("stangning")) / "config.toml"


def config_path(option: str | None) -> Path:
    chosen = option or os.environ.get(CONFIG_ENV)
    return Path(chosen).expanduser() if chosen else default_config_path()


def _validated(raw: dict[str, Any], path: Path) -> Config:
    known = {item.name for item in fields(Config)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise Refusal("config.unknown_key", path=path, keys=", ".join(unknown))
    keymap = _flat_keys(raw.get("keys", {}))
    if keymap is None:
        raise Refusal("config.bad_value", path=path, key="keys", value=raw.get("keys"))
    try:
        config = Config(**{**raw, "roles": tuple(raw.get("roles", ())), "keys": keymap})
    except TypeError as error:
        raise Refusal("config.invalid", path=path, detail=error) from None
    checks = [
        (config.language in LANGUAGES, "language"),
        (all(role in {r.value for r in Role} for role in config.roles), "roles"),
        (
            isinstance(config.check_cadence_days, int) and config.check_cadence_days > 0,
            "check_cadence_days",
        ),
        (isinstance(config.warn_days, int) and config.warn_days >= 0, "warn_days"),
        (
            isinstance(config.poll_seconds, int | float) and config.poll_seconds >= 0.2,
            "poll_seconds",
        ),
        ("@" in str(config.mailbox), "mailbox"),
        (_address_or_unset(config.mail_from), "mail_from"),
    ]
    for ok, name in checks:
        if not ok:
            raise Refusal("config.bad_value", path=path, key=name, value=getattr(config, name))
    return config


def _address_or_unset(value: object) -> bool:
    if value is None:
        return True
    from tui.core.mail_file import is_address  # the email package, loaded only when it is set

    return is_address(value)


def _flat_keys(table: object, prefix: str = "") -> dict[str, str] | None:
    """``[keys]`` as binding id -> keys; TOML reads ``item.done = "x"`` as a table in a table,
    which is the id "item.done" too. None when a value is not text."""
    if not isinstance(table, dict):
        return None
    flat: dict[str, str] = {}
    for name, value in table.items():
        if isinstance(value, str):
            flat[f"{prefix}{name}"] = value
            continue
        inner = _flat_keys(value, f"{prefix}{name}.")
        if inner is None:
            return None
        flat |= inner
    return flat


def load_config(path: Path) -> Config:
    """The settings in path; the defaults when there is no file. Refusal when it is malformed."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        return Config()
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise Refusal("config.invalid", path=path, detail=error) from None
    return _validated(raw, path)


def commented_default(t: Translator) -> str:
    """The default config as TOML, every setting explained in the user's language, unset ones
    commented out."""
    examples = {
        "store": "/mnt/delad/stangning",
        "local": "~/.local/share/stangning/this-host",  # local disk, yours only (README)
        "display_name": "Anna Andersson",
        "mail_from": "anna.andersson@example.com",
    }
    defaults = asdict(Config(language=t.lang))  # written in English: English it is
    blocks = [f"# {t('config_doc.header')}\n"]
    for item in fields(Config):
        if item.name == "keys":  # a table, and empty by default: an example, commented
            blocks.append(f"# {t('config_doc.keys')}\n[keys]\n# {KEYS_EXAMPLE}\n")
            continue
        value = defaults[item.name]
        shown = examples[item.name] if value is None else value
        line = tomli_w.dumps({item.name: list(shown) if isinstance(shown, tuple) else shown})
        prefix = "# " if value is None else ""  # TOML has no null: an unset value is commented
        blocks.append(f"# {t(f'config_doc.{item.name}')}\n{prefix}{line}")
    return "\n".join(blocks)
