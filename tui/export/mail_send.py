"""E-mail sent with the standard library: messages made with ``EmailMessage``, sent over one
SMTP connection (``smtplib``), STARTTLS and a login when the settings ask for them.

Every way sending can fail (the server down or not answering in time, a recipient or the sender
refused, the login refused, no STARTTLS) is a ``SendFailed``: one line, never a traceback. A
recipient the server refuses fails the send even when others were taken: the digest is meant to
reach everyone it names. Plain text in UTF-8, quoted-printable, so any server carries it.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from tui.core.errors import Failure
from tui.core.template import Role

AUTH_OK = 235  # RFC 4954: authentication succeeded


class SendFailed(Failure):
    """The server could not be used, or said no; ``sent``: the messages it took before."""

    def __init__(self, code: str, sent: Sequence[str] = (), **params: object) -> None:
        super().__init__(code, **params)
        self.sent = tuple(sent)


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    @property
    def name(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        return f"{host}:{self.port}"


@dataclass(frozen=True)
class Outgoing:
    """A role's message, and what to call it in a failure ("Enheten")."""

    label: str
    message: EmailMessage
    role: Role


def compose(
    *, sender: str, to: Sequence[str], subject: str, body: str, now: dt.datetime
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    if to:
        message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("stangning", domain=sender.rsplit("@", 1)[1])
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message


def as_text(message: EmailMessage, *, no_recipient: str = "") -> str:
    """What ``--dry-run`` shows: the headers that say who, what and when (``no_recipient`` in
    place of a To not given), decoded, and the text."""
    headers = [
        f"{name}: {message.get(name, no_recipient)}"
        for name in ("From", "To", "Subject", "Date")
        if name in message or (name == "To" and no_recipient)
    ]
    content = message.get_content()
    return "\n".join(headers) + "\n\n" + str(content)


def send(server: Server, outgoing: Sequence[Outgoing]) -> None:
    """Send each message in turn over one connection; SendFailed at the first failure."""
    sent: list[str] = []
    smtp = smtplib.SMTP(timeout=server.timeout)
    try:
        smtp.connect(server.host, server.port)
        if server.starttls:
            try:
                smtp.starttls(context=ssl.create_default_context())
            except smtplib.SMTPNotSupportedError as error:
                raise SendFailed("notify.starttls", server=server.name, detail=error) from None
        if server.user is not None and server.password is not None:
            try:
                _login(smtp, server.user, server.password, server)
            except smtplib.SMTPAuthenticationError as error:
                raise SendFailed(
                    "notify.login", server=server.name, user=server.user, reply=_reply(error)
                ) from None
        for item in outgoing:
            _send_one(smtp, item.message, server, sent)
            sent.append(item.label)
    except SendFailed:
        raise
    except (TimeoutError, smtplib.SMTPServerDisconnected) as error:
        # smtplib reports a reply that timed out as the connection closed ("…: timed out").
        if isinstance(error, TimeoutError) or "timed out" in str(error):
            raise SendFailed(
                "notify.timeout", sent, server=server.name, seconds=f"{server.timeout:g}"
            ) from None
        raise SendFailed("notify.smtp", sent, server=server.name, detail=error) from None
    except smtplib.SMTPResponseException as error:  # e.g. HELO refused
        raise SendFailed("notify.refused", sent, server=server.name, reply=_reply(error)) from None
    except smtplib.SMTPException as error:
        raise SendFailed("notify.smtp", sent, server=server.name, detail=error) from None
    except OSError as error:  # refused, no route, no such host, a TLS handshake that failed
        raise SendFailed(
            "notify.unreachable", sent, server=server.name, detail=error.strerror or error
        ) from None
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        smtp.close()


def _login(smtp: smtplib.SMTP, user: str, password: str, server: Server) -> None:
    """Log in; a user or password beyond ASCII (a Swedish password) as AUTH PLAIN in UTF-8
    (RFC 4616), which smtplib's ``login`` cannot send (it encodes as ASCII)."""
    if user.isascii() and password.isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise SendFailed("notify.login_plain", server=server.name, user=user)
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != AUTH_OK:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _send_one(
    smtp: smtplib.SMTP, message: EmailMessage, server: Server, sent: Sequence[str]
) -> None:
    """Send one message; SendFailed when the server refused it or any of its recipients
    (some of them, or every one)."""
    try:
        refused = smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:  # every one refused
        refused = error.recipients
    except smtplib.SMTPSenderRefused as error:
        raise SendFailed(
            "notify.refused_sender",
            sent,
            server=server.name,
            address=error.sender,
            reply=_reply(error),
        ) from None
    except smtplib.SMTPResponseException as error:  # e.g. the message refused after DATA
        raise SendFailed("notify.refused", sent, server=server.name, reply=_reply(error)) from None
    if refused:
        address, (code, text) = next(iter(refused.items()))
        reply = _reply(smtplib.SMTPResponseException(code, text))
        raise SendFailed(
            "notify.refused_recipient", sent, server=server.name, address=address, reply=reply
        )


def _reply(error: smtplib.SMTPResponseException) -> str:
    """ "550 5.1.1 no such mailbox": the server's code and words, on one line."""
    text = error.smtp_error
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return " ".join(f"{error.smtp_code} {words}".split())
