"""The user's settings: a TOML file that may be absent. Every field has a documented default.

Where it is: ``--config FILE``, else ``STANGNING_CONFIG``, else ``config.toml`` in the user's
config directory. Command-line options and environment variables win over the file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from tui.core.errors import Refusal
from tui.core.i18n import LANGUAGES
from tui.core.template import Role, default_template

CONFIG_ENV = "STANGNING_CONFIG"


def _doc(text: str) -> Any:
    return {"doc": text}


@dataclass(frozen=True)
class Config:
    store: str | None = field(
        default=None,
        metadata=_doc(
            "The case store folder, on the shared drive (default: under the user's data dir)."
        ),
    )
    local: str | None = field(
        default=None,
        metadata=_doc(
            "This host's own folder, on local disk (default: under the user's data dir)."
        ),
    )
    language: str = field(default="sv", metadata=_doc('Language shown: "sv" or "en".'))
    roles: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            'Your roles, first one first: "unit", "caregiver_admin", "ek_hsa". '
            "The dashboard opens on the first role's pane (default: the overview)."
        ),
    )
    display_name: str | None = field(
        default=None, metadata=_doc("Your name as the dashboard shows it (default: login name).")
    )
    mailbox: str = field(
        default_factory=lambda: default_template().mailbox,
        metadata=_doc("The regional mailbox for items 4 and 5 (Vårdenhet/Enhet upphör)."),
    )
    check_cadence_days: int = field(
        default=7, metadata=_doc("How often the two monitoring items should be checked, in days.")
    )
    warn_days: int = field(
        default=14,
        metadata=_doc("Something due within this many days is a warning (status --nagios)."),
    )
    poll_seconds: float = field(
        default=1.5, metadata=_doc("How often the dashboard looks for other users' changes.")
    )

    def to_toml(self) -> str:
        values = {key: value for key, value in asdict(self).items() if value is not None}
        values["roles"] = list(self.roles)
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
    try:
        config = Config(**{**raw, "roles": tuple(raw.get("roles", ()))})
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
    ]
    for ok, name in checks:
        if not ok:
            raise Refusal("config.bad_value", path=path, key=name, value=getattr(config, name))
    return config


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


def commented_default() -> str:
    """The default config as TOML, every setting explained, unset ones commented out."""
    examples = {
        "store": "/mnt/delad/stangning",
        "local": "/var/tmp/stangning",
        "display_name": "Anna Andersson",
    }
    defaults = asdict(Config())
    blocks = ["# stangning settings. Delete a line to use its default.\n"]
    for item in fields(Config):
        value = defaults[item.name]
        shown = examples[item.name] if value is None else value
        line = tomli_w.dumps({item.name: list(shown) if isinstance(shown, tuple) else shown})
        prefix = "# " if value is None else ""  # TOML has no null: an unset value is commented
        blocks.append(f"# {item.metadata['doc']}\n{prefix}{line}")
    return "\n".join(blocks)
