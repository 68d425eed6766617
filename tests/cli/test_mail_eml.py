"""``stangning mail CASE --eml FILE``: the mailbox message as an e-mail file that Outlook and
Thunderbird open as a draft ready to send (To the mailbox, the subject and body of ``stangning
mail``, From the settings' ``mail_from`` when set). Nothing is marked done; a place that cannot
be written, or an address that is not one, is one line and leaves no file."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from .conftest import (
    HSA_ID,
    MAILBOX,
    Runner,
    add_case,
    assert_refused,
    item,
    ok,
    shifted,
    show_json,
    today,
)

UNIT = "Vårdcentralen Åsö Ängby"
CAREGIVER = "Region Stockholm"
CLOSING = shifted(days=30)
REMOVAL = shifted(days=45)
MAIL_ITEMS = ("sparrgrupp-upphor", "vardenhet-upphor")


@pytest.fixture
def case_id(run: Runner) -> str:
    return add_case(
        run,
        closing=CLOSING,
        caregiver=CAREGIVER,
        unit=UNIT,
        extra=("--removal", REMOVAL.isoformat()),
    )


def settings(run: Runner, text: str) -> dict[str, str]:
    """The settings file with ``text``, as the environment that points the program at it."""
    path = run.base / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return {"STANGNING_CONFIG": str(path)}


def parsed(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def files_outside_the_store(run: Runner) -> set[Path]:
    """Every file the test's folder holds but for the store, the home and the settings."""
    skip = {run.store, run.home}
    return {
        path
        for path in run.base.rglob("*")
        if path.is_file() and not any(path.is_relative_to(folder) for folder in skip)
        if path.name != "settings.toml"
    }


def test_the_file_is_a_draft_to_the_mailbox_with_the_message(run: Runner, case_id: str) -> None:
    result = ok(run("mail", case_id, "--eml", "brevlada.eml"))
    message = parsed(run.base / "brevlada.eml")
    assert message["To"] == MAILBOX
    assert message["Subject"] == (
        f"Stängning av enhet – Enhet i EK/Vårdenhet i TC upphör: {UNIT} ({HSA_ID})"
    )
    assert message["X-Unsent"] == "1"  # Outlook (and Thunderbird) open it ready to send
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert "From" not in message  # no mail_from set: the mail program fills in the account
    lines = message.get_content().splitlines()
    for line in (
        f"Vårdgivare: {CAREGIVER}",
        f"Enhet: {UNIT}",
        f"Enhetens HSA-ID: {HSA_ID}",
        f"Stängningsdatum: {CLOSING.isoformat()}",
        f"Önskemål om datum för avtakning: {REMOVAL.isoformat()}",
    ):
        assert line in lines, line
    assert "brevlada.eml" in result.stdout
    assert "Outlook" in result.stdout


def test_the_body_is_what_stangning_mail_prints(run: Runner, case_id: str) -> None:
    printed = ok(run("mail", case_id)).stdout
    ok(run("mail", case_id, "--eml", "brevlada.eml"))
    message = parsed(run.base / "brevlada.eml")
    shown = f"Till: {message['To']}\nÄmne: {message['Subject']}\n\n{message.get_content()}"
    assert printed == shown + "\n"  # print's own line end


def test_the_file_is_dated_and_ascii_on_the_wire(run: Runner, case_id: str) -> None:
    ok(run("mail", case_id, "--eml", "brevlada.eml"))
    raw = (run.base / "brevlada.eml").read_bytes()
    assert raw.isascii()  # å ä ö encoded (RFC 2047 in the subject, quoted-printable body)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    date = parsed(run.base / "brevlada.eml")["Date"].datetime
    assert isinstance(date, dt.datetime) and date.tzinfo is not None
    assert abs(date.date() - today()) <= dt.timedelta(days=1)


