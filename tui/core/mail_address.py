"""An e-mail address as ``stangning notify`` takes it: ``namn@example.se``, nothing more.

A plain address (RFC 5321's dot-atom local part and a host name), ASCII only, so every mail
server takes it without SMTPUTF8: no display name, no list, no quotes, no space, no line break.
What a server then does with it (a 550 for an unknown mailbox) is its answer, not this check's.
"""

from __future__ import annotations

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*")
MAX_LOCAL = 64  # RFC 5321, 4.5.3.1
MAX_ADDRESS = 254


def is_address(text: object) -> bool:
    """Whether ``text`` is one plain e-mail address (``root@localhost`` is one too)."""
    if not isinstance(text, str) or len(text) > MAX_ADDRESS:
        return False
    return _ADDRESS.fullmatch(text) is not None and len(text.rsplit("@", 1)[0]) <= MAX_LOCAL
