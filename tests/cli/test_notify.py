"""``stangning notify`` against a real SMTP server on loopback (aiosmtpd): one digest per role
to the role's recipients, nothing when there is nothing to say, and every failure one line."""

from __future__ import annotations

import email
import socket
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from .conftest import HSA_ID, OTHER_HSA_ID, PREFIX, Runner, add_case, assert_refused, ok

CLOSING = "2026-01-31"  # T = 2026-04-30
EARLIER = "2026-01-20"  # T = 2026-04-20
DAY_AFTER = "2026-02-01"
UNIT = "Vårdcentralen Åkersberga"
SENDER = "stangning@region.example.se"
RECIPIENTS = {
    "unit": "intygsutfardare@example.se",
    "caregiver_admin": "forvaltning@example.se",
    "ek_hsa": "ek-hsa@example.se",
}
REFUSED = "finns-inte@example.se"
PASSWORD = ("stangning", "hemligt lösen")  # beyond ASCII: sent as AUTH PLAIN in UTF-8


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        """The text as a mail program shows it (lines end in CRLF on the wire)."""
        return str(self.message.get_content()).replace("\r\n", "\n")


@dataclass
class Recorder:
    """An aiosmtpd handler: keeps every message it takes; refuses REFUSED as a recipient."""

    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address == REFUSED:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login, password = data.login.decode(), data.password.decode()
        self.logins.append((login, password))
        # handled=False: aiosmtpd answers a failure with 535 itself
        return AuthResult(success=(login, password) == PASSWORD, handled=False)

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if mail.recipients == [address]]


@dataclass(frozen=True)
class SmtpServer:
    recorder: Recorder
    port: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve(**options: Any) -> Iterator[SmtpServer]:
    recorder = Recorder()
    if options.pop("login", False):
        options |= {"authenticator": recorder.authenticate, "auth_require_tls": False}
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield SmtpServer(recorder, controller.port)
    finally:
        controller.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    yield from _serve()


@pytest.fixture
def smtp_with_login() -> Iterator[SmtpServer]:
    yield from _serve(login=True)


