"""m, then e: the mailbox message saved as an e-mail file (.eml, as ``stangning mail --eml``)
where the user says, named like the text file; the footer and the help show the key; a place
that cannot be written is one line and leaves nothing; nothing is marked done."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import (
    SIZE,
    AppFactory,
    StoreSetup,
    case_id_of,
    notices,
    screen_text,
    select_row,
)
from tui.app import StangningApp
from tui.app.dialogs.help_text import help_for
from tui.app.dialogs.mail import MailDialog
from tui.app.dialogs.save_file import SaveFileDialog

UNIT = "Vårdcentralen Skogsbacken"
MAILBOX = "mitra.norden@regionstockholm.se"


def parsed(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


async def open_eml_prompt(app: StangningApp, pilot: object, case_id: str) -> None:
    assert await select_row(pilot, app, case_id)
    await pilot.press("m")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, MailDialog)
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, SaveFileDialog)


async def test_e_saves_the_message_as_an_eml_draft_in_the_current_folder(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    monkeypatch.chdir(out)
    case_id = case_id_of(demo_store, UNIT)
    before = demo_store.store.case(case_id)
    app = app_for(demo_store, display_name="Anna Åström", mail_from="anna@example.com")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await select_row(pilot, app, case_id)
        await pilot.press("m")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "e Spara som e-postfil" in footer
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SaveFileDialog)
        default = out / f"stangning-meddelande-{case_id}.eml"
        assert app.screen.query_one("#save-path", Input).value == str(default)
        assert MAILBOX in screen_text(app)  # whom the draft is to
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MailDialog)  # back in the message
    message = parsed(default)
    assert message["To"] == MAILBOX
    assert message["X-Unsent"] == "1"
    assert UNIT in message["Subject"]
    (sender,) = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Anna Åström", "anna@example.com")
    lines = message.get_content().splitlines()
    assert f"Enhet: {UNIT}" in lines and "Med vänlig hälsning" in lines
    assert f"E-postfilen sparad i {default}: öppna den och skicka" in notices(app)
    assert demo_store.store.case(case_id) == before  # nothing marked done


async def test_the_eml_goes_where_the_user_says_and_escape_writes_nothing(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    monkeypatch.chdir(out)
    case_id = case_id_of(demo_store, UNIT)
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_eml_prompt(app, pilot, case_id)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MailDialog)
        assert list(out.iterdir()) == []
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#save-path", Input).value = str(tmp_path / "brevlåda.eml")
        await pilot.press("enter")
        await pilot.pause()
    message = parsed(tmp_path / "brevlåda.eml")
    assert "From" not in message  # no mail_from: the mail program fills in the account
    assert list(out.iterdir()) == []


async def test_an_unwritable_place_is_one_line_and_leaves_nothing(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    blocker = out / "en-fil"
    blocker.write_text("inte en mapp", encoding="utf-8")
    case_id = case_id_of(demo_store, UNIT)
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_eml_prompt(app, pilot, case_id)
        target = blocker / "brevlada.eml"  # its folder is a file
        app.screen.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MailDialog)
    (notice,) = [text for text in notices(app) if "E-postfilen" in text]
    assert notice == f"E-postfilen sparades inte i {target}: Not a directory"
    assert [path.name for path in out.iterdir()] == ["en-fil"]  # no temporary file left


async def test_a_mailbox_that_is_no_address_is_one_line_and_no_file(
    demo_store: StoreSetup, app_for: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    case_id = case_id_of(demo_store, UNIT)
    app = app_for(demo_store, mailbox="mitra.norden@")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_eml_prompt(app, pilot, case_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MailDialog)
    (notice,) = [text for text in notices(app) if "mailbox" in text]
    assert "ingen e-postadress" in notice and "\n" not in notice
    assert list(tmp_path.glob("*.eml")) == []


async def test_the_help_lists_the_key(demo_store: StoreSetup, app_for: AppFactory) -> None:
    app = app_for(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Spara som e-postfil" in help_for(app).plain
