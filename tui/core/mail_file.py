"""The mailbox message (tui.core.mailbox) as an e-mail file, ``.eml`` (RFC 5322), that Outlook
and Thunderbird open as a draft ready to send: To the regional mailbox, the same subject and
body, From the settings' ``mail_from`` when set (signed with the message's sender), dated.

Pure: the standard library's ``email`` package builds the bytes; the caller writes them. Nothing
here sends anything, and nothing is marked done: sending stays the user's, and so does marking
item 4 or 5 done afterwards.
"""

from __future__ import annotations

import datetime as dt
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from tui.core.errors import Refusal
from tui.core.mail_address import parsed_addresses
from tui.core.mailbox import MailMessage

# Outlook opens a message with this header as a draft, with a Send button; Thunderbird too.
UNSENT_HEADER = "X-Unsent"


def eml_bytes(message: MailMessage, *, from_address: str | None, now: str) -> bytes:
    """The message as an ``.eml`` file: CRLF lines, headers encoded for non-ASCII (RFC 2047),
    the body UTF-8 in quoted-printable (7-bit safe, whatever carries the file). ``now`` is an
    ISO 8601 moment, the Date. Refusal when the mailbox or ``from_address`` is not an address."""
    to = parsed_addresses(message.to)
    if not to:
        raise Refusal("mail.bad_address", key="mailbox", value=message.to)
    email = EmailMessage(policy=policy.SMTP)
    if from_address is not None:
        found = parsed_addresses(from_address)
        if len(found) != 1:
            raise Refusal("mail.bad_address", key="mail_from", value=from_address)
        sender = found[0]
        if not sender.display_name:  # "anna@example.com": named as the message is signed
            sender = Address(display_name=message.sender, addr_spec=sender.addr_spec)
        email["From"] = sender
    email["To"] = to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(dt.datetime.fromisoformat(now))
    email[UNSENT_HEADER] = "1"
    email.set_content(message.body, charset="utf-8", cte="quoted-printable")
    return email.as_bytes()