def settings(
    run: Runner, port: int, *, recipients: dict[str, str] = RECIPIENTS, extra: str = ""
) -> Path:
    """The user's settings file with a [notify] table for the server on ``port``."""
    path = run.home / "config" / "stangning" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "[notify]",
        'smtp_host = "127.0.0.1"',
        f"smtp_port = {port}",
        f'from_address = "{SENDER}"',
        extra,
        "[notify.recipients]",
        *(f'{role} = ["{address}"]' for role, address in recipients.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def two_cases(run: Runner) -> tuple[str, str]:
    """One closed on D = 2026-01-31 (a unit with å, ä, ö), one eleven days before it."""
    later = add_case(run, closing=CLOSING, unit=UNIT)
    earlier = add_case(run, closing=EARLIER, unit="Mottagning Öst", hsa_id=OTHER_HSA_ID)
    return later, earlier


def assert_failed(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 1, nothing on stdout, one line on stderr starting 'stangning: ', no traceback."""
    detail = (result.returncode, result.stdout, result.stderr)
    assert result.returncode == 1, detail
    assert result.stdout == "" and "Traceback" not in result.stderr, detail
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(PREFIX), detail
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def readme_cron_command() -> list[str]:
    """The arguments of the README's cron line (``0 7 * * 1-5  stangning notify``)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```crontab\n", 1)[1].split("```", 1)[0]
    line = next(line for line in block.splitlines() if "stangning notify" in line)
    return line.split("stangning", 1)[1].split()


def test_each_role_gets_its_digest_from_the_settings(run: Runner, smtp: SmtpServer) -> None:
    """The README's cron line, as cron runs it, sends each role its digest."""
    later, earlier = two_cases(run)
    settings(run, smtp.port)
    command = readme_cron_command()
    assert command[0] == "notify", command
    result = ok(run(*command, "--today", DAY_AFTER))
    assert result.stdout == "" and result.stderr == ""  # cron mails nothing when all is well
    received = smtp.recorder.received
    assert len(received) == 2  # EK/HSA has nothing to do before T: no mail
    assert all(mail.sender == SENDER for mail in received)
    [unit] = smtp.recorder.to(RECIPIENTS["unit"])
    [admin] = smtp.recorder.to(RECIPIENTS["caregiver_admin"])
    assert unit.subject == (
        "Stängningar 2026-02-01 – Enheten – försenade: 2, kontroller: 2, "
        "tillåtna från i dag: 0, inom 14 d: 0"
    )
    assert unit.message["From"] == SENDER and unit.message["To"] == RECIPIENTS["unit"]
    assert unit.message.get_content_type() == "text/plain"
    assert unit.message.get_content_charset() == "utf-8"
    assert (
        "Försenat (2)\n"
        f"- Vårt arbete (vart-arbete) – Mottagning Öst, {OTHER_HSA_ID}, ärende {earlier}\n"
        "  senast 2026-01-20, för 12 d sedan · D 2026-01-20 · T 2026-04-20\n"
        f"- Vårt arbete (vart-arbete) – {UNIT}, {HSA_ID}, ärende {later}\n"
        "  senast 2026-01-31, för 1 d sedan · D 2026-01-31 · T 2026-04-30\n"
    ) in unit.body  # the longest overdue first; the unit's name intact, å ä ö and all
    assert "Kontroller i dag eller försenade (2)\n- Bevaka fråga/svar (bevaka-fraga-svar)" in (
        unit.body
    )
    assert "Fil i fail" not in unit.body  # the administration's check, in its own digest
    assert f"- Vårdenhet i TC upphör (vardenhet-upphor) – {UNIT}, {HSA_ID}" in admin.body
    assert "- Fil i fail (fil-i-fail) – Mottagning Öst" in admin.body


def test_dry_run_prints_the_messages_and_sends_nothing(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING, unit=UNIT)
    settings(run, smtp.port)
    result = ok(run("notify", "--dry-run", "--today", DAY_AFTER))
    assert smtp.recorder.received == []
    out = result.stdout
    assert "Lokal EK/HSA-administratör: inget att rapportera i dag; inget skickas" in out
    assert (
        f"From: {SENDER}\nTo: {RECIPIENTS['unit']}\nSubject: Stängningar 2026-02-01 – Enheten"
        in out
    )
    assert f"To: {RECIPIENTS['caregiver_admin']}\n" in out
    assert f"- Vårt arbete (vart-arbete) – {UNIT}, {HSA_ID}" in out  # decoded, not quoted-printable
    assert result.stderr == ""


def test_nothing_to_report_sends_nothing_unless_always(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING)
    settings(run, smtp.port)
    quiet = ok(run("notify", "--today", "2025-12-01"))  # D is two months away
    assert (quiet.stdout, quiet.stderr, smtp.recorder.received) == ("", "", [])
    ok(run("notify", "--today", "2025-12-01", "--always"))
    received = smtp.recorder.received
    assert sorted(mail.recipients[0] for mail in received) == sorted(RECIPIENTS.values())
    for mail in received:
        assert "försenade: 0, kontroller: 0, tillåtna från i dag: 0, inom 14 d: 0" in mail.subject
        assert "Inget att göra i dag" in mail.body


def test_the_same_morning_twice_sends_the_same_digest_twice(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING)
    settings(run, smtp.port, recipients={"unit": RECIPIENTS["unit"]})
    ok(run("notify", "--today", DAY_AFTER))
    ok(run("notify", "--today", DAY_AFTER))
    first, second = smtp.recorder.received
    assert (first.subject, first.body) == (second.subject, second.body)


def test_role_to_and_smtp_options_win_over_the_settings(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING)
    settings(run, free_port())  # nothing listens there: the option must be what is used
    args = (
        "notify",
        "--today",
        "2026-04-30",
        "--role",
        "ek_hsa",
        "--smtp",
        f"127.0.0.1:{smtp.port}",
    )
    ok(run(*args, "--to", "a@example.se", "b@example.se"))
    [mail] = smtp.recorder.received
    assert mail.recipients == ["a@example.se", "b@example.se"]
    assert mail.subject.startswith("Stängningar 2026-04-30 – EK/HSA – ")
    assert "tillåtna från i dag: 2" in mail.subject
    assert "Tillåtet från i dag, T (2)\n- HSA verksamhet (hsa-verksamhet)" in mail.body
    assert "får göras från i dag (T) · D 2026-01-31 · T 2026-04-30" in mail.body


def test_english_when_the_settings_say_so(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING)
    path = settings(run, smtp.port, recipients={"unit": RECIPIENTS["unit"]})
    path.write_text('language = "en"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    ok(run("notify", "--today", DAY_AFTER))
    [mail] = smtp.recorder.received
    assert mail.subject.startswith("Closures 2026-02-01 – Unit – overdue: 1, checks: 1")
    assert "Overdue (1)\n- Vårt arbete (vart-arbete) – Vårdcentralen Exempel, " in mail.body


def test_a_server_that_is_down_is_one_line_and_exit_1(run: Runner) -> None:
    add_case(run, closing=CLOSING)
    port = free_port()
    settings(run, port)
    assert_failed(run("notify", "--today", DAY_AFTER), f"127.0.0.1:{port}", "kan inte nås")


def test_a_server_that_never_answers_is_one_line_and_exit_1(run: Runner) -> None:
    add_case(run, closing=CLOSING)
    with socket.socket() as silent:  # takes the connection, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings(run, silent.getsockname()[1], extra="timeout_seconds = 1")
        assert_failed(run("notify", "--today", DAY_AFTER), "svarade inte inom 1 s")


def test_a_refused_recipient_is_one_line_and_exit_1(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING)
    settings(run, smtp.port, recipients={"unit": REFUSED})
    line = assert_failed(run("notify", "--today", DAY_AFTER), REFUSED, "550 5.1.1")
    assert "tog inte emot mottagaren" in line
    assert smtp.recorder.received == []


def test_one_refused_among_several_still_fails(run: Runner, smtp: SmtpServer) -> None:
    add_case(run, closing=CLOSING)
    settings(run, smtp.port, recipients={"unit": RECIPIENTS["unit"]})
    result = run("notify", "--today", DAY_AFTER, "--to", "a@example.se", REFUSED)
    assert_failed(result, REFUSED, "550")


@pytest.mark.parametrize(
    ("where", "fragment"),
    [("option", "två@example.se är ingen e-postadress"), ("settings", "notify.recipients.unit")],
)
def test_a_bad_address_is_refused_and_nothing_is_sent(
    run: Runner, smtp: SmtpServer, where: str, fragment: str
) -> None:
    add_case(run, closing=CLOSING)
    if where == "option":
        settings(run, smtp.port)
        result = run("notify", "--today", DAY_AFTER, "--to", "a@example.se", "två@example.se")
    else:
        settings(run, smtp.port, recipients={**RECIPIENTS, "unit": "Anna <anna@example.se>"})
        result = run("notify", "--today", DAY_AFTER)
    assert_refused(result, fragment)
    assert smtp.recorder.received == []


def test_a_role_without_recipients_is_refused_by_its_key_and_nothing_is_sent(
    run: Runner, smtp: SmtpServer
) -> None:
    add_case(run, closing=CLOSING)
    settings(run, smtp.port, recipients={"unit": RECIPIENTS["unit"]})
    result = run("notify", "--today", "2026-04-30", "--role", "ek_hsa")
    assert_refused(result, "[notify.recipients] ek_hsa", "--to")
    assert smtp.recorder.received == []
    # Without --role, only the roles with recipients are notified.
    ok(run("notify", "--today", DAY_AFTER))
    assert [mail.recipients for mail in smtp.recorder.received] == [[RECIPIENTS["unit"]]]


def test_login_with_the_password_file(
    run: Runner, smtp_with_login: SmtpServer, tmp_path: Path
) -> None:
    add_case(run, closing=CLOSING)
    secret = tmp_path / "smtp-password"
    secret.write_text("hemligt lösen\n", encoding="utf-8")
    login = f'user = "stangning"\npassword_file = "{secret}"'
    settings(run, smtp_with_login.port, recipients={"unit": RECIPIENTS["unit"]}, extra=login)
    ok(run("notify", "--today", DAY_AFTER))
    assert smtp_with_login.recorder.logins == [PASSWORD]
    assert len(smtp_with_login.recorder.received) == 1
    secret.write_text("fel\n", encoding="utf-8")
    assert_failed(run("notify", "--today", DAY_AFTER), "inloggningen som stangning", "535")
    assert len(smtp_with_login.recorder.received) == 1


def test_an_unreadable_password_file_is_one_line_and_exit_1(
    run: Runner, smtp: SmtpServer, tmp_path: Path
) -> None:
    add_case(run, closing=CLOSING)
    missing = tmp_path / "finns-inte"
    login = f'user = "stangning"\npassword_file = "{missing}"'
    settings(run, smtp.port, extra=login)
    assert_failed(run("notify", "--today", DAY_AFTER), f"lösenordsfilen {missing}")
    assert smtp.recorder.received == []


def test_starttls_the_server_does_not_offer_is_one_line_and_exit_1(
    run: Runner, smtp: SmtpServer
) -> None:
    add_case(run, closing=CLOSING)
    settings(run, smtp.port, extra="starttls = true")
    assert_failed(run("notify", "--today", DAY_AFTER), "kan inte STARTTLS")
    assert smtp.recorder.received == []


@pytest.mark.parametrize("value", ["värd:0", "host:99999", "host:x", "host:", "[::1]x"])
def test_a_bad_smtp_option_is_refused(run: Runner, value: str) -> None:
    assert_refused(run("notify", "--smtp", value, "--dry-run"), f"--smtp {value}")


def test_config_init_writes_a_commented_notify_table_that_reads_back(run: Runner) -> None:
    ok(run("config", "init"))
    path = run.home / "config" / "stangning" / "config.toml"
    text = path.read_text(encoding="utf-8")
    assert "# stangning notify: e-postservern och varje rolls mottagare." in text
    assert "[notify]\n" in text and "[notify.recipients]\n" in text
    assert '# unit = ["intygsutfardare@example.se"]' in text
    assert '# password_file = "~/.config/stangning/smtp-password"' in text
    shown = tomllib.loads(ok(run("config", "show")).stdout)["notify"]
    assert shown == {
        "smtp_host": "localhost",
        "smtp_port": 25,
        "starttls": False,
        "from_address": "stangning@localhost",
        "timeout_seconds": 30.0,
    }
    # The example uncommented, the unit's digest has its recipient.
    path.write_text(text.replace('# unit = ["', 'unit = ["'), encoding="utf-8")
    add_case(run, closing=CLOSING)
    out = ok(run("notify", "--dry-run", "--today", DAY_AFTER)).stdout
    assert "To: intygsutfardare@example.se\nSubject: Stängningar 2026-02-01 – Enheten" in out
    assert "Förvaltning" not in out  # no recipients for the other roles: not notified


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ('[notify]\nsmtp_hots = "x"', "notify.smtp_hots"),
        ("[notify]\nsmtp_port = 0", "notify.smtp_port = 0"),
        ('[notify]\nuser = "anna"', "notify.password_file"),  # a login needs both
        ('[notify.recipients]\nenheten = ["a@example.se"]', "notify.recipients.enheten"),
    ],
)
def test_a_bad_notify_setting_is_one_line(run: Runner, table: str, fragment: str) -> None:
    path = run.home / "config" / "stangning" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(table + "\n", encoding="utf-8")
    assert_refused(run("notify", "--dry-run"), fragment)
