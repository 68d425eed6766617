"""The mailbox message as an .eml file: the same message, headers a mail program reads as a
draft ready to send, and addresses that are addresses."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
from email.message import EmailMessage

import pytest

from tests.unit.conftest import HSA_ID, make_case
from tui.core.errors import Refusal
from tui.core.mail_address import is_address, parsed_addresses
from tui.core.mail_file import eml_bytes
from tui.core.mailbox import MailMessage, mailbox_message

MAILBOX = "mitra.norden@regionstockholm.se"
NOW = "2026-11-25T12:00:00+01:00"


def message(unit: str = "Vårdcentralen Åsö", sender: str = "Anna Åström") -> MailMessage:
    case = make_case(unit=unit, caregiver="Praktikertjänst AB", closing=dt.date(2026, 1, 31))
    return mailbox_message(case, MAILBOX, sender)


def read(data: bytes) -> EmailMessage:
    """The file as a mail program reads it (line ends as lines, not as text)."""
    parsed = email.message_from_binary_file(io.BytesIO(data), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_the_file_carries_the_message_to_the_mailbox() -> None:
    mail = message()
    parsed = read(eml_bytes(mail, from_address=None, now=NOW))
    assert parsed["To"] == MAILBOX
    assert parsed["Subject"] == mail.subject
    assert parsed.get_content() == mail.body
    assert parsed["X-Unsent"] == "1"
    assert parsed["Date"].datetime == dt.datetime.fromisoformat(NOW)
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert "From" not in parsed
    assert f"Enhetens HSA-ID: {HSA_ID}" in parsed.get_content().splitlines()


@pytest.mark.parametrize(
    ("from_address", "expected"),
    [
        ("anna@example.com", ("Anna Åström", "anna@example.com")),  # named as the message is signed
        ("Kansliet <kansliet@example.com>", ("Kansliet", "kansliet@example.com")),
    ],
)
def test_from_is_the_address_given(from_address: str, expected: tuple[str, str]) -> None:
    parsed = read(eml_bytes(message(), from_address=from_address, now=NOW))
    (sender,) = parsed["From"].addresses
    assert (sender.display_name, sender.addr_spec) == expected


def test_a_line_break_in_a_name_cannot_add_a_header() -> None:
    mail = message(unit="VC Exempel\nBcc: alla@example.com", sender="Anna\r\nCc: x@example.com")
    parsed = read(eml_bytes(mail, from_address="anna@example.com", now=NOW))
    assert "Bcc" not in parsed and "Cc" not in parsed
    assert "\\x0a" in parsed["Subject"]


def test_the_file_is_seven_bit_with_crlf_lines() -> None:
    data = eml_bytes(message(), from_address="anna@example.com", now=NOW)
    assert data.isascii()
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    "text",
    [
        MAILBOX,
        "Mitra Norden <mitra.norden@regionstockholm.se>",
        "Anna Åström <anna@example.com>",
        "a@b",
    ],
)
def test_addresses(text: str) -> None:
    assert is_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "mitra.norden@",
        "@regionstockholm.se",
        "mitra.norden",
        "mitra norden@regionstockholm.se",
        "mitra@region..se",
        "mitra@regionstockholm.se\nBcc: x@example.com",
        "åsa@example.com",
        "asa@exämple.se",
        "undisclosed-recipients:;",
        "x <>",
        None,
        5,
    ],
)
def test_not_addresses(text: object) -> None:
    assert not is_address(text)
    assert parsed_addresses(text) == ()


def test_two_addresses_are_a_list_but_not_one_address() -> None:
    assert len(parsed_addresses("a@example.com, b@example.com")) == 2
    assert not is_address("a@example.com, b@example.com")


@pytest.mark.parametrize(
    ("to", "from_address", "key"),
    [
        ("mitra.norden@", None, "mailbox"),
        ("", None, "mailbox"),
        (MAILBOX, "anna", "mail_from"),
        (MAILBOX, "a@example.com, b@example.com", "mail_from"),
    ],
)
def test_an_address_that_is_not_one_is_refused(to: str, from_address: str | None, key: str) -> None:
    mail = MailMessage(to=to, subject="Ämne", body="Hej\n", sender="Anna")
    with pytest.raises(Refusal) as refused:
        eml_bytes(mail, from_address=from_address, now=NOW)
    assert refused.value.code == "mail.bad_address"
    assert refused.value.params["key"] == key
