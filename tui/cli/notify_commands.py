"""``stangning notify``: each role's digest by e-mail, meant for cron (``0 7 * * 1-5``).

Which roles: ``--role``, else those with recipients in ``[notify.recipients]`` (all three when
``--to`` is given, or when none has any). A role with nothing to report gets no mail unless
``--always``. Everything is checked before the first message goes: a bad address or a role
without a recipient is one refusal (exit 2) and nothing is sent; the server failing is one line
and exit 1 (``SendFailed`` is a ``Failure``). Nothing is remembered: the same morning twice
sends the same digests twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence

from tui.cli.case_commands import listed_views
from tui.cli.context import Context, user_path
from tui.config import NotifySettings
from tui.core.digest import Digest, build_digest
from tui.core.digest_text import digest_body, digest_subject
from tui.core.errors import Failure, Refusal
from tui.core.mail_address import is_plain_address
from tui.core.template import Role
from tui.export.mail_send import Outgoing, SendFailed, Server, as_text, compose, send

MAX_PORT = 65535


def notify(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.config.notify
    to = tuple(args.to or ())
    for address in to:
        if not is_plain_address(address):
            raise Refusal("notify.bad_address", address=address)
    host, port = smtp_option(args.smtp, settings)
    roles = chosen_roles(args.role, settings, to)
    days_ahead = settings.days(ctx.config.warn_days)
    views = listed_views(ctx)
    digests = [build_digest(views, role, today=ctx.today, days_ahead=days_ahead) for role in roles]
    wanted = [digest for digest in digests if args.always or not digest.empty]
    outgoing = [_outgoing(ctx, digest, to, dry_run=args.dry_run) for digest in wanted]
    if args.dry_run:
        _show(ctx, digests, outgoing, always=args.always)
        return 0
    if not outgoing:
        return 0
    try:
        server = Server(
            host,
            port,
            starttls=settings.starttls,
            user=settings.user,
            password=_password(settings),
            timeout=float(settings.timeout_seconds),
        )
        send(server, outgoing)
    except SendFailed as failure:
        if not failure.sent:
            raise
        sent = ", ".join(failure.sent)
        raise Failure("notify.partly_sent", reason=ctx.t.refusal(failure), roles=sent) from None
    return 0


def chosen_roles(role: str | None, settings: NotifySettings, to: Sequence[str]) -> list[Role]:
    """The roles to notify: the one asked for; else every role with recipients in the
    settings, or every role when --to names the recipients or the settings name none."""
    if role is not None:
        return [Role(role)]
    configured = [found for found in Role if settings.recipients_of(found)]
    return list(Role) if to or not configured else configured


def smtp_option(text: str | None, settings: NotifySettings) -> tuple[str, int]:
    """``--smtp HOST``, ``HOST:PORT`` or ``[IPv6]:PORT``; the settings' when not given."""
    if text is None:
        return settings.smtp_host, settings.smtp_port
    host, port_text = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise Refusal("notify.bad_smtp", value=text)
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    port = settings.smtp_port
    if port_text or text.endswith(":"):
        port = int(port_text) if port_text.isascii() and port_text.isdigit() else 0
    if not host or not host.isprintable() or " " in host or not 0 < port <= MAX_PORT:
        raise Refusal("notify.bad_smtp", value=text)
    return host, port


def _outgoing(ctx: Context, digest: Digest, to: Sequence[str], *, dry_run: bool) -> Outgoing:
    settings, t = ctx.config.notify, ctx.t
    recipients = tuple(to) or settings.recipients_of(digest.role)
    role = ctx.template.role_name(digest.role, t.lang)
    if not recipients and not dry_run:
        raise Refusal("notify.no_recipient", role=role, key=digest.role.value)
    message = compose(
        sender=settings.from_address,
        to=recipients,
        subject=digest_subject(digest, ctx.template, t),
        body=digest_body(digest, ctx.template, t),
        now=dt.datetime.fromisoformat(ctx.now()),  # the share's clock when this one is off
    )
    return Outgoing(role, message, digest.role)


def _show(ctx: Context, digests: list[Digest], outgoing: list[Outgoing], *, always: bool) -> None:
    """``--dry-run``: each message as it would go, and a line for each role left out."""
    for digest in digests:
        if digest.empty and not always:
            role = ctx.template.role_name(digest.role, ctx.t.lang)
            print(ctx.t("notify.out.nothing", role=role))
    for index, item in enumerate(outgoing):
        if index or len(outgoing) < len(digests):
            print()
        missing = ctx.t("notify.out.no_recipient", key=item.role.value)
        print(as_text(item.message, no_recipient=missing), end="")


def _password(settings: NotifySettings) -> str | None:
    """The password in ``password_file`` (its last line break dropped); None: no login."""
    if settings.password_file is None:
        return None
    path = user_path(settings.password_file)
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        detail = error.strerror if isinstance(error, OSError) else error.reason
        raise SendFailed("notify.password_file", path=path, detail=detail or error) from None
