"""What an e-mail address is, for every front end: one rule, two forms.

- ``is_plain_address``: an envelope address as ``stangning notify`` sends to and from,
  ``namn@example.se`` and nothing more: RFC 5321's dot-atom local part and a host name, ASCII
  only, so every mail server takes it without SMTPUTF8: no display name, no list, no quotes, no
  space, no line break.
- ``parsed_addresses``/``is_address``: a header's address list as the settings' ``mailbox`` and
  ``mail_from`` and the ``.eml`` file carry them (``Namn <namn@example.se>``), each address in it
  plain by the rule above.

What a server then does with an address (a 550 for an unknown mailbox) is its answer, not this
check's. Pure (the standard library's ``email`` header parser).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from email.headerregistry import Address

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*")
MAX_LOCAL = 64  # RFC 5321, 4.5.3.1
MAX_ADDRESS = 254


def is_plain_address(text: object) -> bool:
    """Whether ``text`` is one plain e-mail address (``root@localhost`` is one too)."""
    if not isinstance(text, str) or len(text) > MAX_ADDRESS:
        return False
    return _ADDRESS.fullmatch(text) is not None and len(text.rsplit("@", 1)[0]) <= MAX_LOCAL


def parsed_addresses(text: object) -> tuple[Address, ...]:
    """The addresses in a To or From value (``a@example.com``, ``Namn <a@example.com>``, several
    separated by commas); () when it is not such a list: empty, a line break, no domain, a
    group, or a non-ASCII address (which a draft could not carry without SMTPUTF8)."""
    if not isinstance(text, str) or not text.strip() or not text.isprintable():
        return ()
    from email import policy  # loaded only when a header is read: commands start faster

    try:
        header = policy.default.header_factory("To", text)
        found = tuple(header.addresses)
    except Exception:  # the stdlib parser raises IndexError, TypeError, … on some junk
        return ()
    if header.defects or not found:
        return ()
    for address in found:
        if not is_plain_address(address.addr_spec):
            return ()
    return found


def is_address(text: object) -> bool:
    """Whether ``text`` is one e-mail address (as ``parsed_addresses`` reads it)."""
    return len(parsed_addresses(text)) == 1
