"""The e-mail addresses ``stangning notify`` takes: plain ones, ASCII, nothing around them."""

from __future__ import annotations

import pytest

from tui.core.mail_address import is_plain_address


@pytest.mark.parametrize(
    "text",
    ["ek-hsa@regionstockholm.se", "a.b+c@example.se", "root@localhost", "x@sub.example.co.uk"],
)
def test_plain_addresses_are_taken(text: str) -> None:
    assert is_plain_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nope",
        "@example.se",
        "namn@",
        "två@example.se",  # non-ASCII: a server without SMTPUTF8 could not carry it
        "Anna <anna@example.se>",
        "a@example.se, b@example.se",
        "a b@example.se",
        "a@example.se\nBcc: x@example.se",
        "a..b@example.se",
        "a@-example.se",
        "a@example..se",
        f"{'a' * 65}@example.se",
        f"a@{'b' * 250}.se",
        None,
        5,
    ],
)
def test_anything_else_is_not(text: object) -> None:
    assert not is_plain_address(text)
