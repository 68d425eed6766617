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
from tui.core.mail_address import is_address, is_plain_address
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
    # starts, see tui/app/keys/keymap.py). Tables, [keys] and [notify]: they stay the last fields.
    keys: Mapping[str, str] = field(default_factory=dict)
    notify: NotifySettings = field(default_factory=lambda: NotifySettings())  # defined below

    def to_toml(self) -> str:
        values = {key: value for key, value in asdict(self).items() if value is not None}
        values["roles"] = list(self.roles)
        if not self.keys:
            values.pop("keys")
        values["notify"] = self.notify.to_dict()
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
    notify = _notify_settings(raw.get("notify", {}), path)
    try:
        config = Config(
            **{**raw, "roles": tuple(raw.get("roles", ())), "keys": keymap, "notify": notify}
        )
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
        if item.name == "notify":
            blocks.append(_commented_notify(t))
            continue
        value = defaults[item.name]
        shown = examples[item.name] if value is None else value
        line = tomli_w.dumps({item.name: list(shown) if isinstance(shown, tuple) else shown})
        prefix = "# " if value is None else ""  # TOML has no null: an unset value is commented
        blocks.append(f"# {t(f'config_doc.{item.name}')}\n{prefix}{line}")
    return "\n".join(blocks)


# --- [notify]: the mail server and each role's recipients for ``stangning notify`` -----------


@dataclass(frozen=True)
class NotifySettings:
    """``[notify]`` in the settings; every field is explained in the file ``config init``
    writes (``config_doc.notify.*`` in the language files)."""

    smtp_host: str = "localhost"  # the mail server (default: this host's own, as cron's mail)
    smtp_port: int = 25
    starttls: bool = False  # STARTTLS before anything is sent (port 587 wants it)
    user: str | None = None  # log in as this user, with the password in password_file
    password_file: str | None = None  # the password alone, in a file only you can read
    from_address: str = "stangning@localhost"
    days_ahead: int | None = None  # what falls due within this many days; default warn_days
    timeout_seconds: float = 30.0  # per answer of the server
    # By role key ("unit", "caregiver_admin", "ek_hsa"): the addresses. A table: the last field.
    recipients: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def recipients_of(self, role: Role) -> tuple[str, ...]:
        return tuple(self.recipients.get(role.value, ()))

    def days(self, warn_days: int) -> int:
        """The digest's days ahead: ``days_ahead``, else ``warn_days`` (as --nagios warns)."""
        return warn_days if self.days_ahead is None else self.days_ahead

    def to_dict(self) -> dict[str, Any]:
        """As TOML holds it: unset fields left out, each role's addresses a list."""
        values = {key: value for key, value in asdict(self).items() if value is not None}
        values["recipients"] = {role: list(found) for role, found in self.recipients.items()}
        if not values["recipients"]:
            values.pop("recipients")
        return values


NOTIFY_EXAMPLES: dict[str, Any] = {
    "user": "stangning",
    "password_file": "~/.config/stangning/smtp-password",
    "days_ahead": 14,
}
RECIPIENT_EXAMPLES = {
    Role.UNIT: "intygsutfardare@example.se",
    Role.CAREGIVER_ADMIN: "forvaltning@example.se",
    Role.EK_HSA: "ek-hsa@example.se",
}


def _notify_settings(raw: object, path: Path) -> NotifySettings:
    """``[notify]`` read and checked whole: an unknown key, a wrong type or a bad address is
    one refusal naming it (``notify.recipients.unit = …``)."""
    if not isinstance(raw, dict):
        raise Refusal("config.bad_value", path=path, key="notify", value=raw)
    known = {item.name for item in fields(NotifySettings)}
    unknown = sorted(f"notify.{key}" for key in set(raw) - known)
    if unknown:
        raise Refusal("config.unknown_key", path=path, keys=", ".join(unknown))
    recipients = _recipients(raw.get("recipients", {}), path)
    try:
        settings = NotifySettings(**{**raw, "recipients": recipients})
    except TypeError as error:
        raise Refusal("config.invalid", path=path, detail=error) from None

    def text(value: object) -> bool:
        return isinstance(value, str) and bool(value) and value.isprintable() and " " not in value

    def whole(value: object, low: int, high: int | None = None) -> bool:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= low
            and (high is None or value <= high)
        )

    timeout = settings.timeout_seconds
    checks = [
        (text(settings.smtp_host), "smtp_host"),
        (whole(settings.smtp_port, 1, 65535), "smtp_port"),
        (isinstance(settings.starttls, bool), "starttls"),
        (settings.user is None or text(settings.user), "user"),
        (settings.password_file is None or text(settings.password_file), "password_file"),
        # Both or neither: a login needs the user and the password.
        ((settings.user is None) == (settings.password_file is None), "password_file"),
        (is_plain_address(settings.from_address), "from_address"),
        (settings.days_ahead is None or whole(settings.days_ahead, 0), "days_ahead"),
        (
            isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0,
            "timeout_seconds",
        ),
    ]
    for ok, name in checks:
        if not ok:
            value = getattr(settings, name)
            raise Refusal("config.bad_value", path=path, key=f"notify.{name}", value=value)
    return settings


def _recipients(raw: object, path: Path) -> dict[str, tuple[str, ...]]:
    """``[notify.recipients]``: per role key, an address or a list of them."""
    if not isinstance(raw, dict):
        raise Refusal("config.bad_value", path=path, key="notify.recipients", value=raw)
    unknown = sorted(f"notify.recipients.{key}" for key in set(raw) - {r.value for r in Role})
    if unknown:
        raise Refusal("config.unknown_key", path=path, keys=", ".join(unknown))
    found: dict[str, tuple[str, ...]] = {}
    for role, value in raw.items():
        addresses = [value] if isinstance(value, str) else value
        key = f"notify.recipients.{role}"
        if not isinstance(addresses, list):
            raise Refusal("config.bad_value", path=path, key=key, value=value)
        for address in addresses:
            if not is_plain_address(address):
                raise Refusal("config.bad_value", path=path, key=key, value=address)
        found[role] = tuple(addresses)
    return found


def _commented_notify(t: Translator) -> str:
    """``[notify]`` with every setting explained; unset ones and the recipients, examples."""
    defaults = asdict(NotifySettings())
    blocks = [f"# {t('config_doc.notify.header')}\n[notify]"]
    for item in fields(NotifySettings):
        if item.name == "recipients":
            continue
        value = defaults[item.name]
        shown = NOTIFY_EXAMPLES[item.name] if value is None else value
        prefix = "# " if value is None else ""
        blocks.append(
            f"# {t(f'config_doc.notify.{item.name}')}\n{prefix}{_toml_line(item.name, shown)}"
        )
    examples = [f"# {_toml_line(role.value, [RECIPIENT_EXAMPLES[role]])}" for role in Role]
    blocks.append(
        "\n".join([f"# {t('config_doc.notify.recipients')}", "[notify.recipients]", *examples])
    )
    return "\n\n".join(blocks) + "\n"


def _toml_line(name: str, value: object) -> str:
    """``name = value`` on one line; a list of texts as ``name = ["a@b.se"]``."""
    if isinstance(value, list):
        texts = (tomli_w.dumps({"x": text})[len("x = ") :].rstrip("\n") for text in value)
        return f"{name} = [{', '.join(texts)}]"
    return tomli_w.dumps({name: value}).rstrip("\n")
