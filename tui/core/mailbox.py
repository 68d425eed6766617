"""The message to the regional mailbox for items 4 and 5 (always in Swedish: the mailbox is)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.case import Case
from tui.core.i18n import Translator
from tui.core.printable import escape_controls


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    body: str
    sender: str  # who signs it: also the name in the e-mail file's From (tui.core.mail_file)

    def as_text(self) -> str:
        return f"Till: {self.to}\nÄmne: {self.subject}\n\n{self.body}"


def mailbox_message(case: Case, to: str, sender: str) -> MailMessage:
    """Caregiver name, unit name, HSA-ID, closing date and desired removal date, in Swedish,
    signed by ``sender`` (the settings' ``display_name``, else the login name)."""
    t = Translator("sv")
    # A name with a line break or an escape sequence must not reshape the message.
    unit, caregiver, hsa_id, sender = (
        escape_controls(v) for v in (case.unit, case.caregiver, case.hsa_id, sender)
    )
    level = t(f"mail.level.{case.level.value}")
    removal = case.removal.isoformat() if case.removal else t("mail.no_removal")
    subject = t("mail.subject", level=level, unit=unit, hsa_id=hsa_id)
    body = t(
        "mail.body",
        caregiver=caregiver,
        unit=unit,
        hsa_id=hsa_id,
        closing=case.closing.isoformat(),
        removal=removal,
        level=level,
        ceases=t("mail.caregiver_ceases") if case.caregiver_ceases else "",
        sender=sender,
    )
    return MailMessage(to=to, subject=subject, body=body.strip() + "\n", sender=sender)