def test_nothing_is_marked_done(run: Runner, case_id: str) -> None:
    before = show_json(run, case_id)
    history = ok(run("case", "history", case_id, "--json")).stdout
    ok(run("mail", case_id, "--eml", "brevlada.eml"))
    after = show_json(run, case_id)
    for key in MAIL_ITEMS:
        assert item(after, key)["state"] == item(before, key)["state"] == "open"
    assert ok(run("case", "history", case_id, "--json")).stdout == history


@pytest.mark.parametrize(
    ("mail_from", "name", "address"),
    [
        ("anna.andersson@example.com", "Anna Åström", "anna.andersson@example.com"),
        ("Kansliet <kansliet@example.com>", "Kansliet", "kansliet@example.com"),
    ],
)
def test_from_is_the_settings_address(
    run: Runner, case_id: str, mail_from: str, name: str, address: str
) -> None:
    env = settings(run, f'display_name = "Anna Åström"\nmail_from = "{mail_from}"\n')
    ok(run("mail", case_id, "--eml", "brevlada.eml", env=env))
    sender = parsed(run.base / "brevlada.eml")["From"].addresses
    assert [(a.display_name, a.addr_spec) for a in sender] == [(name, address)]


def test_dash_writes_the_file_to_standard_output(run: Runner, case_id: str) -> None:
    result = ok(run("mail", case_id, "--eml", "-"))
    message = email.message_from_string(result.stdout, policy=email.policy.default)
    assert message["To"] == MAILBOX and message["X-Unsent"] == "1"
    assert f"Enhet: {UNIT}" in message.get_content().splitlines()  # type: ignore[attr-defined]
    assert files_outside_the_store(run) == set()


def test_the_message_stays_swedish_with_an_english_interface(run: Runner, case_id: str) -> None:
    result = ok(run("--lang", "en", "mail", case_id, "--eml", "brevlada.eml"))
    assert "E-mail file saved in brevlada.eml" in result.stdout
    assert parsed(run.base / "brevlada.eml")["Subject"].startswith("Stängning av enhet")


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("saknas/brevlada.eml", "finns inte"),
        (".", "är en mapp"),
        ("mapp/", "är en mapp"),
        ("en-fil/brevlada.eml", "ingen mapp"),
        ("", "--eml"),
        ("/etc/brevlada.eml", "systemmappen"),
    ],
)
def test_a_place_that_cannot_be_written_is_one_line_and_no_file(
    run: Runner, case_id: str, target: str, fragment: str
) -> None:
    (run.base / "en-fil").write_text("inte en mapp\n", encoding="utf-8")
    (run.base / "mapp").mkdir()
    before = files_outside_the_store(run)
    assert_refused(run("mail", case_id, "--eml", target), fragment)
    assert files_outside_the_store(run) == before


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ('mailbox = "mitra.norden@"', "mailbox"),
        ('mailbox = "mitra norden@regionstockholm.se"', "mailbox"),
        ('mailbox = ""', "mailbox"),
        ('mail_from = "anna.andersson"', "mail_from"),
        ('mail_from = "anna@example.com, bo@example.com"', "mail_from"),
    ],
)
def test_an_address_that_is_not_one_is_one_line_and_no_file(
    run: Runner, case_id: str, setting: str, fragment: str
) -> None:
    env = settings(run, setting + "\n")
    before = files_outside_the_store(run)
    assert_refused(run("mail", case_id, "--eml", "brevlada.eml", env=env), fragment)
    assert files_outside_the_store(run) == before


def test_an_unknown_case_writes_no_file(run: Runner, case_id: str) -> None:
    assert_refused(run("mail", "zzzzzz", "--eml", "brevlada.eml"), "zzzzzz")
    assert not (run.base / "brevlada.eml").exists()


def test_refusals_are_english_with_lang_en(run: Runner, case_id: str) -> None:
    env = settings(run, 'mailbox = "mitra.norden@"\n')
    line = assert_refused(run("--lang", "en", "mail", case_id, "--eml", "x.eml", env=env))
    assert "is not an e-mail address" in line
